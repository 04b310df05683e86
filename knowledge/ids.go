package knowledge

import (
	"chidao"
	"fmt"
	"hash/fnv"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

var (
	// A document's number: "227/TB-UBND", "12/2024/QĐ-UBND"; its code has
	// two letters at least ("1/ P.NV" numbers an item).
	refRe = anchored(`\b(\d{1,5})\s*/\s*((?:\d{4}\s*/\s*)?\p{Lu}[\p{L}\d&]+(?:\s?-\s?[\p{Lu}\d][\p{L}\d&]*)*)`)
)

// references returns the numbers of the documents a text cites, in order,
// without the directive's own.
func references(text, own string) []string {
	out := []string{}
	seen := map[string]bool{}
	ownKey := strings.ReplaceAll(own, " ", "")
	end := 0
	for p := 0; p < len(text); p++ {
		// A number starts a word and is followed by a slash.
		if !isDigitByte(text[p]) || p > 0 && isWordByte(text[p-1]) || p < end || !slashAfterDigits(text[p:]) {
			continue
		}
		m := matchHead(refRe, text[p:], 128)
		if m == nil {
			continue
		}
		end = p + m[1]
		ref := text[p+m[2]:p+m[3]] + "/" + strings.ReplaceAll(text[p+m[4]:p+m[5]], " ", "")
		if ref == ownKey || seen[ref] {
			continue
		}
		seen[ref] = true
		out = append(out, ref)
	}
	return out
}

// slashAfterDigits reports whether s opens with digits, maybe spaces and a
// slash, as a document number does ("227/TB-UBND").
func slashAfterDigits(s string) bool {
	i := 0
	for i < len(s) && isDigitByte(s[i]) {
		i++
	}
	for i < len(s) && strings.IndexByte(" \t\n\f\r", s[i]) >= 0 {
		i++
	}
	return i < len(s) && s[i] == '/'
}

// directiveID returns a short, stable and unique ID. With a number: the
// number and the date of issue ("87-qd-ubnd-20250205"): the Chủ tịch's
// and the committee's decisions share symbols and numbers run by year, so
// number and year alone are no key; without the date, the year and a
// short hash of the directive's content. Without a number (handwritten
// and unread, or a draft's blank): the kind, the date of issue or of
// signing, and the hash ("chi-thi-20211227-3fa2c1"). The hash is of what
// was read (subject and tasks), so the same directive read from its .md,
// its .docx or its PDF has the same ID.
func directiveID(d *chidao.Directive) string {
	day := d.Issued
	if day.IsZero() {
		if at := d.SignedAt(); !at.IsZero() && strings.IndexFunc(d.Number, unicode.IsDigit) < 0 {
			day = chidao.DateOf(at)
		}
	}
	when := ""
	switch {
	case !day.IsZero():
		when = fmt.Sprintf("%04d%02d%02d", day.Year, day.Month, day.Day)
	case d.Year > 0:
		when = strconv.Itoa(d.Year)
	}
	if strings.IndexFunc(d.Number, unicode.IsDigit) >= 0 {
		id := slug(d.Number)
		if !d.Issued.IsZero() {
			return trimID(id + "-" + when)
		}
		return trimID(joinID(id, when)) + "-" + contentHash(d)
	}
	kind := slug(d.Kind)
	if kind == "" {
		kind = "vb"
	}
	return trimID(joinID(kind, when)) + "-" + contentHash(d)
}

func joinID(a, b string) string {
	if b == "" {
		return a
	}
	return a + "-" + b
}

// contentHash is six hex digits of a hash of a directive's subject and
// tasks.
func contentHash(d *chidao.Directive) string {
	h := fnv.New32a()
	h.Write([]byte(d.Subject))
	for _, t := range d.Tasks {
		h.Write([]byte("\x00" + t.ID + "\x00" + t.Text))
	}
	return fmt.Sprintf("%06x", h.Sum32()&0xffffff)
}

func trimID(s string) string {
	if len(s) > 40 {
		s = strings.TrimRight(s[:40], "-")
	}
	return s
}

// slug returns s folded to lower-case ASCII letters, digits and dashes.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range Fold(s) {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// formatIssuer writes the issuer's upper-case lines as a name: "ỦY BAN NHÂN
// DÂN / HUYỆN VĂN QUAN" → "UBND huyện Văn Quan".
func formatIssuer(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	src := lines
	if len(lines) > 1 {
		f := Fold(lines[0])
		if f != "uy ban nhan dan" && f != "hoi dong nhan dan" {
			src = lines[len(lines)-1:]
		}
	}
	s := strings.Join(src, " ")
	for _, r := range [][2]string{{"ỦY BAN NHÂN DÂN", "UBND"}, {"UỶ BAN NHÂN DÂN", "UBND"}, {"HỘI ĐỒNG NHÂN DÂN", "HĐND"}} {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	words := strings.Fields(s)
	place := false
	typeWord := false
	for i, w := range words {
		fw := Fold(w)
		switch {
		case w == "UBND" || w == "HĐND" || w == "MTTQ" || w == "VN":
			place = false
		case place:
			words[i] = capitalize(strings.ToLower(w))
		case i == 0 || typeWord:
			words[i] = capitalize(strings.ToLower(w))
		default:
			words[i] = strings.ToLower(w)
		}
		typeWord = fw == "so" || fw == "phong" || fw == "ban" || fw == "cuc" || (fw == "phong" && i > 0)
		if fw == "huyen" || fw == "tinh" || fw == "xa" || fw == "quan" || fw == "phuong" || fw == "tran" || fw == "pho" {
			place = true
		}
	}
	return strings.Join(words, " ")
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// finish lists the documents the text cites and gives the directive its ID.
func (dc *doc) finish() error {
	dc.d.References = references(dc.text, dc.d.Number)
	dc.d.ID = directiveID(dc.d)
	return nil
}

// identityRe is what the office types to give a scan the number and the
// day written by hand: "16/CT-UBND 27/12/2021", "16/CT-UBND ngày
// 27/12/2021", "số 16/CT-UBND, ngày 27 tháng 12 năm 2021".
var identityRe = regexp.MustCompile(`^(?:số\s*:?\s*)?(\d{1,5}\s*/\s*[\p{L}\d&\-/]+?)[\s,;]+(?:ngày\s*)?(\d{1,2})\s*(?:[/.\-]|\s+tháng\s+)\s*(\d{1,2})\s*(?:[/.\-]|\s+năm\s+)\s*(\d{4})\.?$`)

// ParseIdentity reads the number and the day of issue the office types
// for a directive whose own were not read: "16/CT-UBND 27/12/2021".
func ParseIdentity(s string) (number string, issued chidao.Date, ok bool) {
	m := identityRe.FindStringSubmatch(strings.ToLower(strings.TrimSpace(Normalize(s))))
	if m == nil {
		return "", chidao.Date{}, false
	}
	number = strings.ReplaceAll(m[1], " ", "")
	day, _ := strconv.Atoi(m[2])
	mon, _ := strconv.Atoi(m[3])
	year, _ := strconv.Atoi(m[4])
	issued = chidao.Date{Year: year, Month: time.Month(mon), Day: day}
	if !issued.Valid() {
		return "", chidao.Date{}, false
	}
	// A symbol is written in capitals ("16/ct-ubnd" → "16/CT-UBND").
	return strings.ToUpper(number), issued, true
}

// SetIdentity gives a directive the number and the day of issue the
// office typed, and the ID they make.
func SetIdentity(d *chidao.Directive, number string, issued chidao.Date) {
	d.Number, d.Issued, d.Year = number, issued, issued.Year
	d.IssuedText = "ngày " + issued.Vietnamese()
	d.ID = directiveID(d)
}
