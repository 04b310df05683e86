package knowledge

import (
	"slices"
	"strings"
	"testing"

	"chidao"
)

// A plan in lettered parts (A. MỤC ĐÍCH, YÊU CẦU / B. NỘI DUNG with I., II.
// / C. TỔ CHỨC THỰC HIỆN with 1., 2.) keeps the part in its task IDs, so
// that C.1 is not a second III.1; its purpose is no unit's task; and "mục
// C.2" or "III.2" finds the task.
func TestLetteredParts(t *testing.T) {
	units := testUnits(t)
	d := parseFile(t, "testdata/kh-tong-dieu-tra-phan-abc-2025.txt")
	all := d.Units
	checkTasks(t, d, []wantTask{
		{id: "A", units: []string{}},
		{id: "B.I.1", deadline: "2025-03-15", kind: chidao.DeadlineBefore, dtext: "trước 15/3/2025"},
		{id: "B.I.2", deadline: "2025-05-31", kind: chidao.DeadlineBy, dtext: "trong tháng 5/2025"},
		{id: "B.I.3", deadline: "2025-06-25", kind: chidao.DeadlineBy, dtext: "chậm nhất ngày 25/6/2025"},
		{id: "B.II.1"},
		{id: "B.II.2", kind: chidao.DeadlineBy, dtext: "hằng tuần", recur: chidao.RecurWeekly, units: []string{}, assignees: []string{"Ban Chỉ đạo cấp xã"}},
		{id: "B.III.1", deadline: "2025-09-30", kind: chidao.DeadlineBy, dtext: "trong quý III/2025"},
		{id: "B.III.2", deadline: "2025-12-31", kind: chidao.DeadlineBefore, dtext: "trước 31/12/2025"},
		{id: "C.1", assignees: []string{"Phòng Tài chính - Kế hoạch"}, units: []string{"phong-tai-chinh-ke-hoach"}},
		{id: "C.2", deadline: "2025-04-30", kind: chidao.DeadlineBefore, dtext: "trước ngày 30/4/2025",
			assignees: []string{"Phòng Nông nghiệp và PTNT"}, units: []string{"phong-tai-nguyen-moi-truong", "phong-nong-nghiep-ptnt"}},
		{id: "C.3", assignees: []string{"Phòng Văn hóa và Thông tin"}, units: []string{"phong-van-hoa-thong-tin"}},
		{id: "C.4", kind: chidao.DeadlineBy, dtext: "định kỳ hằng quý", recur: chidao.RecurQuarterly,
			assignees: []string{"UBND các xã, thị trấn"}, units: unitsOf(units, "xa-thi-tran")},
		{id: "C.5", assignees: []string{"Các cơ quan, đơn vị"}, units: all},
	})
	ix := NewIndex(units, testGroups()...)
	ix.Add(d)
	for q, want := range map[string]string{"muc C.2": "C.2", "C.1": "C.1", "nhiệm vụ III.2": "B.III.2", "b.iii.1": "B.III.1"} {
		if a := ix.Ask(Query{Text: q}); len(a.Items) == 0 || a.Items[0] != want {
			t.Errorf("%q → %v, want %s", q, a.Items, want)
		}
	}
}

// A decision's article giving "the tasks of Điều 1 without a deadline"
// one gives it to them, ahead of the later date the article's heading
// implies ("6 tháng cuối năm 2025"), and keeps its other words as its own
// text. The article naming who executes the decision is no task of a unit
// that another article gives one.
func TestArticleDeadlineAndExecutors(t *testing.T) {
	d := parseFile(t, "testdata/qd-thu-ngan-sach-2025.md")
	due := map[string]string{}
	for _, tk := range d.Tasks {
		due[tk.ID] = tk.Deadline.String() + " " + tk.DeadlineText
	}
	for id, want := range map[string]string{
		"1.1.b": "2025-07-15 trước ngày 15/7/2025",
		"1.2.b": "2025-12-15 trước ngày 15/12/2025",
		"1.3":   "2025-12-15 trước ngày 15/12/2025",
		"1.4.a": "2025-08-31 chậm nhất ngày 31/8/2025",
		"2":     " ",
	} {
		if due[id] != want {
			t.Errorf("task %s due %q, want %q", id, due[id], want)
		}
	}
	two, _ := d.Task("2")
	if two.Text != "Phấn đấu tổng thu ngân sách nhà nước trên địa bàn năm 2025 vượt ít nhất 10% dự toán HĐND huyện giao." {
		t.Errorf("Điều 2 text = %q", two.Text)
	}
	// Điều 2's target is every recipient's, so Điều 3 is no one's.
	three, _ := d.Task("3")
	if len(three.AssigneeUnits) != 0 {
		t.Errorf("Điều 3 (who executes) units = %v, want none", three.AssigneeUnits)
	}
}

// A notice's "1. Đánh giá chung" with its assessment run into the same
// paragraph (a .txt file's lines) is what was done, no task.
func TestRunInAssessmentHeading(t *testing.T) {
	d := parseFile(t, "testdata/tb-ket-luan-ntm-2025.txt")
	if len(d.Tasks) == 0 || d.Tasks[0].ID != "2.1" {
		var ids []string
		for _, tk := range d.Tasks {
			ids = append(ids, tk.ID)
		}
		t.Errorf("tasks = %v, want 2.1 first (1. Đánh giá chung is no task)", ids)
	}
}

// "UBND các xã, thị trấn còn lại" are the communes no other task names
// among a part of them: not Tri Lễ, Hữu Lễ, Tân Đoàn, which have 2.4.
func TestRemainingUnits(t *testing.T) {
	units := testUnits(t)
	d := parseFile(t, "testdata/tb-ket-luan-ntm-2025.txt")
	rest, _ := d.Task("2.5")
	want := slices.DeleteFunc(unitsOf(units, "xa-thi-tran"), func(c string) bool {
		return c == "xa-tri-le" || c == "xa-huu-le" || c == "xa-tan-doan"
	})
	if !slices.Equal(rest.AssigneeUnits, want) {
		t.Errorf("2.5 units = %v, want %v", rest.AssigneeUnits, want)
	}
	ix := NewIndex(units, testGroups()...)
	ix.Add(d)
	if a := ix.Ask(Query{Text: "đơn vị tôi cần làm gì", Unit: "xa-tri-le"}); !slices.Equal(a.Items, []string{"2.4"}) {
		t.Errorf("Tri Lễ's tasks = %v, want 2.4 only", a.Items)
	}
}

// Questions asking when something must be "xong", and figures the text
// does or does not state.
func TestWhenDoneAndFigures(t *testing.T) {
	units := testUnits(t)
	docs := map[string]string{
		"kh":  "testdata/kh-tong-dieu-tra-phan-abc-2025.txt",
		"qd":  "testdata/qd-thu-ngan-sach-2025.md",
		"tb":  "testdata/tb-ket-luan-ntm-2025.txt",
		"cv":  "testdata/cv-atgt-le-2025.txt",
		"cv2": "testdata/cv-de-an-06-bang-2025.md",
	}
	tests := []struct {
		doc, q   string
		item     string // "" when the directive does not answer
		deadline string
	}{
		{"kh", "Tổng hợp kết quả sơ bộ của huyện khi nào xong?", "B.III.1", "2025-09-30"},
		{"kh", "danh sach trang trai xong khi nao", "C.2", "2025-04-30"},
		{"cv2", "Kiện toàn Tổ công nghệ số cộng đồng bao giờ phải hoàn thành", "5", "2025-08-15"},
		{"cv", "Mức phạt vi phạm nồng độ cồn với người đi xe máy là bao nhiêu?", "", ""},
		{"qd", "Thuế giá trị gia tăng năm 2025 giảm còn bao nhiêu phần trăm?", "", ""},
		{"qd", "phấn đấu tổng thu vượt dự toán bao nhiêu phần trăm", "2", ""},
		{"tb", "tỷ lệ giải ngân phải đạt bao nhiêu", "2.2", "2025-09-30"},
		// Task 2.1 is due 15/7, its second bullet within June.
		{"tb", "han phan bo chi tiet von su nghiep con lai", "2.1", "2025-06-30"},
		{"tb", "y thu hai cua muc 2", "2.2", "2025-09-30"},
		{"tb", "ý thứ ba trong mục 2", "2.3", "2025-09-30"},
		{"kh", "ý thứ nhất của phần C", "C.1", ""},
	}
	for _, tt := range tests {
		ix := NewIndex(units, testGroups()...)
		ix.Add(parseFile(t, docs[tt.doc]))
		a := ix.Ask(Query{Text: tt.q})
		switch {
		case tt.item == "" && a.Found:
			t.Errorf("[%s] %q answered %v; the text states no such figure:\n%s", tt.doc, tt.q, a.Items, a.Text)
		case tt.item != "" && (len(a.Items) == 0 || a.Items[0] != tt.item || a.Deadline.String() != tt.deadline && tt.deadline != ""):
			t.Errorf("[%s] %q → %v due %v, want %s due %s:\n%s", tt.doc, tt.q, a.Items, a.Deadline, tt.item, tt.deadline, a.Text)
		}
	}
}

// Of several directives, a task number asked with words naming one of them
// ("kế hoạch tiêm chủng nhiệm vụ 2.2") is that directive's, not the one
// holding the number exactly.
func TestNumberWithTopic(t *testing.T) {
	ix := NewIndex(testUnits(t), testGroups()...)
	ix.Add(parseFile(t, "testdata/kh-tiem-chung-2025.md"))
	ix.Add(parseFile(t, "testdata/tb-ket-luan-ntm-2025.txt"))
	for _, q := range []string{"kế hoạch tiêm chủng nhiệm vụ 2.2 hạn khi nào", "tiêm chủng nv 2.2"} {
		if a := ix.Ask(Query{Text: q}); a.Directive == nil || a.Directive.Number != "96/KH-UBND" || len(a.Items) == 0 || a.Items[0] != "II.2.2" {
			t.Errorf("%q → %v of %v, want II.2.2 of KH 96", q, a.Items, a.Directive)
		}
	}
	// Asked bare, the number is the directive's that has it as written.
	if a := ix.Ask(Query{Text: "nv 2.2"}); a.Directive == nil || a.Directive.Number != "112/TB-UBND" {
		t.Errorf("bare nv 2.2 → %v", a.Directive)
	}
}

// A decision that issues a list of tasks attached after its signature
// ("DANH MỤC NHIỆM VỤ … (Kèm theo Quyết định số …)") has those tasks, with
// the units its labels name ("- Đơn vị chủ trì: …", "- Đơn vị phối hợp:
// …") and the dates of "- Thời gian hoàn thành: …".
func TestAttachedTaskList(t *testing.T) {
	units := testUnits(t)
	d := parseFile(t, "testdata/qd-danh-muc-kem-theo-2025.md")
	communes := unitsOf(units, "xa-thi-tran")
	checkTasks(t, d, []wantTask{
		{id: "1", units: []string{}},
		{id: "2", deadline: "2025-12-10", kind: chidao.DeadlineBefore, dtext: "trước ngày 10/12/2025", assignees: []string{"Phòng Y tế"}, units: []string{"phong-y-te"}},
		{id: "3", units: []string{}},
		// Who executes it: the office alone has no task of its own.
		{id: "4", assignees: []string{"Văn phòng HĐND và UBND huyện", "các phòng: Y tế, Tài chính - Kế hoạch, Văn hóa và Thông tin", "Trung tâm Y tế huyện", "Chủ tịch UBND các xã, thị trấn", "các cơ quan, đơn vị"},
			units: []string{"van-phong"}},
		// A body outside the units in charge: its partners' task.
		{id: "I.1", deadline: "2025-12-31", kind: chidao.DeadlineBy, dtext: "Thời gian hoàn thành: Quý IV/2025",
			assignees: []string{"Trung tâm Y tế huyện"}, units: append([]string{"phong-tai-chinh-ke-hoach"}, communes...)},
		{id: "I.2", deadline: "2025-10-31", kind: chidao.DeadlineBefore, dtext: "trước ngày 31/10/2025", assignees: []string{"Trung tâm Y tế huyện"}, units: communes},
		{id: "II.1", deadline: "2025-11-30", kind: chidao.DeadlineBy, dtext: "Thời gian hoàn thành: 30/11/2025", assignees: []string{"Trung tâm Y tế huyện"}, units: communes},
		{id: "II.2", deadline: "2025-11-30", kind: chidao.DeadlineBy, dtext: "trong tháng 11/2025", assignees: []string{"Phòng Y tế"}, units: []string{"phong-tai-chinh-ke-hoach", "phong-y-te"}},
		{id: "II.3", kind: chidao.DeadlineBefore, dtext: "trước ngày 20 hằng tháng", recur: chidao.RecurMonthly, recurDay: 20,
			assignees: []string{"UBND các xã, thị trấn"}, units: append([]string{"phong-tu-phap"}, communes...)},
		{id: "III.1", dtext: "Thường xuyên", recur: chidao.RecurOngoing, assignees: []string{"Phòng Văn hóa và Thông tin"},
			units: []string{"phong-van-hoa-thong-tin", "phong-y-te"}},
	})
	if d.Signer.Name != "Nguyễn Thị Thu Trang" {
		t.Errorf("signer = %+v", d.Signer)
	}
}

// Smaller readings from the fourth held-out set.
func TestHourDeadlinesNamesAndTargets(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	for _, tt := range []struct {
		text, date string
		kind       chidao.DeadlineKind
		recur      string
	}{
		// The hour leaves the day itself to work in.
		{"Báo cáo về UBND huyện trước 17 giờ ngày 15/8/2025.", "2025-08-15", chidao.DeadlineBy, ""},
		{"Báo cáo trước ngày 15/8/2025.", "2025-08-15", chidao.DeadlineBefore, ""},
		// A centre's name is no recurrence.
		{"Phối hợp với Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên mở lớp sơ cấp nghề.", "", "", ""},
		{"Thời gian hoàn thành: 30/11/2025.", "2025-11-30", chidao.DeadlineBy, ""},
	} {
		dl := findDeadline(tt.text, dateContext{year: 2025})
		if got := dl.date.String(); !(tt.date == "" && dl.date.IsZero() || got == tt.date) || dl.kind != tt.kind && tt.date != "" || dl.recur != tt.recur {
			t.Errorf("%q → %v %q %q, want %s %s %q", tt.text, dl.date, dl.kind, dl.recur, tt.date, tt.kind, tt.recur)
		}
	}
	d, err := p.ParseText("", "Số: 9/KH-UBND\n\nKính gửi: UBND các xã, thị trấn.\n\nI. CHỈ TIÊU\n\n1. Đào tạo nghề cho 350 lao động nông thôn.\n\nII. NHIỆM VỤ\n\n1. UBND các xã lập danh sách học viên trước ngày 30/6/2025.\n")
	if err != nil {
		t.Fatal(err)
	}
	if tk, _ := d.Task("I.1"); len(tk.AssigneeUnits) != 0 {
		t.Errorf("a target (CHỈ TIÊU) is no unit's task: %v", tk.AssigneeUnits)
	}
}

// A plan whose "TỔ CHỨC THỰC HIỆN" gives the units the items above by
// number ("chủ trì thực hiện nhiệm vụ tại mục 1.1") gives those items to
// them rather than to every recipient; a partner the foot sends the text to
// has its part; and "mục 2.1.a" over several directives finds the one
// having it under a section.
func TestCrossReferencesAndPartners(t *testing.T) {
	units := testUnits(t)
	kh := parseFile(t, "testdata/kh-dao-tao-nghe-tham-chieu-2025.md")
	communes := unitsOf(units, "xa-thi-tran")
	for id, want := range map[string][]string{
		"III.1.1":   {"phong-van-hoa-thong-tin"},
		"III.1.2":   communes,
		"III.2.1.a": communes,
		"III.2.1.b": {"phong-lao-dong-tbxh"},
		"III.2.2":   {"phong-lao-dong-tbxh"},
		"II":        {},
	} {
		tk, _ := kh.Task(id)
		got := slices.Clone(tk.AssigneeUnits)
		slices.Sort(got)
		w := slices.Clone(want)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("%s units = %v, want %v", id, tk.AssigneeUnits, want)
		}
	}
	cv := parseFile(t, "testdata/cv-don-doc-dat-dai-2025.txt")
	four, _ := cv.Task("4")
	if !slices.Contains(four.AssigneeUnits, "phong-noi-vu") {
		t.Errorf("task 4's partner Phòng Nội vụ (in Nơi nhận) is missing: %v", four.AssigneeUnits)
	}
	ix := NewIndex(units, testGroups()...)
	ix.Add(kh)
	ix.Add(cv)
	if a := ix.Ask(Query{Text: "mục 2.1.a"}); a.Directive == nil || a.Directive.ID != kh.ID || len(a.Items) == 0 || a.Items[0] != "III.2.1.a" {
		t.Errorf("mục 2.1.a → %v of %v, want III.2.1.a of KH 168", a.Items, a.Directive)
	}
}

// "trong 05 ngày làm việc kể từ ngày nhận được Công điện này" has no date
// but is what the reader is told, not "không ghi thời hạn".
func TestRelativeDeadline(t *testing.T) {
	d, err := NewParser(testUnits(t), testGroups()...).ParseText("", "Số: 05/CĐ-UBND\n\nCHỦ TỊCH UBND HUYỆN điện:\n- Chủ tịch UBND các xã, thị trấn.\n\n"+
		"1. Thống kê tổng đàn lợn, gửi số liệu về Phòng Nông nghiệp và PTNT trong 05 ngày làm việc kể từ ngày nhận được Công điện này.\n\n"+
		"2. Báo cáo tình hình dịch bệnh trước ngày 30/8/2025.\n")
	if err != nil {
		t.Fatal(err)
	}
	one, _ := d.Task("1")
	if !one.Deadline.IsZero() || one.DeadlineText != "trong 05 ngày làm việc kể từ ngày nhận được Công điện này" {
		t.Errorf("task 1 deadline = %v %q", one.Deadline, one.DeadlineText)
	}
	ix := NewIndex(testUnits(t), testGroups()...)
	ix.Add(d)
	if a := ix.Ask(Query{Text: "nhiệm vụ 1 hạn khi nào"}); !strings.Contains(a.Text, "trong 05 ngày làm việc") {
		t.Errorf("the answer does not give the relative deadline:\n%s", a.Text)
	}
}

// TestAttachedTitledInOneLine: the attached plan's title and its "(Ban
// hành kèm theo Nghị quyết số …)" on one line, as web pages give them, a
// long title and all, still open the attached tasks.
func TestAttachedTitledInOneLine(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	title := "CHƯƠNG TRÌNH HÀNH ĐỘNG. THỰC HIỆN " + strings.Repeat("CÔNG TÁC CẢI CÁCH HÀNH CHÍNH ", 10) +
		"(Ban hành kèm theo Nghị quyết số 12/NQ-UBND ngày 07 tháng 02 năm 2025 của Ủy ban nhân dân huyện)"
	text := "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 12/NQ-UBND\n\nNGHỊ QUYẾT\nBan hành Chương trình hành động\n\n" +
		"Điều 1. Ban hành kèm theo Nghị quyết này Chương trình hành động.\n\nĐiều 2. Nghị quyết này có hiệu lực kể từ ngày ký./.\n\n" +
		"Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n\n" + title + "\n\n" +
		"I. NHIỆM VỤ\n\n1. Phòng Nội vụ rà soát thủ tục hành chính, hoàn thành trước ngày 30/6/2025.\n\n2. Phòng Tư pháp kiểm soát thủ tục hành chính.\n"
	d, err := p.ParseText("x.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, t := range d.Tasks {
		ids = append(ids, t.ID)
	}
	if !slices.Contains(ids, "I.1") || !slices.Contains(ids, "I.2") {
		t.Fatalf("tasks %v lack the attached I.1, I.2", ids)
	}
	if tk, _ := d.Task("I.1"); tk.Deadline.String() != "2025-06-30" {
		t.Errorf("I.1 deadline %s", tk.Deadline)
	}
}
