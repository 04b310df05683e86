package knowledge

import (
	"strings"
	"testing"
)

func TestSmallTalkOf(t *testing.T) {
	tests := []struct {
		text string
		want Talk
	}{
		{"chào bạn", TalkGreeting},
		{"Xin chào ạ!", TalkGreeting},
		{"alo", TalkGreeting},
		{"cảm ơn", TalkThanks},
		{"Cám ơn bạn nhiều nhé", TalkThanks},
		{"cam on bot", TalkThanks},
		{"ok cảm ơn", TalkThanks},
		{"🙏", TalkThanks},
		{"ok", TalkOkay},
		{"Oke", TalkOkay},
		{"👍", TalkOkay},
		{"👍👍", TalkOkay},
		{"dạ vâng ạ", TalkOkay},
		{"ok 👌", TalkOkay},
		{"tạm biệt", TalkBye},
		// Questions and reports are not small talk, greeting or not.
		{"chào bạn, nhiệm vụ 5 hạn khi nào?", TalkNone},
		{"ok xong 5", TalkNone},
		{"đã nhận", TalkNone},
		{"bạn", TalkNone},
		{"ạ", TalkNone},
		{"", TalkNone},
		{"cảm ơn, phòng nội vụ phải làm gì", TalkNone},
		{"chao xa an son", TalkNone},
	}
	for _, tt := range tests {
		if got := SmallTalkOf(tt.text); got != tt.want {
			t.Errorf("SmallTalkOf(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestSmallTalkGetsAReplyNotARefusal(t *testing.T) {
	for _, k := range []Talk{TalkGreeting, TalkThanks, TalkOkay, TalkBye} {
		if r := k.Reply(); !strings.Contains(strings.ToLower(r), "anh/chị") {
			t.Errorf("Talk(%d).Reply() = %q, want a courteous reply addressing anh/chị", k, r)
		}
	}
}
