package reminders

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/robfig/cron/v3"
)

// catchUpLookback bounds how far back a first start (no tick ever recorded)
// looks for a missed scheduled tick.
const catchUpLookback = 24 * time.Hour

// maxLookback bounds how far back a restart looks for missed ticks; one
// catch-up tick covers any number of them.
const maxLookback = 8 * 24 * time.Hour

// Run runs the reminder loop until ctx ends: a tick at each Schedule time,
// the digest to the admins at DigestSchedule, and, once at start, a
// catch-up tick when a scheduled tick was missed while the process was
// down. Several processes may run it at once: the leader lock and the marks
// keep every reminder single. It returns nil after ctx ends, once the
// running jobs have finished.
func (s *Service) Run(ctx context.Context) error {
	l := cronLogger{s.log}
	c := cron.New(
		cron.WithLocation(s.cfg.Location),
		cron.WithLogger(l),
		cron.WithChain(cron.Recover(l), cron.SkipIfStillRunning(l)),
	)
	for _, spec := range s.cfg.Schedule {
		if _, err := c.AddFunc(spec, func() { s.scheduledTick(ctx) }); err != nil {
			return fmt.Errorf("reminders: schedule %q: %w", spec, err)
		}
	}
	if _, err := c.AddFunc(s.cfg.DigestSchedule, func() { s.scheduledDigest(ctx) }); err != nil {
		return fmt.Errorf("reminders: digest schedule %q: %w", s.cfg.DigestSchedule, err)
	}
	res, ticked, err := s.catchUp(ctx)
	if err != nil {
		s.log.Error("reminder catch-up tick failed", "err", err)
	}
	c.Start()
	// A process killed mid-tick leaves its claims leased and maybe its lock
	// held for a while: when the catch-up found either, tick once more after
	// both have run out, so that nothing it claimed goes missing.
	var again <-chan time.Time
	if ticked && (err != nil || !res.Leader || res.Held > 0) {
		t := time.NewTimer(s.followUpDelay())
		defer t.Stop()
		again = t.C
	}
	select {
	case <-ctx.Done():
	case <-again:
		s.scheduledTick(ctx)
		<-ctx.Done()
	}
	<-c.Stop().Done()
	return nil
}

// followUpDelay is how long after a catch-up tick the follow-up waits: past
// the claims' lease and the leader lock of a process that died.
func (s *Service) followUpDelay() time.Duration {
	return max(s.cfg.Lease, s.cfg.LockTTL) + s.cfg.LockTTL/2
}

func (s *Service) scheduledTick(ctx context.Context) {
	at := s.clock.Now()
	res, err := s.Tick(ctx, at)
	if err != nil {
		s.log.Error("reminder tick failed", "at", at, "err", err)
		return
	}
	s.log.Info("reminder tick", "at", at, "leader", res.Leader, "off", res.Off, "due", res.Due,
		"sent", res.Sent, "skipped", res.Skipped, "failed", res.Failed, "messages", res.Messages)
}

func (s *Service) scheduledDigest(ctx context.Context) {
	at := s.clock.Now()
	n, err := s.SendDigest(ctx, at)
	if err != nil {
		s.log.Error("digest failed", "at", at, "err", err)
		return
	}
	s.log.Info("digest", "at", at, "messages", n)
}

// CatchUp runs one tick now when a scheduled tick time has passed since the
// last recorded tick (the process was down, or a tick died half-way). On a
// first start it looks back a day. It reports whether it ticked. Run calls
// it at start, and ticks once more a lease later when the catch-up found
// reminders still claimed by a process that may have died.
func (s *Service) CatchUp(ctx context.Context) (bool, error) {
	_, ticked, err := s.catchUp(ctx)
	return ticked, err
}

func (s *Service) catchUp(ctx context.Context) (TickResult, bool, error) {
	now := s.clock.Now()
	last, err := s.store.LastTick(ctx)
	if err != nil {
		return TickResult{}, false, fmt.Errorf("reminders: catch up: %w", err)
	}
	from := now.Add(-catchUpLookback)
	if !last.IsZero() {
		from = last
		if now.Sub(last) > maxLookback {
			from = now.Add(-maxLookback)
		}
	}
	missed := s.scheduledBetween(from, now)
	if missed.IsZero() {
		return TickResult{}, false, nil
	}
	s.log.Info("catching up a missed reminder tick", "missed", missed, "last", last)
	res, err := s.Tick(ctx, now)
	if err != nil {
		return res, true, err
	}
	s.log.Info("reminder catch-up tick", "leader", res.Leader, "sent", res.Sent, "held", res.Held, "messages", res.Messages, "off", res.Off)
	return res, true, nil
}

// scheduledBetween returns the first scheduled tick time in (from, to], or
// the zero time when there is none.
func (s *Service) scheduledBetween(from, to time.Time) time.Time {
	var first time.Time
	for _, spec := range s.cfg.Schedule {
		sched, err := cron.ParseStandard(spec)
		if err != nil {
			continue // Validate rejected it already
		}
		n := sched.Next(from.In(s.cfg.Location))
		if n.IsZero() || n.After(to) {
			continue
		}
		if first.IsZero() || n.Before(first) {
			first = n
		}
	}
	return first
}

// cronLogger writes cron's messages to slog: its routine ones at debug
// level, its errors (and recovered panics) at error level.
type cronLogger struct{ l *slog.Logger }

// Info logs cron's routine messages.
func (c cronLogger) Info(msg string, keysAndValues ...any) {
	c.l.Debug("cron", append([]any{"event", msg}, keysAndValues...)...)
}

// Error logs cron's errors and recovered panics.
func (c cronLogger) Error(err error, msg string, keysAndValues ...any) {
	c.l.Error("cron", append([]any{"event", msg, "err", err}, keysAndValues...)...)
}

var _ cron.Logger = cronLogger{}
