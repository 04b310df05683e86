package knowledge

import (
	"strings"

	"chidao"
)

// Resolver maps the names directives and people use for units to the units'
// codes: full names and aliases, with or without diacritics, with "&", "và"
// and "-" alike, the words "UBND" and "huyện" optional, and the groups
// ("các phòng chuyên môn", "UBND các xã, thị trấn"). The longest name wins.
type Resolver struct {
	units  []chidao.Unit
	byCode map[string]int
	doc    *trie // names as documents write them
	user   *trie // also bare names ("an sơn", "nội vụ") for people naming their unit

	titles     [][]string // titleWords
	allPhrases [][]string // allUnitsPhrases

	targets map[string][]string // trie target → the unit codes it names (expandTarget)
}

// trie is a word trie of unit names; a node's target is a unit code, a group
// ("@" + group), a kind ("#" + kind), or "" (no name ends here), or "!"
// (a name shared by two units, so it names neither).
type trie struct {
	next   map[string]*trie
	target string
}

func (t *trie) add(words []string, target string) {
	n := t
	for _, w := range words {
		if n.next == nil {
			n.next = map[string]*trie{}
		}
		c := n.next[w]
		if c == nil {
			c = &trie{}
			n.next[w] = c
		}
		n = c
	}
	switch {
	case n.target == "":
		n.target = target
	case n.target != target && target[0] != '@' && target[0] != '#' && n.target[0] != '@' && n.target[0] != '#':
		n.target = "!"
	}
}

// longest returns the length (in words) and target of the longest name
// starting at words[i].
func (t *trie) longest(words []ctoken, i int) (int, string) {
	n, best, target := t, 0, ""
	for j := i; j < len(words); j++ {
		c := n.next[words[j].text]
		if c == nil {
			break
		}
		n = c
		if n.target != "" && n.target != "!" {
			best, target = j-i+1, n.target
		}
	}
	return best, target
}

// longestAfter returns the length (in words of words[i:]) and target of
// the longest name that starts with the words head and goes on with
// words[i:]: "Phòng" + "Tư pháp" in "các phòng: Nội vụ, Tư pháp".
func (t *trie) longestAfter(head []string, words []ctoken, i int) (int, string) {
	n := t
	for _, w := range head {
		if n = n.next[w]; n == nil {
			return 0, ""
		}
	}
	return n.longest(words, i)
}

// ctoken is a word of a unit name or of text being resolved, in canonical
// form: folded, "ủy ban nhân dân" as "ubnd", "hội đồng nhân dân" as "hdnd",
// and "và" dropped.
type ctoken = token

// canonTokens returns the canonical words of s with their byte offsets.
func canonTokens(s string) []ctoken { return canon(tokenize(s, nil)) }

// canon turns words into canonical words, in place.
func canon(toks []token) []ctoken {
	out := toks[:0] // written no faster than read
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.text {
		case "va":
			continue
		case "uy":
			if seqAt(toks, i, "uy", "ban", "nhan", "dan") {
				out = append(out, ctoken{start: t.start, end: toks[i+3].end, text: "ubnd"})
				i += 3
				continue
			}
		case "hoi":
			if seqAt(toks, i, "hoi", "dong", "nhan", "dan") {
				out = append(out, ctoken{start: t.start, end: toks[i+3].end, text: "hdnd"})
				i += 3
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// canonFolded is canonTokens of a text folded with foldMapped: the words
// are read in the folded text, where most are already folded, and their
// offsets are in the original.
func canonFolded(f folded) []ctoken {
	toks := canon(tokenize(f.text, nil))
	for i := range toks {
		toks[i].start, toks[i].end = f.at(toks[i].start), f.at(toks[i].end)
	}
	return toks
}

func seqAt(toks []token, i int, words ...string) bool {
	if i+len(words) > len(toks) {
		return false
	}
	for k, w := range words {
		if toks[i+k].text != w {
			return false
		}
	}
	return true
}

func words(s string) []string {
	ct := canonTokens(s)
	out := make([]string, len(ct))
	for i, t := range ct {
		out[i] = t.text
	}
	return out
}

// NewResolver returns a resolver for the units.
func NewResolver(units []chidao.Unit) *Resolver {
	r := &Resolver{units: units, byCode: map[string]int{}, doc: &trie{}, user: &trie{},
		titles: phraseList(titleWords), allPhrases: phraseList(allUnitsPhrases)}
	groups := map[string]bool{}
	kinds := map[chidao.UnitKind]bool{}
	for i, u := range units {
		r.byCode[u.Code] = i
		for _, g := range u.Groups {
			groups[g] = true
		}
		kinds[u.Kind] = true
		for _, name := range append([]string{u.Name}, u.Aliases...) {
			w := words(name)
			if len(w) == 0 {
				continue
			}
			for _, v := range nameVariants(w) {
				r.doc.add(v, u.Code)
				r.user.add(v, u.Code)
				if b := bareName(v); len(b) > 0 {
					r.user.add(b, u.Code)
				}
			}
		}
	}
	addGroup := func(phrase, target string) {
		w := words(phrase)
		for _, t := range []*trie{r.doc, r.user} {
			t.add(w, target)
			t.add(append([]string{"ubnd"}, w...), target)
			t.add(append([]string{"chu", "tich", "ubnd"}, w...), target)
		}
	}
	for g := range groups {
		addGroup("các "+strings.ReplaceAll(g, "-", " "), "@"+g)
	}
	if groups["phong-chuyen-mon"] {
		for _, p := range []string{"các phòng, ban", "các phòng, ban chuyên môn", "các cơ quan chuyên môn",
			"các cơ quan, đơn vị thuộc UBND huyện", "các cơ quan, đơn vị trực thuộc UBND huyện",
			"các cơ quan, đơn vị thuộc huyện", "các cơ quan, đơn vị trực thuộc huyện",
			"các cơ quan chuyên môn trực thuộc UBND huyện", "các phòng, ban thuộc UBND huyện",
			"các phòng, ban, ngành", "các cơ quan chuyên môn thuộc UBND huyện", "các phòng chuyên môn thuộc UBND huyện",
			"các phòng chuyên môn trực thuộc UBND huyện", "các phòng, ban chuyên môn thuộc UBND huyện",
			"thủ trưởng các phòng chuyên môn", "trưởng các phòng chuyên môn", "các phòng chuyên môn"} {
			addGroup(p, "@phong-chuyen-mon")
		}
	}
	if kinds[chidao.KindXa] {
		addGroup("các xã", "#xa")
		addGroup("cấp xã", "#xa+thi-tran")
		addGroup("các xã, thị trấn", "#xa+thi-tran")
		addGroup("các xã, thị trấn trên địa bàn huyện", "#xa+thi-tran")
		addGroup("các xã, thị trấn trên địa bàn", "#xa+thi-tran")
	}
	if kinds[chidao.KindThiTran] {
		addGroup("các thị trấn", "#thi-tran")
	}
	r.targets = map[string][]string{}
	r.doc.walk(func(target string) { r.targets[target] = r.expandTarget(target) })
	r.user.walk(func(target string) { r.targets[target] = r.expandTarget(target) })
	return r
}

// walk calls fn with the target of each node naming a unit, a group or a
// kind.
func (t *trie) walk(fn func(target string)) {
	if t.target != "" && t.target != "!" {
		fn(t.target)
	}
	for _, c := range t.next {
		c.walk(fn)
	}
}

// nameVariants returns a unit name with and without its optional words:
// a leading "UBND" and a trailing "huyện".
func nameVariants(w []string) [][]string {
	out := [][]string{w}
	if len(w) > 1 && w[0] == "ubnd" {
		out = append(out, w[1:])
	}
	for _, v := range out {
		if len(v) > 1 && v[len(v)-1] == "huyen" {
			out = append(out, v[:len(v)-1])
		}
	}
	return out
}

// bareName returns a name without the word saying what kind of unit it is
// ("xã", "thị trấn", "phòng"), or nil.
func bareName(w []string) []string {
	switch {
	case len(w) > 2 && w[0] == "thi" && w[1] == "tran":
		return w[2:]
	case len(w) > 1 && (w[0] == "xa" || w[0] == "phong" || w[0] == "tt"):
		return w[1:]
	}
	return nil
}

// Unit returns the unit with the code.
func (r *Resolver) Unit(code string) (chidao.Unit, bool) {
	i, ok := r.byCode[code]
	if !ok {
		return chidao.Unit{}, false
	}
	return r.units[i], true
}

// Units returns the resolver's units in their configured order.
func (r *Resolver) Units() []chidao.Unit { return r.units }

// Name returns the name of the unit with the code, or the code itself.
func (r *Resolver) Name(code string) string {
	if u, ok := r.Unit(code); ok {
		return u.Name
	}
	return code
}

// unitMatch is one name found in a text.
type unitMatch struct {
	start, end int      // byte offsets of the name in the text
	first, n   int      // its words: canonical tokens first..first+n-1
	codes      []string // the units it names
	group      bool     // it names a group or a kind, not one unit
	list       bool     // it names units one by one ("các phòng: Nội vụ, Tư pháp")
}

// listHead reports whether the words at toks[i] open a list of units
// that share the word saying what kind they are, written once before a
// colon: "các phòng: Nội vụ, Tư pháp", "Chủ tịch UBND các xã: An Sơn, Hữu
// Lễ". It returns that word as unit names write it ("phong", "xa") and the
// index of the list's first item. text is what toks were read from.
func listHead(text string, toks []ctoken, i int) ([]string, int, bool) {
	j := i
	if seqAt(toks, j, "chu", "tich") {
		j += 2
	}
	if j < len(toks) && toks[j].text == "ubnd" {
		j++
	}
	if j < len(toks) && toks[j].text == "cac" {
		j++
	}
	var head []string
	switch {
	case j < len(toks) && (toks[j].text == "phong" || toks[j].text == "xa"):
		head = []string{toks[j].text}
		j++
	case seqAt(toks, j, "thi", "tran"):
		head = []string{"thi", "tran"}
		j += 2
	default:
		return nil, 0, false
	}
	if j >= len(toks) || !strings.Contains(text[toks[j-1].end:toks[j].start], ":") {
		return nil, 0, false
	}
	return head, j, true
}

// listItems reads the items of a list opened by listHead at toks[i]: each
// item a unit's name without its head word, separated by commas,
// semicolons or "và". It returns the codes of the units named and the
// index of the word after the last item read (i when none).
func (r *Resolver) listItems(t *trie, text string, toks []ctoken, head []string, i int) ([]string, int) {
	var codes []string
	end := i
	for k := i; k < len(toks); {
		n, target := t.longestAfter(head, toks, k)
		if n == 0 {
			break
		}
		codes = append(codes, r.expand(target)...)
		k += n
		if k < len(toks) && toks[k].text == "huyen" {
			k++
		}
		end = k
		if k >= len(toks) {
			break
		}
		// "và" is not a canonical word: it stands in the gap.
		if gap := text[toks[k-1].end:toks[k].start]; !strings.ContainsAny(gap, ",;") && !strings.Contains(" "+Fold(gap)+" ", " va ") {
			break
		}
	}
	return codes, end
}

// scan finds the unit names in a text (toks are its canonical words, text
// what they were read from), left to right, longest first; a list sharing
// its head word ("các phòng: Nội vụ, Tư pháp") is one match.
func (r *Resolver) scan(t *trie, text string, toks []ctoken) []unitMatch {
	var out []unitMatch
	for i := 0; i < len(toks); {
		if head, first, ok := listHead(text, toks, i); ok {
			if codes, end := r.listItems(t, text, toks, head, first); end > first {
				out = append(out, unitMatch{start: toks[i].start, end: toks[end-1].end, first: i, n: end - i, codes: codes, group: len(codes) > 1, list: true})
				i = end
				continue
			}
		}
		n, target := t.longest(toks, i)
		if n == 0 {
			i++
			continue
		}
		end := toks[i+n-1].end
		k := i + n
		if k < len(toks) && toks[k].text == "huyen" {
			end = toks[k].end
			k++
		}
		out = append(out, unitMatch{start: toks[i].start, end: end, first: i, n: k - i,
			codes: r.expand(target), group: target[0] == '@' || target[0] == '#'})
		i = k
	}
	return out
}

// expand returns the unit codes a trie target names, in configured order.
// The slice is shared: callers must not change it.
func (r *Resolver) expand(target string) []string {
	if codes, ok := r.targets[target]; ok {
		return codes
	}
	return r.expandTarget(target)
}

// expandTarget works out the unit codes a trie target names, in configured
// order.
func (r *Resolver) expandTarget(target string) []string {
	switch target[0] {
	case '@':
		g := target[1:]
		var out []string
		for _, u := range r.units {
			if u.InGroup(g) {
				out = append(out, u.Code)
			}
		}
		return out
	case '#':
		kinds := strings.Split(target[1:], "+")
		var out []string
		for _, u := range r.units {
			for _, k := range kinds {
				if string(u.Kind) == k {
					out = append(out, u.Code)
				}
			}
		}
		return out
	}
	return []string{target}
}

// Resolve returns the codes of the units a recipient line or an assignee
// phrase names, in configured order: "UBND các xã, thị trấn" gives every
// commune and town, "Phòng Nội vụ huyện" gives phong-noi-vu, "các phòng
// chuyên môn" the group's units. A text naming no unit gives nil.
func (r *Resolver) Resolve(text string) []string {
	return r.order(r.scan(r.doc, text, canonTokens(text)))
}

// order returns the codes the matches name, once each, in configured order.
func (r *Resolver) order(ms []unitMatch) []string {
	if len(ms) == 0 {
		return nil
	}
	seen := map[string]bool{}
	for _, m := range ms {
		for _, c := range m.codes {
			seen[c] = true
		}
	}
	var out []string
	for _, u := range r.units {
		if seen[u.Code] {
			out = append(out, u.Code)
		}
	}
	return out
}

// Match returns the one unit a person names when typing their unit ("xa an
// son", "Phòng TC-KH", "nội vụ"); false when the text names no unit or
// several.
func (r *Resolver) Match(text string) (chidao.Unit, bool) {
	ms := r.scan(r.user, text, canonTokens(text))
	code := ""
	for _, m := range ms {
		if m.group {
			continue
		}
		if code != "" && code != m.codes[0] {
			return chidao.Unit{}, false
		}
		code = m.codes[0]
	}
	if code == "" {
		return chidao.Unit{}, false
	}
	return r.Unit(code)
}
