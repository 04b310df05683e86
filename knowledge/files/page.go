package files

import "strings"

// A box is a rectangle on a page, in the page's own units (points for a
// text layer, pixels for a scan), y growing downwards.
type box struct{ x0, y0, x1, y1 float64 }

func (b box) w() float64 { return b.x1 - b.x0 }
func (b box) h() float64 { return b.y1 - b.y0 }

// union returns the smallest box holding b and c.
func (b box) union(c box) box {
	return box{min(b.x0, c.x0), min(b.y0, c.y0), max(b.x1, c.x1), max(b.y1, c.y1)}
}

// A word is one word on a page with its box and, from OCR, the engine's
// confidence (0–100; 100 for a text layer). A blank word (text "") is one
// OCR was unsure of: it keeps its place on the page, so that the gap it
// leaves is not read as one between columns, and is never written.
type word struct {
	box
	text string
	conf float64
}

// A line is a run of words the engine read as one line, in reading order.
type line struct {
	box
	words []word
	block int // the engine's block (text layer) the line stands in
}

// newLine returns a line of words, its box their union.
func newLine(ws []word) line {
	l := line{box: ws[0].box, words: ws}
	for _, w := range ws[1:] {
		l.box = l.union(w.box)
	}
	return l
}

// text is the line's words, blanks (words OCR was unsure of) left out.
func (l line) text() string {
	var b strings.Builder
	for _, w := range l.words {
		if w.text == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

// A page is what one page of a file holds: its size and lines.
type page struct {
	w, h  float64
	lines []line
	ocr   bool // read by OCR: words carry confidences
}
