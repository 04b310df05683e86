package store

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"chidao"
	"chidao/internal/redistest"
)

func TestAuditOrderAndSince(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	entries := []AuditEntry{
		{At: t0, Action: "broadcast", Directive: "d1", Member: "telegram:1", Detail: "42 deliveries"},
		{At: t0.Add(time.Second), Action: "deliver", Directive: "d1", Unit: "phong-noi-vu", Member: "telegram:2"},
		{At: t0.Add(2 * time.Second), Action: "deliver-failed", Directive: "d1", Unit: "xa-an-son", Reason: "403 Forbidden"},
	}
	if err := db.Audit(ctx, entries...); err != nil {
		t.Fatal(err)
	}
	later := []AuditEntry{
		{At: t0.Add(time.Hour), Action: "remind", Directive: "d1", Task: "5", Unit: "phong-noi-vu", Stage: "due-1"},
		// Written later but dated earlier (a catch-up tick): still found
		// by its own time and listed in the order written.
		{At: t0.Add(30 * time.Minute), Action: "remind-skip", Directive: "d1", Task: "5", Unit: "xa-an-son", Stage: "due-1", Reason: "muted"},
	}
	for _, e := range later {
		if err := db.Audit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	all := append(append([]AuditEntry{}, entries...), later...)
	tests := []struct {
		name  string
		since time.Time
		limit int
		want  []AuditEntry
	}{
		{"everything", time.Time{}, 0, all},
		{"limit", time.Time{}, 2, all[:2]},
		{"since a second in", t0.Add(time.Second), 0, all[1:]},
		{"since a quarter hour", t0.Add(15 * time.Minute), 0, all[3:]},
		{"since the late-dated entry's time", t0.Add(30 * time.Minute), 1, all[3:4]},
		{"since after everything", t0.Add(2 * time.Hour), 0, nil},
	}
	for _, tt := range tests {
		got, err := db.AuditLog(ctx, tt.since, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: AuditLog = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestAuditZeroTimeTakesTheClock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := Open(ctx, redistest.URL(t), Options{Prefix: redistest.Prefix(t), Clock: chidao.ClockFunc(func() time.Time { return t0 })})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Audit(ctx, AuditEntry{Action: "invite", Unit: "xa-an-son"}); err != nil {
		t.Fatal(err)
	}
	got, err := db.AuditLog(ctx, time.Time{}, 0)
	if err != nil || len(got) != 1 || !got[0].At.Equal(t0) {
		t.Errorf("AuditLog = %+v, %v, want one entry at the clock's time", got, err)
	}
}

func TestAuditIsCapped(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const capacity = 100
	db, err := Open(ctx, redistest.URL(t), Options{Prefix: redistest.Prefix(t), AuditCap: capacity})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var batch []AuditEntry
	for i := range 2000 {
		batch = append(batch, AuditEntry{At: t0.Add(time.Duration(i) * time.Millisecond), Action: "remind", Detail: fmt.Sprint(i)})
		if len(batch) == 100 {
			if err := db.Audit(ctx, batch...); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	n := db.c.XLen(ctx, db.k.audit()).Val()
	// MAXLEN ~ trims whole stream nodes (100 entries each by default).
	if n < capacity || n > 3*capacity {
		t.Errorf("audit stream holds %d entries after 2000 writes with cap %d", n, capacity)
	}
	got, err := db.AuditLog(ctx, time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if last := got[len(got)-1]; last.Detail != "1999" {
		t.Errorf("newest entry kept = %+v, want 1999", last)
	}
}
