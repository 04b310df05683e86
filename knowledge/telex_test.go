package knowledge

import "testing"

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
	ix := NewIndex(testUnits(t), testGroups()...)
	d, err := NewParser(testUnits(t), testGroups()...).ParseText("x.txt", "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 5/KH-UBND\n\nKẾ HOẠCH\nThi đua\n\nI. NHIỆM VỤ\n1. Đề nghị Phòng Nội vụ tổng hợp danh sách.\n")
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(d); err != nil {
		t.Fatal(err)
	}
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
