package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"chidao"
)

func TestDirectivesSince(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	put := func(id string, at time.Time) {
		if err := db.PutDirective(ctx, &chidao.Directive{ID: id, Number: id}, at); err != nil {
			t.Fatal(err)
		}
	}
	put("a", t0)
	put("b", t0.Add(time.Minute))
	got, latest, err := db.DirectivesSince(ctx, time.Time{})
	if err != nil || len(got) != 2 || got[0].ID != "a" || !latest.Equal(t0.Add(time.Minute)) {
		t.Fatalf("first read = %d directives, latest %v, %v", len(got), latest, err)
	}
	if got, l2, err := db.DirectivesSince(ctx, latest); err != nil || len(got) != 0 || !l2.Equal(latest) {
		t.Fatalf("nothing new: got %d, latest %v, %v", len(got), l2, err)
	}
	// Another process broadcasts c and puts a again (a re-broadcast).
	put("c", t0.Add(2*time.Minute))
	put("a", t0.Add(3*time.Minute))
	got, latest, err = db.DirectivesSince(ctx, latest)
	if err != nil || len(got) != 2 || got[0].ID != "c" || got[1].ID != "a" || !latest.Equal(t0.Add(3*time.Minute)) {
		t.Fatalf("after two puts = %v, latest %v, %v", got, latest, err)
	}
}

// TestDirectivesSinceDamaged: a record that cannot be decoded is named in
// an UnreadableError and the others still come back.
func TestDirectivesSinceDamaged(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	for i, id := range []string{"a", "bad", "c"} {
		if err := db.PutDirective(ctx, &chidao.Directive{ID: id, Number: id}, t0.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.c.Set(ctx, db.k.doc("bad"), "{not json", 0).Err(); err != nil {
		t.Fatal(err)
	}
	got, latest, err := db.DirectivesSince(ctx, time.Time{})
	var bad *chidao.UnreadableError
	if !errors.As(err, &bad) || len(bad.IDs) != 1 || bad.IDs[0] != "bad" {
		t.Fatalf("err = %v, want an UnreadableError naming bad", err)
	}
	if len(got) != 2 || got[0].ID != "a" || got[1].ID != "c" || !latest.Equal(t0.Add(2*time.Minute)) {
		t.Fatalf("got %v, latest %v; want a and c", got, latest)
	}
}
