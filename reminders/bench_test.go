package reminders

import (
	"context"
	"fmt"
	"testing"
	"time"

	"chidao"
	"chidao/internal/redistest"
	"chidao/store"
)

// The scale of the benchmark: 40 directives × 10 tasks × 25 units = 10,000
// open (task, unit) pairs, each due at the tick.
const (
	benchDirectives = 40
	benchTasks      = 10
	benchUnits      = 25
)

// seedTenThousand stores 10,000 open (task, unit) pairs, all due the day
// after the tick, and one head per unit plus an admin.
func seedTenThousand(tb testing.TB, db *store.DB, dist district, loc *time.Location) (at time.Time, members int) {
	tb.Helper()
	ctx := context.Background()
	if err := db.PutUnits(ctx, dist.units); err != nil {
		tb.Fatal(err)
	}
	units := dist.all()[:benchUnits]
	for i := 0; i < benchDirectives; i++ {
		d := &chidao.Directive{
			ID: fmt.Sprintf("kh-%02d-2025", i), Number: fmt.Sprintf("%d/KH-UBND", 100+i), Kind: "Kế hoạch",
			Issued: chidao.NewDate(2025, 1, 6), Year: 2025, Subject: fmt.Sprintf("Kế hoạch thực hiện nhiệm vụ số %d năm 2025", i),
			Units: units,
		}
		for j := 0; j < benchTasks; j++ {
			d.Tasks = append(d.Tasks, chidao.Task{
				ID: fmt.Sprint(j + 1), Text: fmt.Sprintf("Các cơ quan, đơn vị triển khai nội dung %d của kế hoạch và báo cáo kết quả về UBND huyện.", j+1),
				Deadline: chidao.NewDate(2025, 3, 14), DeadlineKind: chidao.DeadlineBefore, DeadlineText: "trước ngày 14/3/2025",
				AssigneeUnits: units,
			})
		}
		if err := db.PutDirective(ctx, d, time.Date(2025, 1, 6, 8, 0, 0, i, loc)); err != nil {
			tb.Fatal(err)
		}
	}
	for i, u := range units {
		id := fmt.Sprint(1000 + i)
		m := chidao.Member{Platform: chidao.Telegram, UserID: id, ChatID: id, Unit: u, Role: chidao.RoleHead, Active: true}
		if err := db.PutMember(ctx, m); err != nil {
			tb.Fatal(err)
		}
	}
	admin := chidao.Member{Platform: chidao.Telegram, UserID: "9000", ChatID: "9000", Unit: "van-phong", Role: chidao.RoleAdmin, Active: true}
	if err := db.PutMember(ctx, admin); err != nil {
		tb.Fatal(err)
	}
	// Wednesday 12/3/2025, 08:00: the last day (13/3) is tomorrow.
	return time.Date(2025, 3, 12, 8, 0, 0, 0, loc), benchUnits + 1
}

// discard is a Notifier that delivers instantly.
type discard struct{ n int }

func (d *discard) Notify(context.Context, Notice) error { d.n++; return nil }

func TestTickRoundTripsAtTenThousandPairs(t *testing.T) {
	loc := loadLoc(t)
	db, err := store.Open(context.Background(), redistest.URL(t), store.Options{Prefix: redistest.Prefix(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at, _ := seedTenThousand(t, db, sampleDistrict(t), loc)
	n := &discard{}
	s, err := New(db, n, Config{}, chidao.ClockFunc(func() time.Time { return at }), nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = db.Ping(context.Background()) // warm the connection
	before := db.RoundTrips()
	start := time.Now()
	res, err := s.Tick(context.Background(), at)
	took := time.Since(start)
	trips := db.RoundTrips() - before
	if err != nil {
		t.Fatal(err)
	}
	if res.Due != 10_000 || res.Sent != 10_000 || n.n != benchUnits+1 {
		t.Fatalf("Tick = %+v, %d messages; want 10,000 reminders in %d messages (25 heads, one admin)", res, n.n, benchUnits+1)
	}
	t.Logf("one tick over 10,000 pairs: %v, %d round trips", took, trips)
	if trips > 20 {
		t.Errorf("one tick took %d round trips, want at most 20", trips)
	}
}

// BenchmarkTick10k measures one tick over 10,000 open (task, unit) pairs in
// a real Redis, each one due and claimed, 25 messages sent to an instant
// notifier: time per tick and Redis round trips per tick.
func BenchmarkTick10k(b *testing.B) {
	loc := loadLoc(b)
	ctx := context.Background()
	db, err := store.Open(ctx, redistest.URL(b), store.Options{Prefix: redistest.Prefix(b)})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	at, _ := seedTenThousand(b, db, sampleDistrict(b), loc)
	n := &discard{}
	s, err := New(db, n, Config{}, chidao.ClockFunc(func() time.Time { return at }), nil)
	if err != nil {
		b.Fatal(err)
	}
	dues, err := s.Plan(ctx, at)
	if err != nil || len(dues) != 10_000 {
		b.Fatalf("Plan = %d dues, %v; want 10,000", len(dues), err)
	}
	marks := marksOf(dues)
	var trips int64
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if err := db.ReleaseMarks(ctx, marks); err != nil { // every tick finds all 10,000 to send
			b.Fatal(err)
		}
		before := db.RoundTrips()
		b.StartTimer()
		res, err := s.Tick(ctx, at)
		b.StopTimer()
		trips += db.RoundTrips() - before
		if err != nil || res.Sent != 10_000 {
			b.Fatalf("Tick = %+v, %v; want 10,000 sent", res, err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(trips)/float64(b.N), "roundtrips/op")
	b.ReportMetric(10_000, "pairs/op")
}
