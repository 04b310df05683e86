package knowledge

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// assessmentRe matches the folded heading of a section that assesses what
// was done rather than giving tasks: "Đánh giá chung", "Kết quả đạt
// được", "Tình hình …", "Ưu điểm", "Hạn chế, tồn tại". In capitals a
// heading opening with "ĐÁNH GIÁ" or "KẾT QUẢ" will do (assessmentUpperRe):
// in a sentence's case those open tasks too ("Đánh giá, xếp loại …").
var (
	assessmentRe      = regexp.MustCompile(`^(?:ve\s+)?(?:danh gia (?:chung|ket qua|tinh hinh)|(?:mot so |nhung )?ket qua (?:dat duoc|thuc hien|trien khai)|tinh hinh|thuc trang|boi canh|uu diem|han che|ton tai|khuyet diem|nguyen nhan|kiem diem)\b`)
	assessmentUpperRe = regexp.MustCompile(`^(?:ve\s+)?(?:danh gia|(?:mot so |nhung )?ket qua)\b`)
	// taskHeadingRe finds words that make a heading open tasks even when
	// it opens as an assessment: "TÌNH HÌNH VÀ NHIỆM VỤ …".
	taskHeadingRe = regexp.MustCompile(`\b(?:nhiem vu|giai phap|phuong huong|de xuat|kien nghi|to chuc thuc hien)\b`)
)

// assessed reports whether a node stands in a section assessing what was
// done: under a top-level heading (assessmentRe) alone on its line or
// before a colon, whose items are context rather than tasks.
func assessed(n *node) bool {
	for n.parent != nil {
		n = n.parent
	}
	if n.rank == 0 || len(n.paras) == 0 {
		return false
	}
	h := strings.TrimSpace(stripMarks(n.paras[0]))
	if k := strings.IndexByte(h, ':'); k > 0 && k < 60 {
		h = h[:k] // "Đánh giá chung: Trong tháng 8, …"
	} else if head, ok := runInHeading(h); ok {
		h = head // "Đánh giá chung Trong 5 tháng đầu năm, …"
	} else if len(n.paras) < 2 && len(n.children) == 0 {
		return false
	}
	if len(h) > 120 {
		return false
	}
	f := strings.TrimRight(Fold(h), " .:")
	// "KẾT QUẢ THỰC HIỆN NHIỆM VỤ …" assesses the tasks done; "… VÀ
	// NHIỆM VỤ …" also gives new ones.
	rest := strings.Replace(strings.Replace(f, "thuc hien cac nhiem vu", "", 1), "thuc hien nhiem vu", "", 1)
	if len(strings.Fields(f)) > 12 || taskHeadingRe.MatchString(rest) {
		return false
	}
	return assessmentRe.MatchString(f) || isUpper(h) && assessmentUpperRe.MatchString(f)
}

// runInHeading returns the assessment heading a paragraph opens with when
// the text after it was run into it, as a .txt file's lines are: "Đánh giá
// chung Trong 5 tháng đầu năm 2025, …" (a capital after the heading).
func runInHeading(p string) (string, bool) {
	words := strings.Fields(headBytes(p, 80))
	for k := 2; k <= 5 && k < len(words); k++ {
		r, _ := utf8.DecodeRuneInString(words[k])
		if !unicode.IsUpper(r) {
			continue
		}
		head := strings.Join(words[:k], " ")
		if f := Fold(head); assessmentRe.FindString(f) == f {
			return head, true
		}
	}
	return "", false
}

// purposeRe matches the folded heading of a plan's purpose or targets:
// "MỤC ĐÍCH, YÊU CẦU", "Mục đích", "Yêu cầu", "MỤC TIÊU", "CHỈ TIÊU".
var purposeRe = regexp.MustCompile(`^(?:muc dich|yeu cau|muc tieu|chi tieu)(?:\s*(?:,|va)\s*(?:muc dich|yeu cau|muc tieu|chi tieu))?(?:\s+(?:chung|cu the|chu yeu))?\s*[.:]?$`)

// purpose reports whether a node stands under a plan's purpose heading:
// what it says is what the plan aims at, no unit's task.
func purpose(n *node) bool {
	for a := n; a != nil; a = a.parent {
		if a.purpose == 0 {
			a.purpose = -1
			if h := strings.TrimSpace(stripMarks(a.paras[0])); len(h) <= 40 && purposeRe.MatchString(Fold(h)) {
				a.purpose = 1
			}
		}
		if a.purpose > 0 {
			return true
		}
	}
	return false
}

// fundingRe matches the folded heading of a section saying where the money
// comes from: "KINH PHÍ THỰC HIỆN", "Nguồn kinh phí", "Dự toán kinh phí".
var fundingRe = regexp.MustCompile(`^(?:ve\s+)?(?:nguon\s+|du toan\s+)?kinh phi(?:\s+(?:thuc hien|hoat dong|dam bao|to chuc))?(?:\s+(?:ke hoach|chuong trinh|de an))?\s*[.:]?$`)

// funding reports whether a leaf stands in a section saying where the
// money comes from ("III. KINH PHÍ THỰC HIỆN") and gives no unit a task:
// what it says is no one's to do. "Giao Phòng Tài chính - Kế hoạch bố trí
// kinh phí" under such a heading is a task.
func (p *Parser) funding(n *node) bool {
	for a := n; a != nil; a = a.parent {
		h := strings.TrimSpace(stripMarks(a.paras[0]))
		if len(h) > 80 || !fundingRe.MatchString(Fold(h)) {
			continue
		}
		text := n.paras
		if n == a {
			text = text[1:]
		}
		for _, t := range text {
			if as := p.r.findAssignees(foldMapped(stripMarks(t))); len(as.codes) > 0 || as.all {
				return false
			}
		}
		return true
	}
	return false
}

// effectRe matches the folded text of an item saying only when the
// directive takes effect ("Quyết định này có hiệu lực kể từ ngày ký.") or
// what a decision itself does ("Ban hành kèm theo Quyết định này Kế hoạch
// …", "Phê duyệt …", "Thành lập …"): no unit's task.
var (
	effectRe = regexp.MustCompile(`^(?:quyet dinh|chi thi|ke hoach|nghi quyet|quy che|van ban) nay co hieu luc(?: thi hanh)? (?:ke )?tu ngay[^.;\n]*\.?$`)
	// actRe is the act of an article (Điều) of a decision.
	actRe = regexp.MustCompile(`^(?:ban hanh kem theo|phe duyet|thanh lap|kien toan|cong nhan|bai bo)\s[^;\n]*\.?$`)
)

// executorsRe finds the words of a decision's article naming who
// executes it: "… chịu trách nhiệm thi hành Quyết định này".
var executorsRe = regexp.MustCompile(`\b(?:chiu trach nhiem )?thi hanh (?:quyet dinh|nghi quyet|chi thi)\b`)
