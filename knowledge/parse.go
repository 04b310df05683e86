package knowledge

import (
	"chidao"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Parser turns directive files into chidao.Directive values, resolving
// recipients and assignees to the configured units.
type Parser struct {
	r *Resolver
}

// NewParser returns a parser resolving unit names against units.
func NewParser(units []chidao.Unit) *Parser {
	return &Parser{r: NewResolver(units)}
}

// Resolver returns the parser's unit resolver.
func (p *Parser) Resolver() *Resolver { return p.r }

// Parse reads a directive file (see Extract) and parses it (see ParseText).
func (p *Parser) Parse(name string, data []byte) (d *chidao.Directive, err error) {
	defer recovered(&err, "parse "+name)
	text, err := Extract(name, data)
	if err != nil {
		return nil, err
	}
	return p.parseText(name, text, true)
}

// ParseText parses a directive's text into a Directive: its header (issuer,
// number, place and date, kind, subject, recipients), its numbered tasks
// with deadlines and assignees, footnotes, references and signer. A text
// with no numbered items but a directive's header is one task "1". A text
// with no structure of a directive at all gives ErrNotDirective.
func (p *Parser) ParseText(name, text string) (*chidao.Directive, error) {
	return p.parseText(name, text, false)
}

// parseText is ParseText of a text already normalised (Extract's) when
// normal is set.
func (p *Parser) parseText(name, text string, normal bool) (*chidao.Directive, error) {
	if len(text) > MaxFileSize {
		return nil, ErrTooLarge
	}
	if !normal {
		if !utf8.ValidString(text) {
			return nil, ErrEncoding
		}
		text = Normalize(text)
	}
	if strings.TrimSpace(text) == "" {
		return nil, ErrEmpty
	}
	lines := cleanLines(text)
	d := &chidao.Directive{Source: text, File: filepath.Base(name), Recipients: []string{}, Units: []string{},
		Unresolved: []string{}, References: []string{}, Tasks: []chidao.Task{}, Footnotes: []chidao.Footnote{}}
	if name == "" {
		d.File = ""
	}
	h, bodyStart := p.parseHeader(lines)
	footStart := findFooter(lines, bodyStart)

	// Footnote definitions, wherever they stand after the header.
	type note struct {
		mark, text string
		at         int
		plain      bool
	}
	var notes []note
	skip := map[int]bool{}
	var gluedAt map[string]int // glued footnote mark → first line citing it
	for i := bodyStart; i < len(lines); i++ {
		s := lines[i].text
		if s == "" {
			continue
		}
		if strings.HasPrefix(s, fnOpen) {
			if m := markNoteRe.FindStringSubmatch(s); m != nil {
				notes = append(notes, note{mark: m[1], text: strings.TrimSpace(stripMarks(m[2])), at: i})
				skip[i] = true
				continue
			}
		}
		if s[0] < '0' || s[0] > '9' || i == bodyStart || len(notes) >= 20 {
			continue
		}
		if m := plainNoteRe.FindStringSubmatch(s); m != nil {
			if gluedAt == nil {
				gluedAt = gluedMarks(lines, bodyStart)
			}
			if first, ok := gluedAt[m[1]]; ok && first < i || noteWordsRe.MatchString(Fold(m[2])) {
				notes = append(notes, note{mark: m[1], text: strings.TrimSpace(m[2]), at: i, plain: true})
				skip[i] = true
			}
		}
	}

	// The body: numbered items in a tree, and the paragraphs before them.
	var (
		intro    []string
		all      []*node
		stack    []*node
		cur      *node
		newPara  = true
		at       = map[*node]int{}
		introEnd = bodyStart
		open     []string  // the lines of the paragraph being read
		openIn   *[]string // the paragraphs it belongs to
	)
	// A paragraph's lines are joined once it ends: joining as it grows
	// would copy a long paragraph once per line.
	endPara := func() {
		if openIn != nil {
			*openIn = append(*openIn, strings.Join(open, " "))
		}
		open, openIn = open[:0], nil
	}
	// A list of tasks attached after the signature ("DANH MỤC NHIỆM VỤ …
	// (Kèm theo Quyết định số …)", "PHỤ LỤC") is read after the body, as
	// items of its own tree.
	apxStart := findAppendix(lines, footStart)
	apxFirst := -1 // index in all of the appendix's first item
	for i := bodyStart; i < len(lines); i++ {
		if i == footStart {
			if apxStart < 0 {
				break
			}
			endPara()
			i = apxStart
			stack, cur, newPara, apxFirst = nil, nil, true, len(all)
			// Until its first item, the appendix's words are its title.
			for i < len(lines) && (lines[i].text == "" || parseMarker(lines[i].text) == nil) {
				i++
			}
			if i == len(lines) {
				break
			}
		}
		if skip[i] {
			continue
		}
		l := lines[i]
		if l.text == "" {
			newPara = true
			continue
		}
		if c := l.text[0]; c == 'Q' || c == 'q' {
			if f := Fold(l.text); f == "quyet dinh:" || f == "quyet dinh" || f == "quyet nghi:" {
				continue
			}
		}
		if n := parseMarker(l.text); n != nil {
			endPara()
			for len(stack) > 0 && stack[len(stack)-1].rank >= n.rank {
				stack = stack[:len(stack)-1]
			}
			if len(stack) > 0 {
				n.parent = stack[len(stack)-1]
				n.parent.children = append(n.parent.children, n)
			}
			n.id = nodeID(n)
			stack = append(stack, n)
			all = append(all, n)
			at[n] = i
			cur = n
			open, openIn = append(open, n.paras[0]), &n.paras
			n.paras = n.paras[:0]
			newPara = l.hard
			continue
		}
		paras := &intro
		if cur != nil {
			paras = &cur.paras
		} else {
			introEnd = i + 1
		}
		if openIn == paras && !newPara && !l.bullet && !(len(open) > 0 && opensParagraph(open[len(open)-1], l.text, cur == nil)) {
			open = append(open, l.text)
		} else {
			endPara()
			open, openIn = append(open, l.text), paras
		}
		newPara = l.hard
	}
	endPara()
	_ = introEnd
	if apxFirst >= 0 && apxFirst < len(all) {
		// The appendix's numbers may repeat the body's ("Điều 1" and an
		// item "1."): then its IDs carry "PL.".
		ids := map[string]bool{}
		for _, n := range all[:apxFirst] {
			ids[n.id] = true
		}
		clash := false
		for _, n := range all[apxFirst:] {
			clash = clash || ids[n.id]
		}
		if clash {
			for _, n := range all[apxFirst:] {
				if n.parent == nil {
					n.id = "PL." + n.id
				} else {
					n.id = nodeID(n)
				}
			}
		}
	}

	// A list of the members of a team under an item ("1. Bà …, Trưởng
	// phòng … - Trưởng đoàn;") is what the item says, not tasks.
	all = foldMembers(all)

	// The closing paragraph after the last item is not part of it; the
	// paragraph naming who executes a decision is part of its last
	// article.
	var closing []string
	if len(all) > 0 {
		last := all[len(all)-1]
		for k := 1; k < len(last.paras); k++ {
			if isClosing(last.paras[k]) && !(last.rank == 0 && executorsRe.MatchString(Fold(last.paras[k]))) {
				closing = last.paras[k:]
				last.paras = last.paras[:k]
				break
			}
		}
	} else {
		for k := 0; k < len(intro); k++ {
			if isClosing(intro[k]) && (k > 0 || len(intro) > 1) {
				closing = intro[k:]
				intro = intro[:k]
				break
			}
		}
	}
	_ = closing

	// Recipients: "Kính gửi", else "Nơi nhận".
	recipients := h.recipients
	asDieu := "" // "Như Điều 3": the recipients are those Điều 3 names
	var noiNhan []string
	hasNoiNhan := false
	for i := footStart; i < len(lines); i++ {
		if isNoiNhan(lines[i].text) {
			hasNoiNhan = true
			noiNhan = recipientLines(lines, i)
			break
		}
	}
	if !h.kinhGui {
		for _, r := range noiNhan {
			f := Fold(r)
			if strings.HasPrefix(f, "nhu dieu") {
				asDieu = strings.TrimSpace(strings.TrimPrefix(f, "nhu dieu"))
				continue
			}
			if strings.HasPrefix(f, "luu") || strings.HasPrefix(f, "nhu tren") || strings.Contains(f, "b/c") ||
				strings.Contains(f, "bao cao)") || strings.Contains(f, "de bao cao") || strings.Contains(f, "(bc)") {
				continue
			}
			recipients = append(recipients, r)
		}
	}
	if recipients != nil {
		d.Recipients = recipients
	}
	seen := map[string]bool{}
	for _, r := range recipients {
		codes := p.r.Resolve(r)
		if len(codes) == 0 {
			d.Unresolved = append(d.Unresolved, r)
		}
		for _, c := range codes {
			seen[c] = true
		}
	}
	for _, u := range p.r.units {
		if seen[u.Code] {
			d.Units = append(d.Units, u.Code)
		}
	}

	d.Number = h.number
	d.Issuer = formatIssuer(h.issuer)
	d.Place = h.place
	d.Issued = h.issued
	d.IssuedText = h.issuedText
	d.Year = h.year
	d.Subject = h.subject
	d.Kind = h.kind
	if d.Kind == "" {
		if m := kindNumRe.FindStringSubmatch(d.Number); m != nil {
			d.Kind = kindOfNumber(m[1])
		} else if d.Subject != "" || d.Number != "" || h.kinhGui {
			d.Kind = "Công văn"
		}
	}
	d.Signer = parseSigner(lines, footStart)

	// The units the foot sends the text to besides its addressees.
	var informedCodes map[string]bool
	informed := func(c string) bool {
		if informedCodes == nil {
			informedCodes = map[string]bool{}
			for _, r := range noiNhan {
				for _, x := range p.r.Resolve(r) {
					informedCodes[x] = true
				}
			}
		}
		return informedCodes[c]
	}

	// Tasks: the leaves of the tree, or the body as one task.
	dates := dateContext{year: d.Year, issued: d.Issued}
	var toAll []int            // the tasks falling to every recipient
	var executors []int        // decision articles naming who executes it
	markOf := map[string]int{} // footnote mark → index of the first task citing it
	var leaves []*node
	for _, n := range all {
		if len(n.children) == 0 && !assessed(n) && !p.funding(n) {
			leaves = append(leaves, n)
		}
	}
	if len(leaves) == 0 {
		// Nothing but assessments: they are what the text says.
		for _, n := range all {
			if len(n.children) == 0 {
				leaves = append(leaves, n)
			}
		}
	}
	structured := h.number != "" || h.kinhGui || hasNoiNhan || h.subject != "" || h.kind != "" || d.Signer.Authority != "" || len(h.issuer) > 0
	if len(leaves) == 0 {
		if !structured {
			return nil, ErrNotDirective
		}
		body := intro
		if len(body) > 1 {
			k := 0
			for k < len(body)-1 && isPreamble(Fold(body[k])) {
				k++
			}
			body = body[k:]
		}
		if len(body) > 0 {
			leaves = p.bodyTasks(body, dates)
		}
	} else if !structured && !looksLikeTasks(leaves, text) {
		return nil, ErrNotDirective
	}
	// "Các nội dung trên hoàn thành trước ngày …" after the items: the
	// deadline of every item above it that gives none.
	shared := sharedDeadlines(all, dates)
	for k, n := range leaves {
		t := chidao.Task{ID: n.id}
		raw := n.text()
		for _, m := range marksIn(raw) {
			if _, ok := markOf[m]; !ok {
				markOf[m] = k
			}
		}
		t.Text = cleanTaskText(raw)
		if n.parent != nil {
			t.Section = n.parent.sectionPath()
		}
		ft := foldMapped(t.Text)
		dl := foldedDeadline(ft, dates)
		own := !dl.date.IsZero() || dl.recur != ""
		// "trong 05 ngày làm việc kể từ ngày nhận được": words, no date.
		relative := dl
		for a := n.parent; dl.date.IsZero() && dl.recur == "" && a != nil; a = a.parent {
			dl = a.headDeadline(dates)
		}
		if sd := shared.of(n); !own && sd.strong && dl.recur == "" && (dl.date.IsZero() || sd.dl.date.Before(dl.date)) {
			// "Các nhiệm vụ tại Điều 1 chưa ghi thời hạn …": earlier than
			// what the heading's period ("6 tháng cuối năm") implies.
			dl = sd.dl
		}
		if dl.date.IsZero() && dl.recur == "" {
			if n.sharedDL != nil {
				dl = *n.sharedDL
			} else {
				dl = shared.of(n).dl
			}
		}
		if !own && relative.text != "" && dl.date.IsZero() && dl.recur == "" {
			dl = relative
		}
		t.Deadline, t.DeadlineKind, t.DeadlineText, t.Recurrence, t.RecurDay = dl.date, dl.kind, dl.text, dl.recur, dl.recurDay
		if n.members {
			// The members of a team are not its assignees.
			ft = foldMapped(cleanTaskText(n.paras[0]))
		}
		as := p.r.findAssignees(ft)
		for a := n.parent; len(as.names) == 0 && a != nil; a = a.parent {
			as = a.headAssignees(p.r)
		}
		t.Assignees = as.names
		codes := as.codes
		// A team's founding with its members, and the clause saying when
		// the decision takes effect, are no unit's tasks.
		if len(as.names) == 0 && purpose(n) {
			// A plan's purpose is no unit's task.
		} else if as.all || len(as.names) == 0 && !n.members && !effectRe.MatchString(ft.text) && !(n.rank == 0 && actRe.MatchString(ft.text)) {
			codes = append(append([]string(nil), d.Units...), codes...)
			toAll = append(toAll, len(d.Tasks))
		} else if len(codes) > 0 || len(as.names) > 0 {
			// The recipients working with the unit in charge share its
			// task: "chủ trì, phối hợp với UBND xã Chu Túc"; so do they
			// when a body outside the units is in charge ("Đơn vị chủ
			// trì: Trung tâm Y tế huyện. Đơn vị phối hợp: …").
			for _, c := range p.r.partnerUnits(ft) {
				// "Như Điều 4": the recipients are known only later. A
				// partner sent the text for information ("Nơi nhận")
				// is one too.
				if slices.Contains(d.Units, c) || asDieu != "" || informed(c) {
					codes = append(codes, c)
				}
			}
		}
		t.AssigneeUnits = p.unitOrder(codes)
		if t.Assignees == nil {
			t.Assignees = []string{}
		}
		if n.rank == 0 && executorsRe.MatchString(ft.text) {
			executors = append(executors, len(d.Tasks))
		}
		d.Tasks = append(d.Tasks, t)
	}
	// Footnotes: to the task citing them; a plain note without a mark in
	// any task goes to the task it follows. A note goes to one task, even
	// where the numbering repeats an ID.
	for _, nt := range notes {
		k, ok := markOf[nt.mark]
		if !ok && nt.plain {
			k, ok = citeGlued(d, nt.mark)
		}
		if !ok {
			// The last leaf before the note; leaves are in line order.
			k = sort.Search(len(leaves), func(k int) bool { return at[leaves[k]] >= nt.at }) - 1
		}
		task := ""
		if k >= 0 {
			task = d.Tasks[k].ID
			d.Tasks[k].Footnotes = append(d.Tasks[k].Footnotes, nt.text)
		}
		d.Footnotes = append(d.Footnotes, chidao.Footnote{Mark: nt.mark, Text: nt.text, Task: task})
	}
	if asDieu != "" {
		p.recipientsOfArticle(d, asDieu, toAll)
	}
	remainingUnits(d)
	crossAssigned(d, toAll)
	// "Điều 3. Chánh Văn phòng …, Trưởng phòng … chịu trách nhiệm thi hành
	// Quyết định này" names who carries the decision out: a unit another
	// article gives a task has that task to do, not this one besides.
	if len(executors) > 0 {
		tasked := map[string]bool{}
		for k, t := range d.Tasks {
			if !slices.Contains(executors, k) {
				for _, c := range t.AssigneeUnits {
					tasked[c] = true
				}
			}
		}
		for _, k := range executors {
			d.Tasks[k].AssigneeUnits = slices.DeleteFunc(slices.Clone(d.Tasks[k].AssigneeUnits), func(c string) bool { return tasked[c] })
		}
	}
	d.References = references(text, d.Number)
	d.ID = directiveID(d, name, text)
	return d, nil
}

// cleanTaskText removes footnote marks, the closing "./." and stray spaces.
func cleanTaskText(s string) string {
	s = stripMarks(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(collapseSpaces(l))
	}
	s = strings.TrimSpace(strings.Join(lines, "\n"))
	s = strings.TrimSuffix(s, "./.")
	s = strings.TrimSuffix(s, "/.")
	return strings.TrimSpace(s)
}
