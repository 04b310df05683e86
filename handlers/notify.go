package handlers

import (
	"context"
	"fmt"

	"chidao"
	"chidao/bot"
)

// Action kinds of a notice's buttons.
const (
	ActionAck   = "ack"   // "✅ Đã nhận" for a directive
	ActionDone  = "done"  // "✔️ Xong NV x" for a task occurrence
	ActionTasks = "tasks" // "📋 Nhiệm vụ" of a directive
)

// Action is one button of a notice another part of chidao sends (the
// reminders): the handlers sign it, so pressing it works like any button.
type Action struct {
	Kind       string
	Directive  string
	Task       string
	Occurrence string
}

// Notify sends a message with action buttons to a member's chat.
func (h *Handlers) Notify(ctx context.Context, chat chidao.ChatRef, text string, actions []Action) error {
	out, ok := h.out.For(chat.Platform)
	if !ok {
		return fmt.Errorf("notify: no messenger for platform %q", chat.Platform)
	}
	var buttons [][]bot.Button
	for _, a := range actions {
		key := shortKey(a.Directive)
		switch a.Kind {
		case ActionAck:
			title := a.Directive
			if d, ok := h.index.Directive(a.Directive); ok {
				title = d.Number
				if title == "" || title[0] == '/' {
					title = d.Kind
				}
			}
			buttons = append(buttons, h.button(clip("✅ Đã nhận "+title, 40), actAck, key))
		case ActionDone:
			buttons = append(buttons, h.button("✔️ Xong NV "+a.Task, actDone, key, a.Task, a.Occurrence))
		case ActionTasks:
			buttons = append(buttons, h.button("📋 Nhiệm vụ", actTasks, key))
		}
	}
	_, err := h.send(ctx, out, bot.Message{Chat: chat, Text: text, Buttons: rows(buttons...)})
	return err
}

// SetReporter gives the handlers the follow-up reports (/baocao and the task
// columns of /xuat); the wiring calls it once before serving.
func (h *Handlers) SetReporter(r Reporter) { h.reports = r }

// OnBroadcast registers a function called after a broadcast is queued (the
// outbox sender's Wake); the wiring calls it once before serving.
func (h *Handlers) OnBroadcast(f func()) { h.onBroadcast = f }

// OnAdmin registers a function called when someone becomes office staff
// (an admin invite, or a configured admin's first message); the wiring
// gives them the office's command menu. Call it once before serving.
func (h *Handlers) OnAdmin(f func(context.Context, chidao.Member)) { h.onAdmin = f }

// WarnOffice tells every admin this process knows (from memory: the store
// may be what failed) a warning, and returns how many were told.
func (h *Handlers) WarnOffice(ctx context.Context, text string) int {
	h.mu.Lock()
	members := make([]chidao.Member, 0, len(h.members))
	for _, m := range h.members {
		members = append(members, m)
	}
	h.mu.Unlock()
	return h.toAdmins(ctx, members, bot.Message{Text: text}, "warn the office")
}

// toAdmins sends m to each active admin among members, logging a failure
// as what was being done, and returns how many it reached.
func (h *Handlers) toAdmins(ctx context.Context, members []chidao.Member, m bot.Message, what string) int {
	told := 0
	for _, a := range members {
		out, ok := h.out.For(a.Platform)
		if !ok || !a.IsAdmin() || !a.Active {
			continue
		}
		m.Chat = a.Chat()
		if _, err := h.send(ctx, out, m); err != nil {
			h.log.Warn(what, "err", err)
			continue
		}
		told++
	}
	return told
}
