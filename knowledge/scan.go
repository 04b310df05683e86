package knowledge

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Go's regexp has no literal-prefix skip for a pattern that opens with an
// alternation, so an unanchored search tries the whole pattern at every
// byte: about 100 ns a byte for the deadline and intent patterns, 1 µs a
// byte for the longest. The patterns here all start a match where a word
// starts, with one of a few words, so they are compiled anchored (^) and
// tried only at the word starts that open with one of those words: the
// search is linear in the text and cheap where nothing is due.
//
// An anchored search still reads a window of the text after the start, not
// the rest of it: Go's backtracker clears a bit per pattern instruction and
// input byte before each search, so a search on the rest of a long text
// costs its length however short the match.

// maxMatchWords is how many words a match of the deadline patterns may
// span (see findAt).
const maxMatchWords = 24

// anchored compiles a pattern anchored at the start of the text, for
// findAt, findAfterSep and matchHead.
func anchored(pattern string) *regexp.Regexp { return regexp.MustCompile(`^(?:` + pattern + `)`) }

// matchHead returns the submatch indexes of re, anchored, at the start of
// s, reading only its first n bytes unless the match reaches that far.
func matchHead(re *regexp.Regexp, s string, n int) []int {
	if len(s) > n {
		if m := re.FindStringSubmatchIndex(s[:n]); m == nil || m[1] < n {
			return m
		}
	}
	return re.FindStringSubmatchIndex(s)
}

// replaceAt is re.ReplaceAllString(s, repl) for a pattern every match of
// which opens with the byte c; re is the pattern anchored with ^.
func replaceAt(re *regexp.Regexp, s string, c byte, repl string) string {
	var b []byte
	last := 0
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], c)
		if k < 0 {
			break
		}
		i += k
		m := matchHead(re, s[i:], 512)
		if m == nil || m[1] == 0 {
			i++
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s))
		}
		b = append(b, s[last:i]...)
		b = re.ExpandString(b, repl, s[i:], m)
		i += m[1]
		last = i
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

// isWordByte reports whether c is a word character as regexp's \b sees it.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c == '_'
}

// isAlnumByte reports whether c is in [a-z0-9], the class the question
// patterns use around a phrase.
func isAlnumByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// wordIndex holds the word starts of a folded text (a word byte not
// preceded by one: \b before a word), each with the end of the run of
// letters [a-z] or of digits it opens with.
type wordIndex struct {
	pos []int32 // start and end of the run of word k at 2k and 2k+1
}

// len returns the number of words.
func (w wordIndex) len() int { return len(w.pos) / 2 }

// sameRun reports whether b continues a run of letters [a-z] or of digits
// opened by a.
func sameRun(a, b byte) bool {
	if isDigitByte(a) {
		return isDigitByte(b)
	}
	return a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z'
}

// wordsOf returns the words of a folded text.
func wordsOf(s string) wordIndex {
	w := wordIndex{pos: make([]int32, 0, len(s)/3+8)}
	prev := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		isWord := isWordByte(c)
		if isWord && !prev {
			j := i
			for j < len(s) && sameRun(c, s[j]) {
				j++
			}
			w.pos = append(w.pos, int32(i), int32(j))
		}
		prev = isWord
	}
	return w
}

// findAt returns up to n (all when n < 0) leftmost non-overlapping matches
// of re in s with their submatches, as FindAllStringSubmatchIndex returns
// them for the unanchored pattern, where re is that pattern anchored with ^
// and the pattern opens with \b. w are the words of s; a match starts at a
// word open accepts, spans fewer than maxMatchWords words and holds need, a
// word every match contains, or "#" for a digit ("" for nothing).
func findAt(re *regexp.Regexp, s string, w wordIndex, open func(string) bool, need string, n int) [][]int {
	var out [][]int
	end := 0
	for k := range w.len() {
		if n >= 0 && len(out) >= n {
			break
		}
		p, q := int(w.pos[2*k]), int(w.pos[2*k+1])
		if p < end || p == q || !open(s[p:q]) {
			continue
		}
		e := len(s)
		if k+maxMatchWords < w.len() {
			e = int(w.pos[2*(k+maxMatchWords)])
		}
		win := s[p:e]
		if need == "#" && !strings.ContainsAny(win, "0123456789") || need != "#" && !strings.Contains(win, need) {
			continue
		}
		m := re.FindStringSubmatchIndex(win)
		if m == nil {
			continue
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += p
			}
		}
		out = append(out, m)
		end = m[1]
	}
	return out
}

// firstAt is findAt for the first match only; nil when none.
func firstAt(re *regexp.Regexp, s string, w wordIndex, open func(string) bool, need string) []int {
	if ms := findAt(re, s, w, open, need, 1); len(ms) > 0 {
		return ms[0]
	}
	return nil
}

// findAfterSep is findAt for a pattern led by (?:^|[^a-z0-9]) (or [^a-z]
// when alnum is false) rather than \b: the separator belongs to the match,
// so a match starts one rune before its first word, and a word whose
// separator ended the previous match is not a match. re is the pattern
// without the separator, anchored with ^, matched on window bytes at most
// (see matchHead); open is given the run of letters or digits a match may
// start with.
// The returned indexes include the separator.
// sepBefore returns where the separator before s[p] starts (p at the
// text's start), or false when s[p] continues a run: of letters or digits
// with alnum set, of letters otherwise.
func sepBefore(s string, p int, alnum bool) (int, bool) {
	if p == 0 {
		return 0, true
	}
	b := s[p-1]
	if alnum && isAlnumByte(b) || !alnum && b >= 'a' && b <= 'z' {
		return 0, false
	}
	_, size := utf8.DecodeLastRuneInString(s[:p])
	return p - size, true
}

// matchAt matches re at s[p:] (see matchHead) and returns the match's
// offsets in s, the whole match starting at start (the separator before p).
func matchAt(re *regexp.Regexp, s string, p, start, window int) []int {
	m := matchHead(re, s[p:], window)
	if m == nil {
		return nil
	}
	for i := range m {
		if m[i] >= 0 {
			m[i] += p
		}
	}
	m[0] = start
	return m
}

func findAfterSep(re *regexp.Regexp, s string, open func(string) bool, alnum bool, window, n int) [][]int {
	var out [][]int
	end := 0
	for p := 0; p < len(s); p++ {
		if n >= 0 && len(out) >= n {
			break
		}
		c := s[p]
		if !isAlnumByte(c) {
			continue
		}
		start, ok := sepBefore(s, p, alnum)
		if !ok {
			continue
		}
		if start < end {
			continue
		}
		j := p + 1
		for j < len(s) && sameRun(c, s[j]) {
			j++
		}
		if !open(s[p:j]) {
			continue
		}
		m := matchAt(re, s, p, start, window)
		if m == nil {
			continue
		}
		out = append(out, m)
		end = m[1]
	}
	return out
}

// findLiteralsAfterSep is findAfterSep for a pattern every match of which
// opens with one of the "|"-separated literals of list: the places to try
// are found with strings.Index, quicker than looking at every byte.
func findLiteralsAfterSep(re *regexp.Regexp, s, list string, alnum bool, window int) [][]int {
	var at []int
	for rest := list; rest != ""; {
		var lit string
		lit, rest, _ = strings.Cut(rest, "|")
		for off := 0; ; {
			i := strings.Index(s[off:], lit)
			if i < 0 {
				break
			}
			at = append(at, off+i)
			off += i + 1
		}
	}
	if len(at) == 0 {
		return nil
	}
	slices.Sort(at)
	var out [][]int
	end := 0
	for k, p := range at {
		if k > 0 && p == at[k-1] {
			continue
		}
		start, ok := sepBefore(s, p, alnum)
		if !ok {
			continue
		}
		if start < end {
			continue
		}
		m := matchAt(re, s, p, start, window)
		if m == nil {
			continue
		}
		out = append(out, m)
		end = m[1]
	}
	return out
}

// hasPrefixAny reports whether s starts with one of the prefixes.
func hasPrefixAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// hasAnyOf reports whether s holds one of the strings.
func hasAnyOf(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// hasWord reports whether s holds phrase between word boundaries, as
// \bphrase\b would find it.
func hasWord(s, phrase string) bool {
	for off := 0; ; {
		i := strings.Index(s[off:], phrase)
		if i < 0 {
			return false
		}
		i += off
		j := i + len(phrase)
		if (i == 0 || !isWordByte(s[i-1])) && (j == len(s) || !isWordByte(s[j])) {
			return true
		}
		off = i + 1
	}
}
