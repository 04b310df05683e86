package knowledge

import (
	"strings"
	"testing"
)

// TestHeaderRules: the header's elements in the forms files give them: a
// Word cell's or a PDF's lines with blank lines between, the motto wrapped
// in its cell, the columns one after the other.
func TestHeaderRules(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	const body = "\n\nKính gửi: Phòng Nội vụ.\n\n1. Rà soát hồ sơ trước ngày 15/3/2025.\n"
	tests := []struct {
		name, head                      string
		number, subject, issuer, issued string
		recipients                      int
	}{
		{"V/v wrapped over lines with blank lines between",
			"ỦY BAN NHÂN DÂN\n\nHUYỆN VĂN QUAN\n\nSố: 12/UBND-NV\n\nV/v triển khai Thông báo số\n\n227/TB-UBND ngày 25/5/2024 của\n\nChủ tịch UBND tỉnh Lạng Sơn\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\nVăn Quan, ngày 28 tháng 5 năm 2024",
			"12/UBND-NV", "V/v triển khai Thông báo số 227/TB-UBND ngày 25/5/2024 của Chủ tịch UBND tỉnh Lạng Sơn", "UBND huyện Văn Quan", "2024-05-28", 1},
		{"the motto wrapped in its cell",
			"ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 13/UBND-NV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\n\nVIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nVăn Quan, ngày 02 tháng 6 năm 2024\nV/v rà soát hồ sơ",
			"13/UBND-NV", "V/v rà soát hồ sơ", "UBND huyện Văn Quan", "2024-06-02", 1},
		{"a blank for the handwritten day",
			"ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: /UBND-NV\nVăn Quan, ngày tháng 6 năm 2024\nV/v rà soát hồ sơ",
			"/UBND-NV", "V/v rà soát hồ sơ", "UBND huyện Văn Quan", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := p.ParseText("x.txt", tt.head+body)
			if err != nil {
				t.Fatal(err)
			}
			issued := ""
			if !d.Issued.IsZero() {
				issued = d.Issued.String()
			}
			if d.Number != tt.number || d.Subject != tt.subject || d.Issuer != tt.issuer || issued != tt.issued || len(d.Recipients) != tt.recipients {
				t.Errorf("number %q subject %q issuer %q issued %q recipients %q", d.Number, d.Subject, d.Issuer, issued, d.Recipients)
			}
			if len(d.Tasks) != 1 || !strings.HasPrefix(d.Tasks[0].Text, "Rà soát") {
				t.Errorf("tasks = %+v", d.Tasks)
			}
		})
	}
}

// TestFootAsScansGiveIt: "Nơi nhận" as OCR reads it, its list's entries
// wrapped, the signer's lines among them.
func TestFootAsScansGiveIt(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	text := "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 14/CT-UBND\n\nCHỈ THỊ\nVề việc rà soát\n\n1. Rà soát hồ sơ.\n\n" +
		".Vơi nhận:\n\n- Phòng Nội vụ, Phòng Tư pháp\n\nhuyện;\n\nCHỦ TỊCH\n\n- UBND các xã, thị trấn;\n\n- Lưu: VT.\n\nNguyễn Văn A\n"
	d, err := p.ParseText("x.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Phòng Nội vụ, Phòng Tư pháp huyện", "UBND các xã, thị trấn"}
	if strings.Join(d.Recipients, "|") != strings.Join(want, "|") {
		t.Errorf("recipients = %q, want %q", d.Recipients, want)
	}
}

// TestKindsThatGiveNoTasks: a Tờ trình and a Báo cáo are read, their kind
// known, and give no tasks; a directive's kind does.
func TestKindsThatGiveNoTasks(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	for _, tt := range []struct {
		kind, title string
		tasks       int
	}{
		{"Tờ trình", "TỜ TRÌNH\nVề việc miễn nhiệm", 0},
		{"Báo cáo", "BÁO CÁO\nKết quả tháng 01", 0},
		{"Kế hoạch", "KẾ HOẠCH\nTriển khai chuyển đổi số", 2},
	} {
		d, err := p.ParseText("x.txt", "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\n\n"+tt.title+"\n\n1. Phòng Nội vụ rà soát hồ sơ.\n\n2. Phòng Tư pháp thẩm định.\n")
		if err != nil {
			t.Fatal(err)
		}
		if d.Kind != tt.kind || len(d.Tasks) != tt.tasks || Acts(d.Kind) != (tt.tasks > 0) {
			t.Errorf("%s: kind %q, %d tasks, acts %v", tt.kind, d.Kind, len(d.Tasks), Acts(d.Kind))
		}
	}
}

// TestMarks: độ mật and độ khẩn printed in the header are read.
func TestMarks(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	for _, tt := range []struct{ mark, secrecy, urgency string }{
		{"MẬT", "MẬT", ""}, {"TỐI MẬT", "TỐI MẬT", ""}, {"HỎA TỐC", "", "HỎA TỐC"}, {"KHẨN", "", "KHẨN"}, {"ĐỘ KHẨN: THƯỢNG KHẨN", "", "THƯỢNG KHẨN"},
	} {
		d, err := p.ParseText("x.txt", "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 12/UBND-VP\n"+tt.mark+"\nV/v phòng chống bão\n\nKính gửi: Phòng Nội vụ.\n\n1. Trực ban 24/24 giờ.\n")
		if err != nil {
			t.Fatal(err)
		}
		if d.Secrecy != tt.secrecy || d.Urgency != tt.urgency || d.Subject != "V/v phòng chống bão" {
			t.Errorf("%s: secrecy %q urgency %q subject %q", tt.mark, d.Secrecy, d.Urgency, d.Subject)
		}
	}
}

// TestParseIdentity reads what the office types for a scan's handwritten
// number and day.
func TestParseIdentity(t *testing.T) {
	for _, tt := range []struct{ in, number, day string }{
		{"16/CT-UBND 27/12/2021", "16/CT-UBND", "2021-12-27"},
		{"số 16/CT-UBND, ngày 27/12/2021", "16/CT-UBND", "2021-12-27"},
		{"87/QĐ-UBND ngày 05 tháng 02 năm 2025", "87/QĐ-UBND", "2025-02-05"},
		{"16/ct-ubnd 31/02/2021", "", ""},
		{"chưa biết", "", ""},
	} {
		n, d, ok := ParseIdentity(tt.in)
		got := ""
		if ok {
			got = d.String()
		}
		if n != tt.number || got != tt.day {
			t.Errorf("ParseIdentity(%q) = %q %q, want %q %q", tt.in, n, got, tt.number, tt.day)
		}
	}
}

// TestDatesThatAreNoDeadline: the date of a document a task cites, of
// the header, of the foot, is never the task's deadline; the deadline the
// task gives is.
func TestDatesThatAreNoDeadline(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	text := "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 20/UBND-NV\nVăn Quan, ngày 03 tháng 6 năm 2024\nV/v rà soát\n\nKính gửi: Phòng Nội vụ.\n\n" +
		"1. Thực hiện đánh giá cán bộ theo Quyết định số 1514/QĐ-UBND ngày 22/9/2024 của Chủ tịch UBND tỉnh.\n\n" +
		"2. Căn cứ Kế hoạch số 88/KH-UBND ngày 15/8/2024, báo cáo kết quả trước ngày 30/9/2024.\n\n" +
		"Nơi nhận:\n- Như trên;\n- Lưu: VT (ngày 03/6/2024).\n"
	d, err := p.ParseText("x.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Tasks) != 2 {
		t.Fatalf("tasks = %+v", d.Tasks)
	}
	if !d.Tasks[0].Deadline.IsZero() {
		t.Errorf("task 1 has deadline %v: the cited decision's date", d.Tasks[0].Deadline)
	}
	if got := d.Tasks[1].Deadline.String(); got != "2024-09-30" {
		t.Errorf("task 2 deadline %s, want 2024-09-30 (not the cited plan's 15/8/2024)", got)
	}
}

// TestSignerRunTogether: the signer's authority, title and name on one
// line, as web pages and tables give them.
func TestSignerRunTogether(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	for _, tt := range []struct{ foot, auth, title, name string }{
		{"Nơi nhận:\n- Như trên;\n- Lưu: VT, BH.\nKT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Trường Sơn\n", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Trường Sơn"},
		{"Nơi nhận:\n- Như trên;\nTM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hữu Tháp\n", "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Hữu Tháp"},
		{"| Nơi nhận: - Như trên; - Lưu: VT, Vụ KHTC. | TL. BỘ TRƯỞNG VỤ TRƯỞNG VỤ KẾ HOẠCH - TÀI CHÍNH Phạm Quang Phụng |\n|---|---|\n", "TL. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ KẾ HOẠCH - TÀI CHÍNH", "Phạm Quang Phụng"},
		{"Nơi nhận:\n- Lưu: VT, ĐMDN (2b). Trung Anh BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng\n", "", "BỘ TRƯỞNG, CHỦ NHIỆM", "Mai Tiến Dũng"},
	} {
		d, err := p.ParseText("x.txt", "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 21/UBND-NV\n\nKính gửi: Phòng Nội vụ.\n\n1. Rà soát hồ sơ.\n\n"+tt.foot)
		if err != nil {
			t.Fatal(err)
		}
		if s := d.Signer; s.Authority != tt.auth || s.Title != tt.title || s.Name != tt.name {
			t.Errorf("signer = %+v, want %q %q %q", s, tt.auth, tt.title, tt.name)
		}
	}
}

// TestSignerTitleNoName: a title in capitals under the authority is no
// name ("TRƯỞNG TIỂU BAN"), and the name under it is read, a second title
// after it notwithstanding; the surname Trương is a name.
func TestSignerTitleNoName(t *testing.T) {
	for _, tt := range []struct{ foot, name, title string }{
		{"TM. TIỂU BAN\nTRƯỞNG TIỂU BAN\nNguyễn Văn Hoàn\nTRƯỞNG BAN XÂY DỰNG ĐẢNG", "Nguyễn Văn Hoàn", "TRƯỞNG TIỂU BAN"},
		{"TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTRƯƠNG VĂN AN", "TRƯƠNG VĂN AN", "CHỦ TỊCH"},
	} {
		var ls []line
		for _, l := range strings.Split(tt.foot, "\n") {
			ls = append(ls, line{text: l})
		}
		s := parseSigner(ls, 0)
		if s.Name != tt.name || s.Title != tt.title {
			t.Errorf("%q: signer %+v", tt.foot, s)
		}
	}
}
