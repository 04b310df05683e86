package knowledge

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A directive copied from a web page, or from a PDF whose text layer has
// no wide gap between the columns, joins the cells of each row of its
// header's table with one space:
//
//	ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
//	HUYỆN CHÂU THÀNH Độc lập - Tự do - Hạnh phúc
//	Số: 184/UBND Châu Thành, ngày 12 tháng 2 năm 2018
//
// The header rules read one element a line, so unjoinHeader cuts such rows
// into their cells first (a wide gap between the cells is splitColumns'
// work).

// A rowCut is one place a header row joins two cells: re matches the
// folded row, and the row is cut where the match's group 1 starts, when
// the letter there is upper case as written: a cell starts a line of the
// header, a word inside a sentence does not.
type rowCut struct {
	name string
	only string // the folded start a row must have for this cut, if any
	re   *regexp.Regexp
}

// rowCuts are the joins of a header's cells (fixtures in rows_test.go).
var rowCuts = []rowCut{
	{"before the motto", "", regexp.MustCompile(`\S\s+(cong hoa xa hoi chu nghia viet nam|doc lap\s*[-–—]\s*tu do)`)},
	{"after the motto", "", regexp.MustCompile(`(?:cong hoa xa hoi chu nghia viet nam|tu do\s*[-–—]\s*hanh phuc)[\s\-–—_=*]*\s(\S)`)},
	{"after the number", "", regexp.MustCompile(`^so\s*[:.]?\s*\d*\s*/\s*[a-z0-9&.\-/]*\s(\S)`)},
	{"before the subject", "", regexp.MustCompile(`\S\s+(v/v\b|v\.v\b)`)},
	{"after the date", "", regexp.MustCompile(`^(?:[^,]{1,60},\s*)?ngay\s*\d{1,2}\s*(?:thang\s*\d{1,2}\s*nam|[/.\-]\s*\d{1,2}\s*[/.\-])\s*\d{4}\s*\.?\s+(\S)`)},
	{"before kính gửi", "", regexp.MustCompile(`\S\s+(kinh gui\b)`)},
	{"after the recipients", "kinh gui", regexp.MustCompile(`\s((?:thuc hien|can cu|theo|tiep nhan|tiep theo|xet|nham|de trien khai|giao|de nghi|yeu cau|hien nay|qua|sau khi|trong|tren co so|tiep tuc)\s)`)},
}

// decorationRe is the rule drawn under a header's cell, typed as dashes
// ("BỘ Y TẾ -------").
var decorationRe = regexp.MustCompile(`(?:^|\s)[-–—_=*]{3,}$`)

// maxHeaderRows bounds how many lines from the top unjoinHeader reads.
const maxHeaderRows = 24

// unjoinHeader cuts the rows at the top of the text into their cells, up
// to the first numbered item or the first line of the body.
func (dc *doc) unjoinHeader() error {
	var out []line
	seen, body := 0, false
	for k, l := range dc.lines {
		if body || seen >= maxHeaderRows || l.text == "" || strings.HasPrefix(l.text, "|") {
			out = append(out, l)
			continue
		}
		seen++
		if parseMarker(l.text) != nil || startsBody(l.text) {
			out = append(out, dc.lines[k:]...)
			break
		}
		cells, last := cutRow(l.text)
		for i, c := range cells {
			nl := line{text: c}
			if i == len(cells)-1 {
				nl.hard, nl.bullet = l.hard, l.bullet && i == 0
			}
			out = append(out, nl)
		}
		body = last
	}
	dc.lines = out
	return nil
}

// startsBody reports whether a line, not in capitals, opens the body of
// the directive rather than a cell of its header.
func startsBody(s string) bool {
	if isUpper(s) {
		return false
	}
	f := Fold(s)
	return !headerLine(s) && (preambleRe.MatchString(f) || bodyOpenRe.MatchString(f))
}

// cutRow cuts one header row into its cells, each without the rule drawn
// under it, and reports whether the last cell opens the body (the
// recipients were followed by the first sentence).
func cutRow(s string) (cells []string, body bool) {
	if strings.Contains(s, " | ") {
		// A table row written with bars ("Số: 12/NQ-CP | Hà Nội, ngày …").
		parts := strings.Split(s, " | ")
		for _, p := range parts[:len(parts)-1] {
			sub, _ := cutRow(p)
			cells = append(cells, sub...)
		}
		s = parts[len(parts)-1]
	}
	for {
		at, name := nextCut(s)
		if at < 0 {
			break
		}
		if c := undecorate(s[:at]); c != "" {
			cells = append(cells, c)
		}
		s = s[at:]
		if name == "after the recipients" {
			body = true
			break
		}
	}
	if c := undecorate(s); c != "" || len(cells) == 0 {
		cells = append(cells, c)
	}
	return cells, body
}

// nextCut returns the offset in s of the first cut of a rowCut, and its
// name, or -1.
func nextCut(s string) (int, string) {
	ff := foldMapped(s)
	best, name := -1, ""
	for _, c := range rowCuts {
		if !strings.HasPrefix(ff.text, c.only) {
			continue
		}
		for _, m := range c.re.FindAllStringSubmatchIndex(ff.text, -1) {
			if m[2] <= 0 {
				continue
			}
			at := ff.at(m[2])
			if r, _ := utf8.DecodeRuneInString(s[at:]); !unicode.IsUpper(r) {
				continue
			}
			if best < 0 || at < best {
				best, name = at, c.name
			}
			break
		}
	}
	return best, name
}

// undecorate trims a cell and the rule typed under it.
func undecorate(s string) string {
	s = strings.TrimSpace(s)
	for {
		t := strings.TrimSpace(decorationRe.ReplaceAllString(s, ""))
		if t == s {
			return s
		}
		s = t
	}
}
