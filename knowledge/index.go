package knowledge

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"chidao"
)

// Index holds directives for answering questions: an inverted index over
// folded words, expanded abbreviations and syllable bigrams, scored like
// BM25, first to choose the directive and then its tasks. It is safe for
// concurrent use.
type Index struct {
	mu      sync.RWMutex
	res     *Resolver
	uni     map[string]uint32 // folded word → term
	bi      map[uint64]uint32 // pair of word terms → term
	acc     map[string]uint32 // accented word (ToneKey) → term of its own
	nterms  uint32
	entries []*entry // by slot; nil when free
	free    []int
	byID    map[string]int
	post    [][]dpost // word term → directives holding it
	seq     uint64
	newest  []int // slots, newest first
	totLen  int
}

// dpost is one directive holding a term.
type dpost struct {
	slot uint32
	tf   uint16
}

// tterm is one term of a task with its frequency.
type tterm struct {
	term uint32
	tf   uint16
}

// entry is one indexed directive.
type entry struct {
	d      *chidao.Directive
	seq    uint64
	numKey string   // the digits of the number ("52")
	kind   string   // folded kind ("ke hoach")
	words  []uint32 // word terms it holds, sorted
	accent []uint32 // accented word terms it holds, sorted
	length int
	tasks  []taskDoc
	avgLen float64
}

// taskDoc is one indexed task.
type taskDoc struct {
	terms     []tterm // sorted by term
	length    int
	named     []string // units its assignees name
	mentioned []string // units its text names
}

// NewIndex returns an empty index resolving unit names against units.
func NewIndex(units []chidao.Unit) *Index {
	return &Index{res: NewResolver(units), uni: map[string]uint32{}, bi: map[uint64]uint32{}, acc: map[string]uint32{}, byID: map[string]int{}}
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

// wordTerm returns the term of a folded word, adding it when add is set;
// 0 when unknown.
func (ix *Index) wordTerm(w string, add bool) uint32 {
	if t, ok := ix.uni[w]; ok {
		return t
	}
	if !add {
		return 0
	}
	ix.nterms++
	ix.uni[strings.Clone(w)] = ix.nterms // w shares the memory of a whole text
	for len(ix.post) <= int(ix.nterms) {
		ix.post = append(ix.post, nil)
	}
	return ix.nterms
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
	ix.nterms++
	ix.bi[k] = ix.nterms
	for len(ix.post) <= int(ix.nterms) {
		ix.post = append(ix.post, nil)
	}
	return ix.nterms
}

// analyzeText returns the word terms of a text (abbreviations expanded)
// and its bigram terms.
func (ix *Index) analyzeText(text string, add bool, words, pairs []uint32) ([]uint32, []uint32) {
	var prev uint32
	prevStop := true
	emit := func(w string) {
		t := ix.wordTerm(w, add)
		words = append(words, t)
		stop := isStop(w)
		if !stop && !prevStop {
			if p := ix.pairTerm(prev, t, add); p != 0 {
				pairs = append(pairs, p)
			}
		}
		prev, prevStop = t, stop || t == 0
	}
	for _, tk := range tokenize(text, nil) {
		for _, part := range splitAlnum(tk.text) {
			if exp := expandAbbrev(part); exp != nil {
				for _, e := range exp {
					emit(e)
				}
				continue
			}
			emit(part)
		}
	}
	return words, pairs
}

// splitAlnum splits a word where letters meet digits: "nv5" → "nv", "5".
func splitAlnum(w string) []string {
	cut := -1
	for i := 1; i < len(w); i++ {
		if isDigitByte(w[i]) != isDigitByte(w[i-1]) {
			cut = i
			break
		}
	}
	if cut < 0 {
		return []string{w}
	}
	return append([]string{w[:cut]}, splitAlnum(w[cut:])...)
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// Add indexes a directive, replacing one with the same ID.
func (ix *Index) Add(d *chidao.Directive) {
	if d == nil {
		return
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if s, ok := ix.byID[d.ID]; ok {
		ix.remove(s)
	}
	ix.seq++
	e := &entry{d: d, seq: ix.seq, kind: Fold(d.Kind)}
	if m := leadingDigits(d.Number); m != "" {
		e.numKey = m
	}
	counts := map[uint32]int{}
	dirText := []string{d.Kind, d.Number, d.Subject, d.Subject, strings.Join(d.Recipients, " "), d.Issuer}
	for _, t := range d.Tasks {
		td := taskDoc{}
		text := t.Text + "\n" + t.Section + "\n" + strings.Join(t.Footnotes, "\n")
		ws, ps := ix.analyzeText(text, true, nil, nil)
		tf := map[uint32]int{}
		for _, w := range ws {
			if w != 0 {
				tf[w]++
				counts[w]++
			}
		}
		for _, p := range ps {
			tf[p]++
		}
		td.length = len(ws)
		td.terms = make([]tterm, 0, len(tf))
		for k, v := range tf {
			td.terms = append(td.terms, tterm{k, uint16(min(v, math.MaxUint16))})
		}
		slices.SortFunc(td.terms, func(a, b tterm) int { return int(a.term) - int(b.term) })
		if len(t.Assignees) > 0 {
			td.named = ix.res.Resolve(strings.Join(t.Assignees, "; "))
		}
		td.mentioned = ix.res.Resolve(t.Text)
		e.tasks = append(e.tasks, td)
		e.length += td.length
	}
	accents := map[uint32]bool{}
	for _, s := range append(dirText, collectTexts(d)...) {
		for _, tk := range tokenize(s, nil) {
			if orig := s[tk.start:tk.end]; orig != tk.text {
				k := toneKey(strings.ToLower(orig))
				t, ok := ix.acc[k]
				if !ok {
					t = uint32(len(ix.acc) + 1)
					ix.acc[k] = t
				}
				accents[t] = true
			}
		}
	}
	for t := range accents {
		e.accent = append(e.accent, t)
	}
	slices.Sort(e.accent)
	for _, s := range dirText {
		ws, _ := ix.analyzeText(s, true, nil, nil)
		for _, w := range ws {
			if w != 0 {
				counts[w]++
			}
		}
		e.length += len(ws)
	}
	if len(e.tasks) > 0 {
		e.avgLen = float64(e.length) / float64(len(e.tasks))
	}
	e.words = make([]uint32, 0, len(counts))
	for k := range counts {
		e.words = append(e.words, k)
	}
	slices.Sort(e.words)
	slot := len(ix.entries)
	if n := len(ix.free); n > 0 {
		slot = ix.free[n-1]
		ix.free = ix.free[:n-1]
		ix.entries[slot] = e
	} else {
		ix.entries = append(ix.entries, e)
	}
	ix.byID[d.ID] = slot
	for _, w := range e.words {
		ix.post[w] = append(ix.post[w], dpost{uint32(slot), uint16(min(counts[w], math.MaxUint16))})
	}
	ix.totLen += e.length
	ix.newest = append(ix.newest, slot)
	ix.sortNewest()
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
		ps := ix.post[w]
		for i, p := range ps {
			if int(p.slot) == slot {
				ix.post[w] = append(ps[:i], ps[i+1:]...)
				break
			}
		}
	}
	ix.totLen -= e.length
	delete(ix.byID, e.d.ID)
	ix.entries[slot] = nil
	ix.free = append(ix.free, slot)
	ix.newest = slices.DeleteFunc(ix.newest, func(s int) bool { return s == slot })
}

func (ix *Index) sortNewest() {
	sort.SliceStable(ix.newest, func(i, j int) bool {
		a, b := ix.entries[ix.newest[i]], ix.entries[ix.newest[j]]
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
	})
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

// hasAccent reports whether the directive holds an accented word.
func (e *entry) hasAccent(t uint32) bool {
	_, ok := slices.BinarySearch(e.accent, t)
	return ok
}

// collectTexts returns the texts of a directive's tasks and footnotes.
func collectTexts(d *chidao.Directive) []string {
	out := make([]string, 0, 2*len(d.Tasks))
	for _, t := range d.Tasks {
		out = append(out, t.Text, t.Section)
		out = append(out, t.Footnotes...)
	}
	return out
}

// tf returns a task's frequency of a term.
func (td *taskDoc) tf(t uint32) int {
	i, ok := slices.BinarySearchFunc(td.terms, t, func(a tterm, t uint32) int { return int(a.term) - int(t) })
	if !ok {
		return 0
	}
	return int(td.terms[i].tf)
}

var directiveNameRe = regexp.MustCompile(`(?:^|[^a-z0-9])(cong van|cv|ke hoach|kh|thong bao|tb|quyet dinh|qd|chi thi|ct|van ban|vb|to trinh|bao cao|huong dan|nghi quyet)\s*(?:so\s*)?(\d{1,5})(?:\s*/\s*[a-z0-9\-]+)?(?:[^a-z0-9]|$)|(?:^|[^a-z0-9])(\d{1,5})\s*/\s*(?:\d{4}\s*/\s*)?([a-z]{1,5}(?:\s*-\s*[a-z]{1,8})*)`)
