package knowledge

import (
	"strings"
	"testing"
)

// TestParseSelfRef: a document named by kind, number and date, as a
// portal titles it or notes its source; a sentence citing a document is
// not one.
func TestParseSelfRef(t *testing.T) {
	tests := []struct {
		line         string
		ok, note     bool
		kind, number string
		issued       string
	}{
		{"(Theo Công văn số 6012/UBND-KT, ngày 14/11/2023)", true, true, "Công văn", "6012/UBND-KT", "2023-11-14"},
		{"(Theo Công văn số: 2788/UBND-KT, ngày 18/6/2024)", true, true, "Công văn", "2788/UBND-KT", "2024-06-18"},
		{"Nguồn: Quyết định số 12/2024/QĐ-UBND ngày 03 tháng 4 năm 2024", true, true, "Quyết định", "12/2024/QĐ-UBND", "2024-04-03"},
		{"Công văn số 1448/SNV-CCHC ngày 27/12/2016", true, false, "Công văn", "1448/SNV-CCHC", "2016-12-27"},
		{"Thông báo số 20/TB-UBND", true, false, "Thông báo", "20/TB-UBND", ""},
		{"Thực hiện Công văn số 1448/SNV-CCHC ngày 27/12/2016 của Sở Nội vụ.", false, false, "", "", ""},
		{"Công văn số 1448/SNV-CCHC ngày 27/12/2016 của Sở Nội vụ về việc góp ý", false, false, "", "", ""},
	}
	for _, tt := range tests {
		r, ok := parseSelfRef(tt.line)
		issued := ""
		if !r.issued.IsZero() {
			issued = r.issued.String()
		}
		if ok != tt.ok || r.note != tt.note || r.kind != tt.kind || r.number != tt.number || issued != tt.issued {
			t.Errorf("parseSelfRef(%q) = %+v %v; want ok %v note %v %q %q %q", tt.line, r, ok, tt.ok, tt.note, tt.kind, tt.number, tt.issued)
		}
	}
}

// TestRepublishedDirective: a directive as a portal republishes it, its
// section labels around it and its source under it, reads with the
// number, date and subject the portal gives, and its one task without the
// portal's words; its issuer is the body its opening sentence speaks as.
func TestRepublishedDirective(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	text := "THÔNG TIN Ý KIẾN\nVăn Quan\n\nV/v rà soát hồ sơ cán bộ\n\nTHÔNG TIN PHẢN HỒI\n\nUBND huyện có ý kiến như sau:\n\n" +
		"Giao Phòng Nội vụ chủ trì rà soát hồ sơ cán bộ, hoàn thành trước ngày 15/3/2025./.\n\n(Theo Công văn số 184/UBND-NV, ngày 12/02/2025)\n"
	d, err := p.ParseText("x.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	if d.Number != "184/UBND-NV" || d.Kind != "Công văn" || d.Issued.String() != "2025-02-12" || d.Subject != "V/v rà soát hồ sơ cán bộ" || d.Issuer != "UBND huyện" {
		t.Errorf("number %q kind %q issued %s subject %q issuer %q", d.Number, d.Kind, d.Issued, d.Subject, d.Issuer)
	}
	if len(d.Tasks) != 1 || d.Tasks[0].Deadline.String() != "2025-03-15" || len(d.Tasks[0].AssigneeUnits) != 1 {
		t.Fatalf("tasks = %+v", d.Tasks)
	}
	for _, w := range []string{"THÔNG TIN", "Theo Công văn"} {
		if strings.Contains(d.Tasks[0].Text, w) {
			t.Errorf("task text %q holds the portal's %q", d.Tasks[0].Text, w)
		}
	}
}

// TestSpeakerAsIssuer: a text without a header is issued by the body its
// opening sentence speaks as, nothing else.
func TestSpeakerAsIssuer(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	for _, tt := range []struct{ opening, issuer string }{
		{"Chủ tịch Ủy ban nhân dân phường thông báo như sau:", "Chủ tịch Ủy ban nhân dân phường"},
		{"Căn cứ Luật Tiếp công dân năm 2013, Ủy ban nhân dân huyện Ngân Sơn thông báo lịch tiếp công dân như sau:", "Ủy ban nhân dân huyện Ngân Sơn"},
		{"Nhằm chào mừng ngày lễ lớn, các cơ quan thực hiện như sau:", ""},
		{"Căn cứ Luật Tiếp công dân năm 2013; Văn phòng HĐND và UBND thành phố thông báo lịch tiếp công dân như sau:", "Văn phòng HĐND và UBND thành phố"},
		{"Hòa chung không khí cả nước chào mừng Đại hội. UBND xã Núi Cấm đề nghị các cơ quan, đơn vị thực hiện:", "UBND xã Núi Cấm"},
		{"Lịch tiếp công dân nhiệm kỳ 2016-2021\nChủ tịch HĐND huyện Ngân Sơn khóa XIX, nhiệm kỳ 2016-2021 thông báo lịch tiếp công dân như sau:",
			"Chủ tịch HĐND huyện Ngân Sơn khóa XIX, nhiệm kỳ 2016-2021"},
	} {
		d, err := p.ParseText("x.txt", tt.opening+"\n\n1. Các cơ quan, đơn vị treo cờ Tổ quốc từ ngày 01/9/2025 đến hết ngày 03/9/2025.\n\n2. Trưởng các thôn vận động nhân dân treo cờ.\n")
		if err != nil {
			t.Fatal(err)
		}
		if d.Issuer != tt.issuer {
			t.Errorf("%q: issuer %q, want %q", tt.opening, d.Issuer, tt.issuer)
		}
	}
}

// TestIssuerAsked: the ways people ask who issued a text, and one that
// asks which document it carries out instead.
func TestIssuerAsked(t *testing.T) {
	ix := textIndex(t, "Hòa chung không khí cả nước. UBND xã Núi Cấm đề nghị các cơ quan, đơn vị thực hiện:\n\n"+
		"1. Các cơ quan, đơn vị treo cờ Tổ quốc đến hết ngày 25/01/2026.\n\n2. Trưởng các ấp vận động nhân dân treo cờ.\n")
	for _, q := range []string{"thông báo này của xã nào", "văn bản này của ai", "do cơ quan nào ban hành", "ai ra văn bản này"} {
		if a := ix.Ask(Query{Text: q}); !strings.Contains(a.Text, "Cơ quan ban hành: UBND xã Núi Cấm") {
			t.Errorf("%q:\n%s", q, a.Text)
		}
	}
}

// TestTitleAsSubject: a text without a header that opens with its kind's
// title ("THÔNG BÁO về …") has that kind and subject; one that does not,
// none.
func TestTitleAsSubject(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	for _, tt := range []struct{ text, kind, subject string }{
		{"THÔNG BÁO về treo cờ Tổ quốc và nghỉ Tết Dương lịch năm 2021\n\n1. Cán bộ, công chức nghỉ từ ngày 01/01/2021 đến hết ngày 03/01/2021.\n\n2. Các cơ quan, đơn vị treo cờ Tổ quốc trong những ngày nghỉ.\n",
			"Thông báo", "Về treo cờ Tổ quốc và nghỉ Tết Dương lịch năm 2021"},
		{"Kế hoạch v/v tổ chức Ngày hội đọc sách năm 2025\n\n1. Các trường tổ chức trưng bày sách trong tháng 4/2025.\n\n2. Các thư viện mở cửa miễn phí trong ngày hội.\n",
			"Kế hoạch", "Về tổ chức Ngày hội đọc sách năm 2025"},
		{"Hòa chung không khí cả nước. UBND xã Núi Cấm đề nghị các cơ quan, đơn vị thực hiện:\n\n1. Các cơ quan, đơn vị treo cờ Tổ quốc đến hết ngày 25/01/2026.\n\n2. Trưởng các ấp vận động nhân dân treo cờ.\n", "", ""},
	} {
		d, err := p.ParseText("x.txt", tt.text)
		if err != nil {
			t.Fatalf("%q: %v", tt.text[:30], err)
		}
		if d.Kind != tt.kind || d.Subject != tt.subject {
			t.Errorf("%q: kind %q subject %q, want %q %q", tt.text[:30], d.Kind, d.Subject, tt.kind, tt.subject)
		}
	}
}
