package knowledge

import "strings"

// Telex is how most people type Vietnamese: a mark is a letter after the
// vowel ("s" sắc, "f" huyền, "r" hỏi, "x" ngã, "j" nặng), a doubled or
// "w"-ed letter a changed one ("dd" đ, "aa" â, "ow" ơ). When the keyboard
// is not switched to Vietnamese, or the switch slips, the letters stay:
// "mucj II.7 ddeef nghij ai lamf gif". A word no directive and no question
// knows is read as Telex when, so read, it is one they know.

// telexPairs are the doubled and "w"-ed letters, folded.
var telexPairs = strings.NewReplacer("dd", "d", "aa", "a", "aw", "a", "ee", "e", "oo", "o", "ow", "o", "uw", "u")

// telexWord returns the folded word a Telex-typed word stands for, or ""
// when it is no Telex: "mucj" → "muc", "ddeef" → "de", "lamf" → "lam".
func telexWord(w string) string {
	if len(w) < 2 || !isASCIILetters(w) {
		return ""
	}
	out := w
	if strings.ContainsRune("sfrxj", rune(w[len(w)-1])) {
		out = w[:len(w)-1]
	}
	out = telexPairs.Replace(out)
	if out == w || out == "" {
		return ""
	}
	return out
}

// mayBeTelex reports, cheaply, whether a folded text may hold a Telex
// word: a word ending in a mark's letter, or a doubled or "w"-ed letter.
func mayBeTelex(f string) bool {
	for i := 1; i < len(f); i++ {
		c, p := f[i], f[i-1]
		end := i+1 == len(f) || f[i+1] == ' ' || f[i+1] == '?' || f[i+1] == ','
		if end && strings.IndexByte("sfrxj", c) >= 0 && p >= 'a' && p <= 'z' ||
			c == p && strings.IndexByte("adeo", c) >= 0 || c == 'w' && strings.IndexByte("aou", p) >= 0 {
			return true
		}
	}
	return false
}

func isASCIILetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// untelex rewrites, in a folded question, each word the index does not
// know and whose Telex reading it does ("mucj" → "muc "), keeping every
// byte offset: the reading is padded with spaces to the word's length.
func (ix *Index) untelex(f string) string {
	if !mayBeTelex(f) {
		return f
	}
	var b []byte
	for _, tk := range tokenize(f, nil) {
		w := tk.text
		if ix.knows(w) {
			continue
		}
		r := telexWord(w)
		if r == "" || !ix.knows(r) {
			continue
		}
		if b == nil {
			b = []byte(f)
		}
		copy(b[tk.start:tk.end], r+strings.Repeat(" ", len(w)-len(r)))
	}
	if b == nil {
		return f
	}
	return string(b)
}

// knows reports whether a folded word is one of a question's words or of
// the directives'.
func (ix *Index) knows(w string) bool {
	return isStop(w) || ix.wordTerm(w, false) != 0 || questionWords[w]
}

// questionWords are words of questions a directive may not hold.
var questionWords = map[string]bool{"muc": true, "nv": true, "dieu": true, "khoan": true, "diem": true, "han": true,
	"nghi": true, "xong": true, "chot": true, "hoan": true, "thanh": true, "giao": true, "gi": true, "lam": true}
