package knowledge

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"chidao"
	"chidao/configs"
)

func testUnits(t testing.TB) []chidao.Unit {
	t.Helper()
	u, err := configs.DefaultUnits()
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// testGroups returns the sample district's named groups ("các phòng
// chuyên môn thuộc UBND huyện").
func testGroups() []chidao.Group {
	l, err := configs.Preset("huyen")
	if err != nil {
		panic(err)
	}
	return l.Groups
}

// textIndex parses a directive's text with the sample units and returns an
// index holding it.
func textIndex(t testing.TB, text string) *Index {
	t.Helper()
	d, err := NewParser(testUnits(t), testGroups()...).ParseText("x.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex(testUnits(t), testGroups()...)
	if err := ix.Add(d); err != nil {
		t.Fatal(err)
	}
	return ix
}

func parseFile(t testing.TB, path string) *chidao.Directive {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := NewParser(testUnits(t), testGroups()...).Parse(filepath.Base(path), b)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return d
}

// unitsOf returns the codes of units of a kind or group.
func unitsOf(units []chidao.Unit, groups ...string) []string {
	var out []string
	for _, u := range units {
		for _, g := range groups {
			if u.InGroup(g) {
				out = append(out, u.Code)
				break
			}
		}
	}
	return out
}

// wantTask is what a test expects of a task.
type wantTask struct {
	id, deadline string
	kind         chidao.DeadlineKind
	dtext, recur string
	recurDay     int
	assignees    []string
	units        []string // nil: every recipient unit; empty: none
}

func checkTasks(t *testing.T, d *chidao.Directive, want []wantTask) {
	t.Helper()
	if len(d.Tasks) != len(want) {
		ids := []string{}
		for _, x := range d.Tasks {
			ids = append(ids, x.ID)
		}
		t.Fatalf("tasks = %v, want %d", ids, len(want))
	}
	for i, w := range want {
		g := d.Tasks[i]
		if g.ID != w.id || g.Deadline.String() != w.deadline || g.DeadlineKind != w.kind || g.DeadlineText != w.dtext ||
			g.Recurrence != w.recur || g.RecurDay != w.recurDay {
			t.Errorf("task %d = {%s %s %q %q %q %d}, want {%s %s %q %q %q %d}", i, g.ID, g.Deadline, g.DeadlineKind, g.DeadlineText,
				g.Recurrence, g.RecurDay, w.id, w.deadline, w.kind, w.dtext, w.recur, w.recurDay)
		}
		if !slices.Equal(g.Assignees, w.assignees) && !(len(g.Assignees) == 0 && len(w.assignees) == 0) {
			t.Errorf("task %s assignees = %q, want %q", g.ID, g.Assignees, w.assignees)
		}
		units := w.units
		if units == nil {
			units = d.Units
		}
		if !slices.Equal(g.AssigneeUnits, units) {
			t.Errorf("task %s assignee units = %v, want %v", g.ID, g.AssigneeUnits, units)
		}
		if strings.Contains(g.Text, "./.") || strings.Contains(g.Text, "Nơi nhận") || strings.Contains(g.Text, fnOpen) {
			t.Errorf("task %s text carries the closing, the footer or a footnote mark: %q", g.ID, g.Text)
		}
	}
}

func TestParseVanQuan(t *testing.T) {
	units := testUnits(t)
	d := parseFile(t, "testdata/dev/vanquan-cchc-2024.md")
	all := unitsOf(units, "phong-chuyen-mon", "xa-thi-tran")
	if d.ID != "cong-van-2024-c5d2e4" || d.Number != "/UBND-NV" || d.Kind != "Công văn" || d.Issuer != "UBND huyện Văn Quan" ||
		d.Place != "Văn Quan" || !d.Issued.IsZero() || d.Year != 2024 || d.IssuedText != "ngày tháng 6 năm 2024" {
		t.Errorf("header = id %q number %q kind %q issuer %q place %q issued %v year %d %q", d.ID, d.Number, d.Kind, d.Issuer, d.Place, d.Issued, d.Year, d.IssuedText)
	}
	if d.Subject != "V/v triển khai Thông báo số 227/TB-UBND ngày 25/5/2024 của Chủ tịch UBND tỉnh Lạng Sơn" {
		t.Errorf("subject = %q", d.Subject)
	}
	if !slices.Equal(d.Recipients, []string{"Các phòng chuyên môn trực thuộc UBND huyện", "UBND các xã, thị trấn"}) || len(d.Unresolved) != 0 {
		t.Errorf("recipients = %q, unresolved %q", d.Recipients, d.Unresolved)
	}
	if !slices.Equal(d.Units, all) {
		t.Errorf("units = %v, want %v", d.Units, all)
	}
	if d.Signer != (chidao.Signer{Name: "Triệu Đức Dũng", Title: "PHÓ CHỦ TỊCH", Authority: "KT. CHỦ TỊCH"}) {
		t.Errorf("signer = %+v", d.Signer)
	}
	if !slices.Equal(d.References, []string{"227/TB-UBND", "147/KH-UBND", "1514/QĐ-UBND"}) {
		t.Errorf("references = %q", d.References)
	}
	if len(d.Footnotes) != 1 || d.Footnotes[0].Task != "3" || !strings.HasPrefix(d.Footnotes[0].Text, "Tại Kế hoạch số 147/KH-UBND") {
		t.Errorf("footnotes = %+v", d.Footnotes)
	}
	if len(d.Tasks) == 7 && (len(d.Tasks[2].Footnotes) != 1 || strings.Contains(d.Tasks[3].Text, "Tại Kế hoạch")) {
		t.Errorf("footnote not attached to task 3 only")
	}
	checkTasks(t, d, []wantTask{
		{id: "1"}, {id: "2"}, {id: "3"}, {id: "4"},
		{id: "5", deadline: "2024-06-07", kind: chidao.DeadlineBefore, dtext: "trước ngày 07/6/2024",
			assignees: []string{"các cơ quan, đơn vị", "UBND các xã, thị trấn"}},
		{id: "6", kind: chidao.DeadlineBy, dtext: "hằng năm", recur: chidao.RecurYearly,
			assignees: []string{"Phòng Nội vụ huyện"}, units: []string{"phong-noi-vu"}},
		{id: "7", dtext: "Thường xuyên", recur: chidao.RecurOngoing,
			assignees: []string{"Văn phòng HĐND và UBND huyện"}, units: []string{"van-phong"}},
	})
	if d.Tasks[6].Deadline.IsZero() == false {
		t.Error("the date of Quyết định 1514 became a deadline")
	}
	if !strings.HasSuffix(d.Tasks[6].Text, "phù hợp, hiệu quả.") {
		t.Errorf("task 7 ends %q", d.Tasks[6].Text[len(d.Tasks[6].Text)-40:])
	}
}

func TestParseKeHoach(t *testing.T) {
	units := testUnits(t)
	d := parseFile(t, "testdata/dev/synthetic-kehoach-cds-2025.md")
	if d.ID != "52-kh-ubnd-20250210" || d.Number != "52/KH-UBND" || d.Kind != "Kế hoạch" || d.Issued.String() != "2025-02-10" ||
		d.Subject != "Triển khai công tác chuyển đổi số trên địa bàn huyện năm 2025" {
		t.Errorf("header = %q %q %q %v %q", d.ID, d.Number, d.Kind, d.Issued, d.Subject)
	}
	if !slices.Equal(d.Recipients, []string{"TT Huyện ủy, TT HĐND huyện", "Các phòng chuyên môn thuộc UBND huyện", "UBND các xã, thị trấn"}) ||
		!slices.Equal(d.Unresolved, []string{"TT Huyện ủy, TT HĐND huyện"}) {
		t.Errorf("recipients = %q unresolved %q", d.Recipients, d.Unresolved)
	}
	if !slices.Equal(d.Units, unitsOf(units, "phong-chuyen-mon", "xa-thi-tran")) {
		t.Errorf("units = %v", d.Units)
	}
	if d.Signer != (chidao.Signer{Name: "Nguyễn Văn Ví Dụ", Title: "CHỦ TỊCH", Authority: "TM. ỦY BAN NHÂN DÂN"}) {
		t.Errorf("signer = %+v", d.Signer)
	}
	if !slices.Equal(d.References, []string{"18/KH-UBND"}) {
		t.Errorf("references = %q", d.References)
	}
	communes := unitsOf(units, "xa-thi-tran")
	vhtt := []string{"phong-van-hoa-thong-tin"}
	checkTasks(t, d, []wantTask{
		// I. MỤC ĐÍCH, YÊU CẦU: what the plan aims at, no unit's task.
		{id: "I.1", units: []string{}}, {id: "I.2", units: []string{}},
		{id: "II.1.a", deadline: "2025-03-15", kind: chidao.DeadlineBefore, dtext: "trước ngày 15/3/2025"},
		{id: "II.1.b", deadline: "2025-06-30", kind: chidao.DeadlineBy, dtext: "chậm nhất ngày 30/6"},
		{id: "II.2.a", deadline: "2025-04-30", kind: chidao.DeadlineBy, dtext: "trong tháng 4/2025", assignees: []string{"Phòng Văn hóa và Thông tin"}, units: vhtt},
		{id: "II.2.b", deadline: "2025-09-30", kind: chidao.DeadlineBy, dtext: "trong Quý III/2025", assignees: []string{"UBND các xã, thị trấn"}, units: communes},
		{id: "II.3.a", kind: chidao.DeadlineBefore, dtext: "trước ngày 20 hằng tháng", recur: chidao.RecurMonthly, recurDay: 20, assignees: []string{"Các cơ quan, đơn vị"}},
		{id: "II.3.b"},
		{id: "III.1", kind: chidao.DeadlineBy, dtext: "định kỳ hằng quý", recur: chidao.RecurQuarterly, assignees: []string{"Phòng Văn hóa và Thông tin"}, units: vhtt},
		{id: "III.2", deadline: "2025-03-31", kind: chidao.DeadlineBefore, dtext: "trước ngày 31/3/2025", assignees: []string{"Phòng Tài chính - Kế hoạch"}, units: []string{"phong-tai-chinh-ke-hoach"}},
		{id: "III.3", deadline: "2025-02-28", kind: chidao.DeadlineBefore, dtext: "trước ngày 28/02/2025", assignees: []string{"UBND các xã, thị trấn"}, units: communes},
	})
	if d.Tasks[2].Section != "II. NHIỆM VỤ CỤ THỂ / 1. Hoàn thiện thể chế, chính sách" {
		t.Errorf("section = %q", d.Tasks[2].Section)
	}
}

func TestDeadlines(t *testing.T) {
	tests := []struct {
		text, date string
		kind       chidao.DeadlineKind
		dtext      string
		recur      string
		day        int
	}{
		{"báo cáo trước ngày 07/6/2024.", "2024-06-07", "before", "trước ngày 07/6/2024", "", 0},
		{"hoàn thành chậm nhất ngày 30/6", "2025-06-30", "by", "chậm nhất ngày 30/6", "", 0},
		{"Hoàn thành trước 15/7.", "2025-07-15", "before", "trước 15/7", "", 0},
		{"báo cáo trong tháng 4/2025", "2025-04-30", "by", "trong tháng 4/2025", "", 0},
		{"xong trong Quý III/2025", "2025-09-30", "by", "trong Quý III/2025", "", 0},
		{"hoàn thành trong quý 1 năm 2026", "2026-03-31", "by", "trong quý 1 năm 2026", "", 0},
		{"gửi trước ngày 20 hằng tháng", "", "before", "trước ngày 20 hằng tháng", chidao.RecurMonthly, 20},
		{"báo cáo định kỳ hằng quý", "", "by", "định kỳ hằng quý", chidao.RecurQuarterly, 0},
		{"tổ chức hằng năm", "", "by", "hằng năm", chidao.RecurYearly, 0},
		{"báo cáo hàng tuần", "", "by", "hàng tuần", chidao.RecurWeekly, 0},
		{"thực hiện thường xuyên", "", "", "thường xuyên", chidao.RecurOngoing, 0},
		{"duy trì đến ngày 31/12/2025", "2025-12-31", "by", "đến ngày 31/12/2025", "", 0},
		{"nộp trước 17 giờ ngày 15/3/2025", "2025-03-15", "by", "trước 17 giờ ngày 15/3/2025", "", 0},
		// The day something happens is no deadline (partDeadline answers
		// "ngày nào" with it); nor is a holiday's span, weekdays and all.
		{"tổ chức ngày 15 tháng 3 năm 2025 tại hội trường", "", "", "", "", 0},
		{"được nghỉ từ thứ Sáu ngày 01/9/2023 đến hết ngày thứ Hai 04/9/2023", "", "", "", "", 0},
		{"nghỉ 05 ngày, từ thứ Hai, ngày 16/02/2025 (tức 29 tháng Chạp) đến hết thứ Sáu, ngày 20/02/2025", "", "", "", "", 0},
		{"tiếp nhận hồ sơ từ ngày 15/12/2025 và kết thúc vào 17 giờ 00 ngày 01/02/2026", "", "", "", "", 0},
		{"nộp báo cáo trước thứ Sáu, ngày 20/6/2025", "2025-06-20", "before", "trước thứ Sáu, ngày 20/6/2025", "", 0},
		{"hoàn thành trong năm 2024", "2024-12-31", "by", "trong năm 2024", "", 0},
		{"sơ kết 6 tháng đầu năm", "2025-06-30", "by", "6 tháng đầu năm", "", 0},
		{"theo Thông báo số 227/TB-UBND ngày 25/5/2024 của tỉnh", "", "", "", "", 0},
		{"theo Quyết định số 1514/QĐ-UBND ngày 22/9/2023", "", "", "", "", 0},
		{"áp dụng từ ngày 01/7/2025", "", "", "", "", 0},
		{"không có hạn", "", "", "", "", 0},
		{"hạn trước ngày 31/02/2025", "", "", "", "", 0},
	}
	for _, tt := range tests {
		d := findDeadline(tt.text, dateContext{year: 2025})
		if d.date.String() != tt.date || d.kind != tt.kind || d.text != tt.dtext || d.recur != tt.recur || d.recurDay != tt.day {
			t.Errorf("%q → {%s %q %q %q %d}, want {%s %q %q %q %d}", tt.text, d.date, d.kind, d.text, d.recur, d.recurDay, tt.date, tt.kind, tt.dtext, tt.recur, tt.day)
		}
	}
}

func TestResolver(t *testing.T) {
	units := testUnits(t)
	r := NewResolver(units, testGroups()...)
	tests := []struct {
		text string
		want []string
	}{
		{"Phòng Nội vụ huyện", []string{"phong-noi-vu"}},
		{"phong noi vu", []string{"phong-noi-vu"}},
		{"Phòng Tài chính - Kế hoạch", []string{"phong-tai-chinh-ke-hoach"}},
		{"Phòng TC-KH", []string{"phong-tai-chinh-ke-hoach"}},
		{"Phòng Tài nguyên & Môi trường", []string{"phong-tai-nguyen-moi-truong"}},
		{"Phòng Văn hoá và Thông tin", []string{"phong-van-hoa-thong-tin"}},
		{"Văn phòng HĐND và UBND huyện", []string{"van-phong"}},
		{"UBND xã An Sơn", []string{"xa-an-son"}},
		{"Ủy ban nhân dân xã Hữu Lễ", []string{"xa-huu-le"}},
		{"UBND huyện Văn Quan", nil},
		{"UBND các xã, thị trấn", unitsOf(units, "xa-thi-tran")},
		{"các phòng chuyên môn", unitsOf(units, "phong-chuyen-mon")},
		{"TT Huyện ủy, TT HĐND huyện", nil},
	}
	for _, tt := range tests {
		if got := r.Resolve(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Resolve(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	for text, want := range map[string]string{"xa an son": "xa-an-son", "Phòng TC-KH": "phong-tai-chinh-ke-hoach", "nội vụ": "phong-noi-vu",
		"thi tran van quan": "thi-tran-van-quan", "Hữu Lễ": "xa-huu-le", "tư pháp": "phong-tu-phap"} {
		if u, ok := r.Match(text); !ok || u.Code != want {
			t.Errorf("Match(%q) = %v %v, want %s", text, u.Code, ok, want)
		}
	}
	if u, ok := r.Match("bánh mì"); ok {
		t.Errorf("Match(bánh mì) = %v", u.Code)
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Nhiệm vụ 5 HẠN khi nào": "nhiem vu 5 han khi nao", "Đồng Đăng": "dong dang",
		"hiện đại hoá": "hien dai hoa", "ỦY BAN": "uy ban", "Phòng TN&MT": "phong tn&mt"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
	if ToneKey("hoá") != ToneKey("hóa") || ToneKey("uỷ") != ToneKey("ủy") || ToneKey("lương") == ToneKey("lượng") {
		t.Error("ToneKey does not fold tone placement only")
	}
	if Normalize("Ho\u0300a") != "Hòa" {
		t.Error("Normalize is not NFC")
	}
}

// TestDeadlinesInContext reads the deadline of tasks with several dates,
// periods, dates about the past and dates before the directive's issue.
func TestDeadlinesInContext(t *testing.T) {
	issued := chidao.Date{Year: 2025, Month: 9, Day: 12}
	tests := []struct {
		text, date string
		issued     chidao.Date
		kind       chidao.DeadlineKind
		dtext      string
		recur      string
		day        int
	}{
		// The end of a period is not a deadline; the report after it is.
		{"Thời gian kiểm tra: từ ngày 15/9/2025 đến ngày 30/10/2025; báo cáo kết quả trước ngày 15/11/2025.", "2025-11-15", issued, "before", "trước ngày 15/11/2025", "", 0},
		{"Tổ chức lớp bồi dưỡng từ ngày 01/10 đến ngày 05/10/2025 tại hội trường.", "", issued, "", "", "", 0},
		{"Triển khai từ tháng 10 đến tháng 12/2025.", "", issued, "", "", "", 0},
		// A date things are counted to is not a deadline.
		{"Tổng hợp số liệu tính đến ngày 30/9/2025, gửi Phòng Nội vụ trước ngày 10/10/2025.", "2025-10-10", issued, "before", "trước ngày 10/10/2025", "", 0},
		// A clause about the past, a date before the issue.
		{"Trong tháng 8 năm 2025, các cơ quan, đơn vị đã hoàn thành kế hoạch đề ra.", "", issued, "", "", "", 0},
		{"Trong tháng 8, các xã đã tổ chức ra quân.", "", chidao.Date{}, "", "", "", 0},
		// A date before the issue set in so many words, year and all, is
		// the text's (a slip the preview warns of); without a year or
		// without a deadline's words it is none.
		{"Báo cáo kết quả trước ngày 15/6/2025.", "2025-06-15", issued, "before", "trước ngày 15/6/2025", "", 0},
		{"Tổ chức hội nghị ngày 15/6/2025.", "", issued, "", "", "", 0},
		{"Hoàn thành trong tháng 3.", "", issued, "", "", "", 0},
		// A date without a year before the issue is next year's, when near.
		{"Hoàn thành trước ngày 10/01.", "2026-01-10", chidao.Date{Year: 2025, Month: 12, Day: 20}, "before", "trước ngày 10/01", "", 0},
		// The words governing a date: a deadline phrase wins.
		{"Duy trì đến ngày 31/12/2025; báo cáo sơ kết trước ngày 30/11/2025.", "2025-11-30", issued, "before", "trước ngày 30/11/2025", "", 0},
		{"Triển khai trong tháng 10/2025; báo cáo kết quả chậm nhất ngày 20/11/2025.", "2025-11-20", issued, "by", "chậm nhất ngày 20/11/2025", "", 0},
		{"Báo cáo 6 tháng (trước ngày 10/12/2025) và báo cáo năm (trước ngày 20/12/2025).", "2025-12-10", issued, "before", "trước ngày 10/12/2025", "", 0},
		// The day of a quarter.
		{"Báo cáo định kỳ hằng quý, gửi trước ngày 15 của tháng cuối quý.", "", issued, "before", "định kỳ hằng quý, gửi trước ngày 15 của tháng cuối quý", chidao.RecurQuarterly, 15},
		{"Các xã báo cáo trước ngày 20 tháng cuối quý.", "", issued, "before", "trước ngày 20 tháng cuối quý", chidao.RecurQuarterly, 20},
		{"Báo cáo hằng quý trước ngày 10 tháng đầu quý sau.", "", issued, "by", "hằng quý trước ngày 10 tháng đầu quý sau", chidao.RecurQuarterly, 0},
		// The day of the next month of a monthly report.
		{"Báo cáo kết quả thu ngân sách hằng tháng trước ngày 05 của tháng sau.", "", issued, "before", "hằng tháng trước ngày 05 của tháng sau", chidao.RecurMonthly, 5},
		// A deadline after a few words and a colon.
		{"Hạn chót nộp báo cáo: ngày 30/11/2025.", "2025-11-30", issued, "by", "Hạn chót nộp báo cáo: ngày 30/11/2025", "", 0},
		{"Thời hạn hoàn thành: 15/12/2025.", "2025-12-15", issued, "by", "Thời hạn hoàn thành: 15/12/2025", "", 0},
	}
	for _, tt := range tests {
		d := findDeadline(tt.text, dateContext{year: 2025, issued: tt.issued})
		if d.date.String() != tt.date || d.kind != tt.kind || d.text != tt.dtext || d.recur != tt.recur || d.recurDay != tt.day {
			t.Errorf("%q → {%s %q %q %q %d}, want {%s %q %q %q %d}", tt.text, d.date, d.kind, d.text, d.recur, d.recurDay, tt.date, tt.kind, tt.dtext, tt.recur, tt.day)
		}
	}
}
