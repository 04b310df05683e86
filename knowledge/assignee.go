package knowledge

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// Words that open a clause before its subject: "Căn cứ chức năng,
	// nhiệm vụ được giao, …", "Đồng thời, …".
	clauseIntroRe = regexp.MustCompile(`^(?:(?:can cu|tren co so|theo)\s+(?:chuc nang,?\s*nhiem vu(?:\s+(?:duoc giao|cua minh|cua don vi))?|[^,:;.]{0,90}),\s*|(?:dong thoi|ngoai ra|mat khac|ben canh do|sau do),?\s*|(?:tiep tuc|khan truong)\s+|doi voi\s+)?(?:(?:giao|de nghi|yeu cau|chi dao|phan cong|uy quyen)(?:\s+cho)?\s+)?`)
	// Words that put a unit in charge wherever they stand, after (?:^|[^a-z])
	// (see findAfterSep).
	chargeRe = anchored(`(?:giao(?:\s+cho)?|de nghi|yeu cau|phan cong)\s+`)
	// Words after a unit that make it the one in charge.
	// leadLabelRe and partnerLabelRe find the labels of a task's unit in
	// charge and its partners, at a line's or a sentence's start: "Đơn vị
	// chủ trì: …", "Cơ quan phối hợp: …".
	leadLabelRe    = regexp.MustCompile(`(?:^|\n|[.;]\s)[\s\-+•*]*(?:(?:don vi|co quan|bo phan)\s+)?chu tri(?:\s+thuc hien)?\s*:\s*`)
	partnerLabelRe = regexp.MustCompile(`(?:^|\n|[.;]\s)[\s\-+•*]*(?:(?:don vi|co quan|bo phan)\s+)?phoi hop(?:\s+thuc hien)?\s*:\s*`)
	leadRe         = regexp.MustCompile(`^\s*(?:chu tri|la co quan (?:thuong truc|chu tri|dau moi)|la don vi (?:thuong truc|chu tri|dau moi)|co trach nhiem)`)
	// Headings that name whose tasks follow: "Phòng Nội vụ:", "Trách nhiệm của …".
	headingIntroRe = regexp.MustCompile(`^(?:(?:trach nhiem|nhiem vu)\s+(?:cua\s+)?|doi voi\s+|giao\s+)?`)
)

// clauseIntroOpen reports whether clauseIntroRe can match more than nothing
// at the start of s: whether s opens with one of its first words.
func clauseIntroOpen(s string) bool {
	i := 0
	for i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
		i++
	}
	switch s[:i] {
	case "can", "tren", "theo", "dong", "ngoai", "mat", "ben", "sau", "tiep", "khan", "doi",
		"giao", "de", "yeu", "chi", "phan", "uy":
		return true
	}
	return false
}

// chargeWords are the words chargeRe opens with.
const chargeWords = "giao|de nghi|yeu cau|phan cong"

// notChargeBefore reports whether a word makes the "giao"/"yêu cầu" after it
// something other than giving a task: "được giao", "chuyển giao", "theo
// yêu cầu".
func notChargeBefore(w string) bool {
	switch w {
	case "duoc", "chuyen", "ban", "theo", "da", "ky", "cac", "nhung":
		return true
	}
	return false
}

// titleWords are the titles written before a unit: "Trưởng phòng Nội vụ",
// "Chủ tịch UBND các xã", "đồng chí Chánh Văn phòng".
const titleWords = "dong chi|d c|thu truong|chu tich|pho chu tich|truong|pho truong|giam doc|pho giam doc|chanh|pho chanh|lanh dao|nguoi dung dau|can bo|cong chuc|chi huy truong|pho chi huy truong"

// allUnitsPhrases name every recipient unit at once.
const allUnitsPhrases = "cac co quan don vi dia phuong|cac co quan don vi|cac co quan|cac don vi|cac co quan ban nganh|cac ban nganh|cac nganh|cac dia phuong|cac don vi dia phuong|thu truong cac co quan don vi|thu truong cac co quan|thu truong cac don vi"

// phraseList splits a "|"-separated list of phrases into their words.
func phraseList(s string) [][]string {
	var out [][]string
	for _, p := range strings.Split(s, "|") {
		out = append(out, strings.Fields(p))
	}
	return out
}

// assignment is who a task's text gives it to.
type assignment struct {
	names []string // as written
	codes []string
	all   bool // "các cơ quan, đơn vị": every recipient unit
}

// findAssignees reads who a task's text assigns it to: the subject of its
// clauses ("Phòng X chủ trì …", "UBND các xã, thị trấn bố trí …", "Giao
// Phòng X …"), never the objects ("gửi Phòng X tổng hợp").
// f is the text folded with foldMapped.
func (r *Resolver) findAssignees(f folded) assignment {
	toks := canonFolded(f)
	if len(toks) == 0 {
		return assignment{}
	}
	as := &assigneeScan{r: r, f: f, text: f.orig, toks: toks, seen: map[string]bool{}, seenCode: map[string]bool{}, read: make([]bool, len(toks))}
	if as.labelled() {
		return as.a
	}
	starts, maybe := as.clauseStarts()
	for _, s := range starts {
		as.clause(s, false)
	}
	as.charges()
	for _, s := range maybe {
		as.clause(s, true)
	}
	if len(as.a.names) == 0 {
		as.outsideBodies()
	}
	as.leads()
	return as.a
}

// assigneeScan is a task's text being read for whom it gives the task to.
type assigneeScan struct {
	r              *Resolver
	f              folded
	text           string // f.orig
	toks           []token
	a              assignment
	seen, seenCode map[string]bool
	// A list is read once: a clause starting inside a list already read
	// adds nothing, and reading it again would make a long list cost its
	// length squared.
	read []bool
}

// add adds an assignee's name as written and the units it stands for,
// each once.
func (as *assigneeScan) add(name string, codes []string) {
	name = strings.Trim(name, " ,;:.-–()")
	if name != "" && !as.seen[Fold(name)] {
		as.seen[Fold(name)] = true
		as.a.names = append(as.a.names, name)
	}
	for _, c := range codes {
		if !as.seenCode[c] {
			as.seenCode[c] = true
			as.a.codes = append(as.a.codes, c)
		}
	}
}

// tokAt returns the first token at or after offset off of the text.
func (as *assigneeScan) tokAt(off int) int {
	return sort.Search(len(as.toks), func(i int) bool { return as.toks[i].start >= off })
}

// commit adds a list of subjects, and reports whether one was a unit or
// every recipient.
func (as *assigneeScan) commit(items []subject) bool {
	found := false
	for _, it := range items {
		switch {
		case it.body:
			as.add(as.text[it.start:it.end], nil)
		case it.all:
			as.a.all = true
			as.add(as.text[it.start:it.end], nil)
			found = true
		default:
			as.add(as.text[it.start:it.end], it.codes)
			found = true
		}
	}
	return found
}

// subjects reads the list of subjects at token i; with predicate set,
// only when it names a unit and a verb follows it ("…; UBND các xã báo
// cáo …", not "… phối hợp với Phòng Y tế; Phòng Tư pháp.").
func (as *assigneeScan) subjects(i int, predicate bool) bool {
	toks, text := as.toks, as.text
	items, end := as.r.subjectList(text, toks, i, as.read)
	if predicate && (end >= len(toks) || end == i || !units(items) ||
		strings.ContainsAny(text[toks[end-1].end:toks[end].start], ",;:.()") || toks[end].text == "cac") {
		return false
	}
	return as.commit(items)
}

// labelled reads "- Đơn vị chủ trì: Trung tâm Y tế huyện." under an item:
// the unit in charge, named by its label (the partners' label is read by
// partnerUnits), or a body outside the units by the label's words. It
// reports whether a label named one.
func (as *assigneeScan) labelled() bool {
	f := as.f
	ms := leadLabelRe.FindAllStringIndex(f.text, 4)
	for _, m := range ms {
		if !as.subjects(as.tokAt(f.at(m[1])), false) {
			name := f.orig[f.at(m[1]):]
			if k := strings.IndexAny(name, ".;\n"); k >= 0 {
				name = name[:k]
			}
			if len(name) <= 80 {
				as.add(name, nil)
			}
		}
	}
	return ms != nil && len(as.a.names) > 0
}

// clauseStarts returns where clauses start: the text, each line, each
// sentence; and where they may start: after a topic ("Rà soát, đơn giản
// hóa TTHC: Các phòng chuyên môn rà soát …") and after a semicolon, when
// a unit and a verb follow.
func (as *assigneeScan) clauseStarts() (starts, maybe []int) {
	t := as.f.text
	starts = []int{0}
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '\n':
			starts = append(starts, i+1)
		case '.', ';':
			if i+1 < len(t) && t[i+1] == ' ' {
				if t[i] == '.' || strings.HasPrefix(strings.TrimLeft(t[i+1:], " "), "- ") {
					starts = append(starts, i+2)
				} else {
					maybe = append(maybe, i+2)
				}
			}
		}
	}
	for _, s := range starts {
		if c := topicColon(as.f, s); c > 0 {
			maybe = append(maybe, c)
		}
	}
	return starts, maybe
}

// clause reads the subjects of the clause starting at folded offset s,
// after its opening words ("Giao", "Đề nghị").
func (as *assigneeScan) clause(s int, predicate bool) bool {
	t := as.f.text
	rest := strings.TrimLeft(t[s:], " -+•*")
	s = len(t) - len(rest)
	var m []int
	if clauseIntroOpen(rest) {
		m = matchHead(clauseIntroRe, rest, 256)
	}
	off := s
	if m != nil {
		off = s + m[1]
	}
	if off >= len(t) {
		return false
	}
	return as.subjects(as.tokAt(as.f.at(off)), predicate)
}

// charges reads "giao Phòng X", "đề nghị UBND các xã" anywhere.
func (as *assigneeScan) charges() {
	t := as.f.text
	for _, m := range findLiteralsAfterSep(chargeRe, t, chargeWords, false, 64) {
		if prev := strings.Fields(t[max(0, m[0]-12) : m[0]+1]); len(prev) > 0 && notChargeBefore(prev[len(prev)-1]) {
			continue
		}
		as.subjects(as.tokAt(as.f.at(m[1])), false)
	}
}

// outsideBodies reads the body outside the units a text naming no unit as
// its subject may name ("Đề nghị Ủy ban MTTQ huyện …", "Trung tâm Y tế
// huyện …", "Nhiệm vụ của Đoàn kiểm tra: …"): the task is that body's,
// not every recipient's.
func (as *assigneeScan) outsideBodies() {
	t := as.f.text
	rest := strings.TrimLeft(t, " -+•*")
	off := len(t) - len(rest)
	if c := topicColon(as.f, off); c > 0 {
		rest = strings.TrimLeft(t[c:], " ")
		off = len(t) - len(rest)
	}
	if clauseIntroOpen(rest) {
		if m := matchHead(clauseIntroRe, rest, 256); m != nil {
			off += m[1]
		}
	}
	if m := headingIntroRe.FindStringIndex(t[off:]); m != nil {
		off += m[1]
	}
	if off < len(t) {
		for _, b := range as.r.bodyList(as.text, as.toks, as.tokAt(as.f.at(off))) {
			as.add(as.text[b[0]:b[1]], nil)
		}
	}
}

// leads reads "Phòng X chủ trì", "Phòng X là cơ quan thường trực"
// anywhere.
func (as *assigneeScan) leads() {
	if !hasAnyOf(as.f.text, "chu tri", "la co quan", "la don vi", "co trach nhiem") {
		return
	}
	for _, um := range as.r.scan(as.r.doc, as.text, as.toks) {
		fo := foldOffset(as.f, um.end)
		if matchHead(leadRe, as.f.text[fo:], 64) != nil {
			as.add(as.text[um.start:um.end], um.codes)
		}
	}
}

// partnerUnits returns the units a task's text names as working with the
// unit in charge: "chủ trì, phối hợp với UBND xã Chu Túc, UBND xã Tri Lễ";
// "phối hợp với các cơ quan, đơn vị liên quan" names none, and "UBND các
// xã phối hợp với Phòng Y tế" makes the communes help, not Phòng Y tế
// share their task. f is the text folded with foldMapped.
func (r *Resolver) partnerUnits(f folded) []string {
	const word = "phoi hop voi "
	labels := partnerLabelRe.FindAllStringIndex(f.text, 4)
	if !strings.Contains(f.text, word) && labels == nil {
		return nil
	}
	toks := canonFolded(f)
	read := make([]bool, len(toks))
	var codes []string
	// "- Đơn vị phối hợp: Phòng Tài chính - Kế hoạch, UBND các xã."
	for _, m := range labels {
		at := f.at(m[1])
		i := sort.Search(len(toks), func(i int) bool { return toks[i].start >= at })
		items, _ := r.subjectList(f.orig, toks, i, read)
		for _, it := range items {
			if !it.body {
				codes = append(codes, it.codes...)
			}
		}
	}
	for off := 0; ; {
		k := strings.Index(f.text[off:], word)
		if k < 0 {
			break
		}
		lead := strings.TrimRight(f.text[max(0, off+k-16):off+k], " ,")
		off += k + len(word)
		if !strings.HasSuffix(lead, "chu tri") && !strings.HasSuffix(lead, "chu tri va") {
			continue
		}
		at := f.at(off)
		i := sort.Search(len(toks), func(i int) bool { return toks[i].start >= at })
		items, _ := r.subjectList(f.orig, toks, i, read)
		for _, it := range items {
			if !it.all && !it.body {
				codes = append(codes, it.codes...)
			}
		}
	}
	return codes
}

// foldOffset returns the folded offset of an original offset.
func foldOffset(f folded, orig int) int {
	i, _ := slices.BinarySearch(f.pos, int32(orig))
	return i
}

// skipTitles skips the titles written before a unit's name.
func (r *Resolver) skipTitles(toks []ctoken, i int) int {
	for {
		moved := false
		for _, w := range r.titles {
			if i+len(w) < len(toks) && matchWords(toks, i, w) {
				// Keep "chủ tịch UBND các xã": the trie knows it whole.
				if len(w) == 2 && w[0] == "chu" && w[1] == "tich" && toks[i+2].text == "ubnd" {
					continue
				}
				i += len(w)
				moved = true
				break
			}
		}
		if !moved {
			return i
		}
	}
}

func matchWords(toks []ctoken, i int, w []string) bool {
	if i+len(w) > len(toks) {
		return false
	}
	for k, x := range w {
		if toks[i+k].text != x {
			return false
		}
	}
	return true
}

// matchAll returns how many words of an "every unit" phrase start at i.
func (r *Resolver) matchAll(toks []ctoken, i int) int {
	best := 0
	for _, w := range r.allPhrases {
		if len(w) > best && matchWords(toks, i, w) {
			best = len(w)
		}
	}
	return best
}

// headingAssignees reads a heading that names whose tasks follow ("1. Phòng
// Văn hóa và Thông tin:", "Trách nhiệm của UBND các xã", "4. UBND các xã
// Bình Phúc, Chu Túc:"), or the body outside the units they fall to
// ("Nhiệm vụ của Tổ công tác:").
func (r *Resolver) headingAssignees(heading string) assignment {
	var a assignment
	if len([]rune(heading)) > 120 {
		return a
	}
	f := foldMapped(heading)
	m := headingIntroRe.FindStringIndex(f.text)
	rest := heading[f.at(m[1]):]
	toks := canonTokens(rest)
	i := r.skipTitles(toks, 0)
	if i >= len(toks) {
		return a
	}
	if it, _, ok := r.subjectAt(rest, toks, i); ok {
		a.names = append(a.names, strings.Trim(rest[it.start:it.end], " ,;:."))
		a.codes, a.all = it.codes, it.all
		return a
	}
	// A body's tasks: in a heading in capitals every word opens as a
	// name does, so the heading must say whose they are.
	if m[1] > 0 || !isUpper(heading) {
		for _, b := range r.bodyList(rest, toks, 0) {
			a.names = append(a.names, strings.Trim(rest[b[0]:b[1]], " ,;:."))
		}
	}
	return a
}

// subject is one name in a list of subjects, at text[start:end].
type subject struct {
	start, end int
	codes      []string // the units it names
	all        bool     // it names every recipient ("các cơ quan, đơn vị")
	body       bool     // a body outside the units, named only
}

// units reports whether a list of subjects names a unit or every unit.
func units(items []subject) bool {
	for _, it := range items {
		if !it.body {
			return true
		}
	}
	return false
}

// maxSubjects bounds the items of one list of subjects.
const maxSubjects = 64

// subjectList reads the list of subjects starting at toks[i]: unit names
// after their titles ("Chánh Văn phòng HĐND và UBND huyện"), lists sharing
// a head word ("Trưởng các phòng: Nội vụ, Tư pháp"), "every unit" phrases,
// separated by commas, semicolons or "và"; a capitalised name between two
// separators that names no unit ("Chỉ huy trưởng Ban Chỉ huy Quân sự
// huyện,") is passed over when a unit follows it, and kept as a body when
// it names one (orgAt). It returns the items and the index of the word after
// the last one (i when none). Words in read are not read again; the words
// read are marked.
func (r *Resolver) subjectList(text string, toks []ctoken, i int, read []bool) ([]subject, int) {
	var items []subject
	end := i
	for i < len(toks) && len(items) < maxSubjects {
		if read[i] {
			break
		}
		read[i] = true
		j := r.skipTitles(toks, i)
		if j >= len(toks) {
			break
		}
		it, next, ok := r.subjectAt(text, toks, j)
		if !ok {
			// The name starts before what read as titles ("Trường hợp …").
			k := otherItem(text, toks, i)
			if k < 0 || k >= len(toks) {
				break
			}
			// What follows must be a unit, named as a subject is: with a
			// capital, or "các …" ("…, cấp xã" is not).
			if c, _ := utf8.DecodeRuneInString(text[toks[k].start:]); !unicode.IsUpper(c) && toks[k].text != "cac" {
				break
			}
			if _, _, ok := r.subjectAt(text, toks, r.skipTitles(toks, k)); !ok {
				break
			}
			if orgAt(text, toks, j) {
				items = append(items, subject{start: toks[j].start, end: toks[k-1].end, body: true})
			} else if j != i && orgAt(text, toks, i) {
				items = append(items, subject{start: toks[i].start, end: toks[k-1].end, body: true})
			}
			i = k
			continue
		}
		items = append(items, it)
		i, end = next, next
		if i >= len(toks) {
			break
		}
		gap := Fold(text[toks[i-1].end:toks[i].start])
		if strings.ContainsAny(gap, ",;/") || strings.Contains(" "+gap+" ", " va ") || toks[i].text == "cac" {
			continue
		}
		break
	}
	return items, end
}

// subjectAt reads one unit subject at toks[j], after its titles: a list
// sharing a head word, a unit's or a group's name, or an "every unit"
// phrase, the longest. It returns the item and the index after it.
func (r *Resolver) subjectAt(text string, toks []ctoken, j int) (subject, int, bool) {
	if head, first, least, ok := listHead(text, toks, j); ok {
		if codes, end := r.listItems(r.doc, text, toks, head, first, least); end > first {
			return subject{start: toks[j].start, end: toks[end-1].end, codes: codes}, end, true
		}
	}
	nAll := r.matchAll(toks, j)
	n, target := r.unitAt(r.doc, toks, j)
	if nAll > 0 && nAll >= n {
		return subject{start: toks[j].start, end: toks[j+nAll-1].end, all: true}, j + nAll, true
	}
	if n == 0 {
		return subject{}, 0, false
	}
	k := j + n
	if k < len(toks) && toks[k].text == "huyen" {
		k++
	}
	return subject{start: toks[j].start, end: toks[k-1].end, codes: r.expand(target)}, k, true
}

// otherItem returns the index of the word after the separator ending the
// capitalised name at toks[j] in a list ("Chỉ huy trưởng Ban Chỉ huy Quân
// sự huyện, …"), or -1 when toks[j] opens no such name: it must end at a
// comma, a semicolon or "và" within a dozen words, before any other
// punctuation.
func otherItem(text string, toks []ctoken, j int) int {
	if r, _ := utf8.DecodeRuneInString(text[toks[j].start:]); !unicode.IsUpper(r) {
		return -1
	}
	// A person, named with the title of a unit's head after: "Ông Hà
	// Minh Đức, Trưởng phòng Nội vụ".
	switch toks[j].text {
	case "ong", "ba", "dong", "d", "dc":
		return -1
	}
	for k := j + 1; k < len(toks) && k-j <= 12; k++ {
		gap := text[toks[k-1].end:toks[k].start]
		if strings.ContainsAny(gap, ".:()\n") {
			return -1
		}
		if strings.ContainsAny(gap, ",;") || strings.Contains(" "+Fold(gap)+" ", " va ") {
			return k
		}
	}
	return -1
}

// orgHeads are the words that open the name of a body outside the
// district's units, lower case with diacritics: "Ban Quản lý dự án …",
// "Trung tâm Y tế huyện", "Ủy ban Mặt trận Tổ quốc …", "Công an huyện".
var orgHeads = []string{"ban quản lý", "ban chỉ huy", "ban chỉ đạo", "ban tổ chức", "ban giám khảo", "ban đại diện", "ban vận động",
	"ban công tác", "ban tuyên giáo", "ban dân vận", "ban dân tộc", "đoàn kiểm tra", "đoàn công tác", "đoàn giám sát", "đoàn thanh tra",
	"tổ kiểm tra", "tổ công tác", "tổ giúp việc", "tổ thẩm định", "tổ liên ngành", "hội đồng", "trung tâm", "công an",
	"ủy ban mặt trận", "uỷ ban mặt trận", "ủy ban mttq", "uỷ ban mttq", "ubmttq", "mặt trận", "hội ", "huyện đoàn", "đoàn thanh niên",
	"liên đoàn", "kho bạc", "chi cục", "chi nhánh", "bảo hiểm", "bệnh viện", "trường ", "viện ", "tòa án", "toà án", "đài ", "điện lực",
	"viễn thông", "bưu điện", "ngân hàng", "quỹ ", "hạt kiểm lâm", "đội ", "trạm ", "sở ", "cục ", "bộ chỉ huy", "các chủ đầu tư",
	"chủ đầu tư", "các tổ chức", "các hội", "các đoàn thể", "hợp tác xã", "công ty", "các doanh nghiệp", "doanh nghiệp", "huyện ủy",
	"huyện uỷ", "đảng ủy", "đảng uỷ", "văn phòng đăng ký", "thường trực", "ubnd tỉnh", "ủy ban nhân dân tỉnh", "uỷ ban nhân dân tỉnh"}

// orgAt reports whether toks[j] opens the name of a body outside the
// units (orgHeads), capitalised or after "các".
func orgAt(text string, toks []ctoken, j int) bool { return orgHead(text, toks, j) > 0 }

// orgHead returns how many words of the name at toks[j] are the words of
// orgHeads it opens with ("Các tổ chức chính trị …": 3), 0 when it opens
// with none.
func orgHead(text string, toks []ctoken, j int) int {
	s := text[toks[j].start:]
	if len(s) > 40 {
		cut := 40
		for !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	r, _ := utf8.DecodeRuneInString(s)
	s = strings.ToLower(s) + " "
	if !unicode.IsUpper(r) && !strings.HasPrefix(s, "các ") {
		return 0
	}
	best := 0
	for _, h := range orgHeads {
		if strings.HasPrefix(s, h) {
			best = max(best, len(strings.Fields(h)))
		}
	}
	// A head of one word names a body before a proper name or a place:
	// "Đội Quản lý thị trường", "Hội Nông dân", "Công an huyện", not
	// "Đội ngũ cán bộ", "Hội nghị", "Trường hợp".
	if best == 1 && j+1 < len(toks) {
		c, _ := utf8.DecodeRuneInString(text[toks[j+1].start:])
		if next := toks[j+1].text; !unicode.IsUpper(c) && next != "huyen" && next != "tinh" && next != "xa" {
			return 0
		}
	}
	return best
}

// verbWords open the predicate after a body's name, folded.
var verbWords = phraseList("chu tri|phoi hop|thuc hien|trien khai|bao cao|to chuc|chi dao|huong dan|kiem tra|tham muu|ra soat|tang cuong|" +
	"chuan bi|theo doi|gui|lap|cung cap|dam bao|bao dam|tiep nhan|giai quyet|tuyen truyen|co trach nhiem|chiu trach nhiem|tiep tuc|" +
	"khan truong|chu dong|xem xet|nghien cuu|de xuat|tong hop|cu|bo tri|don doc|giam sat|la|quan tam|phan cong|ban hanh|phat dong|" +
	"van dong|nam|danh gia|tham gia|ho tro|tap trung|day manh|thong tin|phan anh|co|duoc|se|can|phai|tu giai the|lam viec|hoat dong|giai the")

// bodyList reads the bodies outside the units that open a clause at
// toks[i] ("Ủy ban MTTQ huyện và các tổ chức chính trị - xã hội huyện
// phối hợp …"): each name runs to a comma, a semicolon or "và", to the
// first word in lower case after "huyện" or "tỉnh", or to a verb
// (verbWords). It returns the byte spans of the names, nil when the
// clause does not open with such a body or a unit is among them.
func (r *Resolver) bodyList(text string, toks []ctoken, i int) [][2]int {
	var out [][2]int
	for i < len(toks) && len(out) < maxSubjects {
		// "Trường THCS …" opens with what reads as a title ("Trưởng").
		j, h := i, orgHead(text, toks, i)
		if h == 0 {
			if j = r.skipTitles(toks, i); j >= len(toks) {
				break
			}
			h = orgHead(text, toks, j)
		}
		if h == 0 || j+h > len(toks) {
			break
		}
		k := j + h
		place := false
		sep := false
		for ; k < len(toks) && k-j < 16; k++ {
			gap := text[toks[k-1].end:toks[k].start]
			if strings.ContainsAny(gap, ",;:.()\n") || strings.Contains(" "+Fold(gap)+" ", " va ") {
				sep = strings.ContainsAny(gap, ",;") || strings.Contains(" "+Fold(gap)+" ", " va ")
				break
			}
			c, _ := utf8.DecodeRuneInString(text[toks[k].start:])
			lower := unicode.IsLower(c)
			if lower && (place || verbAt(toks, k)) || strongVerbAt(toks, k) {
				break // "1. Sở Y tế" over "Chủ trì, phối hợp …" joins as "Sở Y tế Chủ trì"
			}
			if n, _ := r.unitAt(r.doc, toks, k); n > 0 && !lower {
				return nil // a unit's name: not a body's
			}
			place = place || toks[k].text == "huyen" || toks[k].text == "tinh"
		}
		out = append(out, [2]int{toks[j].start, toks[k-1].end})
		if !sep || k >= len(toks) {
			break
		}
		i = k
	}
	return out
}

// strongVerbs are the verbs no body's name holds, even capitalised.
var strongVerbs = phraseList("chu tri|phoi hop|co trach nhiem|chiu trach nhiem|tham muu")

// strongVerbAt reports whether toks[k] opens a verb of strongVerbs.
func strongVerbAt(toks []ctoken, k int) bool {
	for _, w := range strongVerbs {
		if matchWords(toks, k, w) {
			return true
		}
	}
	return false
}

// verbAt reports whether toks[k] opens a verb of verbWords.
func verbAt(toks []ctoken, k int) bool {
	for _, w := range verbWords {
		if matchWords(toks, k, w) {
			return true
		}
	}
	return false
}

// topicColon returns the folded offset just after the colon ending a topic
// that opens the clause at s ("Rà soát, đơn giản hóa TTHC: Các phòng …"),
// or 0: a dozen words at most, followed by a capital letter, and not
// announcing a list ("như sau:", "gồm:").
func topicColon(f folded, s int) int {
	end := min(len(f.text), s+120)
	k := strings.IndexAny(f.text[s:end], ":.;\n")
	if k < 0 || f.text[s+k] != ':' {
		return 0
	}
	c := s + k
	head := strings.TrimSpace(f.text[s:c])
	w := strings.Fields(head)
	if len(w) == 0 || len(w) > 12 {
		return 0
	}
	switch w[len(w)-1] {
	case "sau", "gom", "the", "la", "nhu":
		return 0
	}
	after := f.orig[f.at(c)+1:]
	after = strings.TrimLeft(after, " *_")
	if r, _ := utf8.DecodeRuneInString(after); !unicode.IsUpper(r) {
		return 0
	}
	return c + 1
}
