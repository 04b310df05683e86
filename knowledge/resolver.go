package knowledge

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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
	level   chidao.Level        // the tier the units serve (listLevel)
}

// listLevel is the tier a unit list serves, read from its units: a list
// with a province's departments (sở) is a province's; one with communes
// or towns a district's (before 2025); one whose communes are retired, or
// with villages or a service centre, a commune's (after 2025); any other a
// district's, as the lists before the reform were.
func listLevel(units []chidao.Unit) chidao.Level {
	var province, district, commune bool
	for _, u := range units {
		switch k := u.Kind; {
		case u.Current() && k == chidao.KindSo:
			province = true
		case u.Current() && (k == chidao.KindXa || k == chidao.KindThiTran):
			district = true
		case k == chidao.KindXa || k == chidao.KindThiTran || k == chidao.KindThon || k == chidao.KindToDanPho || k == chidao.KindTrungTam:
			commune = true
		}
	}
	switch {
	case province:
		return chidao.LevelTinh
	case district || !commune:
		return chidao.LevelHuyen
	}
	return chidao.LevelXa
}

// levelWords are the words after a group's name that say whose it is:
// "các phòng chuyên môn thuộc UBND huyện", "các phòng, ban xã".
var levelWords = map[string]chidao.Level{"tinh": chidao.LevelTinh, "huyen": chidao.LevelHuyen, "xa": chidao.LevelXa, "phuong": chidao.LevelXa}

// otherLevel reports whether the words at toks[k] put the name before
// them at another tier than the list's: "(trực) thuộc (UBND) huyện" after
// "các phòng chuyên môn" in a commune's list, "huyện" after "Phòng Kinh
// tế".
func (r *Resolver) otherLevel(toks []ctoken, k int) bool {
	for _, w := range []string{"truc", "thuoc", "ubnd"} {
		if k < len(toks) && toks[k].text == w {
			k++
		}
	}
	if k >= len(toks) {
		return false
	}
	l, ok := levelWords[toks[k].text]
	return ok && l != r.level
}

// trie is a word trie of unit names; a node's target is a unit code, a group
// ("@" + group), a kind ("#" + kind), or "" (no name ends here), or "!"
// (a name shared by two units, so it names neither).
type trie struct {
	next   map[string]*trie
	target string
}

// node returns the node words lead to, adding the nodes missing.
func (t *trie) node(words []string) *trie {
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
	return n
}

func (t *trie) add(words []string, target string) {
	n := t.node(words)
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

// canon turns words into canonical words, in place. "P." before a name is
// "Phòng" ("P.NV", "P.TN&MT").
func canon(toks []token) []ctoken {
	out := toks[:0] // written no faster than read
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.text {
		case "va":
			continue
		case "p":
			if i+1 < len(toks) && toks[i+1].start == t.end+1 && !isDigitByte(toks[i+1].text[0]) {
				out = append(out, ctoken{start: t.start, end: t.end, text: "phong"})
				continue
			}
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
func NewResolver(units []chidao.Unit, named ...chidao.Group) *Resolver {
	r := &Resolver{units: units, byCode: map[string]int{}, doc: &trie{}, user: &trie{}, level: listLevel(units),
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
	// Names derived from the configured ones, for the units whose name
	// opens with "Phòng": the initials ("Phòng TN&MT", "P.NV") and the name
	// cut after one of its parts ("Phòng Nông nghiệp" of "Phòng Nông
	// nghiệp và PTNT"). A derived name never hides a configured one, and
	// one shared by two units names neither.
	derived := map[*trie]bool{}
	for _, u := range units {
		for _, name := range append([]string{u.Name}, u.Aliases...) {
			for _, v := range derivedNames(name) {
				r.doc.addDerived(v, u.Code, derived)
				r.user.addDerived(v, u.Code, derived)
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
	for _, g := range named {
		for _, name := range append([]string{g.Name}, g.Aliases...) {
			addGroup(name, "@"+g.Code)
		}
	}
	if groups["phong-chuyen-mon"] {
		for _, p := range []string{"các phòng, ban", "các phòng, ban chuyên môn", "các cơ quan chuyên môn",
			"thủ trưởng các phòng chuyên môn", "trưởng các phòng chuyên môn", "các phòng chuyên môn"} {
			addGroup(p, "@phong-chuyen-mon")
		}
	}
	for _, kg := range kindGroups {
		if kinds[kg.kind] {
			for _, p := range kg.phrases {
				addGroup(p, kg.target)
			}
		}
	}
	r.targets = map[string][]string{}
	r.doc.walk(func(target string) { r.targets[target] = r.expandTarget(target) })
	r.user.walk(func(target string) { r.targets[target] = r.expandTarget(target) })
	return r
}

// kindGroups are the ways directives address every unit of some kinds:
// "UBND các xã, thị trấn" before 2025, "UBND các xã, phường, đặc khu"
// after; a phrase is known when the list has a unit of its kind. A kind
// target ("#xa+phuong") names the current units of those kinds, or the
// retired ones when none is current: "UBND các huyện" in a directive of
// 2020 names the districts that were.
var kindGroups = []struct {
	kind    chidao.UnitKind
	target  string
	phrases []string
}{
	{chidao.KindXa, "#xa", []string{"các xã"}},
	{chidao.KindXa, "#xa+thi-tran", []string{"các xã, thị trấn", "các xã, thị trấn trên địa bàn huyện", "các xã, thị trấn trên địa bàn"}},
	{chidao.KindXa, "#xa+thi-tran+phuong+dac-khu", []string{"cấp xã", "các xã, phường, đặc khu", "các xã, phường, thị trấn",
		"các phường, xã, đặc khu", "các xã, phường, đặc khu trên địa bàn tỉnh", "các xã, phường, đặc khu trong tỉnh"}},
	{chidao.KindXa, "#xa+phuong", []string{"các xã, phường", "các phường, xã"}},
	{chidao.KindThiTran, "#thi-tran", []string{"các thị trấn"}},
	{chidao.KindPhuong, "#phuong", []string{"các phường"}},
	// Not "các sở" alone: "Giám đốc các Sở: Tài chính, Xây dựng" names two.
	{chidao.KindSo, "#so", []string{"các sở, ngành", "các sở, ngành tỉnh", "thủ trưởng các sở, ngành"}},
	{chidao.KindSo, "#so+ban-nganh", []string{"các sở, ban, ngành", "các sở, ban, ngành tỉnh", "các sở, ban ngành",
		"thủ trưởng các sở, ban, ngành", "giám đốc các sở, thủ trưởng các ban, ngành", "các sở, ban, ngành thuộc tỉnh",
		"các cơ quan chuyên môn thuộc ubnd tỉnh", "các cơ quan chuyên môn trực thuộc ubnd tỉnh",
		"các sở, ban, ngành, đoàn thể tỉnh", "các sở, ngành, địa phương"}},
	{chidao.KindHuyen, "#huyen", []string{"các huyện", "các huyện, thị xã, thành phố", "các huyện, thành phố",
		"các huyện, thị xã", "các huyện, thành phố, thị xã", "cấp huyện"}},
	{chidao.KindThon, "#thon+to-dan-pho", []string{"các thôn", "các thôn, tổ dân phố", "trưởng các thôn", "các thôn, bản"}},
	{chidao.KindToDanPho, "#thon+to-dan-pho", []string{"các tổ dân phố", "các thôn, tổ dân phố", "các khu phố"}},
}

// addDerived adds a name derived from a unit's configured names (see
// derivedNames) where no configured name ends; derived marks the nodes
// so named, and a node two units' derived names reach names neither.
func (t *trie) addDerived(words []string, code string, derived map[*trie]bool) {
	n := t.node(words)
	switch {
	case n.target == "":
		n.target = code
		derived[n] = true
	case derived[n] && n.target != code:
		n.target = "!"
	}
}

// derivedNames returns the names a unit named "Phòng …" also goes by, in
// canonical words: the initials of its parts run together and apart
// ("phòng tnmt", "phòng tn mt" of "Phòng Tài nguyên và Môi trường"; a part
// written in capitals, "PTNT", stays whole) and the name cut after each
// part but the last ("phòng nông nghiệp"). Parts are separated by "và",
// "-" or "&".
func derivedNames(name string) [][]string {
	f := Fold(name)
	if !strings.HasPrefix(f, "phong ") {
		return nil
	}
	f = strings.NewReplacer("&", " va ", " - ", " va ", "-", " va ", ",", " va ").Replace(f[len("phong "):])
	var parts [][]string
	for _, p := range strings.Split(" "+f+" ", " va ") {
		if w := words(p); len(w) > 0 {
			parts = append(parts, w)
		}
	}
	if len(parts) == 0 || len(parts) == 1 && len(parts[0]) < 2 {
		return nil
	}
	var out [][]string
	initials := make([]string, len(parts))
	for i, p := range parts {
		if len(p) == 1 {
			initials[i] = p[0]
			continue
		}
		var b strings.Builder
		for _, w := range p {
			b.WriteByte(w[0])
		}
		initials[i] = b.String()
	}
	out = append(out, []string{"phong", strings.Join(initials, "")})
	if len(parts) > 1 {
		out = append(out, append([]string{"phong"}, initials...))
	}
	prefix := []string{"phong"}
	for _, p := range parts[:len(parts)-1] {
		prefix = append(prefix, p...)
		if len(prefix) >= 3 {
			out = append(out, slices.Clone(prefix))
		}
	}
	return out
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
// Lễ", or without one before a proper name: "UBND các xã Chu Túc, Tri
// Lễ", "UBND xã Chu Túc, Tri Lễ". It returns that word as unit names write
// it ("phong", "xa"), the index of the list's first item and how many
// items the list must have (two when only the list says the head is
// shared: "UBND xã Chu Túc" alone is one unit's name). text is what toks
// were read from.
func listHead(text string, toks []ctoken, i int) ([]string, int, int, bool) {
	j := i
	if seqAt(toks, j, "chu", "tich") {
		j += 2
	}
	if j < len(toks) && toks[j].text == "ubnd" {
		j++
	}
	plural := j < len(toks) && toks[j].text == "cac"
	if plural {
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
		return nil, 0, 0, false
	}
	if j >= len(toks) {
		return nil, 0, 0, false
	}
	least := 1
	if gap := text[toks[j-1].end:toks[j].start]; !strings.Contains(gap, ":") {
		// Without a colon, before a proper name: "UBND các xã Chu Túc,
		// Tri Lễ", not "các xã, thị trấn", "các phòng chuyên môn".
		if strings.TrimSpace(gap) != "" {
			return nil, 0, 0, false
		}
		if c, _ := utf8.DecodeRuneInString(text[toks[j].start:]); !unicode.IsUpper(c) {
			return nil, 0, 0, false
		}
		if !plural {
			least = 2
		}
	}
	return head, j, least, true
}

// listItems reads the items of a list opened by listHead at toks[i]: each
// item a unit's name without its head word, separated by commas,
// semicolons or "và". It returns the codes of the units named and the
// index of the word after the last item read (i when none).
func (r *Resolver) listItems(t *trie, text string, toks []ctoken, head []string, i, least int) ([]string, int) {
	var codes []string
	end, items := i, 0
	for k := i; k < len(toks); {
		n, target := t.longestAfter(head, toks, k)
		if n == 0 && k > i {
			// An item of another kind, named in full: "… và thị trấn
			// Văn Quan".
			if n, target = r.unitAt(t, toks, k); n > 0 && (target[0] == '@' || target[0] == '#') {
				n = 0
			}
		}
		if n == 0 {
			break
		}
		codes = append(codes, r.expand(target)...)
		items++
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
	if items < least {
		return nil, i
	}
	return codes, end
}

// scan finds the unit names in a text (toks are its canonical words, text
// what they were read from), left to right, longest first; a list sharing
// its head word ("các phòng: Nội vụ, Tư pháp") is one match.
func (r *Resolver) scan(t *trie, text string, toks []ctoken) []unitMatch {
	var out []unitMatch
	for i := 0; i < len(toks); {
		if head, first, least, ok := listHead(text, toks, i); ok {
			if codes, end := r.listItems(t, text, toks, head, first, least); end > first {
				out = append(out, unitMatch{start: toks[i].start, end: toks[end-1].end, first: i, n: end - i, codes: codes, group: len(codes) > 1, list: true})
				i = end
				continue
			}
		}
		n, target := r.unitAt(t, toks, i)
		if n == 0 {
			i++
			continue
		}
		end := toks[i+n-1].end
		k := i + n
		if k < len(toks) && toks[k].text == "huyen" && r.level == chidao.LevelHuyen {
			end = toks[k].end
			k++
		}
		group := target[0] == '@' || target[0] == '#'
		if r.otherLevel(toks, k) {
			i = k // "các phòng chuyên môn thuộc UBND huyện" to a commune's office: not its own
			continue
		}
		out = append(out, unitMatch{start: toks[i].start, end: end, first: i, n: k - i,
			codes: r.expand(target), group: group})
		i = k
	}
	return out
}

// unitAt returns the length (in words) and target of the longest unit
// name starting at toks[i] (see trie.longest), unless the name is also an
// activity and stands as one: "Thanh tra, kiểm tra liên ngành", "thanh
// tra công vụ" are no "Thanh tra huyện".
func (r *Resolver) unitAt(t *trie, toks []ctoken, i int) (int, string) {
	n, target := t.longest(toks, i)
	if n == 2 && toks[i].text == "thanh" && toks[i+1].text == "tra" && i+2 < len(toks) {
		switch toks[i+2].text {
		case "kiem", "giam", "lien", "chuyen", "cong", "trach", "viec", "cac", "doi", "tai", "dot", "hanh", "ve", "dinh", "theo",
			"thuong", "toan", "ket", "xu", "va":
			return 0, ""
		}
	}
	return n, target
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
// order: a group ("@") or kinds ("#") name their current units, or their
// retired ones when none is current.
func (r *Resolver) expandTarget(target string) []string {
	var in func(chidao.Unit) bool
	switch target[0] {
	case '@':
		in = func(u chidao.Unit) bool { return u.InGroup(target[1:]) }
	case '#':
		kinds := strings.Split(target[1:], "+")
		in = func(u chidao.Unit) bool { return slices.Contains(kinds, string(u.Kind)) }
	default:
		return []string{target}
	}
	var current, retired []string
	for _, u := range r.units {
		switch {
		case !in(u):
		case u.Current():
			current = append(current, u.Code)
		default:
			retired = append(retired, u.Code)
		}
	}
	if len(current) == 0 {
		return retired
	}
	return current
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
