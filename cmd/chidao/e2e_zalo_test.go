package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"chidao/bot/zalo/zalotest"
)

// TestZaloConversation runs serve with Zalo only: Zalo has no buttons and
// no /start, so the invite code is sent on its own, buttons arrive as
// numbered lines, and typing the number presses them.
func TestZaloConversation(t *testing.T) {
	zl := zalotest.New(t)
	h := newHarness(t, map[string]string{
		"CHIDAO_TELEGRAM_TOKEN":        "",
		"CHIDAO_TELEGRAM_API_ENDPOINT": "",
		"CHIDAO_ZALO_TOKEN":            zl.Token(),
		"CHIDAO_ZALO_API_ENDPOINT":     zl.Endpoint(),
	})
	h.start()
	head := zalotest.User{ID: "8f2a9c01", Name: "Lý Thị Mai"}
	// zsay sends text and waits for a reply, after it, containing want.
	zsay := func(text, want string) zalotest.SentMessage {
		t.Helper()
		before := len(zl.SentTo(head.ID))
		zl.SendText(head, text)
		var got zalotest.SentMessage
		waitUntil(t, 10*time.Second, "a Zalo reply to "+text+" containing "+want, func() bool {
			for _, m := range zl.SentTo(head.ID)[before:] {
				if strings.Contains(m.Text, want) {
					got = m
					return true
				}
			}
			return false
		})
		return got
	}

	zsay("xin chào", "mã mời")
	code := h.invite("xa-an-son", "head")
	zsay(code, "Đăng ký thành công")

	if out, code := h.cli("broadcast", "../../configs/directives/vanquan-cchc-2024.md", "--yes"); code != 0 {
		t.Fatalf("broadcast: %d %s", code, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	d, err := zl.WaitSent(ctx, head.ID, func(m zalotest.SentMessage) bool { return strings.Contains(m.Text, "VĂN BẢN MỚI") })
	if err != nil {
		t.Fatal(err)
	}
	waitUntil(t, 5*time.Second, "the file notice after the directive", func() bool {
		return strings.Contains(zl.SentTo(head.ID)[len(zl.SentTo(head.ID))-1].Text, "📎")
	})
	if !strings.Contains(d.Text, "1. ✅ Đã nhận") || !strings.Contains(d.Text, "Trả lời bằng số") {
		t.Fatalf("buttons are not numbered lines on Zalo:\n%s", d.Text)
	}
	zsay("1", "Cảm ơn anh/chị")
	m := zsay("nv5", "07/6/2024")
	if !strings.Contains(m.Text, "1. ✔️ Báo cáo hoàn thành NV 5") {
		t.Errorf("the report button is not offered as a numbered line:\n%s", m.Text)
	}
	zsay("1", "báo cáo hoàn thành nhiệm vụ 5")
	if n := zl.Calls("sendPhoto"); n != 0 {
		t.Errorf("sendPhoto called %d times", n)
	}
}
