package bot

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplitText(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		limit int
		want  []string
	}{
		{"short", "xin chào", 10, []string{"xin chào"}},
		{"blank", " \n\n ", 10, nil},
		{"paragraphs packed", "aaa\n\nbbb\n\nccc", 8, []string{"aaa\n\nbbb", "ccc"}},
		{"lines when a paragraph is too long", "aaaa\nbbbb\ncccc\n\ndd", 9, []string{"aaaa\nbbbb", "cccc", "dd"}},
		{"words when a line is too long", "một hai ba bốn", 7, []string{"một hai", "ba bốn"}},
		{"runes when a word is too long", "đđđđđđđđđđ", 4, []string{"đđđđ", "đđđđ", "đđ"}},
		{"emoji count twice", "😀😀😀", 4, []string{"😀😀", "😀"}},
		{"no leading blank lines", "aaaa\n\n\n\nbbbb", 5, []string{"aaaa", "bbbb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitText(tt.text, tt.limit)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("SplitText(%q, %d) = %q, want %q", tt.text, tt.limit, got, tt.want)
			}
		})
	}
}

func TestSplitTextLongDirective(t *testing.T) {
	// 10,000 characters in paragraphs of about 300: every part within the
	// limit, cut only between paragraphs, nothing lost.
	var paras []string
	total := 0
	for i := 0; total < 10000; i++ {
		p := strings.Repeat("Giao Phòng Nội vụ huyện tham mưu. ", 9)[:300]
		p = fmt.Sprintf("%d. %s", i+1, strings.TrimSpace(strings.ToValidUTF8(p, "")))
		paras = append(paras, p)
		total += utf8.RuneCountInString(p) + 2
	}
	text := strings.Join(paras, "\n\n")
	parts := SplitText(text, 4096)
	if len(parts) < 3 {
		t.Fatalf("%d parts", len(parts))
	}
	for i, p := range parts {
		if n := textLen(p); n > 4096 {
			t.Errorf("part %d has %d characters", i, n)
		}
		if !strings.Contains(text, p) {
			t.Errorf("part %d is not a run of paragraphs of the text", i)
		}
	}
	if got := strings.Join(parts, "\n\n"); got != strings.TrimSpace(text) {
		t.Error("joining the parts with blank lines does not give the text back")
	}
}
