package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"chidao"
)

func deliveries(directive string, n int) []Delivery {
	ds := make([]Delivery, n)
	for i := range ds {
		id := fmt.Sprintf("%04d", i)
		ds[i] = Delivery{Directive: directive, Member: "telegram:" + id, Unit: "unit-" + id[:2], Chat: chidao.ChatRef{Platform: chidao.Telegram, ID: id}}
	}
	return ds
}

func states(t *testing.T, db *DB, directive string) map[string]Delivery {
	t.Helper()
	ds, err := db.Deliveries(context.Background(), directive)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Delivery{}
	for _, d := range ds {
		out[d.Member] = d
	}
	return out
}

func queued(t *testing.T, db *DB) int {
	t.Helper()
	n, err := db.Queued(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestEnqueueTwiceAddsNothing(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	ds := deliveries("d1", 3)
	ds[2].Group = true
	if n, err := db.Enqueue(ctx, "d1", ds, t0); err != nil || n != 3 {
		t.Fatalf("Enqueue = %d, %v, want 3", n, err)
	}
	if n, err := db.Enqueue(ctx, "d1", ds, t0.Add(time.Minute)); err != nil || n != 0 {
		t.Fatalf("Enqueue again = %d, %v, want 0", n, err)
	}
	more := append(deliveries("d1", 4)[3:], ds[0])
	if n, err := db.Enqueue(ctx, "d1", more, t0.Add(time.Minute)); err != nil || n != 1 {
		t.Fatalf("Enqueue with one new member = %d, %v, want 1", n, err)
	}
	got, err := db.Deliveries(ctx, "d1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 {
		t.Fatalf("Deliveries = %d entries, want 4", len(got))
	}
	for i, d := range got {
		want := deliveries("d1", 4)[i]
		if d.Member != want.Member || d.Unit != want.Unit || d.Chat != want.Chat || d.Directive != "d1" ||
			d.State != StatePending || d.Attempts != 0 || d.Group != (i == 2) {
			t.Errorf("delivery %d = %+v, want pending %+v", i, d, want)
		}
	}
	if got[0].UpdatedAt.Equal(t0.Add(time.Minute)) || !got[0].UpdatedAt.Equal(t0) {
		t.Errorf("an entry enqueued twice was rewritten: updated %v", got[0].UpdatedAt)
	}
	if n := queued(t, db); n != 4 {
		t.Errorf("Queued = %d, want 4", n)
	}
}

func TestClaimRespectsReadyTimeAndLease(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	const lease = 30 * time.Second
	if _, err := db.Enqueue(ctx, "d1", deliveries("d1", 3), t0); err != nil {
		t.Fatal(err)
	}
	claim := func(at time.Time, max int) []Delivery {
		t.Helper()
		ds, err := db.Claim(ctx, at, lease, max)
		if err != nil {
			t.Fatalf("Claim at %v: %v", at, err)
		}
		return ds
	}
	if got := claim(t0.Add(-time.Second), 10); len(got) != 0 {
		t.Fatalf("Claim before the ready time = %d entries, want 0", len(got))
	}
	first := claim(t0, 2)
	if len(first) != 2 {
		t.Fatalf("Claim(max 2) = %d entries, want 2", len(first))
	}
	for _, d := range first {
		if d.State != StateSending || d.Attempts != 1 || !d.UpdatedAt.Equal(t0) {
			t.Errorf("claimed %+v, want sending, attempt 1, updated at t0", d)
		}
	}
	third := claim(t0.Add(time.Second), 10)
	if len(third) != 1 || third[0].Member == first[0].Member || third[0].Member == first[1].Member {
		t.Fatalf("second Claim = %+v, want the one entry left", third)
	}
	if got := claim(t0.Add(lease-time.Millisecond), 10); len(got) != 0 {
		t.Fatalf("Claim while the leases hold = %+v, want none", got)
	}
	if n := queued(t, db); n != 3 {
		t.Errorf("Queued with 3 leased = %d, want 3", n)
	}

	// The sender "crashed": nothing was completed. After the lease the
	// entries come back, attempt 2.
	again := claim(t0.Add(lease), 10)
	if len(again) != 2 {
		t.Fatalf("Claim after the first lease = %d entries, want the 2 first claimed", len(again))
	}
	for _, d := range again {
		if d.Attempts != 2 || d.State != StateSending {
			t.Errorf("reclaimed %+v, want attempt 2", d)
		}
	}
	sentAt := t0.Add(lease + time.Second)
	for _, d := range again {
		if err := db.Delivered(ctx, d, "msg-"+d.Member, sentAt); err != nil {
			t.Fatal(err)
		}
	}
	// The crashed sender comes back late and reports its old claim.
	for _, d := range first {
		if err := db.Delivered(ctx, d, "late-"+d.Member, sentAt.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := db.Retry(ctx, d, sentAt, "late retry"); err != nil {
			t.Fatal(err)
		}
		if err := db.Failed(ctx, d, "late failure", sentAt); err != nil {
			t.Fatal(err)
		}
	}
	st := states(t, db, "d1")
	for _, d := range first {
		got := st[d.Member]
		if got.State != StateSent || got.MessageID != "msg-"+d.Member || !got.SentAt.Equal(sentAt) || got.Attempts != 2 || got.Error != "" {
			t.Errorf("after late reports %s = %+v, want sent once with the first message id", d.Member, got)
		}
	}
	if n := queued(t, db); n != 1 {
		t.Errorf("Queued = %d, want 1 (the third entry, still leased)", n)
	}
	if got := claim(t0.Add(time.Hour), 10); len(got) != 1 || got[0].Member != third[0].Member || got[0].Attempts != 2 {
		t.Errorf("final Claim = %+v, want only the third entry, attempt 2", got)
	}
}

func TestRetryFailedAndNoResurrection(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	if _, err := db.Enqueue(ctx, "d1", deliveries("d1", 2), t0); err != nil {
		t.Fatal(err)
	}
	ds, err := db.Claim(ctx, t0, time.Minute, 10)
	if err != nil || len(ds) != 2 {
		t.Fatalf("Claim = %d, %v", len(ds), err)
	}
	a, b := ds[0], ds[1]

	// a: a 429 says come back in 10 s.
	if err := db.Retry(ctx, a, t0.Add(10*time.Second), "429 retry_after=10"); err != nil {
		t.Fatal(err)
	}
	if got := states(t, db, "d1")[a.Member]; got.State != StatePending || got.Error != "429 retry_after=10" {
		t.Errorf("after Retry = %+v, want pending with the reason", got)
	}
	if got, _ := db.Claim(ctx, t0.Add(9*time.Second), time.Minute, 10); len(got) != 0 {
		t.Errorf("Claim before the retry time = %+v, want none", got)
	}
	got, _ := db.Claim(ctx, t0.Add(10*time.Second), time.Minute, 10)
	if len(got) != 1 || got[0].Member != a.Member || got[0].Attempts != 2 {
		t.Fatalf("Claim at the retry time = %+v, want a, attempt 2", got)
	}
	a2 := got[0]
	// A stale Retry from the first claim does not undo the second claim.
	if err := db.Retry(ctx, a, t0.Add(11*time.Second), "stale"); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Claim(ctx, t0.Add(12*time.Second), time.Minute, 10); len(got) != 0 {
		t.Errorf("a stale Retry made the entry claimable while leased: %+v", got)
	}
	if err := db.Delivered(ctx, a2, "m1", t0.Add(12*time.Second)); err != nil {
		t.Fatal(err)
	}

	// b: the chat blocked the bot.
	if err := db.Failed(ctx, b, "403 Forbidden: bot was blocked by the user", t0.Add(time.Second)); err != nil {
		t.Fatal(err)
	}

	// Nothing turns a sent or failed entry back into a pending one.
	for _, d := range []Delivery{a, a2, b} {
		if err := db.Retry(ctx, d, t0.Add(time.Minute), "late"); err != nil {
			t.Fatal(err)
		}
	}
	st := states(t, db, "d1")
	if got := st[a.Member]; got.State != StateSent || got.MessageID != "m1" {
		t.Errorf("a = %+v, want sent", got)
	}
	if got := st[b.Member]; got.State != StateFailed || got.Error != "403 Forbidden: bot was blocked by the user" || got.Attempts != 1 {
		t.Errorf("b = %+v, want failed with the reason", got)
	}
	if n := queued(t, db); n != 0 {
		t.Errorf("Queued = %d, want 0", n)
	}
	if got, _ := db.Claim(ctx, t0.Add(time.Hour), time.Minute, 10); len(got) != 0 {
		t.Errorf("Claim after all done = %+v, want none", got)
	}
	// A delivery that went out after all (a stale sender) is recorded.
	if err := db.Delivered(ctx, b, "m2", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := states(t, db, "d1")[b.Member]; got.State != StateSent || got.MessageID != "m2" {
		t.Errorf("b after Delivered = %+v, want sent", got)
	}

	ghost := Delivery{Directive: "d1", Member: "telegram:ghost"}
	for name, err := range map[string]error{
		"Delivered": db.Delivered(ctx, ghost, "x", t0),
		"Retry":     db.Retry(ctx, ghost, t0, "x"),
		"Failed":    db.Failed(ctx, ghost, "x", t0),
	} {
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("%s of an entry not in the outbox = %v, want ErrNotFound", name, err)
		}
	}
}

func TestClaimTakesOldestDirectiveFirstAndCleansTheIndex(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	if _, err := db.Enqueue(ctx, "newer", deliveries("newer", 2), t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Enqueue(ctx, "older", deliveries("older", 2), t0); err != nil {
		t.Fatal(err)
	}
	now := t0.Add(2 * time.Minute)
	got, err := db.Claim(ctx, now, time.Hour, 3)
	if err != nil || len(got) != 3 {
		t.Fatalf("Claim = %+v, %v", got, err)
	}
	if got[0].Directive != "older" || got[1].Directive != "older" || got[2].Directive != "newer" {
		t.Errorf("Claim order = %s %s %s, want older older newer", got[0].Directive, got[1].Directive, got[2].Directive)
	}
	rest, _ := db.Claim(ctx, now, time.Hour, 10)
	if len(rest) != 1 || rest[0].Directive != "newer" {
		t.Fatalf("second Claim = %+v, want the last of newer", rest)
	}
	var sent []Sent
	for _, d := range append(got, rest...) {
		sent = append(sent, Sent{Delivery: d, MessageID: "m", At: now})
	}
	// The first one alone: loads the script and opens the pipeline connection.
	if err := db.DeliveredBatch(ctx, sent[:1]); err != nil {
		t.Fatal(err)
	}
	sent = sent[1:]
	if n := trips(db, func() {
		if err := db.DeliveredBatch(ctx, sent); err != nil {
			t.Fatal(err)
		}
	}); n != 1 {
		t.Errorf("DeliveredBatch over 2 directives = %d round trips, want 1", n)
	}
	// The next Claim drops the emptied directives from the work index.
	if got, _ := db.Claim(ctx, now.Add(2*time.Hour), time.Hour, 10); len(got) != 0 {
		t.Fatalf("Claim after everything was sent = %+v", got)
	}
	if _, err := db.Claim(ctx, now.Add(2*time.Hour), time.Hour, 10); err != nil {
		t.Fatal(err)
	}
	if n := db.c.ZCard(ctx, db.k.work()).Val(); n != 0 {
		t.Errorf("work index has %d directives after the outbox emptied, want 0", n)
	}
	if n := db.c.HLen(ctx, db.k.workVersion()).Val(); n != 0 {
		t.Errorf("work versions hold %d entries after the outbox emptied, want 0", n)
	}
}

func TestClaimRoundTrips(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	if _, err := db.Enqueue(ctx, "d1", deliveries("d1", 200), t0); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Claim(ctx, t0, time.Minute, 1); err != nil { // loads the scripts
		t.Fatal(err)
	}
	var got []Delivery
	n := trips(db, func() {
		var err error
		if got, err = db.Claim(ctx, t0, time.Minute, 64); err != nil {
			t.Fatal(err)
		}
	})
	if len(got) != 64 || n != 2 {
		t.Errorf("Claim(64) = %d entries in %d round trips, want 64 in 2", len(got), n)
	}
}

func TestConcurrentClaimersClaimEachEntryOnce(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	const total = 1000
	for i, id := range []string{"d1", "d2", "d3"} {
		n := total / 3
		if i == 0 {
			n += total % 3
		}
		if _, err := db.Enqueue(ctx, id, deliveries(id, n), t0.Add(time.Duration(i)*time.Second)); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			empty := 0
			for empty < 3 {
				ds, err := db.Claim(ctx, t0.Add(time.Minute), time.Hour, 16)
				if err != nil {
					errs <- err
					return
				}
				if len(ds) == 0 {
					empty++
					continue
				}
				empty = 0
				mu.Lock()
				for _, d := range ds {
					seen[d.Directive+"/"+d.Member]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	var twice []string
	for k, n := range seen {
		if n != 1 {
			twice = append(twice, fmt.Sprintf("%s×%d", k, n))
		}
	}
	sort.Strings(twice)
	if len(seen) != total || len(twice) > 0 {
		t.Errorf("claimed %d distinct entries of %d; claimed more than once: %v", len(seen), total, twice)
	}
}

func TestRecoverOutboxReindexesOrphans(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	if err := db.PutDirective(ctx, sampleDirective("d1"), t0); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Enqueue(ctx, "d1", deliveries("d1", 5), t0); err != nil {
		t.Fatal(err)
	}
	// A process that died between writing the entries and indexing them.
	db.c.Del(ctx, db.k.work(), db.k.workVersion())
	if got, _ := db.Claim(ctx, t0, time.Minute, 10); len(got) != 0 {
		t.Fatalf("Claim of unindexed entries = %d, want 0 (the case RecoverOutbox is for)", len(got))
	}
	n, err := db.RecoverOutbox(ctx)
	if err != nil || n != 1 {
		t.Fatalf("RecoverOutbox = %d, %v, want 1 directive", n, err)
	}
	if got, _ := db.Claim(ctx, t0, time.Minute, 10); len(got) != 5 {
		t.Errorf("Claim after RecoverOutbox = %d entries, want 5", len(got))
	}
}
