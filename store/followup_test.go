package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"chidao"
)

func TestAcknowledgeFirstWins(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	first := chidao.Ack{Directive: "d1", Unit: "phong-noi-vu", Member: "telegram:1", Name: "Lý Văn Bình", At: t0.Add(time.Hour)}
	got, isFirst, err := db.Acknowledge(ctx, first)
	if err != nil || !isFirst || !reflect.DeepEqual(got, first) {
		t.Fatalf("first Acknowledge = %+v, %t, %v", got, isFirst, err)
	}
	second := first
	second.At = t0.Add(2 * time.Hour)
	got, isFirst, err = db.Acknowledge(ctx, second)
	if err != nil || isFirst || !reflect.DeepEqual(got, first) {
		t.Fatalf("second Acknowledge = %+v, %t, %v, want the first back and false", got, isFirst, err)
	}
	earlier := chidao.Ack{Directive: "d1", Unit: "xa-an-son", Member: "zalo:7", Name: "Nông Thị Hoa", At: t0}
	if _, ok, _ := db.Acknowledge(ctx, earlier); !ok {
		t.Fatal("another member's acknowledgment was refused")
	}
	acks, err := db.Acks(ctx, "d1")
	if err != nil || !reflect.DeepEqual(acks, []chidao.Ack{earlier, first}) {
		t.Errorf("Acks = %+v, %v, want oldest first", acks, err)
	}
	if acks, err := db.Acks(ctx, "d2"); err != nil || len(acks) != 0 {
		t.Errorf("Acks of another directive = %+v, %v", acks, err)
	}
}

func TestReportsAndReturn(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	r := chidao.Report{Directive: "d1", Task: "5", Unit: "phong-noi-vu", Member: "telegram:1", Name: "Lý Văn Bình",
		Status: chidao.ReportDone, Note: "Đã gửi báo cáo", At: t0}
	if err := db.PutReport(ctx, r); err != nil {
		t.Fatal(err)
	}
	other := r
	other.Unit, other.Member = "xa-an-son", "zalo:7"
	if err := db.PutReport(ctx, other); err != nil {
		t.Fatal(err)
	}
	// A later report by the same unit on the same task replaces the first.
	r.Note = "Đã gửi báo cáo, kèm phụ lục"
	r.At = t0.Add(time.Hour)
	if err := db.PutReport(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, err := db.Reports(ctx, "d1")
	if err != nil || !reflect.DeepEqual(got, []chidao.Report{r, other}) {
		t.Fatalf("Reports = %+v, %v, want %+v", got, err, []chidao.Report{r, other})
	}

	back, err := db.ReturnReport(ctx, "d1", "5", "", "phong-noi-vu", "Thiếu số liệu quý II", t0.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want := r
	want.Status, want.Reason, want.ReturnedAt = chidao.ReportReturned, "Thiếu số liệu quý II", t0.Add(2*time.Hour)
	if !reflect.DeepEqual(back, want) {
		t.Errorf("ReturnReport = %+v, want %+v", back, want)
	}
	if got, _ := db.Reports(ctx, "d1"); !reflect.DeepEqual(got[0], want) {
		t.Errorf("stored report after return = %+v, want %+v", got[0], want)
	}
	tests := []struct{ name, directive, task, occurrence, unit string }{
		{"no report from that unit", "d1", "5", "", "phong-tu-phap"},
		{"another task", "d1", "6", "", "phong-noi-vu"},
		{"another occurrence", "d1", "5", "2024-07", "phong-noi-vu"},
		{"another directive", "d2", "5", "", "phong-noi-vu"},
	}
	for _, tt := range tests {
		if _, err := db.ReturnReport(ctx, tt.directive, tt.task, tt.occurrence, tt.unit, "x", t0); !errors.Is(err, ErrNotFound) {
			t.Errorf("ReturnReport, %s = %v, want ErrNotFound", tt.name, err)
		}
	}
}

func TestFollowUpsInOneRoundTrip(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	const n = 50
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("d%02d", i)
		if i%2 == 0 {
			continue // half never broadcast, never acknowledged
		}
		if err := db.PutBroadcast(ctx, Broadcast{Directive: ids[i], By: "cli", At: t0, Deliveries: i}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Acknowledge(ctx, chidao.Ack{Directive: ids[i], Unit: "u", Member: "telegram:1", At: t0}); err != nil {
			t.Fatal(err)
		}
		if err := db.PutReport(ctx, chidao.Report{Directive: ids[i], Task: "1", Unit: "u", Status: chidao.ReportDone, At: t0}); err != nil {
			t.Fatal(err)
		}
		if err := db.SetExtension(ctx, ids[i], "1", "u", chidao.NewDate(2024, 7, i)); err != nil {
			t.Fatal(err)
		}
	}
	// Taking an extension back.
	if err := db.SetExtension(ctx, "d01", "1", "u", chidao.Date{}); err != nil {
		t.Fatal(err)
	}
	_, _ = db.FollowUps(ctx, ids[:1]) // opens the pipeline connection
	var got map[string]FollowUp
	if rt := trips(db, func() {
		var err error
		if got, err = db.FollowUps(ctx, ids); err != nil {
			t.Fatal(err)
		}
	}); rt != 1 {
		t.Errorf("FollowUps of %d directives = %d round trips, want 1", n, rt)
	}
	if len(got) != n {
		t.Fatalf("FollowUps returned %d directives, want %d", len(got), n)
	}
	for i, id := range ids {
		f := got[id]
		if i%2 == 0 {
			if len(f.Acks) != 0 || len(f.Reports) != 0 || len(f.Extensions) != 0 || f.Broadcast != (Broadcast{}) {
				t.Errorf("%s = %+v, want empty", id, f)
			}
			continue
		}
		if len(f.Acks) != 1 || len(f.Reports) != 1 || f.Broadcast.Deliveries != i {
			t.Errorf("%s = %+v, want one ack, one report, broadcast with %d deliveries", id, f, i)
		}
		ext, ok := f.Extensions["1|u"]
		if i == 1 && ok {
			t.Errorf("%s extension = %v, want it taken back", id, ext)
		}
		if i > 1 && ext != chidao.NewDate(2024, 7, i) {
			t.Errorf("%s extension = %v, want %v", id, ext, chidao.NewDate(2024, 7, i))
		}
	}
}

func TestReportsAreKeyedByOccurrence(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	if got := occurrenceOf([]byte(`{"task":"II.3.a","occurrence":"2024-07"}`)); got != "2024-07" {
		t.Errorf("occurrenceOf = %q, want 2024-07", got)
	}
	// Two periods of a monthly task, as a report carrying its occurrence is
	// stored.
	for _, occ := range []string{"2024-06", "2024-07"} {
		v := fmt.Sprintf(`{"directive":"d1","task":"II.3.a","unit":"xa-an-son","status":"done","occurrence":%q,"at":"2024-07-01T00:00:00Z"}`, occ)
		if err := db.c.HSet(ctx, db.k.reports("d1"), reportField("II.3.a", occ, "xa-an-son"), v).Err(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ReturnReport(ctx, "d1", "II.3.a", "2024-07", "xa-an-son", "Chưa đủ", t0); err != nil {
		t.Fatal(err)
	}
	got, err := db.Reports(ctx, "d1")
	if err != nil || len(got) != 2 {
		t.Fatalf("Reports = %+v, %v", got, err)
	}
	if got[0].Status != chidao.ReportDone || got[1].Status != chidao.ReportReturned {
		t.Errorf("statuses = %s, %s; want only the July report returned", got[0].Status, got[1].Status)
	}
}
