package files

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// layout writes pages as text: one paragraph a line with a blank line
// between paragraphs; the rows of a header's or signature block's two
// columns as lines, the left column's before the right's, as the page is
// read; page numbers dropped; the footnotes of a page after the paragraph
// that runs on past the page's end.
func layout(pages []page) string {
	var f flow
	for _, p := range pages {
		f.page(p)
	}
	f.endPara()
	f.flushNotes()
	return strings.TrimSpace(f.b.String()) + "\n"
}

// flow is the text being written, and the body paragraph being read, which
// may run on to the next page.
type flow struct {
	b     strings.Builder
	para  []string
	last  row     // the paragraph's last row
	m     margins // of the page the last row stands on
	notes []string
}

// margins are what a page's body rows share: where their lines start and
// end, their height, the page's width.
type margins struct {
	left, right, rowH, w float64
	page                 int
}

func (f *flow) page(p page) {
	rs := slices.DeleteFunc(rows(p), func(r row) bool { return isPageNumber(r, p.h) })
	m := pageMargins(rs, p.w)
	m.page = f.m.page + 1
	if !p.ocr {
		var notes []string
		rs, notes = footnotes(rs, p.h)
		f.notes = append(f.notes, notes...)
	}
	mid := (m.left + m.right) / 2
	for i := 0; i < len(rs); {
		j := zoneEnd(rs, i, p.w, mid)
		if j > i {
			f.columns(rs[i:j], p.w, mid)
			i = j
			continue
		}
		f.body(rs[i], m)
		i++
	}
}

// zoneEnd returns the end of the two-column zone starting at row i (a
// header's or a signature block's), or i when none starts there. A zone
// opens with a row that has a part in each column or one in the right
// column only, and runs up to one of the body's: across the columns, or
// opening what the body opens with. A short line of the left column
// before it is the body's (a paragraph's last line).
func zoneEnd(rs []row, i int, w, mid float64) int {
	if k := rs[i].kind(w, mid); k != rowSplit && k != rowRight {
		return i
	}
	j := i + 1
	for ; j < len(rs); j++ {
		t := rs[j].text()
		if endsZone(t) || rs[j].kind(w, mid) == rowFull && !alignedRight(rs[i:j], rs[j], w, mid) && !strings.HasPrefix(t, "- ") {
			break // a list entry of Nơi nhận may reach across the page
		}
	}
	return j
}

// alignedRight reports whether a row that reads as the body's (centred on
// the page) starts where the right column's lines of the zone above
// start: it is one of them ("VIỆT NAM" under "CỘNG HÒA XÃ HỘI CHỦ NGHĨA").
func alignedRight(zone []row, r row, w, mid float64) bool {
	if r.x0 < colGapFrom*w {
		return false
	}
	for _, z := range zone {
		x := z.x0
		switch z.kind(w, mid) {
		case rowSplit:
			x = z.segs[z.split].x0
		case rowLeft:
			continue
		}
		if abs(x-r.x0) < 0.02*w {
			return true
		}
	}
	return false
}

// endsZone reports whether a row opens what follows a header: "Kính gửi",
// the grounds ("Căn cứ", "Thực hiện"), a numbered item.
func endsZone(t string) bool {
	f := strings.ToLower(t)
	for _, p := range []string{"kính gửi", "kinh gui", "căn cứ", "thực hiện", "điều "} {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return opensNumbered(t) || isCaps(t) && isTitle(f)
}

// isTitle reports whether a lower-cased line is a document's title, its
// kind: "kế hoạch", "quyết định", "chỉ thị", …
func isTitle(f string) bool {
	switch strings.TrimSpace(strings.TrimRight(f, ":")) {
	case "kế hoạch", "quyết định", "chỉ thị", "thông báo", "công điện", "báo cáo", "tờ trình", "giấy mời",
		"hướng dẫn", "nghị quyết", "chương trình", "kết luận", "công văn", "quy chế", "đề án":
		return true
	}
	return false
}

// opensNumbered reports whether t opens with an item's number: "1.",
// "2)", "II.".
func opensNumbered(t string) bool {
	i := 0
	for i < len(t) && i < 5 && (t[i] >= '0' && t[i] <= '9' || strings.IndexByte("IVX", t[i]) >= 0) {
		i++
	}
	return i > 0 && i < len(t) && (t[i] == '.' || t[i] == ')')
}

// columns writes a run of rows in two columns: the left column's lines,
// then the right's; a line going on from the one above in its column (a
// subject or a recipient wrapped in its cell) is joined to it.
func (f *flow) columns(rs []row, w, mid float64) {
	f.endPara()
	var left, right []string
	for _, r := range rs {
		l, rt := r.parts()
		switch r.kind(w, mid) {
		case rowRight, rowFull: // a full row in a zone is aligned with its right column
			l, rt = "", l
		case rowLeft:
			rt = ""
		}
		left, right = addColumnLine(left, l), addColumnLine(right, rt)
	}
	for _, s := range append(left, right...) {
		f.b.WriteString(s)
		f.b.WriteByte('\n')
	}
	f.b.WriteByte('\n')
}

// addColumnLine adds a line to a column, joined to the line above when it
// goes on from it: neither in capitals (an issuer's, a title's lines), the
// one above not ending a sentence or an entry, this one no header line
// and no list entry of its own.
func addColumnLine(col []string, l string) []string {
	if l == "" {
		return col
	}
	if n := len(col); n > 0 {
		prev := col[n-1]
		if isRunOn(prev) && !isCaps(prev) && !isCaps(l) && !opensItem(l) && !headerLine(l) && (!headerLine(prev) || isSubject(prev)) {
			col[n-1] = prev + " " + l
			return col
		}
	}
	return append(col, l)
}

// isSubject reports whether a line opens a subject: "V/v …", "Về việc …".
func isSubject(l string) bool {
	f := strings.ToLower(l)
	return strings.HasPrefix(f, "v/v") || strings.HasPrefix(f, "về việc")
}

// headerLine reports whether a line is one of a header's or a signature
// block's own: the number, the subject, the date, the motto, "Kính gửi",
// "Nơi nhận", a signing authority.
func headerLine(l string) bool {
	f := strings.ToLower(l)
	for _, p := range []string{"số:", "số ", "v/v", "về việc", "độc lập", "cộng hòa", "kính gửi", "nơi nhận", "tm.", "kt.", "tl.", "tuq."} {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return strings.Contains(f, ", ngày ") || strings.HasPrefix(f, "ngày ")
}

// body adds a row of the body to the paragraph it continues, or starts one.
func (f *flow) body(r row, m margins) {
	t := r.text()
	if f.opens(r, t, m) {
		f.endPara()
	}
	f.para = append(f.para, t)
	f.last, f.m = r, m
}

// opens reports whether a row starts a paragraph: after a gap wider than
// a line's; after a line that ended a sentence and was short of the
// margin, or before an item or a line indented more than it; after a
// short line without a sentence's end (a heading), when the row opens in
// capitals or as an item. A centred title's next line goes on it.
func (f *flow) opens(r row, t string, m margins) bool {
	if len(f.para) == 0 {
		return true
	}
	prev := f.para[len(f.para)-1]
	short := f.last.x1 < f.m.right-0.12*f.m.w
	centred := func(r row, m margins) bool { return r.x0 > m.left+0.015*m.w && r.x1 < m.right-0.015*m.w }
	if centred(f.last, f.m) && centred(r, m) && isRunOn(prev) && !opensItem(t) && (!isCaps(prev) || isCaps(t)) &&
		(startsLower(t) || m.page == f.m.page && r.y0-f.last.y1 < 0.6*m.rowH) {
		return false // a title's next line
	}
	switch {
	case m.page == f.m.page && r.y0-f.last.y1 > 0.9*m.rowH:
		return true
	case isCaps(prev) && !isCaps(t):
		return true // a title in capitals stands alone: "TỜ TRÌNH" / "Về việc …"
	case !isRunOn(prev) && (short || opensItem(t) || r.x0 > f.last.x0+0.015*m.w):
		return true
	case opensItem(t) && (r.x0 > f.last.x0+0.015*m.w || r.x0 > m.left+0.015*m.w):
		return true // an item under a heading: "Điều 3. Trách nhiệm …" / "1. Sở …"
	case short && (opensItem(t) || startsUpper(t)):
		return true
	}
	return false
}

func startsUpper(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r)
}

// isCaps reports whether t has letters and all of them are capitals: a
// title ("CHỈ THỊ"), not the subject under it.
func isCaps(t string) bool {
	letters := false
	for _, r := range t {
		if unicode.IsLower(r) {
			return false
		}
		letters = letters || unicode.IsLetter(r)
	}
	return letters
}

func startsLower(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLower(r)
}

// endPara writes the paragraph being read, then the footnotes it cites.
func (f *flow) endPara() {
	if len(f.para) == 0 {
		return
	}
	text := strings.Join(f.para, " ")
	f.b.WriteString(text)
	f.b.WriteString("\n\n")
	f.para = f.para[:0]
	kept := f.notes[:0]
	for _, n := range f.notes {
		if mark, _, _ := strings.Cut(n, "</sup>"); strings.Contains(text, mark+"</sup>") {
			f.b.WriteString(n)
			f.b.WriteString("\n\n")
		} else {
			kept = append(kept, n)
		}
	}
	f.notes = kept
}

// flushNotes writes the footnotes no paragraph cited.
func (f *flow) flushNotes() {
	for _, n := range f.notes {
		f.b.WriteString(n)
		f.b.WriteString("\n\n")
	}
	f.notes = nil
}

// pageMargins works out a page's margins from its wide rows.
func pageMargins(rs []row, w float64) margins {
	var xs0, xs1, hs []float64
	for _, r := range rs {
		if r.w() >= 0.45*w && r.split < 0 {
			xs0, xs1, hs = append(xs0, r.x0), append(xs1, r.x1), append(hs, r.h())
		}
	}
	if len(xs0) == 0 {
		for _, r := range rs {
			xs0, xs1, hs = append(xs0, r.x0), append(xs1, r.x1), append(hs, r.h())
		}
	}
	if len(xs0) == 0 {
		return margins{w: w}
	}
	slices.Sort(xs0)
	slices.Sort(xs1)
	slices.Sort(hs)
	// Where the text block starts and ends: most wide rows start at the
	// margin or to its right (a first line's indent, a list's), end at it
	// or to its left (a paragraph's last line).
	return margins{left: xs0[len(xs0)/20], right: xs1[len(xs1)*19/20], rowH: hs[len(hs)/2], w: w}
}

// footnotes takes the footnotes off the foot of a text page: from the
// first row in its lower half that opens with a footnote's mark
// ("<sup>1</sup> Tại Kế hoạch …") to the page's end. Each note comes
// back as one line.
func footnotes(rs []row, h float64) ([]row, []string) {
	start := len(rs)
	for i := len(rs) - 1; i >= 0 && rs[i].y0 > h/2; i-- {
		if strings.HasPrefix(rs[i].text(), "<sup>") {
			start = i
		}
	}
	if start == len(rs) {
		return rs, nil
	}
	var notes []string
	for _, r := range rs[start:] {
		t := r.text()
		if strings.HasPrefix(t, "<sup>") || len(notes) == 0 {
			notes = append(notes, t)
		} else {
			notes[len(notes)-1] += " " + t
		}
	}
	return rs[:start], notes
}
