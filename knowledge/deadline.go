package knowledge

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"chidao"
)

// folded is a text folded (lower case, no diacritics) with a map from each
// byte of the folded form back to the original, so that what a pattern
// finds in the folded form can be quoted as written.
type folded struct {
	orig string
	text string
	pos  []int32 // pos[i] is the offset in orig of folded byte i; pos[len(text)] = len(orig)
}

// at returns the offset in orig of folded byte i.
func (f folded) at(i int) int { return int(f.pos[i]) }

func foldMapped(s string) folded {
	var b strings.Builder
	b.Grow(len(s))
	pos := make([]int32, 0, len(s)+1)
	for i := 0; i < len(s); {
		// A run of ASCII: lower case, one byte for one.
		j, upper := i, false
		for j < len(s) && s[j] < utf8.RuneSelf {
			upper = upper || 'A' <= s[j] && s[j] <= 'Z'
			j++
		}
		if j > i {
			if upper {
				for k := i; k < j; k++ {
					c := s[k]
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					b.WriteByte(c)
				}
			} else {
				b.WriteString(s[i:j])
			}
			for k := i; k < j; k++ {
				pos = append(pos, int32(k))
			}
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if f := foldRune(r); f >= 0 {
			n, _ := b.WriteRune(f)
			for range n {
				pos = append(pos, int32(i))
			}
		}
		i += size
	}
	pos = append(pos, int32(len(s)))
	return folded{orig: s, text: b.String(), pos: pos}
}

// quote returns the original text of folded bytes [i, j).
func (f folded) quote(i, j int) string { return strings.TrimSpace(f.orig[f.at(i):f.at(j)]) }

const (
	reDMY   = `(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?`
	reWords = `(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*,?\s*nam\s+(\d{4}))?`
	reTime  = `(?:(?:\d{1,2}\s*(?:gio|h)\s*(?:\d{2}\s*(?:phut|')?)?|\d{1,2}:\d{2})\s*,?\s*(?:ngay\s*)?)?`
)

// The deadline patterns, anchored (see findAt), each with the words a match
// opens with.
var (
	// A deadline date after a word saying when it falls due.
	dueDateRe = anchored(`\b(truoc|cham nhat(?:\s+(?:la|vao|den|truoc))*|den(?:\s+het)?|han chot(?:\s+la)?|thoi han(?:\s+hoan thanh)?(?:\s+la)?\s*:?|trong|hoan thanh(?:\s+vao)?|xong)\s*(?:ngay\s*)?` + reTime + `(?:` + reDMY + `|` + reWords + `)`)
	// A bare date: "ngày 15 tháng 3 năm 2025", "ngày 15/3/2025".
	bareDateRe = anchored(`\bngay\s*` + `(?:` + reDMY + `|` + reWords + `)`)
	dueMonthRe = anchored(`\b(trong|truoc|cham nhat(?:\s+(?:la|trong))?|den(?:\s+het)?|het)\s+thang\s+(\d{1,2})(?:\s*(?:/|nam)\s*(\d{4}))?`)
	dueQtrRe   = anchored(`\b(trong|truoc|cham nhat(?:\s+(?:la|trong))?|den(?:\s+het)?|het)\s+quy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|nam)\s*(\d{4}))?`)
	dueYearRe  = anchored(`\b(trong|truoc|den(?:\s+het)?|het)\s+nam\s+(\d{4})`)
	duePartRe  = anchored(`\b(?:trong\s+)?(\d{1,2}|sau|chin)\s+thang\s+(dau|cuoi)\s+nam(?:\s+(\d{4}))?`)
	// A document cited just before a date: "227/TB-UBND ngày", "số 12 ngày".
	citedRe = regexp.MustCompile(`(\d+\s*/\s*(?:\d{4}\s*/\s*)?[a-z0-9&\-]*[a-z][a-z0-9&\-]*|\bso\s+\S+|ban hanh|\bky)\s*,?\s*$`)

	recurDayRe = anchored(`\b(truoc\s+)?ngay\s+(\d{1,2})\s+(?:hang|moi|cac)\s+thang`)
	weeklyRe   = anchored(`\b(?:dinh ky\s+)?(?:hang|moi)\s+tuan\b`)
	monthlyRe  = anchored(`\b(?:dinh ky\s+)?(?:hang|moi)\s+thang\b`)
	quarterRe  = anchored(`\b(?:dinh ky\s+)?(?:hang|moi)\s+quy\b|\bdinh ky\s+(?:theo\s+)?quy\b`)
	halfRe     = anchored(`\bdinh ky\s+(?:06|6|sau)\s+thang\b|\b(?:06|6)\s+thang\s+(?:mot|1)\s+lan\b`)
	yearlyRe   = anchored(`\b(?:dinh ky\s+)?(?:hang|moi)\s+nam\b`)
	ongoingRe  = anchored(`\bthuong xuyen\b`)
)

// The words the deadline patterns open with, tried on the run of letters
// or digits a match starts with (see findAt). The words may run on without
// a space ("trướcngày"), so a run opening with one of them will do.

func dueDateOpen(w string) bool {
	switch w[0] {
	case 't':
		return hasPrefixAny(w, "truoc", "thoi", "trong")
	case 'c':
		return strings.HasPrefix(w, "cham")
	case 'd':
		return strings.HasPrefix(w, "den")
	case 'h':
		return hasPrefixAny(w, "han", "hoan")
	case 'x':
		return strings.HasPrefix(w, "xong")
	}
	return false
}

func dueMonthOpen(w string) bool {
	switch w[0] {
	case 't':
		return hasPrefixAny(w, "trong", "truoc")
	case 'c':
		return strings.HasPrefix(w, "cham")
	case 'd':
		return strings.HasPrefix(w, "den")
	case 'h':
		return strings.HasPrefix(w, "het")
	}
	return false
}

func duePartOpen(w string) bool {
	switch w[0] {
	case 't':
		return strings.HasPrefix(w, "trong")
	case 's':
		return strings.HasPrefix(w, "sau")
	case 'c':
		return strings.HasPrefix(w, "chin")
	}
	return isDigitByte(w[0])
}

func recurDayOpen(w string) bool {
	return w[0] == 't' && strings.HasPrefix(w, "truoc") || w[0] == 'n' && strings.HasPrefix(w, "ngay")
}

func periodOpen(w string) bool {
	switch w[0] {
	case 'd':
		return strings.HasPrefix(w, "dinh")
	case 'h':
		return strings.HasPrefix(w, "hang")
	case 'm':
		return strings.HasPrefix(w, "moi")
	}
	return false
}

func halfOpen(w string) bool { return w[0] == 'd' && strings.HasPrefix(w, "dinh") || isDigitByte(w[0]) }

func ngayOpen(w string) bool { return w[0] == 'n' && strings.HasPrefix(w, "ngay") }

func ongoingOpen(w string) bool { return w[0] == 't' && strings.HasPrefix(w, "thuong") }

// deadline is what a task's text says about when it falls due.
type deadline struct {
	date     chidao.Date
	kind     chidao.DeadlineKind
	text     string
	recur    string
	recurDay int
}

// findDeadline reads the deadline of a task's text; year is the directive's
// year, given to dates written without one (0 when unknown).
func findDeadline(text string, year int) deadline { return foldedDeadline(foldMapped(text), year) }

// foldedDeadline is findDeadline of a text folded with foldMapped.
func foldedDeadline(f folded, year int) deadline {
	s := f.text
	ws := wordsOf(s)
	digits := strings.ContainsAny(s, "0123456789")
	var best deadline
	bestAt := -1
	consider := func(d deadline, at int) {
		if !d.date.Valid() {
			return
		}
		if best.date.IsZero() || d.date.Before(best.date) {
			best, bestAt = d, at
		}
	}
	// Recurrence first: "trước ngày 20 hằng tháng" is a day of every month.
	var dl deadline
	recurSpan := [2]int{-1, -1}
	var m []int
	if digits && strings.Contains(s, "thang") {
		m = firstAt(recurDayRe, s, ws, recurDayOpen, "thang")
	}
	if m != nil {
		dl.recur = chidao.RecurMonthly
		dl.recurDay, _ = strconv.Atoi(f.text[m[4]:m[5]])
		dl.kind = chidao.DeadlineBy
		if m[2] >= 0 {
			dl.kind = chidao.DeadlineBefore
		}
		dl.text = f.quote(m[0], m[1])
		recurSpan = [2]int{m[0], m[1]}
	} else {
		for _, rc := range [...]struct {
			re    *regexp.Regexp
			need  string
			open  func(string) bool
			recur string
		}{{weeklyRe, "tuan", periodOpen, chidao.RecurWeekly}, {monthlyRe, "thang", periodOpen, chidao.RecurMonthly},
			{quarterRe, "quy", periodOpen, chidao.RecurQuarterly}, {halfRe, "thang", halfOpen, chidao.RecurHalfYearly},
			{yearlyRe, "nam", periodOpen, chidao.RecurYearly}, {ongoingRe, "thuong xuyen", ongoingOpen, chidao.RecurOngoing}} {
			if !strings.Contains(s, rc.need) {
				continue
			}
			if m := firstAt(rc.re, s, ws, rc.open, rc.need); m != nil {
				dl.recur = rc.recur
				dl.text = f.quote(m[0], m[1])
				if rc.recur != chidao.RecurOngoing {
					dl.kind = chidao.DeadlineBy
				}
				break
			}
		}
	}
	inRecur := func(i int) bool { return recurSpan[0] >= 0 && i >= recurSpan[0] && i < recurSpan[1] }

	var dates, months, quarters, years, parts, bare [][]int
	if digits {
		dates = findAt(dueDateRe, s, ws, dueDateOpen, "#", -1)
		if strings.Contains(s, "thang") {
			months = findAt(dueMonthRe, s, ws, dueMonthOpen, "thang", -1)
			parts = findAt(duePartRe, s, ws, duePartOpen, "thang", -1)
		}
		if strings.Contains(s, "nam") {
			years = findAt(dueYearRe, s, ws, dueMonthOpen, "nam", -1)
		}
	}
	if strings.Contains(s, "quy") {
		quarters = findAt(dueQtrRe, s, ws, dueMonthOpen, "quy", -1)
	}
	for _, m := range dates {
		if inRecur(m[0]) {
			continue
		}
		d, ok := dateFrom(f.text, m[4:], year)
		if !ok {
			continue
		}
		kind := chidao.DeadlineBy
		if strings.Contains(f.text[m[2]:m[3]], "truoc") {
			kind = chidao.DeadlineBefore
		}
		consider(deadline{date: d, kind: kind, text: f.quote(m[0], m[1])}, m[0])
	}
	for _, m := range months {
		mon, _ := strconv.Atoi(f.text[m[4]:m[5]])
		y := year
		if m[6] >= 0 {
			y, _ = strconv.Atoi(f.text[m[6]:m[7]])
		}
		if y == 0 || mon < 1 || mon > 12 {
			continue
		}
		d := chidao.NewDate(y, time.Month(mon)+1, 0)
		kind := chidao.DeadlineBy
		if f.text[m[2]:m[3]] == "truoc" {
			d, kind = chidao.NewDate(y, time.Month(mon), 1), chidao.DeadlineBefore
		}
		consider(deadline{date: d, kind: kind, text: f.quote(m[0], m[1])}, m[0])
	}
	for _, m := range quarters {
		q := quarterNumber(f.text[m[4]:m[5]])
		y := year
		if m[6] >= 0 {
			y, _ = strconv.Atoi(f.text[m[6]:m[7]])
		}
		if y == 0 || q == 0 {
			continue
		}
		d := chidao.NewDate(y, time.Month(3*q)+1, 0)
		kind := chidao.DeadlineBy
		if f.text[m[2]:m[3]] == "truoc" {
			d, kind = chidao.NewDate(y, time.Month(3*q-2), 1), chidao.DeadlineBefore
		}
		consider(deadline{date: d, kind: kind, text: f.quote(m[0], m[1])}, m[0])
	}
	for _, m := range years {
		y, _ := strconv.Atoi(f.text[m[4]:m[5]])
		d, kind := chidao.NewDate(y, time.December, 31), chidao.DeadlineBy
		if f.text[m[2]:m[3]] == "truoc" {
			d, kind = chidao.NewDate(y, time.January, 1), chidao.DeadlineBefore
		}
		consider(deadline{date: d, kind: kind, text: f.quote(m[0], m[1])}, m[0])
	}
	for _, m := range parts {
		n := 0
		switch w := f.text[m[2]:m[3]]; w {
		case "sau":
			n = 6
		case "chin":
			n = 9
		default:
			n, _ = strconv.Atoi(w)
		}
		y := year
		if m[6] >= 0 {
			y, _ = strconv.Atoi(f.text[m[6]:m[7]])
		}
		if y == 0 || n < 1 || n > 12 {
			continue
		}
		end := time.Month(n)
		if f.text[m[4]:m[5]] == "cuoi" {
			end = time.December
		}
		consider(deadline{date: chidao.NewDate(y, end+1, 0), kind: chidao.DeadlineBy, text: f.quote(m[0], m[1])}, m[0])
	}
	if bestAt < 0 && digits && strings.Contains(s, "ngay") {
		bare = findAt(bareDateRe, s, ws, ngayOpen, "#", -1)
	}
	if bestAt < 0 {
		for _, m := range bare {
			if inRecur(m[0]) || citedRe.MatchString(f.text[max(0, m[0]-60):m[0]]) ||
				strings.HasSuffix(strings.TrimSpace(f.text[max(0, m[0]-8):m[0]]), "tu") {
				continue
			}
			d, ok := dateFrom(f.text, m[2:], year)
			if !ok {
				continue
			}
			consider(deadline{date: d, kind: chidao.DeadlineBy, text: f.quote(m[0], m[1])}, m[0])
		}
	}
	if bestAt < 0 {
		return dl
	}
	best.recur, best.recurDay = dl.recur, dl.recurDay
	if best.recur != "" && dl.recurDay > 0 {
		best.recur, best.recurDay = dl.recur, dl.recurDay
	}
	return best
}

// dateFrom reads a date from the submatch indexes of reDMY then reWords (six
// pairs: day, month, year of each).
func dateFrom(s string, idx []int, year int) (chidao.Date, bool) {
	num := func(k int) int {
		if idx[2*k] < 0 {
			return -1
		}
		n, _ := strconv.Atoi(s[idx[2*k]:idx[2*k+1]])
		return n
	}
	base := 0
	if num(0) < 0 {
		base = 3
	}
	d, m, y := num(base), num(base+1), num(base+2)
	if y < 0 {
		y = year
	}
	if d < 1 || m < 1 || m > 12 || y < 1900 {
		return chidao.Date{}, false
	}
	date := chidao.Date{Year: y, Month: time.Month(m), Day: d}
	return date, date.Valid()
}

func quarterNumber(s string) int {
	switch s {
	case "i", "1":
		return 1
	case "ii", "2":
		return 2
	case "iii", "3":
		return 3
	case "iv", "4":
		return 4
	}
	return 0
}
