package bot

import (
	"strings"
	"unicode"
)

// SplitText cuts text into parts of at most limit characters, counted in
// UTF-16 code units as Telegram counts them (never fewer than runes). It cuts
// between paragraphs (blank lines) where it can, else between lines, else
// between words, else between runes. Parts carry no leading blank lines and
// no trailing spaces; whitespace-only parts are dropped, so blank text gives
// none.
func SplitText(text string, limit int) []string {
	if limit <= 0 {
		limit = 1
	}
	var out []string
	for _, p := range splitAt(text, limit, []string{"\n\n", "\n", " "}) {
		p = strings.TrimRightFunc(strings.TrimLeft(p, "\r\n"), unicode.IsSpace)
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// splitAt splits text at the first separator of seps, packing pieces greedily
// and splitting a piece too long on its own at the next separator.
func splitAt(text string, limit int, seps []string) []string {
	if textLen(text) <= limit {
		return []string{text}
	}
	if len(seps) == 0 {
		return splitRunes(text, limit)
	}
	sep, sepLen := seps[0], textLen(seps[0])
	var (
		out    []string
		cur    strings.Builder
		curLen int
		filled bool
	)
	flush := func() {
		if filled {
			out = append(out, cur.String())
		}
		cur.Reset()
		curLen, filled = 0, false
	}
	for _, piece := range strings.Split(text, sep) {
		n := textLen(piece)
		switch {
		case n > limit:
			flush()
			out = append(out, splitAt(piece, limit, seps[1:])...)
		case !filled:
			cur.WriteString(piece)
			curLen, filled = n, true
		case curLen+sepLen+n <= limit:
			cur.WriteString(sep)
			cur.WriteString(piece)
			curLen += sepLen + n
		default:
			flush()
			cur.WriteString(piece)
			curLen, filled = n, true
		}
	}
	flush()
	return out
}

// splitRunes cuts text into parts of at most limit UTF-16 code units.
func splitRunes(text string, limit int) []string {
	var out []string
	start, n := 0, 0
	for i, r := range text {
		w := runeLen(r)
		if n+w > limit && i > start {
			out = append(out, text[start:i])
			start, n = i, 0
		}
		n += w
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// textLen is the length of s in UTF-16 code units.
func textLen(s string) int {
	n := 0
	for _, r := range s {
		n += runeLen(r)
	}
	return n
}

// runeLen is the number of UTF-16 code units of r.
func runeLen(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}
