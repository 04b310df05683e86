package handlers

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chidao"
	"chidao/bot"
	"chidao/delivery"
	"chidao/internal/redistest"
	"chidao/store"
)

const sample = "../configs/directives/vanquan-cchc-2024.md"

func TestRegistrationWithInvites(t *testing.T) {
	r := newRig(t, "")
	mustContain(t, "reply to a stranger", r.say("101", "nv5").Text, "/start MÃ-MỜI")
	mustContain(t, "wrong code", r.say("101", "/start ABCDEFGH").Text, "Mã mời không đúng")

	// A head cannot make invites; the configured admin can.
	r.register("102", "xa-an-son")
	mustContain(t, "head's /moi", r.say("102", "/moi xa-binh-phuc").Text, "chỉ dành cho cán bộ Văn phòng")
	reply := r.say(adminID, "/moi UBND xã Bình Phúc").Text
	mustContain(t, "admin's /moi", reply, "UBND xã Bình Phúc", "/start ")
	code := strings.Fields(reply[strings.Index(reply, "/start ")+len("/start "):])[0]
	code = strings.Trim(code, "\"”).")

	// On Zalo there is no /start: the code alone registers.
	mustContain(t, "typed code", r.say("103", code).Text, "Đăng ký thành công", "UBND xã Bình Phúc")
	mustContain(t, "code used twice", r.say("104", "/start "+code).Text, "đã được dùng")
	m, err := r.db.Member(context.Background(), chidao.Telegram, "103")
	if err != nil || m.Unit != "xa-binh-phuc" || m.Role != chidao.RoleHead || !m.Active {
		t.Errorf("registered member = %+v, %v", m, err)
	}

	// An invite past its expiry is refused.
	inv, err := r.db.NewInvite(context.Background(), "xa-chu-tuc", chidao.RoleHead, "test", r.clock.Now(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	r.clock.add(2 * time.Hour)
	mustContain(t, "expired code", r.say("105", "/start "+inv.Code).Text, "hết hạn")

	// The configured admin is an admin of the office from the first message.
	a, err := r.db.Member(context.Background(), chidao.Telegram, adminID)
	if err != nil || !a.IsAdmin() || a.Unit != "van-phong" {
		t.Errorf("configured admin = %+v, %v", a, err)
	}
}

func TestQuestionsAndOddInput(t *testing.T) {
	r := newRig(t, "")
	if err := r.h.Import(context.Background(), mustParse(t, r, sample), "vb.md", nil); err != nil {
		t.Fatal(err)
	}
	r.register("201", "xa-an-son")

	got := r.say("201", "nhiem vu 5 han khi nao")
	mustContain(t, "deadline answer", got.Text, "07/6/2024", "Nhiệm vụ 5")
	if len(got.Buttons) == 0 || !strings.Contains(got.Buttons[0][0].Text, "Báo cáo hoàn thành NV 5") {
		t.Errorf("a task of the asker's unit should offer a report button, got %v", got.Buttons)
	}
	mustContain(t, "my unit", r.say("201", "đơn vị tôi phải làm gì").Text, "5")
	mustContain(t, "unknown command", r.say("201", "/abc").Text, "/help")
	mustContain(t, "10,000 characters", r.say("201", strings.Repeat("a", 10000)).Text, "dài quá")

	r.update("201", bot.Update{Kind: bot.KindOther, Other: "sticker"})
	last, _ := r.out.last(t, "201")
	mustContain(t, "sticker", last.Text, "chỉ đọc được tin nhắn chữ")

	r.update("201", bot.Update{Kind: bot.KindEdited, Text: "nv 7"})
	last, _ = r.out.last(t, "201")
	mustContain(t, "edited question", last.Text, "câu hỏi đã sửa", "Văn phòng HĐND và UBND")

	// A group chat gets no chatter from the bot.
	before, _ := r.out.to("-500")
	r.update("201", bot.Update{Chat: chidao.ChatRef{}, Text: "nv5", Private: false})
	r.serve(context.Background(), &bot.Update{ID: "g1", Kind: bot.KindText, Chat: chidao.ChatRef{Platform: chidao.Telegram, ID: "-500"}, UserID: "201", Text: "nv5"})
	after, _ := r.out.to("-500")
	if len(after) != len(before) {
		t.Errorf("the bot answered in a group chat: %q", after[len(after)-1].Text)
	}
}

func mustParse(t *testing.T, r *rig, path string) *chidao.Directive {
	t.Helper()
	d, err := r.h.parser.Parse(path, readFile(t, path))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestBroadcastAcknowledge is the office's main job: upload, preview, send;
// each member of each recipient unit gets it once; "Đã nhận" is recorded
// once, only from a recipient unit, and shows when.
func TestBroadcastAcknowledge(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	r.register("301", "xa-an-son")
	r.register("302", "xa-an-son")
	r.register("303", "phong-noi-vu")
	r.say(adminID, "/help") // the admin registers on first contact

	preview := r.upload(adminID, "vanquan.md", readFile(t, sample))
	mustContain(t, "preview", preview.Text, "XEM TRƯỚC", "07/6/2024", "Sẽ gửi tới", "chưa có ai đăng ký")
	_, ids := r.out.to(adminID)
	r.press(adminID, preview, ids[len(ids)-1], "📤 Gửi")
	sentMsg, _ := r.out.last(t, adminID)
	mustContain(t, "send confirmation", sentMsg.Text, "Đã đưa", "hàng gửi")

	s := delivery.New(r.db, r.h, bot.Messengers{chidao.Telegram: r.out}, delivery.Options{Unlimited: true, Idle: time.Millisecond})
	if err := s.RunUntilEmpty(ctx); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"301", "302", "303", adminID} {
		ms, _ := r.out.to(u)
		n, files := 0, 0
		for _, m := range ms {
			if strings.Contains(m.Text, "VĂN BẢN MỚI") {
				n++
			}
			if m.File != nil {
				files++
			}
		}
		if n != 1 || files != 1 {
			t.Errorf("member %s got the directive %d times with %d files; want once with the file", u, n, files)
		}
	}

	// Press "✅ Đã nhận" under the delivered message.
	var msg bot.Message
	var msgID string
	ms, ids := r.out.to("301")
	for i, m := range ms {
		if strings.Contains(m.Text, "VĂN BẢN MỚI") {
			msg, msgID = m, ids[i]
		}
	}
	r.press("301", msg, msgID, "✅ Đã nhận")
	edit, ok := r.out.edits[msgID]
	if !ok || !strings.HasPrefix(edit.Buttons[0][0].Text, "Đã nhận lúc 08:15 3/6") {
		t.Fatalf("the button did not turn into the time of receipt: %+v", edit.Buttons)
	}
	r.press("301", msg, msgID, "✅ Đã nhận")
	if notice := r.out.answered[len(r.out.answered)-1]; !strings.Contains(notice, "đã xác nhận lúc") {
		t.Errorf("second tap notice = %q", notice)
	}
	if acks, err := r.db.Acks(ctx, r.h.index.Directives()[0].ID); err != nil || len(acks) != 1 || acks[0].Unit != "xa-an-son" {
		t.Fatalf("acks = %+v, %v; want one from xa-an-son", acks, err)
	}

	// /tinhhinh: 1 unit of 30 acknowledged, An Sơn by name.
	status := r.say(adminID, "/tinhhinh").Text
	mustContain(t, "/tinhhinh", status, "đã xác nhận 1/30 đơn vị", "UBND xã An Sơn — Người 301", "Chưa có ai đăng ký")

	// /xuat: a workbook with a row per recipient unit.
	r.update(adminID, bot.Update{Text: "/xuat"})
	x, _ := r.out.last(t, adminID)
	if x.File == nil || !strings.HasSuffix(x.File.Name, ".xlsx") {
		t.Fatalf("/xuat sent %+v, want an .xlsx", x)
	}
	f, err := excelize.OpenReader(bytes.NewReader(x.File.Data))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	units := 0
	for _, row := range rows {
		if len(row) > 0 && (strings.HasPrefix(row[0], "UBND") || strings.HasPrefix(row[0], "Phòng") || strings.HasPrefix(row[0], "Văn phòng") || strings.HasPrefix(row[0], "Thanh tra")) {
			units++
		}
		if len(row) >= 5 && row[0] == "UBND xã An Sơn" {
			found = row[1] == "2" && row[2] == "2" && row[4] == "Người 301"
		}
	}
	if units != 30 || !found {
		t.Errorf("workbook: %d unit rows (want 30), An Sơn row right = %v:\n%q", units, found, rows)
	}

	// Small talk: "👍" from a member who has not acknowledged offers the
	// button; from one who has, a courteous reply; "đã nhận rồi" acknowledges.
	offer := r.say("302", "👍")
	mustContain(t, "👍 before acknowledging", offer.Text, "xác nhận đã nhận", "Công văn")
	_, ids = r.out.to("302")
	r.press("302", offer, ids[len(ids)-1], "✅ Đã nhận")
	mustContain(t, "ok after acknowledging", r.say("301", "ok").Text, "Dạ")
	mustContain(t, "thanks", r.say("301", "cảm ơn bạn nhiều").Text, "không có gì")
	mustContain(t, "greeting", r.say("301", "chào bạn").Text, "Chào anh/chị", "nhiệm vụ 5 hạn khi nào")
	mustContain(t, "typed acknowledgment", r.say("303", "đã nhận rồi").Text, "Đã ghi nhận", "Phòng Nội vụ")
	d := r.h.index.Directives()[0]
	acks, err := r.db.Acks(ctx, d.ID)
	if err != nil || len(acks) != 3 {
		t.Fatalf("acks = %+v, %v; want 301 and 302 of An Sơn and 303 of Nội vụ", acks, err)
	}
}

func TestAcknowledgmentRefused(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	r.register("401", "phong-noi-vu")
	r.register("402", "xa-an-son")
	d := mustParse(t, r, "testdata/noi-vu-only.md")
	if _, err := r.h.Broadcast(ctx, d, "noi-vu.md", nil, "test"); err != nil {
		t.Fatal(err)
	}
	s := delivery.New(r.db, r.h, bot.Messengers{chidao.Telegram: r.out}, delivery.Options{Unlimited: true, Idle: time.Millisecond})
	if err := s.RunUntilEmpty(ctx); err != nil {
		t.Fatal(err)
	}
	msg, id := r.out.last(t, "401")
	if ms, _ := r.out.to("402"); len(ms) != 1 { // only the registration reply
		t.Fatalf("a unit outside the recipients got the directive: %d messages", len(ms))
	}
	// Someone from another unit presses the same button.
	r.press("402", msg, id, "✅ Đã nhận")
	mustContain(t, "outsider's ack", r.out.answered[len(r.out.answered)-1], "không thuộc nơi nhận")
	// A forged button: one character of the signature changed.
	data := msg.Buttons[0][0].Data
	forged := data[:len(data)-1] + string(rune('A'+(data[len(data)-1]+1)%26))
	r.update("401", bot.Update{Kind: bot.KindCallback, MessageID: id, Callback: &bot.Callback{ID: "x", Data: forged}})
	last, _ := r.out.last(t, "401")
	mustContain(t, "forged button", last.Text, "không hợp lệ")
	r.update("401", bot.Update{Kind: bot.KindCallback, MessageID: id, Callback: &bot.Callback{ID: "y", Data: "nonsense"}})
	if acks, _ := r.db.Acks(ctx, d.ID); len(acks) != 0 {
		t.Errorf("acks recorded from refused presses: %+v", acks)
	}
	log, _ := r.db.AuditLog(ctx, time.Time{}, 100)
	refused := 0
	for _, e := range log {
		if e.Action == "ack-refused" || e.Action == "refused" {
			refused++
		}
	}
	if refused < 3 {
		t.Errorf("refusals in the audit log = %d, want 3", refused)
	}
}

func TestUploadsRefused(t *testing.T) {
	r := newRig(t, "")
	r.register("501", "xa-an-son")
	mustContain(t, "head's file", r.upload("501", "vb.md", readFile(t, sample)).Text, "Chỉ Văn phòng")
	r.say(adminID, "/help")
	mustContain(t, "not a directive", r.upload(adminID, "mua-sam.txt", readFile(t, "testdata/shopping.txt")).Text, "không giống một văn bản chỉ đạo", "Chưa có gì được gửi")
	mustContain(t, "wrong type", r.upload(adminID, "bang-tinh.xlsx", []byte("PK\x03\x04")).Text, "không phải loại văn bản")
	r.update(adminID, bot.Update{Kind: bot.KindFile, File: &bot.File{ID: "big", Name: "big.pdf", Size: 21 << 20}})
	big, _ := r.out.last(t, adminID)
	mustContain(t, "21 MB file", big.Text, "lớn quá")
	if ds, err := r.db.Directives(context.Background()); err != nil || len(ds) != 0 {
		t.Errorf("directives stored after refused uploads: %d, %v", len(ds), err)
	}
}

func TestReportAndReturn(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	r.say(adminID, "/help")
	r.register("601", "xa-an-son")
	d := mustParse(t, r, sample)
	if _, err := r.h.Broadcast(ctx, d, "vb.md", nil, "test"); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "report", r.say("601", "xong 5").Text, "Đã ghi nhận", "nhiệm vụ 5", "ghi chú")
	mustContain(t, "note", r.say("601", "Đã ban hành Kế hoạch số 12/KH-UBND").Text, "Đã gửi kèm")
	reports, err := r.db.Reports(ctx, d.ID)
	if err != nil || len(reports) != 1 || reports[0].Note != "Đã ban hành Kế hoạch số 12/KH-UBND" {
		t.Fatalf("reports = %+v, %v", reports, err)
	}
	// The office is told, and returns it with a reason.
	note, id := r.out.last(t, adminID)
	mustContain(t, "office notice", note.Text, "UBND xã An Sơn báo cáo hoàn thành nhiệm vụ 5", "12/KH-UBND")
	r.press(adminID, note, id, "↩️ Trả lại")
	mustContain(t, "reason prompt", func() string { m, _ := r.out.last(t, adminID); return m.Text }(), "gõ lý do")
	mustContain(t, "return", r.say(adminID, "Chưa gửi kèm kế hoạch").Text, "Đã trả lại", "báo cho 1 người")
	back, _ := r.out.last(t, "601")
	mustContain(t, "unit told", back.Text, "trả lại", "Chưa gửi kèm kế hoạch")
	reports, _ = r.db.Reports(ctx, d.ID)
	if reports[0].Status != chidao.ReportReturned {
		t.Errorf("report status %q, want returned", reports[0].Status)
	}
	// A task given to another office is not the unit's to report.
	mustContain(t, "someone else's task", r.say("601", "xong 6").Text, "không giao cho")

	// "xong 1 và 2" reports both; "xong tất cả" lists what is left (3, 4
	// and the returned 5) and closes it only when confirmed.
	r.say("601", "/huy")
	r.say("601", "xong 1 và 2")
	r.say("601", "/huy")
	for _, id := range []string{"1", "2"} {
		if !reportedDone(t, r, d.ID, id, "xa-an-son") {
			t.Errorf("task %s not reported by \"xong 1 và 2\"", id)
		}
	}
	offer := r.say("601", "xong tất cả")
	mustContain(t, "xong tất cả", offer.Text, "cả 3 nhiệm vụ", "NV 3", "NV 4", "NV 5")
	if reportedDone(t, r, d.ID, "3", "xa-an-son") {
		t.Fatal("\"xong tất cả\" closed a task before it was confirmed")
	}
	_, ids := r.out.to("601")
	r.press("601", offer, ids[len(ids)-1], "✔️ Xác nhận hoàn thành 3 nhiệm vụ")
	for _, id := range []string{"3", "4", "5"} {
		if !reportedDone(t, r, d.ID, id, "xa-an-son") {
			t.Errorf("task %s not reported after confirming \"xong tất cả\"", id)
		}
	}
	mustContain(t, "nothing left", r.say("601", "xong tất cả").Text, "không còn nhiệm vụ nào")
}

// reportedDone reports whether the unit's latest report on the task says done.
func reportedDone(t *testing.T, r *rig, directive, task, unit string) bool {
	t.Helper()
	reports, err := r.db.Reports(context.Background(), directive)
	if err != nil {
		t.Fatal(err)
	}
	done := false
	for _, rp := range reports {
		if rp.Task == task && rp.Unit == unit {
			done = rp.Status == chidao.ReportDone
		}
	}
	return done
}

func TestQuestionsWhileRedisIsAway(t *testing.T) {
	srv := redistest.Start(t)
	r := newRig(t, srv.URL)
	ctx := context.Background()
	if err := r.h.Import(ctx, mustParse(t, r, sample), "vb.md", nil); err != nil {
		t.Fatal(err)
	}
	r.register("701", "xa-an-son")
	inv, err := r.db.NewInvite(ctx, "xa-tri-le", chidao.RoleHead, "test", r.clock.Now(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	srv.Stop()
	mustContain(t, "question while Redis is down", r.say("701", "nv5").Text, "07/6/2024")
	mustContain(t, "registration while Redis is down", r.say("702", "/start "+inv.Code).Text, "bảo trì")
	srv.Restart() // the server restarts empty: what it held is the test's to put back
	r.register("702", "xa-tri-le")
	mustContain(t, "after recovery", r.say("702", "nv 7").Text, "Văn phòng HĐND và UBND")
}

func TestMute(t *testing.T) {
	r := newRig(t, "")
	r.say(adminID, "/help")
	mustContain(t, "mute unit", r.say(adminID, "/tatnhac xa-an-son 7 ngày").Text, "Đã tạm dừng nhắc việc cho UBND xã An Sơn đến")
	mustContain(t, "unknown", r.say(adminID, "/tatnhac xã Không Có").Text, "Không tìm thấy")
	mustContain(t, "unmute", r.say(adminID, "/batnhac UBND xã An Sơn").Text, "Đã bật lại")
	fus, err := r.db.Mutes(context.Background(), r.clock.Now())
	if err != nil || len(fus) != 0 {
		t.Errorf("mutes after unmute = %+v, %v", fus, err)
	}
	mustContain(t, "unmute what was never muted", r.say(adminID, "/batnhac xa-an-son").Text, "đang bật", "không cần bật lại")
	// A count that is not 1–365 days is refused with the accepted forms, never read as "for ever".
	for _, bad := range []string{"/tatnhac xa-an-son abc", "/tatnhac xa-an-son -3", "/tatnhac xa-an-son 100000", "/tatnhac xa-an-son 0"} {
		mustContain(t, bad, r.say(adminID, bad).Text, "không hợp lệ", "1 đến 365")
	}
	mustContain(t, "a name of several words", r.say(adminID, "/tatnhac Phòng Tài chính - Kế hoạch").Text, "Đã tạm dừng", "cho đến khi bật lại")
	if fus, _ := r.db.Mutes(context.Background(), r.clock.Now()); len(fus) != 1 || fus[0].Unit != "phong-tai-chinh-ke-hoach" {
		t.Errorf("mutes = %+v, want only Phòng Tài chính - Kế hoạch's (the refused ones stored nothing)", fus)
	}
}

var _ = store.ErrNotFound

func TestExtension(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	r.say(adminID, "/help")
	r.register("801", "phong-noi-vu")
	d := mustParse(t, r, "testdata/noi-vu-only.md")
	if err := r.h.Import(ctx, d, "cv.md", nil); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "usage", r.say(adminID, "/giahan 301").Text, "/giahan SỐ-VĂN-BẢN")
	mustContain(t, "not the unit's task", r.say(adminID, "/giahan 301 1 xa-an-son 31/7/2024").Text, "không giao cho UBND xã An Sơn")
	mustContain(t, "a past date", r.say(adminID, "/giahan 301 1 phong-noi-vu 01/5/2024").Text, "đã qua")
	mustContain(t, "bad date", r.say(adminID, "/giahan 301 1 phong-noi-vu 31/13/2024").Text, "chưa đúng dạng")
	mustContain(t, "extension", r.say(adminID, "/giahan 301 1 Phòng Nội vụ 31/7/2024").Text, "Đã gia hạn nhiệm vụ 1", "31/7/2024", "báo cho 1 người")
	told, _ := r.out.last(t, "801")
	mustContain(t, "unit told", told.Text, "gia hạn nhiệm vụ 1", "31/7/2024")
	fus, err := r.db.FollowUps(ctx, []string{d.ID})
	if err != nil {
		t.Fatal(err)
	}
	if got := fus[d.ID].Extensions["1|phong-noi-vu"]; got != chidao.NewDate(2024, 7, 31) {
		t.Errorf("extension stored = %v, want 2024-07-31", got)
	}
	mustContain(t, "head's /giahan", r.say("801", "/giahan 301 1 phong-noi-vu 31/8/2024").Text, "chỉ dành cho")
}

// TestPreviewWarnsOfADeadlineBeforeTheIssue: a deadline set before the
// directive's own date (a year typed wrong) is shown as the text gives it,
// and the preview asks the office to check it before sending.
func TestPreviewWarnsOfADeadlineBeforeTheIssue(t *testing.T) {
	r := newRig(t, "")
	r.say(adminID, "/help")
	text := "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\n\nSố: 31/UBND-NV\n\nVăn Quan, ngày 14 tháng 11 năm 2024\n\nV/v rà soát hồ sơ\n\n" +
		"Kính gửi: Phòng Nội vụ.\n\n1. Rà soát hồ sơ cán bộ, hoàn thành trước ngày 21/11/2023.\n\n2. Báo cáo kết quả trước ngày 30/11/2024.\n"
	preview := r.upload(adminID, "vb.txt", []byte(text))
	mustContain(t, "preview", preview.Text, "21/11/2023", "Hạn của nhiệm vụ 1 (21/11/2023) sớm hơn ngày ban hành (14/11/2024)", "kiểm tra lại")
	if strings.Contains(preview.Text, "nhiệm vụ 2 (") {
		t.Errorf("a deadline after the issue is warned of:\n%s", preview.Text)
	}
}

// TestInviteGuessing: a chat may try five codes a minute, the sixth waits;
// a hundred wrong codes across chats warn the office once; each failure is
// in the audit log.
func TestInviteGuessing(t *testing.T) {
	r := newRig(t, "")
	r.say(adminID, "/help")
	for i := 0; i < 5; i++ {
		mustContain(t, "wrong code", r.say("801", fmt.Sprintf("/start ZZZZ%04d", i)).Text, "Mã mời không đúng")
	}
	mustContain(t, "the sixth", r.say("801", "/start ZZZZ9999").Text, "thử lại sau", "giây")
	for i := 0; i < 95; i++ {
		r.say(fmt.Sprintf("9%03d", i), fmt.Sprintf("/start YYYY%04d", i))
	}
	warnings := 0
	ms, _ := r.out.to(adminID)
	for _, m := range ms {
		if strings.Contains(m.Text, "dò mã") {
			warnings++
		}
	}
	if warnings != 1 {
		t.Errorf("the office got %d warnings of invite guessing, want 1", warnings)
	}
	entries, err := r.db.AuditLog(context.Background(), time.Time{}, 500)
	if err != nil {
		t.Fatal(err)
	}
	failed, throttled := 0, 0
	for _, e := range entries {
		switch e.Action {
		case "invite-failed":
			failed++
		case "invite-throttled":
			throttled++
		}
	}
	if failed != 100 || throttled != 1 {
		t.Errorf("audit: %d failed, %d throttled; want 100 and 1", failed, throttled)
	}
}

// TestOfficeExamplesWork: the /help and /vanban of the office name the
// sample directive (which has no number) in a way the commands take, and
// the /giahan example of /help runs as written.
func TestOfficeExamplesWork(t *testing.T) {
	r := newRig(t, "")
	r.say(adminID, "/help")
	d := mustParse(t, r, sample)
	if err := r.h.Import(context.Background(), d, "vb.md", nil); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "/vanban", r.say(adminID, "/vanban").Text, "trong lệnh: #1")
	help := r.say(adminID, "/help").Text
	m := regexp.MustCompile(`/giahan (#1 5 xa-an-son 20/6/2024)`).FindStringSubmatch(help)
	if m == nil {
		t.Fatalf("/help's /giahan example does not name the sample directive as the commands take it:\n%s", help)
	}
	mustContain(t, "the example", r.say(adminID, "/giahan "+m[1]).Text, "Đã gia hạn nhiệm vụ 5", "20/6/2024")
	mustContain(t, "/tinhhinh #1", r.say(adminID, "/tinhhinh #1").Text, "Tình hình nhận", "chưa được gửi qua bot")
	mustContain(t, "/tinhhinh #9", r.say(adminID, "/tinhhinh #9").Text, "Không tìm thấy")
}

// TestInviteRoles: an admin code is only for the office's staff; a unit
// that no longer exists gets no code.
func TestInviteRoles(t *testing.T) {
	r := newPresetRig(t, "", "tinh")
	r.say(adminID, "/help")
	mustContain(t, "admin code for a department", r.say(adminID, "/moi so-noi-vu admin").Text, "chỉ dành cho cán bộ", "/moi so-noi-vu")
	mustContain(t, "admin code for the office", r.say(adminID, "/moi van-phong admin").Text, "Mã mời")
	mustContain(t, "a retired district", r.say(adminID, "/moi huyen-binh-son").Text, "không còn từ 01/7/2025")
	mustContain(t, "a head's code", r.say(adminID, "/moi Sở Nội vụ").Text, "Mã mời", "Sở Nội vụ")
}

// TestAdminRedeemingAHeadsCode: an office member who sends a head's code is
// told what changes and must confirm; the code stays unused until then.
func TestAdminRedeemingAHeadsCode(t *testing.T) {
	r := newRig(t, "")
	ctx := context.Background()
	adminInv, err := r.db.NewInvite(ctx, "van-phong", chidao.RoleAdmin, "test", r.clock.Now(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "admin registers", r.say("555", "/start "+adminInv.Code).Text, "Đăng ký thành công")
	headInv, err := r.db.NewInvite(ctx, "xa-an-son", chidao.RoleHead, "test", r.clock.Now(), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	warn := r.say("555", "/start "+headInv.Code)
	mustContain(t, "warning", warn.Text, "đang là cán bộ", "lãnh đạo UBND xã An Sơn", "không còn quyền")
	if _, used, err := r.db.LookupInvite(ctx, headInv.Code); err != nil || used {
		t.Fatalf("the head's code was used before the admin confirmed (used=%v, %v)", used, err)
	}
	_, ids := r.out.to("555")
	r.press("555", warn, ids[len(ids)-1], "🔁 Đổi sang")
	got, _ := r.out.last(t, "555")
	mustContain(t, "after confirming", got.Text, "Đăng ký thành công", "UBND xã An Sơn")
	m, err := r.db.Member(ctx, chidao.Telegram, "555")
	if err != nil || m.Unit != "xa-an-son" || m.Role != chidao.RoleHead {
		t.Errorf("member after confirming = %+v, %v; want the head of An Sơn", m, err)
	}
}
