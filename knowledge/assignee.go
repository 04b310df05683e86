package knowledge

import (
	"regexp"
	"slices"
	"sort"
	"strings"
)

var (
	// Words that open a clause before its subject: "Căn cứ chức năng,
	// nhiệm vụ được giao, …", "Đồng thời, …".
	clauseIntroRe = regexp.MustCompile(`^(?:(?:can cu|tren co so|theo)\s+(?:chuc nang,?\s*nhiem vu(?:\s+(?:duoc giao|cua minh|cua don vi))?|[^,:;.]{0,90}),\s*|(?:dong thoi|ngoai ra|mat khac|ben canh do|sau do),?\s*|(?:tiep tuc|khan truong)\s+|doi voi\s+)?(?:(?:giao|de nghi|yeu cau|chi dao|phan cong|uy quyen)(?:\s+cho)?\s+)?`)
	// Words that put a unit in charge wherever they stand, after (?:^|[^a-z])
	// (see findAfterSep).
	chargeRe = anchored(`(?:giao(?:\s+cho)?|de nghi|yeu cau|phan cong)\s+`)
	// Words after a unit that make it the one in charge.
	leadRe = regexp.MustCompile(`^\s*(?:chu tri|la co quan (?:thuong truc|chu tri|dau moi)|la don vi (?:thuong truc|chu tri|dau moi)|co trach nhiem)`)
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
const titleWords = "dong chi|d c|thu truong|chu tich|pho chu tich|truong|pho truong|giam doc|pho giam doc|chanh|pho chanh|lanh dao|nguoi dung dau|can bo|cong chuc"

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
	var a assignment
	text := f.orig
	toks := canonFolded(f)
	if len(toks) == 0 {
		return a
	}
	seen := map[string]bool{}
	seenCode := map[string]bool{}
	add := func(name string, codes []string) {
		name = strings.Trim(name, " ,;:.-–()")
		if name != "" && !seen[Fold(name)] {
			seen[Fold(name)] = true
			a.names = append(a.names, name)
		}
		for _, c := range codes {
			if !seenCode[c] {
				seenCode[c] = true
				a.codes = append(a.codes, c)
			}
		}
	}
	tokAt := func(off int) int {
		return sort.Search(len(toks), func(i int) bool { return toks[i].start >= off })
	}
	// subjects reads the list of units starting at token i. A list is read
	// once: a clause starting inside a list already read adds nothing, and
	// reading it again would make a long list cost its length squared.
	read := make([]bool, len(toks))
	subjects := func(i int) bool {
		found := false
		for i < len(toks) {
			if read[i] {
				break
			}
			read[i] = true
			i = r.skipTitles(toks, i)
			if i >= len(toks) {
				break
			}
			if n := r.matchAll(toks, i); n > 0 {
				a.all = true
				add(text[toks[i].start:toks[i+n-1].end], nil)
				found = true
				i += n
			} else if n, target := r.doc.longest(toks, i); n > 0 {
				end := toks[i+n-1].end
				k := i + n
				if k < len(toks) && toks[k].text == "huyen" {
					end = toks[k].end
					k++
				}
				add(text[toks[i].start:end], r.expand(target))
				found = true
				i = k
			} else {
				break
			}
			if i >= len(toks) {
				break
			}
			gap := Fold(text[toks[i-1].end:toks[i].start])
			if strings.ContainsAny(gap, ",;/") || strings.Contains(" "+gap+" ", " va ") || toks[i].text == "cac" {
				continue
			}
			break
		}
		return found
	}
	// Clause starts: the text, each line, each sentence.
	starts := []int{0}
	for i := 0; i < len(f.text); i++ {
		switch f.text[i] {
		case '\n':
			starts = append(starts, i+1)
		case '.', ';':
			if i+1 < len(f.text) && f.text[i+1] == ' ' && (f.text[i] == '.' || strings.HasPrefix(strings.TrimLeft(f.text[i+1:], " "), "- ")) {
				starts = append(starts, i+2)
			}
		}
	}
	for _, s := range starts {
		rest := strings.TrimLeft(f.text[s:], " -+•*")
		s = len(f.text) - len(rest)
		var m []int
		if clauseIntroOpen(rest) {
			m = matchHead(clauseIntroRe, rest, 256)
		}
		off := s
		if m != nil {
			off = s + m[1]
		}
		if off >= len(f.text) {
			continue
		}
		subjects(tokAt(f.at(off)))
	}
	// "giao Phòng X", "đề nghị UBND các xã" anywhere.
	for _, m := range findLiteralsAfterSep(chargeRe, f.text, chargeWords, false, 64) {
		if prev := strings.Fields(f.text[max(0, m[0]-12) : m[0]+1]); len(prev) > 0 && notChargeBefore(prev[len(prev)-1]) {
			continue
		}
		subjects(tokAt(f.at(m[1])))
	}
	// "Phòng X chủ trì", "Phòng X là cơ quan thường trực" anywhere.
	if !hasAnyOf(f.text, "chu tri", "la co quan", "la don vi", "co trach nhiem") {
		return a
	}
	for _, um := range r.scan(r.doc, toks) {
		fo := foldOffset(f, um.end)
		if matchHead(leadRe, f.text[fo:], 64) != nil {
			add(text[um.start:um.end], um.codes)
		}
	}
	return a
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
// Văn hóa và Thông tin:", "Trách nhiệm của UBND các xã").
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
	if n := r.matchAll(toks, i); n > 0 {
		a.all = true
		a.names = append(a.names, strings.Trim(rest[toks[i].start:toks[i+n-1].end], " ,;:."))
		return a
	}
	if n, target := r.doc.longest(toks, i); n > 0 {
		end := toks[i+n-1].end
		if k := i + n; k < len(toks) && toks[k].text == "huyen" {
			end = toks[k].end
		}
		a.names = append(a.names, strings.Trim(rest[toks[i].start:end], " ,;:."))
		a.codes = r.expand(target)
	}
	return a
}
