package handlers

import (
	"context"
	"errors"

	"chidao/bot"
	"chidao/store"
)

// onCallback handles a button press (or, on platforms without buttons, a
// typed number): the data is checked before anything is done.
func (h *Handlers) onCallback(ctx context.Context, u *bot.Update) error {
	rq := reqFrom(ctx)
	action, args, err := h.codec.decode(u.Callback.Data)
	if err != nil {
		h.audit(ctx, store.AuditEntry{Action: "refused", Member: u.Sender(), Reason: "forged or malformed button", Detail: clip(u.Callback.Data, 64)})
		h.answerCallback(ctx, rq, "Nút không hợp lệ.")
		if errors.Is(err, errForged) {
			return h.reply(ctx, rq, textBadButton)
		}
		return nil
	}
	if !rq.registered {
		h.answerCallback(ctx, rq, "")
		return h.notRegistered(ctx, rq)
	}
	need := map[string]int{actRedeem: 1, actDoneAll: 1, actAck: 1, actTasks: 1, actView: 1, actDone: 3, actSend: 1, actCancel: 1, actKeep: 1, actReturn: 4, actNoop: 0}
	if n, ok := need[action]; !ok || len(args) != n {
		h.answerCallback(ctx, rq, "Nút không hợp lệ.")
		return h.reply(ctx, rq, textBadButton)
	}
	switch action {
	case actNoop:
		h.answerCallback(ctx, rq, "")
		return nil
	case actRedeem:
		h.answerCallback(ctx, rq, "")
		return h.redeemAs(ctx, rq, args[0], true)
	case actSend, actCancel, actKeep:
		if !rq.admin() {
			h.answerCallback(ctx, rq, "")
			return h.reply(ctx, rq, h.textAdminOnly())
		}
		return h.onSendDraft(ctx, rq, args[0], action == actCancel, action == actKeep)
	}
	d, ok := h.directiveByKey(ctx, args[0])
	if !ok {
		h.answerCallback(ctx, rq, "Văn bản không còn trong hệ thống.")
		return h.reply(ctx, rq, textBadButton)
	}
	switch action {
	case actAck:
		return h.onAck(ctx, rq, d)
	case actTasks:
		h.answerCallback(ctx, rq, "")
		return h.showTasks(ctx, rq, d)
	case actView:
		h.answerCallback(ctx, rq, "")
		return h.onView(ctx, rq, d)
	case actDone:
		h.answerCallback(ctx, rq, "")
		return h.reportDone(ctx, rq, d, args[1], args[2], "")
	case actDoneAll:
		h.answerCallback(ctx, rq, "")
		return h.onDoneAll(ctx, rq, d)
	case actReturn:
		if !rq.admin() {
			h.answerCallback(ctx, rq, "")
			return h.reply(ctx, rq, h.textAdminOnly())
		}
		unit, ok := h.unitByKey(args[3])
		if !ok {
			h.answerCallback(ctx, rq, "")
			return h.reply(ctx, rq, textBadButton)
		}
		h.answerCallback(ctx, rq, "")
		return h.askReturnReason(ctx, rq, d, args[1], args[2], unit)
	}
	return nil
}

// answerCallback stops the button's spinner on Telegram; it must always be
// called, and its failure is only logged.
func (h *Handlers) answerCallback(ctx context.Context, rq *request, notice string) {
	if rq.u.Callback == nil || rq.u.Callback.ID == "" {
		return
	}
	if err := rq.out.AnswerCallback(ctx, rq.u.Callback.ID, notice); err != nil {
		h.log.Warn("answer callback", "err", err)
	}
}
