package knowledge

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// questionScan is a question being read into its analysis, stage by
// stage: its folded text, what each stage covered (mask: the words a
// stage read are no content words), and the analysis so far.
type questionScan struct {
	ix     *Index
	a      *analysis
	fm     folded // the question lower-cased, folded
	lead   int    // the bytes of fm.text before f
	f      string // the folded question, trimmed
	mask   []bool
	source bool // "lấy từ đâu": the source asked
	place  bool // "ở đâu": a place asked
	toks   []token
}

func newQuestionScan(ix *Index, text string, sc *scratch) *questionScan {
	fm := foldMapped(strings.ToLower(Normalize(text)))
	f := fm.text
	lead := len(f) - len(strings.TrimLeft(f, "/ \t\n"))
	f = strings.TrimRight(f[lead:], " \t\n")
	i, j := stripCourtesy(f)
	f, lead = ix.untelex(f[i:j]), lead+i
	return &questionScan{ix: ix, a: &analysis{folded: f}, fm: fm, lead: lead, f: f, mask: grow(&sc.mask, len(f))}
}

// A questionStage reads one kind of thing a question says.
type questionStage struct {
	name string
	run  func(*questionScan)
}

// questionStages are the stages of reading a question, in order: each
// covers what it read, so that those after it do not read it again.
var questionStages = []questionStage{
	{"directive named", (*questionScan).directiveNamed},
	{"task named", (*questionScan).taskNamed},
	{"intents", (*questionScan).intents},
	{"source", (*questionScan).sourceAsked},
	{"place", (*questionScan).placeAsked},
	{"units", (*questionScan).units},
	{"content words", (*questionScan).contentWords},
	{"time verbs", (*questionScan).timeVerbs},
	{"slots", (*questionScan).slots},
}

// cover marks the folded bytes [i, j) as read.
func (q *questionScan) cover(i, j int) {
	for k := max(i, 0); k < j && k < len(q.mask); k++ {
		q.mask[k] = true
	}
}

// typed returns the question as typed between folded offsets i and j.
func (q *questionScan) typed(i, j int) string { return q.fm.orig[q.fm.at(q.lead+i):q.fm.at(q.lead+j)] }

// origAt returns the letter typed at folded offset i; "đ" stays "đ" (it
// folds to "d"): a path keeps the letter as typed.
func (q *questionScan) origAt(i int) string {
	o := q.fm.at(q.lead + i)
	r, size := utf8.DecodeRuneInString(q.fm.orig[o:])
	if r == 'đ' || r == 'Đ' {
		return "đ"
	}
	return q.fm.orig[o : o+size]
}

// directiveNamed reads a directive named by kind and number, or by its
// full number; a number no directive has is kept as another document's.
func (q *questionScan) directiveNamed() {
	a, f, ix := q.a, q.f, q.ix
	for _, m := range findAfterSep(directiveNameRe, f, directiveNameOpen, true, 96, -1) {
		var num string
		if m[4] >= 0 {
			num = f[m[4]:m[5]]
		} else {
			num = f[m[6]:m[7]]
		}
		found := false
		for _, s := range ix.byNum[num] {
			if e := ix.entries[s]; m[2] < 0 || kindMatches(e.kind, f[m[2]:m[3]]) {
				if a.named == nil || e.seq > a.named.seq {
					a.named = e
				}
				found = true
			}
		}
		if found {
			q.cover(m[0], m[1])
		} else if a.namedOther == "" && !(len(num) == 4 && (num[:2] == "19" || num[:2] == "20")) {
			// "kế hoạch 2025" may be the year's plan.
			a.namedOther = num
		}
	}
}

// taskNamed reads a task named by number: the question a numbering path,
// maybe after the directive's name ("II.1.a", "kế hoạch 52 II.1.a"), or a
// task's word and number ("nhiệm vụ thứ hai", "điều 1 điểm c").
func (q *questionScan) taskNamed() {
	a, f := q.a, q.f
	if path := pathAfterName(f, q.mask, a.named != nil); path != "" {
		if typed := strings.ToLower(q.typed(0, len(f))); path == f && strings.ContainsRune(typed, 'đ') {
			path = typed // "1.đ" is no "1.d"
		}
		a.ref, a.hasRef = displayPath(strings.TrimSuffix(path, ".")), true
		q.cover(0, len(f))
		return
	}
	ms := findAfterSep(taskRefRe, f, taskRefOpen, true, 128, 1)
	if ms == nil {
		return
	}
	m := ms[0]
	w := f[m[4]:m[5]]
	end := m[5]
	switch {
	case w == "cuoi" || w == "cuoi cung":
		a.last, a.hasRef = true, true
	case numeral(w) > 0:
		end = q.ordinal(m, w)
	default:
		end = q.refParts(m, w)
	}
	if a.hasRef {
		start := m[4] // the number; "thứ" before it when written
		if m[2] >= 0 {
			start = m[2]
		}
		q.cover(start-1, end)
		q.cover(m[0], m[1]-1)
	}
}

// ordinal reads a task by ordinal word ("nhiệm vụ thứ hai", "ý thứ hai
// của mục 2"), and returns where its words end. "Nhiệm vụ năm 2024" is
// about a year; "tư" may be "tự".
func (q *questionScan) ordinal(m []int, w string) int {
	a, f := q.a, q.f
	end := m[5]
	rest := strings.TrimSpace(f[m[5]:])
	if m[2] >= 0 || rest == "" || strings.HasPrefix(rest, "la") || strings.HasPrefix(rest, "han") || strings.HasPrefix(rest, "noi") ||
		withinRe.MatchString(rest) {
		a.ordinal, a.hasRef = numeral(w), true
	}
	if wm := withinRe.FindStringSubmatchIndex(f[end:]); a.ordinal > 0 && wm != nil {
		a.within = displayPath(strings.TrimSuffix(f[end+wm[2]:end+wm[3]], "."))
		end += wm[1]
	}
	return end
}

// refParts reads a task's path in words: "điều 1 điểm c", "điểm c khoản 1
// Điều 2", "mục 2b", "mục 2 b", and returns where its words end.
func (q *questionScan) refParts(m []int, w string) int {
	a, f := q.a, q.f
	end := m[5]
	word := refWordRe.FindString(f[m[0]:m[4]])
	if len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' {
		w = q.origAt(m[4])
	}
	parts := []refPart{{word: word, value: w}}
	// "điểm b khoản 2 Điều 2": a point before the clause.
	if lm := pointBeforeRe.FindStringSubmatchIndex(f[:m[0]+1]); lm != nil {
		parts = append([]refPart{{word: f[lm[2]:lm[3]], value: q.origAt(lm[4])}}, parts...)
		q.cover(lm[0], m[0]+1)
	}
	for len(parts) < 5 {
		c := matchHead(refChainRe, f[end:], 48)
		if c == nil {
			break
		}
		v := f[end+c[4] : end+c[5]]
		if len(v) == 1 {
			v = q.origAt(end + c[4])
		}
		parts = append(parts, refPart{word: f[end+c[2] : end+c[3]], value: v})
		end += c[5]
	}
	// "mục 2 b": a point's letter alone after a number. The number alone
	// answers when there is no such point ("nhiệm vụ 2 à?").
	if last := parts[len(parts)-1].value; isDigitByte(last[len(last)-1]) {
		if lm := letterAfterRe.FindStringSubmatchIndex(f[end:]); lm != nil {
			a.refAlt = refPath(slices.Clone(parts))
			parts = append(parts, refPart{value: q.origAt(end + lm[2])})
			end += lm[3]
		}
	}
	a.ref, a.hasRef = refPath(parts), true
	a.section = word == "muc" || word == "phan"
	return end
}

// intents reads what the question asks (intentPatterns). Matches may
// share the space between them, so each search starts on the last
// character of the previous match; "hạn chế" is no "hạn".
func (q *questionScan) intents() {
	f := q.f
	for pos := 0; pos < len(f); {
		p, at, m0, m1, ok := q.ix.intents.next(f, pos)
		if !ok {
			break
		}
		if p.intent != inDeadline || !strings.HasPrefix(f[at:], "han che") {
			q.a.intent |= p.intent
			q.cover(at, at+len(p.text))
		}
		pos = max(m1-1, m0+1)
	}
}

// timeVerbRe finds the verbs a question asking when puts before its time
// words: "bắt đầu từ ngày nào", "kết thúc lúc mấy giờ", "diễn ra khi nào".
var timeVerbRe = regexp.MustCompile(`\b(?:bat dau|ket thuc|dien ra|xong|hoan thanh|het han)\b`)

// timeVerbs reads, in a question asking when, the verbs that may only
// say the time is asked ("treo cờ bắt đầu từ ngày nào"; the text says "từ
// chiều ngày 18/01/2026"): their words are kept for ranking ("kết thúc
// năm học" may name the task) but made generic, so the answer need not
// hold them.
func (q *questionScan) timeVerbs() {
	if !q.a.intent.has(inDeadline) {
		return
	}
	verbs := map[string]bool{}
	for _, m := range timeVerbRe.FindAllString(q.f, -1) {
		for _, w := range strings.Fields(m) {
			verbs[w] = true
		}
	}
	for i := range q.a.words {
		if verbs[q.a.words[i].text] {
			q.a.words[i].generic = true
		}
	}
}

// sourceAsked reads "lấy từ đâu", "từ nguồn nào": the source asked, as
// the word "nguồn".
func (q *questionScan) sourceAsked() {
	if strings.Contains(q.f, "dau") || strings.Contains(q.f, "nguon") {
		if m := sourceAskRe.FindStringIndex(q.f); m != nil {
			q.source = true
			q.cover(m[0], m[1])
		}
	}
}

// placeAsked reads "ở đâu", "địa điểm": the place asked; "ở đâu" is no
// content ("đâu" is no "đầu"). The answer must state a place.
func (q *questionScan) placeAsked() {
	if m := placeAskedRe.FindStringIndex(q.f); m != nil {
		q.place = true
		if w := q.f[m[0]:m[1]]; strings.HasSuffix(w, "dau") || strings.HasSuffix(w, "nao") {
			q.cover(m[0], m[1]) // "địa điểm", "địa chỉ" are words the text writes too
		}
	}
}

// units reads the configured units named. "Trung tâm y tế" is no "Phòng
// Y tế", "Sở Nội vụ" no "Phòng Nội vụ": a bare name after a body's head
// names that body.
func (q *questionScan) units() {
	a, f := q.a, q.f
	toks := canonTokens(f)
	for _, um := range q.ix.res.scan(q.ix.res.user, f, toks) {
		if !um.group && !kindWord(toks[um.first].text) && bodyBefore(f[:um.start]) {
			continue
		}
		a.units = append(a.units, um.codes...)
		a.unitNames = append(a.unitNames, strings.TrimSpace(q.typed(um.start, um.end))) // as typed: "các xã"
		q.cover(um.start, um.end)
	}
}

// contentWords reads the words no stage read as the question's content,
// abbreviations written out, with the pairs of them that follow each
// other; "cần" (need) is a question word, "cán", "căn" are not; "chợ",
// "hội", "tư" typed with their marks are not "cho", "hỏi", "từ".
func (q *questionScan) contentWords() {
	a, ix := q.a, q.ix
	var prev uint32
	prevOK := false
	marked := 0
	q.toks = tokenize(q.f, nil)
	for _, tk := range q.toks {
		orig := q.typed(tk.start, tk.end)
		if orig != tk.text {
			marked++
		}
		if q.mask[tk.start] {
			prevOK = false
			continue
		}
		parts := splitAlnum(tk.text)
		for _, part := range parts {
			exp := expandQueryAbbrev(part)
			if exp == nil {
				exp = []string{part}
			}
			for _, w := range exp {
				if isStop(w) && (len(parts) > 1 || len(exp) > 1 || stopAsTyped(w, orig)) || w == "can" && (orig == "cần" || orig == "can") {
					prevOK = false
					continue
				}
				t := ix.wordTerm(w, false)
				qw := qword{text: w, term: t, generic: isGeneric(w)}
				if len(parts) == 1 && len(exp) == 1 && orig != tk.text {
					qw.accent = ix.acc[toneKey(orig)]
					qw.marked = true
				}
				a.words = append(a.words, qw)
				if prevOK {
					if p := ix.pairTerm(prev, t, false); p != 0 {
						a.pairs = append(a.pairs, p)
					}
				}
				prev, prevOK = t, t != 0
			}
		}
	}
	if q.source {
		a.words = append(a.words, qword{text: "nguon", term: ix.wordTerm("nguon", false)})
	}
	a.accented = len(q.toks) > 0 && marked*2 >= len(q.toks)
}

// slots reads what else the question asks for: a body no unit stands
// for, a person, a figure, a span of dates ("việc nào hạn trong tháng
// 10": when, not what, so its words are no content).
func (q *questionScan) slots() {
	a := q.a
	a.bodies = askedBodies(q.f, q.toks, q.mask, q.typed)
	ws := make([]string, len(q.toks))
	for i, tk := range q.toks {
		ws[i] = tk.text
	}
	// "bồn" (a tank) is no "bốn" (four): a number in words only as typed.
	number := func(i int) bool {
		return numeral(ws[i]) > 0 && numeralAsTyped(q.typed(q.toks[i].start, q.toks[i].end))
	}
	a.person = personAsked(ws)
	a.money = moneyAsked(ws)
	a.percent = percentAsked(ws)
	a.figure = askedFigure(ws, number)
	if q.place && a.figure.kind == figNone {
		a.figure = figure{kind: figPlace}
	}
	if a.hasRef {
		return
	}
	a.occasion = askedOccasion(q.f)
	a.due = askedRange(q.f)
	if a.due.asked() {
		a.words = slices.DeleteFunc(a.words, func(w qword) bool {
			return w.generic || isDigitByte(w.text[0]) || w.text == "sap" || w.text == "gan" || w.text == "toi" || w.text == "het"
		})
		a.pairs = a.pairs[:0]
	}
}
