package main

import (
	"testing"

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
