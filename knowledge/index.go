package knowledge

import (
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"chidao"
)

// Index holds directives for answering questions: an inverted index over
// folded words, expanded abbreviations and syllable bigrams, scored like
// BM25, first to choose the directive and then its tasks. What scoring a
// directive's tasks needs is worked out when it is added. It is safe for
// concurrent use.
type Index struct {
	mu      sync.RWMutex
	res     *Resolver
	intents intentTable
	uni     map[string]uint32 // folded word → term
	words   []string          // term → folded word; "" for a pair
	bi      map[uint64]uint32 // pair of word terms → term
	acc     map[string]uint32 // accented word (ToneKey) → term of its own
	names   map[string]string // the bodies' names directives write (bodyPhrases), each kept once
	entries []*entry          // by slot; nil when free
	free    []int
	byID    map[string]int
	byNum   map[string][]int // digits of a number → slots
	post    [][]dpost        // word term → directives holding it
	seq     uint64
	newest  []int // slots, newest first
	totLen  int

	scratch sync.Pool // *scratch, the buffers of one Add or Ask
}

// dpost is one directive holding a term.
type dpost struct {
	slot uint32
	tf   uint16
}

// tpost is one task holding a term, within a directive.
type tpost struct {
	task uint32
	tf   uint32
}

// entry is one indexed directive.
type entry struct {
	d       *chidao.Directive
	seq     uint64
	numKey  string   // the digits of the number ("52")
	kind    string   // folded kind ("ke hoach")
	words   []uint32 // word terms it holds, sorted
	accent  []uint32 // accented word terms it holds, sorted
	subject []uint32 // word terms of its subject, sorted: what every task is about
	every   []string // unitPhrases of its units: whom a task naming no unit falls to
	abbr    []uint32 // word terms it holds only as what an abbreviation stands for ("TTHC"), sorted
	length  int
	tasks   []taskDoc
	// bodies are the names of the bodies its text writes, sorted (see
	// bodyPhrases).
	bodies []string
	// passages are the paragraphs of its text in no task (see passages).
	passages []passage
	avgLen   float64

	// The tasks holding each term (words and pairs): terms[i]'s are
	// posts[first[i]:first[i+1]], in task order.
	terms []uint32
	first []uint32
	posts []tpost
}

// taskDoc is one indexed task.
type taskDoc struct {
	length    int
	named     []string // units its assignees name
	own       []string // units its assignees name one by one, not as a group
	mentioned []string // units its text names
	bodies    []string // its assignees naming no unit, folded: "to cong tac"
	people    bool     // it lists people by name: the members of a team
}

// scratch holds the buffers of one Add or Ask, reused through Index.scratch.
type scratch struct {
	toks, ctoks []token
	ws, ps, ids []uint32
	triples     []triple
	scores      []float64
	mask        []bool
	abbr        []uint32 // word terms an abbreviation stands for, while a directive is added
	inits       []string // the initials of the bodies a task names
	buf         []byte
}

// triple is a term of a task with its frequency, while a directive is added.
type triple struct {
	term, task, tf uint32
}

// NewIndex returns an empty index resolving unit names against units.
func NewIndex(units []chidao.Unit, groups ...chidao.Group) *Index {
	return newIndex(NewResolver(units, groups...), newIntentTable())
}

// newIndex returns an empty index with a resolver and intent phrases, which
// it only reads: indexes may share them.
func newIndex(res *Resolver, intents intentTable) *Index {
	return &Index{res: res, intents: intents, uni: map[string]uint32{}, words: []string{""},
		bi: map[uint64]uint32{}, acc: map[string]uint32{}, names: map[string]string{}, byID: map[string]int{}, byNum: map[string][]int{}, post: [][]dpost{nil},
		scratch: sync.Pool{New: func() any { return new(scratch) }}}
}

// Resolver returns the index's unit resolver.
func (ix *Index) Resolver() *Resolver { return ix.res }

// Len returns the number of directives held.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.byID)
}

// Directive returns the directive with the ID.
func (ix *Index) Directive(id string) (*chidao.Directive, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s, ok := ix.byID[id]
	if !ok {
		return nil, false
	}
	return ix.entries[s].d, true
}

// Directives returns the directives held, newest first (by date of issue,
// else by the order they were added).
func (ix *Index) Directives() []*chidao.Directive {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make([]*chidao.Directive, 0, len(ix.newest))
	for _, s := range ix.newest {
		out = append(out, ix.entries[s].d)
	}
	return out
}

// newTerm returns a new term for a word ("" for a pair).
func (ix *Index) newTerm(w string) uint32 {
	t := uint32(len(ix.words))
	ix.words = append(ix.words, w)
	ix.post = append(ix.post, nil)
	return t
}

// wordTerm returns the term of a folded word, adding it when add is set;
// 0 when unknown.
func (ix *Index) wordTerm(w string, add bool) uint32 {
	if t, ok := ix.uni[w]; ok {
		return t
	}
	if !add {
		return 0
	}
	w = strings.Clone(w) // w shares the memory of a whole text
	t := ix.newTerm(w)
	ix.uni[w] = t
	return t
}

func (ix *Index) pairTerm(a, b uint32, add bool) uint32 {
	if a == 0 || b == 0 {
		return 0
	}
	k := uint64(a)<<32 | uint64(b)
	if t, ok := ix.bi[k]; ok {
		return t
	}
	if !add {
		return 0
	}
	t := ix.newTerm("")
	ix.bi[k] = t
	return t
}

// analyzeText appends the word terms of a text (abbreviations expanded) to
// words, its bigram terms to pairs and the term of each word written with
// diacritics or capitals (its ToneKey) to accents; toks are the text's
// words (tokenize).
func (ix *Index) analyzeText(text string, toks []token, words, pairs, accents []uint32, sc *scratch) ([]uint32, []uint32, []uint32) {
	var prev uint32
	prevStop := true
	emit := func(w string) {
		t := ix.wordTerm(w, true)
		words = append(words, t)
		stop := isStop(w)
		if !stop && !prevStop {
			if p := ix.pairTerm(prev, t, true); p != 0 {
				pairs = append(pairs, p)
			}
		}
		prev, prevStop = t, stop || t == 0
	}
	for _, tk := range toks {
		if orig := text[tk.start:tk.end]; orig != tk.text {
			accents = append(accents, ix.accentTerm(orig, sc))
		}
		for rest := tk.text; rest != ""; {
			var part string
			part, rest = cutAlnum(rest)
			if exp := expandAbbrev(part); exp != nil {
				for _, e := range exp {
					emit(e)
					sc.abbr = append(sc.abbr, words[len(words)-1])
				}
				continue
			}
			emit(part)
		}
	}
	return words, pairs, accents
}

// cutAlnum cuts a word where letters meet digits: "nv5" → "nv", "5".
func cutAlnum(w string) (string, string) {
	for i := 1; i < len(w); i++ {
		if isDigitByte(w[i]) != isDigitByte(w[i-1]) {
			return w[:i], w[i:]
		}
	}
	return w, ""
}

// splitAlnum splits a word where letters meet digits: "nv5" → "nv", "5".
func splitAlnum(w string) []string {
	var out []string
	for w != "" {
		var part string
		part, w = cutAlnum(w)
		out = append(out, part)
	}
	return out
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// counted sorts ids and returns each distinct one with how many times it
// occurs, appended to dst.
func counted(ids []uint32, dst []triple, task uint32) []triple {
	slices.Sort(ids)
	for i := 0; i < len(ids); {
		j := i + 1
		for j < len(ids) && ids[j] == ids[i] {
			j++
		}
		dst = append(dst, triple{term: ids[i], task: task, tf: uint32(min(j-i, math.MaxUint16))})
		i = j
	}
	return dst
}

// Add indexes a directive, replacing one with the same ID. A directive the
// index cannot read (a panic on it: a bug this input meets) is an error
// wrapping ErrInternal and leaves the index as it was.
func (ix *Index) Add(d *chidao.Directive) error {
	if d == nil {
		return nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	e, words, err := ix.entryOf(d)
	if err != nil {
		return err
	}
	if s, ok := ix.byID[d.ID]; ok {
		ix.remove(s)
	}
	ix.register(e, words)
	return nil
}

// entryOf analyses a directive into its index entry and its words with
// their counts, touching nothing of the index but its scratch space and
// sequence.
func (ix *Index) entryOf(d *chidao.Directive) (e *entry, words []triple, err error) {
	defer recovered(&err, "index "+d.ID)
	sc := ix.scratch.Get().(*scratch)
	defer ix.scratch.Put(sc)
	sc.abbr = sc.abbr[:0]
	ix.seq++
	e = &entry{d: d, seq: ix.seq, kind: Fold(d.Kind), numKey: leadingDigits(d.Number), tasks: make([]taskDoc, len(d.Tasks)),
		every: unitPhrases(d, d.Units, ix.res)}
	eb := &entryBuild{ix: ix, e: e, sc: sc, triples: sc.triples[:0]}
	for i, t := range d.Tasks {
		eb.task(i, t)
	}
	eb.header()
	eb.names()
	e.passages = ix.passages(d, sc)
	if len(e.tasks) > 0 {
		e.avgLen = float64(e.length) / float64(len(e.tasks))
	}
	slices.Sort(eb.accents)
	e.accent = slices.Compact(eb.accents)
	slices.Sort(sc.abbr)
	e.abbr = slices.Clone(slices.Compact(sc.abbr))
	eb.postings()
	words = counted(eb.dirWords, nil, 0)
	e.words = make([]uint32, len(words))
	for k, w := range words {
		e.words[k] = w.term
	}
	return e, words, nil
}

// entryBuild is a directive being analysed into its index entry.
type entryBuild struct {
	ix       *Index
	e        *entry
	sc       *scratch
	dirWords []uint32 // every word term, once per occurrence
	accents  []uint32
	triples  []triple
}

// task analyses the i-th task: its words, pairs and the initials of the
// bodies it names ("stnmt") as its terms, and the units it concerns.
func (eb *entryBuild) task(i int, t chidao.Task) {
	ix, sc := eb.ix, eb.sc
	text := t.Text + "\n" + t.Section + "\n" + strings.Join(t.Footnotes, "\n")
	toks := tokenize(text, sc.toks[:0])
	var ws, ps []uint32
	ws, ps, eb.accents = ix.analyzeText(text, toks, sc.ws[:0], sc.ps[:0], eb.accents, sc)
	ids := sc.ids[:0]
	for _, w := range ws {
		if w != 0 {
			ids = append(ids, w)
			eb.dirWords = append(eb.dirWords, w)
		}
	}
	ids = append(ids, ps...)
	sc.inits = unitInitialisms(text, toks, sc.inits[:0])
	for _, w := range sc.inits {
		t := ix.wordTerm(w, true)
		ids = append(ids, t)
		eb.dirWords = append(eb.dirWords, t)
	}
	eb.triples = counted(ids, eb.triples, uint32(i))
	sc.ws, sc.ps, sc.ids = ws, ps, ids
	td := &eb.e.tasks[i]
	td.length = len(ws)
	eb.units(td, t, text, toks)
	td.people = listsPeople(t.Text)
	eb.e.length += td.length
}

// units reads the units a task concerns: those its assignees name, own
// and by group, narrowed as the parser narrowed them ("các xã còn lại",
// who executes a decision, a plan's purpose); the bodies outside the
// units it is given to; the units its text names (Resolve(t.Text), from
// the words already read, those of t.Text coming first).
func (eb *entryBuild) units(td *taskDoc, t chidao.Task, text string, toks []token) {
	ix, sc := eb.ix, eb.sc
	if len(t.Assignees) > 0 {
		names := strings.Join(t.Assignees, "; ")
		ms := ix.res.scan(ix.res.doc, names, canonTokens(names))
		notGiven := func(c string) bool { return !slices.Contains(t.AssigneeUnits, c) }
		td.named = slices.DeleteFunc(ix.res.order(ms), notGiven)
		ms = slices.DeleteFunc(ms, func(m unitMatch) bool { return m.group && !m.list })
		td.own = slices.DeleteFunc(ix.res.order(ms), notGiven)
		if len(td.named) == 0 {
			for _, n := range t.Assignees {
				td.bodies = append(td.bodies, Fold(n))
			}
		}
	}
	k := sort.Search(len(toks), func(k int) bool { return toks[k].end > len(t.Text) })
	ct := canon(append(sc.ctoks[:0], toks[:k]...))
	td.mentioned = ix.res.order(ix.res.scan(ix.res.doc, text, ct))
	sc.toks, sc.ctoks = toks, ct
}

// header analyses the subject (twice: it says most), the kind, the
// number, the recipients and the issuer as the directive's words.
func (eb *entryBuild) header() {
	ix, sc, e, d := eb.ix, eb.sc, eb.e, eb.e.d
	for k, s := range []string{d.Subject, d.Subject, d.Kind, d.Number, strings.Join(d.Recipients, " "), d.Issuer} {
		ws, _, acc := ix.analyzeText(s, tokenize(s, sc.toks[:0]), sc.ws[:0], sc.ps[:0], eb.accents, sc)
		eb.accents = acc
		for _, w := range ws {
			if w != 0 {
				eb.dirWords = append(eb.dirWords, w)
				if k == 0 {
					e.subject = append(e.subject, w)
				}
			}
		}
		e.length += len(ws)
		sc.ws = ws
	}
	slices.Sort(e.subject)
	e.subject = slices.Clip(slices.Compact(e.subject))
}

// names keeps the names of the bodies the text writes, each once in the
// index.
func (eb *entryBuild) names() {
	e, ix, d := eb.e, eb.ix, eb.e.d
	e.bodies = slices.Clip(bodyPhrases(d.Source, tokenize(d.Source, eb.sc.toks[:0]), nil))
	for i, b := range e.bodies {
		if s, ok := ix.names[b]; ok {
			e.bodies[i] = s
		} else {
			ix.names[b] = b
		}
	}
}

// postings lays out the directive's postings, by term then task.
func (eb *entryBuild) postings() {
	e, triples := eb.e, eb.triples
	slices.SortFunc(triples, func(a, b triple) int {
		if a.term != b.term {
			return int(a.term) - int(b.term)
		}
		return int(a.task) - int(b.task)
	})
	e.posts = make([]tpost, len(triples))
	for k, tr := range triples {
		if k == 0 || tr.term != triples[k-1].term {
			e.terms = append(e.terms, tr.term)
			e.first = append(e.first, uint32(k))
		}
		e.posts[k] = tpost{task: tr.task, tf: tr.tf}
	}
	e.first = append(e.first, uint32(len(triples)))
	e.terms, e.first = slices.Clip(e.terms), slices.Clip(e.first)
	eb.sc.triples = triples
}

// register adds an analysed entry, with its words' counts, to the index's
// postings.
func (ix *Index) register(e *entry, words []triple) {
	d := e.d
	slot := len(ix.entries)
	if n := len(ix.free); n > 0 {
		slot = ix.free[n-1]
		ix.free = ix.free[:n-1]
		ix.entries[slot] = e
	} else {
		ix.entries = append(ix.entries, e)
	}
	ix.byID[d.ID] = slot
	ix.byNum[e.numKey] = append(ix.byNum[e.numKey], slot)
	for _, w := range words {
		ix.post[w.term] = append(ix.post[w.term], dpost{uint32(slot), uint16(w.tf)})
	}
	ix.totLen += e.length
	ix.insertNewest(slot)
}

// Remove drops the directive with the ID.
func (ix *Index) Remove(id string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if s, ok := ix.byID[id]; ok {
		ix.remove(s)
	}
}

func (ix *Index) remove(slot int) {
	e := ix.entries[slot]
	for _, w := range e.words {
		ix.post[w] = slices.DeleteFunc(ix.post[w], func(p dpost) bool { return int(p.slot) == slot })
	}
	ix.totLen -= e.length
	delete(ix.byID, e.d.ID)
	if ss := slices.DeleteFunc(ix.byNum[e.numKey], func(s int) bool { return s == slot }); len(ss) > 0 {
		ix.byNum[e.numKey] = ss
	} else {
		delete(ix.byNum, e.numKey)
	}
	ix.entries[slot] = nil
	ix.free = append(ix.free, slot)
	ix.newest = slices.DeleteFunc(ix.newest, func(s int) bool { return s == slot })
}

// newer reports whether entry a comes before b among the newest: by date of
// issue (the year's first day when only the year is known), then by the
// order they were added.
func newer(a, b *entry) bool {
	da, db := a.d.Issued, b.d.Issued
	if da.IsZero() && a.d.Year > 0 {
		da = chidao.Date{Year: a.d.Year, Month: 1, Day: 1}
	}
	if db.IsZero() && b.d.Year > 0 {
		db = chidao.Date{Year: b.d.Year, Month: 1, Day: 1}
	}
	if c := da.Compare(db); c != 0 {
		return c > 0
	}
	return a.seq > b.seq
}

// insertNewest puts a slot in its place among the newest.
func (ix *Index) insertNewest(slot int) {
	e := ix.entries[slot]
	i := sort.Search(len(ix.newest), func(i int) bool { return newer(e, ix.entries[ix.newest[i]]) })
	ix.newest = slices.Insert(ix.newest, i, slot)
}

// leadingDigits returns the digits a document number starts with.
func leadingDigits(n string) string {
	i := strings.IndexFunc(n, func(r rune) bool { return !unicode.IsDigit(r) })
	if i < 0 {
		return n
	}
	return n[:i]
}

// has reports whether the directive holds a term.
func (e *entry) has(t uint32) bool {
	_, ok := slices.BinarySearch(e.words, t)
	return ok
}

// fromAbbrev reports whether the directive holds a word term as what an
// abbreviation it writes stands for: "thủ tục" of "TTHC", written with no
// marks.
func (e *entry) fromAbbrev(t uint32) bool {
	_, ok := slices.BinarySearch(e.abbr, t)
	return ok
}

// hasAccent reports whether the directive holds an accented word.
func (e *entry) hasAccent(t uint32) bool {
	_, ok := slices.BinarySearch(e.accent, t)
	return ok
}

// taskHas reports whether the directive's task i holds a term.
func (e *entry) taskHas(t uint32, i int) bool {
	ps := e.postings(t)
	_, ok := slices.BinarySearchFunc(ps, uint32(i), func(p tpost, task uint32) int { return int(p.task) - int(task) })
	return ok
}

// postings returns the tasks of the directive holding a term.
func (e *entry) postings(t uint32) []tpost {
	i, ok := slices.BinarySearch(e.terms, t)
	if !ok {
		return nil
	}
	return e.posts[e.first[i]:e.first[i+1]]
}

// appendToneKey appends the ToneKey of a word of NFC text to dst.
func appendToneKey(dst []byte, s string) []byte {
	tone := 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			if tone > 0 {
				dst = append(dst, byte('0'+tone))
				tone = 0
			}
			dst = append(dst, ' ')
			continue
		}
		base, t := toneOf(unicode.ToLower(r))
		if t > 0 {
			tone = t
		}
		dst = utf8.AppendRune(dst, base)
	}
	if tone > 0 {
		dst = append(dst, byte('0'+tone))
	}
	return dst
}

// directiveNameRe finds a directive named by kind and number ("công văn
// 123", "kh 52") or by its full number ("52/KH-UBND"). It is anchored, after
// (?:^|[^a-z0-9]) (see findAfterSep).
var directiveNameRe = anchored(`(cong van|cv|ke hoach|kh|thong bao|tb|quyet dinh|qd|chi thi|ct|van ban|vb|to trinh|bao cao|huong dan|nghi quyet)\s*(?:so\s*)?(\d{1,5})(?:\s*/\s*[a-z0-9\-]+)?(?:[^a-z0-9]|$)|(\d{1,5})\s*/\s*(?:\d{4}\s*/\s*)?([a-z]{1,5}(?:\s*-\s*[a-z]{1,8})*)`)

// listsPeople reports whether a task's text lists people by name, one a
// line, as the members of a team are ("1. Bà Lương Thị Hạnh, … - Trưởng
// đoàn;").
func listsPeople(text string) bool {
	n := 0
	for rest := text; rest != "" && n < 2; {
		var l string
		l, rest, _ = strings.Cut(rest, "\n")
		if l = strings.TrimLeft(l, "0123456789.)- "); l != "" && isMember(&node{paras: []string{l}}) {
			n++
		}
	}
	return n >= 2
}

// accentTerm returns the term of a word as written with its marks, adding
// it to the index's accented terms when new.
func (ix *Index) accentTerm(orig string, sc *scratch) uint32 {
	sc.buf = appendToneKey(sc.buf[:0], orig)
	t, ok := ix.acc[string(sc.buf)]
	if !ok {
		t = uint32(len(ix.acc) + 1)
		ix.acc[string(sc.buf)] = t
	}
	return t
}
