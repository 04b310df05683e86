package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"chidao"
)

// BenchmarkOutbox measures outbox throughput with no rate limits: each
// iteration enqueues 5,000 deliveries of a new directive, then claims them
// in batches of 64 and marks each batch delivered (DeliveredBatch) until the
// outbox is empty.
func BenchmarkOutbox(b *testing.B) {
	const n, batch = 5000, 64
	db := newDB(b)
	ctx := context.Background()
	var claims, batches, delivered int
	rt := db.RoundTrips()
	start := time.Now()
	for i := 0; b.Loop(); i++ {
		id := fmt.Sprintf("bench-%d", i)
		now := t0.Add(time.Duration(i) * time.Hour)
		if _, err := db.Enqueue(ctx, id, deliveries(id, n), now); err != nil {
			b.Fatal(err)
		}
		for {
			ds, err := db.Claim(ctx, now, time.Minute, batch)
			if err != nil {
				b.Fatal(err)
			}
			claims++
			if len(ds) == 0 {
				break
			}
			sent := make([]Sent, len(ds))
			for j, d := range ds {
				sent[j] = Sent{Delivery: d, MessageID: "m", At: now}
			}
			if err := db.DeliveredBatch(ctx, sent); err != nil {
				b.Fatal(err)
			}
			batches++
			delivered += len(ds)
		}
	}
	elapsed := time.Since(start)
	if delivered != n*b.N {
		b.Fatalf("delivered %d, want %d", delivered, n*b.N)
	}
	trips := db.RoundTrips() - rt
	b.ReportMetric(float64(delivered)/elapsed.Seconds(), "deliveries/s")
	b.ReportMetric(float64(trips)/float64(b.N), "roundtrips/5000")
	// Calls: one Enqueue, the Claims (the last finds nothing) and the
	// DeliveredBatches.
	b.ReportMetric(float64(b.N+claims+batches)/float64(b.N), "calls/5000")
}

// BenchmarkClaim measures one Claim of 64 from a large queue.
func BenchmarkClaim(b *testing.B) {
	db := newDB(b)
	ctx := context.Background()
	if _, err := db.Enqueue(ctx, "d", deliveries("d", 9999), t0); err != nil {
		b.Fatal(err)
	}
	rt := db.RoundTrips()
	for i := 0; b.Loop(); i++ {
		// A lease of a microsecond: each round finds the entries ready again.
		now := t0.Add(time.Duration(i+1) * time.Millisecond)
		ds, err := db.Claim(ctx, now, time.Microsecond, 64)
		if err != nil || len(ds) != 64 {
			b.Fatalf("Claim = %d, %v", len(ds), err)
		}
	}
	b.ReportMetric(float64(db.RoundTrips()-rt)/float64(b.N), "roundtrips/op")
}

// BenchmarkClaimMarks10k claims 10,000 fresh reminder marks per operation.
func BenchmarkClaimMarks10k(b *testing.B) {
	db := newDB(b)
	ctx := context.Background()
	ms := marks(10_000)
	rt := db.RoundTrips()
	for i := 0; b.Loop(); i++ {
		for j := range ms {
			ms[j].Occurrence = fmt.Sprint(i)
		}
		got, err := db.ClaimMarks(ctx, ms, time.Hour)
		if err != nil || !got[len(got)-1] {
			b.Fatalf("ClaimMarks = %v", err)
		}
	}
	b.ReportMetric(float64(db.RoundTrips()-rt)/float64(b.N), "roundtrips/op")
}

// BenchmarkFollowUps50 reads the follow-up state of 50 directives, each with
// 30 acknowledgments, 60 reports and a few extensions.
func BenchmarkFollowUps50(b *testing.B) {
	db := newDB(b)
	ctx := context.Background()
	ids := make([]string, 50)
	for i := range ids {
		ids[i] = fmt.Sprintf("d%02d", i)
		if err := db.PutBroadcast(ctx, Broadcast{Directive: ids[i], By: "cli", At: t0, Deliveries: 30}); err != nil {
			b.Fatal(err)
		}
		for u := range 30 {
			unit := fmt.Sprintf("unit-%02d", u)
			if _, _, err := db.Acknowledge(ctx, chidao.Ack{Directive: ids[i], Unit: unit, Member: "telegram:" + unit, At: t0}); err != nil {
				b.Fatal(err)
			}
			for _, task := range []string{"1", "2"} {
				if err := db.PutReport(ctx, chidao.Report{Directive: ids[i], Task: task, Unit: unit, Status: chidao.ReportDone, At: t0}); err != nil {
					b.Fatal(err)
				}
			}
			if u%10 == 0 {
				if err := db.SetExtension(ctx, ids[i], "1", unit, chidao.NewDate(2024, 7, 1)); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	rt := db.RoundTrips()
	for b.Loop() {
		got, err := db.FollowUps(ctx, ids)
		if err != nil || len(got[ids[49]].Reports) != 60 {
			b.Fatalf("FollowUps: %v", err)
		}
	}
	b.ReportMetric(float64(db.RoundTrips()-rt)/float64(b.N), "roundtrips/op")
}

// BenchmarkMember looks one member up among 500.
func BenchmarkMember(b *testing.B) {
	db := newDB(b)
	ctx := context.Background()
	for i := range 500 {
		if err := db.PutMember(ctx, member(fmt.Sprint(i), fmt.Sprintf("unit-%02d", i%40), fmt.Sprint("Cán bộ ", i))); err != nil {
			b.Fatal(err)
		}
	}
	rt := db.RoundTrips()
	for b.Loop() {
		if _, err := db.Member(ctx, chidao.Telegram, "250"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(db.RoundTrips()-rt)/float64(b.N), "roundtrips/op")
}

// BenchmarkDirectives lists 100 stored directives, newest first.
func BenchmarkDirectives(b *testing.B) {
	db := newDB(b)
	ctx := context.Background()
	for i := range 100 {
		if err := db.PutDirective(ctx, sampleDirective(fmt.Sprint("d", i)), t0.Add(time.Duration(i)*time.Hour)); err != nil {
			b.Fatal(err)
		}
	}
	rt := db.RoundTrips()
	for b.Loop() {
		ds, err := db.Directives(ctx)
		if err != nil || len(ds) != 100 {
			b.Fatalf("Directives = %d, %v", len(ds), err)
		}
	}
	b.ReportMetric(float64(db.RoundTrips()-rt)/float64(b.N), "roundtrips/op")
}
