package knowledge

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// TestNFCStable checks the ranges isNFC answers without norm: each rune is
// unchanged by NFC and never composes with a rune before it.
func TestNFCStable(t *testing.T) {
	for r := rune(0); r <= 0x2FFFF; r++ {
		if !nfcStable(r) {
			continue
		}
		s := string(r)
		p := norm.NFC.PropertiesString(s)
		if norm.NFC.String(s) != s || !p.BoundaryBefore() {
			t.Errorf("U+%04X is not NFC-stable", r)
		}
		// After every base letter a Vietnamese text holds.
		for _, b := range "aeiouyAEIOUYâêôăơưđ" {
			if x := string(b) + s; norm.NFC.String(x) != x {
				t.Errorf("U+%04X composes with %q", r, b)
			}
		}
	}
	for _, s := range []string{"Hòa Bình", "Nghị định số 12/ND-CP", "Ho\u0300a", "\u2000", "Å", "x\u0301"} {
		if isNFC(s) != norm.NFC.IsNormalString(s) {
			t.Errorf("isNFC(%q) = %v", s, isNFC(s))
		}
	}
}

// TestIsWordRune checks the fast ranges of isWordRune against the Unicode
// tables.
func TestIsWordRune(t *testing.T) {
	for r := rune(0); r <= 0x2FFFF; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if isWordRune(r) != want {
			t.Errorf("isWordRune(U+%04X) = %v", r, !want)
		}
	}
}

// TestStripEmphasis checks stripEmphasis against the regular expressions
// it stands for, on short strings of marks, spaces, brackets and quotes.
func TestStripEmphasis(t *testing.T) {
	open := regexp.MustCompile(`(^|[\s(“"‘'\[])[*_]+([^\s*_])`)
	closing := regexp.MustCompile(`([^\s*_])[*_]+($|[\s).,;:!?”"’'\]])`)
	parts := []string{"*", "_", "**", " ", "a", "ệ", "(", "“", "”", ")", ".", "'", "\"", "[", "]", "\t", "!", "‘", "’", "²", "⁵"}
	rng := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for k := rng.IntN(12); k >= 0; k-- {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		if want, got := open.ReplaceAllString(s, "$1$2"), stripEmphasis(s, true); got != want {
			t.Fatalf("opening marks of %q: %q, want %q", s, got, want)
		}
		if want, got := closing.ReplaceAllString(s, "$1$2"), stripEmphasis(s, false); got != want {
			t.Fatalf("closing marks of %q: %q, want %q", s, got, want)
		}
		if want, got := strings.ContainsAny(s, "¹²³⁰⁴⁵⁶⁷⁸⁹"), hasSuperDigit(s); got != want {
			t.Fatalf("hasSuperDigit(%q) = %v", s, got)
		}
	}
}

// TestTokenizeNoEmptyWord: marks that fold to nothing make no word, so no
// step after tokenize meets an empty one (a lone U+0342 after "P " once
// panicked in canon and took the bot down).
func TestTokenizeNoEmptyWord(t *testing.T) {
	for _, s := range []string{"P \u0342", "\u0342", "P \u0301\u0342 x", "Phòng \u0300Nội vụ", "a\u0342b"} {
		for _, tk := range tokenize(s, nil) {
			if tk.text == "" {
				t.Errorf("tokenize(%q) has an empty word at %d–%d", s, tk.start, tk.end)
			}
		}
		canonTokens(s) // must not panic
	}
}

// TestToneOfAgreesWithUnicode: each toned vowel's base and tone are those
// its canonical decomposition gives.
func TestToneOfAgreesWithUnicode(t *testing.T) {
	tones := map[rune]int{0x300: 1, 0x301: 2, 0x309: 3, 0x303: 4, 0x323: 5}
	n := 0
	for r := rune(0xC0); r <= 0x1EF9; r++ {
		d := []rune(norm.NFD.String(string(r)))
		if len(d) < 2 || !unicode.IsLower(r) {
			continue
		}
		// The tone is one of the marks ("ậ" is a, dot below, circumflex).
		tone, rest := 0, []rune{}
		for _, c := range d {
			if k, ok := tones[c]; ok && tone == 0 {
				tone = k
				continue
			}
			rest = append(rest, c)
		}
		base := []rune(norm.NFC.String(string(rest)))[0]
		if tone == 0 || !strings.ContainsRune("aăâeêioôơuưy", base) {
			continue
		}
		if b, got := toneOf(r); b != base || got != tone {
			t.Errorf("toneOf(%q) = %q %d, want %q %d", r, b, got, base, tone)
		}
		n++
	}
	if n != 60 {
		t.Errorf("%d toned vowels checked, want 60", n)
	}
}
