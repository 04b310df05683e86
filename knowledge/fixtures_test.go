package knowledge

import (
	"archive/zip"
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"chidao"
)

// docxFixture builds a .docx whose header is a two-column table and whose
// items are numbered by Word (w:numPr), not typed: I., 1., a).
func docxFixture(t testing.TB) []byte {
	t.Helper()
	p := func(text string) string {
		return `<w:p><w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
	}
	num := func(lvl int, text string) string {
		return fmt.Sprintf(`<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>`, lvl, text)
	}
	cell := func(paras ...string) string { return "<w:tc>" + strings.Join(paras, "") + "</w:tc>" }
	body := `<w:tbl><w:tr>` + cell(p("ỦY BAN NHÂN DÂN"), p("HUYỆN VĂN QUAN"), p("Số: 77/KH-UBND")) +
		cell(p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), p("Độc lập - Tự do - Hạnh phúc"), p("Văn Quan, ngày 03 tháng 4 năm 2025")) + `</w:tr></w:tbl>` +
		p("KẾ HOẠCH") + p("Tổ chức Ngày Sách và Văn hóa đọc Việt Nam năm 2025") +
		p("Căn cứ Kế hoạch số 41/KH-UBND ngày 10/3/2025 của UBND tỉnh; UBND huyện ban hành Kế hoạch như sau:") +
		num(0, "MỤC ĐÍCH") +
		num(1, "Khơi dậy phong trào đọc sách trong cán bộ, học sinh và nhân dân.") +
		num(0, "NỘI DUNG") +
		num(1, "Phòng Giáo dục và Đào tạo chủ trì tổ chức cuộc thi Đại sứ văn hóa đọc cấp huyện, hoàn thành trước ngày 15/4/2025.") +
		num(1, "Trưng bày sách") +
		num(2, "Phòng Văn hóa và Thông tin tổ chức trưng bày sách tại Nhà văn hóa huyện trong tháng 4/2025.") +
		`<w:p><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>UBND thị trấn Văn Quan bố trí địa điểm đọc sách miễn phí cho thiếu nhi</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t>.</w:t></w:r></w:p>` +
		p("Nơi nhận:") + `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr></w:pPr><w:r><w:t>Các phòng chuyên môn;</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr></w:pPr><w:r><w:t>UBND thị trấn Văn Quan;</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr></w:pPr><w:r><w:t>Lưu: VT.</w:t></w:r></w:p>` +
		p("KT. CHỦ TỊCH") + p("PHÓ CHỦ TỊCH") + p("Nông Thị Hoa")
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8"?><w:document ` + w + `><w:body>` + body + `</w:body></w:document>`,
		"word/numbering.xml": `<?xml version="1.0"?><w:numbering ` + w + `>` +
			`<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>` +
			`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>` +
			`<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl></w:abstractNum>` +
			`<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>` +
			`<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num></w:numbering>`,
		"word/footnotes.xml": `<?xml version="1.0"?><w:footnotes ` + w + `><w:footnote w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
			`<w:footnote w:id="2"><w:p><w:r><w:t>Theo Quyết định số 12/QĐ-UBND ngày 02/01/2025 về điểm đọc sách.</w:t></w:r></w:p></w:footnote></w:footnotes>`,
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml", "word/numbering.xml", "word/footnotes.xml"} {
		f, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(files[name]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestParseDocxNumbering(t *testing.T) {
	d, err := NewParser(testUnits(t), testGroups()...).Parse("ngay-sach.docx", docxFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	if d.Number != "77/KH-UBND" || d.Kind != "Kế hoạch" || d.Issued.String() != "2025-04-03" || d.Subject != "Tổ chức Ngày Sách và Văn hóa đọc Việt Nam năm 2025" {
		t.Errorf("header = %q %q %v %q", d.Number, d.Kind, d.Issued, d.Subject)
	}
	if d.Signer != (chidao.Signer{Name: "Nông Thị Hoa", Title: "PHÓ CHỦ TỊCH", Authority: "KT. CHỦ TỊCH"}) {
		t.Errorf("signer = %+v", d.Signer)
	}
	if !slices.Equal(d.Recipients, []string{"Các phòng chuyên môn", "UBND thị trấn Văn Quan"}) {
		t.Errorf("recipients = %q", d.Recipients)
	}
	checkTasks(t, d, []wantTask{
		{id: "I.1", units: []string{}}, // under "MỤC ĐÍCH"
		{id: "II.1", deadline: "2025-04-15", kind: chidao.DeadlineBefore, dtext: "trước ngày 15/4/2025",
			assignees: []string{"Phòng Giáo dục và Đào tạo"}, units: []string{"phong-giao-duc-dao-tao"}},
		{id: "II.2.a", deadline: "2025-04-30", kind: chidao.DeadlineBy, dtext: "trong tháng 4/2025",
			assignees: []string{"Phòng Văn hóa và Thông tin"}, units: []string{"phong-van-hoa-thong-tin"}},
		{id: "II.2.b", assignees: []string{"UBND thị trấn Văn Quan"}, units: []string{"thi-tran-van-quan"}},
	})
	if len(d.Footnotes) != 1 || d.Footnotes[0].Task != "II.2.b" || !strings.HasPrefix(d.Footnotes[0].Text, "Theo Quyết định số 12/QĐ-UBND") {
		t.Errorf("footnotes = %+v", d.Footnotes)
	}
}

func TestParseOwnFixtures(t *testing.T) {
	units := testUnits(t)
	cv := parseFile(t, "testdata/cv-giao-tnmt-2025.txt")
	if cv.ID != "318-ubnd-tnmt-20250312" || cv.Kind != "Công văn" || cv.Signer.Authority != "TL. CHỦ TỊCH" || cv.Signer.Name != "Hoàng Thị Lan" ||
		!slices.Equal(cv.Units, []string{"phong-tai-nguyen-moi-truong", "xa-huu-le", "xa-trang-cac"}) || !slices.Equal(cv.References, []string{"456/STNMT-KS"}) {
		t.Errorf("công văn header = %+v", cv)
	}
	// The communes the office in charge works with share its task.
	checkTasks(t, cv, []wantTask{{id: "1", deadline: "2025-03-25", kind: chidao.DeadlineBefore, dtext: "trước ngày 25/3/2025",
		assignees: []string{"Phòng Tài nguyên và Môi trường"}, units: []string{"phong-tai-nguyen-moi-truong", "xa-huu-le", "xa-trang-cac"}}})
	if strings.HasPrefix(cv.Tasks[0].Text, "Thực hiện") || strings.Contains(cv.Tasks[0].Text, "thông báo để") {
		t.Errorf("task 1 holds the preamble or the closing: %q", cv.Tasks[0].Text)
	}

	qd := parseFile(t, "testdata/qd-ban-chi-dao-2025.md")
	if qd.Kind != "Quyết định" || qd.Place != "Văn Quan" || qd.Signer.Title != "CHỦ TỊCH" || qd.Signer.Name != "Lương Văn Minh" ||
		!strings.HasPrefix(qd.Subject, "Về việc kiện toàn Ban Chỉ đạo") {
		t.Errorf("quyết định header = %+v", qd)
	}
	all := unitsOf(units, "phong-chuyen-mon", "xa-thi-tran")
	if !slices.Equal(qd.Units, all) {
		t.Errorf("units from “Như Điều 3” = %v", qd.Units)
	}
	checkTasks(t, qd, []wantTask{
		{id: "1.a", deadline: "2025-06-10", kind: chidao.DeadlineBefore, dtext: "trước ngày 10/6/2025", assignees: []string{"Phòng Nông nghiệp và PTNT"}, units: []string{"phong-nong-nghiep-ptnt"}},
		{id: "1.b", deadline: "2025-06-30", kind: chidao.DeadlineBy, dtext: "chậm nhất ngày 30/6/2025", assignees: []string{"UBND các xã, thị trấn"}, units: unitsOf(units, "xa-thi-tran")},
		{id: "1.c", assignees: []string{"Phòng Tài chính - Kế hoạch"}, units: []string{"phong-tai-chinh-ke-hoach"}},
		{id: "1.d", dtext: "thường xuyên", recur: chidao.RecurOngoing, assignees: []string{"Phòng Văn hóa và Thông tin"}, units: []string{"phong-van-hoa-thong-tin"}},
		// "Quyết định này có hiệu lực kể từ ngày ký" is no unit's task.
		{id: "2", units: []string{}},
		// Who executes the decision: the units no article above gives a task.
		{id: "3", assignees: []string{"Văn phòng HĐND và UBND huyện", "các phòng chuyên môn", "Chủ tịch UBND các xã, thị trấn"},
			units: slices.DeleteFunc(slices.Clone(all), func(c string) bool {
				return c == "phong-nong-nghiep-ptnt" || c == "phong-tai-chinh-ke-hoach" || c == "phong-van-hoa-thong-tin" || slices.Contains(unitsOf(units, "xa-thi-tran"), c)
			})},
	})
}

// TestOwnQuestions asks the kinds of questions unit heads ask about
// directives written for these tests, with and without diacritics.
func TestOwnQuestions(t *testing.T) {
	units := testUnits(t)
	p := NewParser(units, testGroups()...)
	docs := map[string]*chidao.Directive{
		"cv": parseFile(t, "testdata/cv-giao-tnmt-2025.txt"),
		"qd": parseFile(t, "testdata/qd-ban-chi-dao-2025.md"),
	}
	dx, err := p.Parse("ngay-sach.docx", docxFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	docs["docx"] = dx
	s := func(v string) *string { return &v }
	tests := []struct {
		doc, q, unit string
		items        []string // any one first; nil with found=false
		deadline     *string
		units        []string
		text         string
	}{
		{doc: "cv", q: "hạn báo cáo kết quả kiểm tra khai thác cát là ngày nào?", items: []string{"1"}, deadline: s("2025-03-25")},
		{doc: "cv", q: "han bao cao khai thac cat soi", items: []string{"1"}, deadline: s("2025-03-25")},
		{doc: "cv", q: "Phòng Tài nguyên và Môi trường phải làm gì?", items: []string{"1"}, units: []string{"Phòng Tài nguyên và Môi trường"}},
		{doc: "cv", q: "phong tnmt lam gi", items: []string{"1"}},
		{doc: "cv", q: "ai chủ trì kiểm tra khai thác cát trái phép", items: []string{"1"}, units: []string{"Phòng Tài nguyên và Môi trường"}},
		{doc: "cv", q: "nhiệm vụ 1", items: []string{"1"}, deadline: s("2025-03-25")},
		{doc: "cv", q: "nhiệm vụ 2"},
		{doc: "cv", q: "Ai ký công văn này?", text: "Hoàng Thị Lan"},
		{doc: "cv", q: "cong van ban hanh ngay nao", text: "12/3/2025"},
		{doc: "cv", q: "số hiệu văn bản", text: "318/UBND-TNMT"},
		{doc: "cv", q: "gửi cho ai", text: "UBND xã Tràng Các"},
		{doc: "cv", q: "thu giữ phương tiện vi phạm", items: []string{"1"}},
		{doc: "cv", q: "xa huu le phai lam gi", items: []string{"1"}},
		{doc: "cv", q: "đơn vị tôi phải làm gì", unit: "xa-trang-cac", items: []string{"1"}},
		{doc: "cv", q: "đơn vị tôi phải làm gì"},
		{doc: "cv", q: "xây dựng nông thôn mới"},
		{doc: "cv", q: "Hỗ trợ học sinh nghèo vượt khó?"},
		{doc: "qd", q: "mục 1.a", items: []string{"1.a"}, deadline: s("2025-06-10")},
		{doc: "qd", q: "phương án ứng phó mưa lũ hạn khi nào", items: []string{"1.a"}, deadline: s("2025-06-10")},
		{doc: "qd", q: "phuong an di doi ho dan han chot", items: []string{"1.b"}, deadline: s("2025-06-30")},
		{doc: "qd", q: "Phòng Tài chính - Kế hoạch làm gì", items: []string{"1.c"}, units: []string{"Phòng Tài chính - Kế hoạch"}},
		{doc: "qd", q: "kinh phi du phong thien tai", items: []string{"1.c"}},
		{doc: "qd", q: "ai phụ trách tuyên truyền cảnh báo thiên tai", items: []string{"1.d"}, units: []string{"Phòng Văn hóa và Thông tin"}},
		{doc: "qd", q: "UBND các xã phải làm gì", items: []string{"1.b"}},
		{doc: "qd", q: "cơ quan thường trực ban chỉ đạo", items: []string{"1.a"}},
		{doc: "qd", q: "sat lo dat", items: []string{"1.a", "1.b"}},
		{doc: "qd", q: "ai ký quyết định", text: "Lương Văn Minh"},
		{doc: "qd", q: "lương cán bộ năm nay tăng bao nhiêu"},
		{doc: "qd", q: "nhiệm vụ cuối cùng", items: []string{"3"}},
		{doc: "docx", q: "II.2.a", items: []string{"II.2.a"}, deadline: s("2025-04-30")},
		{doc: "docx", q: "mục II.2", items: []string{"II.2"}}, // the section asked, then its tasks
		{doc: "docx", q: "kh 77: II.2.a", items: []string{"II.2.a"}, deadline: s("2025-04-30")},
		{doc: "docx", q: "kế hoạch 77 II.1", items: []string{"II.1"}, deadline: s("2025-04-15")},
		{doc: "docx", q: "cuộc thi đại sứ văn hóa đọc hạn khi nào", items: []string{"II.1"}, deadline: s("2025-04-15")},
		{doc: "docx", q: "thi tran van quan can lam gi", items: []string{"II.2.b"}},
		{doc: "docx", q: "nhiệm vụ V"},
		{doc: "docx", q: "tóm tắt các nhiệm vụ", items: []string{"I.1"}},
	}
	passed := 0
	for _, tt := range tests {
		ix := NewIndex(units, testGroups()...)
		ix.Add(docs[tt.doc])
		a := ix.Ask(Query{Text: tt.q, Unit: tt.unit})
		q := evalQuestion{Q: tt.q, ExpectItems: tt.items, ExpectDeadline: tt.deadline, hasDeadline: tt.deadline != nil, ExpectUnits: tt.units, ExpectText: tt.text, Kind: "task_number"}
		if tt.items == nil && tt.text == "" {
			q.Kind = "not_in_doc"
		}
		if why := checkAnswer(q, a); why != "" {
			t.Errorf("[%s] %q: %s\n%s", tt.doc, tt.q, why, a.Text)
			continue
		}
		passed++
	}
	t.Logf("%d/%d own questions pass", passed, len(tests))
}
