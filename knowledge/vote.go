package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// OCR misreads a word's marks here and there but seldom the same way
// every time: in a document read by OCR, the spelling of a word that the
// text uses most often, among those folding alike, is the word's
// ("tĩnh" in the header, "tỉnh" forty times in the body).

// spellings counts the spellings of a text's words, lower-cased, by
// their folded form.
type spellings map[string]map[string]int

func countSpellings(text string) spellings {
	sp := spellings{}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) }) {
		lw := strings.ToLower(w)
		f := Fold(lw)
		if sp[f] == nil {
			sp[f] = map[string]int{}
		}
		sp[f][lw]++
	}
	return sp
}

// vote rewrites each word of s in the spelling the text uses most for it,
// keeping the word's capitals; a tie keeps the word.
func (sp spellings) vote(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if core == "" {
			continue
		}
		lw := strings.ToLower(core)
		best, n := lw, sp[Fold(lw)][lw]
		for form, c := range sp[Fold(lw)] {
			if c > n {
				best, n = form, c
			}
		}
		if best != lw && utf8.RuneCountInString(best) == utf8.RuneCountInString(lw) {
			words[i] = strings.Replace(w, core, matchCase(best, core), 1)
		}
	}
	return strings.Join(words, " ")
}

// matchCase writes form with the capitals of like: all capitals, a capital
// first, or none.
func matchCase(form, like string) string {
	switch {
	case isUpper(like) && utf8.RuneCountInString(like) > 1:
		return strings.ToUpper(form)
	case startsUpperCase(like):
		return capitalize(form)
	}
	return form
}

func startsUpperCase(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
