package bot

import (
	"context"
	"sync"
	"time"

	"chidao"
)

// BudgetNotice is what a chat over its budget is told, once a window.
const BudgetNotice = "Anh/chị gửi nhanh quá; bot sẽ trả lời các tin tiếp theo sau ít phút."

// BudgetOptions configures a Budget. Zero values get the defaults.
type BudgetOptions struct {
	// PerMinute is how many updates a chat may send in a minute (20).
	PerMinute int
	// AdminPerMinute is the budget of the office's chats (120).
	AdminPerMinute int
	// Admins are the member keys ("telegram:123") with the admin budget.
	Admins []string
	// Clock tells the time (the system clock).
	Clock chidao.Clock
}

// Budget keeps one chat from holding up the others at intake: each chat may
// send so many updates a minute; past that its updates are dropped (taken,
// so the platform does not send them again) and it is told once a minute.
// Intake never waits on a chat. The counts live in memory: a restart starts
// them afresh.
type Budget struct {
	perMinute, adminPerMinute int
	admins                    map[string]bool
	clock                     chidao.Clock

	mu    sync.Mutex
	chats map[chidao.ChatRef]*window
	swept time.Time
}

// window is a chat's count in the current minute.
type window struct {
	start    time.Time
	n        int
	notified bool
}

// NewBudget returns a budget.
func NewBudget(o BudgetOptions) *Budget {
	if o.PerMinute <= 0 {
		o.PerMinute = 20
	}
	if o.AdminPerMinute <= 0 {
		o.AdminPerMinute = 120
	}
	if o.Clock == nil {
		o.Clock = chidao.SystemClock{}
	}
	b := &Budget{perMinute: o.PerMinute, adminPerMinute: o.AdminPerMinute, admins: map[string]bool{}, clock: o.Clock,
		chats: map[chidao.ChatRef]*window{}}
	for _, a := range o.Admins {
		b.admins[a] = true
	}
	return b
}

// Verdict is what Budget.Take decides about one update.
type Verdict int

// The verdicts.
const (
	Pass   Verdict = iota // within the budget: handle it
	Notify                // the first over the budget this minute: drop it, tell the chat
	Drop                  // over the budget, already told: drop it
)

// Take counts an update against its chat's budget.
func (b *Budget) Take(u *Update) Verdict {
	now := b.clock.Now()
	b.mu.Lock()
	defer b.mu.Unlock()
	b.sweep(now)
	w, ok := b.chats[u.Chat]
	if !ok || now.Sub(w.start) >= time.Minute {
		w = &window{start: now}
		b.chats[u.Chat] = w
	}
	w.n++
	limit := b.perMinute
	if b.admins[string(u.Chat.Platform)+":"+u.UserID] {
		limit = b.adminPerMinute
	}
	switch {
	case w.n <= limit:
		return Pass
	case !w.notified:
		w.notified = true
		return Notify
	}
	return Drop
}

// sweep forgets, once a minute, the chats whose window has ended, so the
// counts stay as many as the chats of the last minute.
func (b *Budget) sweep(now time.Time) {
	if now.Sub(b.swept) < time.Minute {
		return
	}
	b.swept = now
	for c, w := range b.chats {
		if now.Sub(w.start) >= time.Minute {
			delete(b.chats, c)
		}
	}
}

// Sink wraps an intake sink (Pool.Submit): updates within budget go on;
// the first over it is answered with BudgetNotice through out, in the
// background, so intake does not wait on the chat's sending pace.
func (b *Budget) Sink(next func(context.Context, *Update) error, out Messengers, onDrop func(*Update)) func(context.Context, *Update) error {
	return func(ctx context.Context, u *Update) error {
		switch b.Take(u) {
		case Pass:
			return next(ctx, u)
		case Notify:
			if m, ok := out.For(u.Chat.Platform); ok && u.Private { // the bot does not talk in groups
				go func() {
					sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
					defer cancel()
					_, _ = m.Send(sctx, Message{Chat: u.Chat, Text: BudgetNotice})
				}()
			}
		}
		if onDrop != nil {
			onDrop(u)
		}
		return nil
	}
}
