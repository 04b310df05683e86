package knowledge

import (
	"regexp"
	"strings"
)

// A docKind is one kind of administrative document: its name, the title
// it is headed with (folded), the code its number carries ("227/TB-UBND"),
// the short forms people type for it, and whether it gives units tasks to
// act on. A Tờ trình (a submission upward) and a Báo cáo (a report upward)
// do not: they are read and may be kept for questions, never sent as a
// directive, and give no tasks, deadlines or reminders.
type docKind struct {
	name    string
	heading string
	code    string
	short   []string
	acts    bool
}

// docKinds are the kinds of documents the office handles (Nghị định
// 30/2020/NĐ-CP, Phụ lục III), the first for a code or heading found
// winning.
var docKinds = []docKind{
	{"Công văn", "cong van", "", []string{"cv"}, true},
	{"Kế hoạch", "ke hoach", "KH", []string{"kh"}, true},
	{"Thông báo", "thong bao", "TB", []string{"tb"}, true},
	{"Quyết định", "quyet dinh", "QĐ", []string{"qd"}, true},
	{"Chỉ thị", "chi thi", "CT", []string{"ct"}, true},
	{"Công điện", "cong dien", "CĐ", []string{"cd"}, true},
	{"Giấy mời", "giay moi", "GM", []string{"gm"}, true},
	{"Hướng dẫn", "huong dan", "HD", []string{"hd"}, true},
	{"Nghị quyết", "nghi quyet", "NQ", []string{"nq"}, true},
	{"Kết luận", "ket luan", "KL", []string{"kl"}, true},
	{"Chương trình", "chuong trinh", "CTr", []string{"ctr"}, true},
	{"Phương án", "phuong an", "PA", []string{"pa"}, true},
	{"Báo cáo", "bao cao", "BC", []string{"bc"}, false},
	{"Tờ trình", "to trinh", "TTr", []string{"ttr"}, false},
}

// kindNumRe finds the code of a document's kind in its number.
var kindNumRe = regexp.MustCompile(`/(KH|TB|QĐ|QD|CT|CTr|BC|TTr|HD|NQ|KL|CĐ|GM|PA)\b`)

// kindOfHeading returns the kind a folded title names ("ke hoach" →
// "Kế hoạch"), or "".
func kindOfHeading(folded string) string {
	for _, k := range docKinds {
		if k.heading == folded {
			return k.name
		}
	}
	return ""
}

// kindOfNumber returns the kind a number's code names ("TB" →
// "Thông báo"), or "".
func kindOfNumber(code string) string {
	if code == "QD" {
		code = "QĐ"
	}
	for _, k := range docKinds {
		if k.code != "" && k.code == code {
			return k.name
		}
	}
	return ""
}

// Acts reports whether a directive of this kind gives units tasks to act
// on: false for a Tờ trình and a Báo cáo, which are read for questions and
// never sent.
func Acts(kind string) bool {
	for _, k := range docKinds {
		if strings.EqualFold(k.name, kind) {
			return k.acts
		}
	}
	return true
}
