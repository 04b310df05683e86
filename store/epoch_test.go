package store

import (
	"context"
	"testing"
)

// TestEpoch: the state's name is set once and read back; a Redis that lost
// it (FLUSHALL) reads none, and the next EnsureEpoch names a new state.
func TestEpoch(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	e1, created, err := db.EnsureEpoch(ctx)
	if err != nil || !created || e1 == "" {
		t.Fatalf("first EnsureEpoch = %q, %v, %v", e1, created, err)
	}
	if e2, created, _ := db.EnsureEpoch(ctx); e2 != e1 || created {
		t.Errorf("second EnsureEpoch = %q, %v; want %q kept", e2, created, e1)
	}
	if err := db.c.Del(ctx, db.k.epoch()).Err(); err != nil {
		t.Fatal(err)
	}
	if e, _ := db.Epoch(ctx); e != "" {
		t.Errorf("Epoch after the state was lost = %q, want none", e)
	}
	if e3, created, _ := db.EnsureEpoch(ctx); e3 == e1 || !created {
		t.Errorf("EnsureEpoch after the loss = %q, %v; want a new state", e3, created)
	}
	if _, known := db.Persistent(ctx); !known {
		t.Log("the test Redis does not report its persistence (CONFIG disabled)")
	}
}
