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
	nfc, odd := scanNormal(s)
	if !nfc {
		s = norm.NFC.String(s)
		odd = hasOddSpace(s)
	}
	if odd {
		s = strings.NewReplacer(
			"\r\n", "\n", "\r", "\n", "\u00a0", " ", "\u200b", "", "\u200c", "", "\u200d", "",
			"\ufeff", "", "\u2028", "\n", "\u2029", "\n", "\f", "\n", "\v", "\n",
		).Replace(s)
	}
	return s
}

// scanNormal reports, in one pass, whether s is in NFC (isNFC) and whether
// it holds a character Normalize replaces (hasOddSpace).
func scanNormal(s string) (nfc, odd bool) {
	nfc = true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '\r' || c == '\f' || c == '\v' {
				odd = true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isOddSpace(r) {
			odd = true
		}
		if nfc && !nfcStable(r) {
			nfc = false
		}
		i += size
	}
	if !nfc {
		nfc = norm.NFC.IsNormalString(s)
	}
	return nfc, odd
}

// isNFC reports whether s is in NFC. Text made of ASCII, Latin letters
// below U+0300, precomposed Latin letters (U+1E00–U+1EFF, the Vietnamese
// ones among them) and general punctuation (U+2002–U+20CF) is, and is told
// without x/text's tables; other text is checked by norm.
func isNFC(s string) bool {
	nfc, _ := scanNormal(s)
	return nfc
}

// nfcStable reports whether r is unchanged by NFC and never composes with
// the character before it (TestNFCStable checks the ranges against norm).
func nfcStable(r rune) bool {
	return r >= 0x80 && r < 0x300 || r >= 0x1E00 && r <= 0x1EFF || r >= 0x2002 && r <= 0x20CF
}

// hasOddSpace reports whether s holds a character Normalize replaces:
// "\r", "\f", "\v", U+00A0, U+200B–U+200D, U+2028, U+2029 or U+FEFF.
func hasOddSpace(s string) bool {
	_, odd := scanNormal(s)
	return odd
}

// isOddSpace reports whether a non-ASCII rune is one Normalize replaces.
func isOddSpace(r rune) bool {
	return r == 0xA0 || r >= 0x200B && r <= 0x200D || r == 0x2028 || r == 0x2029 || r == 0xFEFF
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

// toneOf splits a lower-case vowel into its base (keeping the vowel's own
// marks: â, ă, ê, ô, ơ, ư) and its tone (1–5: grave, acute, hook, tilde,
// dot), or returns r and 0.
func toneOf(r rune) (rune, int) {
	if r < 0xC0 {
		return r, 0
	}
	if t, ok := toneTable[r]; ok {
		return t.base, int(t.tone)
	}
	return r, 0
}

// tonedVowels are the lower-case vowels with their five tones in order
// (grave, acute, hook, tilde, dot), after the vowel without a tone.
var tonedVowels = [...]string{"aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị", "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ"}

// toned is a vowel's base (with its own marks) and tone (1–5).
type toned struct {
	base rune
	tone int8
}

// toneTable maps each toned vowel to its base and tone (see tonedVowels);
// built once, never written after.
var toneTable = func() map[rune]toned {
	t := map[rune]toned{}
	for _, row := range tonedVowels {
		rs := []rune(row)
		for i, r := range rs[1:] {
			t[r] = toned{rs[0], int8(i + 1)}
		}
	}
	return t
}()

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
}

// isWordRune reports whether r belongs to a word: a letter, a digit or a
// combining mark. The Latin letters Vietnamese uses are answered without
// the Unicode tables.
func isWordRune(r rune) bool {
	switch {
	case r < 0x80:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case r >= 0xC0 && r <= 0x24F:
		return r != 0xD7 && r != 0xF7 // × and ÷
	case r >= 0x1EA0 && r <= 0x1EF9:
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize appends the words of s to dst, folded. Letters and digits stay in
// one word ("nv5" is one word); the caller splits where it needs. A word
// already folded (lower-case ASCII) is a substring of s, the others share
// one string: a caller keeping a word beyond the call clones it.
func tokenize(s string, dst []token) []token {
	if n := len(s)/4 + 8; cap(dst)-len(dst) < n {
		dst = append(make([]token, 0, len(dst)+n), dst...)
	}
	var (
		all  strings.Builder // the folded words that are not substrings of s
		offs []int           // for each of them: its index in dst, start and end in all
	)
	for i := 0; i < len(s); {
		// Skip to a word.
		c := s[i]
		if c < utf8.RuneSelf {
			if !isAlnumByte(c) && (c < 'A' || c > 'Z') {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(s[i:]); !isWordRune(r) {
			i += size
			continue
		}
		// Lower-case letters and digits: a word already folded, maybe whole.
		start := i
		for i < len(s) && isAlnumByte(s[i]) {
			i++
		}
		if i == len(s) || !isWordStart(s[i:]) {
			dst = append(dst, token{start: start, end: i, text: s[start:i]})
			continue
		}
		// The rest of the word needs folding.
		if all.Cap() == 0 {
			all.Grow(len(s) - start)
		}
		from := all.Len()
		all.WriteString(s[start:i])
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				if isAlnumByte(c) {
					all.WriteByte(c)
				} else if c >= 'A' && c <= 'Z' {
					all.WriteByte(c + 'a' - 'A')
				} else {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if !isWordRune(r) {
				break
			}
			if f := foldRune(r); f >= 0 {
				all.WriteRune(f)
			}
			i += size
		}
		if all.Len() == from {
			continue // only marks that fold to nothing: no word
		}
		offs = append(offs, len(dst), from, all.Len())
		dst = append(dst, token{start: start, end: i})
	}
	if len(offs) > 0 {
		text := all.String()
		for k := 0; k < len(offs); k += 3 {
			dst[offs[k]].text = text[offs[k+1]:offs[k+2]]
		}
	}
	return dst
}

// isWordStart reports whether s opens with a word character: a letter, a
// digit or a combining mark.
func isWordStart(s string) bool {
	if c := s[0]; c < utf8.RuneSelf {
		return isAlnumByte(c) || c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
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
