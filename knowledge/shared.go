package knowledge

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// sharedRe matches the folded start of a paragraph giving a deadline to
// the items above it: "Các nội dung trên hoàn thành trước ngày …",
// "Thời gian hoàn thành các nhiệm vụ nêu trên: …".
var sharedRe = regexp.MustCompile(`^(?:(?:toan bo\s+)?(?:cac|nhung) (?:noi dung|nhiem vu|viec|cong viec|yeu cau|chi tieu)(?: neu)? tren|thoi (?:gian|han) (?:hoan thanh|thuc hien|bao cao)(?: (?:cac|nhung) (?:noi dung|nhiem vu|viec)(?: neu)? tren)?\s*:)`)

// sharedAboveRe finds the words naming the items above a paragraph near
// its start: "Các đơn vị hoàn thành các nội dung nêu trên trước ngày …".
var sharedAboveRe = regexp.MustCompile(`\b(?:cac|nhung) (?:noi dung|nhiem vu|viec|cong viec|yeu cau|chi tieu)(?: neu| noi)? tren\b`)

// sharedAt reports whether a folded paragraph after some items may give
// them a deadline: it opens with sharedRe, or names "the items above"
// (sharedAboveRe) within its first words; "Thời gian hoàn thành: …"
// without "trên" gives one when it closes the text (last).
func sharedAt(f string, last bool) bool {
	if m := sharedRe.FindStringIndex(f); m != nil && (last || strings.Contains(f[:m[1]], "tren")) {
		return true
	}
	head := f[:min(len(f), 100)]
	return strings.Contains(head, "tren") && sharedAboveRe.MatchString(head)
}

// sharedDL is a deadline a paragraph after some items gives them all.
type sharedDL struct {
	scope *node // the items' parent; nil for the whole text
	last  *node // the item the paragraph stands in
	under *node // when set, only the items under this article
	dl    deadline
	// strong: the paragraph gives the deadline to the items "not given
	// one" in so many words; it wins over a later date their heading
	// gives ("… 6 tháng cuối năm 2025").
	strong bool
}

// articleDeadlineRe matches the folded sentence of a decision's article
// giving the tasks of another article without a deadline one: "Các nhiệm
// vụ tại Điều 1 chưa ghi thời hạn cụ thể phải hoàn thành trước ngày …".
var articleDeadlineRe = regexp.MustCompile(`(?:^|\.\s+)((?:cac|nhung) (?:nhiem vu|noi dung|viec|cong viec)(?: (?:tai|o|neu tai|quy dinh tai|giao tai))? dieu (\d{1,2})\b[^.]{0,40}?\bchua (?:ghi|co|xac dinh|quy dinh|neu)(?: ro)? (?:thoi han|han|thoi gian)[^.]*\.?)`)

// articleDeadline reads an article giving another article's tasks a
// deadline (articleDeadlineRe). It returns the shared deadline and the
// article's first paragraph without that sentence.
func articleDeadline(all []*node, n *node, c dateContext) (sharedDL, string, bool) {
	para := n.paras[0]
	f := Fold(para)
	m := articleDeadlineRe.FindStringSubmatchIndex(f)
	if m == nil {
		return sharedDL{}, "", false
	}
	var target *node
	for _, a := range all {
		if a.rank == 0 && a.label == f[m[4]:m[5]] && a != n {
			target = a
		}
	}
	if target == nil {
		return sharedDL{}, "", false
	}
	sentence, rest := f[m[2]:m[3]], para
	if start, end, ok := foldedSpan(para, sentence); ok {
		rs := []rune(para)
		sentence = string(rs[start:end])
		rest = strings.TrimSpace(string(rs[:start]) + string(rs[end:]))
	}
	dl := findDeadline(sentence, c)
	if dl.date.IsZero() && dl.recur == "" {
		return sharedDL{}, "", false
	}
	return sharedDL{last: n, under: target, dl: dl, strong: true}, rest, true
}

// foldedSpan finds in s the runes whose folded form is sub, when the runes
// of s fold one to one; start and end are rune indexes.
func foldedSpan(s, sub string) (start, end int, ok bool) {
	fr := []rune(Fold(s))
	if len([]rune(s)) != len(fr) {
		return 0, 0, false
	}
	k := strings.Index(string(fr), sub)
	if k < 0 {
		return 0, 0, false
	}
	start = len([]rune(string(fr)[:k]))
	return start, start + len([]rune(sub)), true
}

// headBytes returns the first n bytes of s at most, cut at a rune's start.
func headBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// maxShared bounds the shared deadlines of a text: each leaf looks
// through them.
const maxShared = 16

// sharedList is the shared deadlines of a text.
type sharedList []sharedDL

// of returns the shared deadline of a leaf: of the nearest paragraph at or
// after it giving one to its scope.
func (l sharedList) of(n *node) sharedDL {
	for _, s := range l {
		if s.under != nil {
			for a := n; a != nil; a = a.parent {
				if a == s.under {
					return s
				}
			}
			continue
		}
		if n.order > s.last.order {
			continue
		}
		for a := n; a != nil; a = a.parent {
			if a.parent == s.scope {
				return s
			}
		}
	}
	return sharedDL{}
}

// sharedDeadlines finds the paragraphs after the first of an item that
// give a deadline to the items above (sharedRe), removes them from the
// item and returns them in text order. A paragraph "Thời gian hoàn
// thành: …" without "trên" gives it only when it closes the text.
func sharedDeadlines(all []*node, c dateContext) sharedList {
	var out sharedList
	for i, n := range all {
		n.order = i
		if n.rank == 0 && len(out) < maxShared {
			if sd, rest, ok := articleDeadline(all, n, c); ok {
				out = append(out, sd)
				n.paras[0], n.dl = rest, nil
			}
		}
		kept := n.paras[:1]
		for k := 1; k < len(n.paras); k++ {
			para := n.paras[k]
			if !strings.HasPrefix(para, "- ") && len(para) >= 20 && sharedAt(Fold(headBytes(para, 160)), i == len(all)-1 && k == len(n.paras)-1) {
				if dl := findDeadline(para, c); !dl.date.IsZero() || dl.recur != "" {
					// After the text's last item, the items above are
					// all of them.
					scope := n.parent
					if i == len(all)-1 {
						scope = nil
					}
					if len(out) < maxShared {
						out = append(out, sharedDL{scope: scope, last: n, dl: dl})
					}
					n.dl = nil
					continue
				}
			}
			kept = append(kept, para)
		}
		n.paras = kept
	}
	return out
}
