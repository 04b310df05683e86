package knowledge

import (
	"archive/zip"
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
)

// taskView is what a test checks of a parsed task.
type taskView struct {
	id, deadline, recurrence string
	units                    []string
}

func viewTasks(t *testing.T, name string, data []byte) []taskView {
	t.Helper()
	d, err := NewParser(testUnits(t), testGroups()...).Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	var out []taskView
	for _, tk := range d.Tasks {
		v := taskView{id: tk.ID, recurrence: tk.Recurrence, units: tk.AssigneeUnits}
		if !tk.Deadline.IsZero() {
			v.deadline = tk.Deadline.String()
		}
		out = append(out, v)
	}
	return out
}

var communes = []string{"thi-tran-van-quan", "xa-an-son", "xa-binh-phuc", "xa-chu-tuc", "xa-dai-an", "xa-diem-he", "xa-hoa-binh",
	"xa-huu-le", "xa-khanh-khe", "xa-lien-hoi", "xa-luong-nang", "xa-tan-doan", "xa-trang-cac", "xa-trang-phai", "xa-tri-le",
	"xa-tu-xuyen", "xa-yen-phuc"}

func with(units ...any) []string {
	var out []string
	for _, u := range units {
		switch u := u.(type) {
		case string:
			out = append(out, u)
		case []string:
			out = append(out, u...)
		}
	}
	slices.Sort(out)
	return out
}

// A directive that gives its tasks as a table (STT | Nhiệm vụ | Đơn vị chủ
// trì | Đơn vị phối hợp | Thời hạn) has one task per row, with the row's
// units and deadline, whether the table comes in Markdown or in a .docx.
func TestTaskTables(t *testing.T) {
	md, err := os.ReadFile("testdata/cv-de-an-06-bang-2025.md")
	if err != nil {
		t.Fatal(err)
	}
	want := []taskView{
		{id: "1", deadline: "2025-07-31", units: with("phong-tu-phap", communes)},
		{id: "2", recurrence: "thường xuyên", units: with("phong-tu-phap", communes)},
		{id: "3", deadline: "2025-08-31", units: with("phong-lao-dong-tbxh", communes)},
		{id: "4", recurrence: "hằng tháng", units: with("van-phong")},
		{id: "5", deadline: "2025-08-15", units: with("phong-van-hoa-thong-tin", communes)},
		{id: "6", recurrence: "hằng quý", units: with("phong-noi-vu", "phong-van-hoa-thong-tin")},
	}
	check := func(name string, got []taskView) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %d tasks, want %d: %+v", name, len(got), len(want), got)
		}
		for i, g := range got {
			w := want[i]
			u := slices.Clone(g.units)
			slices.Sort(u)
			if g.id != w.id || g.deadline != w.deadline || g.recurrence != w.recurrence || !slices.Equal(u, w.units) {
				t.Errorf("%s task %d = %+v\nwant %+v", name, i+1, g, w)
			}
		}
	}
	check("markdown", viewTasks(t, "cv-735.md", md))

	// A table in Word, with a group row spanning the columns (gridSpan) and
	// one "Cơ quan chủ trì" cell merged down over two rows (vMerge).
	cell := func(text string, props string) string {
		return "<w:tc><w:tcPr>" + props + "</w:tcPr><w:p><w:r><w:t>" + text + "</w:t></w:r></w:p></w:tc>"
	}
	rowOf := func(cells ...string) string { return "<w:tr>" + strings.Join(cells, "") + "</w:tr>" }
	plain := func(texts ...string) string {
		var b strings.Builder
		for _, s := range texts {
			b.WriteString(cell(s, ""))
		}
		return rowOf(b.String())
	}
	table := "<w:tbl>" +
		plain("STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành") +
		rowOf(cell("I", "")+cell("LĨNH VỰC TƯ PHÁP", `<w:gridSpan w:val="4"/>`)) +
		rowOf(cell("1", "")+cell("Rà soát, làm sạch dữ liệu hộ tịch đã số hóa", "")+cell("Phòng Tư pháp", `<w:vMerge w:val="restart"/>`)+
			cell("UBND các xã, thị trấn", "")+cell("Trước ngày 31/7/2025", "")) +
		rowOf(cell("2", "")+cell("Cấp phiếu lý lịch tư pháp trực tuyến", "")+cell("", `<w:vMerge/>`)+
			cell("", "")+cell("Thường xuyên", "")) +
		"</w:tbl>"
	doc := docxOf(t, `<w:p><w:r><w:t>Số: 736/UBND-TP</w:t></w:r></w:p><w:p><w:r><w:t>Kính gửi: Phòng Tư pháp; UBND các xã, thị trấn.</w:t></w:r></w:p>`+
		`<w:p><w:r><w:t>Chủ tịch UBND huyện yêu cầu thực hiện các nhiệm vụ sau:</w:t></w:r></w:p>`+table)
	d, err := NewParser(testUnits(t), testGroups()...).Parse("cv-736.docx", doc)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, tk := range d.Tasks {
		ids = append(ids, tk.ID)
	}
	if !slices.Equal(ids, []string{"I.1", "I.2"}) {
		t.Fatalf("docx task ids = %q, want I.1 and I.2 under the group row", ids)
	}
	if tk := d.Tasks[1]; !slices.Contains(tk.AssigneeUnits, "phong-tu-phap") || tk.Recurrence != "thường xuyên" {
		t.Errorf("I.2 (merged lead cell) = units %v, recurrence %q; want Phòng Tư pháp, thường xuyên", tk.AssigneeUnits, tk.Recurrence)
	}
	if tk := d.Tasks[0]; tk.Deadline.String() != "2025-07-31" || !slices.Contains(tk.AssigneeUnits, "xa-an-son") {
		t.Errorf("I.1 = %+v", tk)
	}
}

// A table that is not one of tasks (members of a working group) is not
// read as tasks.
func TestMemberTableIsNotTasks(t *testing.T) {
	md := "Số: 90/QĐ-UBND\n\nĐiều 1. Thành lập Tổ công tác gồm các ông (bà) có tên sau:\n\n" +
		"| STT | Họ và tên | Chức vụ | Nhiệm vụ trong Tổ |\n|---|---|---|---|\n" +
		"| 1 | Nguyễn Văn An | Phó Chủ tịch UBND huyện | Tổ trưởng |\n| 2 | Lê Thị Bình | Trưởng phòng Nội vụ | Tổ phó |\n\n" +
		"Điều 2. Giao Phòng Nội vụ tổng hợp kết quả, báo cáo trước ngày 30/9/2025.\n"
	for _, tk := range viewTasks(t, "qd-90.md", []byte(md)) {
		if tk.id != "1" && tk.id != "2" {
			t.Errorf("a member row became task %q", tk.id)
		}
	}
}

// docxOf builds a minimal .docx around a document body.
func docxOf(t *testing.T, body string) []byte {
	t.Helper()
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, text := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8"?><w:document ` + w + `><w:body>` + body + `</w:body></w:document>`,
	} {
		f, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A header laid out as a Markdown table with <br> inside its cells keeps
// its rows: the issuer is not run into the national motto.
func TestHeaderTableWithBreaks(t *testing.T) {
	md := "| ỦY BAN NHÂN DÂN<br>HUYỆN VĂN QUAN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc |\n| --- | --- |\n" +
		"| Số: 05/CĐ-UBND | *Văn Quan, ngày 04 tháng 8 năm 2025* |\n\n**CÔNG ĐIỆN**\n\n**Về việc phòng, chống dịch tả lợn châu Phi**\n\n" +
		"**CHỦ TỊCH UBND HUYỆN điện:**\n- Chủ tịch UBND các xã, thị trấn.\n\n1. Tiêu hủy lợn bệnh, báo cáo trước ngày 10/8/2025.\n"
	d, err := NewParser(testUnits(t), testGroups()...).Parse("cd-05.md", []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	if d.Issuer != "UBND huyện Văn Quan" || d.Number != "05/CĐ-UBND" || d.Issued.String() != "2025-08-04" {
		t.Errorf("header = %q %q %v", d.Issuer, d.Number, d.Issued)
	}
}
