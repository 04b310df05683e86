package knowledge

import (
	"reflect"
	"testing"
)

// TestCutRow: each join of a header's cells, as web pages and text layers
// give them, and the sentences that look alike but are one cell.
func TestCutRow(t *testing.T) {
	tests := []struct {
		cut  string // the rowCut the row exercises
		row  string
		want []string
		body bool
	}{
		{"before the motto", "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
			[]string{"ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"}, false},
		{"before the motto", "HUYỆN CHÂU THÀNH Độc lập - Tự do - Hạnh phúc",
			[]string{"HUYỆN CHÂU THÀNH", "Độc lập - Tự do - Hạnh phúc"}, false},
		{"after the motto", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------",
			[]string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"}, false},
		{"after the number", "Số: 184/UBND Châu Thành, ngày 12 tháng 2 năm 2018",
			[]string{"Số: 184/UBND", "Châu Thành, ngày 12 tháng 2 năm 2018"}, false},
		{"before the subject", "Số: 6087/BYT-KCB V/v thực hiện cấp chứng chỉ hành nghề",
			[]string{"Số: 6087/BYT-KCB", "V/v thực hiện cấp chứng chỉ hành nghề"}, false},
		{"before the subject", "Công văn số 1448/SNV-CCHC ngày 27/12/2016 V/v xin ý kiến vào dự thảo",
			[]string{"Công văn số 1448/SNV-CCHC ngày 27/12/2016", "V/v xin ý kiến vào dự thảo"}, false},
		{"after the date", "Hà Nội, ngày 27 tháng 09 năm 2013 Kính gửi: Sở Y tế",
			[]string{"Hà Nội, ngày 27 tháng 09 năm 2013", "Kính gửi: Sở Y tế"}, false},
		{"after the recipients", "Kính gửi: Đ/c Chủ tịch UBND tỉnh Trong thời gian qua, các địa phương đã",
			[]string{"Kính gửi: Đ/c Chủ tịch UBND tỉnh", "Trong thời gian qua, các địa phương đã"}, true},
		{"decoration", "BỘ Y TẾ -------", []string{"BỘ Y TẾ"}, false},
		{"decoration", "---------------", []string{""}, false},
		{"bars", "Số: 12/NQ-CP | Hà Nội, ngày 07 tháng 02 năm 2023",
			[]string{"Số: 12/NQ-CP", "Hà Nội, ngày 07 tháng 02 năm 2023"}, false},
		// One cell: the word after the join is not a cell's start.
		{"none", "Số: 12/UBND-VP", []string{"Số: 12/UBND-VP"}, false},
		{"none", "Kính gửi: các phòng trong huyện thực hiện", []string{"Kính gửi: các phòng trong huyện thực hiện"}, false},
		{"none", "Hà Nội, ngày 27 tháng 09 năm 2013", []string{"Hà Nội, ngày 27 tháng 09 năm 2013"}, false},
		{"none", "BẢO HIỂM XÃ HỘI VIỆT NAM", []string{"BẢO HIỂM XÃ HỘI VIỆT NAM"}, false},
	}
	for _, tt := range tests {
		got, body := cutRow(tt.row)
		if !reflect.DeepEqual(got, tt.want) || body != tt.body {
			t.Errorf("%s: cutRow(%q) = %q, %v; want %q, %v", tt.cut, tt.row, got, body, tt.want, tt.body)
		}
	}
}

// TestHeaderRowsJoined: a whole header copied from a web page, its cells
// joined row by row, reads as the same header laid out in a table.
func TestHeaderRowsJoined(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	text := "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN VĂN QUAN Độc lập - Tự do - Hạnh phúc\n" +
		"Số: 184/UBND-NV Văn Quan, ngày 12 tháng 2 năm 2025\n\nV/v rà soát hồ sơ cán bộ\n\nKính gửi: Phòng Nội vụ.\n\n" +
		"Thực hiện Kế hoạch số 12/KH-UBND ngày 03 tháng 01 năm 2025 của UBND tỉnh, UBND huyện đề nghị:\n\n" +
		"1. Rà soát hồ sơ trước ngày 15/3/2025.\n"
	d, err := p.ParseText("x.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	if d.Number != "184/UBND-NV" || d.Issuer != "UBND huyện Văn Quan" || d.Issued.String() != "2025-02-12" ||
		d.Subject != "V/v rà soát hồ sơ cán bộ" || len(d.Recipients) != 1 {
		t.Errorf("number %q issuer %q issued %s subject %q recipients %q", d.Number, d.Issuer, d.Issued, d.Subject, d.Recipients)
	}
	if len(d.Tasks) != 1 || d.Tasks[0].Deadline.String() != "2025-03-15" {
		t.Errorf("tasks = %+v", d.Tasks)
	}
}
