package handlers

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"chidao"
	"chidao/bot"
	"chidao/delivery"
)

// notices returns the office notices of unreachable members sent to chat.
func (r *recorder) notices(chat string) []string {
	ms, _ := r.to(chat)
	var out []string
	for _, m := range ms {
		if strings.HasPrefix(m.Text, "⛔") {
			out = append(out, m.Text)
		}
	}
	return out
}

// broadcastSample uploads the sample directive as the admin (numbered
// "Số: N/UBND-NV" when number is not 0: another directive), presses
// "📤 Gửi" and delivers the outbox.
func (r *rig) broadcastSample(name string, number int) {
	r.t.Helper()
	data := readFile(r.t, sample)
	if number != 0 {
		data = bytes.Replace(data, []byte("Số: /UBND-NV"), fmt.Appendf(nil, "Số: %d/UBND-NV", number), 1)
	}
	preview := r.upload(adminID, name, data)
	_, ids := r.out.to(adminID)
	r.press(adminID, preview, ids[len(ids)-1], "📤 Gửi")
	s := delivery.New(r.db, r.h, bot.Messengers{chidao.Telegram: r.out}, delivery.Options{Unlimited: true, Idle: time.Millisecond})
	if err := s.RunUntilEmpty(context.Background()); err != nil {
		r.t.Fatal(err)
	}
}

func TestUnreachableMembersReachTheOfficeInOneNotice(t *testing.T) {
	r := newRig(t, "")
	r.h.opt.NoticeDelay = 50 * time.Millisecond
	for _, m := range []struct{ id, unit string }{{"301", "xa-an-son"}, {"302", "xa-an-son"}, {"303", "phong-noi-vu"}} {
		r.register(m.id, m.unit)
	}
	r.say(adminID, "/help")
	r.out.mu.Lock()
	r.out.refuse["301"] = fmt.Errorf("telegram sendMessage: Forbidden: bot was blocked by the user: %w", bot.ErrForbidden)
	r.out.refuse["303"] = fmt.Errorf("telegram sendMessage: Bad Request: chat not found: %w", bot.ErrChatNotFound)
	r.out.mu.Unlock()

	r.broadcastSample("vanquan.md", 0)
	deadline := time.Now().Add(5 * time.Second)
	for len(r.out.notices(adminID)) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // a second notice would have come by now
	got := r.out.notices(adminID)
	if len(got) != 1 {
		t.Fatalf("the office got %d notices, want one naming both members:\n%s", len(got), strings.Join(got, "\n---\n"))
	}
	mustContain(t, "notice", got[0], "cho 2 người",
		"• Người 301 (UBND xã An Sơn): người nhận đã chặn bot",
		"• Người 303 (Phòng Nội vụ): không tìm thấy cuộc trò chuyện",
		"Đã ngừng gửi tin cho những người này")
	if strings.Contains(got[0], "302") {
		t.Errorf("the notice names a member who was reached:\n%s", got[0])
	}

	// They are not sent the next directive, and the office hears nothing
	// more about them.
	sentBefore, _ := r.out.to("302")
	r.broadcastSample("vanquan-lan-2.md", 301)
	time.Sleep(200 * time.Millisecond)
	if n := len(r.out.notices(adminID)); n != 1 {
		t.Errorf("after a second broadcast the office has %d notices, want still 1", n)
	}
	if sentAfter, _ := r.out.to("302"); len(sentAfter) <= len(sentBefore) {
		t.Error("the reachable member did not get the second broadcast")
	}
}

func TestFlushNoticesSendsWhatIsGathered(t *testing.T) {
	r := newRig(t, "")
	r.h.opt.NoticeDelay = time.Hour
	r.register("301", "xa-an-son")
	r.say(adminID, "/help")
	r.out.mu.Lock()
	r.out.refuse["301"] = fmt.Errorf("telegram sendMessage: Forbidden: user is deactivated: %w", bot.ErrForbidden)
	r.out.mu.Unlock()
	r.broadcastSample("vanquan.md", 0)
	if n := len(r.out.notices(adminID)); n != 0 {
		t.Fatalf("%d notices before the delay or a flush", n)
	}
	r.h.FlushNotices(context.Background())
	got := r.out.notices(adminID)
	if len(got) != 1 {
		t.Fatalf("%d notices after the flush, want 1", len(got))
	}
	mustContain(t, "notice", got[0], "⛔ Không gửi được Công văn", "cho Người 301 (UBND xã An Sơn): người nhận đã chặn bot hoặc chưa mở bot.",
		"Đã ngừng gửi tin cho người này")
	r.h.FlushNotices(context.Background())
	if n := len(r.out.notices(adminID)); n != 1 {
		t.Errorf("a second flush sent again: %d notices", n)
	}
}

func TestLostTextListsAtMost30(t *testing.T) {
	var lost []lostMember
	for i := range 42 {
		lost = append(lost, lostMember{key: fmt.Sprint(i), who: fmt.Sprintf("Người %d", i), unit: "UBND xã An Sơn", reason: "người nhận đã chặn bot hoặc chưa mở bot"})
	}
	text := lostText("Công văn số 1/UBND", lost)
	if n := strings.Count(text, "\n• "); n != maxLostListed+1 {
		t.Errorf("%d lines, want %d names and one summary", n, maxLostListed)
	}
	mustContain(t, "notice", text, "cho 42 người", "• Người 29 (", "… và 12 người khác (xem /tinhhinh)")
	if strings.Contains(text, "Người 30 (") {
		t.Error("lists past the limit")
	}
}
