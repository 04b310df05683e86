package knowledge

import (
	"slices"
	"strings"
	"testing"

	"chidao"
)

// TestColumnsFromPDF reads the lines of a two-column header and signature
// block copied from a PDF: each column on its own lines, the left column's
// block first; a wide space inside a sentence stays.
func TestColumnsFromPDF(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"header", "ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n  HUYỆN BÌNH GIA          Độc lập - Tự do - Hạnh phúc\n\nSố:  77/UBND-VP          Bình Gia, ngày 3 tháng 4 năm 2025",
			[]string{"ỦY BAN NHÂN DÂN", "HUYỆN BÌNH GIA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "", "Số: 77/UBND-VP", "Bình Gia, ngày 3 tháng 4 năm 2025"}},
		{"footer", "Nơi nhận:        TM. ỦY BAN NHÂN DÂN\n- Như trên;           CHỦ TỊCH\n- Lưu: VT.\n                      (Đã ký)\n- TT HĐND huyện;        Hà Thị Nga",
			[]string{"Nơi nhận:", "- Như trên;", "- Lưu: VT.", "(Đã ký)", "- TT HĐND huyện;", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hà Thị Nga"}},
		{"prose", "- Rà soát, cập nhật      phương án ứng phó thiên tai;\nb) Giao Phòng Y tế    chủ trì.",
			[]string{"- Rà soát, cập nhật phương án ứng phó thiên tai;", "b) Giao Phòng Y tế chủ trì."}},
		{"page number", "d) Phòng Y tế chỉ đạo các trạm y tế kiểm tra cho\n\n                 3\n\nhọc sinh trong tháng 9.\n\n4\n\nđ) Tiếp theo.",
			[]string{"d) Phòng Y tế chỉ đạo các trạm y tế kiểm tra cho", "học sinh trong tháng 9.", "", "", "đ) Tiếp theo."}},
	}
	for _, tt := range tests {
		var got []string
		for _, l := range cleanLines(tt.text) {
			got = append(got, l.text)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: lines = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestParsePDFDecision parses a decision copied from a PDF: a two-column
// header and signature, "Điều 1 ." spacing, a page number inside an
// article.
func TestParsePDFDecision(t *testing.T) {
	d := parseFile(t, "testdata/qd-to-kiem-tra-atvstp-2025.txt")
	if d.Number != "1432/QĐ-UBND" || d.Kind != "Quyết định" || d.Issuer != "UBND huyện Văn Quan" || d.Issued.String() != "2025-09-04" ||
		d.Place != "Văn Quan" || !strings.HasPrefix(d.Subject, "Về việc thành lập Tổ kiểm tra liên ngành") {
		t.Errorf("header = %q %q %q %v %q %q", d.Number, d.Kind, d.Issuer, d.Issued, d.Place, d.Subject)
	}
	if d.Signer != (chidao.Signer{Name: "Triệu Văn Sơn", Title: "PHÓ CHỦ TỊCH", Authority: "KT. CHỦ TỊCH"}) {
		t.Errorf("signer = %+v", d.Signer)
	}
	if slices.Contains(d.References, "1432/QĐ-UBND") {
		t.Errorf("its own number is a reference: %q", d.References)
	}
	if t2, ok := d.Task("2"); !ok || !strings.Contains(t2.Text, "Tổ trưởng báo cáo kết quả") {
		t.Errorf("the page number splits Điều 2: %q", t2.Text)
	}
}

// TestSignerBlocks reads the signer from the blocks directives end with.
func TestSignerBlocks(t *testing.T) {
	const head = "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 5/UBND-VP\nV/v thử\n\nKính gửi: Phòng Nội vụ.\n\nGiao Phòng Nội vụ rà soát hồ sơ./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
	tests := []struct {
		foot string
		want chidao.Signer
	}{
		{"TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLương Thị Hạnh",
			chidao.Signer{Name: "Lương Thị Hạnh", Title: "PHÓ CHỦ TỊCH", Authority: "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"}},
		{"TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n(Đã ký)\n\nHOÀNG VĂN BÌNH",
			chidao.Signer{Name: "HOÀNG VĂN BÌNH", Title: "CHỦ TỊCH", Authority: "TM. ỦY BAN NHÂN DÂN"}},
		{"KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nVi Văn Thắng", chidao.Signer{Name: "Vi Văn Thắng", Title: "PHÓ CHỦ TỊCH", Authority: "KT. CHỦ TỊCH"}},
		{"TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n\nNông Thị Lan",
			chidao.Signer{Name: "Nông Thị Lan", Title: "PHÓ CHÁNH VĂN PHÒNG", Authority: "TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG"}},
		{"CHỦ TỊCH\n\nHoàng Văn Bình", chidao.Signer{Name: "Hoàng Văn Bình", Title: "CHỦ TỊCH"}},
	}
	p := NewParser(testUnits(t), testGroups()...)
	for _, tt := range tests {
		d, err := p.ParseText("", head+tt.foot)
		if err != nil {
			t.Fatal(err)
		}
		if d.Signer != tt.want {
			t.Errorf("%q: signer = %+v, want %+v", tt.foot, d.Signer, tt.want)
		}
	}
}
