package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// People type a body's name by its initials: "stnmt" for Sở Tài nguyên và
// Môi trường, "skhđt", "snn" (Sở Nông nghiệp …), "pnv" (Phòng Nội vụ),
// "Sở GTVT", "ttyt" (Trung tâm Y tế). No list of units can hold every
// body a directive names, so the index gives each name the text writes
// (a capitalised body's head and the words after it) the initials it can
// be typed by, and a question's "stnmt" finds the task naming it.

// maxInitialWords bounds how many words after a head make initials.
const maxInitialWords = 7

// unitInitialisms returns the initials a text's body names can be typed
// by: for each head written with a capital ("Sở", not "sở"), those of the
// head and one to maxInitialWords words after it within the clause, "và"
// left out ("so tai nguyen va moi truong" → "stn", "stnm", "stnmt"), and
// those of the words after the head alone when four letters or more
// ("tnmt", as in "Sở TNMT"). toks are tokenize's of text.
func unitInitialisms(text string, toks []token, dst []string) []string {
	for i := 0; i < len(toks); i++ {
		head := headAt(toks, i)
		if head == 0 || !capitalAt(text, toks[i].start) {
			continue
		}
		var b strings.Builder
		for _, tk := range toks[i : i+head] {
			b.WriteByte(tk.text[0])
		}
		lead := b.Len()
		words := 0
		for j := i + head; j < len(toks) && words < maxInitialWords; j++ {
			if breaksClause(text[toks[j-1].end:toks[j].start]) || isDigitByte(toks[j].text[0]) {
				break
			}
			if toks[j].text == "va" {
				continue
			}
			b.WriteByte(toks[j].text[0])
			words++
			if s := b.String(); len(s) >= 3 {
				dst = append(dst, s)
			}
			if rest := b.String()[lead:]; len(rest) >= 4 {
				dst = append(dst, rest)
			}
		}
	}
	return dst
}

// headAt returns how many tokens from i a body's head takes, or 0.
func headAt(toks []token, i int) int {
	best := 0
	for _, bh := range bodyHeads {
		h := bh.words
		if len(h) <= best || i+len(h) > len(toks) {
			continue
		}
		ok := true
		for k, w := range h {
			if toks[i+k].text != w {
				ok = false
				break
			}
		}
		if ok {
			best = len(h)
		}
	}
	return best
}

// capitalAt reports whether the letter at offset i of text is a capital.
func capitalAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsUpper(r)
}

// breaksClause reports whether what stands between two words ends a name:
// a comma, a semicolon, a full stop, a bracket, a line break.
func breaksClause(between string) bool { return strings.ContainsAny(between, ",;.:()\n“”\"") }
