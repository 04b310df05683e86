package knowledge

import (
	"strings"
	"testing"

	"chidao"
)

func TestTelexWord(t *testing.T) {
	for in, want := range map[string]string{
		"mucj": "muc", "ddeef": "de", "nghij": "nghi", "lamf": "lam", "gif": "gi", "hanj": "han", "nhieemj": "nhiem",
		"muc": "", "ii": "", "7": "", "thcs": "thc", "a": "",
	} {
		if got := telexWord(in); got != want {
			t.Errorf("telexWord(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestUntelex: words typed in Telex with the keyboard left in English are
// read, offsets kept; words the index knows, or whose reading it does not,
// stay as typed.
func TestUntelex(t *testing.T) {
	ix := textIndex(t, "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 5/KH-UBND\n\nKẾ HOẠCH\nThi đua\n\nI. NHIỆM VỤ\n1. Đề nghị Phòng Nội vụ tổng hợp danh sách.\n")
	for in, want := range map[string]string{
		"mucj i.1 ddeef nghij ai lamf gif": "muc  i.1 de    nghi  ai lam  gi ",
		"thcs nao":                         "thcs nao",
		"phong noi vu":                     "phong noi vu",
	} {
		if got := ix.untelex(in); got != want || len(got) != len(in) {
			t.Errorf("untelex(%q) = %q, want %q", in, got, want)
		}
	}
	if a := ix.Ask(Query{Text: "mucj I.1 ddeef nghij ai lamf gif"}); !a.Found || a.Items[0] != "I.1" {
		t.Errorf("Telex question: found=%v items=%v\n%s", a.Found, a.Items, a.Text)
	}
}

// TestStartAsked: "bắt đầu từ ngày nào" is answered with the span's start
// as written, and the span's end is not given as a deadline to it.
func TestStartAsked(t *testing.T) {
	for in, want := range map[string]string{
		"Treo Quốc kỳ từ chiều ngày 18/01/2026 đến hết ngày 25/01/2026 (chủ nhật).": "từ chiều ngày 18/01/2026 đến hết ngày 25/01/2026",
		"Tạm dừng tiếp công dân từ ngày 23/12/2021.":                                "từ ngày 23/12/2021",
		"Hoàn thành trước ngày 30/6/2025.":                                          "",
	} {
		if got := startSpan(in); got != want {
			t.Errorf("startSpan(%q) = %q, want %q", in, got, want)
		}
	}
	ix := textIndex(t, "UBND xã Núi Cấm đề nghị các cơ quan, đơn vị thực hiện:\n\n"+
		"1. Các cơ quan, đơn vị treo cờ Tổ quốc từ chiều ngày 18/01/2026 đến hết ngày 25/01/2026.\n\n2. Trưởng các ấp vận động nhân dân dọn vệ sinh.\n")
	a := ix.Ask(Query{Text: "treo cờ bắt đầu từ ngày nào"})
	if !a.Found || !a.Deadline.IsZero() || !strings.Contains(a.Text, "từ chiều ngày 18/01/2026") {
		t.Errorf("start asked: found=%v deadline=%v\n%s", a.Found, a.Deadline, a.Text)
	}
	if a := ix.Ask(Query{Text: "treo cờ đến hết ngày nào"}); a.Deadline.String() != "2026-01-25" {
		t.Errorf("end asked: deadline=%v\n%s", a.Deadline, a.Text)
	}
}

// TestPlainNumberUnderASection: "mục 6" of a plan in Roman sections is the
// 6th item of the one section having it; "mục 3" of a text numbered 1, 2
// (with 2.1–2.3 under 2) is its item 3, which it does not have.
func TestPlainNumberUnderASection(t *testing.T) {
	ids := func(ts []chidao.Task) []string {
		var out []string
		for _, x := range ts {
			out = append(out, x.ID)
		}
		return out
	}
	roman := &chidao.Directive{Tasks: []chidao.Task{{ID: "I.1"}, {ID: "II.5"}, {ID: "II.6"}}}
	if got, _ := lookupRef(roman, &analysis{}, "6"); len(got) != 1 || got[0].ID != "II.6" {
		t.Errorf("Roman sections: %v, want II.6", ids(got))
	}
	arabic := &chidao.Directive{Tasks: []chidao.Task{{ID: "1"}, {ID: "2.1"}, {ID: "2.2"}, {ID: "2.3"}}}
	if got, _ := lookupRef(arabic, &analysis{}, "3"); got != nil {
		t.Errorf("figures at the top: %v, want none", ids(got))
	}
}
