package reminders

import (
	"time"

	"chidao"
	"chidao/store"
)

// urgentUnackedAfter is how long after its broadcast an urgent directive
// ("HỎA TỐC", "THƯỢNG KHẨN", "KHẨN") a unit that has not acknowledged it
// is reminded, whatever UnackedAfter says.
const urgentUnackedAfter = time.Hour

// Stages of a reminder, as `chidao reminders plan --json` names them.
const (
	// StageUnacknowledged: a broadcast directive the unit has not
	// acknowledged UnackedAfter after it went out; once each working day.
	StageUnacknowledged = "unacknowledged"
	// StageDue3: the task's last day is within three days, but not the
	// next working day.
	StageDue3 = "due-3"
	// StageDue1: the task's last day is the next working day (tomorrow, or
	// Monday seen from Friday).
	StageDue1 = "due-1"
	// StageDue0: today is the task's last day.
	StageDue0 = "due-0"
	// StageOverdue: the task fell due and is not done; each working day.
	StageOverdue = "overdue"
	// StageEscalated: the task has been overdue for more than
	// EscalateAfterDays working days; the office admins are told once per
	// occurrence, naming the unit.
	StageEscalated = "escalated"
)

// State is everything the policy reads: the directives followed, the units
// and members, each directive's follow-up state, and the mutes.
type State struct {
	// Directives are the directives in the store, imported or broadcast.
	Directives []*chidao.Directive
	// Units are the configured units (for their names and order).
	Units []chidao.Unit
	// Members are the registered members, active or not.
	Members []chidao.Member
	// FollowUps holds each directive's acks, reports, extensions and
	// broadcast, by directive ID.
	FollowUps map[string]store.FollowUp
	// Mutes are the mutes; those expired at the instant are ignored.
	Mutes []store.Mute
}

// Due is one reminder the policy finds due: a stage of one occurrence of one
// task (or of a directive's acknowledgment) for one unit.
type Due struct {
	// Unit is the unit concerned (for StageEscalated: the late unit; the
	// reminder goes to the office admins).
	Unit string `json:"unit"`
	// Directive is the directive's ID.
	Directive string `json:"directive"`
	// Task is the task's ID; "" for StageUnacknowledged.
	Task string `json:"task"`
	// Stage is one of the Stage constants.
	Stage string `json:"stage"`
	// Due is the deadline date as written (or as extended by the office);
	// zero (JSON null) for StageUnacknowledged.
	Due chidao.Date `json:"due"`
	// Kind says whether the task is due when Due begins or ends.
	Kind chidao.DeadlineKind `json:"deadline_kind,omitempty"`
	// LastDay is the last day the task can be done in time.
	LastDay chidao.Date `json:"last_day"`
	// Period is the task occurrence's key ("" for a one-off task,
	// "2025-03" for a monthly one): reports and "done" buttons carry it.
	Period string `json:"period,omitempty"`
	// Occurrence is the key the reminder's mark is claimed under:
	// "2024-06-07" or "2025-03/2025-03-20" for a deadline, followed by
	// "@<today>" for the daily overdue stage; today's date for
	// StageUnacknowledged.
	Occurrence string `json:"occurrence"`
	// Extended is true when the office extended the deadline for the unit.
	Extended bool `json:"extended,omitempty"`
	// Since is when the directive was broadcast (StageUnacknowledged only).
	Since time.Time `json:"since,omitzero"`
}

// mark is the reminder mark claimed before Due is sent.
func (d Due) mark() store.Mark {
	return store.Mark{Directive: d.Directive, Task: d.Task, Unit: d.Unit, Stage: d.Stage, Occurrence: d.Occurrence}
}

// Skip is a reminder that is due but not sent, and why.
type Skip struct {
	Due
	// Reason is one of the Reason constants.
	Reason string
}

// evaluation is what the policy finds at one instant.
type evaluation struct {
	at    time.Time
	today chidao.Date
	// off tells why nothing at all goes out at this instant (a weekend, a
	// holiday, outside working hours), or "".
	off string
	// dues are the reminders to send, skips those due but muted.
	dues  []Due
	skips []Skip
}

// Plan is the reminder policy: what a tick at the instant would send, for
// each unit, given the state. It sends nothing and reads no clock. On a
// weekend, a holiday or outside working hours it returns nothing; muted
// units and directives, tasks reported done and units that acknowledged are
// left out. Units without an active member are listed (the tick records
// them as skipped, "chưa có người nhận"). Plan does not know which
// reminders an earlier tick already sent: a second tick at the same instant
// sends nothing, because each Due's mark is then taken.
func Plan(st State, at time.Time, cfg Config) []Due {
	return evaluate(st, at, cfg).dues
}

// evaluate is Plan with the skips and the reason a whole tick is off.
func evaluate(st State, at time.Time, cfg Config) evaluation {
	cfg = cfg.withDefaults()
	cal := cfg.calendar()
	loc := cal.loc
	today := chidao.DateOf(at.In(loc))
	ev := evaluation{at: at, today: today}
	if r := cal.offReason(at); r != "" {
		ev.off = r
		return ev
	}
	next := cal.nextWorkingDay(today)
	horizon := today.AddDays(3) // the farthest last day a due-3 or due-1 can have
	if next.After(horizon) {
		horizon = next
	}
	mutes := activeMutes(st.Mutes, at)
	todayKey := today.String()
	for _, d := range st.Directives {
		if d == nil {
			continue
		}
		fu := st.FollowUps[d.ID]
		emit := func(x Due) {
			if muted(mutes, x.Unit, x.Directive) {
				ev.skips = append(ev.skips, Skip{Due: x, Reason: ReasonMuted})
				return
			}
			ev.dues = append(ev.dues, x)
		}

		after := cfg.UnackedAfter
		if d.Urgency != "" {
			after = min(after, urgentUnackedAfter) // "HỎA TỐC", "KHẨN"
		}
		if b := fu.Broadcast; !b.At.IsZero() && !at.Before(b.At.Add(after)) {
			acked := make(map[string]bool, len(fu.Acks))
			for _, a := range fu.Acks {
				acked[a.Unit] = true
			}
			for _, u := range uniq(d.Units) {
				if !acked[u] {
					emit(Due{Unit: u, Directive: d.ID, Stage: StageUnacknowledged, Occurrence: todayKey, Since: b.At})
				}
			}
		}

		reports := indexReports(fu.Reports)
		for _, t := range d.Tasks {
			occs := t.Occurrences(d, chidao.Date{}, chidao.Date{})
			for _, u := range taskUnits(d, t) {
				ext, extended := fu.Extensions[extensionKey(t.ID, u)]
				extended = extended && !ext.IsZero()
				for _, o := range candidates(t, occs, ext, extended, at, loc, horizon) {
					if r := reports[reportKey(t.ID, o.Key, u)]; r != nil && r.Status == chidao.ReportDone {
						continue
					}
					due := o.DueAt(loc)
					if !d.Received.IsZero() && due.Before(d.Received) && !at.Before(d.Received) {
						// The office stored the directive after this deadline had
						// passed (an older directive imported on day one): the
						// bot does not chase what fell due before it knew of it.
						continue
					}
					last := o.LastDay()
					occ := o.Date.String()
					if o.Key != "" {
						occ = o.Key + "/" + occ
					}
					x := Due{Unit: u, Directive: d.ID, Task: t.ID, Due: o.Date, Kind: o.Kind, LastDay: last, Period: o.Key, Occurrence: occ, Extended: extended}
					switch {
					case !at.Before(due):
						od := x
						od.Stage, od.Occurrence = StageOverdue, occ+"@"+todayKey
						emit(od)
						if cal.workingDays(chidao.DateOf(due.In(loc)), today, cfg.EscalateAfterDays) > cfg.EscalateAfterDays {
							x.Stage = StageEscalated
							emit(x)
						}
					case last == today:
						x.Stage = StageDue0
						emit(x)
					case last.After(today) && !last.After(next):
						x.Stage = StageDue1
						emit(x)
					case last.After(today) && today.DaysUntil(last) <= 3:
						x.Stage = StageDue3
						emit(x)
					}
				}
			}
		}
	}
	return ev
}

// candidates picks the occurrences of a task that may need a reminder for
// one unit at the instant: the latest one already due (an older missed
// period of a recurring task shows in the digest, not in daily reminders)
// and those whose last day is at most horizon. An extension replaces the
// date of the one it extends (see extend).
func candidates(t chidao.Task, occs []chidao.Occurrence, ext chidao.Date, extended bool, at time.Time, loc *time.Location, horizon chidao.Date) []chidao.Occurrence {
	var out []chidao.Occurrence
	past := -1
	for i, o := range occs {
		if !at.Before(o.DueAt(loc)) {
			past = i
			continue
		}
		if !o.LastDay().After(horizon) {
			out = append(out, o)
		}
	}
	if past >= 0 {
		out = append([]chidao.Occurrence{occs[past]}, out...)
	}
	if !extended {
		return out
	}
	if len(occs) == 0 {
		// A task without a deadline that the office gave one.
		return []chidao.Occurrence{{Task: t.ID, Date: ext, Kind: chidao.DeadlineBy}}
	}
	if len(out) == 0 {
		if len(occs) == 1 {
			out = occs // a one-off task due beyond the horizon, maybe brought forward
		} else {
			return nil
		}
	}
	return extend(out, ext)
}

// extend applies an office extension to occurrences (in date order): it
// replaces the date of the latest one dated on or before the new date (the
// first one when all are later) with the new date, due when that day ends.
func extend(occs []chidao.Occurrence, until chidao.Date) []chidao.Occurrence {
	out := append([]chidao.Occurrence(nil), occs...)
	i := 0
	for j, o := range out {
		if !o.Date.After(until) {
			i = j
		}
	}
	out[i].Date = until
	out[i].Kind = chidao.DeadlineBy
	return out
}

// taskUnits returns the units a task falls to. The parser has already
// decided: the named assignees, every recipient when none is named, and
// none when the task is addressed to a body outside the unit list.
func taskUnits(d *chidao.Directive, t chidao.Task) []string {
	return uniq(t.AssigneeUnits)
}

// activeMutes returns the mutes in force at the instant.
func activeMutes(ms []store.Mute, at time.Time) []store.Mute {
	var out []store.Mute
	for _, m := range ms {
		if m.Until.IsZero() || at.Before(m.Until) {
			out = append(out, m)
		}
	}
	return out
}

// muted reports whether a mute covers the unit and directive; a mute's empty
// Unit or Directive covers all.
func muted(ms []store.Mute, unit, directive string) bool {
	for _, m := range ms {
		if (m.Unit == "" || m.Unit == unit) && (m.Directive == "" || m.Directive == directive) {
			return true
		}
	}
	return false
}

// indexReports indexes reports by task, occurrence and unit, keeping the
// latest when one repeats.
func indexReports(rs []chidao.Report) map[string]*chidao.Report {
	out := make(map[string]*chidao.Report, len(rs))
	for i := range rs {
		r := &rs[i]
		k := reportKey(r.Task, r.Occurrence, r.Unit)
		if old := out[k]; old == nil || !r.At.Before(old.At) {
			out[k] = r
		}
	}
	return out
}

func reportKey(task, occurrence, unit string) string { return task + "|" + occurrence + "|" + unit }

func extensionKey(task, unit string) string { return task + "|" + unit }

// uniq returns s without repeats and empty strings, in order.
func uniq(s []string) []string {
	seen := make(map[string]bool, len(s))
	out := make([]string, 0, len(s))
	for _, x := range s {
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
