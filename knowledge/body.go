package knowledge

import (
	"regexp"
	"strconv"
	"strings"
)

// directiveWords are words only a directive's tasks use, folded.
const directiveWords = "thuc hien|trien khai|bao cao|giao|chu tri|phoi hop|ubnd|uy ban|don vi|ke hoach|nhiem vu|truoc ngay|cham nhat|tham muu|co quan"

// isPreamble reports whether a folded paragraph opening a body without
// numbered items says what the directive rests on or announces what
// follows rather than giving a task: "Căn cứ …", "Thực hiện Công văn số …,
// UBND huyện có ý kiến như sau:", "Chủ tịch UBND huyện có ý kiến chỉ đạo
// như sau:" ("Giao Phòng A thực hiện các nội dung sau:" gives one).
func isPreamble(f string) bool {
	t := strings.TrimRight(f, " ")
	announces := strings.HasSuffix(t, ":") || strings.Contains(t, "nhu sau")
	if preambleRe.MatchString(f) {
		return announces || strings.HasPrefix(f, "can cu")
	}
	return announces && (strings.HasSuffix(t, "sau:") || strings.HasSuffix(t, "sau day:")) && !instructionRe.MatchString(f) && len(t) < 400
}

// instructionRe matches the folded start of a paragraph giving a task to
// whoever it names next: "Giao Phòng …", "Đề nghị UBND các xã …".
var instructionRe = regexp.MustCompile(`^(?:giao|de nghi|yeu cau|phan cong|chi dao)(?:\s+cho)?\s+\S`)

// bodyTasks returns the tasks of a body written without numbered items:
// one task "1", or, when two paragraphs or more each give a task to
// another unit ("Giao Phòng A …, trước ngày …" then "Giao Phòng B …"),
// one task a paragraph ("1", "2", …), a paragraph giving none belonging
// to the task above it. A paragraph gives a task when it opens with the
// words giving it ("Giao", "Đề nghị", …) or with its subject and gives a
// deadline. A paragraph giving a deadline to the tasks above it
// (sharedRe) gives it to those with none.
func (p *Parser) bodyTasks(body []string, c dateContext) []*node {
	type para struct {
		text  string
		start bool // it gives a task of its own
		codes string
	}
	paras := make([]para, 0, len(body))
	starts := 0
	var shared deadline
	seen := map[string]bool{}
	for _, b := range body {
		f := foldMapped(cleanTaskText(b))
		if len(body) > 1 && sharedAt(f.text, false) {
			if dl := foldedDeadline(f, c); !dl.date.IsZero() || dl.recur != "" {
				shared = dl
				continue
			}
		}
		pa := para{text: b}
		if len(body) > 1 {
			as := p.r.findAssignees(f)
			if len(as.names) > 0 {
				first := strings.TrimLeft(f.text, " -+•*")
				dl := foldedDeadline(f, c)
				pa.start = instructionRe.MatchString(first) ||
					(!dl.date.IsZero() || dl.recur != "") && strings.HasPrefix(first, Fold(as.names[0]))
				pa.codes = strings.Join(as.codes, ",") + "|" + strings.Join(as.names, ",")
			}
		}
		if pa.start {
			starts++
			seen[pa.codes] = true
		}
		paras = append(paras, pa)
	}
	if starts < 2 || len(seen) < 2 {
		n := &node{rank: 2, label: "1", id: "1", sharedDL: &shared}
		for _, pa := range paras {
			n.paras = append(n.paras, pa.text)
		}
		if len(n.paras) == 0 {
			return nil
		}
		return []*node{n}
	}
	var out []*node
	for _, pa := range paras {
		if !pa.start && len(out) > 0 {
			last := out[len(out)-1]
			last.paras = append(last.paras, pa.text)
			continue
		}
		if !pa.start {
			continue // what stands before the first task
		}
		id := strconv.Itoa(len(out) + 1)
		out = append(out, &node{rank: 2, label: id, id: id, paras: []string{pa.text}, sharedDL: &shared})
	}
	return out
}

// looksLikeTasks reports whether numbered items without any header are a
// directive's tasks rather than a list of things.
func looksLikeTasks(leaves []*node, text string) bool {
	words := 0
	for _, n := range leaves {
		words += len(strings.Fields(n.text()))
	}
	if words/len(leaves) < 6 {
		return false
	}
	f := Fold(text)
	for rest := directiveWords; rest != ""; {
		var w string
		w, rest, _ = strings.Cut(rest, "|")
		if hasWord(f, w) {
			return true
		}
	}
	return false
}

// chooseLeaves chooses the items that are tasks (none in a document that
// gives no tasks, see Acts): the leaves of the tree
// but for assessments and funding (all the leaves when nothing else is
// left), or the body read as tasks (bodyTasks) when there are no items.
// A text with no items and no header, or items that are a list of things,
// is no directive.
func (dc *doc) chooseLeaves() error {
	if !Acts(dc.d.Kind) {
		return nil // a Tờ trình, a Báo cáo: read for questions, no tasks
	}
	for _, n := range dc.all {
		if len(n.children) == 0 && !assessed(n) && !dc.p.funding(n) {
			dc.leaves = append(dc.leaves, n)
		}
	}
	if len(dc.leaves) == 0 {
		// Nothing but assessments: they are what the text says.
		for _, n := range dc.all {
			if len(n.children) == 0 {
				dc.leaves = append(dc.leaves, n)
			}
		}
	}
	h := dc.h
	structured := h.number != "" || h.kinhGui || dc.hasNoiNhan || h.subject != "" || h.kind != "" || dc.d.Signer.Authority != "" || len(h.issuer) > 0
	switch {
	case len(dc.leaves) == 0 && !structured && !readsAsDirective(dc.text):
		return ErrNotDirective
	case len(dc.leaves) == 0:
		body := dc.intro
		if len(body) > 1 {
			k := 0
			for k < len(body)-1 && isPreamble(Fold(body[k])) {
				k++
			}
			body = body[k:]
		}
		if len(body) > 0 {
			dc.leaves = dc.p.bodyTasks(body, dc.dates)
		}
	case !structured && (!looksLikeTasks(dc.leaves, dc.text) || !readsAsDirective(dc.text)):
		return ErrNotDirective
	}
	return nil
}
