package reminders

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"chidao"
	"chidao/store"
)

// Summary is where one directive stands: who acknowledged it, and each
// unit's tasks in the four groups of government follow-up reports.
type Summary struct {
	// Directive is the directive's ID.
	Directive string `json:"directive"`
	// Title names the directive ("Kế hoạch số 52/KH-UBND (…)").
	Title string `json:"title"`
	// At is the instant the summary describes.
	At time.Time `json:"at"`
	// Broadcast is when the directive was broadcast; zero when it was only
	// imported (acknowledgments are then not followed).
	Broadcast time.Time `json:"broadcast,omitzero"`
	// Recipients counts the units it was sent to, Acked those that
	// acknowledged it.
	Recipients int `json:"recipients"`
	Acked      int `json:"acked"`
	// Counts holds the number of (task occurrence, unit) pairs in each group.
	Counts map[chidao.Progress]int `json:"counts"`
	// Units are the recipient and assignee units, in the configured order.
	Units []UnitStatus `json:"units"`
}

// UnitStatus is one unit's part of a Summary.
type UnitStatus struct {
	// Unit is the unit's code, Name its name.
	Unit string `json:"unit"`
	Name string `json:"name"`
	// Recipient is true when the directive was addressed to the unit.
	Recipient bool `json:"recipient"`
	// AckedAt is when the unit first acknowledged the directive (zero when
	// it did not), AckedBy who did.
	AckedAt time.Time `json:"acked_at,omitzero"`
	AckedBy string    `json:"acked_by,omitempty"`
	// Tasks are the unit's task occurrences up to the next one of each task.
	Tasks []TaskStatus `json:"tasks"`
}

// TaskStatus is one occurrence of one task for one unit.
type TaskStatus struct {
	// Task is the task's ID; Occurrence its period key ("" for one-off).
	Task       string `json:"task"`
	Occurrence string `json:"occurrence,omitempty"`
	// Due is the deadline (as extended, when Extended); zero for none.
	Due      chidao.Date         `json:"due"`
	Kind     chidao.DeadlineKind `json:"deadline_kind,omitempty"`
	Extended bool                `json:"extended,omitempty"`
	// Progress is the occurrence's group.
	Progress chidao.Progress `json:"progress"`
	// ReportedAt, ReportedBy and Note describe the unit's report, if any.
	ReportedAt time.Time `json:"reported_at,omitzero"`
	ReportedBy string    `json:"reported_by,omitempty"`
	Note       string    `json:"note,omitempty"`
	// Returned is true when the office returned the report, with Reason.
	Returned bool   `json:"returned,omitempty"`
	Reason   string `json:"reason,omitempty"`
}

// Summary returns where a directive stands at the instant, for /baocao and
// the Excel export. store.ErrNotFound (wrapped) when there is no such
// directive.
func (s *Service) Summary(ctx context.Context, directiveID string, at time.Time) (Summary, error) {
	d, err := s.store.Directive(ctx, directiveID)
	if err != nil {
		return Summary{}, fmt.Errorf("reminders: summary of %s: %w", directiveID, err)
	}
	units, err := s.store.Units(ctx)
	if err != nil {
		return Summary{}, fmt.Errorf("reminders: summary of %s: read units: %w", directiveID, err)
	}
	fus, err := s.store.FollowUps(ctx, []string{d.ID})
	if err != nil {
		return Summary{}, fmt.Errorf("reminders: summary of %s: %w", directiveID, err)
	}
	st := State{Directives: []*chidao.Directive{d}, Units: units, FollowUps: fus}
	return summarize(newDirectory(st, s.cfg.Location), d, fus[d.ID], at, s.cfg.Location), nil
}

// summarize is the pure part of Summary.
func summarize(dir directory, d *chidao.Directive, fu store.FollowUp, at time.Time, loc *time.Location) Summary {
	sum := Summary{
		Directive: d.ID, Title: directiveLabel(d), At: at, Broadcast: fu.Broadcast.At,
		Counts: make(map[chidao.Progress]int, 4),
	}
	for _, p := range chidao.Progresses() {
		sum.Counts[p] = 0
	}
	first := map[string]chidao.Ack{}
	for _, a := range fu.Acks {
		if old, ok := first[a.Unit]; !ok || a.At.Before(old.At) {
			first[a.Unit] = a
		}
	}
	byUnit := map[string]*UnitStatus{}
	var order []string
	unit := func(code string) *UnitStatus {
		if u, ok := byUnit[code]; ok {
			return u
		}
		u := &UnitStatus{Unit: code, Name: dir.unitName(code), Tasks: []TaskStatus{}}
		if a, ok := first[code]; ok {
			u.AckedAt, u.AckedBy = a.At, a.Name
		}
		byUnit[code] = u
		order = append(order, code)
		return u
	}
	for _, code := range uniq(d.Units) {
		unit(code).Recipient = true
		sum.Recipients++
		if _, ok := first[code]; ok {
			sum.Acked++
		}
	}
	reports := indexReports(fu.Reports)
	today := chidao.DateOf(at.In(loc))
	for _, t := range d.Tasks {
		occs := t.Occurrences(d, chidao.Date{}, chidao.Date{})
		for _, code := range taskUnits(d, t) {
			u := unit(code)
			ext, extended := fu.Extensions[extensionKey(t.ID, code)]
			extended = extended && !ext.IsZero()
			for _, o := range summaryOccurrences(t, occs, ext, extended, at, loc, today) {
				r := reports[reportKey(t.ID, o.Key, code)]
				ts := TaskStatus{
					Task: t.ID, Occurrence: o.Key, Due: o.Date, Kind: o.Kind, Extended: extended && o.Kind == chidao.DeadlineBy && o.Date == ext,
					Progress: chidao.Classify(o, r, at, loc),
				}
				if r != nil {
					ts.ReportedAt, ts.ReportedBy, ts.Note = r.At, r.Name, r.Note
					ts.Returned, ts.Reason = r.Status == chidao.ReportReturned, r.Reason
				}
				u.Tasks = append(u.Tasks, ts)
				sum.Counts[ts.Progress]++
			}
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return dir.unitLess(order[i], order[j]) })
	for _, code := range order {
		sum.Units = append(sum.Units, *byUnit[code])
	}
	return sum
}

// summaryOccurrences picks the occurrences a summary shows for one unit:
// every one already due and the next one; a task without any is shown once,
// without a deadline.
func summaryOccurrences(t chidao.Task, occs []chidao.Occurrence, ext chidao.Date, extended bool, at time.Time, loc *time.Location, today chidao.Date) []chidao.Occurrence {
	if len(occs) == 0 {
		if extended {
			return []chidao.Occurrence{{Task: t.ID, Date: ext, Kind: chidao.DeadlineBy}}
		}
		return []chidao.Occurrence{{Task: t.ID}}
	}
	var out []chidao.Occurrence
	for _, o := range occs {
		out = append(out, o)
		if at.Before(o.DueAt(loc)) {
			break
		}
	}
	if extended {
		// The extension moves the latest occurrence that was due by then.
		out = extend(out, ext)
	}
	return out
}

// Text renders the summary for /baocao: acknowledgments, the four groups
// with their counts, and the late units named.
func (sum Summary) Text(loc *time.Location) string {
	var b strings.Builder
	fmt.Fprintf(&b, "📊 %s\nTình hình đến %s.", sum.Title, clockDate(sum.At, loc))
	sum.writeBody(&b)
	return b.String()
}

// writeBody writes the acknowledgment line and the four groups.
func (sum Summary) writeBody(b *strings.Builder) {
	if sum.Broadcast.IsZero() {
		b.WriteString("\nVăn bản chưa gửi qua bot: không theo dõi xác nhận đã nhận.")
	} else if sum.Recipients > 0 {
		fmt.Fprintf(b, "\nĐã nhận: %d/%d đơn vị (%d%%).", sum.Acked, sum.Recipients, sum.Acked*100/sum.Recipients)
		var missing []string
		for _, u := range sum.Units {
			if u.Recipient && u.AckedAt.IsZero() {
				missing = append(missing, u.Name)
			}
		}
		if len(missing) > 0 {
			b.WriteString(" Chưa xác nhận: " + joinNames(missing, 10) + ".")
		}
	}
	total := 0
	for _, n := range sum.Counts {
		total += n
	}
	if total == 0 {
		b.WriteString("\nVăn bản không có nhiệm vụ cần theo dõi.")
		return
	}
	fmt.Fprintf(b, "\nNhiệm vụ: %d lượt (mỗi đơn vị, mỗi kỳ tính một lượt):", total)
	for _, p := range chidao.Progresses() {
		fmt.Fprintf(b, "\n• %s: %d", capitalize(string(p)), sum.Counts[p])
		if p.Late() {
			if late := sum.lateUnits(p); late != "" {
				b.WriteString(" — " + late)
			}
		}
	}
}

// lateUnits names the units with tasks in a "quá hạn" group and the tasks:
// "UBND xã An Sơn (5, 6); Phòng Nội vụ (6)".
func (sum Summary) lateUnits(p chidao.Progress) string {
	var parts []string
	more := 0
	for _, u := range sum.Units {
		var ids []string
		for _, t := range u.Tasks {
			if t.Progress != p {
				continue
			}
			id := t.Task
			if l := chidao.PeriodLabel(t.Occurrence); l != "" {
				id += " " + l
			}
			ids = append(ids, id)
		}
		if len(ids) == 0 {
			continue
		}
		if len(parts) >= 10 {
			more++
			continue
		}
		parts = append(parts, u.Name+" ("+strings.Join(ids, ", ")+")")
	}
	s := strings.Join(parts, "; ")
	if more > 0 {
		s += fmt.Sprintf("; và %d đơn vị khác", more)
	}
	return s
}

// open reports whether anything in the summary still needs following up.
func (sum Summary) open() bool {
	if !sum.Broadcast.IsZero() && sum.Acked < sum.Recipients {
		return true
	}
	return sum.Counts[chidao.ProgressOpen] > 0 || sum.Counts[chidao.ProgressOverdue] > 0
}

// Digest returns the office's daily digest as of the instant: for each
// directive still open (not every unit acknowledged, or a task not done),
// the acknowledgment rate and the task status in the four groups, with the
// late units named. Muted directives are left out.
func (s *Service) Digest(ctx context.Context, at time.Time) (string, error) {
	st, err := s.readState(ctx, at)
	if err != nil {
		return "", fmt.Errorf("reminders: digest at %s: %w", at.Format(time.RFC3339), err)
	}
	return digest(st, at, s.cfg), nil
}

// digest is the pure part of Digest.
func digest(st State, at time.Time, cfg Config) string {
	cfg = cfg.withDefaults()
	dir := newDirectory(st, cfg.Location)
	mutes := activeMutes(st.Mutes, at)
	var b strings.Builder
	fmt.Fprintf(&b, "📊 Tổng hợp tình hình thực hiện văn bản — %s", clockDate(at, cfg.Location))
	n, closed := 0, 0
	for _, d := range st.Directives {
		if d == nil || mutedAll(mutes, d.ID) {
			continue
		}
		sum := summarize(dir, d, st.FollowUps[d.ID], at, cfg.Location)
		if !sum.open() {
			closed++
			continue
		}
		n++
		fmt.Fprintf(&b, "\n\n%d. %s", n, sum.Title)
		sum.writeBody(&b)
	}
	switch {
	case n == 0 && closed == 0:
		b.WriteString("\n\nChưa có văn bản nào đang theo dõi.")
	case n == 0:
		fmt.Fprintf(&b, "\n\nCả %d văn bản đang theo dõi đều đã hoàn thành.", closed)
	case closed > 0:
		fmt.Fprintf(&b, "\n\n%d văn bản khác đã hoàn thành.", closed)
	}
	return b.String()
}

// mutedAll reports whether a mute silences the directive for every unit.
func mutedAll(ms []store.Mute, directive string) bool {
	for _, m := range ms {
		if m.Unit == "" && (m.Directive == "" || m.Directive == directive) {
			return true
		}
	}
	return false
}

// SendDigest sends the digest as of the instant to every admin, once per
// day however many processes try (a mark claimed first). It returns the
// number of messages delivered. On a weekend or holiday it sends nothing
// and records why.
func (s *Service) SendDigest(ctx context.Context, at time.Time) (int, error) {
	now := s.clock.Now()
	day := chidao.DateOf(at.In(s.cfg.Location))
	if r := s.cal.dayOff(day); r != "" {
		err := s.store.Audit(ctx, store.AuditEntry{At: now, Action: AuditRemindSkip, Stage: AuditDigest, Reason: r})
		return 0, wrapDigest(err, at)
	}
	st, err := s.readState(ctx, at)
	if err != nil {
		return 0, wrapDigest(err, at)
	}
	_, admins := recipients(st.Members)
	if len(admins) == 0 {
		err := s.store.Audit(ctx, store.AuditEntry{At: now, Action: AuditRemindSkip, Stage: AuditDigest, Reason: ReasonNoRecipient})
		return 0, wrapDigest(err, at)
	}
	mark := store.Mark{Directive: AuditDigest, Stage: AuditDigest, Occurrence: day.String()}
	got, err := s.store.ClaimMarks(ctx, []store.Mark{mark}, s.cfg.Lease)
	if err != nil {
		return 0, wrapDigest(err, at)
	}
	if !got[0] {
		return 0, nil
	}
	text := digest(st, at, s.cfg)
	sent := 0
	var to []string
	for _, m := range admins {
		ok := true
		for _, part := range splitText(text, maxNoticeRunes) {
			if err := s.notifier.Notify(ctx, Notice{Chat: m.Chat(), Member: m.Key(), Text: part}); err != nil {
				s.log.Warn("digest not delivered", "member", m.Key(), "err", err)
				ok = false
				break
			}
		}
		if ok {
			sent++
			to = append(to, m.Key())
		}
	}
	cctx, cancel := s.cleanupCtx(ctx)
	defer cancel()
	var errs []error
	if sent == 0 {
		errs = append(errs, s.store.ReleaseMarks(cctx, []store.Mark{mark}))
		errs = append(errs, s.store.Audit(cctx, store.AuditEntry{At: now, Action: AuditRemindFailed, Stage: AuditDigest, Reason: "gửi không thành công"}))
	} else {
		errs = append(errs, s.store.ConfirmMarks(cctx, []store.Mark{mark}, s.cfg.MarkTTL))
		errs = append(errs, s.store.Audit(cctx, store.AuditEntry{At: now, Action: AuditDigest, Member: strings.Join(to, ","), Detail: day.String()}))
	}
	return sent, wrapDigest(errors.Join(errs...), at)
}

func wrapDigest(err error, at time.Time) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("reminders: digest at %s: %w", at.Format(time.RFC3339), err)
}

// maxNoticeRunes is the longest text one message of the digest carries.
const maxNoticeRunes = 3500

// splitText splits a long text at blank lines (then at line ends) into
// parts of at most n runes.
func splitText(s string, n int) []string {
	if utf8.RuneCountInString(s) <= n {
		return []string{s}
	}
	var parts []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			parts = append(parts, strings.TrimRight(cur.String(), "\n"))
			cur.Reset()
		}
	}
	for _, line := range strings.SplitAfter(s, "\n") {
		if utf8.RuneCountInString(cur.String())+utf8.RuneCountInString(line) > n {
			flush()
		}
		for utf8.RuneCountInString(line) > n {
			r := []rune(line)
			parts = append(parts, string(r[:n]))
			line = string(r[n:])
		}
		cur.WriteString(line)
	}
	flush()
	return parts
}

// clockDate formats an instant as "08:00 ngày 05/6/2024" in loc.
func clockDate(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return t.Format("15:04") + " ngày " + chidao.DateOf(t).Vietnamese()
}

// capitalize upper-cases the first letter.
func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return strings.ToUpper(string(r)) + s[size:]
}
