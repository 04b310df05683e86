package knowledge

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// itemLetters are the letters Vietnamese items are lettered with, in
// order ("a) … b) … c) … d) … đ) … e) … g)"): no f, j, w, z.
const itemLetters = "abcdđeghiklmnopqrstuvxy"

// letterIndex returns a letter's place in itemLetters, or -1.
func letterIndex(r rune) int {
	for i, c := range []rune(itemLetters) {
		if c == r {
			return i
		}
	}
	return -1
}

// repairMarker reads the marker of a line OCR read as the one the
// numbering expects, where the numbering and the token agree that it was
// misread: prev is the last item of the same kind before the line (nil
// for none), next the marker of the next item line after it, parsed. It
// returns the line as it should read, and whether it changed it.
//
//   - a token no marker is made of ("ø)", "ö.", "đd)") where the next item
//     (prev's successor) is expected: "ø) Củng cố …" after "e)" → "g)";
//   - a letter further on than expected, when the next item is the
//     expected one's successor: "e)" between "b)" and "d)" → "c)".
//
// Only text read by OCR is repaired; a typed list keeps its gaps
// ("a b c đ e g" without d).
func repairMarker(s string, prev, next *node) (string, bool) {
	tok, sep, rest, ok := markerToken(s)
	if !ok || prev == nil || !startsWord(rest) {
		return s, false
	}
	want := successor(prev)
	if want == "" {
		return s, false
	}
	if n := parseMarker(s); n != nil && n.rank == prev.rank {
		if n.label == want || next == nil || next.rank != prev.rank {
			return s, false
		}
		// A letter further on than expected, the next item confirming.
		if n.rank == 4 && letterAfter(n.label, want) && next.label == successor(&node{rank: 4, label: want}) {
			return want + ")" + rest, true
		}
		return s, false
	}
	// A number closes with ".", a letter with ")".
	if parseMarker(s) != nil || !oddToken(tok, prev.rank) || (sep == ".") != (prev.rank == 2) {
		return s, false
	}
	return want + sep + rest, true
}

// markerToken splits a line at a short token closed by ")" or "." that may
// be a misread marker: "ø) Củng cố" → "ø", ")", " Củng cố".
func markerToken(s string) (tok, sep, rest string, ok bool) {
	for i, r := range s {
		if i > 6 {
			return "", "", "", false
		}
		if r == ')' || r == '.' {
			if i == 0 {
				return "", "", "", false
			}
			return s[:i], string(r), s[i+1:], true
		}
		if unicode.IsSpace(r) {
			return "", "", "", false
		}
	}
	return "", "", "", false
}

// startsWord reports whether the text after a marker opens with a word in
// capitals, as an item's does: " Củng cố …".
func startsWord(rest string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(rest, " "))
	return unicode.IsUpper(r)
}

// successor returns the marker's label that comes after an item's: "c"
// after "b", "đ" after "d", "8" after "7".
func successor(n *node) string {
	switch n.rank {
	case 2:
		v, err := strconv.Atoi(n.label)
		if err != nil {
			return ""
		}
		return strconv.Itoa(v + 1)
	case 4:
		r, _ := utf8.DecodeRuneInString(n.label)
		if i := letterIndex(r); i >= 0 && i+1 < len([]rune(itemLetters)) {
			return string([]rune(itemLetters)[i+1])
		}
	}
	return ""
}

// letterAfter reports whether letter a comes after b in itemLetters.
func letterAfter(a, b string) bool {
	ra, _ := utf8.DecodeRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	return letterIndex(ra) > letterIndex(rb) && letterIndex(rb) >= 0
}

// oddToken reports whether a token is no marker of the rank but what OCR
// makes of one: one or two letters or signs of which none is a digit (for
// a number) or which are not one item letter (for a letter).
func oddToken(tok string, rank int) bool {
	rs := []rune(tok)
	if len(rs) == 0 || len(rs) > 2 {
		return false
	}
	switch rank {
	case 2:
		return len(rs) == 1 && !unicode.IsDigit(rs[0]) && letterIndex(unicode.ToLower(rs[0])) < 0
	case 4:
		return len(rs) == 2 || letterIndex(rs[0]) < 0 && !unicode.IsDigit(rs[0]) && !unicode.IsUpper(rs[0])
	}
	return false
}
