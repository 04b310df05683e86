// Package reminders follows tasks up as the office does: on a cron schedule
// (Asia/Ho_Chi_Minh) it works out from the stored state which reminders are
// due (directives not acknowledged, tasks due in three days, tomorrow, today,
// overdue, and overdue long enough to tell the office), claims each with a
// mark so that no replica or re-run sends it twice, re-reads the state just
// before sending, and sends each member one message listing everything due
// for their unit. It also writes the office's daily digest and the
// per-directive summary behind /baocao and the Excel export.
//
// The policy (Plan) is a pure function of the state and an instant; the
// Service adds the store, the notifier, the leader lock and the schedule.
package reminders

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"chidao"
	"chidao/store"
)

// Store is the state the reminder loop reads and writes; *store.DB
// satisfies it.
type Store interface {
	// Directives returns every stored directive, newest first.
	Directives(ctx context.Context) ([]*chidao.Directive, error)
	// Directive returns one directive; store.ErrNotFound when unknown.
	Directive(ctx context.Context, id string) (*chidao.Directive, error)
	// Units returns the configured units.
	Units(ctx context.Context) ([]chidao.Unit, error)
	// Members returns every member, active or not.
	Members(ctx context.Context) ([]chidao.Member, error)
	// Mutes returns the mutes active at now.
	Mutes(ctx context.Context, now time.Time) ([]store.Mute, error)
	// FollowUps reads the follow-up state of directives in one round trip.
	FollowUps(ctx context.Context, directives []string) (map[string]store.FollowUp, error)
	// ClaimMarks claims marks (SET NX with ttl); true means claimed now.
	ClaimMarks(ctx context.Context, marks []store.Mark, ttl time.Duration) ([]bool, error)
	// ConfirmMarks keeps the marks of sent reminders for ttl.
	ConfirmMarks(ctx context.Context, marks []store.Mark, ttl time.Duration) error
	// ReleaseMarks deletes marks so that the next tick tries again.
	ReleaseMarks(ctx context.Context, marks []store.Mark) error
	// AcquireLock takes a named lock for owner; false when someone holds it.
	AcquireLock(ctx context.Context, name, owner string, ttl time.Duration) (bool, error)
	// RenewLock extends a lock owner holds; false when it was lost.
	RenewLock(ctx context.Context, name, owner string, ttl time.Duration) (bool, error)
	// ReleaseLock releases a lock owner holds.
	ReleaseLock(ctx context.Context, name, owner string) error
	// LastTick returns when the last tick ran; zero when none did.
	LastTick(ctx context.Context) (time.Time, error)
	// SetLastTick records a tick's time (only ever moving forward).
	SetLastTick(ctx context.Context, t time.Time) error
	// Audit appends entries to the audit log.
	Audit(ctx context.Context, entries ...store.AuditEntry) error
}

// Notifier sends one notice to one member. It returns an error when the
// notice was not delivered; the reminders in it are then tried again by the
// next tick.
type Notifier interface {
	Notify(ctx context.Context, n Notice) error
}

// NotifierFunc adapts a function to Notifier.
type NotifierFunc func(ctx context.Context, n Notice) error

// Notify calls f.
func (f NotifierFunc) Notify(ctx context.Context, n Notice) error { return f(ctx, n) }

// Audit actions the reminder loop writes.
const (
	AuditRemind       = "remind"        // reminders delivered to a unit's members
	AuditEscalate     = "escalate"      // an escalation delivered to the admins
	AuditRemindSkip   = "remind-skip"   // a tick or a reminder skipped, with the reason
	AuditRemindFailed = "remind-failed" // a reminder not delivered; the next tick retries
	AuditDigest       = "digest"        // the office's digest delivered
)

var _ Store = (*store.DB)(nil)

// lockName is the leader lock a tick holds.
const lockName = "reminders"

// cleanupTimeout bounds what a tick does after its context ended: confirm
// what was sent, release what was not, write the audit.
const cleanupTimeout = 5 * time.Second

// errLostLock ends a tick whose leader lock could not be renewed.
var errLostLock = errors.New("reminders: lost the leader lock")

// Service runs the reminder loop.
type Service struct {
	store    Store
	notifier Notifier
	cfg      Config
	cal      calendar
	clock    chidao.Clock
	log      *slog.Logger
	owner    string
}

// New returns a Service. cfg's zero values take the defaults; an invalid
// cfg is an error (in Vietnamese, for the office). A nil clock is the
// system clock, a nil logger discards.
func New(st Store, notifier Notifier, cfg Config, clock chidao.Clock, logger *slog.Logger) (*Service, error) {
	if st == nil || notifier == nil {
		return nil, errors.New("reminders: a store and a notifier are required")
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("cấu hình nhắc việc: %w", err)
	}
	if clock == nil {
		clock = chidao.SystemClock{}
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("reminders: make a lock owner id: %w", err)
	}
	cfg = cfg.withDefaults()
	return &Service{
		store: st, notifier: notifier, cfg: cfg, cal: cfg.calendar(), clock: clock,
		log: logger, owner: hex.EncodeToString(b[:]),
	}, nil
}

// Config returns the configuration in use, defaults filled in.
func (s *Service) Config() Config { return s.cfg }

// readState reads everything the policy needs: five round trips.
func (s *Service) readState(ctx context.Context, at time.Time) (State, error) {
	var st State
	var err error
	if st.Directives, err = s.store.Directives(ctx); err != nil {
		return State{}, fmt.Errorf("read directives: %w", err)
	}
	if st.Units, err = s.store.Units(ctx); err != nil {
		return State{}, fmt.Errorf("read units: %w", err)
	}
	if st.Members, err = s.store.Members(ctx); err != nil {
		return State{}, fmt.Errorf("read members: %w", err)
	}
	if st.Mutes, err = s.store.Mutes(ctx, at); err != nil {
		return State{}, fmt.Errorf("read mutes: %w", err)
	}
	ids := make([]string, 0, len(st.Directives))
	for _, d := range st.Directives {
		if d != nil {
			ids = append(ids, d.ID)
		}
	}
	if st.FollowUps, err = s.store.FollowUps(ctx, ids); err != nil {
		return State{}, fmt.Errorf("read follow-ups: %w", err)
	}
	return st, nil
}

// Plan returns what a tick at the instant would send, reading the state and
// sending nothing (see the package function Plan). The result is never nil.
func (s *Service) Plan(ctx context.Context, at time.Time) ([]Due, error) {
	st, err := s.readState(ctx, at)
	if err != nil {
		return nil, fmt.Errorf("reminders: plan at %s: %w", at.Format(time.RFC3339), err)
	}
	dues := Plan(st, at, s.cfg)
	if dues == nil {
		dues = []Due{}
	}
	return dues, nil
}

// TickResult tells what one tick did.
type TickResult struct {
	// Leader is true when the tick held the leader lock; false when another
	// process was ticking, and this one did nothing.
	Leader bool
	// Off is why nothing at all was sent (ReasonWeekend, ReasonHoliday,
	// ReasonOffHours), or "".
	Off string
	// Due counts the reminders found due.
	Due int
	// Claimed counts the reminders this tick claimed.
	Claimed int
	// Held counts the reminders due whose marks were already taken: sent by
	// an earlier tick, or claimed by one still sending (or killed while it
	// did, until the claim's lease ends).
	Held int
	// Sent counts the reminders delivered to at least one member.
	Sent int
	// Skipped counts the reminders skipped: muted, no recipient, or
	// resolved (reported done, acknowledged) just before sending.
	Skipped int
	// Failed counts the claimed reminders not delivered; their marks are
	// released for the next tick.
	Failed int
	// Messages counts the messages delivered.
	Messages int
}

// Tick runs one reminder tick as of the instant: with the leader lock held
// (and renewed), it works out what is due, claims each reminder's mark,
// re-reads acknowledgments, reports and extensions, sends one message per
// member, confirms the marks of what was delivered and releases the others,
// and writes the audit. Without the lock it returns a zero TickResult
// (Leader false) and no error. It is safe beside another process ticking,
// at the same instant or not: no reminder goes out twice.
func (s *Service) Tick(ctx context.Context, at time.Time) (TickResult, error) {
	ok, err := s.store.AcquireLock(ctx, lockName, s.owner, s.cfg.LockTTL)
	if err != nil {
		return TickResult{}, fmt.Errorf("reminders: tick at %s: take the lock: %w", at.Format(time.RFC3339), err)
	}
	if !ok {
		s.log.Info("reminder tick skipped: another process is ticking", "at", at)
		return TickResult{}, nil
	}
	tickCtx, cancel := context.WithCancelCause(ctx)
	renewed := make(chan struct{})
	go func() {
		defer close(renewed)
		s.keepLock(tickCtx, cancel)
	}()
	defer func() {
		// Also on a panic (a notifier's), which cron.Recover reports:
		// stop renewing and hand the lock on.
		cancel(nil)
		<-renewed
		cctx, ccancel := s.cleanupCtx(ctx)
		defer ccancel()
		if rerr := s.store.ReleaseLock(cctx, lockName, s.owner); rerr != nil {
			s.log.Warn("release the reminder lock", "err", rerr)
		}
	}()
	res, err := s.tick(tickCtx, at)
	res.Leader = true
	if err != nil {
		return res, fmt.Errorf("reminders: tick at %s: %w", at.Format(time.RFC3339), err)
	}
	return res, nil
}

// keepLock renews the leader lock at a third of its lifetime until ctx ends;
// when the lock is lost it cancels the tick, which then stops sending.
func (s *Service) keepLock(ctx context.Context, cancel context.CancelCauseFunc) {
	t := time.NewTicker(s.cfg.LockTTL / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			ok, err := s.store.RenewLock(ctx, lockName, s.owner, s.cfg.LockTTL)
			if ctx.Err() != nil {
				return
			}
			if err != nil || !ok {
				s.log.Error("reminder tick lost its lock; stopping", "err", err)
				cancel(errLostLock)
				return
			}
		}
	}
}

// outgoing is one notice and the reminders it carries.
type outgoing struct {
	Notice
	items []Due
}

// tick is Tick with the lock held.
func (s *Service) tick(ctx context.Context, at time.Time) (TickResult, error) {
	var res TickResult
	st, err := s.readState(ctx, at)
	if err != nil {
		return res, err
	}
	ev := evaluate(st, at, s.cfg)
	now := s.clock.Now()
	detail := "lượt nhắc " + at.In(s.cfg.Location).Format(time.RFC3339)
	var audit []store.AuditEntry
	if ev.off != "" {
		res.Off = ev.off
		audit = append(audit, store.AuditEntry{At: now, Action: AuditRemindSkip, Reason: ev.off, Detail: detail})
		return res, s.finish(ctx, at, audit, true)
	}
	res.Due = len(ev.dues)
	skip := func(x Due, reason string) {
		res.Skipped++
		audit = append(audit, auditEntry(now, AuditRemindSkip, x, "", reason, detail))
	}
	for _, sk := range ev.skips {
		skip(sk.Due, sk.Reason)
	}

	byUnit, admins := recipients(st.Members)
	var wanted []Due
	for _, x := range ev.dues {
		to := byUnit[x.Unit]
		if x.Stage == StageEscalated {
			to = admins
		}
		if len(to) == 0 {
			skip(x, ReasonNoRecipient)
			continue
		}
		wanted = append(wanted, x)
	}
	if len(wanted) == 0 {
		return res, s.finish(ctx, at, audit, true)
	}

	marks := make([]store.Mark, len(wanted))
	for i, x := range wanted {
		marks[i] = x.mark()
	}
	got, err := s.store.ClaimMarks(ctx, marks, s.cfg.Lease)
	if err != nil {
		return res, errors.Join(fmt.Errorf("claim reminder marks: %w", err), s.finish(ctx, at, audit, false))
	}
	var claimed []Due
	for i, ok := range got {
		if ok {
			claimed = append(claimed, wanted[i])
		}
	}
	res.Claimed = len(claimed)
	res.Held = len(wanted) - len(claimed)
	if len(claimed) == 0 {
		return res, s.finish(ctx, at, audit, true)
	}

	// Re-read what may have changed since: a report, an acknowledgment, an
	// extension that arrived while this tick worked.
	keep, resolved, err := s.recheck(ctx, st, at, claimed)
	if err != nil {
		cctx, cancel := s.cleanupCtx(ctx)
		defer cancel()
		if rerr := s.store.ReleaseMarks(cctx, marksOf(claimed)); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return res, errors.Join(err, s.finish(ctx, at, audit, false))
	}
	for _, x := range resolved {
		skip(x, ReasonResolved)
	}

	dir := newDirectory(st, s.cfg.Location)
	notices := s.compose(dir, st.Members, keep, ev.today)
	delivered, failures := s.send(ctx, notices, &res)

	var release []store.Mark
	for _, x := range resolved {
		release = append(release, x.mark())
	}
	for _, x := range keep {
		k := x.mark()
		switch to := delivered[k]; {
		case len(to) > 0:
			res.Sent++
			action := AuditRemind
			if x.Stage == StageEscalated {
				action = AuditEscalate
			}
			audit = append(audit, auditEntry(now, action, x, strings.Join(to, ","), "", detail))
		case failures[k] != "":
			res.Failed++
			release = append(release, k)
			audit = append(audit, auditEntry(now, AuditRemindFailed, x, "", failures[k], detail))
		default:
			// Never attempted: the tick was stopped. Released so that the
			// next tick (the catch-up at start) sends it.
			res.Failed++
			release = append(release, k)
			audit = append(audit, auditEntry(now, AuditRemindFailed, x, "", "lượt nhắc bị dừng trước khi gửi", detail))
		}
	}
	cctx, cancel := s.cleanupCtx(ctx)
	defer cancel()
	var errs []error
	if len(release) > 0 {
		if err := s.store.ReleaseMarks(cctx, release); err != nil {
			errs = append(errs, fmt.Errorf("release %d reminder marks: %w", len(release), err))
		}
	}
	if err := context.Cause(ctx); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, s.finish(ctx, at, audit, ctx.Err() == nil))
	return res, errors.Join(errs...)
}

// recheck re-reads the follow-up state of the claimed reminders' directives
// (one round trip) and splits them into those still due and those resolved
// meanwhile.
func (s *Service) recheck(ctx context.Context, st State, at time.Time, claimed []Due) (keep, resolved []Due, err error) {
	ids := uniq(directivesOf(claimed))
	fresh, err := s.store.FollowUps(ctx, ids)
	if err != nil {
		return nil, nil, fmt.Errorf("re-read follow-ups before sending: %w", err)
	}
	st2 := st
	st2.FollowUps = make(map[string]store.FollowUp, len(st.FollowUps))
	for id, f := range st.FollowUps {
		st2.FollowUps[id] = f
	}
	for id, f := range fresh {
		st2.FollowUps[id] = f
	}
	still := make(map[store.Mark]bool)
	for _, x := range evaluate(st2, at, s.cfg).dues {
		still[x.mark()] = true
	}
	for _, x := range claimed {
		if still[x.mark()] {
			keep = append(keep, x)
		} else {
			resolved = append(resolved, x)
		}
	}
	return keep, resolved, nil
}

// compose builds one notice per member: everything due for the member's
// unit, and for an admin the escalations too.
func (s *Service) compose(dir directory, members []chidao.Member, items []Due, today chidao.Date) []outgoing {
	perUnit := map[string][]Due{}
	var escalations []Due
	for _, x := range items {
		if x.Stage == StageEscalated {
			escalations = append(escalations, x)
		} else {
			perUnit[x.Unit] = append(perUnit[x.Unit], x)
		}
	}
	var out []outgoing
	for _, m := range members {
		if !reachable(m) {
			continue
		}
		own := perUnit[m.Unit]
		var esc []Due
		if m.IsAdmin() {
			esc = escalations
		}
		if len(own) == 0 && len(esc) == 0 {
			continue
		}
		n := dir.notice(m, own, esc, today, s.cfg.EscalateAfterDays)
		out = append(out, outgoing{Notice: n, items: append(append([]Due(nil), own...), esc...)})
	}
	return out
}

// send delivers the notices in order, confirming the marks of each
// delivered reminder as soon as possible (a process killed mid-tick then
// repeats at most the reminders of the notice in flight). It stops when ctx
// ends. It returns, per mark, the members it reached, and the last error of
// those not delivered.
func (s *Service) send(ctx context.Context, notices []outgoing, res *TickResult) (map[store.Mark][]string, map[store.Mark]string) {
	delivered := map[store.Mark][]string{}
	failures := map[store.Mark]string{}
	conf := s.newConfirmer(ctx)
	defer conf.close()
	for _, n := range notices {
		if ctx.Err() != nil {
			break
		}
		if err := s.notifier.Notify(ctx, n.Notice); err != nil {
			s.log.Warn("reminder not delivered", "member", n.Member, "items", len(n.items), "err", err)
			for _, x := range n.items {
				failures[x.mark()] = "gửi không thành công: " + err.Error()
			}
			continue
		}
		res.Messages++
		var fresh []store.Mark
		for _, x := range n.items {
			k := x.mark()
			if len(delivered[k]) == 0 {
				fresh = append(fresh, k)
			}
			delivered[k] = append(delivered[k], n.Member)
		}
		conf.add(fresh)
	}
	return delivered, failures
}

// confirmer confirms the marks of delivered reminders in the background:
// the first right after the first delivery, then whatever accumulated, at
// most every confirmInterval, and the rest when the sending ends. A process
// killed outright mid-tick thus repeats at most the reminders delivered in
// the last confirmInterval, and a tick makes few round trips however many
// messages it sends.
type confirmer struct {
	s       *Service
	ctx     context.Context
	mu      sync.Mutex
	pending []store.Mark
	wake    chan struct{}
	stop    chan struct{}
	done    chan struct{}
}

// confirmInterval is the least time between two confirmations of a tick.
const confirmInterval = 100 * time.Millisecond

func (s *Service) newConfirmer(ctx context.Context) *confirmer {
	c := &confirmer{
		s:    s,
		ctx:  context.WithoutCancel(ctx), // a stopped tick still confirms what it sent
		wake: make(chan struct{}, 1),
		stop: make(chan struct{}),
		done: make(chan struct{}),
	}
	go c.run()
	return c
}

func (c *confirmer) add(ms []store.Mark) {
	if len(ms) == 0 {
		return
	}
	c.mu.Lock()
	c.pending = append(c.pending, ms...)
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

func (c *confirmer) run() {
	defer close(c.done)
	pause := time.NewTimer(0)
	defer pause.Stop()
	for {
		select {
		case <-c.wake:
		case <-c.stop:
			c.flush()
			return
		}
		c.flush()
		pause.Reset(confirmInterval)
		select {
		case <-pause.C:
		case <-c.stop:
			c.flush()
			return
		}
	}
}

func (c *confirmer) flush() {
	c.mu.Lock()
	batch := c.pending
	c.pending = nil
	c.mu.Unlock()
	if len(batch) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(c.ctx, cleanupTimeout)
	defer cancel()
	if err := c.s.store.ConfirmMarks(ctx, batch, c.s.cfg.MarkTTL); err != nil {
		// The marks keep their lease; after it a tick may repeat them.
		c.s.log.Error("confirm sent reminders", "marks", len(batch), "err", err)
	}
}

// close flushes what is pending and waits for the background confirmer.
func (c *confirmer) close() {
	close(c.stop)
	<-c.done
}

// finish writes the audit and, when the tick ran to its end, records it as
// the last tick.
func (s *Service) finish(ctx context.Context, at time.Time, audit []store.AuditEntry, completed bool) error {
	cctx, cancel := s.cleanupCtx(ctx)
	defer cancel()
	var errs []error
	if len(audit) > 0 {
		if err := s.store.Audit(cctx, audit...); err != nil {
			errs = append(errs, fmt.Errorf("write %d audit entries: %w", len(audit), err))
		}
	}
	if completed {
		if err := s.store.SetLastTick(cctx, at); err != nil {
			errs = append(errs, fmt.Errorf("record the tick: %w", err))
		}
	}
	return errors.Join(errs...)
}

// cleanupCtx is a context for the writes after a tick's context may have
// ended.
func (s *Service) cleanupCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
}

// recipients returns the reachable members by unit, and the reachable
// admins.
func recipients(members []chidao.Member) (map[string][]chidao.Member, []chidao.Member) {
	byUnit := map[string][]chidao.Member{}
	var admins []chidao.Member
	for _, m := range members {
		if !reachable(m) {
			continue
		}
		byUnit[m.Unit] = append(byUnit[m.Unit], m)
		if m.IsAdmin() {
			admins = append(admins, m)
		}
	}
	return byUnit, admins
}

// reachable reports whether a member can be sent a message.
func reachable(m chidao.Member) bool { return m.Active && m.ChatID != "" }

func auditEntry(at time.Time, action string, x Due, member, reason, detail string) store.AuditEntry {
	d := detail
	if x.Occurrence != "" {
		d += "; kỳ " + x.Occurrence
	}
	return store.AuditEntry{
		At: at, Action: action, Directive: x.Directive, Task: x.Task, Unit: x.Unit,
		Member: member, Stage: x.Stage, Reason: reason, Detail: d,
	}
}

func marksOf(xs []Due) []store.Mark {
	out := make([]store.Mark, len(xs))
	for i, x := range xs {
		out[i] = x.mark()
	}
	return out
}

func directivesOf(xs []Due) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = x.Directive
	}
	return out
}
