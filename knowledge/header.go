package knowledge

import (
	"chidao"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

var (
	numberRe = regexp.MustCompile(`^(?:Số|SỐ|số)\s*[:.]?\s*(.*)$`)
	// numberBareRe is numberRe typed without diacritics ("So: 1920/UBND"):
	// a colon, a full stop or a digit must follow, "Sở Y tế" being no number.
	numberBareRe = regexp.MustCompile(`^(?:So|SO|so)\s*(?:[:.]\s*|\s(\d))(.*)$`)
	numberValRe  = regexp.MustCompile(`^(\d*)\s*/\s*([\p{L}\d&.\-/]*)`)
	dateLineRe   = regexp.MustCompile(`^(?:([^,]{1,60}),\s*)?ngay\s*(\d{1,2})?[\s.…_]*thang\s*(\d{1,2})?[\s.…_]*nam\s*(\d{4})`)
	// dateSlashLineRe is the date line written in figures, alone on its
	// line: "Văn Quan, ngày 28/11/2024" ("Ngày 15/10/2024, đồng chí …"
	// opens the body).
	dateSlashLineRe = regexp.MustCompile(`^(?:([^,]{1,60}),\s*)?ngay\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*\.?$`)
	vvRe            = regexp.MustCompile(`^(?:v/v|v\.v|ve viec)\b\s*[:.]?\s*`)
	// "Kính gửi:", and the "… điện:" a công điện is addressed with
	// ("CHỦ TỊCH UBND HUYỆN điện:").
	kinhGuiRe = regexp.MustCompile(`^(?:kinh gui\s*:?|(?:(?:pho )?chu tich\s+)?(?:ubnd|uy ban nhan dan)\b[^:]{0,40}\sdien\s*:)\s*`)
	// bodyOpenRe matches the folded start of a sentence of a directive's
	// body rather than a recipient's name.
	bodyOpenRe = regexp.MustCompile(`^(?:giao|de nghi|yeu cau|chu tich|ubnd huyen|uy ban nhan dan huyen|de |nham|ngay \d|hien nay|qua |sau khi|trong |tren co so|tiep tuc)\b`)
	preambleRe = regexp.MustCompile(`^(?:can cu|thuc hien|theo|xet|tiep nhan|tiep theo|nham|de trien khai|ngay \d)`)
)

// header is what the top of a directive says.
type header struct {
	issuer     []string
	number     string
	place      string
	issued     chidao.Date
	issuedText string
	year       int
	kind       string
	subject    string
	recipients []string
	kinhGui    bool
	secrecy    string // "MẬT", "TỐI MẬT", "TUYỆT MẬT"
	urgency    string // "HỎA TỐC", "THƯỢNG KHẨN", "KHẨN"
}

// parseHeader reads the header and returns it with the index of the first
// line of the body: the lines the header rules read, in any order, blank
// lines between them, up to a numbered item or a line no rule reads.
func (p *Parser) parseHeader(lines []line) (header, int) {
	hr := headerReader{p: p, lines: lines}
	for hr.i < len(hr.lines) {
		s := hr.lines[hr.i].text
		if s == "" {
			hr.i++
			continue
		}
		if parseMarker(s) != nil {
			return hr.h, hr.i
		}
		f := Fold(s)
		read := false
		for _, r := range headerRules {
			if r.match(&hr, s, f) {
				if r.read(&hr, s, f) {
					return hr.h, hr.i
				}
				read = true
				break
			}
		}
		if !read {
			return hr.h, hr.i
		}
	}
	return hr.h, hr.i
}

// headerReader is the header being read: its lines, where it is, what it
// found.
type headerReader struct {
	p     *Parser
	lines []line
	i     int
	h     header
}

// A headerRule reads one element of a directive's header: match tells
// whether the line at hr.i opens it (s as written, f folded), read reads
// it and moves hr.i past it, and reports whether the body starts next.
type headerRule struct {
	name  string
	match func(hr *headerReader, s, f string) bool
	read  func(hr *headerReader, s, f string) (bodyNext bool)
}

// headerRules are the elements of a header, tried in order (fixtures in
// header_test.go).
var headerRules = []headerRule{
	{"self reference", func(hr *headerReader, s, _ string) bool {
		r, ok := parseSelfRef(s)
		return ok && !r.note && hr.h.number == ""
	}, (*headerReader).selfRef},
	{"portal label", func(_ *headerReader, _, f string) bool { return isPortalLabel(f) }, (*headerReader).skip},
	{"number", func(hr *headerReader, s, _ string) bool { return hr.h.number == "" && isNumberLine(s) }, (*headerReader).number},
	{"motto", func(_ *headerReader, _, f string) bool { return isMotto(f) }, (*headerReader).motto},
	{"date", func(hr *headerReader, _, f string) bool { return hr.h.year == 0 && isDateLine(f) }, (*headerReader).date},
	{"subject", func(hr *headerReader, _, f string) bool { return hr.h.subject == "" && vvRe.MatchString(f) }, (*headerReader).subject},
	{"recipients", func(_ *headerReader, _, f string) bool { return kinhGuiRe.MatchString(f) }, (*headerReader).recipients},
	{"marks", func(_ *headerReader, s, f string) bool { return isUpper(s) && markOf(f) != "" }, (*headerReader).marks},
	{"title", (*headerReader).isTitle, (*headerReader).title},
	{"lead-in", (*headerReader).isLeadIn, (*headerReader).skip},
	{"issuer", func(_ *headerReader, s, _ string) bool { return isUpper(s) }, (*headerReader).issuer},
}

// The marks of độ mật and độ khẩn (Nghị định 30/2020/NĐ-CP; Luật Bảo vệ
// bí mật nhà nước 2018), folded, each with its name as printed.
var docMarks = []struct{ folded, name string }{
	{"tuyet mat", "TUYỆT MẬT"}, {"toi mat", "TỐI MẬT"}, {"mat", "MẬT"},
	{"hoa toc", "HỎA TỐC"}, {"thuong khan", "THƯỢNG KHẨN"}, {"khan", "KHẨN"},
}

// markOf returns the mark a folded header line is ("KHẨN", "HỎA TỐC",
// "MẬT", "ĐỘ MẬT: MẬT"), or "".
func markOf(f string) string {
	f = strings.Trim(strings.TrimPrefix(strings.TrimPrefix(f, "do mat:"), "do khan:"), " .")
	for _, m := range docMarks {
		if f == m.folded {
			return m.name
		}
	}
	return ""
}

// marks reads a mark of secrecy or urgency.
func (hr *headerReader) marks(_, f string) bool {
	switch m := markOf(f); {
	case strings.HasSuffix(m, "MẬT"):
		hr.h.secrecy = m
	default:
		hr.h.urgency = m
	}
	hr.i++
	return false
}

// isMotto reports whether a folded line is the national motto's: "CỘNG
// HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", or the
// motto's end wrapped in its cell ("VIỆT NAM").
func isMotto(f string) bool {
	return strings.HasPrefix(f, "cong hoa xa hoi") || strings.HasPrefix(f, "doc lap")
}

// motto skips the motto's line and the "VIỆT NAM" it may wrap onto.
func (hr *headerReader) motto(_, f string) bool {
	hr.i++
	if strings.HasPrefix(f, "cong hoa") && !strings.HasSuffix(f, "viet nam") {
		j := hr.next(hr.i)
		if j < len(hr.lines) && Fold(hr.lines[j].text) == "viet nam" {
			hr.i = j + 1
		}
	}
	return false
}

// next returns the index of the first line at or after i that is not
// blank.
func (hr *headerReader) next(i int) int {
	for i < len(hr.lines) && hr.lines[i].text == "" {
		i++
	}
	return i
}

// number reads "Số: 227/TB-UBND".
func (hr *headerReader) number(s, _ string) bool {
	v, _ := numberLine(s)
	if m := numberValRe.FindStringSubmatch(v); m != nil {
		v = m[1] + "/" + m[2]
	} else if fs := strings.Fields(v); len(fs) > 0 {
		v = fs[0]
	}
	hr.h.number = strings.TrimRight(v, ".,;")
	hr.i++
	return false
}

// date reads the place and date of issue: "Văn Quan, ngày 05 tháng 3 năm
// 2025"; a blank day ("ngày tháng 6 năm 2024") leaves the date unknown
// and the year known.
func (hr *headerReader) date(s, _ string) bool {
	h := &hr.h
	ff := foldMapped(s)
	m := dateLineRe.FindStringSubmatchIndex(ff.text)
	if m == nil {
		m = dateSlashLineRe.FindStringSubmatchIndex(ff.text)
	}
	if m[2] >= 0 {
		h.place = ff.quote(m[2], m[3])
	}
	day, mon := -1, -1
	if m[4] >= 0 {
		day, _ = strconv.Atoi(ff.text[m[4]:m[5]])
	}
	if m[6] >= 0 {
		mon, _ = strconv.Atoi(ff.text[m[6]:m[7]])
	}
	h.year, _ = strconv.Atoi(ff.text[m[8]:m[9]])
	if day > 0 && mon > 0 {
		if d := (chidao.Date{Year: h.year, Month: time.Month(mon), Day: day}); d.Valid() {
			h.issued = d
		}
	}
	start := 0
	if m[2] >= 0 {
		start = m[3]
		for start < len(ff.text) && (ff.text[start] == ',' || ff.text[start] == ' ') {
			start++
		}
	}
	h.issuedText = strings.TrimRight(ff.quote(start, len(ff.text)), ".")
	hr.i++
	return false
}

// maxSubject bounds a subject's length in bytes: what runs on past it is
// the body.
const maxSubject = 600

// subject reads "V/v …" with the lines it wraps onto, blank lines between
// them or not (a cell's paragraphs, a PDF's lines): up to a line of the
// header, a numbered item, the body's first sentence or a line in
// capitals.
func (hr *headerReader) subject(s, f string) bool {
	parts := []string{strings.TrimSpace(s[foldMapped(s).at(vvRe.FindStringIndex(f)[1]):])}
	size := len(parts[0])
	j := hr.i + 1
	for {
		k := hr.next(j)
		if k >= len(hr.lines) {
			break
		}
		t := hr.lines[k].text
		if headerLine(t) || parseMarker(t) != nil || size+len(t) > maxSubject {
			break
		}
		// After a blank line, only what plainly goes on.
		if ft := Fold(t); k > j && (isUpper(t) || preambleRe.MatchString(ft) || bodyOpenRe.MatchString(ft) && !strings.HasPrefix(ft, "chu tich") ||
			isNoiNhan(t) || !runsOn(parts[len(parts)-1], t)) {
			break
		}
		parts = append(parts, t)
		size += len(t)
		j = k + 1
	}
	subj := strings.Join(parts, " ")
	if strings.HasPrefix(f, "ve viec") {
		hr.h.subject = "Về việc " + subj
	} else {
		hr.h.subject = "V/v " + subj
	}
	hr.i = j
	return false
}

// runsOn reports whether a line after a blank line goes on from the one
// before it: that one ends without a sentence's end, this one is short.
func runsOn(prev, t string) bool {
	return !endsSentence(prev) && !strings.HasSuffix(strings.TrimSpace(prev), ":") && utf8.RuneCountInString(t) < 120
}

// recipients reads "Kính gửi:" and the list under it; the body starts
// after it.
func (hr *headerReader) recipients(s, f string) bool {
	h, lines := &hr.h, hr.lines
	h.kinhGui = true
	rest := strings.TrimSpace(s[foldMapped(s).at(kinhGuiRe.FindStringIndex(f)[1]):])
	if rest != "" {
		for _, r := range strings.Split(rest, ";") {
			if r = trimRecipient(r); r != "" {
				h.recipients = append(h.recipients, r)
			}
		}
	}
	// The list ends with a full stop ("UBND các xã, thị trấn."), or before
	// a line that is a sentence of the body ("Đề nghị các cơ quan, đơn vị
	// …").
	closed := strings.HasSuffix(rest, ".")
	j := hr.i + 1
	for j < len(lines) && !closed {
		t := lines[j].text
		if t == "" {
			j++
			continue
		}
		ft := Fold(t)
		if parseMarker(t) != nil || preambleRe.MatchString(ft) && !lines[j].bullet {
			break
		}
		short := utf8.RuneCountInString(t) < 120 && !strings.Contains(strings.TrimRight(t, "."), ". ")
		if lines[j].bullet || short && !bodyOpenRe.MatchString(ft) && (len(hr.p.r.Resolve(t)) > 0 || strings.HasSuffix(t, ";") || strings.HasSuffix(t, ".") && len(h.recipients) == 0) {
			if r := trimRecipient(t); r != "" {
				h.recipients = append(h.recipients, r)
			}
			closed = strings.HasSuffix(t, ".")
			j++
			continue
		}
		break
	}
	hr.i = j
	return true
}

// isTitle reports whether the line is the document's title: its kind
// ("KẾ HOẠCH", "Thông báo:"), or in capitals its kind and subject on one
// line ("KẾ HOẠCH TRIỂN KHAI …").
func (hr *headerReader) isTitle(s, f string) bool {
	return kindOfHeading(strings.TrimRight(f, ":")) != "" ||
		(isUpper(s) && len(strings.Fields(f)) <= 8 && kindOfHeading(firstTwo(f)) != "" && hr.h.kind == "")
}

// title reads the title and the subject under it: the next lines up to a
// blank line.
func (hr *headerReader) title(s, f string) bool {
	h := &hr.h
	if k := kindOfHeading(strings.TrimRight(f, ":")); k != "" && (isUpper(s) || h.kind == "") {
		h.kind = k
	} else if k := kindOfHeading(firstTwo(f)); k != "" && isUpper(s) {
		h.kind = k
		if rest := strings.TrimSpace(s[foldMapped(s).at(len(firstTwo(f))):]); rest != "" {
			h.subject = sentenceCase(rest)
		}
	} else {
		return true
	}
	j := hr.next(hr.i + 1)
	var parts []string
	if h.subject != "" {
		parts = append(parts, h.subject)
	}
	for j < len(hr.lines) && hr.lines[j].text != "" {
		t := hr.lines[j].text
		if headerLine(t) || preambleRe.MatchString(Fold(t)) || parseMarker(t) != nil || isUpper(t) && len(parts) > 0 {
			break
		}
		parts = append(parts, t)
		j++
	}
	if len(parts) > 0 {
		h.subject = strings.Join(parts, " ")
	}
	hr.i = j
	return false
}

// issuer reads a line in capitals before the number, the date, the
// title and the subject as the issuer's ("ỦY BAN NHÂN DÂN", "HUYỆN VĂN
// QUAN").
func (hr *headerReader) issuer(s, _ string) bool {
	h := &hr.h
	if h.number == "" && h.kind == "" && h.year == 0 && h.subject == "" {
		h.issuer = append(h.issuer, s)
	}
	hr.i++
	return false
}

// firstTwo returns the first two words of a folded line.
func firstTwo(f string) string {
	w := strings.Fields(f)
	if len(w) < 2 {
		return f
	}
	return w[0] + " " + w[1]
}

// isDateLine reports whether a folded line gives the place and date of
// issue: "Văn Quan, ngày 05 tháng 3 năm 2025", "Văn Quan, ngày 05/3/2025".
func isDateLine(f string) bool { return dateLineRe.MatchString(f) || dateSlashLineRe.MatchString(f) }

// numberLine returns what follows "Số:" on a line giving the directive's
// number, with or without diacritics ("So: 1920/UBND-NV"), and false when
// the line gives none.
func numberLine(s string) (string, bool) {
	if s == "" || s[0] != 'S' && s[0] != 's' {
		return "", false
	}
	if m := numberRe.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1]), true
	}
	if m := numberBareRe.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1] + m[2]), true
	}
	return "", false
}

// isNumberLine reports whether a line gives the directive's number.
func isNumberLine(s string) bool {
	_, ok := numberLine(s)
	return ok
}

// sentenceCase writes an upper-case title in sentence case.
func sentenceCase(s string) string {
	if !isUpper(s) {
		return s
	}
	r := []rune(strings.ToLower(s))
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// headerLine reports whether a line is one of the header's own lines.
func headerLine(s string) bool {
	f := Fold(s)
	return isNumberLine(s) || strings.HasPrefix(f, "cong hoa xa hoi") || strings.HasPrefix(f, "doc lap") ||
		isDateLine(f) || kinhGuiRe.MatchString(f) || vvRe.MatchString(f) || kindOfHeading(strings.TrimRight(f, ":")) != ""
}

// readHeader reads the header, and finds where the body and the foot
// start.
func (dc *doc) readHeader() error {
	dc.h, dc.bodyStart = dc.p.parseHeader(dc.lines)
	dc.footStart = findFooter(dc.lines, dc.bodyStart)
	return nil
}

// readMeta puts the header's findings on the directive, its kind (from
// the title, else the number's symbol, else a công văn when it has a
// number, a subject or recipients) and its signer.
func (dc *doc) readMeta() error {
	d, h := dc.d, dc.h
	d.Number = h.number
	d.Issuer = formatIssuer(h.issuer)
	if dc.ocr {
		d.Issuer = countSpellings(dc.text).vote(d.Issuer)
	}
	d.Place = h.place
	d.Issued = h.issued
	d.IssuedText = h.issuedText
	d.Year = h.year
	d.Subject = h.subject
	d.Kind = h.kind
	d.Secrecy, d.Urgency = h.secrecy, h.urgency
	if d.Kind == "" {
		if m := kindNumRe.FindStringSubmatch(d.Number); m != nil {
			d.Kind = kindOfNumber(m[1])
		} else if d.Subject != "" || d.Number != "" || h.kinhGui {
			d.Kind = "Công văn"
		}
	}
	if d.Issuer == "" {
		d.Issuer = dc.speaker()
	}
	if d.Subject == "" {
		if kind, subject := titleSubject(dc.lines); subject != "" {
			d.Subject = subject
			if d.Kind == "" {
				d.Kind = kind
			}
		}
	}
	d.Signer = parseSigner(dc.footLines(), 0)
	dc.dates = dateContext{year: d.Year, issued: d.Issued}
	return nil
}

// titleRe is the title line a text without a header opens with, folded:
// "THÔNG BÁO về treo cờ Tổ quốc và nghỉ Tết Dương lịch năm 2021".
var titleRe = regexp.MustCompile(`^(` + kindHeadings() + `)\s+(?:ve|v/v)\s+(\S.{5,})$`)

// titleSubject reads a text's opening title line as its kind and subject
// ("Thông báo", "Về treo cờ Tổ quốc …"), or "" when it opens otherwise.
func titleSubject(lines []line) (kind, subject string) {
	for _, l := range lines {
		if strings.TrimSpace(l.text) == "" {
			continue
		}
		ff := foldMapped(strings.TrimSpace(l.text))
		m := titleRe.FindStringSubmatchIndex(ff.text)
		if m == nil || len(ff.text) > 300 {
			return "", ""
		}
		return kindOfHeading(ff.text[m[2]:m[3]]), "Về " + ff.quote(m[4], m[5])
	}
	return "", ""
}

// speakerRe finds, folded, the body a text without a header speaks as in
// its opening sentences: "Chủ tịch Ủy ban nhân dân phường thông báo như
// sau", "…, Ủy ban nhân dân huyện Ngân Sơn thông báo lịch tiếp công dân",
// "UBND tỉnh có ý kiến như sau", "Văn phòng HĐND và UBND thành phố thông
// báo …", "Chủ tịch HĐND huyện Ngân Sơn khóa XIX, nhiệm kỳ 2016-2021 thông
// báo …" (also after a title ending in a year, joined to it).
var speakerRe = regexp.MustCompile(`(?:^|[,;.:] |\d )((?:chu tich |pho chu tich )?(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|van phong (?:hdnd va ubnd|hdnd - ubnd|hdnd-ubnd|hoi dong nhan dan va uy ban nhan dan|ubnd|uy ban nhan dan))` +
	`(?: (?:tinh|huyen|xa|phuong|thi tran|thi xa|thanh pho|quan|dac khu))*(?: [a-z0-9]+){0,5}?(?:, nhiem ky [0-9-]+)?) (?:thong bao|ban hanh|yeu cau|de nghi|chi dao|co y kien|giao|huong dan)\b`)

// speaker returns the body a text without a header speaks as, from the
// opening paragraphs, or "".
func (dc *doc) speaker() string {
	for i, p := range dc.intro {
		if i >= 3 {
			break
		}
		ff := foldMapped(p)
		if m := speakerRe.FindStringSubmatchIndex(ff.text); m != nil {
			return ff.quote(m[2], m[3])
		}
	}
	return ""
}
