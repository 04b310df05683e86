package knowledge

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"chidao"
)

// An occasion is the one of a series a question names: "hội nghị hiệp
// thương lần thứ tư", "đợt 3", "kỳ họp thứ hai". A text holding the first
// three does not answer about the fourth: its third is no answer, however
// many of the question's other words it holds.
type occasion struct {
	word string // "lan", "dot", "ky": the series' word, folded
	n    int    // which one, 1…
}

// occasionRe finds an occasion in folded text: the series' word, "thứ"
// maybe, and the number in figures or words.
var occasionRe = regexp.MustCompile(`\b(lan|dot|ky hop|ky)\s+(?:thu\s+)?(\d{1,2}|nhat|mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi)\b`)

// occasionValue reads an occasion's number: "tư" and "bốn" are 4, "nhất"
// 1.
func occasionValue(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	switch s {
	case "nhat", "mot":
		return 1
	case "tu":
		return 4
	}
	return numeral(s)
}

// askedOccasion returns the occasion a folded question names, or the zero
// occasion.
func askedOccasion(f string) occasion {
	for _, o := range occasionsIn(f) {
		return o
	}
	return occasion{}
}

// occasionsIn returns the occasions a folded text names; "năm" before a
// year is the year's ("đợt năm 2025"), not a fifth.
func occasionsIn(f string) []occasion {
	var out []occasion
	for _, m := range occasionRe.FindAllStringSubmatchIndex(f, -1) {
		v := f[m[4]:m[5]]
		if v == "nam" && yearAfterRe.MatchString(f[m[5]:]) {
			continue
		}
		out = append(out, occasion{word: f[m[2]:m[3]], n: occasionValue(v)})
	}
	return out
}

// yearAfterRe is a year right after a word.
var yearAfterRe = regexp.MustCompile(`^\s+\d{4}\b`)

// in returns which of the question's series a folded text names.
func (o occasion) in(f string) []int {
	var out []int
	for _, x := range occasionsIn(f) {
		if x.word == o.word {
			out = append(out, x.n)
		}
	}
	return out
}

// fits reports whether a task (its text and headings) is of the occasion,
// or names none of the series (it may hold for all).
func (o occasion) fits(t chidao.Task) bool {
	ns := o.in(Fold(t.Section + " " + t.Text))
	return o.n == 0 || len(ns) == 0 || slices.Contains(ns, o.n)
}

// absentFrom reports whether the directive names occasions of the series
// but never the one asked: "lần thứ tư" of a plan of three.
func (o occasion) absentFrom(d *chidao.Directive) bool {
	if o.n == 0 {
		return false
	}
	var b strings.Builder
	b.WriteString(d.Subject)
	for _, t := range d.Tasks {
		b.WriteString(" " + t.Section + " " + t.Text)
	}
	ns := o.in(Fold(b.String()))
	return len(ns) > 0 && !slices.Contains(ns, o.n)
}

// notOccasion is the answer when the text names other occasions of the
// series but not the one asked, with the nearest task labelled as such.
func notOccasion(d *chidao.Directive, o occasion, nearest string) Answer {
	return silentWithNearest(d, "Văn bản không nói về "+o.what()+".", nearest)
}

// what names the occasion in a refusal: "lần thứ 4".
func (o occasion) what() string {
	word := map[string]string{"lan": "lần", "dot": "đợt", "ky hop": "kỳ họp", "ky": "kỳ"}[o.word]
	return word + " thứ " + strconv.Itoa(o.n)
}
