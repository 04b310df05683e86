// Package delivery sends what a broadcast put in the durable outbox: it
// claims deliveries from the store, paces them within the platforms' rate
// limits, sends each (the directive's header with its buttons, then the
// original file), and records the outcome: delivered, retried later (429,
// 5xx, network), or failed (the member blocked the bot, the chat is gone),
// in which case the member is marked inactive and the office is told.
package delivery

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"chidao"
	"chidao/bot"
	"chidao/store"
)

// Outbox is the durable queue of deliveries (implemented by *store.DB).
type Outbox interface {
	Claim(ctx context.Context, now time.Time, lease time.Duration, max int) ([]store.Delivery, error)
	DeliveredBatch(ctx context.Context, sent []store.Sent) error
	RecoverOutbox(ctx context.Context) (int, error)
	Retry(ctx context.Context, d store.Delivery, at time.Time, reason string) error
	Failed(ctx context.Context, d store.Delivery, reason string, at time.Time) error
	Queued(ctx context.Context) (int, error)
	SetActive(ctx context.Context, memberKey string, active bool) error
	Audit(ctx context.Context, entries ...store.AuditEntry) error
}

// Composer writes the message a delivery carries and hears of members that
// cannot be reached (implemented by the handlers).
type Composer interface {
	DeliveryMessage(ctx context.Context, d store.Delivery) (bot.Message, error)
	Unreachable(ctx context.Context, d store.Delivery, reason string)
}

// Options tunes a Sender; zero values take the defaults.
type Options struct {
	// Limits are the platform's rate limits (default 30/s, 1/s per chat, 20/min per group).
	Limits bot.Limits
	// Unlimited turns pacing off (benchmarks, self-hosted Bot API servers).
	Unlimited bool
	// Lease is how long a claimed delivery is held before another sender
	// may take it (default 2 minutes).
	Lease time.Duration
	// Batch is how many deliveries are claimed at once (default 32).
	Batch int
	// Workers is how many sends run at once (default 64: each delivery
	// holds its worker for the per-chat gap between its text and its file).
	Workers int
	// MaxAttempts bounds retries of temporary failures (default 8).
	MaxAttempts int
	// Idle is how often an idle sender looks for work (default 2s); Wake
	// makes it look at once.
	Idle   time.Duration
	Clock  chidao.Clock
	Logger *slog.Logger
}

// Stats counts what a Sender did.
type Stats struct {
	Delivered, Retried, Failed, RateLimited int64
}

// Sender drains the outbox. Several senders (replicas, a CLI broadcast
// beside `serve`) may run at once: each delivery is claimed by one.
type Sender struct {
	ob      Outbox
	comp    Composer
	out     bot.Messengers
	limiter *bot.Limiter
	o       Options
	wake    chan struct{}

	delivered, retried, failed, limited atomic.Int64
}

// New builds a Sender.
func New(ob Outbox, comp Composer, out bot.Messengers, o Options) *Sender {
	if o.Limits == (bot.Limits{}) {
		o.Limits = bot.Limits{PerSecond: 30, PerChat: time.Second, PerGroupPerMinute: 20}
	}
	if o.Lease <= 0 {
		o.Lease = 2 * time.Minute
	}
	if o.Batch <= 0 {
		o.Batch = 32
	}
	if o.Workers <= 0 {
		o.Workers = 64
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 8
	}
	if o.Idle <= 0 {
		o.Idle = 2 * time.Second
	}
	if o.Clock == nil {
		o.Clock = chidao.SystemClock{}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Sender{ob: ob, comp: comp, out: out, o: o, wake: make(chan struct{}, 1)}
	if !o.Unlimited {
		s.limiter = bot.NewLimiter(o.Limits, o.Clock)
	}
	return s
}

// Stats returns the counts so far.
func (s *Sender) Stats() Stats {
	return Stats{Delivered: s.delivered.Load(), Retried: s.retried.Load(), Failed: s.failed.Load(), RateLimited: s.limited.Load()}
}

// Wake tells an idle sender there is new work.
func (s *Sender) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run sends until ctx is done.
func (s *Sender) Run(ctx context.Context) error {
	return s.loop(ctx, false)
}

// RunUntilEmpty sends until nothing is left queued (deliveries waiting for a
// retry included), or ctx is done.
func (s *Sender) RunUntilEmpty(ctx context.Context) error {
	return s.loop(ctx, true)
}

func (s *Sender) loop(ctx context.Context, untilEmpty bool) error {
	// A process that died halfway through queueing leaves entries nobody
	// would find; index them again before looking for work.
	if n, err := s.ob.RecoverOutbox(ctx); err != nil {
		s.o.Logger.Warn("recover the outbox", "err", err)
	} else if n > 0 {
		s.o.Logger.Info("recovered outbox entries", "entries", n)
	}
	// A pipeline: the feeder claims deliveries as workers free up, the
	// workers send, and the collector records outcomes in batches. No worker
	// waits for a slow neighbour (a member's file a second behind its text).
	work := make(chan store.Delivery)
	results := make(chan outcome, s.o.Workers)
	progress := make(chan struct{}, 1)
	var pending atomic.Int64 // claimed, outcome not yet recorded
	var workers sync.WaitGroup
	for range s.o.Workers {
		workers.Go(func() {
			for d := range work {
				a, x := s.deliver(ctx, d)
				results <- outcome{audit: a, sent: x}
			}
		})
	}
	collected := make(chan struct{})
	go func() {
		s.collect(ctx, results, &pending, progress)
		close(collected)
	}()
	err := s.feed(ctx, untilEmpty, work, &pending, progress)
	close(work)
	workers.Wait()
	close(results)
	<-collected
	return err
}

// outcome is what sending one delivery came to.
type outcome struct {
	audit store.AuditEntry
	sent  *store.Sent // nil unless delivered
}

// feed claims deliveries and hands them to the workers until ctx ends (or,
// with untilEmpty, until nothing is left queued).
func (s *Sender) feed(ctx context.Context, untilEmpty bool, work chan<- store.Delivery, pending *atomic.Int64, progress <-chan struct{}) error {
	backoff := time.Second
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		batch, err := s.ob.Claim(ctx, s.o.Clock.Now(), s.o.Lease, s.o.Batch)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			s.o.Logger.Warn("claim deliveries", "err", err, "retry_in", backoff)
			if !sleep(ctx, backoff, nil) {
				return ctx.Err()
			}
			backoff = min(backoff*2, 30*time.Second)
			continue
		}
		backoff = time.Second
		if len(batch) > 0 {
			pending.Add(int64(len(batch)))
			for _, d := range batch {
				select {
				case work <- d:
				case <-ctx.Done():
					// Unsent claims come back when their lease ends.
					return ctx.Err()
				}
			}
			continue
		}
		if pending.Load() > 0 {
			// Sends in flight may yet be put back for a retry: wait for them.
			if !sleep(ctx, s.o.Idle, progress) {
				return ctx.Err()
			}
			continue
		}
		if untilEmpty {
			n, err := s.ob.Queued(ctx)
			if err == nil && n == 0 {
				return nil
			}
		}
		if !sleep(ctx, s.o.Idle, s.wake) {
			return ctx.Err()
		}
	}
}

// collect records outcomes: the delivered ones in one round trip per batch,
// the audit entries in another, every 50 ms or 64 outcomes.
func (s *Sender) collect(ctx context.Context, results <-chan outcome, pending *atomic.Int64, progress chan<- struct{}) {
	const most = 64
	rec := context.WithoutCancel(ctx)
	var sent []store.Sent
	var audits []store.AuditEntry
	n := 0
	flush := func() {
		if n == 0 {
			return
		}
		if len(sent) > 0 {
			if err := s.ob.DeliveredBatch(rec, sent); err != nil {
				// The messages went out; a lost record means they may go out
				// again after the lease, which is the at-least-once promise.
				s.o.Logger.Warn("record deliveries", "err", err, "deliveries", len(sent))
			}
			s.delivered.Add(int64(len(sent)))
		}
		if len(audits) > 0 {
			if err := s.ob.Audit(rec, audits...); err != nil {
				s.o.Logger.Warn("write delivery audit", "err", err, "entries", len(audits))
			}
		}
		pending.Add(-int64(n))
		sent, audits, n = sent[:0], audits[:0], 0
		select {
		case progress <- struct{}{}:
		default:
		}
	}
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case o, ok := <-results:
			if !ok {
				flush()
				return
			}
			n++
			if o.sent != nil {
				sent = append(sent, *o.sent)
			}
			if o.audit.Action != "" {
				audits = append(audits, o.audit)
			}
			if n >= most {
				flush()
			}
		case <-tick.C:
			flush()
		}
	}
}

// deliver sends one delivery and records a failure or a retry; a success
// is returned to be recorded with the batch. It also returns the audit entry
// describing the outcome.
func (s *Sender) deliver(ctx context.Context, d store.Delivery) (store.AuditEntry, *store.Sent) {
	entry := store.AuditEntry{Directive: d.Directive, Unit: d.Unit, Member: d.Member}
	// Outcomes are recorded even when ctx ends mid-send, so a stop does not
	// leave a delivered message looking undelivered.
	rec := context.WithoutCancel(ctx)
	out, ok := s.out.For(d.Chat.Platform)
	if !ok {
		s.fail(rec, d, "no messenger for platform "+string(d.Chat.Platform))
		entry.Action, entry.Reason = "deliver-failed", "platform not configured"
		return entry, nil
	}
	msg, err := s.comp.DeliveryMessage(ctx, d)
	if err != nil {
		s.fail(rec, d, err.Error())
		entry.Action, entry.Reason = "deliver-failed", "compose: "+err.Error()
		return entry, nil
	}
	id, err := s.send(ctx, out, msg, d)
	now := s.o.Clock.Now()
	switch {
	case err == nil:
		entry.Action = "deliver"
		return entry, &store.Sent{Delivery: d, MessageID: id, At: now}
	case ctx.Err() != nil:
		// Stopping: leave the claim to expire so the entry is sent again.
		return store.AuditEntry{}, nil
	case bot.Permanent(err):
		s.fail(rec, d, err.Error())
		if err := s.ob.SetActive(rec, d.Member, false); err != nil {
			s.o.Logger.Warn("mark member inactive", "err", err)
		}
		s.comp.Unreachable(rec, d, err.Error())
		entry.Action, entry.Reason = "deliver-failed", err.Error()
	case bot.Temporary(err) && d.Attempts < s.o.MaxAttempts:
		wait := retryDelay(err, d.Attempts)
		if err := s.ob.Retry(rec, d, now.Add(wait), err.Error()); err != nil {
			s.o.Logger.Warn("requeue delivery", "err", err)
		}
		s.retried.Add(1)
		entry.Action, entry.Reason = "deliver-retry", err.Error()
	default:
		s.fail(rec, d, err.Error())
		entry.Action, entry.Reason = "deliver-failed", err.Error()
	}
	return entry, nil
}

func (s *Sender) fail(ctx context.Context, d store.Delivery, reason string) {
	if err := s.ob.Failed(ctx, d, reason, s.o.Clock.Now()); err != nil {
		s.o.Logger.Warn("record failed delivery", "err", err)
	}
	s.failed.Add(1)
}

// send sends the text (with buttons) and then the file as a second message,
// each paced by the limiter; a 429 pauses every send for retry_after and is
// tried again in place a few times. It returns the id of the message with
// the buttons.
func (s *Sender) send(ctx context.Context, out bot.Messenger, msg bot.Message, d store.Delivery) (string, error) {
	file := msg.File
	msg.File = nil
	sent, err := s.paced(ctx, out, msg, d)
	if err != nil {
		return "", err
	}
	if file != nil {
		if _, err := s.paced(ctx, out, bot.Message{Chat: msg.Chat, File: file}, d); err != nil {
			if bot.Permanent(err) {
				return "", err
			}
			// The member has the text and its buttons; only the file is
			// missing. Say so in the log rather than send the text twice.
			s.o.Logger.Warn("send directive file", "directive", d.Directive, "err", err)
		}
	}
	return sent.MessageID, nil
}

// maxInlineWait is the longest retry_after a send waits for in place;
// longer ones put the delivery back on the queue for that long instead of
// holding a worker.
const maxInlineWait = 2 * time.Second

func (s *Sender) paced(ctx context.Context, out bot.Messenger, m bot.Message, d store.Delivery) (bot.Sent, error) {
	const tries = 4
	var err error
	for range tries {
		if s.limiter != nil {
			if err := s.limiter.Wait(ctx, d.Chat, d.Group); err != nil {
				return bot.Sent{}, fmt.Errorf("wait for rate limit: %w", err)
			}
		}
		var sent bot.Sent
		sent, err = out.Send(ctx, m)
		if err == nil {
			return sent, nil
		}
		wait, is429 := bot.RetryAfter(err)
		if !is429 {
			return bot.Sent{}, err
		}
		s.limited.Add(1)
		if s.limiter != nil {
			s.limiter.Pause(wait)
		}
		if wait > maxInlineWait {
			return bot.Sent{}, err
		}
		if s.limiter == nil && !sleep(ctx, wait, nil) {
			return bot.Sent{}, ctx.Err()
		}
	}
	return bot.Sent{}, err
}

// retryDelay is how long to wait before trying a delivery again.
func retryDelay(err error, attempts int) time.Duration {
	if wait, ok := bot.RetryAfter(err); ok {
		return wait
	}
	d := time.Duration(1<<min(attempts, 8)) * time.Second
	return min(d, 5*time.Minute)
}

// sleep waits d, or until wake fires; it reports false when ctx ended.
func sleep(ctx context.Context, d time.Duration, wake <-chan struct{}) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	case <-wake:
		return true
	}
}
