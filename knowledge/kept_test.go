package knowledge

import (
	"strings"
	"testing"

	"chidao"
)

// TestContextKept: what a text says besides its tasks is kept on the
// directive, and answers from it; a directive stored before it was kept
// is read again from its text, with the same answer.
func TestContextKept(t *testing.T) {
	kh := parseFile(t, "testdata/kh-ho-tro-sinh-ke-2025.md")
	if len(kh.Context) == 0 || !strings.Contains(strings.Join(kh.Context, "\n"), "Chương trình mục tiêu quốc gia giảm nghèo") {
		t.Fatalf("context = %q", kh.Context)
	}
	for _, c := range kh.Context {
		for _, x := range kh.Tasks {
			if c == x.Text {
				t.Errorf("a task's text kept as context: %q", c)
			}
		}
	}
	old := *kh
	old.Context = nil
	for name, d := range map[string]*chidao.Directive{"kept": kh, "read again": &old} {
		ix := NewIndex(testUnits(t), testGroups()...)
		if err := ix.Add(d); err != nil {
			t.Fatal(err)
		}
		a := ix.Ask(Query{Text: "kinh phí thực hiện kế hoạch lấy từ đâu"})
		if !a.Found || !strings.Contains(a.Text, "Chương trình mục tiêu quốc gia giảm nghèo") {
			t.Errorf("%s: found=%v\n%s", name, a.Found, a.Text)
		}
	}
}

// TestSentenceChunks: a paragraph too long for a passage is cut between
// sentences, none lost.
func TestSentenceChunks(t *testing.T) {
	p := strings.Repeat("Câu thứ nhất nói về việc cấp phép. ", 10) + "Đến cuối năm 2013 cả nước cấp được 80,85% chứng chỉ hành nghề."
	got := sentenceChunks(p, 120)
	if len(got) < 3 {
		t.Fatalf("chunks = %q", got)
	}
	for _, c := range got {
		if len(c) > 120 {
			t.Errorf("chunk of %d bytes: %q", len(c), c)
		}
	}
	if strings.Join(got, " ") != p {
		t.Errorf("chunks lose words:\n%q\n%q", strings.Join(got, " "), p)
	}
	if one := sentenceChunks("Ngắn.", 120); len(one) != 1 || one[0] != "Ngắn." {
		t.Errorf("short paragraph: %q", one)
	}
}
