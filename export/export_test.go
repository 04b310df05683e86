package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestWorkbookReadsBack(t *testing.T) {
	sheets := []Sheet{
		{
			Name:   "227/TB-UBND: kết luận",
			Title:  "Công văn số 227/TB-UBND — V/v triển khai",
			Header: []string{"Đơn vị", "Đã gửi", "Xác nhận lúc", "Người xác nhận", "NV 5"},
			Rows: [][]string{
				{"UBND xã An Sơn", "2/2", "08:15 25/6/2024", "Nguyễn Văn A", "hoàn thành đúng hạn"},
				{"Phòng Tư pháp", "1/1", "", "", "chưa hoàn thành quá hạn"},
			},
			Notes: []string{"Xuất lúc 09:00 26/6/2024"},
		},
		{Name: "227/TB-UBND: kết luận", Header: []string{"a"}, Rows: [][]string{{"b"}}},
		{Name: strings.Repeat("Tên rất dài ", 10), Header: []string{"x"}},
	}
	data, err := Workbook(sheets)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open the workbook: %v", err)
	}
	defer f.Close()
	names := f.GetSheetList()
	if len(names) != 3 {
		t.Fatalf("sheets = %q, want 3", names)
	}
	if names[0] != "227-TB-UBND- kết luận" || names[1] != "227-TB-UBND- kết luận (2)" {
		t.Errorf("sheet names = %q: want the forbidden characters replaced and repeats numbered", names)
	}
	for _, n := range names {
		if len([]rune(n)) > maxSheetName {
			t.Errorf("sheet name %q longer than %d characters", n, maxSheetName)
		}
	}
	rows, err := f.GetRows(names[0])
	if err != nil {
		t.Fatal(err)
	}
	// Title, blank, header, two units, blank, note.
	want := [][]string{
		{"Công văn số 227/TB-UBND — V/v triển khai"},
		nil,
		{"Đơn vị", "Đã gửi", "Xác nhận lúc", "Người xác nhận", "NV 5"},
		{"UBND xã An Sơn", "2/2", "08:15 25/6/2024", "Nguyễn Văn A", "hoàn thành đúng hạn"},
		{"Phòng Tư pháp", "1/1", "", "", "chưa hoàn thành quá hạn"},
		nil,
		{"Xuất lúc 09:00 26/6/2024"},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows = %q, want %q", rows, want)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q", i+1, rows[i], want[i])
		}
	}
}

func TestWorkbookNoSheets(t *testing.T) {
	if _, err := Workbook(nil); err == nil {
		t.Error("Workbook(nil) succeeded; want an error")
	}
}
