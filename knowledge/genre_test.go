package knowledge

import (
	"errors"
	"os"
	"testing"
)

// TestWhichTextsAreDirectives: a body without its header, as portals
// republish notices, is read; a README, source code or mojibake is not.
func TestWhichTextsAreDirectives(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	p := NewParser(testUnits(t), testGroups()...)
	tests := []struct {
		name, text string
		want       error
	}{
		{"a notice's body without a header", "Thực hiện Thông báo của UBND huyện về việc nghỉ Tết Nguyên đán, UBND xã thông báo đến cán bộ, công chức như sau:\n\nCán bộ, công chức được nghỉ từ ngày 14/02/2026 đến hết ngày 22/02/2026. Đề nghị các bộ phận bố trí trực cơ quan đầy đủ.\n", nil},
		{"the project's README", string(readme), ErrNotDirective},
		{"source code", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\t// 1. Giao Phòng Nội vụ\n\tfmt.Println(\"x\")\n}\n", ErrNotDirective},
		{"VNI read as Latin-1", "UÛY BAN NHAÂN DAÂN HUYEÄN VAÊN QUAN\nSoá: 12/UBND\n1. Giao Phoøng Noäi vuï thöïc hieän.\n", ErrEncoding},
		{"bytes read as UTF-16", "\u28c3\u3120\u202e\u6261\u0a63", ErrEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := p.ParseText("x.txt", tt.text)
			if !errors.Is(err, tt.want) && !(tt.want == nil && err == nil) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}
