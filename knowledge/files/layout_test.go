package files

import (
	"strings"
	"testing"
)

// at is a line of a test page: its words spread over the box from x0 to
// x1 at height y (a line 16 high), from a text layer unless conf is set.
type at struct {
	x0, x1, y float64
	text      string
	h         float64 // height; 16 when 0
}

func ln(x0, x1, y float64, text string) at    { return at{x0: x0, x1: x1, y: y, text: text} }
func small(x0, x1, y float64, text string) at { return at{x0: x0, x1: x1, y: y, text: text, h: 9} }

// testPage builds an A4 page in points from lines.
func testPage(ocr bool, ls ...at) page {
	p := page{w: 595, h: 842, ocr: ocr}
	for _, l := range ls {
		h := l.h
		if h == 0 {
			h = 16
		}
		conf := 100.0
		if ocr {
			conf = 95
		}
		// "a || b": one line of the engine's across two columns, a
		// spread over its box's first 40%, b over its last 45%.
		spans := [][2]float64{{l.x0, l.x1}}
		parts := strings.Split(l.text, " || ")
		if len(parts) == 2 {
			spans = [][2]float64{{l.x0, l.x0 + 0.4*(l.x1-l.x0)}, {l.x0 + 0.55*(l.x1-l.x0), l.x1}}
		}
		var words []word
		for k, part := range parts {
			ws := strings.Fields(part)
			step := (spans[k][1] - spans[k][0]) / float64(len(ws))
			for i, w := range ws {
				x := spans[k][0] + float64(i)*step
				words = append(words, word{box: box{x, l.y, x + step*0.85, l.y + h}, text: w, conf: conf})
			}
		}
		p.lines = append(p.lines, newLine(words))
	}
	return p
}

func TestLayout(t *testing.T) {
	tests := []struct {
		name  string
		pages []page
		want  string
	}{
		{"a header's two columns, one after the other, a wrapped cell joined", []page{testPage(false,
			ln(90, 220, 60, "ỦY BAN NHÂN DÂN"), ln(300, 520, 60, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA"),
			ln(300, 360, 76, "VIỆT NAM"),
			ln(95, 215, 82, "TỈNH QUẢNG NGÃI"), ln(330, 500, 98, "Độc lập - Tự do - Hạnh phúc"),
			ln(90, 200, 110, "Số: 12/UBND-KT"), ln(320, 520, 130, "Quảng Ngãi, ngày 04 tháng 02 năm 2025"),
			ln(85, 230, 140, "V/v tham gia ý kiến các"), ln(85, 230, 156, "dự thảo Nghị định"),
			ln(240, 350, 190, "Kính gửi: Sở Tài chính"),
			ln(110, 520, 220, "Theo đề nghị của Bộ Tài chính tại các Công văn nêu trên, Chủ tịch UBND"),
			ln(85, 520, 236, "tỉnh có ý kiến như sau:"),
		)}, "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 12/UBND-KT\nV/v tham gia ý kiến các dự thảo Nghị định\n" +
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nQuảng Ngãi, ngày 04 tháng 02 năm 2025\n\n" +
			"Kính gửi: Sở Tài chính\n\nTheo đề nghị của Bộ Tài chính tại các Công văn nêu trên, Chủ tịch UBND tỉnh có ý kiến như sau:\n"},
		{"OCR reads the columns as one line: the gap splits it", []page{testPage(true,
			ln(90, 520, 60, "ỦY BAN NHÂN DÂN || CỘNG HÒA XÃ HỘI"),
			ln(300, 520, 80, "Độc lập - Tự do - Hạnh phúc"),
			ln(110, 520, 120, "Thực hiện Chỉ thị số 11/CT-TTg của Thủ tướng Chính phủ, Chủ tịch"),
			ln(85, 300, 136, "UBND tỉnh yêu cầu như sau:"),
		)}, "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI\nĐộc lập - Tự do - Hạnh phúc\n\n" +
			"Thực hiện Chỉ thị số 11/CT-TTg của Thủ tướng Chính phủ, Chủ tịch UBND tỉnh yêu cầu như sau:\n"},
		{"paragraphs: a first-line indent, a hanging indent, a short line ending a sentence", []page{testPage(false,
			ln(110, 520, 100, "1. Sở Nội vụ chủ trì, phối hợp với các cơ quan, đơn vị rà soát,"),
			ln(85, 520, 116, "tổng hợp danh sách trước ngày 15/3/2025."),
			ln(85, 520, 132, "2. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch theo quy định"),
			ln(100, 520, 148, "hiện hành của pháp luật về ngân sách nhà nước và hướng dẫn"),
			ln(100, 300, 164, "của Bộ Tài chính."),
			ln(110, 520, 180, "3. Các huyện, thị xã, thành phố báo cáo kết quả về UBND tỉnh."),
		)}, "1. Sở Nội vụ chủ trì, phối hợp với các cơ quan, đơn vị rà soát, tổng hợp danh sách trước ngày 15/3/2025.\n\n" +
			"2. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch theo quy định hiện hành của pháp luật về ngân sách nhà nước và hướng dẫn của Bộ Tài chính.\n\n" +
			"3. Các huyện, thị xã, thành phố báo cáo kết quả về UBND tỉnh.\n"},
		{"a page number dropped, a paragraph going on to the next page", []page{
			testPage(false, ln(110, 520, 760, "1. Sở Nội vụ chủ trì, phối hợp với các cơ quan, đơn vị rà soát,"),
				ln(85, 520, 776, "tổng hợp danh sách cán bộ, công chức, viên chức và người lao động")),
			testPage(false, ln(290, 300, 30, "2"), ln(85, 400, 60, "trước ngày 15/3/2025."),
				ln(110, 520, 76, "2. Sở Tài chính bố trí kinh phí.")),
		}, "1. Sở Nội vụ chủ trì, phối hợp với các cơ quan, đơn vị rà soát, tổng hợp danh sách cán bộ, công chức, viên chức và người lao động trước ngày 15/3/2025.\n\n" +
			"2. Sở Tài chính bố trí kinh phí.\n"},
		{"a footnote's mark and the note, after the paragraph citing it", []page{testPage(false,
			ln(110, 480, 100, "3. Triển khai Phong trào thi đua do UBND huyện phát động"), small(482, 487, 100, "1"),
			ln(85, 300, 116, "nhằm nâng cao chỉ số."),
			ln(110, 520, 132, "4. Tăng cường công tác tự kiểm tra, giám sát."),
			small(85, 90, 760, "1"), ln(92, 520, 760, "Tại Kế hoạch số 147/KH-UBND ngày 16/4/2024 của UBND huyện."),
		)}, "3. Triển khai Phong trào thi đua do UBND huyện phát động<sup>1</sup> nhằm nâng cao chỉ số.\n\n" +
			"<sup>1</sup> Tại Kế hoạch số 147/KH-UBND ngày 16/4/2024 của UBND huyện.\n\n" +
			"4. Tăng cường công tác tự kiểm tra, giám sát.\n"},
		{"the signature block: Nơi nhận's list, then the signer", []page{testPage(false,
			ln(110, 520, 100, "Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./."),
			ln(85, 160, 130, "Nơi nhận:"), ln(340, 480, 130, "KT. CHỦ TỊCH"),
			ln(85, 200, 146, "- Như Điều 3;"), ln(350, 470, 146, "PHÓ CHỦ TỊCH"),
			ln(85, 250, 162, "- Các phòng chuyên môn thuộc"), ln(85, 180, 178, "UBND huyện;"),
			ln(85, 180, 194, "- Lưu: VT."), ln(350, 480, 230, "Trần Phước Hiền"),
		)}, "Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.\n\n" +
			"Nơi nhận:\n- Như Điều 3;\n- Các phòng chuyên môn thuộc UBND huyện;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Phước Hiền\n"},
		{"a centred title and its subject on two lines", []page{testPage(false,
			ln(255, 340, 100, "CHỈ THỊ"),
			ln(140, 455, 122, "Về việc tăng cường các biện pháp bảo đảm đón Tết"),
			ln(180, 415, 138, "Nguyên đán Nhâm Dần năm 2022"),
			ln(110, 520, 170, "Thực hiện Chỉ thị số 11-CT/TW ngày 08/12/2021 của Ban Bí thư,"),
		)}, "CHỈ THỊ\n\nVề việc tăng cường các biện pháp bảo đảm đón Tết Nguyên đán Nhâm Dần năm 2022\n\n" +
			"Thực hiện Chỉ thị số 11-CT/TW ngày 08/12/2021 của Ban Bí thư,\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := layout(tt.pages); got != tt.want {
				t.Errorf("layout:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
