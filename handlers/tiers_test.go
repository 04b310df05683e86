package handlers

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"chidao"
	"chidao/bot"
	"chidao/delivery"
	"chidao/knowledge"
)

// unitNamed returns the code of the current unit of that name in the rig's
// list.
func (r *rig) unitNamed(name string) string {
	r.t.Helper()
	for _, u := range r.h.opt.Units {
		if u.Name == name && u.Current() {
			return u.Code
		}
	}
	r.t.Fatalf("no current unit %q in the list", name)
	return ""
}

// firstOfKind returns the first current unit of a kind.
func (r *rig) firstOfKind(k chidao.UnitKind) chidao.Unit {
	r.t.Helper()
	for _, u := range r.h.opt.Units {
		if u.Kind == k && u.Current() {
			return u
		}
	}
	r.t.Fatalf("no current unit of kind %s", k)
	return chidao.Unit{}
}

// sendSample uploads a directive as the admin, sends it and delivers it.
func (r *rig) sendSample(path string) bot.Message {
	r.t.Helper()
	preview := r.upload(adminID, "mau.md", readFile(r.t, path))
	_, ids := r.out.to(adminID)
	r.press(adminID, preview, ids[len(ids)-1], "📤 Gửi")
	s := delivery.New(r.db, r.h, bot.Messengers{chidao.Telegram: r.out}, delivery.Options{Unlimited: true, Idle: time.Millisecond})
	if err := s.RunUntilEmpty(context.Background()); err != nil {
		r.t.Fatal(err)
	}
	return preview
}

var districtRe = regexp.MustCompile(`\bhuyen\b`)

// noDistrict fails when anything the bot sent speaks of a district: after
// 1/7/2025 a province's or a commune's office has none.
func (r *rig) noDistrict() {
	r.t.Helper()
	r.out.mu.Lock()
	defer r.out.mu.Unlock()
	for _, m := range r.out.sent {
		texts := []string{m.Text}
		for _, row := range m.Buttons {
			for _, b := range row {
				texts = append(texts, b.Text)
			}
		}
		for _, s := range texts {
			if districtRe.MatchString(knowledge.Fold(s)) {
				r.t.Errorf("a message to %s speaks of a district:\n%s", m.Chat.ID, s)
			}
		}
	}
}

// TestProvinceOffice is a province's office after 2025: a directive to
// "các sở, ban, ngành tỉnh" and "UBND các xã, phường, đặc khu" reaches a
// department's head and a ward's, each asks what their unit must do and
// gets only their tasks, and nothing says "huyện".
func TestProvinceOffice(t *testing.T) {
	r := newPresetRig(t, "", "tinh")
	r.say(adminID, "/help")
	snv := r.unitNamed("Sở Nội vụ")
	ward := r.firstOfKind(chidao.KindPhuong)
	r.register("501", snv)
	r.register("502", ward.Code)
	n := 0
	for _, u := range r.h.opt.Units {
		if u.Kind == chidao.KindXa && u.Current() && n < 12 {
			r.register(fmt.Sprintf("52%02d", n), u.Code)
			n++
		}
	}
	preview := r.sendSample("../configs/directives/mau-tinh-2026.md")
	mustContain(t, "preview", preview.Text, "XEM TRƯỚC", "20/12/2026", "Sẽ gửi tới 14 người ở 14/110")
	if strings.Count(preview.Text, "UBND phường") > 2 {
		t.Errorf("the preview lists the communes one by one:\n%s", preview.Text)
	}
	for _, u := range []string{"501", "502"} {
		ms, _ := r.out.to(u)
		got := false
		for _, m := range ms {
			got = got || strings.Contains(m.Text, "VĂN BẢN MỚI")
		}
		if !got {
			t.Errorf("member %s did not get the directive", u)
		}
	}
	if got, _ := r.out.to("501"); !strings.Contains(got[len(got)-2].Text+got[len(got)-1].Text, `ví dụ "nhiệm vụ 1 hạn khi nào?"`) {
		t.Errorf("the delivery's hint does not use a task of the directive:\n%s", got[len(got)-2].Text)
	}
	mustContain(t, "/nv abc", r.say("501", "/nv abc").Text, "không phải số nhiệm vụ")
	mustContain(t, "/nv 2", r.say("501", "/nv 2").Text, "20/12/2026")
	mine := r.say("501", "đơn vị tôi cần làm gì").Text
	mustContain(t, "Sở Nội vụ's tasks", mine, "Sở Nội vụ có 2 nhiệm vụ", "Nhiệm vụ 2", "• 1.")
	if strings.Contains(mine, "Nhiệm vụ 3:") || strings.Contains(mine, "Nhiệm vụ 4:") {
		t.Errorf("Sở Nội vụ is given another department's task:\n%s", mine)
	}
	wardTasks := r.say("502", "đơn vị tôi phải làm gì").Text
	mustContain(t, "the ward's tasks", wardTasks, ward.Name+" có 2 nhiệm vụ", "Nhiệm vụ 5", "• 1.")
	if strings.Contains(wardTasks, "Nhiệm vụ 2:") || strings.Contains(wardTasks, "Nhiệm vụ 6:") {
		t.Errorf("the ward is given a department's task:\n%s", wardTasks)
	}
	mustContain(t, "deadline", r.say("502", "nv5 hạn khi nào").Text, "25/01/2027")
	r.say("501", "đã nhận")
	status := r.say(adminID, "/tinhhinh").Text
	mustContain(t, "/tinhhinh", status, "đã xác nhận 1/", "Sở Nội vụ", "Chưa xác nhận (13)", "… và 3 đơn vị khác — xem /xuat")
	if strings.Index(status, "Chưa xác nhận") > strings.Index(status, "Đã nhận") {
		t.Errorf("/tinhhinh lists the units that acknowledged before those still to:\n%s", status)
	}
	for _, text := range []string{"/help", "/moi", "/giahan", "/tatnhac", "/baocao", "abc xyz"} {
		r.say(adminID, text)
	}
	r.say("501", "/help")
	r.say("777", "xin chào") // not registered
	r.noDistrict()
}

// TestCommuneOffice is a commune's office after 2025: its offices and
// villages.
func TestCommuneOffice(t *testing.T) {
	r := newPresetRig(t, "", "xa")
	r.say(adminID, "/help")
	eco := r.firstOfKind(chidao.KindPhong)
	r.register("601", eco.Code)
	preview := r.sendSample("../configs/directives/mau-xa-2026.md")
	mustContain(t, "preview", preview.Text, "XEM TRƯỚC", "Sẽ gửi tới 2 người ở 2/4")
	mustContain(t, "deadline", r.say("601", "nv2 hạn khi nào").Text, "25/01/2027")
	for _, text := range []string{"/help", "/moi", "/giahan", "/tatnhac", "abc"} {
		r.say(adminID, text)
	}
	r.say("601", "/help")
	r.say("778", "xin chào")
	r.noDistrict()
}

// TestArchivedDirectiveNamesBodiesThatAreGone: a province's directive of
// 2024 to "UBND các huyện, thị xã, thành phố" and "Sở Kế hoạch và Đầu tư"
// names bodies the 2025 reform removed. The preview says so and names who
// took over where the list says; nothing is queued for them.
func TestArchivedDirectiveNamesBodiesThatAreGone(t *testing.T) {
	r := newPresetRig(t, "", "tinh")
	r.say(adminID, "/help")
	text := `ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI

Số: 123/UBND-TH
V/v báo cáo tình hình kinh tế - xã hội quý III năm 2024

Quảng Ngãi, ngày 02 tháng 10 năm 2024

Kính gửi:
- Sở Kế hoạch và Đầu tư;
- Sở Tài chính;
- UBND các huyện, thị xã, thành phố.

1. Giao Sở Kế hoạch và Đầu tư chủ trì tổng hợp, báo cáo UBND tỉnh trước ngày 10/10/2024.
2. UBND các huyện, thị xã, thành phố gửi số liệu về Sở Kế hoạch và Đầu tư trước ngày 08/10/2024.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
`
	r.clock.add(2 * 365 * 24 * time.Hour) // the office uploads it in 2026
	preview := r.upload(adminID, "cv-123-2024.txt", []byte(text))
	mustContain(t, "preview", preview.Text, "không còn (không gửi)", "Sở Kế hoạch và Đầu tư (không còn từ", "nay là Sở Tài chính",
		"UBND huyện Bình Sơn (không còn từ 01/7/2025)", "Sẽ gửi tới 0 người ở 0/1 đơn vị", "có các hạn đã qua")
	_, ids := r.out.to(adminID)
	found := false
	for _, row := range preview.Buttons {
		for _, b := range row {
			found = found || strings.HasPrefix(b.Text, "📥 Lưu để tra cứu")
		}
	}
	if !found {
		t.Errorf("an old directive's preview offers no \"📥 Lưu để tra cứu\": %v", preview.Buttons)
	}
	r.press(adminID, preview, ids[len(ids)-1], "📤 Gửi")
	sent, _ := r.out.last(t, adminID)
	mustContain(t, "sent to nobody", sent.Text, "chưa gửi được cho ai", "/moi")
	if strings.Contains(sent.Text, "0 tin tới 0 người") {
		t.Errorf("the office is told of 0 messages to 0 people:\n%s", sent.Text)
	}
}
