package knowledge

import (
	"html"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Footnote marks are carried through cleaning as fnOpen + mark + fnClose.
const (
	fnOpen  = "\ue000"
	fnClose = "\ue001"
)

var (
	commentRe  = regexp.MustCompile(`(?s)<!--.*?-->`)
	supRe      = anchored(`(?i)<sup>\s*\[?(\d{1,3})\]?\s*</sup>`)
	mdNoteRe   = regexp.MustCompile(`\[\^(\w{1,6})\]`)
	brRe       = anchored(`(?i)<br\s*/?>`)
	tagRe      = anchored(`</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>`)
	headingRe  = regexp.MustCompile(`^#{1,6}\s+`)
	quoteRe    = regexp.MustCompile(`^(?:>\s?)+`)
	bulletRe   = regexp.MustCompile(`^(?:[•●○▪◦■□➢➤✓]\s*|[*+–—−]\s+|-(?:\s+|$))`)
	dashWordRe = regexp.MustCompile(`^-(\p{Lu})`)
	ruleRe     = regexp.MustCompile(`^(?:[-*_=]\s*){3,}$`)
	escapeRe   = regexp.MustCompile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|<>])")
	tableSepRe = regexp.MustCompile(`^\s*:?-{2,}:?\s*$`)
)

// line is one cleaned line of a directive's text.
type line struct {
	text   string // without Markdown markup; "" for a blank line
	hard   bool   // ends with a hard line break
	bullet bool   // starts with a bullet ("- ")
}

// cleanLines strips a directive's Markdown and HTML markup and returns its
// lines. Footnote marks (<sup>1</sup>, [^1], ¹) become fnOpen…fnClose.
func cleanLines(text string) []line {
	raw := strings.Split(stripMarkup(text), "\n")
	lr := &lineReader{raw: raw, out: make([]line, 0, len(raw)), tableEnd: -1}
	for k, r := range raw {
		if k >= lr.tableEnd {
			lr.read(k, r)
		}
	}
	return append(lr.out, lr.right...)
}

// stripMarkup rewrites a text's HTML and Markdown markup: comments and
// tags gone, footnote marks (<sup>1</sup>, [^1], ¹) as fnOpen…fnClose,
// <br> as a hard line break (cellBreak inside a table's cell), entities
// unescaped.
func stripMarkup(text string) string {
	if strings.Contains(text, "<!--") {
		text = commentRe.ReplaceAllString(text, "")
	}
	if strings.Contains(text, "<") {
		text = replaceAt(supRe, text, '<', fnOpen+"$1"+fnClose)
		if strings.Contains(text, "|") {
			text = markCellBreaks(text)
		}
		text = replaceAt(brRe, text, '<', "  \n")
		text = replaceAt(tagRe, text, '<', "")
	}
	if strings.Contains(text, "[^") {
		text = mdNoteRe.ReplaceAllString(text, fnOpen+"$1"+fnClose)
	}
	if hasSuperDigit(text) {
		text = markSuperscripts(text)
	}
	if strings.Contains(text, "&") {
		text = html.UnescapeString(text)
	}
	return text
}

// lineReader is a text's lines being cleaned.
type lineReader struct {
	raw []string
	out []line
	// The right-hand column of a two-column block copied from a PDF, put
	// after the block's left-hand column (see splitColumns).
	right    []line
	joinPage bool // a page number was dropped inside a paragraph
	tableEnd int  // raw lines before it were a task table, rewritten
}

// read cleans the k-th raw line r.
func (lr *lineReader) read(k int, r string) {
	hard := strings.HasSuffix(r, "  ") || strings.HasSuffix(r, "\\")
	s := strings.TrimFunc(r, unicode.IsSpace)
	s = strings.TrimSuffix(s, "\\")
	switch {
	case s == "" && lr.joinPage:
		return // the paragraph a page number cut goes on
	case s == "":
		lr.out = append(lr.out, lr.right...)
		lr.right = lr.right[:0]
	case isPageNumber(s) && (k > 0 && strings.TrimSpace(lr.raw[k-1]) == "" || k+1 < len(lr.raw) && strings.TrimSpace(lr.raw[k+1]) == ""):
		lr.pageNumber()
		return
	}
	lr.joinPage = false
	if l, rt, ok := splitColumns(s); ok {
		lr.out = append(lr.out, line{text: l.text, bullet: l.bullet, hard: true})
		lr.right = append(lr.right, line{text: rt.text, bullet: rt.bullet, hard: true})
		return
	}
	if strings.HasPrefix(s, "|") {
		lr.tableRow(k, s)
		return
	}
	l := cleanLine(s)
	l.hard = l.hard || hard
	lr.out = append(lr.out, l)
}

// pageNumber drops a page number between two blank lines: the paragraph
// it cuts goes on unless the text before it ended a sentence.
func (lr *lineReader) pageNumber() {
	n := len(lr.out)
	for n > 0 && lr.out[n-1].text == "" {
		n--
	}
	if n > 0 && n < len(lr.out) && len(lr.right) == 0 && !endsSentence(lr.out[n-1].text) {
		lr.out = lr.out[:n]
		lr.joinPage = true
	}
}

// tableRow reads a Markdown table's row at raw line k: a table of tasks
// rewritten as paragraphs (readTaskTable), a separator row dropped, any
// other row's cells a paragraph each ("ỦY BAN NHÂN DÂN<br>HUYỆN VĂN QUAN":
// a line each).
func (lr *lineReader) tableRow(k int, s string) {
	if paras, end, ok := readTaskTable(lr.raw, k); ok {
		for _, p := range paras {
			lr.out = append(lr.out, cleanLine(p), line{})
		}
		lr.tableEnd = end
		return
	}
	cells := strings.Split(strings.Trim(s, "|"), "|")
	if !slices.ContainsFunc(cells, func(c string) bool { return !strings.Contains(c, "--") || !tableSepRe.MatchString(c) }) {
		return // the row under the header: "|---|---|"
	}
	for _, c := range cells {
		for _, part := range strings.Split(c, cellBreak) {
			if l := cleanLine(part); l.text != "" {
				lr.out = append(lr.out, line{text: l.text, bullet: l.bullet, hard: true})
			}
		}
		lr.out = append(lr.out, line{})
	}
}

// cellBreak stands for a line break inside a Markdown table's cell
// (<br>), which must not end the table's row.
const cellBreak = "\ue002"

// markCellBreaks replaces the <br> of the lines of Markdown tables with
// cellBreak.
func markCellBreaks(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "|") && strings.Contains(l, "<") {
			lines[i] = replaceAt(brRe, l, '<', cellBreak)
		}
	}
	return strings.Join(lines, "\n")
}

// columnGap is the run of spaces that separates the two columns of a
// header or a signature block copied from a PDF.
const columnGap = "   "

// splitColumns splits a line copied from a PDF's two-column header or
// signature block ("ỦY BAN NHÂN DÂN      CỘNG HÒA XÃ HỘI …", "Số: 12/UBND
// Văn Quan, ngày …", "- CT, các PCT UBND huyện;      Hoàng Văn Bình") into
// its columns, cleaned. Only a right-hand column that such a block holds
// splits a line: an upper-case line, a date line, "Độc lập – …", a person's
// name or "(Đã ký)"; a wide space inside a sentence does not.
func splitColumns(s string) (left, right line, ok bool) {
	if !strings.Contains(s, columnGap) || strings.HasPrefix(s, "|") {
		return line{}, line{}, false
	}
	// The widest run of spaces separates the columns: a column may hold
	// a narrower one ("Số:   12/QĐ-UBND").
	i, j := 0, 0
	for k := 0; k < len(s); k++ {
		if s[k] != ' ' {
			continue
		}
		e := k
		for e < len(s) && s[e] == ' ' {
			e++
		}
		if e-k >= j-i {
			i, j = k, e
		}
		k = e
	}
	l := strings.TrimSpace(s[:i])
	r := strings.TrimSpace(s[j:])
	if l == "" || r == "" {
		return line{}, line{}, false
	}
	fr := Fold(r)
	if !isUpper(r) && !looksLikeName(r) && !isDateLine(fr) && !strings.HasPrefix(fr, "doc lap") &&
		!strings.HasPrefix(fr, "(da ky") {
		return line{}, line{}, false
	}
	left, right = cleanLine(l), cleanLine(collapseSpaces(r))
	return left, right, left.text != "" && right.text != ""
}

// isPageNumber reports whether a line is a bare page number: "2", "- 2 -",
// "Trang 2".
func isPageNumber(s string) bool {
	s = strings.TrimSpace(strings.Trim(s, "-–— "))
	if t, ok := strings.CutPrefix(s, "Trang "); ok {
		s = strings.TrimSpace(t)
	}
	if s == "" || len(s) > 3 || s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return true
}

// endsSentence reports whether a line ends a sentence or a clause.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " *_”\"')")
	return s != "" && strings.IndexByte(".;:!?", s[len(s)-1]) >= 0
}

// cleanLine strips the markup of one line. Each pattern runs only on a
// line that holds what it looks for: most lines hold no markup at all.
func cleanLine(s string) line {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "#") {
		s = headingRe.ReplaceAllString(s, "")
	}
	if strings.HasPrefix(s, ">") {
		s = quoteRe.ReplaceAllString(s, "")
	}
	if maybeRule(s) && ruleRe.MatchString(s) {
		return line{}
	}
	if strings.Contains(s, "**") {
		s = strings.ReplaceAll(s, "**", "")
	}
	if strings.Contains(s, "__") {
		s = strings.ReplaceAll(s, "__", "")
	}
	bullet := false
	if maybeBullet(s) {
		if m := bulletRe.FindString(s); m != "" && len(s) > len(m) {
			s = s[len(m):]
			bullet = true
		} else if dashWordRe.MatchString(s) {
			s = s[1:]
			bullet = true
		}
	}
	if strings.ContainsAny(s, "*_") {
		s = stripEmphasis(s, true)
		s = stripEmphasis(s, false)
	}
	if strings.Contains(s, "\\") {
		s = escapeRe.ReplaceAllString(s, "$1")
	}
	s = strings.TrimSpace(collapseSpaces(s))
	if maybeRule(s) && ruleRe.MatchString(s) {
		return line{}
	}
	if bullet && s != "" {
		s = "- " + s
	}
	return line{text: s, bullet: bullet}
}

// maybeRule reports whether s opens as a horizontal rule (ruleRe) can.
func maybeRule(s string) bool { return s != "" && strings.IndexByte("-*_=", s[0]) >= 0 }

// maybeBullet reports whether s opens as a bullet (bulletRe, dashWordRe) can.
func maybeBullet(s string) bool {
	if s == "" {
		return false
	}
	if strings.IndexByte("*+-", s[0]) >= 0 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("•●○▪◦■□➢➤✓–—−", r)
}

// isUpper reports whether s has at least two letters and no lower-case one.
func isUpper(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if unicode.IsLower(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// stripMarks removes footnote marks from s.
func stripMarks(s string) string {
	i := strings.Index(s, fnOpen)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		j := strings.Index(s[i:], fnClose)
		if j < 0 {
			b.WriteString(s[:i])
			b.WriteString(strings.ReplaceAll(s[i:], fnOpen, ""))
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i+j+len(fnClose):]
		i = strings.Index(s, fnOpen)
	}
	b.WriteString(s)
	return b.String()
}

// hasSuperDigit reports whether text holds a superscript digit, as
// strings.ContainsAny would but quicker: ¹²³ are U+00B9, U+00B2 and U+00B3,
// ⁰ and ⁴–⁹ are U+2070 and U+2074–U+2079.
func hasSuperDigit(text string) bool {
	for i := 0; i+1 < len(text); i++ {
		switch text[i] {
		case 0xC2:
			if c := text[i+1]; c == 0xB2 || c == 0xB3 || c == 0xB9 {
				return true
			}
		case 0xE2:
			if r, _ := utf8.DecodeRuneInString(text[i:]); r == 0x2070 || r >= 0x2074 && r <= 0x2079 {
				return true
			}
		}
	}
	return false
}

// stripEmphasis removes the Markdown emphasis marks (runs of "*" and "_")
// that open (open set) or close emphasis. A run opens emphasis after the
// start, a space or an opening bracket or quote, and before a character
// that is not a space or a mark; it closes emphasis after such a character
// and before the end, a space, a closing bracket or quote or punctuation.
// As a regexp replacement would, a mark's neighbour is not shared: a
// character that ended one removal cannot start the next.
func stripEmphasis(s string, open bool) string {
	isMark := func(c byte) bool { return c == '*' || c == '_' }
	isSpace := func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' }
	var b strings.Builder
	last, free := 0, 0 // copied up to last; a match may start at free
	for i := 0; i < len(s); {
		if !isMark(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isMark(s[j]) {
			j++
		}
		before, bsize := utf8.DecodeLastRuneInString(s[:i])
		after, asize := utf8.DecodeRuneInString(s[j:])
		ok := false
		if open {
			// (^|[\s(“"‘'\[])[*_]+([^\s*_])
			ok = j < len(s) && !isSpace(after) && (i == 0 && free == 0 ||
				i > 0 && i-bsize >= free && (isSpace(before) || strings.ContainsRune("(“\"‘'[", before)))
		} else {
			// ([^\s*_])[*_]+($|[\s).,;:!?”"’'\]])
			ok = i > 0 && i-bsize >= free && !isSpace(before) &&
				(j == len(s) || isSpace(after) || strings.ContainsRune(").,;:!?”\"’']", after))
		}
		if ok {
			b.WriteString(s[last:i])
			last = j
			free = min(j+asize, len(s))
		}
		i = j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// isSuperDigit reports whether r is a superscript digit.
func isSuperDigit(r rune) bool { return strings.ContainsRune("¹²³⁰⁴⁵⁶⁷⁸⁹", r) }

// markSuperscripts turns superscript digits into footnote marks, except the
// powers of units ("m²", "km³").
func markSuperscripts(text string) string {
	var b strings.Builder
	b.Grow(len(text) + 16)
	last := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isSuperDigit(r) {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !isSuperDigit(r) {
				break
			}
			j += size
		}
		if i == 0 || text[i-1] != 'm' {
			b.WriteString(text[last:i])
			b.WriteString(fnOpen)
			for _, r := range text[i:j] {
				b.WriteByte(superDigit(r))
			}
			b.WriteString(fnClose)
			last = j
		}
		i = j
	}
	b.WriteString(text[last:])
	return b.String()
}

// collapseSpaces replaces each run of spaces and tabs with one space.
func collapseSpaces(s string) string {
	if !strings.Contains(s, "  ") && !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteByte(c)
	}
	return b.String()
}

func superDigit(r rune) byte {
	switch r {
	case '¹':
		return '1'
	case '²':
		return '2'
	case '³':
		return '3'
	case '⁰':
		return '0'
	}
	return byte('4' + r - '⁴')
}
