package knowledge

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// randomText joins words drawn from vocab with separators that matter to
// the patterns: spaces, double spaces, new lines, punctuation, a letter
// other than [a-z].
func randomText(rng *rand.Rand, vocab []string, n int) string {
	seps := []string{" ", " ", " ", "  ", "\n", ", ", "/", ".", "?", "đ", "…", ""}
	var b strings.Builder
	for i := rng.IntN(n); i >= 0; i-- {
		b.WriteString(vocab[rng.IntN(len(vocab))])
		b.WriteString(seps[rng.IntN(len(seps))])
	}
	return b.String()
}

// unanchored returns the pattern of an anchored regexp without its anchor.
func unanchored(re *regexp.Regexp) *regexp.Regexp {
	return regexp.MustCompile(strings.TrimSuffix(strings.TrimPrefix(re.String(), "^(?:"), ")"))
}

// TestAnchoredSearches checks findAt and findAfterSep against the unanchored
// searches they stand for, on texts made of the patterns' own words.
func TestAnchoredSearches(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	vocab := strings.Fields("truoc ngay 15 / 3 2025 thang nam quy iv ii i hang moi dinh ky cham nhat la den het trong 6 06 sau dau cuoi " +
		"lan mot tuan thuong xuyen xong hoan thanh vao gio h phut : 30 x 1 2024 chin han chot thoi , cac 7 12 so ky ban hanh " +
		"giao cho de nghi yeu cau phan cong cong van cv kh ke hoach 52 kh-ubnd ubnd nhiem vu nv5 muc ii.1 y thu hai cuoi cung nvu dieu")
	deadline := []struct {
		re   *regexp.Regexp
		open func(string) bool
		need string
	}{{dueDateRe, dueDateOpen, "#"}, {bareDateRe, ngayOpen, "#"}, {dueMonthRe, dueMonthOpen, "thang"}, {dueQtrRe, dueMonthOpen, "quy"},
		{dueYearRe, dueMonthOpen, "nam"}, {duePartRe, duePartOpen, "thang"}, {recurDayRe, recurDayOpen, "thang"}, {weeklyRe, periodOpen, "tuan"},
		{monthlyRe, periodOpen, "thang"}, {quarterRe, periodOpen, "quy"}, {halfRe, halfOpen, "thang"}, {yearlyRe, periodOpen, "nam"},
		{ongoingRe, ongoingOpen, "thuong xuyen"}}
	sep := []struct {
		re    *regexp.Regexp
		open  func(string) bool
		alnum bool
		lead  string
	}{{directiveNameRe, directiveNameOpen, true, `(?:^|[^a-z0-9])`}, {taskRefRe, taskRefOpen, true, `(?:^|[^a-z0-9])`}}
	for i := 0; i < 1000; i++ {
		s := randomText(rng, vocab, 30)
		w := wordsOf(s)
		for _, c := range deadline {
			if want, got := unanchored(c.re).FindAllStringSubmatchIndex(s, -1), findAt(c.re, s, w, c.open, c.need, -1); !reflect.DeepEqual(want, got) {
				t.Fatalf("%s in %q: %v, want %v", c.re, s, got, want)
			}
		}
		for _, c := range sep {
			re := regexp.MustCompile(c.lead + `(?:` + strings.TrimSuffix(strings.TrimPrefix(c.re.String(), "^(?:"), ")") + `)`)
			if want, got := re.FindAllStringSubmatchIndex(s, -1), findAfterSep(c.re, s, c.open, c.alnum, 96, -1); !reflect.DeepEqual(want, got) {
				t.Fatalf("%s in %q: %v, want %v", re, s, got, want)
			}
		}
		charge := regexp.MustCompile(`(?:^|[^a-z])(?:` + strings.TrimSuffix(strings.TrimPrefix(chargeRe.String(), "^(?:"), ")") + `)`)
		if want, got := charge.FindAllStringSubmatchIndex(s, -1), findLiteralsAfterSep(chargeRe, s, chargeWords, false, 64); !reflect.DeepEqual(want, got) {
			t.Fatalf("%s in %q: %v, want %v", charge, s, got, want)
		}
	}
}

// TestIntentTable checks the intent phrases against the regular expression
// intentPatterns stands for, on questions made of the phrases' own words.
func TestIntentTable(t *testing.T) {
	var groups []string
	for i, line := range intentLines() {
		groups = append(groups, "(?P<g"+string(rune('a'+i))+">"+line+")")
	}
	re := regexp.MustCompile(`(?:^|[^a-z0-9])(?:` + strings.Join(groups, "|") + `)(?:[^a-z0-9]|$)`)
	// What the regular expression finds, one match after another as
	// analyze reads them: each intent with its phrase's span.
	want := func(f string) []int {
		var out []int
		for pos := 0; pos < len(f); {
			m := re.FindStringSubmatchIndex(f[pos:])
			if m == nil {
				break
			}
			for g := 1; 2*g < len(m); g++ {
				if m[2*g] >= 0 {
					out = append(out, g-1, pos+m[2*g], pos+m[2*g+1])
					break
				}
			}
			pos += max(m[1]-1, m[0]+1)
		}
		return out
	}
	tab := newIntentTable()
	got := func(f string) []int {
		var out []int
		for pos := 0; pos < len(f); {
			p, q, m0, m1, ok := tab.next(f, pos)
			if !ok {
				break
			}
			bit := 0
			for p.intent>>bit != 1 {
				bit++
			}
			out = append(out, bit, q, q+len(p.text))
			pos = max(m1-1, m0+1)
		}
		return out
	}
	vocab := strings.Fields(strings.NewReplacer("|", " ", "(?:", " ", ")?", " ", ")", " ", "\n", " ").Replace(strings.Join(intentLines(), "\n")))
	vocab = append(vocab, "x", "5", "phong", "noi", "vu", "lam", "gi", "hanche")
	rng := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 10000; i++ {
		f := randomText(rng, vocab, 12)
		if w, g := want(f), got(f); !reflect.DeepEqual(w, g) {
			t.Fatalf("%q: %v, want %v", f, g, w)
		}
	}
}
