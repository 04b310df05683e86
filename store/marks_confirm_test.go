package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestConfirmMarks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	m := Mark{Directive: "d1", Task: "5", Unit: "xa-an-son", Stage: "due-1", Occurrence: "2024-06-07"}

	if got, err := db.ClaimMarks(ctx, []Mark{m}, 2*time.Minute); err != nil || !got[0] {
		t.Fatalf("ClaimMarks = %v, %v; want claimed", got, err)
	}
	if err := db.ConfirmMarks(ctx, []Mark{m}, 40*24*time.Hour); err != nil {
		t.Fatalf("ConfirmMarks: %v", err)
	}
	if ttl := db.c.TTL(ctx, db.k.mark(m)).Val(); ttl < 39*24*time.Hour {
		t.Errorf("TTL after confirming = %v, want about 40 days", ttl)
	}
	if got, _ := db.ClaimMarks(ctx, []Mark{m}, 2*time.Minute); got[0] {
		t.Errorf("a confirmed mark was claimed again")
	}

	// A lease that ran out (or a release) before the confirmation arrived:
	// the delivered reminder must still be marked.
	late := Mark{Directive: "d1", Task: "6", Unit: "xa-an-son", Stage: "overdue", Occurrence: "2024-06-07@2024-06-10"}
	if err := db.ConfirmMarks(ctx, []Mark{late}, time.Hour); err != nil {
		t.Fatalf("ConfirmMarks after the lease: %v", err)
	}
	if got, _ := db.ClaimMarks(ctx, []Mark{late}, time.Minute); got[0] {
		t.Errorf("a mark confirmed after its lease ran out was claimed again")
	}

	// Released marks can be claimed again; confirming nothing is a no-op.
	if err := db.ReleaseMarks(ctx, []Mark{m}); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.ClaimMarks(ctx, []Mark{m}, time.Minute); !got[0] {
		t.Errorf("a released mark could not be claimed")
	}
	if err := db.ConfirmMarks(ctx, nil, time.Hour); err != nil {
		t.Errorf("ConfirmMarks(nil) = %v", err)
	}
	if err := db.ConfirmMarks(ctx, []Mark{{Directive: "", Stage: "x"}}, time.Hour); err == nil {
		t.Errorf("ConfirmMarks with an empty directive succeeded")
	}
	if err := db.ConfirmMarks(ctx, []Mark{m}, 0); err == nil {
		t.Errorf("ConfirmMarks with a zero ttl succeeded")
	}
}

func TestConfirmMarksInOneRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newDB(t)
	marks := make([]Mark, 5000)
	for i := range marks {
		marks[i] = Mark{Directive: fmt.Sprintf("d%d", i%50), Task: fmt.Sprint(i), Unit: "u", Stage: "due-0"}
	}
	_ = db.ConfirmMarks(ctx, marks[:1], time.Hour) // opens the pipeline connection (HELLO, CLIENT SETINFO)
	if n := trips(db, func() {
		if err := db.ConfirmMarks(ctx, marks, time.Hour); err != nil {
			t.Fatal(err)
		}
	}); n != 1 {
		t.Errorf("ConfirmMarks of %d marks took %d round trips, want 1", len(marks), n)
	}
	got, err := db.ClaimMarks(ctx, marks, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for i, ok := range got {
		if ok {
			t.Fatalf("mark %d was not confirmed", i)
		}
	}
}
