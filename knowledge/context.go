package knowledge

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"chidao"
)

// What a question may ask of a directive's text besides its tasks: the
// documents it carries out ("căn cứ văn bản nào"), the people listed in
// it ("phòng Tư pháp có ai trong tổ công tác"), and amounts of money,
// answered only when the text states one.

// basisAskRe finds a question about the documents a directive carries out
// or rests on: "thực hiện văn bản nào", "căn cứ văn bản nào", "căn cứ vào
// đâu", "theo kế hoạch nào của tỉnh".
var basisAskRe = regexp.MustCompile(`\b(?:thuc hien|can cu(?: vao)?|theo|trien khai|cu the hoa|dua tren)\s+(?:(?:van ban|cong van|ke hoach|quyet dinh|chi thi|nghi quyet|thong bao|huong dan|luat|nghi dinh|thong tu|chu truong|to trinh)\s+)?(?:nao|gi|dau)\b|\bto trinh (?:nao|so may|so bao nhieu|so gi)\b|\bvan ban (?:nao|gi) cua (?:tinh|so|bo|trung uong|cap tren)\b|\bcan cu phap ly\b|\b(?:thuc hien|can cu(?: vao)?|theo|trien khai|cu the hoa|dua tren)\s+(?:theo\s+)?(?:van ban|cong van|ke hoach|quyet dinh|chi thi|nghi quyet|thong bao|huong dan|to trinh|chuong trinh)\s+so\s+(?:may|bao nhieu|nao|gi)\b|\b(?:van ban|cong van|ke hoach|quyet dinh|chi thi|nghi quyet|thong bao|huong dan|chuong trinh)\s+so\s+(?:may|bao nhieu|nao|gi)\s+cua\b`)

// basisAsked reports whether a folded question asks which documents a
// directive carries out.
func basisAsked(f string) bool {
	return hasAnyOf(f, "thuc hien", "can cu", "theo", "trien khai", "cu the hoa", "dua tren", "van ban", "to trinh") &&
		(hasWord(f, "nao") || hasWord(f, "gi") || hasWord(f, "dau") || hasWord(f, "may") || hasWord(f, "bao nhieu") || strings.Contains(f, "phap ly")) &&
		basisAskRe.MatchString(f)
}

// basis answers which documents a directive carries out or rests on: each
// document it cites, with the words citing it, those of the level the
// question names ("của tỉnh") first. False when it cites none.
func (ix *Index) basis(e *entry, a *analysis) (Answer, bool) {
	d := e.d
	if len(d.References) == 0 {
		return Answer{}, false
	}
	type cite struct{ ref, words string }
	var cites []cite
	for _, r := range d.References {
		cites = append(cites, cite{r, citing(d, r)})
	}
	// The citing words holding what the question names come first: the
	// level ("của tỉnh"), then the kind ("theo tờ trình nào").
	first := func(holds func(words string) bool) {
		slices.SortStableFunc(cites, func(x, y cite) int {
			hx, hy := holds(Fold(x.words)), holds(Fold(y.words))
			switch {
			case hx && !hy:
				return -1
			case hy && !hx:
				return 1
			}
			return 0
		})
	}
	for _, level := range []string{"tinh", "trung uong", "chinh phu", "bo", "so", "huyen"} {
		if hasWord(a.folded, level) {
			first(func(w string) bool { return hasWord(w, level) })
			break
		}
	}
	for _, kind := range []string{"to trinh", "ke hoach", "quyet dinh", "cong van", "chi thi", "nghi quyet", "thong bao", "huong dan"} {
		if strings.Contains(a.folded, kind) {
			first(func(w string) bool { return strings.Contains(w, kind) })
			break
		}
	}
	var b strings.Builder
	b.WriteString(from(d))
	b.WriteString("Văn bản này viện dẫn:")
	for _, c := range cites {
		b.WriteString("\n• " + c.ref)
		if c.words != "" {
			b.WriteString(": “" + c.words + "”")
		}
	}
	return Answer{Directive: d, Intent: IntentMeta, Found: true, Items: []string{}, Units: []string{}, Text: b.String()}, true
}

// citing returns the clause of a directive's text citing a document's
// number, cut to a reasonable length; "" when only a task or a footnote
// cites it.
func citing(d *chidao.Directive, ref string) string {
	key := Fold(strings.ReplaceAll(ref, " ", ""))
	holds := func(s string) bool { return strings.Contains(strings.ReplaceAll(Fold(s), " ", ""), key) }
	for _, l := range strings.Split(d.Source, "\n") {
		if !strings.Contains(l, "/") || !holds(l) {
			continue
		}
		var t string
		for _, cl := range cleanLines(l) {
			t += cl.text
		}
		t = cleanTaskText(t)
		for _, sep := range []string{". ", "; "} {
			for _, part := range strings.SplitAfter(t, sep) {
				if holds(part) {
					t = part
					break
				}
			}
		}
		return strings.TrimRight(firstWords(strings.TrimSpace(t), 40), ".;, ")
	}
	for _, fn := range d.Footnotes {
		if holds(fn.Text) {
			return firstWords(fn.Text, 40)
		}
	}
	return ""
}

// personAsked reports whether a question, as its folded words, asks about
// a person: "ai là trưởng đoàn", "thành viên gồm những ai", "ông (bà)
// nào", "phòng Tư pháp có ai".
func personAsked(ws []string) bool {
	for i := 1; i < len(ws); i++ {
		switch p, w := ws[i-1], ws[i]; {
		case w == "ai" && (p == "la" || p == "nhung" || p == "co" || p == "gom" || p == "con"),
			p == "ai" && w == "la",
			w == "nao" && (p == "nguoi" || p == "ong" || p == "ba"),
			p == "thanh" && w == "vien":
			return true
		}
	}
	return false
}

// members answers a question about the people a directive lists (the
// members of a team): the lines naming those of the unit asked about, or
// holding the words asked ("tổ trưởng"), else every member. False when
// the directive lists no one.
func (ix *Index) members(e *entry, a *analysis) (Answer, bool) {
	d := e.d
	type member struct {
		task int
		line string
	}
	var all []member
	for i, t := range d.Tasks {
		if !e.tasks[i].people {
			continue
		}
		for _, l := range strings.Split(t.Text, "\n") {
			if l = strings.TrimSpace(l); isMember(&node{paras: []string{strings.TrimLeft(l, "0123456789.)- ")}}) {
				all = append(all, member{i, l})
			}
		}
	}
	if len(all) == 0 {
		return Answer{}, false
	}
	var picked []member
	units := len(a.units) > 0
	if units {
		for _, m := range all {
			if overlaps(ix.res.Resolve(m.line), a.units) {
				picked = append(picked, m)
			}
		}
	} else {
		// The lines holding more of the words asked than the others, a
		// pair of them written together counting twice more ("tổ
		// trưởng" is not "trưởng phòng … tổ phó"); "thành viên" are they
		// all.
		best, least := 0, -1
		counts := make([]int, len(all))
		for k, m := range all {
			f := Fold(m.line)
			for i, w := range a.words {
				if w.text == "thanh" || w.text == "vien" || !hasWord(f, w.text) {
					continue
				}
				counts[k]++
				if i > 0 && hasWord(f, a.words[i-1].text+" "+w.text) {
					counts[k] += 2
				}
			}
			best = max(best, counts[k])
			if least < 0 || counts[k] < least {
				least = counts[k]
			}
		}
		for k, m := range all {
			if best == least || counts[k] == best {
				picked = append(picked, m)
			}
		}
	}
	t := d.Tasks[all[0].task]
	ans := Answer{Directive: d, Intent: IntentFree, Found: true, Tasks: []chidao.Task{t}, Items: []string{t.ID}, Units: []string{}}
	var b strings.Builder
	b.WriteString(from(d))
	switch {
	case len(picked) == 0:
		names := ix.unitNames(a.units, a.unitNames)
		b.WriteString("Danh sách tại " + taskName(t) + " không có thành viên nào của " + strings.Join(names, ", ") + ". Danh sách gồm:")
		picked = all
	case units:
		b.WriteString("Theo " + taskName(t) + ":")
		ans.Units = ix.unitNames(a.units, a.unitNames)
	default:
		b.WriteString("Theo " + taskName(t) + ":")
	}
	for _, m := range picked {
		b.WriteString("\n• " + strings.TrimRight(m.line, ";.,"))
	}
	ans.Text = b.String()
	return ans, true
}

// taskName names a task in a reply: "Điều 1", "nhiệm vụ 2".
func taskName(t chidao.Task) string {
	if strings.HasPrefix(t.Section, "Điều ") || strings.HasPrefix(t.Text, "Thành lập") {
		if !strings.Contains(t.ID, ".") {
			return "Điều " + t.ID
		}
	}
	return "nhiệm vụ " + t.ID
}

// amountRe finds an amount of money a text states: "500.000 đồng", "2
// triệu đồng", "1,5 tỷ".
var amountRe = regexp.MustCompile(`\d[\d.,]*\s*(?:dong|d\b|đ\b|trieu|ty|nghin|ngan|vnd|usd)`)

// moneyAsked reports whether a question, as its folded words, asks an
// amount of money: "bao nhiêu tiền", "mức phụ cấp", "lệ phí … bao nhiêu",
// "được hỗ trợ bao nhiêu" (not "hỗ trợ bao nhiêu hộ", a count).
func moneyAsked(ws []string) bool {
	amount, money := false, false
	for i, w := range ws {
		p, next := "", ""
		if i > 0 {
			p = ws[i-1]
		}
		if i+1 < len(ws) {
			next = ws[i+1]
		}
		switch {
		case w == "muc", w == "nhieu" && p == "bao" && amountAfter(next), (w == "trieu" || w == "nghin" || w == "dong") && p == "may":
			amount = true
		}
		switch {
		case w == "tien", w == "phi", w == "luong", w == "thuong", w == "lao" && p == "thu", w == "cap" && (p == "phu" || p == "tro"),
			w == "bu" && p == "den", w == "tro" && p == "ho", w == "phat" && (p == "muc" || p == "tien" || p == "bi" || p == "xu" || next == "bao"), w == "thue",
			w == "von", w == "sach" && p == "ngan", w == "toan" && p == "du", w == "tu" && p == "dau":
			money = true
		}
	}
	return amount && money
}

// percentAsked reports whether a question, as its folded words, asks a
// percentage or a rate: "giảm còn bao nhiêu phần trăm", "tỷ lệ bao nhiêu",
// "mấy %".
func percentAsked(ws []string) bool {
	for i, w := range ws {
		many := w == "nhieu" && i > 0 && ws[i-1] == "bao" || w == "may"
		if !many {
			continue
		}
		if i+2 < len(ws) && ws[i+1] == "phan" && ws[i+2] == "tram" || i+1 < len(ws) && ws[i+1] == "%" {
			return true
		}
		// "tỷ lệ giải ngân phải đạt bao nhiêu"
		if before := ws[max(0, i-8):i]; slices.Contains(before, "ty") && slices.Contains(before, "le") {
			return true
		}
	}
	return false
}

// percentRe finds a percentage a text states: "60%", "10 phần trăm".
var percentRe = regexp.MustCompile(`\d\s*(?:%|phan tram)`)

// amountAfter reports whether the word after "bao nhiêu" leaves it asking
// an amount rather than a count ("bao nhiêu hộ").
func amountAfter(w string) bool {
	switch w {
	case "", "tien", "dong", "trieu", "nghin", "ty", "moi", "mot", "cho", "a", "vay", "the", "nhi", "nhe", "khong", "la", "o", "tai", "neu":
		return true
	}
	return false
}

// passage is a paragraph of a directive's text that is in none of its
// tasks: the context a plan's section on funding gives ("Kinh phí thực
// hiện Kế hoạch được bố trí từ …"), the situation a công văn opens with.
// Only its folded form is kept; passageText finds it as written.
type passage struct {
	folded string   // Fold of its text
	accent []uint32 // the accented word terms it holds (see analyzeText), sorted
}

// maxPassages and maxPassageLen bound the passages kept of a directive.
const (
	maxPassages   = 12
	maxPassageLen = 1200
)

// textParagraphs calls fn with each paragraph of a directive's text that
// no task holds, read again from the text, until fn returns false: the
// context of a directive parsed before it was kept (Directive.Context).
func textParagraphs(d *chidao.Directive, fn func(p string) bool) {
	var block []string
	stop := false
	// The starts of the tasks' paragraphs; a paragraph starting otherwise
	// is looked for in the tasks' text, within a budget: a long text of
	// many items must not cost its length squared.
	starts := map[string]bool{}
	prefix := func(p string) string {
		key := p[:min(len(p), 48)]
		for len(key) > 1 && !utf8.RuneStart(key[len(key)-1]) {
			key = key[:len(key)-1]
		}
		return key
	}
	for _, t := range d.Tasks {
		for _, para := range strings.Split(t.Text, "\n") {
			starts[prefix(strings.TrimSpace(para))] = true
		}
		for _, fn := range t.Footnotes {
			starts[prefix(fn)] = true
		}
	}
	budget := 1 << 22
	flush := func() {
		if len(block) == 0 || stop {
			block = block[:0]
			return
		}
		p := cleanTaskText(strings.Join(block, " "))
		block = block[:0]
		if len(p) < 60 || isUpper(p) {
			return
		}
		f := Fold(p[:min(len(p), 16)])
		if hasPrefixAny(f, "kinh gui", "noi nhan", "so:", "v/v", "cong hoa", "doc lap") || isDateLine(Fold(p)) {
			return
		}
		key := prefix(p)
		if starts[key] {
			return
		}
		for _, t := range d.Tasks {
			if budget -= len(t.Text); budget < 0 || strings.Contains(t.Text, key) ||
				slices.ContainsFunc(t.Footnotes, func(s string) bool { return strings.Contains(s, key) }) {
				return
			}
		}
		stop = !fn(p)
	}
	for _, l := range cleanLines(d.Source) {
		if stop {
			return
		}
		marker := l.text != "" && parseMarker(l.text) != nil
		if l.text == "" || l.bullet || marker {
			flush()
			if l.text == "" || marker {
				continue
			}
		}
		block = append(block, l.text)
		if l.bullet || endsSentence(l.text) && !strings.HasSuffix(l.text, ",") {
			flush()
		}
	}
	flush()
}

// passages returns the paragraphs of a directive's body that no task
// holds, with their accented words as terms of ix (added as needed).
func (ix *Index) passages(d *chidao.Directive, sc *scratch) []passage {
	var out []passage
	contextParagraphs(d, func(p string) bool {
		var acc []uint32
		for _, tk := range tokenize(p, sc.toks[:0]) {
			if orig := p[tk.start:tk.end]; orig != tk.text {
				acc = append(acc, ix.accentTerm(orig, sc))
			}
		}
		slices.Sort(acc)
		out = append(out, passage{folded: Fold(p), accent: slices.Clip(slices.Compact(acc))})
		return true
	})
	return slices.Clip(out)
}

// passageText returns the i-th passage of a directive as written.
func passageText(d *chidao.Directive, i int) string {
	var out string
	k := 0
	contextParagraphs(d, func(p string) bool {
		if k == i {
			out = p
			return false
		}
		k++
		return true
	})
	return out
}

// holds reports whether the passage holds a word of a question: typed
// with marks, with the same marks.
func (p *passage) holds(w qword, accented bool) bool {
	if accented && w.marked {
		_, ok := slices.BinarySearch(p.accent, w.accent)
		return w.accent != 0 && ok
	}
	return hasWord(p.folded, w.text)
}

// coverage returns how much of a question's content a text holds: each
// word once, a word common to directives counting half, and how many of
// its words that are not common it holds.
func coverage(a *analysis, holds func(qword) bool) (float64, int) {
	var cov float64
	strong := 0
	for i, w := range a.words {
		if slices.ContainsFunc(a.words[:i], func(x qword) bool { return x.text == w.text }) || !holds(w) {
			continue
		}
		if w.generic {
			cov += 0.5
			continue
		}
		cov++
		strong++
	}
	return cov, strong
}

// bestPassage returns the passage of a directive holding most of a
// question's content, and its coverage (see coverage); -1 when none holds
// more than half of the question's words that are not common, or any when
// the question has none.
func bestPassage(e *entry, a *analysis, strong int) (int, float64) {
	best, bestCov := -1, 0.0
	for i := range e.passages {
		p := &e.passages[i]
		cov, in := coverage(a, func(w qword) bool { return p.holds(w, a.accented) })
		if strong == 0 || in*2 <= strong || cov <= bestCov {
			continue
		}
		best, bestCov = i, cov
	}
	return best, bestCov
}

// answerPassage answers with what a passage of the directive says.
func answerPassage(e *entry, i int) Answer {
	d := e.d
	return Answer{Directive: d, Intent: IntentFree, Found: true, Items: []string{}, Units: []string{},
		Text: from(d) + "Văn bản ghi: “" + passageText(d, i) + "”"}
}
