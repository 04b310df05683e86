package knowledge

import "testing"

// TestRepairMarker: markers OCR misread, read as the numbering expects
// them, and those it must not touch.
func TestRepairMarker(t *testing.T) {
	letter := func(l string) *node { return &node{rank: 4, label: l} }
	number := func(l string) *node { return &node{rank: 2, label: l} }
	tests := []struct {
		name       string
		line       string
		prev, next *node
		want       string
	}{
		{"a sign for the letter expected", "ø) Củng cố đội ngũ giám định viên.", letter("e"), nil, "g) Củng cố đội ngũ giám định viên."},
		{"two letters for one", "đd) Tiếp tục thực hiện các phương án.", letter("c"), number("13"), "d) Tiếp tục thực hiện các phương án."},
		{"c read as e, the next item confirming", "e) Làm việc với Công ty Điện lực.", letter("b"), letter("d"), "c) Làm việc với Công ty Điện lực."},
		{"a sign for the number expected", "ö. Tỉnh đoàn Quảng Ngãi: Chỉ đạo các cấp.", number("7"), number("10"), "8. Tỉnh đoàn Quảng Ngãi: Chỉ đạo các cấp."},
		{"a lettering that skips d is kept", "đ) Tăng cường kiểm soát quyền lực.", letter("c"), letter("e"), "đ) Tăng cường kiểm soát quyền lực."},
		{"an unexpected letter the next item does not confirm", "e) Làm việc với Công ty Điện lực.", letter("b"), letter("g"), "e) Làm việc với Công ty Điện lực."},
		{"no text after it: no item", "ø) 3 bản.", letter("e"), nil, "ø) 3 bản."},
		{"a number closes with a full stop", "ö) Tỉnh đoàn.", number("7"), nil, "ö) Tỉnh đoàn."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := repairMarker(tt.line, tt.prev, tt.next)
			if got != tt.want {
				t.Errorf("repairMarker(%q) = %q, want %q", tt.line, got, tt.want)
			}
		})
	}
}

// TestSpellingVote: in a text read by OCR, a word takes the spelling the
// text uses most for it.
func TestSpellingVote(t *testing.T) {
	text := "UBND tĩnh Quảng Ngái\n" + "UBND tỉnh Quảng Ngãi yêu cầu các sở, ban ngành tỉnh; Chủ tịch UBND tỉnh Quảng Ngãi; tỉnh Quảng Ngãi."
	if got := countSpellings(text).vote("UBND tĩnh Quảng Ngái"); got != "UBND tỉnh Quảng Ngãi" {
		t.Errorf("vote = %q", got)
	}
}
