package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in Unicode NFC with line ends as "\n", no byte-order
// mark or zero-width characters, and no-break spaces as spaces. Directives
// are compared and shown in this form.
func Normalize(s string) string {
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	if strings.ContainsAny(s, "\r\u00a0\u200b\u200c\u200d\ufeff\u2028\u2029\f\v") {
		s = strings.NewReplacer(
			"\r\n", "\n", "\r", "\n", "\u00a0", " ", "\u200b", "", "\u200c", "", "\u200d", "",
			"\ufeff", "", "\u2028", "\n", "\u2029", "\n", "\f", "\n", "\v", "\n",
		).Replace(s)
	}
	return s
}

// latin1Fold maps U+00C0..U+00FF to a base letter; '*' keeps the rune.
const latin1Fold = "aaaaaaaceeeeiiiidnooooo*ouuuuy*saaaaaaaceeeeiiiidnooooo*ouuuuy*y"

// vnBlockFold maps U+1EA0..U+1EF9 (Latin Extended Additional, the
// Vietnamese letters) to their base letters, upper and lower case in turn.
const vnBlockFold = "aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy"

// foldRune returns r in lower case without diacritics (đ → d), or -1 for a
// combining mark that folding drops.
func foldRune(r rune) rune {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r >= 0xC0 && r <= 0xFF:
		if c := latin1Fold[r-0xC0]; c != '*' {
			return rune(c)
		}
		return unicode.ToLower(r)
	case r >= 0x1EA0 && r <= 0x1EF9:
		return rune(vnBlockFold[r-0x1EA0])
	case r >= 0x300 && r <= 0x36F:
		return -1
	}
	switch r {
	case 'Ă', 'ă':
		return 'a'
	case 'Đ', 'đ', 'Ɖ':
		return 'd'
	case 'Ĩ', 'ĩ':
		return 'i'
	case 'Ũ', 'ũ':
		return 'u'
	case 'Ơ', 'ơ':
		return 'o'
	case 'Ư', 'ư':
		return 'u'
	}
	return unicode.ToLower(r)
}

// Fold returns s in lower case with every diacritic removed (đ → d) and
// runs of spaces collapsed: "Nhiệm vụ  5" → "nhiem vu 5". Tone placement
// ("hoá"/"hóa") folds away with the tones.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		f := foldRune(r)
		if f < 0 {
			continue
		}
		b.WriteRune(f)
		space = false
	}
	return strings.TrimRight(b.String(), " ")
}

// tonedVowels lists the lower-case vowels carrying a tone, five to a base
// (grave, acute, hook, tilde, dot), in the order of toneBases.
const tonedVowels = "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"

// toneBases are the vowels of tonedVowels without their tone.
const toneBases = "aăâeêioôơuưy"

// toneOf splits a lower-case vowel into its base (keeping the vowel's own
// marks: â, ă, ê, ô, ơ, ư) and its tone (1–5), or returns r and 0.
func toneOf(r rune) (rune, int) {
	if r < 0xC0 {
		return r, 0
	}
	n := 0
	for _, c := range tonedVowels {
		if c == r {
			i := 0
			for _, b := range toneBases {
				if i == n/5 {
					return b, n%5 + 1
				}
				i++
			}
		}
		n++
	}
	return r, 0
}

// ToneKey returns a syllable in a form that keeps the vowel marks and the
// tone but not where the tone was placed: "hoá" and "hóa" both give
// "hoa2", "uỷ" and "ủy" both "uy3". Words of several syllables are keyed
// syllable by syllable.
func ToneKey(s string) string { return toneKey(Normalize(s)) }

// toneKey is ToneKey of NFC text.
func toneKey(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	tone := 0
	flush := func() {
		if tone > 0 {
			b.WriteByte(byte('0' + tone))
			tone = 0
		}
	}
	for _, r := range s {
		if unicode.IsSpace(r) {
			flush()
			b.WriteByte(' ')
			continue
		}
		r = unicode.ToLower(r)
		base, t := toneOf(r)
		if t > 0 {
			tone = t
		}
		b.WriteRune(base)
	}
	flush()
	return b.String()
}

// token is one word of a text: a run of letters and digits.
type token struct {
	start, end int    // byte offsets in the text
	text       string // folded form
	marked     bool   // the original carries diacritics
}

// isWordRune reports whether r belongs to a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize appends the words of s to dst, folded. Letters and digits stay in
// one word ("nv5" is one word); the caller splits where it needs.
func tokenize(s string, dst []token) []token {
	var buf []byte
	start := -1
	marked := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			if start < 0 {
				start = i
				buf = buf[:0]
				marked = false
			}
			f := foldRune(r)
			if f >= 0 {
				buf = utf8.AppendRune(buf, f)
			}
			if r >= 0x80 {
				marked = true
			}
		} else if start >= 0 {
			dst = append(dst, token{start: start, end: i, text: string(buf), marked: marked})
			start = -1
		}
		i += size
	}
	if start >= 0 {
		dst = append(dst, token{start: start, end: len(s), text: string(buf), marked: marked})
	}
	return dst
}

// foldedWords returns the folded words of s.
func foldedWords(s string) []string {
	toks := tokenize(s, nil)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.text
	}
	return out
}
