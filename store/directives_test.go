package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"chidao"
)

func sampleDirective(id string) *chidao.Directive {
	return &chidao.Directive{
		ID:         id,
		Number:     "227/TB-UBND",
		Kind:       "Thông báo",
		Issuer:     "UBND huyện Văn Quan",
		Place:      "Văn Quan",
		Issued:     chidao.NewDate(2024, 6, 3),
		IssuedText: "ngày 03 tháng 6 năm 2024",
		Year:       2024,
		Subject:    "V/v kết luận của Chủ tịch UBND huyện",
		Recipients: []string{"- Phòng Nội vụ;", "- UBND các xã, thị trấn."},
		Units:      []string{"phong-noi-vu", "xa-an-son"},
		Signer:     chidao.Signer{Name: "Triệu Đức Dũng", Title: "PHÓ CHỦ TỊCH", Authority: "KT. CHỦ TỊCH"},
		References: []string{"147/KH-UBND"},
		Tasks: []chidao.Task{
			{ID: "5", Text: "Hoàn thành rà soát", Deadline: chidao.NewDate(2024, 6, 7), DeadlineKind: chidao.DeadlineBefore,
				DeadlineText: "trước ngày 07/6/2024", Assignees: []string{"Phòng Nội vụ"}, AssigneeUnits: []string{"phong-noi-vu"}},
			{ID: "II.3.a", Section: "II. NHIỆM VỤ", Text: "Báo cáo định kỳ", Recurrence: chidao.RecurMonthly, RecurDay: 20,
				AssigneeUnits: []string{"xa-an-son"}, Footnotes: []string{"Tại Kế hoạch số 147/KH-UBND"}},
		},
		Footnotes: []chidao.Footnote{{Mark: "1", Text: "Tại Kế hoạch số 147/KH-UBND", Task: "II.3.a"}},
		File:      "227-TB.docx",
		Source:    "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\n…\n5. Hoàn thành rà soát trước ngày 07/6/2024.",
	}
}

func TestDirectivesRoundTrip(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()

	if _, err := db.Directive(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Directive of nothing = %v, want ErrNotFound", err)
	}
	if ds, err := db.Directives(ctx); err != nil || len(ds) != 0 {
		t.Fatalf("Directives when empty = %v, %v", ds, err)
	}

	want := sampleDirective("227-2024")
	if err := db.PutDirective(ctx, want, t0); err != nil {
		t.Fatal(err)
	}
	got, err := db.Directive(ctx, "227-2024")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Directive =\n%+v\nwant\n%+v", got, want)
	}
	if got.Source != want.Source || got.Issued != chidao.NewDate(2024, 6, 3) || got.Tasks[0].Deadline != chidao.NewDate(2024, 6, 7) || !got.Tasks[1].Deadline.IsZero() {
		t.Errorf("Source or dates lost: %q %v %v %v", got.Source, got.Issued, got.Tasks[0].Deadline, got.Tasks[1].Deadline)
	}

	for i, id := range []string{"older", "newer"} {
		d := sampleDirective(id)
		d.Subject = id
		if err := db.PutDirective(ctx, d, t0.Add(time.Duration(2*i-1)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	// Putting the same ID again replaces it.
	replaced := sampleDirective("227-2024")
	replaced.Subject = "V/v sửa đổi"
	if err := db.PutDirective(ctx, replaced, t0); err != nil {
		t.Fatal(err)
	}
	var ds []*chidao.Directive
	if n := trips(db, func() { ds, err = db.Directives(ctx) }); n > 2 {
		t.Errorf("Directives = %d round trips, want at most 2", n)
	}
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, d := range ds {
		order = append(order, d.ID+":"+d.Subject)
	}
	if got, want := fmt.Sprint(order), "[newer:newer 227-2024:V/v sửa đổi older:older]"; got != want {
		t.Errorf("Directives = %s, want newest first %s", got, want)
	}
	if ds[1].Source == "" {
		t.Error("Directives lost the Source")
	}

	if err := db.PutDirective(ctx, &chidao.Directive{ID: "a{b}"}, t0); err == nil {
		t.Error("PutDirective with braces in the ID succeeded")
	}
}

func TestFilesAndBroadcasts(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	if _, _, err := db.File(ctx, "d1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("File of nothing = %v, want ErrNotFound", err)
	}
	data := []byte("PK\x03\x04\x00\xff binary")
	if err := db.PutFile(ctx, "d1", "227-TB.docx", data); err != nil {
		t.Fatal(err)
	}
	name, got, err := db.File(ctx, "d1")
	if err != nil || name != "227-TB.docx" || !bytes.Equal(got, data) {
		t.Errorf("File = %q, %q, %v", name, got, err)
	}

	if _, err := db.Broadcast(ctx, "d1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Broadcast of a directive never sent = %v, want ErrNotFound", err)
	}
	b := Broadcast{Directive: "d1", By: "telegram:1", At: t0, Deliveries: 42}
	if err := db.PutBroadcast(ctx, b); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Broadcast(ctx, "d1"); err != nil || !reflect.DeepEqual(got, b) {
		t.Errorf("Broadcast = %+v, %v, want %+v", got, err, b)
	}
}

func TestChatState(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	chat := chidao.ChatRef{Platform: chidao.Zalo, ID: "abc"}
	other := chidao.ChatRef{Platform: chidao.Telegram, ID: "abc"}

	if got, err := db.Buttons(ctx, chat); err != nil || got != nil {
		t.Fatalf("Buttons before any = %v, %v, want nil", got, err)
	}
	btns := []string{"ack:227", "task:227:5"}
	if err := db.SaveButtons(ctx, chat, btns, time.Hour); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Buttons(ctx, chat); !reflect.DeepEqual(got, btns) {
		t.Errorf("Buttons = %v, want %v", got, btns)
	}
	if got, _ := db.Buttons(ctx, other); got != nil {
		t.Errorf("Buttons of the same id on another platform = %v, want nil", got)
	}
	if err := db.SaveButtons(ctx, chat, btns, 50*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "buttons to expire", func() bool { got, _ := db.Buttons(ctx, chat); return got == nil })

	if _, err := db.Session(ctx, chat, "step"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Session unset = %v, want ErrNotFound", err)
	}
	if err := db.PutSession(ctx, chat, "step", "await-reason", time.Hour); err != nil {
		t.Fatal(err)
	}
	if v, err := db.Session(ctx, chat, "step"); err != nil || v != "await-reason" {
		t.Errorf("Session = %q, %v", v, err)
	}
	if err := db.DeleteSession(ctx, chat, "step"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Session(ctx, chat, "step"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Session after delete = %v, want ErrNotFound", err)
	}
	if err := db.PutSession(ctx, chat, "step", "x", 50*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "session to expire", func() bool { _, err := db.Session(ctx, chat, "step"); return errors.Is(err, ErrNotFound) })

	for i, want := range []bool{true, false, false} {
		got, err := db.FirstSeen(ctx, chidao.Telegram, "1001", time.Hour)
		if err != nil || got != want {
			t.Errorf("FirstSeen call %d = %t, %v, want %t", i+1, got, err, want)
		}
	}
	if got, _ := db.FirstSeen(ctx, chidao.Zalo, "1001", time.Hour); !got {
		t.Error("FirstSeen of the same id on another platform = false, want true")
	}
	if ttl := db.c.PTTL(ctx, db.k.seen(chidao.Telegram, "1001")).Val(); ttl <= 0 {
		t.Errorf("seen update has no TTL (%v)", ttl)
	}
}

// waitFor polls cond until it holds, failing the test after a few seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
