package knowledge

import (
	"strings"
	"testing"
)

func TestAskedOccasion(t *testing.T) {
	for q, want := range map[string]occasion{
		"hoi nghi hiep thuong lan thu tu to chuc khi nao": {word: "lan", n: 4},
		"dot 3 kiem tra ket thuc ngay nao":                {word: "dot", n: 3},
		"ky hop thu hai hdnd":                             {word: "ky hop", n: 2},
		"lan hai hop o dau":                               {word: "lan", n: 2},
		"dot nam 2025 co may nhiem vu":                    {},
		"hop khi nao":                                     {},
	} {
		if got := askedOccasion(q); got != want {
			t.Errorf("askedOccasion(%q) = %+v, want %+v", q, got, want)
		}
	}
}

// TestOccasionNotInTheText: a plan of three rounds is silent on a fourth;
// the second is answered by the second's task.
func TestOccasionNotInTheText(t *testing.T) {
	ix := textIndex(t, "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 45/KH-UBND\n\nKẾ HOẠCH\nHiệp thương\n\n"+
		"1. Tổ chức hội nghị hiệp thương lần thứ nhất trước ngày 10/12/2025.\n\n"+
		"2. Tổ chức hội nghị hiệp thương lần thứ hai trước ngày 02/02/2026.\n\n"+
		"3. Tổ chức hội nghị hiệp thương lần thứ ba trước ngày 20/02/2026.\n")
	if a := ix.Ask(Query{Text: "hội nghị hiệp thương lần thứ tư tổ chức khi nào"}); a.Found || !strings.Contains(a.Text, "không nói về lần thứ 4") {
		t.Errorf("a fourth round: found=%v\n%s", a.Found, a.Text)
	}
	if a := ix.Ask(Query{Text: "hiệp thương lần thứ hai hạn khi nào"}); !a.Found || a.Items[0] != "2" || a.Deadline.String() != "2026-02-02" {
		t.Errorf("the second round: found=%v items=%v\n%s", a.Found, a.Items, a.Text)
	}
}
