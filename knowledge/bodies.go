package knowledge

import (
	"slices"
	"strings"
)

// The bodies a directive names. A question about a body the directive
// never names ("Sở Xây dựng phải làm gì?" of a text giving tasks to Sở
// Tài nguyên và Môi trường alone) must be told so, not answered with the
// task sharing most of its words. The index keeps the names the text
// writes (a body's head and the words after it, bodyPhrases); a question
// naming a body that is no configured unit (askedBodies) is answered only
// when one of them starts with that name.

// A bodyHead is the words, folded, a body's name opens with; asked says
// whether a question's word may be read as one though typed in lower case
// ("ban", "bộ", "hội" are also everyday words; "số" folds to "so").
type bodyHead struct {
	words []string
	asked bool
}

// bodyHeads are the heads of the bodies' names directives write.
var bodyHeads = []bodyHead{
	{[]string{"so"}, true}, {[]string{"phong"}, true}, {[]string{"ban"}, false}, {[]string{"bo"}, false}, {[]string{"cuc"}, false},
	{[]string{"chi", "cuc"}, true}, {[]string{"vien"}, false}, {[]string{"hoi"}, false}, {[]string{"dai"}, false}, {[]string{"doan"}, false},
	{[]string{"trung", "tam"}, true}, {[]string{"van", "phong"}, true}, {[]string{"cong", "an"}, true}, {[]string{"thanh", "tra"}, false},
	{[]string{"lien", "doan"}, true}, {[]string{"kho", "bac"}, true}, {[]string{"uy", "ban"}, true}, {[]string{"benh", "vien"}, true},
	{[]string{"ban", "chi", "huy"}, true}, {[]string{"ban", "quan", "ly"}, true}, {[]string{"quan", "su"}, false},
}

// maxBodyWords bounds the words of a body's name kept, its head's and
// "Ủy ban nhân dân" written out among them: what a question compares
// (askedBodies) is no longer.
const maxBodyWords = 7

// bodyFiller are the words a body's name is compared without: "UBND các
// xã" names the body of "UBND xã", "Sở Tài nguyên và Môi trường" that of
// "Sở Tài nguyên Môi trường".
func bodyFiller(w string) bool {
	switch w {
	case "cac", "nhung", "cua", "va", "cho", "toan", "moi", "cap":
		return true
	}
	return false
}

// bodyWords appends a folded word as a body's name is compared: an
// abbreviation written out ("ubnd" → "uy ban nhan dan"), filler left out.
func bodyWords(dst []string, w string) []string {
	if bodyFiller(w) {
		return dst
	}
	if exp := expandAbbrev(w); exp != nil {
		return append(dst, exp...)
	}
	return append(dst, w)
}

// bodyPhrases returns the names of bodies a text writes, each its head
// and up to maxBodyWords words after it in its clause, as bodyWords
// compares them, sorted. toks are tokenize's of text.
func bodyPhrases(text string, toks []token, dst []string) []string {
	var ws []string
	for i := range toks {
		ws = bodyWords(ws[:0], toks[i].text)
		if len(ws) == 0 {
			continue
		}
		head := askedHead(toks, i)
		if head == 0 && toks[i].text != "ubnd" {
			continue // a head no question is read with ("ban", "bộ")
		}
		for j := i + 1; j < len(toks) && len(ws) < maxBodyWords; j++ {
			if breaksClause(text[toks[j-1].end:toks[j].start]) {
				break
			}
			ws = bodyWords(ws, toks[j].text)
		}
		dst = append(dst, strings.Join(ws, " "))
	}
	slices.Sort(dst)
	return slices.Compact(dst)
}

// namesBody reports whether a directive's bodies (sorted) hold one whose
// name starts with the words of b.
func namesBody(bodies []string, b string) bool {
	i, found := slices.BinarySearch(bodies, b)
	return found || i < len(bodies) && strings.HasPrefix(bodies[i], b+" ")
}

// askedBody is a body a question names: its name as compared and as typed.
type askedBody struct {
	key, typed string
}

// askedBodies returns the bodies a question names that no configured unit
// stands for: a head not under mask (a unit or a question's phrase) and
// the word of a name after it, a sector ("Sở Xây dựng", "Phòng Tư pháp")
// or a level ("UBND huyện", "Công an xã"). What follows that word is not
// compared: "Công an tỉnh phối hợp" names Công an tỉnh. toks are
// tokenize's of the folded question f; typed returns the question as
// typed between two of their offsets.
func askedBodies(f string, toks []token, mask []bool, typed func(i, j int) string) []askedBody {
	var out []askedBody
	for i := 0; i < len(toks); i++ {
		if mask[toks[i].start] || i > 0 && toks[i-1].text == "gui" {
			continue // "Kính gửi Văn phòng, …" greets the office
		}
		head := askedHeadAt(toks, i, typed)
		if head == 0 || i+head >= len(toks) || mask[toks[i+head].start] || breaksClause(f[toks[i+head-1].end:toks[i+head].start]) {
			continue
		}
		var ws []string
		for _, tk := range toks[i : i+head] {
			ws = bodyWords(ws, tk.text)
		}
		j := i + head
		for j < len(toks) && bodyFiller(toks[j].text) {
			j++
		}
		if j >= len(toks) {
			continue
		}
		end := j + 1
		w := toks[j].text
		sector := j+1 < len(toks) && isSector(w+" "+toks[j+1].text)
		switch {
		case sector:
			ws = append(ws, w, toks[j+1].text)
			end = j + 2
		case isLevel(w) || w == "ubnd" || w == "hdnd":
			ws = bodyWords(ws, w)
		default:
			continue
		}
		out = append(out, askedBody{key: strings.Join(ws, " "), typed: bodyName(typed(toks[i].start, toks[end-1].end), j-i, sector)})
		i = end - 1
	}
	return out
}

// bodyName writes a body's name typed in lower case as a name: its first
// word and the sector after its head with a capital ("sở xây dựng" → "Sở
// Xây dựng"), "UBND" in capitals ("ubnd xã" → "UBND xã", "công an tỉnh"
// → "Công an tỉnh").
func bodyName(s string, head int, sector bool) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		switch {
		case Fold(w) == "ubnd" || Fold(w) == "hdnd":
			ws[i] = strings.ToUpper(w)
		case i == 0 || sector && i == head:
			r := []rune(w)
			ws[i] = strings.ToUpper(string(r[0])) + string(r[1:])
		}
	}
	return strings.Join(ws, " ")
}

// sectors are the sectors a Sở or a Phòng is named for, folded: their
// first two words (Nghị định 150/2025/NĐ-CP and the ministries'
// departments before it).
var sectors = []string{"noi vu", "tai chinh", "tu phap", "xay dung", "y te", "giao duc", "giao thong", "nong nghiep", "khoa hoc",
	"lao dong", "thong tin", "ngoai vu", "du lich", "dan toc", "cong thuong", "van hoa", "ke hoach", "kinh te", "tai nguyen",
	"van phong", "thanh tra", "tu nhien", "phat trien", "hanh chinh", "phuc vu", "dich vu", "quan ly", "chinh tri", "an ninh"}

// isSector reports whether two folded words open the name of a sector.
func isSector(two string) bool { return slices.Contains(sectors, two) }

// isLevel reports whether a folded word names a tier of government: "UBND
// huyện", "Công an xã".
func isLevel(w string) bool {
	switch w {
	case "tinh", "huyen", "xa", "phuong", "thi", "thanh", "quan", "dac":
		return true
	}
	return false
}

// askedHead returns how many tokens from i a head a question may name
// takes (bodyHeads' asked), or 0.
func askedHead(toks []token, i int) int {
	n := headAt(toks, i)
	for _, bh := range bodyHeads {
		if len(bh.words) == n && !bh.asked && slices.Equal(bh.words, tokTexts(toks[i:i+n])) {
			return 0
		}
	}
	return n
}

// askedHeadAt returns how many tokens from i a body's head takes in a
// question, or 0: a head people type in lower case, "sở" not "số" ("so"
// typed without marks before the name of a sector), "phòng" not "phòng
// chống".
func askedHeadAt(toks []token, i int, typed func(i, j int) string) int {
	n := headAt(toks, i)
	if n == 0 && toks[i].text == "ubnd" {
		return 1
	}
	if n == 0 {
		return 0
	}
	for _, bh := range bodyHeads {
		if len(bh.words) == n && slices.Equal(bh.words, tokTexts(toks[i:i+n])) && !bh.asked {
			return 0
		}
	}
	if i+n >= len(toks) {
		return 0
	}
	next := toks[i+n].text
	switch toks[i].text {
	case "so":
		switch typed(toks[i].start, toks[i].end) {
		case "sở":
		case "so":
			// "so cong van" is "số công văn"; "so ke hoach va dau tu"
			// is Sở Kế hoạch và Đầu tư.
			if !sectorWord(next) {
				return 0
			}
			if i+n+1 < len(toks) {
				two := next + " " + toks[i+n+1].text
				if (kindOfHeading(two) != "" || two == "van ban") && !(i+n+2 < len(toks) && toks[i+n+2].text == "va") {
					return 0
				}
			}
		default:
			return 0
		}
	case "phong":
		switch next {
		case "chong", "ngua", "tranh", "thu", "hop", "ve", "benh", "dich":
			return 0
		}
	}
	return n
}

// sectorWord reports whether a folded word opens the name of a Sở's
// sector: "so noi vu", "so tai chinh", "so xay dung".
func sectorWord(w string) bool {
	switch w {
	case "noi", "tai", "tu", "xay", "y", "giao", "nong", "khoa", "lao", "thong", "ngoai", "du", "dan", "cong", "van", "ke":
		return true
	}
	return false
}

func tokTexts(toks []token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.text
	}
	return out
}
