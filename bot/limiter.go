package bot

import (
	"context"
	"fmt"
	"sync"
	"time"

	"chidao"
)

// Default delivery limits: Telegram's published ones.
const (
	DefaultPerSecond         = 30
	DefaultPerChat           = time.Second
	DefaultPerGroupPerMinute = 20
)

// Limits are the delivery rate limits. A zero field gets its default; a
// negative one turns that limit off.
type Limits struct {
	// PerSecond is the most messages sent per second over all chats (30).
	PerSecond float64
	// PerChat is the least time between two messages to one chat (1 s).
	PerChat time.Duration
	// PerGroupPerMinute is the most messages per minute to one group (20).
	PerGroupPerMinute int
}

// Sleeper is implemented by clocks that can wait as well as tell the time.
// A clock given to NewLimiter that is also a Sleeper is used for waiting, so
// tests can run on virtual time; other clocks wait on real timers.
type Sleeper interface {
	// Sleep waits d, or returns ctx's error when ctx ends first.
	Sleep(ctx context.Context, d time.Duration) error
}

// minSweep is the size of the per-chat table below which idle chats are not
// swept out.
const minSweep = 1024

// Limiter spaces deliveries so that they stay within Limits: sends are
// scheduled one interval apart overall (1/PerSecond, no bursts), PerChat
// apart in one chat, and 60s/PerGroupPerMinute apart in a group. Pause holds
// every send back, for a 429's retry_after. It is safe for concurrent use;
// waiters are served in the order they called Wait.
type Limiter struct {
	clock    chidao.Clock
	sleep    func(context.Context, time.Duration) error
	interval time.Duration // between any two sends; 0 = unlimited
	perChat  time.Duration // between two sends to one private chat
	perGroup time.Duration // between two sends to one group

	mu          sync.Mutex
	next        time.Time                    // earliest time of the next send overall
	chats       map[chidao.ChatRef]time.Time // earliest next send per chat; idle chats swept out
	pausedUntil time.Time
	sweepAt     int
}

// NewLimiter returns a limiter for l on clock (the system clock when nil).
func NewLimiter(l Limits, clock chidao.Clock) *Limiter {
	if clock == nil {
		clock = chidao.SystemClock{}
	}
	if l.PerSecond == 0 {
		l.PerSecond = DefaultPerSecond
	}
	if l.PerChat == 0 {
		l.PerChat = DefaultPerChat
	}
	if l.PerGroupPerMinute == 0 {
		l.PerGroupPerMinute = DefaultPerGroupPerMinute
	}
	lim := &Limiter{clock: clock, sleep: Sleep, chats: make(map[chidao.ChatRef]time.Time), sweepAt: minSweep}
	if s, ok := clock.(Sleeper); ok {
		lim.sleep = s.Sleep
	}
	if l.PerSecond > 0 {
		lim.interval = time.Duration(float64(time.Second) / l.PerSecond)
	}
	if l.PerChat > 0 {
		lim.perChat = l.PerChat
	}
	lim.perGroup = lim.perChat
	if l.PerGroupPerMinute > 0 {
		if g := time.Minute / time.Duration(l.PerGroupPerMinute); g > lim.perGroup {
			lim.perGroup = g
		}
	}
	return lim
}

// Wait blocks until a message may be sent to chat (a group when group is
// true), and reserves that slot. A chat still inside its own spacing waits
// for it first, without holding a place in the overall schedule, so one busy
// chat never delays the others. It returns ctx's error, releasing the slot
// when it can, if ctx ends first.
func (l *Limiter) Wait(ctx context.Context, chat chidao.ChatRef, group bool) error {
	spacing := l.perChat
	if group {
		spacing = l.perGroup
	}
	for {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("wait to send: %w", err)
		}
		l.mu.Lock()
		now := l.clock.Now()
		prevChat, hadChat := l.chats[chat]
		if spacing > 0 && hadChat && prevChat.After(now) {
			// The chat is not free yet: wait for it, then take an overall slot.
			l.mu.Unlock()
			if err := l.sleep(ctx, prevChat.Sub(now)); err != nil {
				return fmt.Errorf("wait to send: %w", err)
			}
			continue
		}
		at := now
		if l.pausedUntil.After(at) {
			at = l.pausedUntil
		}
		if l.interval > 0 && l.next.After(at) {
			at = l.next
		}
		prevNext := l.next
		if l.interval > 0 {
			l.next = at.Add(l.interval)
		}
		if spacing > 0 {
			l.chats[chat] = at.Add(spacing)
			l.sweep(now)
		}
		l.mu.Unlock()

		if d := at.Sub(now); d > 0 {
			if err := l.sleep(ctx, d); err != nil {
				l.release(chat, at, spacing, prevNext, prevChat, hadChat)
				return fmt.Errorf("wait to send: %w", err)
			}
		}

		l.mu.Lock()
		repause := l.pausedUntil.After(at) // Pause was called while we slept
		l.mu.Unlock()
		if !repause {
			return nil
		}
		l.release(chat, at, spacing, prevNext, prevChat, hadChat)
	}
}

// Done tells the limiter that a send to chat has just completed. The chat's
// spacing then counts from now rather than from when the send started, so a
// request slowed on its way (a loaded machine, a slow network) does not let
// the next one to that chat arrive too soon after it.
func (l *Limiter) Done(chat chidao.ChatRef, group bool) {
	spacing := l.perChat
	if group {
		spacing = l.perGroup
	}
	if spacing <= 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if next := l.clock.Now().Add(spacing); next.After(l.chats[chat]) {
		l.chats[chat] = next
	}
}

// release gives back a slot reserved at at, when no later reservation was
// made on top of it.
func (l *Limiter) release(chat chidao.ChatRef, at time.Time, spacing time.Duration, prevNext, prevChat time.Time, hadChat bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.interval > 0 && l.next.Equal(at.Add(l.interval)) {
		l.next = prevNext
	}
	if spacing > 0 {
		if cur, ok := l.chats[chat]; ok && cur.Equal(at.Add(spacing)) {
			if hadChat {
				l.chats[chat] = prevChat
			} else {
				delete(l.chats, chat)
			}
		}
	}
}

// Pause holds every send back for d from now, as a 429's retry_after asks.
// Waiters already scheduled inside the pause are rescheduled after it.
func (l *Limiter) Pause(d time.Duration) {
	if d <= 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if until := l.clock.Now().Add(d); until.After(l.pausedUntil) {
		l.pausedUntil = until
	}
}

// sweep forgets chats whose spacing has passed, once the table has doubled
// since the last sweep, so memory follows the chats active in the last
// spacing window. Called with mu held.
func (l *Limiter) sweep(now time.Time) {
	if len(l.chats) < l.sweepAt {
		return
	}
	for c, next := range l.chats {
		if !next.After(now) {
			delete(l.chats, c)
		}
	}
	l.sweepAt = max(minSweep, 2*len(l.chats))
}
