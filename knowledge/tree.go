package knowledge

import (
	"chidao"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// The markers of numbered items; the item's text follows the match.
	dieuRe  = regexp.MustCompile(`^(?:Điều|ĐIỀU)\s+(\d{1,3})\s*[.:]?\s*`)
	romanRe = regexp.MustCompile(`^([IVX]{1,5})\s*(?:[.)]\s*|[-–/]\s+(\p{Lu}))`)
	// "A. MỤC ĐÍCH, YÊU CẦU", "B. NỘI DUNG": a part above the Roman
	// sections, its heading in capitals.
	partRe   = regexp.MustCompile(`^([A-H])\s*[.)]\s+(\p{Lu})`)
	dottedRe = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2})+)\.?\s+`)
	// "1.", "1)", "1/ " and "3- " open an item ("3 - 5 ngày" does not).
	arabicRe  = regexp.MustCompile(`^(\d{1,2})(?:\s*(?:[.)]\s+|[.)]$|[.)]([^\d\s.)])|/\s+)|-\s+([^\d\s]))`)
	letterRe  = regexp.MustCompile(`^([a-zđ])\s*(?:\)\s*|\.\s+|/\s+)`)
	closingRe = regexp.MustCompile(`^(?:tren day|trong qua trinh|qua trinh thuc hien|nhan duoc|yeu cau cac|de nghi cac co quan|(?:ubnd|uy ban nhan dan|chu tich ubnd|chu tich uy ban nhan dan|van phong hdnd(?: va| -)? ubnd|van phong hoi dong nhan dan)[^.]{0,80}\b(?:yeu cau|de nghi|thong bao|giao)\b[^.]{0,160}(?:nghiem tuc|thuc hien|trien khai|biet)|(?:ubnd|uy ban nhan dan)[^.]{0,60}\bthong bao de\b)`)
)

// node is a numbered item while the tree is built.
type node struct {
	rank     int // -1 part (A.), 0 Điều, 1 roman, 2 arabic, 3 dotted, 4 letter
	label    string
	id       string
	paras    []string
	parent   *node
	children []*node

	// What the node's first paragraph says, worked out once for all the
	// tasks under it (see ParseText).
	members  bool      // paras after the first list the members of a team (foldMembers)
	order    int       // the node's place in the text, among all the nodes
	sharedDL *deadline // a deadline the text gives every task with none (bodyTasks)
	head     string    // heading(); "" until worked out
	purpose  int8      // whether its heading is a plan's purpose: 0 not worked out, 1 yes, -1 no
	section  string    // sectionPath(); "" until worked out
	dl       *deadline
	assign   *assignment
}

func (n *node) text() string { return strings.Join(n.paras, "\n") }

// maxHeading is the longest section heading kept whole, in bytes: every task
// under a heading repeats it, so a heading that is a whole long paragraph
// is cut.
const maxHeading = 400

// heading returns the node as a section heading: "II. NHIỆM VỤ CỤ THỂ".
func (n *node) heading() string {
	if n.head != "" {
		return n.head
	}
	t := strings.TrimSpace(stripMarks(n.paras[0]))
	if len(t) > maxHeading {
		cut := strings.LastIndexByte(t[:maxHeading], ' ')
		if cut < maxHeading/2 {
			cut = maxHeading
			for !utf8.RuneStart(t[cut]) {
				cut--
			}
		}
		t = strings.TrimRight(t[:cut], " ,;:") + "…"
	}
	switch n.rank {
	case 0:
		n.head = "Điều " + n.label + ". " + t
	case 4:
		n.head = n.label + ") " + t
	default:
		n.head = n.label + ". " + t
	}
	return n.head
}

// sectionPath returns the headings from the root down to the node, as the
// Section of the tasks under it: "II. NHIỆM VỤ CỤ THỂ / 1. Về hạ tầng số".
// Tasks under one heading share the string.
func (n *node) sectionPath() string {
	if n.section == "" {
		n.section = n.heading()
		if n.parent != nil {
			n.section = n.parent.sectionPath() + " / " + n.section
		}
	}
	return n.section
}

// headDeadline returns what the node's first paragraph says about when
// the tasks under it fall due.
func (n *node) headDeadline(c dateContext) deadline {
	if n.dl == nil {
		dl := findDeadline(stripMarks(n.paras[0]), c)
		n.dl = &dl
	}
	return *n.dl
}

// headAssignees returns whom the node's first paragraph gives the tasks
// under it to.
func (n *node) headAssignees(r *Resolver) assignment {
	if n.assign == nil {
		a := r.headingAssignees(stripMarks(n.paras[0]))
		n.assign = &a
	}
	return *n.assign
}

// memberRe matches the folded start of an item naming a member of a team:
// "Ông …", "Bà …", "Đồng chí …", "Trưởng đoàn: …", "Thành viên: …".
var memberRe = regexp.MustCompile(`^(?:(?:ong|ba|ong\s*\(ba\)|ong\s*/\s*ba|dong chi|d/c|dc)\s+\S|(?:(?:pho\s+)?truong (?:ban|doan|to|nhom)|(?:pho\s+)?to truong|to pho|thanh vien|thu ky|uy vien|(?:pho\s+)?chu tich hoi dong)\s*[:\-–])`)

// isMember reports whether a node is an item naming a member of a team
// with a person's name: "Bà Lương Thị Hạnh, Phó Chủ tịch UBND huyện -
// Trưởng đoàn;".
func isMember(n *node) bool {
	if len(n.children) > 0 || len(n.paras) != 1 || len(n.paras[0]) > 240 {
		return false
	}
	t := strings.TrimSpace(stripMarks(n.paras[0]))
	f := Fold(t)
	m := memberRe.FindStringIndex(f)
	if m == nil {
		return false
	}
	// The name: the capitalised words after the title, a person's and not
	// a title ("Đồng chí Trưởng phòng Nội vụ chỉ đạo …" is a task).
	rest := strings.TrimSpace(t[foldMapped(t).at(m[1]-1):])
	rest = strings.TrimLeft(rest, ":-– ")
	w := strings.Fields(rest)
	if len(w) < 2 || !nameWordRe.MatchString(strings.Trim(w[0], ",;.")) || !nameWordRe.MatchString(strings.Trim(w[1], ",;.")) {
		return false
	}
	// With its marks: "Chu" is a family name, "Chủ" opens "Chủ tịch".
	switch strings.ToLower(w[0]) {
	case "phó", "chủ", "trưởng", "chánh", "giám", "thủ", "chuyên", "cán", "bí", "ủy", "uỷ", "đội", "tổ", "chi", "lãnh", "người", "công", "viên":
		return false
	}
	return true
}

// foldMembers puts the items listing the members of a team back into the
// item above them, as its lines ("1. Bà …"), and returns the nodes left.
// Every item under it must name a member.
func foldMembers(all []*node) []*node {
	var folded map[*node]bool
	for _, n := range all {
		if len(n.children) < 2 || !slices.ContainsFunc(n.children, isMember) {
			continue
		}
		members := true
		for _, c := range n.children {
			if !isMember(c) {
				members = false
				break
			}
		}
		if !members {
			continue
		}
		if folded == nil {
			folded = map[*node]bool{}
		}
		for _, c := range n.children {
			n.paras = append(n.paras, c.label+". "+c.paras[0])
			folded[c] = true
		}
		n.children = nil
		n.members = true
	}
	if folded == nil {
		return all
	}
	return slices.DeleteFunc(all, func(n *node) bool { return folded[n] })
}

// opensParagraph reports whether a line read after prev in the same
// block opens a paragraph of its own: after a sentence's end, the closing
// of the directive ("Nhận được Công văn này, …") or a deadline shared by
// the items above (sharedRe); before any item (intro set), any sentence.
// In a text with one line a paragraph and no blank lines between, such a
// line would otherwise run on from the one above.
func opensParagraph(prev, l string, intro bool) bool {
	if !endsSentence(prev) || strings.HasSuffix(strings.TrimRight(prev, " *_”\"')"), ";") {
		return false
	}
	switch c := l[0]; {
	case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '+':
		return false
	}
	if intro {
		r, _ := utf8.DecodeRuneInString(l)
		return unicode.IsUpper(r)
	}
	f := Fold(l)
	return closingRe.MatchString(f) || sharedAt(f, false)
}

// appendixRe matches the folded line of an attachment saying what it is
// attached to: "(Kèm theo Quyết định số 1688/QĐ-UBND …)", "Ban hành kèm
// theo Kế hoạch số …".
var appendixRe = regexp.MustCompile(`(?:^|\()\s*(?:ban hanh )?kem theo (?:` + kindHeadings() + `)\b`)

// findAppendix returns the first line after the signature of a list
// attached to the directive, or -1: the line after "(Kèm theo …)", or
// after a title in capitals opening with "PHỤ LỤC" or "DANH MỤC".
func findAppendix(lines []line, footStart int) int {
	for i := footStart + 1; i < len(lines); i++ {
		s := lines[i].text
		upper := isUpper(s)
		attached := strings.Contains(s, "èm theo") || strings.Contains(s, "em theo")
		if s == "" || len(s) > 300 && !(attached && len(s) < 1000) || !upper && !attached {
			continue // folding every line of the foot costs
		}
		f := Fold(s)
		if appendixRe.MatchString(f) {
			return i + 1
		}
		if upper && (strings.HasPrefix(f, "phu luc") || strings.HasPrefix(f, "danh muc")) {
			return i + 1
		}
	}
	return -1
}

// parseMarker returns a node for a line opening a numbered item, or nil.
// Only the patterns the line's first character can open are tried.
func parseMarker(s string) *node {
	if s == "" {
		return nil
	}
	switch c := s[0]; {
	case c >= 'A' && c <= 'H':
		if m := markerAt(partRe, s); m != nil && len(s) <= 160 && isUpper(s[m[4]:]) {
			return &node{rank: -1, label: s[m[2]:m[3]], paras: []string{s[m[4]:]}}
		}
	case strings.HasPrefix(s, "Đ"):
		if m := markerAt(dieuRe, s); m != nil {
			return &node{rank: 0, label: s[m[2]:m[3]], paras: []string{s[m[1]:]}}
		}
	case c == 'I' || c == 'V' || c == 'X':
		if m := markerAt(romanRe, s); m != nil && romanValue(s[m[2]:m[3]]) > 0 {
			text := s[m[1]:]
			if m[4] >= 0 {
				text = s[m[4]:] // "II- NHIỆM VỤ"
			}
			return &node{rank: 1, label: s[m[2]:m[3]], paras: []string{text}}
		}
	case c >= '0' && c <= '9':
		if m := markerAt(dottedRe, s); m != nil {
			return &node{rank: 3, label: s[m[2]:m[3]], paras: []string{s[m[1]:]}}
		}
		if m := markerAt(arabicRe, s); m != nil {
			text := s[m[1]:]
			if m[4] >= 0 {
				// "1.Nâng cao": the first letter is part of the match.
				text = s[m[4]:]
			} else if m[6] >= 0 {
				text = s[m[6]:] // "3- UBND các xã"
			}
			return &node{rank: 2, label: s[m[2]:m[3]], paras: []string{text}}
		}
	}
	if c := s[0]; c >= 'a' && c <= 'z' || strings.HasPrefix(s, "đ") {
		if m := markerAt(letterRe, s); m != nil {
			return &node{rank: 4, label: s[m[2]:m[3]], paras: []string{s[m[1]:]}}
		}
	}
	return nil
}

// markerAt matches a marker pattern at the start of a line. It looks at the
// line's first bytes only, unless the marker reaches that far: Go's
// backtracker costs the length of its input, and a numbered line can be
// long.
func markerAt(re *regexp.Regexp, s string) []int {
	const head = 64
	if len(s) > head {
		if m := re.FindStringSubmatchIndex(s[:head]); m == nil || m[1] < head {
			return m
		}
	}
	return re.FindStringSubmatchIndex(s)
}

// nodeID returns an item's numbering path as written: "5", "II.1.a",
// "1.2" for a "1.2." item under "1.".
func nodeID(n *node) string {
	p := n.parent
	if n.rank == 3 && p != nil && p.rank == 2 && strings.HasPrefix(n.label, p.label+".") {
		p = p.parent
	}
	if p == nil {
		return n.label
	}
	return p.id + "." + n.label
}

// isClosing reports whether a paragraph closes the directive rather than
// continuing the last item.
//
// A paragraph giving a deadline is a task, however it ends or opens ("Đề
// nghị các cơ quan, đơn vị rà soát …, gửi … trước ngày 25/10/2025./.").
func isClosing(para string) bool {
	s := strings.TrimSpace(para)
	if strings.HasSuffix(s, ":") {
		return false // it announces what follows
	}
	if !strings.HasSuffix(s, "/.") && !closingRe.MatchString(Fold(s)) {
		return false
	}
	if strings.ContainsAny(s, "0123456789") {
		if dl := findDeadline(s, dateContext{year: 2000}); !dl.date.IsZero() || dl.recur != "" && dl.recur != chidao.RecurOngoing {
			return false
		}
	}
	return true
}

// readTree reads the body: the numbered items in a tree and the
// paragraphs before them, then a list of tasks attached after the
// signature ("DANH MỤC NHIỆM VỤ … (Kèm theo Quyết định số …)", "PHỤ LỤC")
// as items of its own tree. A list of the members of a team under an
// item is what the item says, not tasks.
func (dc *doc) readTree() error {
	b := treeBuilder{dc: dc, newPara: true}
	dc.at = map[*node]int{}
	apxStart := findAppendix(dc.lines, dc.footStart)
	apxFirst := -1 // index in all of the appendix's first item
	for i := dc.bodyStart; i < len(dc.lines); i++ {
		if i == dc.footStart {
			if apxStart < 0 {
				break
			}
			b.endPara()
			b.stack, b.cur, b.newPara, apxFirst = nil, nil, true, len(dc.all)
			// Until its first item, the appendix's words are its title.
			for i = apxStart; i < len(dc.lines) && (dc.lines[i].text == "" || parseMarker(dc.lines[i].text) == nil); i++ {
			}
			if i == len(dc.lines) {
				break
			}
		}
		if !dc.skip[i] {
			b.line(i)
		}
	}
	b.endPara()
	dc.appendixIDs(apxFirst)
	dc.all = foldMembers(dc.all)
	return nil
}

// treeBuilder is the tree of items being read, line by line.
type treeBuilder struct {
	dc      *doc
	stack   []*node
	cur     *node
	newPara bool
	open    []string  // the lines of the paragraph being read
	openIn  *[]string // the paragraphs it belongs to
}

// line reads one line of the body: a blank line ends a paragraph, a
// marker opens an item, other text goes on the open paragraph or opens
// one.
func (b *treeBuilder) line(i int) {
	l := b.dc.lines[i]
	if l.text == "" {
		b.newPara = true
		return
	}
	if c := l.text[0]; c == 'Q' || c == 'q' {
		if f := Fold(l.text); f == "quyet dinh:" || f == "quyet dinh" || f == "quyet nghi:" {
			return
		}
	}
	text := l.text
	if b.dc.ocr {
		text = b.repaired(i)
	}
	if n := parseMarker(text); n != nil {
		b.item(n, i)
		return
	}
	paras := &b.dc.intro
	if b.cur != nil {
		paras = &b.cur.paras
	}
	if b.openIn == paras && !b.newPara && !l.bullet && !(len(b.open) > 0 && opensParagraph(b.open[len(b.open)-1], l.text, b.cur == nil)) {
		b.open = append(b.open, l.text)
	} else {
		b.endPara()
		b.open, b.openIn = append(b.open, l.text), paras
	}
	b.newPara = l.hard
}

// repaired returns line i with a marker OCR misread read as the
// numbering expects it (repairMarker): prev is the last item of the rank
// the line would have, next the next line's marker.
func (b *treeBuilder) repaired(i int) string {
	s := b.dc.lines[i].text
	for k := len(b.stack) - 1; k >= 0; k-- {
		prev := b.stack[k]
		if prev.rank != 2 && prev.rank != 4 {
			continue
		}
		var next *node
		for j := i + 1; j < len(b.dc.lines) && j < i+200; j++ {
			if next = parseMarker(b.dc.lines[j].text); next != nil {
				break
			}
		}
		if r, ok := repairMarker(s, prev, next); ok {
			return r
		}
	}
	return s
}

// item places a new item under the nearest open item of a higher rank.
func (b *treeBuilder) item(n *node, i int) {
	b.endPara()
	for len(b.stack) > 0 && b.stack[len(b.stack)-1].rank >= n.rank {
		b.stack = b.stack[:len(b.stack)-1]
	}
	if len(b.stack) > 0 {
		n.parent = b.stack[len(b.stack)-1]
		n.parent.children = append(n.parent.children, n)
	}
	n.id = nodeID(n)
	b.stack = append(b.stack, n)
	b.dc.all = append(b.dc.all, n)
	b.dc.at[n] = i
	b.cur = n
	b.open, b.openIn = append(b.open, n.paras[0]), &n.paras
	n.paras = n.paras[:0]
	b.newPara = b.dc.lines[i].hard
}

// endPara ends the paragraph being read. Its lines are joined once it
// ends: joining as it grows would copy a long paragraph once per line.
func (b *treeBuilder) endPara() {
	if b.openIn != nil {
		*b.openIn = append(*b.openIn, strings.Join(b.open, " "))
	}
	b.open, b.openIn = b.open[:0], nil
}

// appendixIDs gives the items of an appendix whose numbers repeat the
// body's ("Điều 1" of a decision and "Điều 1" of the rules it issues) IDs
// carrying "PL.", with everything under them; the appendix's other items
// keep the numbers people quote ("Điều 14 khoản 4 quy chế" is 14.4).
func (dc *doc) appendixIDs(apxFirst int) {
	if apxFirst < 0 || apxFirst >= len(dc.all) {
		return
	}
	ids := map[string]bool{}
	for _, n := range dc.all[:apxFirst] {
		ids[n.id] = true
	}
	clashes := func(n *node) bool {
		for ; n != nil; n = n.parent {
			if n.parent == nil {
				return ids[n.label] || ids[n.id]
			}
		}
		return false
	}
	for _, n := range dc.all[apxFirst:] {
		if !clashes(n) {
			continue
		}
		if n.parent == nil {
			n.id = "PL." + n.id
		} else {
			n.id = nodeID(n)
		}
	}
}

// splitClosing takes the closing paragraphs off the last item ("Trên đây
// là …", "Nhận được Công văn này, …"), or off a body without items; the
// paragraph naming who executes a decision stays in its last article.
func (dc *doc) splitClosing() error {
	if len(dc.all) > 0 {
		last := dc.all[len(dc.all)-1]
		for k := 1; k < len(last.paras); k++ {
			if isClosing(last.paras[k]) && !(last.rank == 0 && executorsRe.MatchString(Fold(last.paras[k]))) {
				dc.closing = last.paras[k:]
				last.paras = last.paras[:k]
				break
			}
		}
		return nil
	}
	for k := 0; k < len(dc.intro); k++ {
		if isClosing(dc.intro[k]) && (k > 0 || len(dc.intro) > 1) {
			dc.closing = dc.intro[k:]
			dc.intro = dc.intro[:k]
			break
		}
	}
	return nil
}
