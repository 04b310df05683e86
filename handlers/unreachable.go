package handlers

import (
	"chidao"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"chidao/bot"
	"chidao/store"
)

// maxLostListed is how many unreachable members one notice names.
const maxLostListed = 30

// lostMember is a member a delivery could not reach.
type lostMember struct {
	key, who, unit, reason string
}

// lostNotices gathers the members the outbox could not reach, per
// directive, until the office is told of them in one message.
type lostNotices struct {
	mu      sync.Mutex
	pending map[string][]lostMember // by directive id
}

// Unreachable tells the office that a member could not be reached (they
// blocked the bot, or the chat is gone) and has been marked inactive. A
// broadcast can fail for many members within seconds, so the notices of
// one directive are gathered for Options.NoticeDelay and sent to each admin
// as one message; FlushNotices sends what is gathered at once.
func (h *Handlers) Unreachable(ctx context.Context, dl store.Delivery, reason string) {
	who := dl.Member
	if m, err := h.st.Member(ctx, dl.Chat.Platform, strings.TrimPrefix(dl.Member, string(dl.Chat.Platform)+":")); err == nil && m.DisplayName != "" {
		who = m.DisplayName
	}
	lm := lostMember{key: dl.Member, who: who, unit: h.unitName(dl.Unit), reason: failureText(reason)}
	h.lost.mu.Lock()
	if h.lost.pending == nil {
		h.lost.pending = make(map[string][]lostMember)
	}
	first := len(h.lost.pending[dl.Directive]) == 0
	h.lost.pending[dl.Directive] = append(h.lost.pending[dl.Directive], lm)
	h.lost.mu.Unlock()
	if !first {
		return
	}
	if h.opt.NoticeDelay < 0 {
		h.flushLost(ctx, dl.Directive)
		return
	}
	// The outbox's context ends with the process; the flush at shutdown
	// covers that, so the timer's send only needs its own deadline.
	bg := context.WithoutCancel(ctx)
	time.AfterFunc(h.opt.NoticeDelay, func() {
		fctx, cancel := context.WithTimeout(bg, time.Minute)
		defer cancel()
		h.flushLost(fctx, dl.Directive)
	})
}

// FlushNotices tells the office now of the unreachable members gathered so
// far. Call it before the process exits.
func (h *Handlers) FlushNotices(ctx context.Context) {
	h.lost.mu.Lock()
	dirs := make([]string, 0, len(h.lost.pending))
	for d := range h.lost.pending {
		dirs = append(dirs, d)
	}
	h.lost.mu.Unlock()
	slices.Sort(dirs)
	for _, d := range dirs {
		h.flushLost(ctx, d)
	}
}

// flushLost sends each active admin one message naming the members of a
// directive's broadcast that could not be reached.
func (h *Handlers) flushLost(ctx context.Context, directive string) {
	h.lost.mu.Lock()
	lost := h.lost.pending[directive]
	delete(h.lost.pending, directive)
	h.lost.mu.Unlock()
	if len(lost) == 0 {
		return
	}
	title := directive
	if d, err := h.directive(ctx, directive); err == nil {
		title = d.Title()
	}
	text := lostText(title, lost)
	members, err := h.st.Members(ctx)
	if err != nil {
		h.log.Warn("read members to report unreachable members", "err", err, "count", len(lost))
		return
	}
	// Not the admins the directive did not reach themselves.
	members = slices.DeleteFunc(members, func(m chidao.Member) bool {
		return slices.ContainsFunc(lost, func(l lostMember) bool { return l.key == m.Key() })
	})
	h.toAdmins(ctx, members, bot.Message{Text: text}, "tell the office of unreachable members")
}

// lostText is the office's notice of the members a directive did not reach.
func lostText(title string, lost []lostMember) string {
	const after = "Đã ngừng gửi tin cho %s; khi nhắn lại cho bot sẽ tự nhận tin trở lại."
	if len(lost) == 1 {
		l := lost[0]
		return fmt.Sprintf("⛔ Không gửi được %s cho %s (%s): %s.\n"+after,
			title, l.who, l.unit, l.reason, "người này")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "⛔ Không gửi được %s cho %d người:\n", title, len(lost))
	for i, l := range lost {
		if i == maxLostListed {
			fmt.Fprintf(&b, "• … và %d người khác (xem /tinhhinh)\n", len(lost)-maxLostListed)
			break
		}
		fmt.Fprintf(&b, "• %s (%s): %s\n", l.who, l.unit, l.reason)
	}
	fmt.Fprintf(&b, after, "những người này")
	return b.String()
}
