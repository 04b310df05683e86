package reminders

import (
	"sort"
	"strings"
	"testing"
	"time"

	"chidao"
	"chidao/configs"
	"chidao/store"
)

// The two directives of ../shared/eval/dev, written out as the parser should
// read them, so these tests do not depend on the parser.

const (
	vanquanID = "cong-van-2024-c5d2e4"
	planID    = "52-kh-ubnd-20250210"
)

func loadLoc(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatalf("load Asia/Ho_Chi_Minh: %v", err)
	}
	return loc
}

// district is the sample district of configs/units.yaml.
type district struct {
	units []chidao.Unit
	phong []string // "các phòng chuyên môn"
	xa    []string // "UBND các xã, thị trấn"
}

func sampleDistrict(t testing.TB) district {
	t.Helper()
	units, err := configs.DefaultUnits()
	if err != nil {
		t.Fatalf("sample units: %v", err)
	}
	d := district{units: units}
	for _, u := range units {
		if u.InGroup("phong-chuyen-mon") {
			d.phong = append(d.phong, u.Code)
		}
		if u.InGroup("xa-thi-tran") {
			d.xa = append(d.xa, u.Code)
		}
	}
	if len(d.phong) == 0 || len(d.xa) == 0 {
		t.Fatalf("sample district has no departments or communes: %v", units)
	}
	return d
}

func (d district) all() []string { return append(append([]string(nil), d.phong...), d.xa...) }

// vanquanDirective is vanquan-cchc-2024.md: a draft công văn of June 2024
// (the day left blank) with seven tasks; task 5 is due "trước ngày
// 07/6/2024", 6 and 7 go to named offices.
func vanquanDirective(dist district) *chidao.Directive {
	all := dist.all()
	task := func(id, text string) chidao.Task {
		return chidao.Task{ID: id, Text: text, AssigneeUnits: all}
	}
	t5 := task("5", "Căn cứ chức năng, nhiệm vụ được giao, các cơ quan, đơn vị, UBND các xã, thị trấn khẩn trương xây dựng kế hoạch nâng cao các chỉ số (SIPAS, PAR INDEX, PAPI) năm 2024 nhằm khắc phục những chỉ số chưa đạt điểm, điểm thấp, giảm thứ hạng và phát huy những chỉ số có thứ hạng cao bảo đảm hiệu quả và đúng tiến độ đề ra. Thời gian hoàn thành việc ban hành kế hoạch trước ngày 07/6/2024.")
	t5.Deadline, t5.DeadlineKind, t5.DeadlineText = chidao.NewDate(2024, 6, 7), chidao.DeadlineBefore, "trước ngày 07/6/2024"
	return &chidao.Directive{
		ID: vanquanID, Number: "/UBND-NV", Kind: "Công văn", Issuer: "UBND huyện Văn Quan", Place: "Văn Quan",
		IssuedText: "ngày tháng 6 năm 2024", Year: 2024,
		Subject:    "V/v triển khai Thông báo số 227/TB-UBND ngày 25/5/2024 của Chủ tịch UBND tỉnh Lạng Sơn",
		Recipients: []string{"Các phòng chuyên môn trực thuộc UBND huyện;", "UBND các xã, thị trấn."},
		Units:      all,
		Tasks: []chidao.Task{
			task("1", "Nâng cao vai trò của các thành viên Ban Chỉ đạo CCHC các cấp huyện, cấp xã trong công tác lãnh đạo, chỉ đạo công tác CCHC."),
			task("2", "Tăng cường, đổi mới phương pháp tuyên truyền về CCHC."),
			task("3", "Triển khai thực hiện có hiệu quả Phong trào thi đua “Đẩy mạnh hiện đại hoá Bộ phận Một cửa cấp huyện, cấp xã trên địa bàn huyện Văn Quan”."),
			task("4", "Tăng cường công tác tự kiểm tra, giám sát đánh giá việc triển khai thực hiện nhiệm vụ CCHC tại các cơ quan, đơn vị."),
			t5,
			{ID: "6", Text: "Giao Phòng Nội vụ huyện tham mưu đánh giá, xếp loại thực hiện nhiệm vụ, đánh giá cán bộ, công chức, viên chức hằng năm.",
				Recurrence: chidao.RecurYearly, Assignees: []string{"Phòng Nội vụ huyện"}, AssigneeUnits: []string{"phong-noi-vu"}},
			{ID: "7", Text: "Giao Văn phòng HĐND và UBND huyện tham mưu UBND huyện lựa chọn, bố trí cán bộ, công chức tại Bộ phận Một cửa.",
				Recurrence: chidao.RecurOngoing, Assignees: []string{"Văn phòng HĐND và UBND huyện"}, AssigneeUnits: []string{"van-phong"}},
		},
		Signer: chidao.Signer{Name: "Triệu Đức Dũng", Title: "PHÓ CHỦ TỊCH", Authority: "KT. CHỦ TỊCH"},
	}
}

// planDirective is synthetic-kehoach-cds-2025.md: Kế hoạch 52/KH-UBND of
// 10/02/2025 with I./II./III. sections, a date without a year (II.1.b), a
// monthly deadline (II.3.a), a quarterly one (III.1) and a task for the
// communes only (III.3).
func planDirective(dist district) *chidao.Directive {
	all := dist.all()
	return &chidao.Directive{
		ID: planID, Number: "52/KH-UBND", Kind: "Kế hoạch", Issuer: "UBND huyện Văn Quan", Place: "Văn Quan",
		Issued: chidao.NewDate(2025, 2, 10), IssuedText: "ngày 10 tháng 02 năm 2025", Year: 2025,
		Subject: "Triển khai công tác chuyển đổi số trên địa bàn huyện năm 2025",
		Units:   all,
		Tasks: []chidao.Task{
			{ID: "I.1", Text: "Nâng cao nhận thức của cán bộ, công chức, viên chức và người dân về chuyển đổi số.", AssigneeUnits: all},
			{ID: "I.2", Text: "Bảo đảm 100% hồ sơ thủ tục hành chính được tiếp nhận, xử lý trên Hệ thống thông tin giải quyết TTHC của tỉnh.", AssigneeUnits: all},
			{ID: "II.1.a", Text: "Rà soát, ban hành quy chế quản lý, vận hành, khai thác hệ thống quản lý văn bản và điều hành tại các cơ quan, đơn vị. Hoàn thành trước ngày 15/3/2025.",
				Deadline: chidao.NewDate(2025, 3, 15), DeadlineKind: chidao.DeadlineBefore, DeadlineText: "trước ngày 15/3/2025", AssigneeUnits: all},
			{ID: "II.1.b", Text: "Xây dựng danh mục dữ liệu dùng chung của huyện, hoàn thành chậm nhất ngày 30/6.",
				Deadline: chidao.Date{Month: time.June, Day: 30}, DeadlineKind: chidao.DeadlineBy, DeadlineText: "chậm nhất ngày 30/6", AssigneeUnits: all},
			{ID: "II.2.a", Text: "Phòng Văn hóa và Thông tin chủ trì, phối hợp với Viễn thông Lạng Sơn rà soát vùng lõm sóng di động trên địa bàn, báo cáo UBND huyện trong tháng 4/2025.",
				Deadline: chidao.NewDate(2025, 4, 30), DeadlineKind: chidao.DeadlineBy, DeadlineText: "trong tháng 4/2025",
				Assignees: []string{"Phòng Văn hóa và Thông tin"}, AssigneeUnits: []string{"phong-van-hoa-thong-tin"}},
			{ID: "II.2.b", Text: "UBND các xã, thị trấn bố trí điểm truy cập Internet công cộng tại nhà văn hóa thôn; hoàn thành trong Quý III/2025.",
				Deadline: chidao.NewDate(2025, 9, 30), DeadlineKind: chidao.DeadlineBy, DeadlineText: "trong Quý III/2025",
				Assignees: []string{"UBND các xã, thị trấn"}, AssigneeUnits: dist.xa},
			{ID: "II.3.a", Text: "Các cơ quan, đơn vị báo cáo kết quả số hóa hồ sơ, kết quả giải quyết thủ tục hành chính trước ngày 20 hằng tháng, gửi Phòng Nội vụ tổng hợp.",
				DeadlineKind: chidao.DeadlineBefore, DeadlineText: "trước ngày 20 hằng tháng", Recurrence: chidao.RecurMonthly, RecurDay: 20, AssigneeUnits: all},
			{ID: "II.3.b", Text: "Thực hiện ký số 100% văn bản đi (trừ văn bản mật) trên hệ thống quản lý văn bản và điều hành.", AssigneeUnits: all},
			{ID: "III.1", Text: "Phòng Văn hóa và Thông tin là cơ quan thường trực, tham mưu UBND huyện theo dõi, đôn đốc thực hiện Kế hoạch; tổng hợp báo cáo kết quả định kỳ hằng quý.",
				DeadlineText: "định kỳ hằng quý", Recurrence: chidao.RecurQuarterly,
				Assignees: []string{"Phòng Văn hóa và Thông tin"}, AssigneeUnits: []string{"phong-van-hoa-thong-tin"}},
			{ID: "III.2", Text: "Phòng Tài chính - Kế hoạch tham mưu bố trí kinh phí thực hiện Kế hoạch, báo cáo UBND huyện trước ngày 31/3/2025.",
				Deadline: chidao.NewDate(2025, 3, 31), DeadlineKind: chidao.DeadlineBefore, DeadlineText: "trước ngày 31/3/2025",
				Assignees: []string{"Phòng Tài chính - Kế hoạch"}, AssigneeUnits: []string{"phong-tai-chinh-ke-hoach"}},
			{ID: "III.3", Text: "UBND các xã, thị trấn căn cứ Kế hoạch này xây dựng kế hoạch của địa phương, gửi về UBND huyện (qua Phòng Văn hóa và Thông tin) trước ngày 28/02/2025.",
				Deadline: chidao.NewDate(2025, 2, 28), DeadlineKind: chidao.DeadlineBefore, DeadlineText: "trước ngày 28/02/2025",
				Assignees: []string{"UBND các xã, thị trấn"}, AssigneeUnits: dist.xa},
		},
		Signer: chidao.Signer{Name: "Nguyễn Văn Ví Dụ", Title: "CHỦ TỊCH", Authority: "TM. ỦY BAN NHÂN DÂN"},
	}
}

// newState returns a state with the directives and the sample district, no
// members, no follow-up yet.
func newState(dist district, ds ...*chidao.Directive) State {
	st := State{Directives: ds, Units: dist.units, FollowUps: map[string]store.FollowUp{}}
	for _, d := range ds {
		st.FollowUps[d.ID] = store.FollowUp{Extensions: map[string]chidao.Date{}}
	}
	return st
}

// dueKey is a Due in one comparable line.
func dueKey(x Due) string {
	return strings.Join([]string{x.Directive, x.Task, x.Unit, x.Stage, x.Due.String(), x.Occurrence}, " ")
}

func dueKeys(xs []Due) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = dueKey(x)
	}
	sort.Strings(out)
	return out
}

// want builds the expected keys of one stage of one task for several units.
func want(directive, task, stage, due, occurrence string, units ...string) []string {
	out := make([]string, len(units))
	for i, u := range units {
		out[i] = strings.Join([]string{directive, task, u, stage, due, occurrence}, " ")
	}
	return out
}

func without(units []string, drop ...string) []string {
	var out []string
	for _, u := range units {
		keep := true
		for _, d := range drop {
			if u == d {
				keep = false
			}
		}
		if keep {
			out = append(out, u)
		}
	}
	return out
}
