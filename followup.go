package chidao

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Occurrence is one due date of a task: the only one of a one-off task, or
// one period of a recurring task ("trước ngày 20 hằng tháng" gives one per
// month).
type Occurrence struct {
	// Task is the ID of the task it belongs to.
	Task string `json:"task"`
	// Key names the period: "" for a one-off task, "2025-03" for a month,
	// "2025-Q1" for a quarter, "2025-H1" for a half-year, "2025-W07" for an
	// ISO week, "2025" for a year. Reports and reminder marks carry it.
	Key string `json:"key"`
	// Date is the deadline as written (the X of "trước ngày X"); zero when
	// the task has no deadline.
	Date Date `json:"date"`
	// Kind says whether the task is due when Date begins or when it ends.
	Kind DeadlineKind `json:"kind"`
}

// LastDay returns the last day on which the task can still be done in time:
// the day before Date for "before", Date itself for "by", the zero Date when
// there is no deadline.
func (o Occurrence) LastDay() Date {
	switch {
	case o.Date.IsZero():
		return Date{}
	case o.Kind == DeadlineBefore:
		return o.Date.AddDays(-1)
	default:
		return o.Date
	}
}

// DueAt returns the instant the occurrence falls due in loc: the start of
// Date for "before", the end of Date (the start of the next day) for "by",
// and the zero time when there is no deadline.
func (o Occurrence) DueAt(loc *time.Location) time.Time {
	if o.Date.IsZero() {
		return time.Time{}
	}
	return o.LastDay().AddDays(1).Start(loc)
}

// Period kinds a task's Recurrence words are read as.
const (
	periodNone = iota
	periodWeekly
	periodMonthly
	periodQuarterly
	periodHalfYearly
	periodYearly
)

// period reads a Recurrence as one of the period kinds, tolerating the usual
// variants ("hàng tháng", "định kỳ hằng quý", "6 tháng một lần").
func period(recurrence string) int {
	r := strings.ToLower(recurrence)
	switch {
	case r == "":
		return periodNone
	case strings.Contains(r, "thường xuyên"):
		return periodNone
	case strings.Contains(r, "tuần"):
		return periodWeekly
	case strings.Contains(r, "6 tháng"), strings.Contains(r, "sáu tháng"), strings.Contains(r, "nửa năm"):
		return periodHalfYearly
	case strings.Contains(r, "quý"), strings.Contains(r, "qúy"):
		return periodQuarterly
	case strings.Contains(r, "tháng"):
		return periodMonthly
	case strings.Contains(r, "năm"):
		return periodYearly
	}
	return periodNone
}

// subjectYearRe finds the year a plan covers in its subject ("năm 2025").
var subjectYearRe = regexp.MustCompile(`(?i)năm\s+((?:19|20)\d\d)\b`)

// maxOccurrences bounds the occurrences one call returns.
const maxOccurrences = 400

// Occurrences returns the task's occurrences whose Date lies in [from, to]
// (a zero bound leaves that side open), in date order. A one-off task has at
// most one, with Key ""; a deadline written without a year takes the
// directive's year. A recurring task has one per period: monthly on RecurDay
// (or the month's last day), quarterly and half-yearly on RecurDay of the
// period's last month (or its last day), weekly on Friday, yearly on the
// month and day of Deadline (none when there is no Deadline); "thường xuyên"
// has none. Recurring occurrences start after the issue date (or at the
// start of the directive's Year when the day is blank) and end with the
// year the plan covers: the directive's Year, or a later year named in the
// Subject ("năm 2025").
func (t Task) Occurrences(d *Directive, from, to Date) []Occurrence {
	kind := t.DeadlineKind
	if kind == DeadlineNone {
		kind = DeadlineBy
	}
	p := period(t.Recurrence)
	if p == periodNone {
		if strings.Contains(strings.ToLower(t.Recurrence), "thường xuyên") {
			return nil
		}
		date := t.Deadline
		if date.IsZero() {
			return nil
		}
		if date.Year == 0 {
			date.Year = directiveYear(d)
		}
		if !date.Valid() || !inRange(date, from, to) {
			return nil
		}
		return []Occurrence{{Task: t.ID, Date: date, Kind: kind}}
	}
	day := t.RecurDay
	if day == 0 && !t.Deadline.IsZero() {
		day = t.Deadline.Day
	}
	start, end, ok := planWindow(d)
	if !ok {
		return nil
	}
	if !from.IsZero() && from.After(start) {
		start = from
	}
	if !to.IsZero() && to.Before(end) {
		end = to
	}
	if end.Before(start) {
		return nil
	}
	var out []Occurrence
	add := func(key string, date Date) {
		if !date.Before(start) && !date.After(end) && len(out) < maxOccurrences {
			out = append(out, Occurrence{Task: t.ID, Key: key, Date: date, Kind: kind})
		}
	}
	switch p {
	case periodWeekly:
		fri := start
		for fri.Start(time.UTC).Weekday() != time.Friday {
			fri = fri.AddDays(1)
		}
		for ; !fri.After(end); fri = fri.AddDays(7) {
			y, w := fri.Start(time.UTC).ISOWeek()
			add(fmt.Sprintf("%04d-W%02d", y, w), fri)
		}
	case periodMonthly:
		for y := start.Year; y <= end.Year; y++ {
			for m := time.January; m <= time.December; m++ {
				add(fmt.Sprintf("%04d-%02d", y, int(m)), dayOfMonth(y, m, day))
			}
		}
	case periodQuarterly:
		for y := start.Year; y <= end.Year; y++ {
			for q := 1; q <= 4; q++ {
				add(fmt.Sprintf("%04d-Q%d", y, q), dayOfMonth(y, time.Month(3*q), day))
			}
		}
	case periodHalfYearly:
		for y := start.Year; y <= end.Year; y++ {
			for h := 1; h <= 2; h++ {
				add(fmt.Sprintf("%04d-H%d", y, h), dayOfMonth(y, time.Month(6*h), day))
			}
		}
	case periodYearly:
		if t.Deadline.IsZero() {
			return nil
		}
		for y := start.Year; y <= end.Year; y++ {
			add(strconv.Itoa(y), dayOfMonth(y, t.Deadline.Month, t.Deadline.Day))
		}
	}
	if p != periodYearly && t.RecurDay != 0 && !t.Deadline.IsZero() {
		// A recurring task that also has a dated obligation of its own ("báo
		// cáo hằng tháng trước ngày 10; sơ kết 6 tháng trước ngày 15/6"): the
		// dated one is an occurrence too, keyed by its date.
		date := t.Deadline
		if date.Year == 0 {
			date.Year = directiveYear(d)
		}
		if date.Valid() && inRange(date, from, to) {
			out = append(out, Occurrence{Task: t.ID, Key: date.String(), Date: date, Kind: kind})
			slices.SortStableFunc(out, func(a, b Occurrence) int { return a.Date.Compare(b.Date) })
		}
	}
	return out
}

// planWindow returns the first and last day recurring occurrences of the
// directive's tasks may fall on.
func planWindow(d *Directive) (start, end Date, ok bool) {
	year := directiveYear(d)
	switch {
	case !d.Issued.IsZero():
		start = d.Issued.AddDays(1)
	case year != 0:
		start = NewDate(year, time.January, 1)
	default:
		return Date{}, Date{}, false
	}
	last := max(year, start.Year)
	for _, m := range subjectYearRe.FindAllStringSubmatch(d.Subject, -1) {
		if y, err := strconv.Atoi(m[1]); err == nil {
			last = max(last, y)
		}
	}
	return start, NewDate(last, time.December, 31), true
}

// directiveYear returns the year dates without a year take.
func directiveYear(d *Directive) int {
	if d.Year != 0 {
		return d.Year
	}
	return d.Issued.Year
}

// dayOfMonth returns day of month m of year y, clamped to the month's
// length; day 0 (or less) is the month's last day.
func dayOfMonth(y int, m time.Month, day int) Date {
	last := NewDate(y, m+1, 0)
	if day <= 0 || day > last.Day {
		return last
	}
	return Date{Year: y, Month: m, Day: day}
}

// inRange reports whether d lies in [from, to], a zero bound being open.
func inRange(d, from, to Date) bool {
	return (from.IsZero() || !d.Before(from)) && (to.IsZero() || !d.After(to))
}

// Progress is where a task stands for one unit, in the four groups of
// Vietnamese government follow-up reports.
type Progress string

// The four groups, with the labels the office's reports use.
const (
	// ProgressDoneOnTime is a task reported done before it fell due.
	ProgressDoneOnTime Progress = "hoàn thành đúng hạn"
	// ProgressDoneLate is a task reported done after it fell due.
	ProgressDoneLate Progress = "hoàn thành quá hạn"
	// ProgressOpen is a task not done whose deadline has not passed.
	ProgressOpen Progress = "chưa hoàn thành còn trong hạn"
	// ProgressOverdue is a task not done whose deadline has passed.
	ProgressOverdue Progress = "chưa hoàn thành quá hạn"
)

// Progresses lists the four groups in the order reports show them.
func Progresses() []Progress {
	return []Progress{ProgressDoneOnTime, ProgressDoneLate, ProgressOpen, ProgressOverdue}
}

// Done reports whether the group is one of the two "hoàn thành" groups.
func (p Progress) Done() bool { return p == ProgressDoneOnTime || p == ProgressDoneLate }

// Late reports whether the group is one of the two "quá hạn" groups.
func (p Progress) Late() bool { return p == ProgressDoneLate || p == ProgressOverdue }

// Classify puts one occurrence of a task, for one unit, in its group as of
// now. r is the unit's report for that occurrence, or nil; a report the
// office returned (Status "returned") counts as not done. A task without a
// deadline is "hoàn thành đúng hạn" once done and "chưa hoàn thành còn trong
// hạn" until then.
func Classify(o Occurrence, r *Report, now time.Time, loc *time.Location) Progress {
	done := r != nil && r.Status == ReportDone
	if o.Date.IsZero() {
		if done {
			return ProgressDoneOnTime
		}
		return ProgressOpen
	}
	due := o.DueAt(loc)
	switch {
	case done && r.At.Before(due):
		return ProgressDoneOnTime
	case done:
		return ProgressDoneLate
	case now.Before(due):
		return ProgressOpen
	default:
		return ProgressOverdue
	}
}

// PeriodLabel names an occurrence's period in Vietnamese, as reminders,
// reports and the digest show it: "2025-03" is "tháng 3/2025", "2025-Q1"
// "quý I/2025", "2025-H1" "6 tháng đầu năm 2025", "2025-W07" "tuần 7/2025",
// "2025" "năm 2025", a dated report of a recurring task ("2025-06-15") "đợt
// hạn 15/6/2025", and a one-off task ("") nothing.
func PeriodLabel(key string) string {
	var y, n int
	switch {
	case key == "":
		return ""
	case strings.Contains(key, "-Q"):
		if _, err := fmt.Sscanf(key, "%d-Q%d", &y, &n); err == nil && n >= 1 && n <= 4 {
			return fmt.Sprintf("quý %s/%d", []string{"I", "II", "III", "IV"}[n-1], y)
		}
	case strings.Contains(key, "-H"):
		if _, err := fmt.Sscanf(key, "%d-H%d", &y, &n); err == nil && (n == 1 || n == 2) {
			if n == 1 {
				return fmt.Sprintf("6 tháng đầu năm %d", y)
			}
			return fmt.Sprintf("6 tháng cuối năm %d", y)
		}
	case strings.Contains(key, "-W"):
		if _, err := fmt.Sscanf(key, "%d-W%d", &y, &n); err == nil {
			return fmt.Sprintf("tuần %d/%d", n, y)
		}
	case len(key) == len("2006-01-02"):
		if d, err := ParseDate(key); err == nil {
			return "đợt hạn " + d.Vietnamese()
		}
	case len(key) == len("2006-01"):
		if t, err := time.Parse("2006-01", key); err == nil {
			return fmt.Sprintf("tháng %d/%d", int(t.Month()), t.Year())
		}
	case len(key) == 4:
		return "năm " + key
	}
	return key
}
