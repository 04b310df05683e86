package reminders

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"chidao"
	"chidao/store"
)

func TestPlanPolicy(t *testing.T) {
	loc := loadLoc(t)
	dist := sampleDistrict(t)
	all := dist.all()
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, loc) }
	vq := func() State { return newState(dist, vanquanDirective(dist)) }
	plan := func() State { return newState(dist, planDirective(dist)) }
	with := func(base func() State, f func(*State)) func() State {
		return func() State { st := base(); f(&st); return st }
	}
	reportFor := func(directive, task, occurrence, unit, status string, when time.Time) func(*State) {
		return func(st *State) {
			fu := st.FollowUps[directive]
			fu.Reports = append(fu.Reports, chidao.Report{Directive: directive, Task: task, Occurrence: occurrence, Unit: unit, Status: status, At: when, Member: "telegram:1"})
			st.FollowUps[directive] = fu
		}
	}
	report := func(directive, task, unit, status string, when time.Time) func(*State) {
		return reportFor(directive, task, "", unit, status, when)
	}
	extendTo := func(directive, task, unit string, until chidao.Date) func(*State) {
		return func(st *State) { st.FollowUps[directive].Extensions[task+"|"+unit] = until }
	}
	mute := func(m store.Mute) func(*State) { return func(st *State) { st.Mutes = append(st.Mutes, m) } }
	broadcast := func(directive string, when time.Time, ackedBy ...string) func(*State) {
		return func(st *State) {
			fu := st.FollowUps[directive]
			fu.Broadcast = store.Broadcast{Directive: directive, By: "telegram:9", At: when}
			for _, u := range ackedBy {
				fu.Acks = append(fu.Acks, chidao.Ack{Directive: directive, Unit: u, Member: "telegram:" + u, At: when.Add(time.Hour)})
			}
			st.FollowUps[directive] = fu
		}
	}
	holidays := Config{Holidays: []chidao.Date{chidao.NewDate(2024, 6, 5), chidao.NewDate(2025, 4, 30), chidao.NewDate(2025, 5, 1)}}
	cat := func(parts ...[]string) []string { return slices.Concat(parts...) }

	tests := []struct {
		name  string
		st    func() State
		at    time.Time
		cfg   Config
		only  []string // compare the dues of these tasks only; nil compares all
		off   string
		want  []string
		skips []string // "unit stage reason"
	}{
		// vanquan-cchc-2024, task 5 "trước ngày 07/6/2024" (a Friday): the last day is Thursday 06/6.
		{name: "before: Monday, the last day in three days", st: vq, at: at(2024, 6, 3, 8, 0),
			want: want(vanquanID, "5", StageDue3, "2024-06-07", "2024-06-07", all...)},
		{name: "before: Tuesday, two days left", st: vq, at: at(2024, 6, 4, 8, 0),
			want: want(vanquanID, "5", StageDue3, "2024-06-07", "2024-06-07", all...)},
		{name: "before: Wednesday, the last day is tomorrow", st: vq, at: at(2024, 6, 5, 8, 0),
			want: want(vanquanID, "5", StageDue1, "2024-06-07", "2024-06-07", all...)},
		{name: "before: Thursday is the last day", st: vq, at: at(2024, 6, 6, 8, 0),
			want: want(vanquanID, "5", StageDue0, "2024-06-07", "2024-06-07", all...)},
		{name: "before: on the day written it is already overdue", st: vq, at: at(2024, 6, 7, 8, 0),
			want: want(vanquanID, "5", StageOverdue, "2024-06-07", "2024-06-07@2024-06-07", all...)},
		{name: "overdue again the next working day, not yet escalated", st: vq, at: at(2024, 6, 11, 8, 0),
			want: want(vanquanID, "5", StageOverdue, "2024-06-07", "2024-06-07@2024-06-11", all...)},
		{name: "overdue for a fourth working day: escalated", st: vq, at: at(2024, 6, 12, 8, 0),
			want: cat(want(vanquanID, "5", StageOverdue, "2024-06-07", "2024-06-07@2024-06-12", all...),
				want(vanquanID, "5", StageEscalated, "2024-06-07", "2024-06-07", all...))},
		{name: "a public holiday does not count towards escalation", st: vq, at: at(2024, 6, 12, 8, 0),
			cfg:  Config{Holidays: []chidao.Date{chidao.NewDate(2024, 6, 10)}},
			want: want(vanquanID, "5", StageOverdue, "2024-06-07", "2024-06-07@2024-06-12", all...)},
		{name: "imported after the deadline had passed: not chased",
			st: with(vq, func(st *State) { st.Directives[0].Received = at(2024, 6, 10, 9, 0) }),
			at: at(2024, 6, 12, 8, 0)},
		{name: "imported before the deadline: chased when overdue",
			st:   with(vq, func(st *State) { st.Directives[0].Received = at(2024, 6, 3, 9, 0) }),
			at:   at(2024, 6, 11, 8, 0),
			want: want(vanquanID, "5", StageOverdue, "2024-06-07", "2024-06-07@2024-06-11", all...)},
		{name: "an instant before it was imported is planned as if known",
			st:   with(vq, func(st *State) { st.Directives[0].Received = at(2026, 11, 27, 9, 0) }),
			at:   at(2024, 6, 5, 8, 0),
			want: want(vanquanID, "5", StageDue1, "2024-06-07", "2024-06-07", all...)},
		{name: "Saturday: nothing", st: vq, at: at(2024, 6, 8, 8, 0), off: ReasonWeekend},
		{name: "Sunday: nothing", st: vq, at: at(2024, 6, 9, 8, 0), off: ReasonWeekend},
		{name: "a configured holiday: nothing", st: vq, at: at(2024, 6, 5, 8, 0), cfg: holidays, off: ReasonHoliday},
		{name: "before working hours", st: vq, at: at(2024, 6, 5, 7, 29), off: ReasonOffHours},
		{name: "after working hours", st: vq, at: at(2024, 6, 5, 17, 0), off: ReasonOffHours},
		{name: "an instant given in UTC is read in Vietnam time", st: vq, at: time.Date(2024, 6, 5, 1, 0, 0, 0, time.UTC),
			want: want(vanquanID, "5", StageDue1, "2024-06-07", "2024-06-07", all...)},
		{name: "units that reported done are left out; a returned report is chased again",
			st: with(vq, func(st *State) {
				report(vanquanID, "5", "xa-an-son", chidao.ReportDone, at(2024, 6, 4, 9, 0))(st)
				report(vanquanID, "5", "phong-noi-vu", chidao.ReportDone, at(2024, 6, 7, 9, 0))(st)
				report(vanquanID, "5", "xa-binh-phuc", chidao.ReportReturned, at(2024, 6, 4, 9, 0))(st)
			}),
			at:   at(2024, 6, 7, 8, 0),
			want: want(vanquanID, "5", StageOverdue, "2024-06-07", "2024-06-07@2024-06-07", without(all, "xa-an-son", "phong-noi-vu")...)},
		{name: "a muted unit is skipped, with the reason",
			st:    with(vq, mute(store.Mute{Unit: "xa-chu-tuc"})),
			at:    at(2024, 6, 5, 8, 0),
			want:  want(vanquanID, "5", StageDue1, "2024-06-07", "2024-06-07", without(all, "xa-chu-tuc")...),
			skips: []string{"xa-chu-tuc due-1 tắt nhắc"}},
		{name: "a mute of one unit on one directive",
			st:    with(vq, mute(store.Mute{Unit: "xa-dai-an", Directive: vanquanID})),
			at:    at(2024, 6, 5, 8, 0),
			want:  want(vanquanID, "5", StageDue1, "2024-06-07", "2024-06-07", without(all, "xa-dai-an")...),
			skips: []string{"xa-dai-an due-1 tắt nhắc"}},
		{name: "a muted directive sends nothing",
			st: with(vq, mute(store.Mute{Directive: vanquanID})),
			at: at(2024, 6, 5, 8, 0)},
		{name: "a mute that has ended does not count",
			st:   with(vq, mute(store.Mute{Directive: vanquanID, Until: at(2024, 6, 4, 17, 0)})),
			at:   at(2024, 6, 5, 8, 0),
			want: want(vanquanID, "5", StageDue1, "2024-06-07", "2024-06-07", all...)},
		{name: "an extension replaces the date: not overdue",
			st:   with(vq, extendTo(vanquanID, "5", "xa-dai-an", chidao.NewDate(2024, 6, 14))),
			at:   at(2024, 6, 7, 8, 0),
			want: want(vanquanID, "5", StageOverdue, "2024-06-07", "2024-06-07@2024-06-07", without(all, "xa-dai-an")...)},
		{name: "an extended deadline is reminded of in its turn",
			st:   with(vq, extendTo(vanquanID, "5", "xa-dai-an", chidao.NewDate(2024, 6, 14))),
			at:   at(2024, 6, 13, 8, 0),
			only: []string{"5"},
			want: cat(want(vanquanID, "5", StageOverdue, "2024-06-07", "2024-06-07@2024-06-13", without(all, "xa-dai-an")...),
				want(vanquanID, "5", StageEscalated, "2024-06-07", "2024-06-07", without(all, "xa-dai-an")...),
				want(vanquanID, "5", StageDue1, "2024-06-14", "2024-06-14", "xa-dai-an"))},
		{name: "not acknowledged: not before the wait is over",
			st: with(vq, broadcast(vanquanID, at(2024, 6, 3, 9, 0), "xa-an-son")),
			at: at(2024, 6, 4, 8, 0), only: []string{""}},
		{name: "not acknowledged a day after the broadcast",
			st:   with(vq, broadcast(vanquanID, at(2024, 6, 3, 9, 0), "xa-an-son", "phong-noi-vu")),
			at:   at(2024, 6, 4, 10, 0),
			only: []string{""},
			want: want(vanquanID, "", StageUnacknowledged, "", "2024-06-04", without(all, "xa-an-son", "phong-noi-vu")...)},
		{name: "not acknowledged: again the next working day",
			st:   with(vq, broadcast(vanquanID, at(2024, 6, 3, 9, 0))),
			at:   at(2024, 6, 10, 8, 0),
			only: []string{""},
			want: want(vanquanID, "", StageUnacknowledged, "", "2024-06-10", all...)},
		{name: "an urgent directive not acknowledged an hour after its broadcast",
			st: with(vq, func(st *State) {
				broadcast(vanquanID, at(2024, 6, 3, 9, 0), "xa-an-son")(st)
				urgent := *st.Directives[0]
				urgent.Urgency = "HỎA TỐC"
				st.Directives[0] = &urgent
			}),
			at:   at(2024, 6, 3, 10, 30),
			only: []string{""},
			want: want(vanquanID, "", StageUnacknowledged, "", "2024-06-03", without(all, "xa-an-son")...)},
		{name: "an imported directive is never chased for acknowledgment",
			st: vq, at: at(2024, 6, 10, 8, 0), only: []string{""}},

		// synthetic-kehoach-cds-2025: issued Monday 10/02/2025.
		{name: "III.3 goes to the communes only; the monthly II.3.a of February is overdue",
			st: plan, at: at(2025, 2, 26, 8, 0), only: []string{"III.3", "II.3.a"},
			want: cat(want(planID, "III.3", StageDue1, "2025-02-28", "2025-02-28", dist.xa...),
				want(planID, "II.3.a", StageOverdue, "2025-02-20", "2025-02/2025-02-20@2025-02-26", all...),
				want(planID, "II.3.a", StageEscalated, "2025-02-20", "2025-02/2025-02-20", all...))},
		{name: "the monthly deadline of March, three days ahead, while February is still overdue",
			st: plan, at: at(2025, 3, 17, 8, 0), only: []string{"II.3.a"},
			want: cat(want(planID, "II.3.a", StageDue3, "2025-03-20", "2025-03/2025-03-20", all...),
				want(planID, "II.3.a", StageOverdue, "2025-02-20", "2025-02/2025-02-20@2025-03-17", all...),
				want(planID, "II.3.a", StageEscalated, "2025-02-20", "2025-02/2025-02-20", all...))},
		{name: "monthly: a report covers its own month only",
			st: with(plan, func(st *State) {
				reportFor(planID, "II.3.a", "2025-02", "xa-an-son", chidao.ReportDone, at(2025, 3, 3, 9, 0))(st)
				reportFor(planID, "II.3.a", "2025-03", "xa-binh-phuc", chidao.ReportDone, at(2025, 3, 14, 9, 0))(st)
			}),
			at: at(2025, 3, 17, 8, 0), only: []string{"II.3.a"},
			want: cat(want(planID, "II.3.a", StageDue3, "2025-03-20", "2025-03/2025-03-20", without(all, "xa-binh-phuc")...),
				want(planID, "II.3.a", StageOverdue, "2025-02-20", "2025-02/2025-02-20@2025-03-17", without(all, "xa-an-son")...),
				want(planID, "II.3.a", StageEscalated, "2025-02-20", "2025-02/2025-02-20", without(all, "xa-an-son")...))},
		{name: "monthly: a report without the period does not count for it",
			st: with(plan, reportFor(planID, "II.3.a", "", "xa-an-son", chidao.ReportDone, at(2025, 3, 14, 9, 0))),
			at: at(2025, 3, 20, 8, 0), only: []string{"II.3.a"},
			want: want(planID, "II.3.a", StageOverdue, "2025-03-20", "2025-03/2025-03-20@2025-03-20", all...)},
		{name: "once March falls due only March is chased",
			st: plan, at: at(2025, 3, 20, 8, 0), only: []string{"II.3.a"},
			want: want(planID, "II.3.a", StageOverdue, "2025-03-20", "2025-03/2025-03-20@2025-03-20", all...)},
		{name: "the monthly deadline of April: the last day is tomorrow",
			st: plan, at: at(2025, 4, 18, 8, 0), only: []string{"II.3.a"},
			want: cat(want(planID, "II.3.a", StageDue1, "2025-04-20", "2025-04/2025-04-20", all...),
				want(planID, "II.3.a", StageOverdue, "2025-03-20", "2025-03/2025-03-20@2025-04-18", all...),
				want(planID, "II.3.a", StageEscalated, "2025-03-20", "2025-03/2025-03-20", all...))},
		{name: "Friday: a deadline on Monday (quarterly III.1) and one before Monday (III.2) are both due the next working day",
			st: plan, at: at(2025, 3, 28, 8, 0), only: []string{"III.1", "III.2"},
			want: cat(want(planID, "III.1", StageDue1, "2025-03-31", "2025-Q1/2025-03-31", "phong-van-hoa-thong-tin"),
				want(planID, "III.2", StageDue1, "2025-03-31", "2025-03-31", "phong-tai-chinh-ke-hoach"))},
		{name: "the quarterly report of Q2",
			st: plan, at: at(2025, 6, 30, 8, 0), only: []string{"III.1"},
			want: cat(want(planID, "III.1", StageDue0, "2025-06-30", "2025-Q2/2025-06-30", "phong-van-hoa-thong-tin"),
				want(planID, "III.1", StageOverdue, "2025-03-31", "2025-Q1/2025-03-31@2025-06-30", "phong-van-hoa-thong-tin"),
				want(planID, "III.1", StageEscalated, "2025-03-31", "2025-Q1/2025-03-31", "phong-van-hoa-thong-tin"))},
		{name: "a date without a year takes the plan's: chậm nhất ngày 30/6",
			st: plan, at: at(2025, 6, 27, 8, 0), only: []string{"II.1.b"},
			want: want(planID, "II.1.b", StageDue1, "2025-06-30", "2025-06-30", all...)},
		{name: "by: the day written is the last day",
			st: plan, at: at(2025, 6, 30, 9, 0), only: []string{"II.1.b"},
			want: want(planID, "II.1.b", StageDue0, "2025-06-30", "2025-06-30", all...)},
		{name: "by: overdue the day after",
			st: plan, at: at(2025, 7, 1, 8, 0), only: []string{"II.1.b"},
			want: want(planID, "II.1.b", StageOverdue, "2025-06-30", "2025-06-30@2025-07-01", all...)},
		{name: "holidays: the last day of II.2.a is a holiday, so the next working day is after it",
			st: plan, at: at(2025, 4, 29, 8, 0), cfg: holidays, only: []string{"II.2.a"},
			want: want(planID, "II.2.a", StageDue1, "2025-04-30", "2025-04-30", "phong-van-hoa-thong-tin")},
		{name: "holidays: nothing on 30/4", st: plan, at: at(2025, 4, 30, 8, 0), cfg: holidays, off: ReasonHoliday},
		{name: "holidays: overdue after the holidays, the holidays not counted",
			st: plan, at: at(2025, 5, 2, 8, 0), cfg: holidays, only: []string{"II.2.a"},
			want: want(planID, "II.2.a", StageOverdue, "2025-04-30", "2025-04-30@2025-05-02", "phong-van-hoa-thong-tin")},
		{name: "tasks without a deadline and yearly tasks without a day are never reminded",
			st: with(vq, func(st *State) { st.Directives = append(st.Directives, planDirective(dist)) }), at: at(2024, 9, 3, 8, 0),
			only: []string{"1", "2", "3", "4", "6", "7", "I.1", "I.2", "II.3.b"}},
		{name: "a task reported done by the communes drops out of the plan",
			st: with(plan, func(st *State) {
				for _, u := range dist.xa[1:] {
					report(planID, "III.3", u, chidao.ReportDone, at(2025, 2, 25, 15, 0))(st)
				}
			}),
			at: at(2025, 2, 26, 8, 0), only: []string{"III.3"},
			want: want(planID, "III.3", StageDue1, "2025-02-28", "2025-02-28", dist.xa[0])},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := evaluate(tt.st(), tt.at, tt.cfg)
			if ev.off != tt.off {
				t.Fatalf("off = %q, want %q", ev.off, tt.off)
			}
			var got []Due
			for _, x := range ev.dues {
				if tt.only == nil || slices.Contains(tt.only, x.Task) {
					got = append(got, x)
				}
			}
			gotKeys, wantKeys := dueKeys(got), slices.Clone(tt.want)
			slices.Sort(wantKeys)
			if len(wantKeys) == 0 {
				wantKeys = []string{}
			}
			if !reflect.DeepEqual(gotKeys, wantKeys) {
				t.Errorf("dues differ\n got %d: %s\nwant %d: %s", len(gotKeys), strings.Join(gotKeys, "\n      "), len(wantKeys), strings.Join(wantKeys, "\n      "))
			}
			var skips []string
			for _, s := range ev.skips {
				skips = append(skips, s.Unit+" "+s.Stage+" "+s.Reason)
			}
			if tt.skips != nil && !reflect.DeepEqual(skips, tt.skips) {
				t.Errorf("skips = %q, want %q", skips, tt.skips)
			}
			if !reflect.DeepEqual(Plan(tt.st(), tt.at, tt.cfg), ev.dues) {
				t.Errorf("Plan disagrees with the evaluation")
			}
		})
	}
}

func TestPlanMutedDirectiveRecordsSkips(t *testing.T) {
	dist := sampleDistrict(t)
	st := newState(dist, vanquanDirective(dist))
	st.Mutes = []store.Mute{{Directive: vanquanID}}
	ev := evaluate(st, time.Date(2024, 6, 5, 8, 0, 0, 0, loadLoc(t)), Config{})
	if len(ev.dues) != 0 || len(ev.skips) != len(dist.all()) {
		t.Fatalf("dues %d, skips %d; want 0 and one per unit (%d)", len(ev.dues), len(ev.skips), len(dist.all()))
	}
	for _, s := range ev.skips {
		if s.Reason != ReasonMuted {
			t.Errorf("skip %+v: reason %q, want %q", s.Due, s.Reason, ReasonMuted)
		}
	}
}

// TestPlanJSON checks the contract of `chidao reminders plan --json`.
func TestPlanJSON(t *testing.T) {
	loc := loadLoc(t)
	dist := sampleDistrict(t)
	st := newState(dist, vanquanDirective(dist))
	fu := st.FollowUps[vanquanID]
	fu.Broadcast = store.Broadcast{Directive: vanquanID, At: time.Date(2024, 6, 3, 9, 0, 0, 0, loc)}
	st.FollowUps[vanquanID] = fu
	dues := Plan(st, time.Date(2024, 6, 5, 8, 0, 0, 0, loc), Config{})
	b, err := json.Marshal(dues)
	if err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	var sawTask, sawAck bool
	for _, m := range got {
		for _, k := range []string{"unit", "directive", "task", "stage", "due"} {
			if _, ok := m[k]; !ok {
				t.Fatalf("entry %v has no %q", m, k)
			}
		}
		switch m["stage"] {
		case StageDue1:
			sawTask = true
			if m["task"] != "5" || m["due"] != "2024-06-07" || m["directive"] != vanquanID {
				t.Errorf("due-1 entry = %v, want task 5 due 2024-06-07", m)
			}
		case StageUnacknowledged:
			sawAck = true
			if m["task"] != "" || m["due"] != nil {
				t.Errorf("unacknowledged entry = %v, want task \"\" and due null", m)
			}
		default:
			t.Errorf("unexpected stage in %v", m)
		}
	}
	if !sawTask || !sawAck {
		t.Errorf("plan JSON lacks a due-1 (%v) or an unacknowledged entry (%v): %s", sawTask, sawAck, b)
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string // a fragment of the error; "" for valid
	}{
		{name: "zero values take the defaults", cfg: Config{}},
		{name: "working hours the wrong way round", cfg: Config{WorkStart: "18:00", WorkEnd: "07:00"}, want: "giờ làm việc 18:00–07:00 không hợp lệ"},
		{name: "a malformed hour", cfg: Config{WorkStart: "7h30"}, want: "giờ bắt đầu làm việc \"7h30\" không hợp lệ"},
		{name: "a bad schedule", cfg: Config{Schedule: []string{"0 25 * * *"}}, want: "lịch nhắc việc \"0 25 * * *\" không hợp lệ"},
		{name: "a bad digest schedule", cfg: Config{DigestSchedule: "every day"}, want: "lịch gửi báo cáo tổng hợp"},
		{name: "a holiday that is no day", cfg: Config{Holidays: []chidao.Date{{Year: 2025, Month: 2, Day: 30}}}, want: "ngày nghỉ lễ"},
		{name: "a negative wait", cfg: Config{UnackedAfter: -time.Hour}, want: "không được âm"},
		{name: "marks kept shorter than the lease", cfg: Config{Lease: time.Hour, MarkTTL: time.Minute}, want: "phải dài hơn"},
		{name: "two schedules", cfg: Config{Schedule: []string{"0 8 * * 1-5", "30 13 * * 1-5"}, WorkStart: "07:00", WorkEnd: "17:30"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Validate() = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("Validate() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
