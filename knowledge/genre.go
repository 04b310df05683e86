package knowledge

import (
	"strings"
	"unicode"
)

// Which texts are administrative documents. A text with a header (a
// number, an issuer, recipients, a signer) is one. A text without one (a
// Thông báo's body as a portal republishes it, a plan's task table) is
// one when it reads as one: Vietnamese prose with the genre's words, no
// markup or code. A README, source code or a table of figures is not,
// whatever numbered lists it holds.

// adminWords are words of the administrative genre, folded: a body
// without a header must use some of them.
var adminWords = []string{"thuc hien", "trien khai", "bao cao", "giao", "chu tri", "phoi hop", "ubnd", "uy ban",
	"don vi", "ke hoach", "nhiem vu", "truoc ngay", "cham nhat", "tham muu", "co quan", "de nghi", "yeu cau",
	"thong bao", "can bo", "cong chuc", "vien chuc", "chu tich", "nhan dan", "dia ban", "to chuc", "chi dao"}

// codeMarks are what markup and source code have and a directive never
// does, at the start of a line or inside it.
var codeMarks = []string{"```", "|---", "| ---", "func ", "#include", "import ", "package ", "def ", "</", "/>", "{{", "}}", "$ ", "==", "=>", "://", "\t"}

// readsAsDirective reports whether a text without a header is an
// administrative document: no more than a trace of markup or code, most
// of its words Vietnamese, and two of the genre's words or more.
func readsAsDirective(text string) bool {
	code := 0
	for _, l := range strings.Split(text, "\n") {
		for _, m := range codeMarks {
			if strings.Contains(l, m) {
				code++
				break
			}
		}
	}
	if code > 2 {
		return false
	}
	if vietnameseShare(text) < 0.5 {
		return false
	}
	f := Fold(text)
	n := 0
	for _, w := range adminWords {
		if hasWord(f, w) {
			n++
		}
	}
	return n >= 2
}

// vietnameseShare is the share of a text's words written with Vietnamese
// marks or made of letters only, among words of letters: English and
// identifiers ("tokenize", "26379/MASTER") count against it only when
// marks are rare, as in a README.
func vietnameseShare(text string) float64 {
	words, marked := 0, 0
	for _, w := range strings.Fields(text) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if w == "" {
			continue
		}
		words++
		if Fold(w) != strings.ToLower(w) || vietnameseSyllable(strings.ToLower(w)) {
			marked++
		}
	}
	if words == 0 {
		return 0
	}
	return float64(marked) / float64(words)
}

// vietnameseSyllable reports whether an unmarked word is a common
// Vietnamese syllable written without marks ("va", "cac", "xa", "ubnd").
func vietnameseSyllable(w string) bool {
	switch w {
	case "va", "cac", "xa", "ubnd", "hdnd", "cho", "theo", "tai", "tu", "den", "ban", "so", "tinh", "huyen", "nam", "thang", "ngay", "khi", "an", "thi", "tran", "con", "la", "ra", "vao", "nay", "tren", "trong":
		return true
	}
	return false
}

// Mojibake: Vietnamese saved in a legacy encoding (TCVN3, VNI) and read
// as another, or bytes that are not text read as UTF-16, give letters no
// Vietnamese word has ("Uûy ban nhaân daân", CJK from a bad byte-order
// mark).

// foreignShare is the share of a text's letters that are neither
// Vietnamese nor plain Latin letters.
func foreignShare(text string) float64 {
	letters, foreign := 0, 0
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if !vietnameseLetter(unicode.ToLower(r)) {
			foreign++
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(foreign) / float64(letters)
}

// vnLetters are the letters of Vietnamese beyond a-z, lower-case.
const vnLetters = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"

func vietnameseLetter(r rune) bool {
	return r >= 'a' && r <= 'z' || strings.ContainsRune(vnLetters, r)
}
