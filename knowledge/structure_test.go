package knowledge

import (
	"slices"
	"strings"
	"testing"

	"chidao"
)

// taskIDs returns the IDs of a directive's tasks.
func taskIDs(t *testing.T, p *Parser, text string) []string {
	t.Helper()
	d, err := p.ParseText("", text)
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, x := range d.Tasks {
		ids = append(ids, x.ID)
	}
	return ids
}

// TestAssessmentSections keeps the sections that assess what was done out
// of the tasks, and the tasks that open with the same words in.
func TestAssessmentSections(t *testing.T) {
	const head = "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 9/TB-UBND\n\nVăn Quan, ngày 5 tháng 7 năm 2025\n\nTHÔNG BÁO\nKết luận giao ban\n\n"
	tests := []struct {
		name, body string
		want       []string
	}{
		{"upper heading", "I. ĐÁNH GIÁ CHUNG\n\nTrong tháng 6, các đơn vị đã hoàn thành kế hoạch.\n\nII. NHIỆM VỤ THỜI GIAN TỚI\n\n1. Phòng Nội vụ rà soát biên chế trước ngày 20/7/2025.\n\n2. Phòng Y tế kiểm tra an toàn thực phẩm.",
			[]string{"II.1", "II.2"}},
		{"results with parts", "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ 6 THÁNG ĐẦU NĂM\n\n1. Ưu điểm\n\nCác xã đã triển khai kịp thời.\n\n2. Hạn chế\n\nTiến độ còn chậm.\n\nII. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM\n\n1. Phòng Tư pháp rà soát văn bản.",
			[]string{"II.1"}},
		{"heading and colon", "1. Đánh giá chung: Trong quý II năm 2025, các cơ quan đã bám sát chỉ đạo.\n\n2. Phòng Nội vụ rà soát biên chế.",
			[]string{"2"}},
		{"situation", "1. Tình hình thực hiện\n\nCác xã đã hoàn thành 80% kế hoạch.\n\n2. Nhiệm vụ\n\nPhòng Nội vụ rà soát biên chế.",
			[]string{"2"}},
		{"a task about assessing", "1. Đánh giá, xếp loại: Phòng Nội vụ chủ trì đánh giá cán bộ trước ngày 20/12/2025.\n\n2. Phòng Y tế kiểm tra an toàn thực phẩm.",
			[]string{"1", "2"}},
		{"assessment and tasks", "I. TÌNH HÌNH VÀ NHIỆM VỤ\n\n1. Phòng Nội vụ rà soát biên chế.\n\n2. Phòng Y tế kiểm tra an toàn thực phẩm.",
			[]string{"I.1", "I.2"}},
		{"nothing else", "1. KẾT QUẢ ĐẠT ĐƯỢC\n\nCác xã đã hoàn thành kế hoạch.\n\n2. HẠN CHẾ\n\nTiến độ còn chậm.",
			[]string{"1", "2"}},
	}
	p := NewParser(testUnits(t), testGroups()...)
	for _, tt := range tests {
		if got := taskIDs(t, p, head+tt.body); !slices.Equal(got, tt.want) {
			t.Errorf("%s: tasks = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestParseDecisionStructure parses decisions: the members of a team under
// Điều 1 stay in Điều 1, the article naming who executes the decision keeps
// its whole text and names them, and "Nơi nhận: Như Điều 3" takes them as
// recipients.
func TestParseDecisionStructure(t *testing.T) {
	units := testUnits(t)
	d := parseFile(t, "testdata/qd-to-kiem-tra-atvstp-2025.txt")
	executors := []string{"van-phong", "phong-tai-chinh-ke-hoach", "phong-y-te", "phong-kinh-te-ha-tang", "xa-huu-le", "xa-trang-cac"}
	if !slices.Equal(d.Units, executors) {
		t.Errorf("units from “Như Điều 3” = %v, want %v", d.Units, executors)
	}
	checkTasks(t, d, []wantTask{
		// Founding the team is no unit's task; the team's work is the team's.
		{id: "1", units: []string{}},
		{id: "2", deadline: "2025-10-10", kind: chidao.DeadlineBy, dtext: "chậm nhất ngày 10/10/2025", assignees: []string{"Tổ kiểm tra"}, units: []string{}},
		{id: "3", assignees: []string{"Văn phòng HĐND và UBND huyện", "các phòng: Y tế, Kinh tế và Hạ tầng, TC-KH", "Chủ tịch UBND các xã: Hữu Lễ, Tràng Các"}, units: executors},
	})
	if t1 := d.Tasks[0]; !strings.Contains(t1.Text, "1. Ông Vy Đức Long, Trưởng phòng Y tế - Tổ trưởng;") || !strings.Contains(t1.Text, "4. Bà Lục Thị Yến") {
		t.Errorf("Điều 1 lost its members: %q", t1.Text)
	}
	if t3 := d.Tasks[2]; !strings.Contains(t3.Text, "chịu trách nhiệm thi hành Quyết định này") {
		t.Errorf("Điều 3 lost its executors: %q", t3.Text)
	}

	// A team listed as "Trưởng đoàn: Ông …" in a plan's item stays one item too.
	p := NewParser(units, testGroups()...)
	ids := taskIDs(t, p, "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 3/QĐ-UBND\n\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n\nĐiều 1. Thành lập Tổ công tác, gồm:\n\n1. Tổ trưởng: Ông Lý Văn Hùng, Phó Chủ tịch UBND huyện;\n\n2. Tổ phó: Bà Nông Thị Hoa, Trưởng phòng Nội vụ;\n\n3. Thành viên: Ông Hoàng Văn Tú, Chuyên viên Phòng Tư pháp.\n\nĐiều 2. Tổ công tác rà soát hồ sơ, báo cáo trước ngày 30/6/2025.\n\nĐiều 3. Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Nội vụ và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
	if !slices.Equal(ids, []string{"1", "2", "3"}) {
		t.Errorf("tasks = %q, want 1, 2, 3", ids)
	}
	// Items that are tasks, not people, stay tasks.
	ids = taskIDs(t, p, "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 4/QĐ-UBND\n\nQUYẾT ĐỊNH\nVề việc giao nhiệm vụ\n\nĐiều 1. Giao nhiệm vụ như sau:\n\n1. Phòng Nội vụ rà soát biên chế.\n\n2. Phòng Tư pháp rà soát văn bản.\n\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.")
	if !slices.Equal(ids, []string{"1.1", "1.2", "2"}) {
		t.Errorf("tasks = %q, want 1.1, 1.2, 2", ids)
	}
	ids = taskIDs(t, p, "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 5/TB-UBND\n\nTHÔNG BÁO\nKết luận giao ban\n\nI. NHIỆM VỤ\n\n1. Đồng chí Trưởng phòng Nội vụ chỉ đạo rà soát biên chế.\n\n2. Đồng chí Chủ tịch UBND xã An Sơn chỉ đạo giải quyết đơn thư.")
	if !slices.Equal(ids, []string{"I.1", "I.2"}) {
		t.Errorf("tasks = %q, want I.1, I.2", ids)
	}
}

// TestAssigneePatterns reads who tasks are given to in the ways directives
// write it.
func TestAssigneePatterns(t *testing.T) {
	units := testUnits(t)
	communes := unitsOf(units, "xa-thi-tran")
	phong := unitsOf(units, "phong-chuyen-mon")
	tests := []struct {
		text  string
		names []string
		codes []string
		all   bool
	}{
		// A topic before a colon, then the subject.
		{"Rà soát, đơn giản hóa TTHC: Các phòng chuyên môn thuộc UBND huyện rà soát các thủ tục, gửi Văn phòng HĐND và UBND huyện trước ngày 15/5.",
			[]string{"Các phòng chuyên môn thuộc UBND huyện"}, phong, false},
		{"Truyền thông về chuyển đổi số: Phòng VH&TT phối hợp với Trung tâm Văn hóa huyện tuyên truyền.",
			[]string{"Phòng VH&TT"}, []string{"phong-van-hoa-thong-tin"}, false},
		// A subject after a semicolon, when a verb follows it.
		{"Bộ phận Một cửa tiếp nhận hồ sơ đúng hạn; UBND các xã, thị trấn báo cáo tình hình hằng quý.",
			[]string{"UBND các xã, thị trấn"}, communes, false},
		{"Phòng Y tế kiểm tra, phối hợp với Trung tâm Y tế; Phòng Tư pháp.",
			[]string{"Phòng Y tế"}, []string{"phong-y-te"}, false},
		// Lists sharing their head word after a colon.
		{"Trưởng các phòng: Nội vụ, Tư pháp, Tài chính - Kế hoạch; Chủ tịch UBND các xã, thị trấn chịu trách nhiệm thi hành.",
			[]string{"các phòng: Nội vụ, Tư pháp, Tài chính - Kế hoạch", "Chủ tịch UBND các xã, thị trấn"},
			append([]string{"phong-noi-vu", "phong-tu-phap", "phong-tai-chinh-ke-hoach"}, communes...), false},
		{"UBND các xã: An Sơn, Hữu Lễ và Tràng Các tổ chức ra quân.", []string{"UBND các xã: An Sơn, Hữu Lễ và Tràng Các"},
			[]string{"xa-an-son", "xa-huu-le", "xa-trang-cac"}, false},
		// A body outside the units between units; a body alone.
		{"Chánh Văn phòng HĐND và UBND huyện, Chỉ huy trưởng Ban Chỉ huy Quân sự huyện, Trưởng phòng GD&ĐT chịu trách nhiệm thi hành.",
			[]string{"Văn phòng HĐND và UBND huyện", "Ban Chỉ huy Quân sự huyện", "phòng GD&ĐT"}, []string{"van-phong", "phong-giao-duc-dao-tao"}, false},
		{"Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện và các tổ chức chính trị - xã hội huyện phối hợp giám sát.",
			[]string{"Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "các tổ chức chính trị - xã hội huyện"}, nil, false},
		{"Trung tâm Y tế huyện tổ chức tiêm chủng, báo cáo UBND huyện trước ngày 30/11.", []string{"Trung tâm Y tế huyện"}, nil, false},
		{"Các chủ đầu tư, Ban Quản lý dự án đầu tư xây dựng huyện rà soát từng dự án.",
			[]string{"Các chủ đầu tư", "Ban Quản lý dự án đầu tư xây dựng huyện"}, nil, false},
		{"Nhiệm vụ của Đoàn kiểm tra:\n- Kiểm tra việc thực hiện tại 05 xã;\n- Báo cáo kết quả trước ngày 15/11.", []string{"Đoàn kiểm tra"}, nil, false},
		// Every unit; the district's own departments.
		{"Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các xã, thị trấn kiện toàn Ban Chỉ huy.", []string{"các cơ quan, đơn vị", "Chủ tịch UBND các xã, thị trấn"}, communes, true},
		{"Các cơ quan, đơn vị trực thuộc UBND huyện rà soát biên chế.", []string{"Các cơ quan, đơn vị trực thuộc UBND huyện"}, phong, false},
		// People are not subjects; nor is a task with no subject a body's.
		{"Thành lập Tổ công tác, gồm:\n1. Ông Hà Minh Đức, Trưởng phòng Nội vụ - Tổ trưởng;\n2. Bà Lục Thị Yến, Chuyên viên Phòng Tư pháp.", nil, nil, false},
		{"Tổ chức Hội nghị tổng kết trước ngày 20/12, mời Trung tâm Y tế huyện dự.", nil, nil, false},
		{"Đội ngũ cán bộ, công chức cấp xã nâng cao tinh thần trách nhiệm.", nil, nil, false},
		{"Trường hợp phát hiện vi phạm, Phòng Tài nguyên và Môi trường xử lý theo quy định.", []string{"Phòng Tài nguyên và Môi trường"}, []string{"phong-tai-nguyen-moi-truong"}, false},
		{"Đội Quản lý thị trường số 4 kiểm tra hàng hóa.", []string{"Đội Quản lý thị trường số 4"}, nil, false},
		{"Trường THCS Tân Đoàn tổ chức ngoại khóa cho học sinh.", []string{"Trường THCS Tân Đoàn"}, nil, false},
	}
	r := NewResolver(units, testGroups()...)
	for _, tt := range tests {
		a := r.findAssignees(foldMapped(tt.text))
		if !slices.Equal(a.names, tt.names) || !slices.Equal(r.order(unitsAsMatches(a.codes)), r.order(unitsAsMatches(tt.codes))) || a.all != tt.all {
			t.Errorf("%q → %q %v all=%v, want %q %v all=%v", tt.text, a.names, a.codes, a.all, tt.names, tt.codes, tt.all)
		}
	}
	for text, want := range map[string][]string{
		"Trưởng các phòng: Nội vụ, Tư pháp, Tài chính - Kế hoạch": {"phong-noi-vu", "phong-tu-phap", "phong-tai-chinh-ke-hoach"},
		"các phòng: VH&TT, LĐ-TB&XH, TC-KH, GD&ĐT":                {"phong-tai-chinh-ke-hoach", "phong-lao-dong-tbxh", "phong-van-hoa-thong-tin", "phong-giao-duc-dao-tao"},
		"Các cơ quan, đơn vị thuộc UBND huyện":                    phong,
		"Chủ tịch UBND các xã, thị trấn":                          communes,
	} {
		if got := r.Resolve(text); !slices.Equal(got, want) {
			t.Errorf("Resolve(%q) = %v, want %v", text, got, want)
		}
	}
}

// unitsAsMatches wraps codes as one match, for Resolver.order.
func unitsAsMatches(codes []string) []unitMatch {
	if len(codes) == 0 {
		return nil
	}
	return []unitMatch{{codes: codes}}
}

// TestParseConclusions parses a thông báo kết luận written for these
// tests: an assessment section that is not tasks, topics before the
// subject, bodies outside the units, two reports in one task, a period
// before a report, lists after a colon and a recipient group written as
// "Các cơ quan, đơn vị trực thuộc UBND huyện".
func TestParseConclusions(t *testing.T) {
	units := testUnits(t)
	d := parseFile(t, "testdata/tb-so-ket-quy3-2025.md")
	all := unitsOf(units, "phong-chuyen-mon", "xa-thi-tran")
	if !slices.Equal(d.Units, all) {
		t.Errorf("units = %v, want every department and commune", d.Units)
	}
	if d.Signer != (chidao.Signer{Name: "Nông Thị Lan", Title: "PHÓ CHÁNH VĂN PHÒNG", Authority: "TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG"}) {
		t.Errorf("signer = %+v", d.Signer)
	}
	checkTasks(t, d, []wantTask{
		{id: "II.1", deadline: "2025-11-15", kind: chidao.DeadlineBefore, dtext: "trước ngày 15/11/2025",
			assignees: []string{"Phòng Văn hóa và Thông tin"}, units: []string{"phong-van-hoa-thong-tin"}},
		{id: "II.2", deadline: "2025-11-30", kind: chidao.DeadlineBefore, dtext: "trước ngày 30/11/2025",
			assignees: []string{"Trung tâm Y tế huyện"}, units: []string{}},
		{id: "II.3", kind: chidao.DeadlineBefore, dtext: "định kỳ hằng quý, trước ngày 18 của tháng cuối quý", recur: chidao.RecurQuarterly, recurDay: 18,
			assignees: []string{"UBND các xã, thị trấn"}, units: unitsOf(units, "xa-thi-tran")},
		{id: "II.4", deadline: "2025-10-31", kind: chidao.DeadlineBefore, dtext: "trước ngày 31/10/2025", assignees: []string{"các cơ quan, đơn vị"}},
		{id: "II.5", assignees: []string{"Hội Cựu chiến binh huyện", "Huyện đoàn"}, units: []string{}},
		{id: "II.6", deadline: "2025-10-20", kind: chidao.DeadlineBefore, dtext: "trước ngày 20/10/2025",
			assignees: []string{"Phòng Tài chính - Kế hoạch"}, units: []string{"phong-tai-chinh-ke-hoach"}},
		{id: "II.7", deadline: "2025-11-25", kind: chidao.DeadlineBy, dtext: "chậm nhất ngày 25/11/2025",
			assignees: []string{"Phòng Kinh tế và Hạ tầng"}, units: []string{"phong-kinh-te-ha-tang"}},
		{id: "II.8", deadline: "2025-11-20", kind: chidao.DeadlineBefore, dtext: "trước ngày 20/11/2025",
			assignees: []string{"các phòng: Nội vụ, Tư pháp, Y tế"}, units: []string{"phong-noi-vu", "phong-tu-phap", "phong-y-te"}},
		{id: "III", assignees: []string{"Văn phòng HĐND và UBND huyện"}, units: []string{"van-phong"}},
	})
}

// TestAssignedToRecipients shows a task naming no unit as given to the
// recipient units only: never the district's leaders or bodies outside the
// units that the directive is also sent to.
func TestAssignedToRecipients(t *testing.T) {
	units := testUnits(t)
	p := NewParser(units, testGroups()...)
	const text = "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 12/KH-UBND\n\nVăn Quan, ngày 3 tháng 3 năm 2025\n\nKẾ HOẠCH\nPhòng, chống dịch bệnh\n\n" +
		"1. Tổ chức tuyên truyền phòng, chống dịch bệnh trước ngày 30/3/2025.\n\n2. Phòng Y tế chủ trì kiểm tra.\n\n" +
		"Nơi nhận:\n- TT Huyện ủy;\n- TT HĐND huyện;\n- CT, các PCT UBND huyện;\n- UBMTTQ VN huyện;\n- Các cơ quan, đơn vị trực thuộc UBND huyện;\n- UBND các xã, thị trấn;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nHoàng Văn Bình"
	d, err := p.ParseText("", text)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Units, unitsOf(units, "phong-chuyen-mon", "xa-thi-tran"); !slices.Equal(got, want) {
		t.Errorf("units = %v, want %v", got, want)
	}
	s := FormatTask(d, d.Tasks[0], p.Resolver())
	if !strings.Contains(s, "👥 Giao: các đơn vị nhận văn bản (Các cơ quan, đơn vị trực thuộc UBND huyện; UBND các xã, thị trấn)") ||
		strings.Contains(s, "PCT") || strings.Contains(s, "Huyện ủy") || strings.Contains(s, "UBMTTQ") {
		t.Errorf("task 1 is shown as given to:\n%s", s)
	}
	// Units that are no recipient line: their groups and names.
	if got := unitPhrases(d, append(unitsOf(units, "xa-thi-tran"), "phong-y-te"), p.Resolver()); !slices.Equal(got, []string{"UBND các xã, thị trấn", "Phòng Y tế"}) {
		t.Errorf("unitPhrases = %q", got)
	}
}

// TestDecisionActsAndTelegrams gives no unit the acts of a decision's
// articles ("Ban hành kèm theo …", "Quyết định này có hiệu lực …") and
// reads the addressees of a công điện ("CHỦ TỊCH UBND HUYỆN điện:").
func TestDecisionActsAndTelegrams(t *testing.T) {
	units := testUnits(t)
	p := NewParser(units, testGroups()...)
	d, err := p.ParseText("", "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 70/QĐ-UBND\n\nVăn Quan, ngày 2 tháng 6 năm 2025\n\nQUYẾT ĐỊNH\nBan hành Kế hoạch cải cách hành chính\n\n"+
		"Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2025.\n\n"+
		"Điều 2. Giao Phòng Nội vụ theo dõi, báo cáo trước ngày 10/12/2025.\n\n"+
		"Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n\n"+
		"Điều 4. Chánh Văn phòng HĐND và UBND huyện; Thủ trưởng các cơ quan, đơn vị có liên quan; Chủ tịch UBND các xã, thị trấn chịu trách nhiệm thi hành Quyết định này./.\n\n"+
		"Nơi nhận:\n- Như Điều 4;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nHoàng Văn Bình")
	if err != nil {
		t.Fatal(err)
	}
	executors := append([]string{"van-phong"}, unitsOf(units, "xa-thi-tran")...)
	checkTasks(t, d, []wantTask{
		{id: "1", units: []string{}},
		{id: "2", deadline: "2025-12-10", kind: chidao.DeadlineBefore, dtext: "trước ngày 10/12/2025", assignees: []string{"Phòng Nội vụ"}, units: []string{"phong-noi-vu"}},
		{id: "3", units: []string{}},
		{id: "4", assignees: []string{"Văn phòng HĐND và UBND huyện", "các cơ quan, đơn vị", "Chủ tịch UBND các xã, thị trấn"}, units: executors},
	})

	d, err = p.ParseText("", "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 03/CĐ-UBND\n\nVăn Quan, ngày 18 tháng 7 năm 2025\n\nCÔNG ĐIỆN\nVề việc ứng phó với mưa lũ\n\n"+
		"CHỦ TỊCH UBND HUYỆN điện:\n\n- Chủ tịch UBND các xã, thị trấn;\n- Thủ trưởng các cơ quan, đơn vị thuộc UBND huyện.\n\n"+
		"Để chủ động ứng phó, Chủ tịch UBND huyện yêu cầu:\n\n1. Rà soát khu vực có nguy cơ sạt lở, hoàn thành trước 17 giờ ngày 19/7/2025.\n\n"+
		"2. Công an huyện sẵn sàng lực lượng hỗ trợ người dân.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nHoàng Văn Bình")
	if err != nil {
		t.Fatal(err)
	}
	all := unitsOf(units, "phong-chuyen-mon", "xa-thi-tran")
	if !slices.Equal(d.Units, all) {
		t.Errorf("công điện units = %v, want every department and commune", d.Units)
	}
	checkTasks(t, d, []wantTask{
		{id: "1", deadline: "2025-07-19", kind: chidao.DeadlineBy, dtext: "trước 17 giờ ngày 19/7/2025"},
		{id: "2", assignees: []string{"Công an huyện"}, units: []string{}},
	})
}

// TestRecipientsEndAndClosing ends "Kính gửi" at the full stop closing its
// list, not at the body's first short sentence, and keeps as tasks the
// body's paragraphs that give a deadline, whatever they open or end with.
func TestRecipientsEndAndClosing(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	d, err := p.ParseText("", "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 10/UBND-VP\nV/v công khai TTHC\n\nKính gửi: Văn phòng HĐND và UBND huyện; Phòng Nội vụ.\n\n"+
		"Đề nghị các cơ quan, đơn vị rà soát danh mục TTHC, gửi Phòng Nội vụ trước ngày 25/10/2025.\n\n"+
		"Giao Văn phòng HĐND và UBND huyện niêm yết công khai các TTHC, báo cáo Chủ tịch UBND huyện trước ngày 05/11./.\n\n"+
		"Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nVi Văn Thắng")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(d.Recipients, []string{"Văn phòng HĐND và UBND huyện", "Phòng Nội vụ"}) {
		t.Errorf("recipients = %q", d.Recipients)
	}
	// Two paragraphs giving tasks to two units are two tasks.
	if len(d.Tasks) != 2 || !strings.HasPrefix(d.Tasks[0].Text, "Đề nghị các cơ quan") || !strings.HasSuffix(d.Tasks[1].Text, "trước ngày 05/11") {
		t.Errorf("tasks = %+v", d.Tasks)
	}
	// A closing sentence stays out of the last task.
	d, err = p.ParseText("", "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 11/UBND-VP\nV/v thử\n\nKính gửi:\n- Phòng Nội vụ;\n- Phòng Tư pháp.\n\n"+
		"1. Phòng Nội vụ rà soát biên chế trước ngày 20/11/2025.\n\n2. Phòng Tư pháp rà soát văn bản.\n\nĐề nghị các cơ quan, đơn vị nghiêm túc thực hiện./.")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Tasks) != 2 || strings.Contains(d.Tasks[1].Text, "nghiêm túc") {
		t.Errorf("tasks = %+v", d.Tasks)
	}
}
