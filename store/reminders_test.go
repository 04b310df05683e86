package store

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"
)

func marks(n int) []Mark {
	ms := make([]Mark, n)
	for i := range ms {
		ms[i] = Mark{Directive: fmt.Sprintf("d%d", i%7), Task: fmt.Sprint(i), Unit: "xa-an-son", Stage: "due-1", Occurrence: "2024-06"}
	}
	return ms
}

func TestMarks(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	m := Mark{Directive: "d1", Task: "5", Unit: "phong-noi-vu", Stage: "due-1"}
	sameButStage := m
	sameButStage.Stage = "due-0"
	sameButOccurrence := m
	sameButOccurrence.Occurrence = "2024-07"

	got, err := db.ClaimMarks(ctx, []Mark{m, sameButStage, m}, time.Hour)
	if err != nil || !reflect.DeepEqual(got, []bool{true, true, false}) {
		t.Fatalf("ClaimMarks = %v, %v, want [true true false]", got, err)
	}
	got, _ = db.ClaimMarks(ctx, []Mark{m, sameButOccurrence}, time.Hour)
	if !reflect.DeepEqual(got, []bool{false, true}) {
		t.Errorf("second ClaimMarks = %v, want [false true]", got)
	}
	if err := db.ReleaseMarks(ctx, []Mark{m}); err != nil {
		t.Fatal(err)
	}
	got, _ = db.ClaimMarks(ctx, []Mark{m, sameButStage}, time.Hour)
	if !reflect.DeepEqual(got, []bool{true, false}) {
		t.Errorf("ClaimMarks after release = %v, want [true false]", got)
	}
	if ttl := db.c.PTTL(ctx, db.k.mark(m)).Val(); ttl <= 59*time.Minute || ttl > time.Hour {
		t.Errorf("mark TTL = %v, want about an hour", ttl)
	}
	short := Mark{Directive: "d1", Task: "6", Unit: "u", Stage: "overdue"}
	if _, err := db.ClaimMarks(ctx, []Mark{short}, 50*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the mark to expire", func() bool {
		got, err := db.ClaimMarks(ctx, []Mark{short}, time.Hour)
		return err == nil && got[0]
	})
}

func TestClaimMarksConcurrentAndInOneRoundTrip(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	all := marks(1000)
	results := make([][]bool, 2)
	var wg sync.WaitGroup
	for g := range results {
		wg.Go(func() {
			got, err := db.ClaimMarks(ctx, all, time.Hour)
			if err != nil {
				t.Error(err)
			}
			results[g] = got
		})
	}
	wg.Wait()
	for i := range all {
		if results[0][i] == results[1][i] {
			t.Fatalf("mark %d claimed by %v, want exactly one of the two", i, []bool{results[0][i], results[1][i]})
		}
	}

	big := marks(10_000)
	for i := range big {
		big[i].Stage = "overdue"
	}
	var got []bool
	if n := trips(db, func() {
		var err error
		if got, err = db.ClaimMarks(ctx, big, time.Hour); err != nil {
			t.Fatal(err)
		}
	}); n > 3 {
		t.Errorf("ClaimMarks of 10,000 = %d round trips, want at most 3", n)
	}
	for i, ok := range got {
		if !ok {
			t.Fatalf("mark %d of a fresh batch not claimed", i)
		}
	}
}

func TestLocks(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	steps := []struct {
		name string
		do   func() (bool, error)
		want bool
	}{
		{"a acquires", func() (bool, error) { return db.AcquireLock(ctx, "tick", "a", time.Minute) }, true},
		{"b cannot acquire", func() (bool, error) { return db.AcquireLock(ctx, "tick", "b", time.Minute) }, false},
		{"b cannot renew", func() (bool, error) { return db.RenewLock(ctx, "tick", "b", time.Minute) }, false},
		{"b's release does nothing", func() (bool, error) {
			return false, db.ReleaseLock(ctx, "tick", "b")
		}, false},
		{"still a's", func() (bool, error) { return db.AcquireLock(ctx, "tick", "b", time.Minute) }, false},
		{"a renews", func() (bool, error) { return db.RenewLock(ctx, "tick", "a", time.Hour) }, true},
		{"a releases", func() (bool, error) { return false, db.ReleaseLock(ctx, "tick", "a") }, false},
		{"a cannot renew a released lock", func() (bool, error) { return db.RenewLock(ctx, "tick", "a", time.Minute) }, false},
		{"b acquires", func() (bool, error) { return db.AcquireLock(ctx, "tick", "b", 50*time.Millisecond) }, true},
		{"another lock is free", func() (bool, error) { return db.AcquireLock(ctx, "digest", "a", time.Minute) }, true},
	}
	for _, s := range steps {
		got, err := s.do()
		if err != nil || got != s.want {
			t.Fatalf("%s = %t, %v, want %t", s.name, got, err, s.want)
		}
	}
	if ttl := db.c.PTTL(ctx, db.k.lock("digest")).Val(); ttl <= 0 {
		t.Errorf("lock TTL = %v, want one", ttl)
	}
	// b's short lock expires: a can take it.
	waitFor(t, "b's lock to expire", func() bool {
		ok, err := db.AcquireLock(ctx, "tick", "a", time.Minute)
		return err == nil && ok
	})
	if ok, _ := db.RenewLock(ctx, "tick", "b", time.Minute); ok {
		t.Error("b renewed a lock it lost to expiry")
	}
}

func TestMutes(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	now := time.Now()
	mutes := []Mute{
		{Unit: "xa-an-son"},                                                 // until unmuted
		{Directive: "d1", Until: now.Add(time.Hour)},                        // active
		{Unit: "phong-noi-vu", Directive: "d2", Until: now.Add(-time.Hour)}, // ended
	}
	for _, m := range mutes {
		if err := db.Mute(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.Mutes(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Directive != "d1" || !got[0].Until.Equal(now.Add(time.Hour)) || got[1].Unit != "xa-an-son" || !got[1].Until.IsZero() {
		t.Errorf("Mutes = %+v, want the directive mute and the unit mute", got)
	}
	if got, _ := db.Mutes(ctx, now.Add(2*time.Hour)); len(got) != 1 || got[0].Unit != "xa-an-son" {
		t.Errorf("Mutes two hours on = %+v, want only the open-ended one", got)
	}
	// The ended mute was dropped when the later ones were stored.
	if n := db.c.HLen(ctx, db.k.mutes()).Val(); n != 2 {
		t.Errorf("mutes hash holds %d entries, want 2 (the ended one dropped)", n)
	}
	if was, err := db.Unmute(ctx, "xa-an-son", ""); err != nil || !was {
		t.Fatalf("Unmute = %v, %v; want the mute there was", was, err)
	}
	if was, err := db.Unmute(ctx, "xa-an-son", ""); err != nil || was {
		t.Errorf("second Unmute = %v, %v; want no mute left", was, err)
	}
	if got, _ := db.Mutes(ctx, now); len(got) != 1 || got[0].Directive != "d1" {
		t.Errorf("Mutes after Unmute = %+v", got)
	}
}

func TestLastTickOnlyMovesForward(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	if got, err := db.LastTick(ctx); err != nil || !got.IsZero() {
		t.Fatalf("LastTick never ticked = %v, %v, want zero", got, err)
	}
	hcm := time.FixedZone("ICT", 7*3600)
	steps := []struct {
		set, want time.Time
	}{
		{t0, t0},
		{t0.Add(time.Hour), t0.Add(time.Hour)},
		{t0.Add(30 * time.Minute), t0.Add(time.Hour)},                              // backwards: ignored
		{t0.Add(time.Hour).In(hcm), t0.Add(time.Hour)},                             // same instant in another zone
		{t0.Add(time.Hour + time.Nanosecond), t0.Add(time.Hour + time.Nanosecond)}, // nanoseconds count
		{t0.Add(-24 * time.Hour).In(hcm), t0.Add(time.Hour + time.Nanosecond)},
	}
	for i, s := range steps {
		if err := db.SetLastTick(ctx, s.set); err != nil {
			t.Fatal(err)
		}
		got, err := db.LastTick(ctx)
		if err != nil || !got.Equal(s.want) {
			t.Errorf("step %d: SetLastTick(%v) then LastTick = %v, %v, want %v", i, s.set, got, err, s.want)
		}
	}
}
