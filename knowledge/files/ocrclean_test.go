package files

import (
	"strings"
	"testing"
)

// ocrLine is one OCR'd line of a page's header band: words and their
// confidences, "word:conf" each.
func ocrLine(y float64, spec string) line {
	var ws []word
	x := 80.0
	for _, f := range strings.Fields(spec) {
		i := strings.LastIndexByte(f, ':')
		conf := num(f[i+1:])
		ws = append(ws, word{box: box{x, y, x + 50, y + 40}, text: f[:i], conf: conf})
		x += 60
	}
	return newLine(ws)
}

// TestCleanOCR: what OCR makes of handwriting, seals and strokes is
// blanked (never a guessed number or day); what is printed stays. The
// cases are the header lines of the scans in testdata/real.
func TestCleanOCR(t *testing.T) {
	tests := []struct {
		name, spec, want string
		y                float64
	}{
		{"a handwritten number next to a symbol", "Số::95 9{:52 /QĐ-UBND:53", "Số: /QĐ-UBND", 500},
		{"a handwritten number read as a digit", "Số::97 2:69 #:68 /CT-UBND:91", "Số: /CT-UBND", 500},
		{"a handwritten day glued to the words", "Quảng:96 Ngãi,:93 ngày4†tháng:41 01:96 năm:97 2025:97", "Quảng Ngãi, ngày tháng 01 năm 2025", 520},
		{"a day of strokes, the printed month kept", "Quảng:97 Ngãi,:97 ngày:93 Â4‡:0 tháng:0 12:95 năm:97 2021:96", "Quảng Ngãi, ngày tháng 12 năm 2021", 520},
		{"a letter no Vietnamese word has", "Quảng:97 Ngãi,:97 ngày:78 Z:38 tháng:97 4:97 năm:97 2020:96", "Quảng Ngãi, ngày tháng 4 năm 2020", 520},
		{"a day glued before the month's word", "Quảng:97 Ngãi,:97 ngày:90 04tháng:60 02:96 năm:97 2025:97", "Quảng Ngãi, ngày tháng 02 năm 2025", 520},
		{"a stroke glued to the keyword", "Quảng:97 Ngãi,:97 ngàyà:70 tháng:96 02:96 năm:97 2025:97", "Quảng Ngãi, ngày tháng 02 năm 2025", 520},
		{"a cited document's number in the header band stays", "Thực:97 hiện:97 Nghị:96 định:96 số:97 123/2020/NĐ-CP:90 ngày:97 19/10/2020:92 của:97 Chính:97 phủ:97 quy:97 định:97", "Thực hiện Nghị định số 123/2020/NĐ-CP ngày 19/10/2020 của Chính phủ quy định", 600},
		{"an item's number with a stroke before it", "._8.:60 Hiệp:97 hội:97", "8. Hiệp hội", 2000},
		{"a unit's printed date in the body", "trước:97 ngày:97 26/01/2022:89", "trước ngày 26/01/2022", 2000},
		{"a digit OCR is unsure of in the body", "gửi:97 trước:97 3Ö:12 ngày:97", "gửi trước ngày", 2000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := cleanOCR(page{w: 2480, h: 3508, ocr: true, lines: []line{ocrLine(tt.y, tt.spec)}})
			if got := p.lines[0].text(); got != tt.want {
				t.Errorf("cleaned %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCleanOCRFields(t *testing.T) {
	tests := []struct{ name, spec, want string }{
		{"the number's word read as strokes", ":95 ST:5 /CT-UBND:88", "Số: /CT-UBND"},
		{"the day's word read as strokes", "Quảng:95 Ngãi,:92 ngàW†:54 tháng:96 5:89 năm:96 2021:96", "Quảng Ngãi, ngày tháng 5 năm 2021"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := cleanOCR(page{w: 2480, h: 3508, ocr: true, lines: []line{ocrLine(500, tt.spec)}})
			if got := p.lines[0].text(); got != tt.want {
				t.Errorf("cleaned %q, want %q", got, tt.want)
			}
		})
	}
}
