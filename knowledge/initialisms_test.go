package knowledge

import (
	"slices"
	"testing"
)

// TestUnitInitialisms: the initials a body's name is typed by, and the
// words that are no name.
func TestUnitInitialisms(t *testing.T) {
	tests := []struct {
		text      string
		want, not []string
	}{
		{"Giao Sở Tài nguyên và Môi trường chủ trì", []string{"stnmt", "tnmt"}, nil},
		{"Sở Nông nghiệp và Phát triển nông thôn", []string{"snn", "snnptnt", "nnptnt"}, nil},
		{"Sở Kế hoạch và Đầu tư, Sở Giáo dục và Đào tạo", []string{"skhdt", "sgddt"}, []string{"skhdtsgd"}},
		{"phối hợp Sở Giao thông vận tải", []string{"sgtvt", "gtvt"}, nil},
		{"Phòng Nội vụ tham mưu", []string{"pnv"}, nil},
		{"Trung tâm Y tế huyện", []string{"ttyt"}, nil},
		{"Sở Thông tin và Truyền thông", []string{"stttt", "tttt"}, nil},
		// A head in lower case is a word, not a name: "văn bản này".
		{"theo văn bản này của sở", nil, []string{"bn", "vbn", "bnc"}},
		// A number ends the name: "Ban 2 tháng".
		{"Ban 2 tháng", nil, []string{"b2t"}},
	}
	for _, tt := range tests {
		got := unitInitialisms(tt.text, tokenize(tt.text, nil), nil)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: %v lacks %q", tt.text, got, w)
			}
		}
		for _, w := range tt.not {
			if slices.Contains(got, w) {
				t.Errorf("%q: %v holds %q", tt.text, got, w)
			}
		}
	}
}
