package files

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The layout of an administrative page, as fractions of its width: the
// two columns of the header ("ỦY BAN NHÂN DÂN … | CỘNG HÒA …") and of the
// signature block ("Nơi nhận: … | TM. ỦY BAN NHÂN DÂN") meet in a gap that
// crosses the band [colGapFrom, colGapTo]; a line reaching across that
// band without such a gap, or centred on the page, is the body's.
const (
	colGapFrom = 0.38
	colGapTo   = 0.50
	minGapW    = 0.04 // the least gap between columns, of the width
	furniture  = 0.07 // the top and bottom bands that hold page numbers
)

// A segment is a run of words of one line with no wide gap inside.
type segment struct {
	box
	words []word
}

func (s segment) text() string { return line{words: s.words}.text() }

// A row is the segments side by side at one height of the page, left to
// right.
type row struct {
	box
	segs []segment
	// What layout worked out: the column gap's index (the first segment
	// of the right column), -1 when none.
	split int
}

// rowKind is where a row stands against the page's columns.
type rowKind int

const (
	rowFull  rowKind = iota // the body's: across the columns, or centred
	rowSplit                // a left and a right part
	rowLeft                 // the left column only
	rowRight                // the right column only
)

// segments cuts a line at gaps wider than gap.
func segments(l line, gap float64) []segment {
	var out []segment
	start := 0
	for i := 1; i <= len(l.words); i++ {
		if i == len(l.words) || l.words[i].x0-l.words[i-1].x1 > gap {
			out = append(out, segment{box: newLine(l.words[start:i]).box, words: l.words[start:i]})
			start = i
		}
	}
	return out
}

// rows groups a page's segments into rows: a segment belongs to the row
// its vertical middle falls in, so a line the engine split into columns,
// and columns it read as one line, come out the same.
func rows(p page) []row {
	gap := max(2*medianHeight(p), minGapW*p.w)
	var segs []segment
	for _, l := range p.lines {
		for _, s := range segments(l, gap) {
			if s.text() != "" {
				segs = append(segs, s)
			}
		}
	}
	sort.SliceStable(segs, func(i, j int) bool { return segs[i].y0+segs[i].y1 < segs[j].y0+segs[j].y1 })
	var out []row
	for _, s := range segs {
		// Against the row's first segment, not its whole box: a tall or
		// skewed segment would otherwise draw the next line in.
		mid := (s.y0 + s.y1) / 2
		if n := len(out); n > 0 && mid >= out[n-1].segs[0].y0 && mid <= out[n-1].segs[0].y1 {
			out[n-1].segs = append(out[n-1].segs, s)
			out[n-1].box = out[n-1].union(s.box)
			continue
		}
		out = append(out, row{box: s.box, segs: []segment{s}})
	}
	for i := range out {
		slices.SortFunc(out[i].segs, func(a, b segment) int { return int(a.x0 - b.x0) })
		out[i].split = columnGap(out[i], p.w)
	}
	return out
}

// medianHeight is the median height of a page's words.
func medianHeight(p page) float64 {
	var hs []float64
	for _, l := range p.lines {
		for _, w := range l.words {
			hs = append(hs, w.h())
		}
	}
	if len(hs) == 0 {
		return 0
	}
	slices.Sort(hs)
	return hs[len(hs)/2]
}

// columnGap returns the index of the first segment right of the gap
// between the page's columns, or -1.
func columnGap(r row, w float64) int {
	for i := 1; i < len(r.segs); i++ {
		if a, b := r.segs[i-1].x1, r.segs[i].x0; a <= colGapTo*w && b >= colGapFrom*w {
			return i
		}
	}
	return -1
}

// kind says where a row stands; textMid is the middle of the page's
// text (between its left and right margins).
func (r row) kind(w, textMid float64) rowKind {
	switch {
	case r.split >= 0:
		return rowSplit
	case r.x0 < colGapFrom*w && r.x1 > colGapTo*w:
		return rowFull
	case r.x0 < colGapTo*w && r.x1 > colGapFrom*w && abs((r.x0+r.x1)/2-textMid) < 0.025*w:
		return rowFull // a centred title: "QUYẾT ĐỊNH", "Kính gửi: …"
	case r.x1 <= colGapTo*w:
		return rowLeft
	default:
		return rowRight
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// parts returns the text of a row's left and right columns.
func (r row) parts() (left, right string) {
	cut := len(r.segs)
	if r.split >= 0 {
		cut = r.split
	}
	return joinSegs(r.segs[:cut]), joinSegs(r.segs[cut:])
}

// joinSegs writes segments' words with a space between, a footnote's
// mark in a text layer (digits of a smaller type, raised) as
// "<sup>1</sup>" glued to the word before it.
func joinSegs(segs []segment) string {
	var ws []word
	for _, s := range segs {
		ws = append(ws, s.words...)
	}
	h := medianWordHeight(ws)
	var b strings.Builder
	for _, w := range ws {
		if w.text == "" {
			continue
		}
		if isMark(w, h) {
			b.WriteString("<sup>" + w.text + "</sup>")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

// isMark reports whether a word of a text layer is a footnote's mark: one
// or two digits in a type under 3/4 of the line's.
func isMark(w word, lineH float64) bool {
	return w.conf == 100 && lineH > 0 && w.h() < 0.75*lineH && len(w.text) <= 2 && digitsOnly(w.text)
}

// medianWordHeight is the median height of words.
func medianWordHeight(ws []word) float64 {
	var hs []float64
	for _, w := range ws {
		if w.text != "" {
			hs = append(hs, w.h())
		}
	}
	if len(hs) == 0 {
		return 0
	}
	slices.Sort(hs)
	return hs[len(hs)/2]
}

func (r row) text() string { return joinSegs(r.segs) }

// isPageNumber reports whether a row is a page number in the page's top
// or bottom band: "2", "- 2 -", "Trang 2", "8)" as OCR reads a "2".
func isPageNumber(r row, h float64) bool {
	if r.y1 > furniture*h && r.y0 < (1-furniture)*h {
		return false
	}
	t := strings.TrimSpace(strings.TrimPrefix(strings.ToLower(r.text()), "trang"))
	t = strings.Trim(t, "-–—.() ")
	return len(t) > 0 && len(t) <= 3 && strings.IndexFunc(t, func(c rune) bool { return c < '0' || c > '9' }) < 0
}

// isRunOn reports whether text ends where its paragraph may go on.
func isRunOn(text string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(text))
	return !strings.ContainsRune(".;:!?", r)
}

// opensItem reports whether text opens as an item or a bullet does.
func opensItem(text string) bool {
	r, size := utf8.DecodeRuneInString(text)
	switch {
	case strings.ContainsRune("-–+•*", r):
		return true
	case unicode.IsDigit(r) || unicode.IsUpper(r) && strings.ContainsRune("IVX", r) || unicode.IsLower(r):
		i := size
		for i < len(text) && (text[i] >= '0' && text[i] <= '9' || strings.IndexByte("IVX", text[i]) >= 0 && unicode.IsUpper(r)) {
			i++
		}
		// An item's text follows its marker: "1. Sở …", not "05. /02/2025".
		return i < len(text) && strings.IndexByte(".)/", text[i]) >= 0 && i <= 4 && startsWord(text[i+1:])
	}
	return strings.HasPrefix(text, "Điều ")
}

// startsWord reports whether s opens, after spaces, with a letter.
func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, " "))
	return unicode.IsLetter(r)
}
