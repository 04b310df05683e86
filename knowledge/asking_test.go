package knowledge

import (
	"slices"
	"strings"
	"testing"

	"chidao"
)

// TestUnitDutyQuestions asks what a unit must do in the ways heads ask it:
// every phrasing answers with the tasks the parse gives the unit, and a
// unit given nothing (named only as where a report goes, or not at all)
// gets no answer.
func TestUnitDutyQuestions(t *testing.T) {
	units := testUnits(t)
	d := parseFile(t, "testdata/kh-ho-tro-sinh-ke-2025.md")
	ix := NewIndex(units, testGroups()...)
	ix.Add(d)
	phrasings := []string{"%s phải làm gì", "%s được giao việc gì", "%s được giao những việc gì", "%s được đề nghị làm gì",
		"%s có nhiệm vụ gì", "%s cần làm gì", "nhiệm vụ của %s", "%s có trách nhiệm gì", "%s chịu trách nhiệm những việc gì",
		"giao cho %s những việc gì", "%s làm những gì", "trách nhiệm của %s"}
	for _, code := range []string{"phong-lao-dong-tbxh", "phong-tai-chinh-ke-hoach", "xa-an-son", "phong-y-te", "phong-tu-phap"} {
		var own []string
		for _, x := range d.Tasks {
			if slices.Contains(x.AssigneeUnits, code) {
				own = append(own, x.ID)
			}
		}
		name := ix.Resolver().Name(code)
		for _, p := range phrasings {
			for _, q := range []string{strings.Replace(p, "%s", name, 1), Fold(strings.Replace(p, "%s", name, 1))} {
				a := ix.Ask(Query{Text: q})
				got := slices.Clone(a.JSON().Items)
				slices.Sort(got)
				want := slices.Clone(own)
				slices.Sort(want)
				if !slices.Equal(got, want) || a.Found != (len(own) > 0) {
					t.Errorf("%q: found=%v items %v, want %v", q, a.Found, a.Items, own)
				}
			}
		}
	}
	// The unit's own tasks come first.
	if a := ix.Ask(Query{Text: "phong ldtbxh duoc giao nhung viec gi"}); len(a.Items) == 0 || a.Items[0] != "III.1" || a.Deadline.String() != "2025-03-31" {
		t.Errorf("own task first: items %v deadline %s", a.Items, a.Deadline)
	}
	// A recipient given nothing: the communes are named one by one.
	cv := NewIndex(units, testGroups()...)
	cv.Add(parseFile(t, "testdata/cv-sot-xuat-huyet-2025.txt"))
	for _, q := range []Query{{Text: "đơn vị tôi phải làm gì", Unit: "xa-an-son"}, {Text: "xã An Sơn được giao việc gì"}} {
		if a := cv.Ask(q); a.Found || len(a.JSON().Items) != 0 || !strings.Contains(a.Text, "không giao nhiệm vụ cho UBND xã An Sơn") {
			t.Errorf("%q: found=%v items %v\n%s", q.Text, a.Found, a.Items, a.Text)
		}
	}
	if a := cv.Ask(Query{Text: "đơn vị tôi phải làm gì", Unit: "xa-tan-doan"}); !a.Found || !slices.Equal(a.Items, []string{"2"}) {
		t.Errorf("xã Tân Đoàn: found=%v items %v", a.Found, a.Items)
	}
}

// TestAskBeyondTasks asks what a directive's text says besides its tasks:
// the documents it rests on, the people it lists, where the money comes
// from; an amount of money it does not state is no answer, one it states
// is; and which of a task's dates a question names.
func TestAskBeyondTasks(t *testing.T) {
	units := testUnits(t)
	qd := parseFile(t, "testdata/qd-doan-kiem-tra-cong-vu-2025.md")
	kh := parseFile(t, "testdata/kh-ho-tro-sinh-ke-2025.md")
	// The team's tasks are the team's; founding it is no one's.
	checkTasks(t, qd, []wantTask{
		{id: "1", units: []string{}},
		{id: "2.1", assignees: []string{"Đoàn kiểm tra"}, units: []string{}},
		{id: "2.2", deadline: "2025-06-30", kind: chidao.DeadlineBefore, dtext: "trước ngày 30/6/2025", assignees: []string{"Đoàn kiểm tra"}, units: []string{}},
		{id: "3", assignees: []string{"Đoàn kiểm tra"}, units: []string{}},
		{id: "4", assignees: []string{"Văn phòng HĐND và UBND huyện", "phòng Nội vụ", "Thanh tra huyện", "Chủ tịch UBND các xã, thị trấn"},
			units: append([]string{"van-phong", "phong-noi-vu", "thanh-tra"}, unitsOf(units, "xa-thi-tran")...)},
	})
	// The section on funding is no task.
	for _, x := range kh.Tasks {
		if strings.HasPrefix(x.ID, "II") && !strings.HasPrefix(x.ID, "III") {
			t.Errorf("task %s from the section on funding: %q", x.ID, x.Text)
		}
	}
	s := func(v string) *string { return &v }
	tests := []struct {
		doc      *chidao.Directive
		q        string
		items    []string // the first item, or none
		deadline *string
		text     []string
		found    bool
	}{
		{doc: qd, q: "quyết định này căn cứ văn bản nào", found: true, text: []string{"55/TTr-NV", "30/KH-UBND"}},
		{doc: qd, q: "quyet dinh nay thuc hien ke hoach nao cua tinh", found: true, text: []string{"30/KH-UBND"}},
		// "số mấy" of a document cited is its number, not this one's.
		{doc: qd, q: "Quyết định này thực hiện theo Kế hoạch số mấy của UBND tỉnh?", found: true, text: []string{"30/KH-UBND"}},
		{doc: qd, q: "quyết định này căn cứ tờ trình số mấy", found: true, text: []string{"55/TTr-NV"}},
		{doc: qd, q: "quyết định này số mấy", found: true, text: []string{"Số hiệu: 512/QĐ-UBND"}},
		{doc: qd, q: "Tờ trình của phòng Nội vụ số mấy ạ?", found: true, text: []string{"Tờ trình được nêu trong văn bản", "55/TTr-NV"}},
		// A kind the text cites nothing of: no number, never this one's.
		{doc: qd, q: "công điện số mấy", found: false},
		{doc: qd, q: "phòng nội vụ có ai trong đoàn kiểm tra", found: true, items: []string{"1"}, text: []string{"Lý Thị Hương", "Nông Văn Tám"}},
		{doc: qd, q: "ai là trưởng đoàn", found: true, items: []string{"1"}, text: []string{"Hoàng Văn Đức"}},
		{doc: qd, q: "mức bồi dưỡng cho thành viên đoàn kiểm tra bao nhiêu tiền"},
		{doc: qd, q: "đoàn kiểm tra báo cáo khi nào", found: true, items: []string{"2.2"}, deadline: s("2025-06-30")},
		// A body's tasks: those given to it.
		{doc: qd, q: "Đoàn kiểm tra phải làm gì", found: true, items: []string{"2.1"}},
		{doc: kh, q: "kinh phí thực hiện kế hoạch lấy từ đâu", found: true, text: []string{"Chương trình mục tiêu quốc gia giảm nghèo"}},
		// A document cited, named by its number: where it is cited.
		{doc: kh, q: "Nghị quyết 12 của HĐND huyện", found: true, text: []string{"Văn bản viện dẫn 12/NQ-HĐND"}},
		{doc: kh, q: "mức hỗ trợ mỗi hộ bao nhiêu", found: true, items: []string{"I.1"}, text: []string{"5.000.000 đồng"}},
		{doc: kh, q: "lệ phí thẩm định hồ sơ hỗ trợ bao nhiêu"},
		{doc: kh, q: "báo cáo tổng kết năm hạn khi nào", found: true, items: []string{"I.2"}, deadline: s("2025-12-15")},
		{doc: kh, q: "han bao cao so ket 6 thang", found: true, items: []string{"I.2"}, deadline: s("2025-06-20")},
		{doc: kh, q: "báo cáo tiến độ giải ngân hằng tháng gửi ngày nào", found: true, items: []string{"I.2"}, deadline: s(""), text: []string{"25 hằng tháng"}},
		{doc: kh, q: "muc 3 b", found: true, items: []string{"III.3.b"}, deadline: s("2025-03-20")},
		{doc: kh, q: "nv 3b", found: true, items: []string{"III.3.b"}},
	}
	for _, tt := range tests {
		ix := NewIndex(units, testGroups()...)
		ix.Add(tt.doc)
		a := ix.Ask(Query{Text: tt.q})
		j := a.JSON()
		switch {
		case j.Found != tt.found:
			t.Errorf("%q: found=%v, want %v\n%s", tt.q, j.Found, tt.found, a.Text)
			continue
		case tt.items != nil && (len(j.Items) == 0 || j.Items[0] != tt.items[0]):
			t.Errorf("%q: items %v, want %v first\n%s", tt.q, j.Items, tt.items, a.Text)
		case tt.deadline != nil && j.Deadline.String() != *tt.deadline:
			t.Errorf("%q: deadline %q, want %q\n%s", tt.q, j.Deadline.String(), *tt.deadline, a.Text)
		}
		for _, w := range tt.text {
			if !strings.Contains(a.Text, w) {
				t.Errorf("%q: the answer lacks %q\n%s", tt.q, w, a.Text)
			}
		}
	}
}

// TestUnitAcrossDirectives asks a unit's tasks of several directives: each
// directive giving it tasks is listed, newest first, however the question
// is phrased.
func TestUnitAcrossDirectives(t *testing.T) {
	ix := NewIndex(testUnits(t), testGroups()...)
	for _, f := range []string{"testdata/kh-ho-tro-sinh-ke-2025.md", "testdata/cv-sot-xuat-huyet-2025.txt", "testdata/qd-doan-kiem-tra-cong-vu-2025.md"} {
		ix.Add(parseFile(t, f))
	}
	for _, q := range []string{"Phòng Tài chính - Kế hoạch phải làm gì?", "phong tai chinh ke hoach duoc giao nhung viec gi", "Phòng TC-KH có nhiệm vụ gì"} {
		a := ix.Ask(Query{Text: q})
		if !a.Found || a.Directive == nil || a.Directive.ID != "64-kh-ubnd-20250305" || !strings.Contains(a.Text, "trong 2 văn bản") ||
			!strings.Contains(a.Text, "77/UBND-VP") || strings.Contains(a.Text, "512/QĐ-UBND") {
			t.Errorf("%q: found=%v\n%s", q, a.Found, a.Text)
		}
	}
	// When its tasks fall due: the first of them, each directive listed.
	a := ix.Ask(Query{Text: "Phòng TC-KH hạn khi nào"})
	if !a.Found || a.Deadline.String() != "2025-03-31" || a.Directive.ID != "77-ubnd-vp-20250303" || !strings.Contains(a.Text, "64/KH-UBND") {
		t.Errorf("Phòng TC-KH hạn khi nào: found=%v deadline %s\n%s", a.Found, a.Deadline, a.Text)
	}
	a = ix.Ask(Query{Text: "Phòng TC-KH hạn khi nào", Today: chidao.Date{Year: 2025, Month: 4, Day: 1}})
	if a.Deadline.String() != "2025-04-15" {
		t.Errorf("Phòng TC-KH hạn khi nào, from 1/4/2025: deadline %s", a.Deadline)
	}
}

// TestMoneyAsked tells a question asking an amount of money, which only a
// text stating one answers, from one asking a count or where money comes
// from.
func TestMoneyAsked(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"Hỗ trợ hộ nghèo xây nhà bao nhiêu tiền?", true},
		{"lệ phí cấp giấy chứng nhận là bao nhiêu", true},
		{"mức phụ cấp cho thành viên tổ công tác", true},
		{"mỗi hộ được hỗ trợ bao nhiêu", true},
		{"tien den bu moi m2 dat bao nhieu", true},
		{"hỗ trợ bao nhiêu hộ nghèo", false},
		{"kinh phí thực hiện kế hoạch lấy từ đâu", false},
		{"có bao nhiêu nhiệm vụ", false},
		{"mục 2 hạn khi nào", false},
	}
	for _, tt := range tests {
		if got := moneyAsked(foldedWords(Fold(tt.q))); got != tt.want {
			t.Errorf("moneyAsked(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// TestHeadingOfABody: a body's tasks listed under a heading naming it are
// answered by that heading first; a heading naming a topic is not.
func TestHeadingOfABody(t *testing.T) {
	ix := textIndex(t, "ỦY BAN NHÂN DÂN\nTỈNH MẪU\nSố: 9/KH-UBND\n\nKẾ HOẠCH\nCông tác dân số năm 2026\n\nI. NHIỆM VỤ\n"+
		"1. Sở Y tế\na) Chủ trì tuyên truyền về công tác dân số.\nb) Hướng dẫn các trạm y tế tư vấn sức khỏe sinh sản.\n"+
		"2. Sở Tài chính\na) Bố trí kinh phí thực hiện kế hoạch.\nb) Hướng dẫn thanh quyết toán kinh phí.\n"+
		"3. Hội nghị tổng kết\na) Sở Y tế chủ trì tổ chức hội nghị tổng kết công tác dân số.\n")
	if a := ix.Ask(Query{Text: "Sở Tài chính phải làm gì"}); len(a.Items) < 3 || a.Items[0] != "I.2" {
		t.Errorf("the body's heading first: items %v\n%s", a.Items, a.Text)
	}
	if a := ix.Ask(Query{Text: "ai chủ trì hội nghị tổng kết"}); len(a.Items) == 0 || a.Items[0] == "I.3" {
		t.Errorf("a topic's heading is no body: items %v\n%s", a.Items, a.Text)
	}
}
