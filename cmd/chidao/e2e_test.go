package main

import (
	"testing"
	"time"

	"chidao/bot/telegram/telegramtest"
)

// TestRegisterAndAsk is the first conversation of a unit head: without an
// invite nothing but how to register; with one, registered; then "nv5"
// answers with task 5 and its deadline written the Vietnamese way.
func TestRegisterAndAsk(t *testing.T) {
	h := newHarness(t, nil)
	if out, code := h.cli("import", "../../configs/directives/vanquan-cchc-2024.md"); code != 0 {
		t.Fatalf("import: %d %s", code, out)
	}
	h.start()
	head := telegramtest.User{ID: 501, FirstName: "Nguyễn Văn An"}

	h.say(head, "nv5", "mã mời")
	code := h.invite("xa-an-son", "head")
	h.say(head, "/start "+code, "Đăng ký thành công")
	m := h.say(head, "nv5", "07/6/2024")
	if want := "Nhiệm vụ 5"; !contains(m.Text, want) {
		t.Errorf("answer to nv5 lacks %q: %s", want, m.Text)
	}
	other := telegramtest.User{ID: 502, FirstName: "Trần Bình"}
	h.say(other, "/start "+code, "đã được dùng")
}

func contains(s, sub string) bool { return len(sub) == 0 || indexOf(s, sub) >= 0 }

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// TestAdminInviteGivesOfficeMenu: someone invited as office staff gets the
// office's command menu as soon as they register, without a restart.
func TestAdminInviteGivesOfficeMenu(t *testing.T) {
	h := newHarness(t, nil)
	h.start()
	staff := telegramtest.User{ID: 611, FirstName: "Cán bộ VP"}
	h.say(staff, "/start "+h.invite("van-phong", "admin"), "Đăng ký thành công")
	waitUntil(t, 5*time.Second, "the office menu for the new admin", func() bool {
		for _, c := range h.tg.Commands("611") {
			if c.Command == "tinhhinh" {
				return true
			}
		}
		return false
	})
}
