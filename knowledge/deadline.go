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
	// reWeekday is the day of the week written before a date: "đến hết
	// thứ Sáu, ngày 20/02/2026".
	reWeekday = `(?:(?:thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|chu nhat)\s*,?\s*)?`
	reTime    = `(?:(?:\d{1,2}\s*(?:gio|h)\s*(?:\d{2}\s*(?:phut|')?)?|\d{1,2}:\d{2})\s*,?\s*(?:ngay\s*)?)?`
)

// The deadline patterns, anchored (see findAt), each with the words a match
// opens with.
var (
	// A deadline date after a word saying when it falls due.
	// "Hạn chót nộp báo cáo: ngày 30/11", "Thời hạn hoàn thành: 15/12":
	// a few words between the word and a colon.
	dueDateRe = anchored(`\b(truoc|cham nhat(?:\s+(?:la|vao|den|truoc))*|khong (?:qua|muon hon|cham hon)|den(?:\s+het)?|(?:han chot|thoi han|han nop|han gui)(?:\s+[a-z]+){0,6}\s*:|han chot(?:\s+la)?|thoi han(?:\s+hoan thanh)?(?:\s+la)?\s*:?|thoi gian hoan thanh(?:\s+la)?\s*:?|trong|hoan thanh(?:\s+vao)?|xong|ket thuc(?:\s+vao)?)\s*` + reWeekday + `(?:ngay\s*)?` + reTime + `(?:` + reDMY + `|` + reWords + `)`)
	// A bare date: "ngày 15 tháng 3 năm 2025", "ngày 15/3/2025".
	bareDateRe = anchored(`\bngay\s*` + `(?:` + reDMY + `|` + reWords + `)`)
	dueMonthRe = anchored(`\b(thoi (?:han|gian hoan thanh)(?:\s+la)?\s*:\s*(?:trong\s+)?|trong|truoc|cham nhat(?:\s+(?:la|trong))?|den(?:\s+het)?|het)\s+thang\s+(\d{1,2})(?:\s*(?:/|nam)\s*(\d{4}))?`)
	dueQtrRe   = anchored(`\b(thoi (?:han|gian hoan thanh)(?:\s+la)?\s*:\s*(?:trong\s+)?|trong|truoc|cham nhat(?:\s+(?:la|trong))?|den(?:\s+het)?|het)\s+quy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|nam)\s*(\d{4}))?`)
	dueYearRe  = anchored(`\b(trong|truoc|den(?:\s+het)?|het)\s+nam\s+(\d{4})`)
	duePartRe  = anchored(`\b(?:trong\s+)?(\d{1,2}|sau|chin)\s+thang\s+(dau|cuoi)\s+nam(?:\s+(\d{4}))?`)
	// A document cited just before a date: "227/TB-UBND ngày", "số 12 ngày".
	citedRe = regexp.MustCompile(`(\d+\s*/\s*(?:\d{4}\s*/\s*)?[a-z0-9&\-]*[a-z][a-z0-9&\-]*|\bso\s+\S+|ban hanh|\bky)\s*,?\s*$`)

	recurDayRe = anchored(`\b(truoc\s+)?ngay\s+(\d{1,2})\s+(?:hang|moi|cac)\s+thang`)
	// The day of a month of a period: "trước ngày 15 của tháng cuối quý",
	// "trước ngày 10 tháng đầu quý sau".
	// The day of the next month a monthly report falls due: "hằng tháng
	// trước ngày 05 của tháng sau".
	nextMonthDayRe = anchored(`\b(truoc\s+)?ngay\s+(\d{1,2})\s+(?:cua\s+)?thang\s+(?:sau|ke tiep|tiep theo)\b`)
	periodDayRe    = anchored(`\b(truoc\s+)?ngay\s+(\d{1,2})\s+(?:cua\s+)?thang\s+(cuoi|dau)\s+(?:cua\s+)?(?:moi\s+|hang\s+)?(quy|ky)\b(?:\s+(?:sau|tiep theo|ke tiep)\b)?`)
	weeklyRe       = anchored(`\b(?:dinh ky\s+)?(?:hang|moi)\s+tuan\b`)
	monthlyRe      = anchored(`\b(?:dinh ky\s+)?(?:hang|moi)\s+thang\b`)
	quarterRe      = anchored(`\b(?:dinh ky\s+)?(?:hang|moi)\s+quy\b|\bdinh ky\s+(?:theo\s+)?quy\b`)
	halfRe         = anchored(`\bdinh ky\s+(?:06|6|sau)\s+thang\b|\b(?:06|6)\s+thang\s+(?:mot|1)\s+lan\b`)
	yearlyRe       = anchored(`\b(?:dinh ky\s+)?(?:hang|moi)\s+nam\b`)
	ongoingRe      = anchored(`\bthuong xuyen\b`)
	// relativeRe finds a time counted from an event: "trong 05 ngày làm
	// việc kể từ ngày nhận được văn bản", "chậm nhất 10 ngày sau khi …".
	relativeRe = regexp.MustCompile(`\b(?:trong(?: vong)?|cham nhat|khong qua)\s+(?:\d{1,3}|mot|hai|ba|bon|nam|bay|muoi|muoi lam)\s+(?:\(\S+\)\s+)?(?:ngay(?: lam viec)?|tuan|thang)\s+(?:ke tu|tinh tu|sau khi)\b[^.;\n]{0,60}`)
	// timeBefore finds an hour between a deadline's word and its date.
	timeBefore = regexp.MustCompile(`\d\s*(?:gio|h)\b|\d:\d`)
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
	case 'k':
		return hasPrefixAny(w, "khong", "ket")
	}
	return false
}

func dueMonthOpen(w string) bool {
	switch w[0] {
	case 't':
		return hasPrefixAny(w, "trong", "truoc", "thoi")
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
	role     dateRole
}

// A dateRole is what a date of a task's text is to the task.
type dateRole uint8

const (
	roleDeadline  dateRole = iota // when it falls due
	roleEvent                     // the day something happens: "khai giảng ngày 05/9"
	rolePeriodEnd                 // the end of a period: "treo cờ từ ngày 08/02 đến hết ngày 14/02"
)

// set reports whether the deadline gives a date or a recurrence.
func (dl deadline) set() bool { return !dl.date.IsZero() || dl.recur != "" }

// dateContext is what the directive says that the dates in its tasks are
// read against: its year, given to dates written without one (0 when
// unknown), and its date of issue, before which nothing falls due (zero
// when unknown).
type dateContext struct {
	year   int
	issued chidao.Date
}

// The strength of the words governing a date, strongest first: a task
// with several dates falls due on the earliest of its strongest.
const (
	tierDue    = iota // "trước ngày", "chậm nhất", "hạn chót", "hoàn thành …"
	tierWithin        // "trong tháng 6", "đến ngày 30/6", "6 tháng đầu năm"
	tierBare          // a date alone: "tổ chức ngày 15/3/2025", an event's day (with periods set only)
	tierPeriod        // the end of a period: "từ ngày 03/9 đến ngày 30/10" (with periods set only)
)

// candidate is one date in a task's text that may be its deadline: the
// deadline it gives, where it stands in the folded text and how strong
// the words governing it are.
type candidate struct {
	deadline
	at, end int
	tier    int
}

// findDeadline reads the deadline of a task's text.
func findDeadline(text string, c dateContext) deadline { return foldedDeadline(foldMapped(text), c) }

// foldedDeadline is findDeadline of a text folded with foldMapped: the
// earliest date among those governed by the strongest words, with the
// recurrence the text states.
func foldedDeadline(f folded, c dateContext) deadline {
	cands, dl := deadlineCandidates(f, c, false)
	best := -1
	for i, x := range cands {
		if best < 0 || x.tier < cands[best].tier || x.tier == cands[best].tier && x.date.Before(cands[best].date) {
			best = i
		}
	}
	if best < 0 {
		// "trong 05 ngày làm việc kể từ ngày nhận được văn bản": a time
		// from an event, no date; its words tell the reader.
		if dl.recur == "" && dl.text == "" && hasAnyOf(f.text, "ke tu", "tinh tu", "sau khi") {
			if m := relativeRe.FindStringIndex(f.text); m != nil {
				dl.text = f.quote(m[0], m[1])
			}
		}
		return dl
	}
	out := cands[best].deadline
	out.recur, out.recurDay = dl.recur, dl.recurDay
	return out
}

// deadlineCandidates returns the dates of a text that may be its deadline,
// in no particular order, and the recurrence the text states (a deadline
// with no date: "trước ngày 20 hằng tháng", "định kỳ hằng quý"). A date
// that cannot be a deadline is left out: the date of a document cited
// ("227/TB-UBND ngày 25/5/2024"), the start or the end of a period ("từ
// ngày 03/9 đến ngày 30/10"), a date things are counted to ("tính đến
// ngày 31/7"), a date a clause about the past opens with ("Trong tháng 8,
// các đơn vị đã …") and a date before the directive was issued. A date
// written without a year that falls before the issue takes the next year
// when that puts it within half a year after the issue ("trước ngày 10/01"
// in a December directive).
//
// With periods set, the end of a period ("đến ngày 30/10" after "từ ngày
// 03/9") is a candidate too, the weakest (see partDeadline).
func deadlineCandidates(f folded, c dateContext, periods bool) ([]candidate, deadline) {
	sc := &dateScan{f: f, s: f.text, ws: wordsOf(f.text), digits: strings.ContainsAny(f.text, "0123456789"), c: c,
		periods: periods, recurSpan: [2]int{-1, -1}}
	dl := sc.recurrence()
	if sc.digits {
		sc.dueDates()
	}
	for _, r := range spanRules {
		sc.spans(r)
	}
	if sc.digits && strings.Contains(sc.s, "thang") {
		sc.dueParts()
	}
	if len(sc.cands) == 0 && periods && sc.digits && strings.Contains(sc.s, "ngay") {
		sc.bareDates()
	}
	return sc.cands, dl
}

// openerTier returns the strength of the word a date's match opens with
// (see tierDue): "trước", "chậm nhất", "hạn", "hoàn thành", "xong" name a
// deadline, and so do "trong", "đến", "hết" after "hoàn thành" or "xong";
// alone they name a time within which.
func openerTier(s string, at int, opener string) int {
	if hasPrefixAny(opener, "truoc", "cham", "han", "thoi han", "thoi gian hoan thanh", "hoan", "xong", "khong") {
		return tierDue
	}
	before := strings.TrimRight(s[max(0, at-16):at], " ,")
	if strings.HasSuffix(before, "hoan thanh") || strings.HasSuffix(before, "xong") || strings.HasSuffix(before, "han") {
		return tierDue
	}
	return tierWithin
}

// notDueBefore reports whether the words before a date's match, which
// opens with opener, make it something other than a deadline: the end of
// a period ("từ ngày 03/9 đến ngày 30/10", "từ tháng 3 đến tháng 6") or a
// date things are counted to ("tính đến ngày 31/7", "tính đến hết tháng 6").
func notDueBefore(s string, at int, opener string) bool {
	if !strings.HasPrefix(opener, "den") {
		return false
	}
	before := s[max(0, at-80):at]
	if strings.HasSuffix(strings.TrimRight(before, " "), "tinh") {
		return true
	}
	// "từ" opening the period, in the same clause.
	if k := strings.LastIndexAny(before, ".;\n"); k >= 0 {
		before = before[k+1:]
	}
	for i := 0; i+2 <= len(before); i++ {
		if before[i] == 't' && before[i+1] == 'u' && (i == 0 || !isWordByte(before[i-1])) {
			rest := strings.TrimLeft(before[i+2:], " ")
			if len(rest) < len(before[i+2:]) && (strings.HasPrefix(rest, "ngay") || strings.HasPrefix(rest, "thang") || weekdayRe.MatchString(rest) ||
				strings.HasPrefix(rest, "quy") || strings.HasPrefix(rest, "nam") || rest != "" && isDigitByte(rest[0])) {
				return true
			}
		}
	}
	return false
}

// weekdayRe and weekdayEndRe find the day of the week before a date,
// folded: at the start of the words after "từ", at the end of those before
// the date.
var (
	weekdayRe    = regexp.MustCompile(`^(?:thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|chu nhat)\b`)
	weekdayEndRe = regexp.MustCompile(`\s*,?\s*\b(?:thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|chu nhat)\s*,?$`)
)

// withoutWeekday returns the folded words before a date without the day of
// the week that ends them ("đến hết thứ Sáu," → "đến hết").
func withoutWeekday(s string) string {
	return strings.TrimRight(weekdayEndRe.ReplaceAllString(s, ""), " ")
}

// scopeBefore reports whether the words before a period opened by "trong"
// at folded offset at say which things it counts rather than when they fall
// due: "hồ sơ tiếp nhận trong năm 2024", "các vụ việc phát sinh trong
// tháng", "văn bản ban hành trong quý III".
func scopeBefore(s string, at int) bool {
	before := strings.TrimRight(s[max(0, at-24):at], " ")
	for _, w := range [...]string{"tiep nhan", "phat sinh", "ban hanh", "duoc giao", "da giao", "xay ra", "thu ly", "nhan duoc",
		"dang ky", "duoc cap", "da cap", "da thuc hien", "da hoan thanh", "dat duoc", "ky ket", "tuyen dung", "ke hoach von"} {
		if strings.HasSuffix(before, w) && (len(before) == len(w) || !isWordByte(before[len(before)-len(w)-1])) {
			return true
		}
	}
	return false
}

// pastClause reports whether a date at folded offset at opens a clause
// about the past: "Trong tháng 8 năm 2024, các cơ quan, đơn vị đã …".
func pastClause(s string, at int) bool {
	k := at - 1
	for k >= 0 && (s[k] == ' ' || s[k] == '-' || s[k] == '*') {
		k--
	}
	if k >= 0 && strings.IndexByte(".;:\n", s[k]) < 0 {
		return false
	}
	end := len(s)
	if e := strings.IndexAny(s[at:], ".;\n"); e >= 0 {
		end = at + e
	}
	clause := s[at:end]
	return hasWord(clause, "da") || hasWord(clause, "vua qua")
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
