package knowledge

import (
	"strings"
	"testing"

	"chidao"
)

// TestQuestionPatterns asks, of directives written for these tests, the
// kinds of questions the held-out evaluation found answered wrong: item
// numbers written the legal way, a date among several in one task, tasks
// due in a month, a unit given no task, a question whose words are spread
// over several tasks.
func TestQuestionPatterns(t *testing.T) {
	units := testUnits(t)
	p := NewParser(units, testGroups()...)
	small := func(text string) *chidao.Directive {
		d, err := p.ParseText("", text)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	docs := map[string]*chidao.Directive{
		"tb": parseFile(t, "testdata/tb-so-ket-quy3-2025.md"),
		"qd": parseFile(t, "testdata/qd-ban-chi-dao-2025.md"),
		"to": parseFile(t, "testdata/qd-to-kiem-tra-atvstp-2025.txt"),
		"dd": small("ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 7/QĐ-UBND\n\nVăn Quan, ngày 2 tháng 6 năm 2025\n\nQUYẾT ĐỊNH\nVề việc giao nhiệm vụ\n\n" +
			"Điều 1. Giao nhiệm vụ như sau:\n\nd) Phòng Nội vụ rà soát biên chế trước ngày 10/7/2025.\n\nđ) Phòng Tư pháp rà soát văn bản trước ngày 20/7/2025.\n\n" +
			"Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
		"ht": small("ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 8/UBND-TCKH\nV/v khắc phục thiệt hại do thiên tai\n\nKính gửi: Phòng Tài chính - Kế hoạch; Phòng Nội vụ.\n\n" +
			"1. Giao Phòng Tài chính - Kế hoạch chi trả tiền hỗ trợ cho các hộ dân bị thiệt hại do thiên tai trước ngày 30/6/2025.\n\n" +
			"2. Phòng Nội vụ phối hợp với Kho bạc Nhà nước rà soát biên chế./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nVi Văn Thắng"),
		"pd": small("ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 9/KH-UBND\n\nVăn Quan, ngày 3 tháng 10 năm 2025\n\nKẾ HOẠCH\nHưởng ứng Ngày Pháp luật\n\n" +
			"1. Tổ chức cuộc thi tìm hiểu pháp luật trực tuyến từ ngày 01/11/2025 đến ngày 30/11/2025.\n\n2. Phòng Tư pháp tổng kết cuộc thi trước ngày 15/12/2025."),
		"ev": small("ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 11/KH-UBND\n\nVăn Quan, ngày 5 tháng 8 năm 2025\n\nKẾ HOẠCH\nThời gian năm học 2025-2026\n\n" +
			"1. Tựu trường các cấp học: ngày 25/8/2025 (thứ Hai). Riêng lớp 1 tựu trường ngày 18/8/2025 (thứ Hai).\n\n" +
			"2. Tổ chức khai giảng năm học mới: ngày 05/9/2025 (thứ Sáu).\n\n" +
			"3. Các trường báo cáo số liệu đầu năm trước ngày 20/9/2025."),
		"ph": small("ỦY BAN MTTQ VIỆT NAM\nXÃ AN SƠN\nSố: 3/KH-MTTQ\n\nAn Sơn, ngày 1 tháng 12 năm 2025\n\nKẾ HOẠCH\nKiểm tra, giám sát công tác bầu cử\n\n" +
			"I. NỘI DUNG VÀ THỜI GIAN\n\n1. Đợt 1: Từ ngày 05/12/2025 đến ngày 20/02/2026:\n\na) Kiểm tra việc tổ chức hội nghị cử tri ở các thôn.\n\nb) Giám sát việc lập danh sách cử tri.\n\n" +
			"2. Đợt 2: Từ ngày 23/02/2026 đến ngày 14/3/2026:\n\na) Kiểm tra công tác lấy ý kiến cử tri nơi cư trú.\n\nb) Giám sát việc giải quyết khiếu nại về danh sách cử tri."),
		"ab": small("ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 10/UBND-VP\nV/v công khai TTHC\n\nKính gửi: Văn phòng HĐND và UBND huyện; Phòng Nội vụ.\n\n" +
			"Đề nghị các cơ quan, đơn vị rà soát danh mục TTHC, gửi Phòng Nội vụ trước ngày 25/10/2025.\n\n" +
			"Giao Văn phòng HĐND và UBND huyện niêm yết công khai các TTHC, báo cáo Chủ tịch UBND huyện trước ngày 05/11/2025./.\n\n" +
			"Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nVi Văn Thắng"),
		"kq": small("ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 2101/QĐ-UBND\n\nVăn Quan, ngày 01 tháng 12 năm 2025\n\nQUYẾT ĐỊNH\nVề việc giao chỉ tiêu thu ngân sách\n\n" +
			"Điều 1. Giao chỉ tiêu thu ngân sách năm 2026 cho các xã, thị trấn.\n\nĐiều 2. Tổ chức thực hiện\n\n" +
			"1. Phòng Tài chính - Kế hoạch hướng dẫn, kiểm tra; báo cáo UBND huyện trước ngày 20/01/2026.\n\n2. UBND các xã, thị trấn:\n\n" +
			"a) Xây dựng phương án thu ngân sách, hoàn thành trước ngày 31/12/2025;\n\nb) Báo cáo kết quả thu hằng quý, trước ngày 20 tháng cuối quý.\n\n" +
			"Điều 3. Quyết định này có hiệu lực kể từ ngày ký."),
	}
	s := func(v string) *string { return &v }
	tests := []struct {
		doc, q, unit string
		items        []string // any one first; nil with found=false unless text
		deadline     *string
		text         string
		notFound     bool // found=false, and the answer says text
	}{
		// Item numbers: "điều 1 điểm c", "điều 1 mục b", "mục 6" under a
		// section, "đ" kept apart from "d", ids in their written case.
		{doc: "qd", q: "điều 1 điểm c", items: []string{"1.c"}},
		{doc: "qd", q: "dieu 1 muc b", items: []string{"1.b"}, deadline: s("2025-06-30")},
		{doc: "qd", q: "điểm a khoản 1", items: []string{"1.a"}},
		{doc: "dd", q: "Điều 1 mục đ", items: []string{"1.đ"}, deadline: s("2025-07-20")},
		{doc: "dd", q: "dieu 1 muc d", items: []string{"1.d"}, deadline: s("2025-07-10")},
		{doc: "dd", q: "1.đ", items: []string{"1.đ"}, deadline: s("2025-07-20")},
		{doc: "dd", q: "1.d", items: []string{"1.d"}, deadline: s("2025-07-10")},
		{doc: "kq", q: "điều 2 khoản 1", items: []string{"2.1"}, deadline: s("2026-01-20")},
		{doc: "kq", q: "khoản 2 điều 2", items: []string{"2.2"}}, // the clause asked, then its points
		{doc: "kq", q: "điểm b khoản 2 Điều 2", items: []string{"2.2.b"}},
		{doc: "kq", q: "ý b khoản 2 điều 2", items: []string{"2.2.b"}},
		{doc: "kq", q: "cho hỏi ý a của khoản 2 điều 2 ạ", items: []string{"2.2.a"}},
		{doc: "kq", q: "dieu 2 khoan 2 diem a han khi nao", items: []string{"2.2.a"}, deadline: s("2025-12-31")},
		{doc: "tb", q: "mục 6", items: []string{"II.6"}},
		{doc: "tb", q: "nhiem vu 7 han khi nao", items: []string{"II.7"}, deadline: s("2025-11-25")},
		{doc: "tb", q: "nhiệm vụ 9.c", text: "không có nhiệm vụ 9.c", notFound: true},
		// A date among several: the one the question's words are near.
		{doc: "tb", q: "hạn báo cáo ước thực hiện ngân sách năm", items: []string{"II.6"}, deadline: s("2025-12-05")},
		{doc: "tb", q: "hạn báo cáo quyết toán quý", items: []string{"II.6"}, deadline: s("2025-10-20")},
		{doc: "tb", q: "hội chợ nông sản tổ chức đến ngày nào", items: []string{"II.7"}, deadline: s("2025-11-14")},
		{doc: "tb", q: "hạn báo cáo kết quả hội chợ", items: []string{"II.7"}, deadline: s("2025-11-25")},
		{doc: "to", q: "tổ kiểm tra làm việc đến ngày nào", items: []string{"2"}, deadline: s("2025-09-30")},
		{doc: "to", q: "hạn báo cáo kết quả kiểm tra", items: []string{"2"}, deadline: s("2025-10-10")},
		// A period and no deadline: its end answers "đến ngày nào" only.
		{doc: "pd", q: "cuộc thi tìm hiểu pháp luật diễn ra đến ngày nào", items: []string{"1"}, deadline: s("2025-11-30")},
		{doc: "pd", q: "cuộc thi tìm hiểu pháp luật trực tuyến hạn khi nào", items: []string{"1"}, deadline: s(""), text: "không ghi hạn hoàn thành"},
		// The day something happens answers "ngày nào", "hôm nào", and is
		// no deadline: "hạn" is told there is none.
		{doc: "ev", q: "khai giảng năm học mới ngày nào", items: []string{"2"}, deadline: s("2025-09-05")},
		{doc: "ev", q: "lớp 1 tựu trường hôm nào", items: []string{"1"}, deadline: s("2025-08-18")},
		{doc: "ev", q: "hạn khai giảng năm học mới", items: []string{"2"}, deadline: s(""), text: "không ghi hạn hoàn thành"},
		{doc: "ev", q: "báo cáo số liệu đầu năm hạn khi nào", items: []string{"3"}, deadline: s("2025-09-20")},
		// A heading's period answers "kết thúc ngày nào" of its items,
		// with the heading; it is no deadline of theirs.
		{doc: "ph", q: "đợt 2 kiểm tra giám sát kết thúc ngày nào", items: []string{"I.2"}, deadline: s("2026-03-14")},
		{doc: "ph", q: "giám sát giải quyết khiếu nại về danh sách cử tri hạn khi nào", items: []string{"I.2.b"}, deadline: s(""), text: "không ghi thời hạn"},
		// Words a directive writes only as an abbreviation ("TTHC"); the
		// date nearest the words of a body of one paragraph.
		{doc: "ab", q: "niêm yết công khai thủ tục hành chính", items: []string{"2"}},
		{doc: "ab", q: "hạn văn phòng niêm yết công khai báo cáo chủ tịch", items: []string{"2"}, deadline: s("2025-11-05")},
		{doc: "ab", q: "hạn gửi danh mục thủ tục hành chính", items: []string{"1"}, deadline: s("2025-10-25")},
		// Tasks due in a span, by deadline.
		{doc: "tb", q: "việc nào hạn trong tháng 11", items: []string{"II.1"}, deadline: s("2025-11-15"), text: "II.2"},
		{doc: "tb", q: "những nhiệm vụ phải hoàn thành trong quý IV", items: []string{"II.6"}, deadline: s("2025-10-20")},
		{doc: "tb", q: "nhiệm vụ nào sắp đến hạn", items: []string{"II.6"}},
		// Units: its own tasks first; none for a unit given none.
		{doc: "tb", q: "đơn vị tôi phải làm gì", unit: "phong-tu-phap", items: []string{"II.8"}},
		{doc: "to", q: "Phòng Dân tộc phải làm gì?", text: "không giao nhiệm vụ cho Phòng Dân tộc", notFound: true},
		{doc: "tb", q: "trung tâm y tế phải làm gì", items: []string{"II.2"}, text: "Trung tâm Y tế huyện"},
		{doc: "tb", q: "cán bộ phòng y tế phải làm gì", items: []string{"II.8"}, text: "Phòng Y tế có"},
		{doc: "tb", q: "phòng kinh tế và hạ tầng báo cáo kết quả gì", items: []string{"II.7"}, text: "có 2 nhiệm vụ"}, // II.7, and II.4 for every unit
		{doc: "to", q: "ai là tổ trưởng tổ kiểm tra", items: []string{"1"}, text: "Vy Đức Long"},
		{doc: "to", q: "đơn vị tôi phải làm gì", unit: "xa-huu-le", items: []string{"3"}},
		// Words spread over several tasks are no answer; together they are.
		{doc: "ht", q: "Hỗ trợ hộ nghèo xây nhà bao nhiêu tiền?"},
		{doc: "ht", q: "chi trả tiền hỗ trợ hộ dân bị thiên tai", items: []string{"1"}, deadline: s("2025-06-30")},
	}
	for _, tt := range tests {
		ix := NewIndex(units, testGroups()...)
		ix.Add(docs[tt.doc])
		a := ix.Ask(Query{Text: tt.q, Unit: tt.unit})
		q := evalQuestion{Q: tt.q, ExpectItems: tt.items, ExpectDeadline: tt.deadline, hasDeadline: tt.deadline != nil, ExpectText: tt.text, Kind: "task_number"}
		if tt.items == nil && tt.text == "" {
			q.Kind = "not_in_doc"
		}
		if tt.notFound {
			if a.Found || !strings.Contains(a.Text, tt.text) {
				t.Errorf("[%s] %q: found=%v, want false and %q\n%s", tt.doc, tt.q, a.Found, tt.text, a.Text)
			}
			continue
		}
		if why := checkAnswer(q, a); why != "" {
			t.Errorf("[%s] %q: %s\n%s", tt.doc, tt.q, why, a.Text)
		}
	}
}

// TestQuestionsOverSeveralDirectives asks questions naming no directive of
// an index holding several: a task's number is looked for in each, a unit's
// tasks and the tasks due in a month are listed from each, newest first.
func TestQuestionsOverSeveralDirectives(t *testing.T) {
	units := testUnits(t)
	ix := NewIndex(units, testGroups()...)
	for _, f := range []string{"testdata/tb-so-ket-quy3-2025.md", "testdata/qd-ban-chi-dao-2025.md", "testdata/qd-to-kiem-tra-atvstp-2025.txt", "testdata/cv-giao-tnmt-2025.txt"} {
		ix.Add(parseFile(t, f))
	}
	tests := []struct {
		q, unit, directive string
		items              []string
		texts              []string
		not                []string
	}{
		// Two decisions have an Điều 3; the plan's "2" is not its section II.
		{q: "nhiệm vụ 3", directive: "1432-qd-ubnd-20250904", items: []string{"3"},
			texts: []string{"Có 2 văn bản có nhiệm vụ 3", "Quyết định số 1432/QĐ-UBND", "Quyết định số 1025/QĐ-UBND"}},
		{q: "nhiệm vụ 1", directive: "1432-qd-ubnd-20250904", texts: []string{"Có 3 văn bản có nhiệm vụ 1"}},
		// Of them, the one sent to the asker's unit.
		{q: "nhiệm vụ 3", unit: "phong-dan-toc", directive: "1025-qd-ubnd-20250520", items: []string{"3"}, not: []string{"Có 2 văn bản"}},
		// A commune's tasks: given to it or shared with it ("phối hợp với
		// UBND xã Hữu Lễ" in Công văn 318), not only mentioning it.
		{q: "đơn vị tôi phải làm gì", unit: "xa-huu-le", directive: "241-tb-ubnd-20251015", items: []string{"II.3", "II.4"},
			texts: []string{"trong 4 văn bản", "Quyết định số 1432/QĐ-UBND", "• 3. Quyết định này", "318/UBND-TNMT"}, not: []string{"• 1. Thành lập", "• 2. Quyết định này"}},
		{q: "đơn vị tôi phải làm gì", unit: "phong-dan-toc", directive: "241-tb-ubnd-20251015", items: []string{"II.4"},
			texts: []string{"trong 2 văn bản"}, not: []string{"1432/QĐ-UBND"}},
		{q: "việc nào hạn trong tháng 10", directive: "241-tb-ubnd-20251015", items: []string{"II.6", "II.4"},
			texts: []string{"Quyết định số 1432/QĐ-UBND", "2. Tổ kiểm tra"}},
		{q: "nhiệm vụ nào sắp đến hạn", directive: "241-tb-ubnd-20251015", texts: []string{"Các nhiệm vụ sắp đến hạn, trong 4 văn bản"}},
	}
	// A task of a directive not held is no task of another.
	if a := ix.Ask(Query{Text: "công văn 999 nhiệm vụ 2"}); a.Found || !strings.Contains(a.Text, "Chưa có văn bản số 999") {
		t.Errorf("công văn 999 nhiệm vụ 2: found=%v\n%s", a.Found, a.Text)
	}
	for _, tt := range tests {
		a := ix.Ask(Query{Text: tt.q, Unit: tt.unit})
		if a.Directive == nil || a.Directive.ID != tt.directive || !a.Found {
			t.Errorf("%q: directive %v found %v, want %s", tt.q, a.Directive, a.Found, tt.directive)
			continue
		}
		if tt.items != nil && strings.Join(a.Items, ",") != strings.Join(tt.items, ",") {
			t.Errorf("%q: items %q, want %q", tt.q, a.Items, tt.items)
		}
		for _, s := range tt.texts {
			if !strings.Contains(a.Text, s) {
				t.Errorf("%q: the answer lacks %q:\n%s", tt.q, s, a.Text)
			}
		}
		for _, s := range tt.not {
			if strings.Contains(a.Text, s) {
				t.Errorf("%q: the answer holds %q:\n%s", tt.q, s, a.Text)
			}
		}
	}
}
