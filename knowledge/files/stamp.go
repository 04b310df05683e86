package files

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"chidao"
)

// A stamp is the text of a digital-signature stamp as document systems
// print it on a signed file, its lines wrapped anywhere: "Ký bởi: Ủy ban
// nhân dân tỉnh Quảng Ngãi / Cơ quan: Tỉnh Quảng Ngãi / Thời gian ký:
// 21/01/2025 09:08:01", "TRUNG TÂM CÔNG BÁO VÀ TIN HỌC /
// ttcbth@quangngai.gov.vn / 21.01.2025 09:30:22 +07:00".

// stampLabel is one labelled field of a stamp; the value runs to the next
// label.
type stampLabel struct {
	re  *regexp.Regexp
	set func(s *chidao.Signature, v string)
}

// stampLabels are the labels seen on signed files (fixtures in
// stamp_test.go).
var stampLabels = []stampLabel{
	{regexp.MustCompile(`(?i)(?:ký bởi|người ký|ky boi|nguoi ky)\s*:`), func(s *chidao.Signature, v string) { s.By = v }},
	{regexp.MustCompile(`(?i)(?:cơ quan|co quan)\s*:`), func(s *chidao.Signature, v string) { s.Agency = v }},
	{regexp.MustCompile(`(?i)(?:e-?mail|thư điện tử)\s*:`), func(*chidao.Signature, string) {}},
	{regexp.MustCompile(`(?i)(?:thời gian ký|ngày ký|thoi gian ky|ngay ky)\s*:`), func(*chidao.Signature, string) {}},
}

var (
	// stampTimeRe is a signing time: "21/01/2025 09:08:01",
	// "21.01.2025 09:30:22 +07:00".
	stampTimeRe = regexp.MustCompile(`\b(\d{1,2})[./](\d{1,2})[./](\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-])(\d{2}):?(\d{2}))?`)
	// stampEmailRe is an address, which the stamp may break at a dot, and
	// OCR strew with a sign after the "@" ("ttcbth@)quangngai.gov.vn").
	stampEmailRe = regexp.MustCompile(`[\w.+-]+@[)(|]?[\w-]+(?:\s?\.\s?[\w-]+)+`)
)

// isStamp reports whether a block of text-layer lines is a signature
// stamp: it has a stamp's label, or it is short and holds a signing time
// with its seconds or an e-mail address.
func isStamp(lines []string) bool {
	all := strings.Join(lines, " ")
	for _, l := range stampLabels[:1] {
		if l.re.MatchString(all) {
			return true
		}
	}
	if stampLabels[3].re.MatchString(all) {
		return true
	}
	short := len(lines) <= 8 && len(strings.Fields(all)) <= 25
	m := stampTimeRe.FindStringSubmatch(all)
	return short && (m != nil && m[6] != "" || stampEmailRe.MatchString(all))
}

// readStamp reads a stamp's fields. The words before any label name the
// signer when no "Ký bởi:" does.
func readStamp(lines []string) chidao.Signature {
	all := strings.Join(lines, " ")
	var sig chidao.Signature
	if m := stampTimeRe.FindStringSubmatch(all); m != nil {
		sig.At = stampTime(m)
		all = strings.Replace(all, m[0], " ", 1)
	}
	if m := stampEmailRe.FindString(all); m != "" {
		sig.Email = strings.NewReplacer(" ", "", "@)", "@", "@(", "@", "@|", "@").Replace(m)
		all = strings.Replace(all, m, " ", 1)
	}
	type at struct{ start, end, label int }
	var marks []at
	for k, l := range stampLabels {
		for _, loc := range l.re.FindAllStringIndex(all, -1) {
			marks = append(marks, at{loc[0], loc[1], k})
		}
	}
	slices.SortFunc(marks, func(a, b at) int { return a.start - b.start })
	lead := all
	for i, m := range marks {
		if i == 0 {
			lead = all[:m.start]
		}
		end := len(all)
		if i+1 < len(marks) {
			end = marks[i+1].start
		}
		stampLabels[m.label].set(&sig, strings.Join(strings.Fields(all[m.end:end]), " "))
	}
	if lead = strings.Join(strings.Fields(lead), " "); sig.By == "" {
		sig.By = lead
	}
	return sig
}

// stampTime builds the signing time of stampTimeRe's match, in the zone it
// gives (Vietnam's when none).
func stampTime(m []string) time.Time {
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	day, mon, year := n(m[1]), n(m[2]), n(m[3])
	offset := 7 * 3600
	if m[7] != "" {
		offset = (n(m[8])*60 + n(m[9])) * 60
		if m[7] == "-" {
			offset = -offset
		}
	}
	t := time.Date(year, time.Month(mon), day, n(m[4]), n(m[5]), n(m[6]), 0, time.FixedZone("", offset))
	if t.Day() != day || t.Month() != time.Month(mon) || year < 1990 {
		return time.Time{}
	}
	return t
}

// takeStamps takes the signature stamps off a page's text layer: each
// block that is a stamp is read and leaves the page.
func takeStamps(p page) (page, []chidao.Signature) {
	blocks := map[int][]string{}
	var order []int
	for _, l := range p.lines {
		if _, ok := blocks[l.block]; !ok {
			order = append(order, l.block)
		}
		blocks[l.block] = append(blocks[l.block], l.text())
	}
	var sigs []chidao.Signature
	stamp := map[int]bool{}
	for _, b := range order {
		if isStamp(blocks[b]) {
			stamp[b] = true
			sigs = append(sigs, readStamp(blocks[b]))
		}
	}
	p.lines = slices.DeleteFunc(slices.Clone(p.lines), func(l line) bool { return stamp[l.block] })
	return p, sigs
}
