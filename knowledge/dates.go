package knowledge

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"chidao"
)

// dateScan is one text being read for its deadline's candidates (see
// deadlineCandidates): the folded text, its words, what it is read
// against, and what was found so far.
type dateScan struct {
	f         folded
	s         string // f.text
	ws        wordIndex
	digits    bool // the text holds a digit
	c         dateContext
	periods   bool // a period's end and an event's day are candidates too
	cands     []candidate
	recurSpan [2]int // the words of the recurring day, not read again as a date
}

// consider adds a candidate unless the date cannot be the text's
// deadline: invalid, opening a clause about the past, or before the issue
// (a date without a year before the issue may be next year's, within half
// a year).
func (sc *dateScan) consider(d deadline, at, end, tier int, yearless bool) {
	if !d.date.Valid() || pastClause(sc.s, at) {
		return
	}
	// A date before the issue is no deadline, unless the text sets it in
	// so many words, year and all ("hoàn thành trước ngày 21/11/2022" in a
	// text of 2023: the text's slip, told as written).
	if c := sc.c; !c.issued.IsZero() && d.date.Before(c.issued) && (yearless || tier != tierDue) {
		if !yearless || tier == tierBare {
			return
		}
		next := d.date
		next.Year++
		if !next.Valid() || next.After(c.issued.AddDays(183)) {
			return
		}
		d.date = next
	}
	sc.cands = append(sc.cands, candidate{deadline: d, at: at, end: end, tier: tier})
}

// inRecur reports whether folded offset i is in the recurring day's words.
func (sc *dateScan) inRecur(i int) bool {
	return sc.recurSpan[0] >= 0 && i >= sc.recurSpan[0] && i < sc.recurSpan[1]
}

// recurrence reads how often the text's task falls due: a day of every
// month ("trước ngày 20 hằng tháng"), or a period's words ("hằng quý",
// "thường xuyên") with the day of the next month or of the period they
// give.
func (sc *dateScan) recurrence() deadline {
	var m []int
	if sc.digits && strings.Contains(sc.s, "thang") {
		m = firstAt(recurDayRe, sc.s, sc.ws, recurDayOpen, "thang")
	}
	if m != nil {
		dl := deadline{recur: chidao.RecurMonthly, kind: chidao.DeadlineBy, text: sc.f.quote(m[0], m[1])}
		dl.recurDay, _ = strconv.Atoi(sc.s[m[4]:m[5]])
		if m[2] >= 0 {
			dl.kind = chidao.DeadlineBefore
		}
		sc.recurSpan = [2]int{m[0], m[1]}
		return dl
	}
	dl, at := sc.recurWords()
	if dl.recur == chidao.RecurMonthly && sc.digits && (strings.Contains(sc.s, "sau") || strings.Contains(sc.s, "tiep")) {
		sc.nextMonthDay(&dl, at)
	}
	if sc.digits && strings.Contains(sc.s, "thang") && (strings.Contains(sc.s, "cuoi") || strings.Contains(sc.s, "dau")) {
		sc.periodDay(&dl, at)
	}
	return dl
}

// recurRules are the words of a recurrence, tried in order.
var recurRules = [...]struct {
	re    *regexp.Regexp
	need  string
	open  func(string) bool
	recur string
}{{weeklyRe, "tuan", periodOpen, chidao.RecurWeekly}, {monthlyRe, "thang", periodOpen, chidao.RecurMonthly},
	{quarterRe, "quy", periodOpen, chidao.RecurQuarterly}, {halfRe, "thang", halfOpen, chidao.RecurHalfYearly},
	{yearlyRe, "nam", periodOpen, chidao.RecurYearly}, {ongoingRe, "thuong xuyen", ongoingOpen, chidao.RecurOngoing}}

// recurWords reads the first recurrence's words ("hằng tháng", "định kỳ
// hằng quý", "thường xuyên") and where they start, -1 when none.
func (sc *dateScan) recurWords() (deadline, int) {
	for _, rc := range recurRules {
		if !strings.Contains(sc.s, rc.need) {
			continue
		}
		m := firstAt(rc.re, sc.s, sc.ws, rc.open, rc.need)
		if m == nil {
			continue
		}
		if rc.recur == chidao.RecurOngoing && strings.HasSuffix(strings.TrimRight(sc.s[:m[0]], " "), "giao duc") {
			continue // "Trung tâm Giáo dục thường xuyên" is a name
		}
		dl := deadline{recur: rc.recur, text: sc.f.quote(m[0], m[1])}
		if rc.recur != chidao.RecurOngoing {
			dl.kind = chidao.DeadlineBy
		}
		return dl, m[0]
	}
	return deadline{}, -1
}

// nextMonthDay reads the day of each month a monthly task falls due on
// in the next month: "hằng tháng, trước ngày 05 của tháng sau".
func (sc *dateScan) nextMonthDay(dl *deadline, recurAt int) {
	m := firstAt(nextMonthDayRe, sc.s, sc.ws, recurDayOpen, "thang")
	if m == nil {
		return
	}
	dl.recurDay, _ = strconv.Atoi(sc.s[m[4]:m[5]])
	if m[2] >= 0 {
		dl.kind = chidao.DeadlineBefore
	}
	from := m[0]
	if recurAt >= 0 && recurAt < m[0] && !strings.ContainsAny(sc.s[recurAt:m[0]], ".;\n") {
		from = recurAt
	}
	dl.text = sc.f.quote(from, m[1])
	sc.recurSpan = [2]int{m[0], m[1]}
}

// periodDay reads the day of a quarter or a half-year a task falls due
// on: "gửi trước ngày 15 của tháng cuối quý". A task has the day of the
// period's last month only (RecurDay): "ngày 10 tháng đầu quý (sau)" keeps
// its words and no day, so that it falls due at the end of the quarter.
func (sc *dateScan) periodDay(dl *deadline, recurAt int) {
	m := firstAt(periodDayRe, sc.s, sc.ws, recurDayOpen, "thang")
	if m == nil {
		return
	}
	recur, unit := dl.recur, sc.s[m[8]:m[9]]
	if unit == "quy" && recur == "" {
		recur = chidao.RecurQuarterly
	}
	if !(unit == "quy" && recur == chidao.RecurQuarterly || unit == "ky" && recur == chidao.RecurHalfYearly) {
		return
	}
	from := m[0]
	if dl.text != "" && recurAt < m[0] && !strings.ContainsAny(sc.s[recurAt:m[0]], ".;\n") {
		from = recurAt
	}
	dl.recur, dl.recurDay, dl.kind = recur, 0, chidao.DeadlineBy
	if sc.s[m[6]:m[7]] == "cuoi" {
		dl.recurDay, _ = strconv.Atoi(sc.s[m[4]:m[5]])
		if m[2] >= 0 {
			dl.kind = chidao.DeadlineBefore
		}
	}
	dl.text = sc.f.quote(from, m[1])
	sc.recurSpan = [2]int{m[0], m[1]}
}

// dueDates reads the dates after a deadline's words: "trước ngày
// 15/8/2025", "chậm nhất 17 giờ ngày 15/8", "đến hết ngày 30/11"; with
// periods set, a period's end ("từ … đến ngày 30/10") too.
func (sc *dateScan) dueDates() {
	s := sc.s
	for _, m := range findAt(dueDateRe, s, sc.ws, dueDateOpen, "#", -1) {
		if sc.inRecur(m[0]) {
			continue
		}
		opener := s[m[2]:m[3]]
		tier := openerTier(s, m[0], opener)
		if notDueBefore(s, m[0], opener) || strings.HasPrefix(opener, "ket thuc") {
			if !sc.periods || strings.HasSuffix(strings.TrimRight(s[max(0, m[0]-8):m[0]], " "), "tinh") {
				continue
			}
			tier = tierPeriod
		}
		d, ok := dateFrom(s, m[4:], sc.c.year)
		if !ok {
			continue
		}
		kind := chidao.DeadlineBy
		dateAt := m[4]
		if dateAt < 0 {
			dateAt = m[10] // "15 tháng 8"
		}
		if strings.Contains(opener, "truoc") && (dateAt < m[3] || !timeBefore.MatchString(s[m[3]:dateAt])) {
			// "trước 17 giờ ngày 15/8" leaves that day to work in.
			kind = chidao.DeadlineBefore
		}
		yearless := m[8] < 0 && m[14] < 0
		sc.consider(deadline{date: d, kind: kind, text: sc.f.quote(m[0], m[1])}, m[0], m[1], tier, yearless)
	}
}

// A spanRule is one form of a deadline that is a span of the calendar: a
// month ("trong tháng 6/2025"), a quarter ("trước quý IV"), a year ("hết
// năm 2025"). span returns the span's first and last days from a match,
// and whether the match named its year.
type spanRule struct {
	name   string
	re     *regexp.Regexp
	need   string
	digits bool // the rule needs a digit in the text
	span   func(s string, m []int, year int) (first, last chidao.Date, named, ok bool)
}

// spanRules are the spans a deadline may be, in the order they are read
// (fixtures in parser_test.go).
var spanRules = []spanRule{
	{"month", dueMonthRe, "thang", true, func(s string, m []int, year int) (chidao.Date, chidao.Date, bool, bool) {
		mon, _ := strconv.Atoi(s[m[4]:m[5]])
		y, named := spanYear(s, m, year)
		if y == 0 || mon < 1 || mon > 12 {
			return chidao.Date{}, chidao.Date{}, false, false
		}
		return chidao.NewDate(y, time.Month(mon), 1), chidao.NewDate(y, time.Month(mon)+1, 0), named, true
	}},
	{"quarter", dueQtrRe, "quy", false, func(s string, m []int, year int) (chidao.Date, chidao.Date, bool, bool) {
		q := quarterNumber(s[m[4]:m[5]])
		y, named := spanYear(s, m, year)
		if y == 0 || q == 0 {
			return chidao.Date{}, chidao.Date{}, false, false
		}
		return chidao.NewDate(y, time.Month(3*q-2), 1), chidao.NewDate(y, time.Month(3*q)+1, 0), named, true
	}},
	{"year", dueYearRe, "nam", true, func(s string, m []int, _ int) (chidao.Date, chidao.Date, bool, bool) {
		y, _ := strconv.Atoi(s[m[4]:m[5]])
		return chidao.NewDate(y, time.January, 1), chidao.NewDate(y, time.December, 31), true, true
	}},
}

// spanYear returns the year a span's match names (its group 3), else the
// directive's, and whether the match named it.
func spanYear(s string, m []int, year int) (int, bool) {
	if len(m) > 7 && m[6] >= 0 {
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		return y, true
	}
	return year, false
}

// spans reads the deadlines of one span rule: due by the span's last day,
// or before its first after "trước"; a span things are counted in ("hồ sơ
// tiếp nhận trong năm 2024") or ending a period is none.
func (sc *dateScan) spans(r spanRule) {
	s := sc.s
	if r.digits && !sc.digits || !strings.Contains(s, r.need) {
		return
	}
	for _, m := range findAt(r.re, s, sc.ws, dueMonthOpen, r.need, -1) {
		opener := s[m[2]:m[3]]
		if notDueBefore(s, m[0], opener) || opener == "trong" && scopeBefore(s, m[0]) {
			continue
		}
		first, last, named, ok := r.span(s, m, sc.c.year)
		if !ok {
			continue
		}
		d, kind := last, chidao.DeadlineBy
		if opener == "truoc" {
			d, kind = first, chidao.DeadlineBefore
		}
		sc.consider(deadline{date: d, kind: kind, text: sc.f.quote(m[0], m[1])}, m[0], m[1], openerTier(s, m[0], opener), !named && r.name != "year")
	}
}

// dueParts reads a part of a year: "6 tháng đầu năm", "9 tháng cuối năm
// 2025", due by its last day.
func (sc *dateScan) dueParts() {
	s := sc.s
	for _, m := range findAt(duePartRe, s, sc.ws, duePartOpen, "thang", -1) {
		n := 0
		switch w := s[m[2]:m[3]]; w {
		case "sau":
			n = 6
		case "chin":
			n = 9
		default:
			n, _ = strconv.Atoi(w)
		}
		y := sc.c.year
		if m[6] >= 0 {
			y, _ = strconv.Atoi(s[m[6]:m[7]])
		}
		if y == 0 || n < 1 || n > 12 {
			continue
		}
		end := time.Month(n)
		if s[m[4]:m[5]] == "cuoi" {
			end = time.December
		}
		sc.consider(deadline{date: chidao.NewDate(y, end+1, 0), kind: chidao.DeadlineBy, text: sc.f.quote(m[0], m[1])}, m[0], m[1], tierWithin, false)
	}
}

// bareDates reads the dates standing alone, when nothing else gave a
// candidate: the day something happens, no deadline, which answers a
// question asking that day (see partDeadline). After "từ", "đến", "hết"
// the date was read with the words before it, or opens a period; a
// document cited just before it owns it.
func (sc *dateScan) bareDates() {
	s := sc.s
	for _, m := range findAt(bareDateRe, s, sc.ws, ngayOpen, "#", -1) {
		prev := withoutWeekday(strings.TrimSpace(s[max(0, m[0]-20):m[0]]))
		if sc.inRecur(m[0]) || citedRe.MatchString(s[max(0, m[0]-60):m[0]]) ||
			strings.HasSuffix(prev, "tu") || strings.HasSuffix(prev, "den") || strings.HasSuffix(prev, "het") {
			continue
		}
		d, ok := dateFrom(s, m[2:], sc.c.year)
		if !ok {
			continue
		}
		sc.consider(deadline{date: d, kind: chidao.DeadlineBy, text: sc.f.quote(m[0], m[1])}, m[0], m[1], tierBare, false)
	}
}
