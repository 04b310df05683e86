package knowledge

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxDocxPart bounds the unpacked size of one part of a .docx, so that a
// small zip bomb cannot exhaust memory.
const maxDocxPart = 4 * MaxFileSize

// extractDocx returns the paragraphs of word/document.xml, one per line with
// a blank line between, their automatic numbering written out ("1.", "a)",
// "II.") and footnote references as "<sup>N</sup>", each footnote
// itself as a "<sup>N</sup> text" line after the paragraph citing it.
func extractDocx(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%w (%v)", ErrBadDocx, err)
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[f.Name] = f
	}
	doc, ok := parts["word/document.xml"]
	if !ok {
		return "", fmt.Errorf("%w (thiếu word/document.xml)", ErrBadDocx)
	}
	read := func(f *zip.File) ([]byte, error) {
		if f == nil {
			return nil, nil
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%w (%s: %v)", ErrBadDocx, f.Name, err)
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, maxDocxPart+1))
		if err != nil {
			return nil, fmt.Errorf("%w (%s: %v)", ErrBadDocx, f.Name, err)
		}
		if len(b) > maxDocxPart {
			return nil, ErrTooLarge
		}
		return b, nil
	}
	docXML, err := read(doc)
	if err != nil {
		return "", err
	}
	numXML, err := read(parts["word/numbering.xml"])
	if err != nil {
		return "", err
	}
	styleXML, err := read(parts["word/styles.xml"])
	if err != nil {
		return "", err
	}
	fnXML, err := read(parts["word/footnotes.xml"])
	if err != nil {
		return "", err
	}
	w := &docxWriter{numbering: parseNumbering(numXML), styles: parseStyleNumbering(styleXML), fnMark: map[string]int{}}
	if fnXML != nil {
		if w.notes, err = parseFootnotes(fnXML); err != nil {
			return "", fmt.Errorf("%w (word/footnotes.xml: %v)", ErrBadDocx, err)
		}
	}
	if err := w.body(docXML); err != nil {
		return "", fmt.Errorf("%w (word/document.xml: %v)", ErrBadDocx, err)
	}
	w.flushNotes()
	return w.out.String(), nil
}

// flushNotes writes the footnotes cited since the last call, as
// "<sup>N</sup> text" paragraphs: after the paragraph (or the table)
// citing them, as a reader meets them.
func (w *docxWriter) flushNotes() {
	for _, id := range w.fnOrder[w.fnDone:] {
		if t := strings.TrimSpace(w.notes[id]); t != "" {
			fmt.Fprintf(&w.out, "<sup>%d</sup> %s\n\n", w.fnMark[id], t)
		}
	}
	w.fnDone = len(w.fnOrder)
}

// numLevel is one level of a numbering definition.
type numLevel struct {
	start int
	fmt   string
	text  string
}

// numbering holds word/numbering.xml: which abstract definition each list
// uses, its levels, and start overrides.
type numbering struct {
	abstract  map[string][9]numLevel // abstractNumId → levels
	numToAbs  map[string]string      // numId → abstractNumId
	overrides map[string]map[int]int // numId → level → start
}

type xmlVal struct {
	Val string `xml:"val,attr"`
}

func parseNumbering(b []byte) numbering {
	n := numbering{abstract: map[string][9]numLevel{}, numToAbs: map[string]string{}, overrides: map[string]map[int]int{}}
	if b == nil {
		return n
	}
	var doc struct {
		Abstract []struct {
			ID     string `xml:"abstractNumId,attr"`
			Levels []struct {
				Ilvl    int    `xml:"ilvl,attr"`
				Start   xmlVal `xml:"start"`
				NumFmt  xmlVal `xml:"numFmt"`
				LvlText xmlVal `xml:"lvlText"`
			} `xml:"lvl"`
		} `xml:"abstractNum"`
		Num []struct {
			ID        string `xml:"numId,attr"`
			Abstract  xmlVal `xml:"abstractNumId"`
			Overrides []struct {
				Ilvl  int    `xml:"ilvl,attr"`
				Start xmlVal `xml:"startOverride"`
			} `xml:"lvlOverride"`
		} `xml:"num"`
	}
	if xml.Unmarshal(b, &doc) != nil {
		return n
	}
	for _, a := range doc.Abstract {
		var lv [9]numLevel
		for _, l := range a.Levels {
			if l.Ilvl < 0 || l.Ilvl > 8 {
				continue
			}
			start, err := strconv.Atoi(l.Start.Val)
			if err != nil {
				start = 1
			}
			lv[l.Ilvl] = numLevel{start: start, fmt: l.NumFmt.Val, text: l.LvlText.Val}
		}
		n.abstract[a.ID] = lv
	}
	for _, m := range doc.Num {
		n.numToAbs[m.ID] = m.Abstract.Val
		for _, o := range m.Overrides {
			if v, err := strconv.Atoi(o.Start.Val); err == nil && o.Ilvl >= 0 && o.Ilvl <= 8 {
				if n.overrides[m.ID] == nil {
					n.overrides[m.ID] = map[int]int{}
				}
				n.overrides[m.ID][o.Ilvl] = v
			}
		}
	}
	return n
}

// styleNum is the numbering a paragraph style carries.
type styleNum struct{ numID, ilvl string }

func parseStyleNumbering(b []byte) map[string]styleNum {
	out := map[string]styleNum{}
	if b == nil {
		return out
	}
	var doc struct {
		Styles []struct {
			ID    string `xml:"styleId,attr"`
			NumPr struct {
				NumID xmlVal `xml:"numId"`
				Ilvl  xmlVal `xml:"ilvl"`
			} `xml:"pPr>numPr"`
		} `xml:"style"`
	}
	if xml.Unmarshal(b, &doc) != nil {
		return out
	}
	for _, s := range doc.Styles {
		if s.NumPr.NumID.Val != "" {
			out[s.ID] = styleNum{numID: s.NumPr.NumID.Val, ilvl: s.NumPr.Ilvl.Val}
		}
	}
	return out
}

func parseFootnotes(b []byte) (map[string]string, error) {
	out := map[string]string{}
	dec := xml.NewDecoder(bytes.NewReader(b))
	var id string
	var text strings.Builder
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "footnote":
				depth++
				id = attr(t, "id")
				text.Reset()
			case "tab":
				text.WriteByte(' ')
			case "p":
				if text.Len() > 0 {
					text.WriteByte(' ')
				}
			case "t":
				var s string
				if err := dec.DecodeElement(&s, &t); err != nil {
					return nil, err
				}
				text.WriteString(s)
			}
		case xml.EndElement:
			if t.Name.Local == "footnote" && depth > 0 {
				depth--
				out[id] = strings.Join(strings.Fields(text.String()), " ")
			}
		}
	}
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// docxWriter turns document.xml into text.
type docxWriter struct {
	numbering numbering
	styles    map[string]styleNum
	counters  map[string]*[9]int // abstractNumId → counters
	started   map[string]bool    // numIds whose start override was applied
	fnMark    map[string]int     // footnote id → mark shown
	fnOrder   []string
	fnDone    int               // footnotes of fnOrder written
	notes     map[string]string // footnote id → text
	out       strings.Builder
}

func (w *docxWriter) body(b []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(b))
	st := &docxBody{w: w, dec: dec}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !st.startTable(t) {
				if err := st.startRun(t); err != nil {
					return err
				}
			}
		case xml.EndElement:
			st.end(t)
		}
	}
}

// docxBody is a document body being read: the paragraph open, and the
// table being read. A table's cells are kept until its end: a table of
// tasks is rewritten as numbered paragraphs (see taskTable); any other
// (the two-column header, the signature block) gives its paragraphs cell
// by cell. A nested table's text goes into the outer cell.
type docxBody struct {
	w   *docxWriter
	dec *xml.Decoder

	para           strings.Builder
	inPara         bool
	numID, ilvl    string
	style          string
	inDel, inInstr bool

	depth int
	rows  [][]docxCell
	cell  []string
	above map[int][]string // column → the cell above, for vMerge
	col   int
	span  int
	merge bool
}

// startTable reads the start of a table's element, and reports whether
// it was one.
func (st *docxBody) startTable(t xml.StartElement) bool {
	switch t.Name.Local {
	case "tbl":
		st.depth++
		if st.depth == 1 {
			st.rows, st.above = nil, map[int][]string{}
		}
	case "tr":
		if st.depth == 1 {
			st.rows, st.col = append(st.rows, nil), 0
		}
	case "tc":
		if st.depth == 1 {
			st.cell = nil
			st.span, st.merge = 1, false
		}
	case "gridSpan":
		if st.depth == 1 {
			if n, err := strconv.Atoi(attr(t, "val")); err == nil && n > 1 && n < 64 {
				st.span = n
			}
		}
	case "vMerge":
		if st.depth == 1 {
			st.merge = attr(t, "val") != "restart"
		}
	default:
		return false
	}
	return true
}

// startRun reads the start of a paragraph's element: the paragraph, its
// numbering and style, its text, breaks, deletions, field codes and
// footnote marks.
func (st *docxBody) startRun(t xml.StartElement) error {
	w := st.w
	switch t.Name.Local {
	case "p":
		st.inPara = true
		st.para.Reset()
		st.numID, st.ilvl, st.style = "", "", ""
	case "pStyle":
		st.style = attr(t, "val")
	case "numId":
		st.numID = attr(t, "val")
	case "ilvl":
		st.ilvl = attr(t, "val")
	case "t":
		if st.inDel || st.inInstr {
			return nil
		}
		var s string
		if err := st.dec.DecodeElement(&s, &t); err != nil {
			return err
		}
		st.para.WriteString(s)
	case "tab":
		if st.inPara {
			st.para.WriteByte(' ')
		}
	case "br", "cr":
		if st.inPara && attr(t, "type") != "page" {
			st.para.WriteString("  \n")
		}
	case "del":
		st.inDel = true
	case "instrText":
		st.inInstr = true
	case "footnoteReference":
		id := attr(t, "id")
		if _, ok := w.fnMark[id]; !ok {
			w.fnMark[id] = len(w.fnMark) + 1
			w.fnOrder = append(w.fnOrder, id)
		}
		fmt.Fprintf(&st.para, "<sup>%d</sup>", w.fnMark[id])
	}
	return nil
}

// end reads the end of an element: a paragraph is written out (into its
// cell inside a table), a cell kept, a table written out whole.
func (st *docxBody) end(t xml.EndElement) {
	switch t.Name.Local {
	case "del":
		st.inDel = false
	case "instrText":
		st.inInstr = false
	case "p":
		st.endPara()
	case "tc":
		if st.depth == 1 && len(st.rows) > 0 {
			c := docxCell{paras: st.cell}
			if st.merge {
				c = docxCell{paras: st.above[st.col], merged: true}
			}
			st.above[st.col] = c.paras
			r := &st.rows[len(st.rows)-1]
			*r = append(*r, c)
			for range st.span - 1 {
				*r = append(*r, docxCell{})
			}
			st.col += st.span
		}
	case "tbl":
		st.depth--
		if st.depth == 0 {
			st.w.table(st.rows)
			st.w.flushNotes()
		}
	}
}

// endPara writes out the paragraph ending, its list label before it.
func (st *docxBody) endPara() {
	w := st.w
	st.inPara = false
	text := strings.TrimSpace(st.para.String())
	numID, ilvl := st.numID, st.ilvl
	if numID == "" && st.style != "" {
		if s, ok := w.styles[st.style]; ok {
			numID = s.numID
			if ilvl == "" {
				ilvl = s.ilvl
			}
		}
	}
	if numID != "" && numID != "0" && text != "" {
		if label := w.label(numID, ilvl); label != "" {
			text = label + " " + text
		}
	}
	switch {
	case text == "":
	case st.depth > 0:
		st.cell = append(st.cell, text)
	default:
		w.out.WriteString(text)
		w.out.WriteString("\n\n")
		w.flushNotes()
	}
}

// docxCell is the text of a table cell; a merged cell is the lower part of
// a vertically merged one and repeats the text above it.
type docxCell struct {
	paras  []string
	merged bool
}

// table writes a table's text: a table of tasks as numbered paragraphs
// (a merged cell, such as one lead unit for several rows, counting for
// each row), any other cell by cell.
func (w *docxWriter) table(rows [][]docxCell) {
	flat := make([][]string, len(rows))
	for i, r := range rows {
		flat[i] = make([]string, len(r))
		for j, c := range r {
			flat[i][j] = strings.Join(c.paras, " ")
		}
	}
	if paras, ok := taskTable(flat); ok {
		for _, p := range paras {
			w.out.WriteString(p)
			w.out.WriteString("\n\n")
		}
		return
	}
	for _, r := range rows {
		for _, c := range r {
			if c.merged {
				continue
			}
			for _, p := range c.paras {
				w.out.WriteString(p)
				w.out.WriteString("\n\n")
			}
			w.out.WriteString("\n")
		}
	}
}

// label advances the counters of a numbered paragraph and returns its
// number as written ("1.", "a)", "II.", "1.2."), "-" for a bullet, or "".
func (w *docxWriter) label(numID, ilvlStr string) string {
	abs, ok := w.numbering.numToAbs[numID]
	if !ok {
		return ""
	}
	levels := w.numbering.abstract[abs]
	lvl, err := strconv.Atoi(ilvlStr)
	if err != nil || lvl < 0 || lvl > 8 {
		lvl = 0
	}
	if w.counters == nil {
		w.counters = map[string]*[9]int{}
		w.started = map[string]bool{}
	}
	c := w.counters[abs]
	if c == nil {
		c = &[9]int{}
		w.counters[abs] = c
	}
	if !w.started[numID] {
		w.started[numID] = true
		for l, v := range w.numbering.overrides[numID] {
			c[l] = v - 1
			for k := l + 1; k < 9; k++ {
				c[k] = 0
			}
		}
	}
	if c[lvl] == 0 && levels[lvl].start > 1 {
		c[lvl] = levels[lvl].start - 1
	}
	c[lvl]++
	for k := lvl + 1; k < 9; k++ {
		c[k] = 0
	}
	lv := levels[lvl]
	switch lv.fmt {
	case "bullet":
		return "-"
	case "none":
		return ""
	}
	text := lv.text
	if text == "" {
		text = "%" + strconv.Itoa(lvl+1) + "."
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			v := c[k]
			if v == 0 {
				v = max(levels[k].start, 1)
			}
			b.WriteString(formatNumber(v, levels[k].fmt))
			i++
			continue
		}
		b.WriteByte(text[i])
	}
	return strings.TrimSpace(b.String())
}

// formatNumber writes n in a Word number format.
func formatNumber(n int, format string) string {
	switch format {
	case "upperRoman":
		return roman(n)
	case "lowerRoman":
		return strings.ToLower(roman(n))
	case "upperLetter":
		return strings.ToUpper(letter(n))
	case "lowerLetter":
		return letter(n)
	case "decimalZero":
		return fmt.Sprintf("%02d", n)
	}
	return strconv.Itoa(n)
}

// latinLetters are the letters Word numbers sub-items with.
const latinLetters = "abcdefghijklmnopqrstuvwxyz"

func letter(n int) string {
	if n < 1 {
		return ""
	}
	r := latinLetters
	s := string(r[(n-1)%len(r)])
	return strings.Repeat(s, (n-1)/len(r)+1)
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := [...]int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := [...]string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// romanValue returns the value of an upper-case roman numeral, or 0.
func romanValue(s string) int {
	if s == "" || len(s) > 8 {
		return 0
	}
	val := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100}
	total := 0
	for i := 0; i < len(s); i++ {
		v := val[s[i]]
		if v == 0 {
			return 0
		}
		if i+1 < len(s) && val[s[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	if roman(total) != s {
		return 0
	}
	return total
}
