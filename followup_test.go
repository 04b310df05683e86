package chidao

import (
	"reflect"
	"testing"
	"time"
)

func mustLoc(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatalf("load location: %v", err)
	}
	return loc
}

func TestOccurrenceLastDayAndDueAt(t *testing.T) {
	loc := mustLoc(t)
	tests := []struct {
		name    string
		o       Occurrence
		lastDay Date
		dueAt   time.Time
	}{
		{
			name:    "before: the last day is the day before, due when the day begins",
			o:       Occurrence{Task: "5", Date: NewDate(2024, 6, 7), Kind: DeadlineBefore},
			lastDay: NewDate(2024, 6, 6),
			dueAt:   time.Date(2024, 6, 7, 0, 0, 0, 0, loc),
		},
		{
			name:    "by: the last day is the day itself, due when it ends",
			o:       Occurrence{Task: "II.1.b", Date: NewDate(2025, 6, 30), Kind: DeadlineBy},
			lastDay: NewDate(2025, 6, 30),
			dueAt:   time.Date(2025, 7, 1, 0, 0, 0, 0, loc),
		},
		{
			name:    "before the first of a month crosses back into the previous month",
			o:       Occurrence{Date: NewDate(2025, 3, 1), Kind: DeadlineBefore},
			lastDay: NewDate(2025, 2, 28),
			dueAt:   time.Date(2025, 3, 1, 0, 0, 0, 0, loc),
		},
		{
			name: "no deadline",
			o:    Occurrence{Task: "1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.o.LastDay(); got != tt.lastDay {
				t.Errorf("LastDay() = %v, want %v", got, tt.lastDay)
			}
			if got := tt.o.DueAt(loc); !got.Equal(tt.dueAt) {
				t.Errorf("DueAt() = %v, want %v", got, tt.dueAt)
			}
		})
	}
}

func TestTaskOccurrences(t *testing.T) {
	plan := &Directive{ // the synthetic plan 52/KH-UBND of 10/02/2025
		ID: "52-kh-ubnd-20250210", Issued: NewDate(2025, 2, 10), Year: 2025,
		Subject: "Triển khai công tác chuyển đổi số trên địa bàn huyện năm 2025",
	}
	blankDay := &Directive{ID: "vanquan-cchc-2024", Year: 2024} // "ngày tháng 6 năm 2024"
	multiYear := &Directive{Issued: NewDate(2024, 11, 5), Year: 2024, Subject: "Kế hoạch giai đoạn 2024 - năm 2025"}

	monthly := func(y int, from, to time.Month, day int) []Occurrence {
		var out []Occurrence
		for m := from; m <= to; m++ {
			out = append(out, Occurrence{Task: "II.3.a", Key: NewDate(y, m, 1).String()[:7], Date: NewDate(y, m, day), Kind: DeadlineBefore})
		}
		return out
	}
	tests := []struct {
		name     string
		d        *Directive
		task     Task
		from, to Date
		want     []Occurrence
	}{
		{
			name: "one-off before",
			d:    blankDay,
			task: Task{ID: "5", Deadline: NewDate(2024, 6, 7), DeadlineKind: DeadlineBefore},
			want: []Occurrence{{Task: "5", Date: NewDate(2024, 6, 7), Kind: DeadlineBefore}},
		},
		{
			name: "a date without a year takes the directive's year",
			d:    plan,
			task: Task{ID: "II.1.b", Deadline: Date{Month: 6, Day: 30}, DeadlineKind: DeadlineBy},
			want: []Occurrence{{Task: "II.1.b", Date: NewDate(2025, 6, 30), Kind: DeadlineBy}},
		},
		{
			name: "a recurring task with a dated report of its own gets both",
			d:    plan,
			task: Task{ID: "II.3.a", Recurrence: RecurMonthly, RecurDay: 10, Deadline: NewDate(2025, 6, 15), DeadlineKind: DeadlineBefore},
			from: NewDate(2025, 5, 1), to: NewDate(2025, 7, 31),
			want: []Occurrence{
				{Task: "II.3.a", Key: "2025-05", Date: NewDate(2025, 5, 10), Kind: DeadlineBefore},
				{Task: "II.3.a", Key: "2025-06", Date: NewDate(2025, 6, 10), Kind: DeadlineBefore},
				{Task: "II.3.a", Key: "2025-06-15", Date: NewDate(2025, 6, 15), Kind: DeadlineBefore},
				{Task: "II.3.a", Key: "2025-07", Date: NewDate(2025, 7, 10), Kind: DeadlineBefore},
			},
		},
		{
			name: "one-off outside the range",
			d:    plan,
			task: Task{ID: "III.3", Deadline: NewDate(2025, 2, 28), DeadlineKind: DeadlineBefore},
			from: NewDate(2025, 3, 1),
		},
		{
			name: "one-off with no kind is due when the day ends",
			d:    plan,
			task: Task{ID: "x", Deadline: NewDate(2025, 4, 30)},
			want: []Occurrence{{Task: "x", Date: NewDate(2025, 4, 30), Kind: DeadlineBy}},
		},
		{
			name: "no deadline",
			d:    plan,
			task: Task{ID: "II.3.b"},
		},
		{
			name: "monthly on the 20th, after the issue date, to the end of the plan's year",
			d:    plan,
			task: Task{ID: "II.3.a", Recurrence: RecurMonthly, RecurDay: 20, DeadlineKind: DeadlineBefore},
			want: monthly(2025, 2, 12, 20),
		},
		{
			name: "monthly within a range",
			d:    plan,
			task: Task{ID: "II.3.a", Recurrence: "hàng tháng", RecurDay: 20, DeadlineKind: DeadlineBefore},
			from: NewDate(2025, 4, 1), to: NewDate(2025, 5, 31),
			want: monthly(2025, 4, 5, 20),
		},
		{
			name: "monthly with a blank issue day starts with the year",
			d:    blankDay,
			task: Task{ID: "II.3.a", Recurrence: RecurMonthly, RecurDay: 20, DeadlineKind: DeadlineBefore},
			to:   NewDate(2024, 3, 31),
			want: monthly(2024, 1, 3, 20),
		},
		{
			name: "monthly on the 31st is clamped to short months",
			d:    plan,
			task: Task{ID: "m", Recurrence: RecurMonthly, RecurDay: 31},
			to:   NewDate(2025, 4, 30),
			want: []Occurrence{
				{Task: "m", Key: "2025-02", Date: NewDate(2025, 2, 28), Kind: DeadlineBy},
				{Task: "m", Key: "2025-03", Date: NewDate(2025, 3, 31), Kind: DeadlineBy},
				{Task: "m", Key: "2025-04", Date: NewDate(2025, 4, 30), Kind: DeadlineBy},
			},
		},
		{
			name: "quarterly on the quarter's last day",
			d:    plan,
			task: Task{ID: "III.1", Recurrence: "định kỳ hằng quý"},
			want: []Occurrence{
				{Task: "III.1", Key: "2025-Q1", Date: NewDate(2025, 3, 31), Kind: DeadlineBy},
				{Task: "III.1", Key: "2025-Q2", Date: NewDate(2025, 6, 30), Kind: DeadlineBy},
				{Task: "III.1", Key: "2025-Q3", Date: NewDate(2025, 9, 30), Kind: DeadlineBy},
				{Task: "III.1", Key: "2025-Q4", Date: NewDate(2025, 12, 31), Kind: DeadlineBy},
			},
		},
		{
			name: "quarterly on a day of the quarter's last month",
			d:    plan,
			task: Task{ID: "q", Recurrence: RecurQuarterly, RecurDay: 15, DeadlineKind: DeadlineBefore},
			to:   NewDate(2025, 6, 30),
			want: []Occurrence{
				{Task: "q", Key: "2025-Q1", Date: NewDate(2025, 3, 15), Kind: DeadlineBefore},
				{Task: "q", Key: "2025-Q2", Date: NewDate(2025, 6, 15), Kind: DeadlineBefore},
			},
		},
		{
			name: "half-yearly",
			d:    plan,
			task: Task{ID: "h", Recurrence: RecurHalfYearly},
			want: []Occurrence{
				{Task: "h", Key: "2025-H1", Date: NewDate(2025, 6, 30), Kind: DeadlineBy},
				{Task: "h", Key: "2025-H2", Date: NewDate(2025, 12, 31), Kind: DeadlineBy},
			},
		},
		{
			name: "weekly on Fridays",
			d:    plan,
			task: Task{ID: "w", Recurrence: RecurWeekly},
			to:   NewDate(2025, 2, 28),
			want: []Occurrence{
				{Task: "w", Key: "2025-W07", Date: NewDate(2025, 2, 14), Kind: DeadlineBy},
				{Task: "w", Key: "2025-W08", Date: NewDate(2025, 2, 21), Kind: DeadlineBy},
				{Task: "w", Key: "2025-W09", Date: NewDate(2025, 2, 28), Kind: DeadlineBy},
			},
		},
		{
			name: "yearly without a day has none",
			d:    blankDay,
			task: Task{ID: "6", Recurrence: RecurYearly},
		},
		{
			name: "yearly with a day",
			d:    plan,
			task: Task{ID: "y", Recurrence: RecurYearly, Deadline: Date{Month: 12, Day: 15}, DeadlineKind: DeadlineBefore},
			want: []Occurrence{{Task: "y", Key: "2025", Date: NewDate(2025, 12, 15), Kind: DeadlineBefore}},
		},
		{
			name: "ongoing has none",
			d:    plan,
			task: Task{ID: "7", Recurrence: RecurOngoing, Deadline: NewDate(2025, 3, 1)},
		},
		{
			name: "a later year named in the subject extends the plan",
			d:    multiYear,
			task: Task{ID: "q", Recurrence: RecurQuarterly},
			want: []Occurrence{
				{Task: "q", Key: "2024-Q4", Date: NewDate(2024, 12, 31), Kind: DeadlineBy},
				{Task: "q", Key: "2025-Q1", Date: NewDate(2025, 3, 31), Kind: DeadlineBy},
				{Task: "q", Key: "2025-Q2", Date: NewDate(2025, 6, 30), Kind: DeadlineBy},
				{Task: "q", Key: "2025-Q3", Date: NewDate(2025, 9, 30), Kind: DeadlineBy},
				{Task: "q", Key: "2025-Q4", Date: NewDate(2025, 12, 31), Kind: DeadlineBy},
			},
		},
		{
			name: "recurring with no year known has none",
			d:    &Directive{},
			task: Task{ID: "m", Recurrence: RecurMonthly},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.task.Occurrences(tt.d, tt.from, tt.to)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Occurrences() =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestClassify(t *testing.T) {
	loc := mustLoc(t)
	before := Occurrence{Task: "5", Date: NewDate(2024, 6, 7), Kind: DeadlineBefore}
	by := Occurrence{Task: "II.1.b", Date: NewDate(2025, 6, 30), Kind: DeadlineBy}
	at := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, loc) }
	done := func(when time.Time) *Report { return &Report{Status: ReportDone, At: when} }
	returned := &Report{Status: ReportReturned, At: at(2024, 6, 5, 9), Reason: "thiếu kế hoạch"}
	tests := []struct {
		name string
		o    Occurrence
		r    *Report
		now  time.Time
		want Progress
	}{
		{"before: not done, still in time", before, nil, at(2024, 6, 6, 16), ProgressOpen},
		{"before: not done on the day itself is late", before, nil, at(2024, 6, 7, 8), ProgressOverdue},
		{"before: done the day before is on time", before, done(at(2024, 6, 6, 23)), at(2024, 6, 10, 8), ProgressDoneOnTime},
		{"before: done on the day is late", before, done(at(2024, 6, 7, 8)), at(2024, 6, 10, 8), ProgressDoneLate},
		{"by: done on the day is on time", by, done(at(2025, 6, 30, 16)), at(2025, 7, 2, 8), ProgressDoneOnTime},
		{"by: not done on the day is still in time", by, nil, at(2025, 6, 30, 16), ProgressOpen},
		{"by: not done the next day is late", by, nil, at(2025, 7, 1, 8), ProgressOverdue},
		{"a returned report is not done", before, returned, at(2024, 6, 7, 8), ProgressOverdue},
		{"a returned report in time is still open", before, returned, at(2024, 6, 6, 8), ProgressOpen},
		{"no deadline, done", Occurrence{Task: "1"}, done(at(2024, 6, 6, 8)), at(2024, 7, 1, 8), ProgressDoneOnTime},
		{"no deadline, not done", Occurrence{Task: "1"}, nil, at(2030, 1, 1, 8), ProgressOpen},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Classify(tt.o, tt.r, tt.now, loc); got != tt.want {
				t.Errorf("Classify() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestProgressGroups(t *testing.T) {
	want := []string{"hoàn thành đúng hạn", "hoàn thành quá hạn", "chưa hoàn thành còn trong hạn", "chưa hoàn thành quá hạn"}
	got := Progresses()
	for i, p := range got {
		if string(p) != want[i] {
			t.Errorf("Progresses()[%d] = %q, want %q", i, p, want[i])
		}
	}
	if !ProgressDoneLate.Done() || ProgressOverdue.Done() || !ProgressOverdue.Late() || ProgressOpen.Late() {
		t.Errorf("Done/Late disagree with the groups")
	}
}

func TestPeriodLabel(t *testing.T) {
	for key, want := range map[string]string{
		"2025-03": "tháng 3/2025", "2025-Q1": "quý I/2025", "2025-H1": "6 tháng đầu năm 2025",
		"2025-H2": "6 tháng cuối năm 2025", "2025-W07": "tuần 7/2025", "2025": "năm 2025", "": "",
		"2025-06-15": "đợt hạn 15/6/2025",
	} {
		if got := PeriodLabel(key); got != want {
			t.Errorf("PeriodLabel(%q) = %q, want %q", key, got, want)
		}
	}
}
