package knowledge

import (
	"strings"
	"testing"
)

// TestAskedBodies: the bodies a question names, and the words that only
// look like one ("số công văn", "phòng chống", "Kính gửi Văn phòng").
func TestAskedBodies(t *testing.T) {
	ix := NewIndex(testUnits(t), testGroups()...)
	tests := []struct {
		q    string
		want []string // keys
	}{
		{"Sở Xây dựng phải làm gì?", []string{"so xay dung"}},
		{"so xay dung lam gi", []string{"so xay dung"}},
		{"UBND huyện phải làm gì?", []string{"uy ban nhan dan huyen"}},
		{"UBND các xã được giao gì", nil}, // a configured group
		{"Công an tỉnh phối hợp việc gì", []string{"cong an tinh"}},
		{"Sở Kế hoạch và Đầu tư được giao gì", []string{"so ke hoach"}},
		{"so ke hoach va dau tu duoc giao gi", []string{"so ke hoach"}},
		// Not a body, or a unit configured.
		{"số công văn là gì", nil},
		{"so cong van", nil},
		{"so ke hoach", nil},
		{"công tác phòng chống dịch giao cho ai", nil},
		{"Kính gửi Văn phòng, nhiệm vụ 5 hạn khi nào?", nil},
		{"Văn phòng sắp lịch trực hạn khi nào?", nil},
		{"Phòng Nội vụ phải làm gì", nil}, // a configured unit
		{"Sở GTVT được giao gì", nil},     // initials: the index's
	}
	for _, tt := range tests {
		sc := ix.scratch.Get().(*scratch)
		a := ix.analyze(tt.q, sc)
		ix.scratch.Put(sc)
		var got []string
		for _, b := range a.bodies {
			got = append(got, b.key)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q: bodies %q, want %q", tt.q, got, tt.want)
		}
	}
}

// TestBodyNotNamed: a body the directive never names is told so; one it
// names, in whatever words around it, is answered.
func TestBodyNotNamed(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	ix := NewIndex(testUnits(t), testGroups()...)
	d, err := p.ParseText("x.txt", "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nSố: 12/UBND-KT\nV/v khảo sát dự án\n\nKính gửi: Sở Tài nguyên và Môi trường.\n\n"+
		"Giao Sở Tài nguyên và Môi trường chủ trì, phối hợp với Công an tỉnh, UBND các huyện khảo sát địa điểm dự án, hoàn thành trước ngày 10/12/2025./.\n")
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(d); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		q     string
		found bool
		text  string
	}{
		{"Sở Xây dựng phải làm gì?", false, "không nhắc đến Sở Xây dựng"},
		{"so tai chinh duoc giao gi", false, "không nhắc đến So Tai chinh"}, // "Sở Tài nguyên" is another
		{"Sở Nội vụ phải làm gì?", false, "không nhắc đến Sở Nội vụ"},
		{"UBND xã phải làm gì?", false, "không nhắc đến UBND xã"},
		{"UBND huyện phải làm gì?", true, "khảo sát"},
		{"Công an tỉnh phối hợp việc gì", true, "khảo sát"},
		{"Sở Tài nguyên và Môi trường làm gì", true, "khảo sát"},
	} {
		a := ix.Ask(Query{Text: tt.q})
		if a.Found != tt.found || !strings.Contains(a.Text, tt.text) {
			t.Errorf("%q: found=%v\n%s", tt.q, a.Found, a.Text)
		}
	}
}
