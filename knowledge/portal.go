package knowledge

import (
	"chidao"
	"regexp"
	"strings"
	"unicode/utf8"
)

// A directive as a portal republishes it has no header table: the page
// titles it by kind, number and date ("Công văn số 1448/SNV-CCHC ngày
// 27/12/2016 V/v …"), or gives its source under the text ("(Theo Công
// văn số 6012/UBND-KT, ngày 14/11/2023)", "Nguồn: …"), and the page's
// own section labels ("THÔNG TIN Ý KIẾN") stand around it. What the
// portal says of the document is read as its header; its labels are not
// the document's.

// selfRefRe is a document named by its kind, its number and its date, on
// a line of its own, folded: group 1 says it is a source note, group 2 is
// the kind, group 3 the number, then reDMY's and reWords' groups.
var selfRefRe = regexp.MustCompile(`^\(?\s*((?:theo|nguon)\s*:?\s*)?(` + kindHeadings() + `)\s+so\s*:?\s*(\d+\s*/\s*[a-z0-9&.\-/]*[a-z][a-z0-9&.\-]*)\s*,?\s*(?:ngay\s*(?:` + reDMY + `|` + reWords + `))?\s*\)?\s*[.;]?$`)

// kindHeadings is the folded titles of the kinds of documents, as one
// alternation.
func kindHeadings() string {
	var h []string
	for _, k := range docKinds {
		h = append(h, k.heading)
	}
	return strings.Join(h, "|") + "|van ban"
}

// selfRef is what a line naming the document says of it.
type selfRef struct {
	note   bool // a source note under the text
	kind   string
	number string
	issued chidao.Date
}

// parseSelfRef reads a line naming a document by kind, number and date.
func parseSelfRef(s string) (selfRef, bool) {
	if utf8.RuneCountInString(s) > 160 {
		return selfRef{}, false
	}
	ff := foldMapped(s)
	m := selfRefRe.FindStringSubmatchIndex(ff.text)
	if m == nil {
		return selfRef{}, false
	}
	r := selfRef{note: m[2] >= 0, kind: kindOfHeading(ff.text[m[4]:m[5]]),
		number: strings.Join(strings.Fields(ff.quote(m[6], m[7])), "")}
	if d, ok := dateFrom(ff.text, m[8:], 0); ok {
		r.issued = d
	}
	return r, true
}

// put sets the header's number, kind and date from what the portal says.
func (r selfRef) put(h *header) {
	h.number = r.number
	if h.kind == "" {
		h.kind = r.kind
	}
	if !r.issued.IsZero() && h.issued.IsZero() {
		h.issued, h.year = r.issued, r.issued.Year
	}
}

// portalLabels are the section labels portals print around a document
// they republish, folded; none is a part of the document.
var portalLabels = []string{"thong tin y kien", "thong tin phan hoi", "y kien chi dao", "van ban chi dao dieu hanh",
	"chi dao dieu hanh", "tin chi dao dieu hanh", "noi dung", "noi dung van ban", "toan van", "van ban goc", "chi tiet van ban"}

// isPortalLabel reports whether a folded line is a portal's section label.
func isPortalLabel(f string) bool {
	f = strings.TrimRight(f, ": ")
	for _, l := range portalLabels {
		if f == l {
			return true
		}
	}
	return false
}

// selfRef reads the line naming the document as the header's number,
// kind and date.
func (hr *headerReader) selfRef(s, _ string) bool {
	if r, ok := parseSelfRef(s); ok {
		r.put(&hr.h)
	}
	hr.i++
	return false
}

// isLeadIn reports whether the line at hr.i is a short heading a portal
// puts above the subject (the province's name), the subject coming next.
func (hr *headerReader) isLeadIn(s, f string) bool {
	if hr.h.subject != "" || utf8.RuneCountInString(s) > 40 || endsSentence(s) || startsBody(s) {
		return false
	}
	j := hr.next(hr.i + 1)
	return j < len(hr.lines) && vvRe.MatchString(Fold(hr.lines[j].text))
}

// skip passes over a line that is not the document's.
func (hr *headerReader) skip(_, _ string) bool {
	hr.i++
	return false
}

// readSourceNote reads the source note a portal puts under the text
// ("(Theo Công văn số 6012/UBND-KT, ngày 14/11/2023)") as the header's
// number and date when the header has none, and takes it out of the body.
func (dc *doc) readSourceNote() error {
	seen := 0
	for i := dc.footStart - 1; i >= dc.bodyStart && seen < 3; i-- {
		s := dc.lines[i].text
		if s == "" {
			continue
		}
		seen++
		r, ok := parseSelfRef(s)
		if !ok || !r.note {
			continue
		}
		if dc.h.number == "" {
			r.put(&dc.h)
		}
		dc.lines[i].text = ""
		return nil
	}
	return nil
}
