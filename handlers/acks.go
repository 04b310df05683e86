package handlers

import (
	"context"
	"errors"
	"fmt"

	"chidao"
	"chidao/bot"
	"chidao/knowledge"
	"chidao/store"
)

// onAck records a tap on "✅ Đã nhận": only from a member of a unit the
// directive was sent to; a second tap changes nothing.
func (h *Handlers) onAck(ctx context.Context, rq *request, d *chidao.Directive) error {
	if !d.Addressed(rq.m.Unit) {
		h.audit(ctx, store.AuditEntry{Action: "ack-refused", Directive: d.ID, Unit: rq.m.Unit, Member: rq.m.Key(), Reason: "unit not a recipient"})
		h.answerCallback(ctx, rq, "Đơn vị của anh/chị không thuộc nơi nhận văn bản này.")
		return h.reply(ctx, rq, fmt.Sprintf("%s không gửi %s nên không cần xác nhận.", d.Title(), h.unitName(rq.m.Unit)))
	}
	if rq.storeDown {
		h.answerCallback(ctx, rq, "Chưa ghi nhận được, vui lòng bấm lại sau ít phút.")
		return h.reply(ctx, rq, textStoreDownWrite)
	}
	a := chidao.Ack{Directive: d.ID, Unit: rq.m.Unit, Member: rq.m.Key(), Name: rq.m.DisplayName, At: h.clock.Now()}
	got, first, err := h.st.Acknowledge(ctx, a)
	if err != nil {
		h.answerCallback(ctx, rq, "Chưa ghi nhận được, vui lòng bấm lại sau ít phút.")
		return h.storeFailed(ctx, rq, "acknowledge", err)
	}
	if !first {
		h.answerCallback(ctx, rq, "Anh/chị đã xác nhận lúc "+h.shortStamp(got.At)+" rồi.")
		return nil
	}
	h.audit(ctx, store.AuditEntry{Action: "ack", Directive: d.ID, Unit: rq.m.Unit, Member: rq.m.Key()})
	thanks := fmt.Sprintf("✅ Cảm ơn anh/chị! Đã ghi nhận %s nhận %s lúc %s.", h.unitName(rq.m.Unit), d.Title(), h.stamp(got.At))
	h.answerCallback(ctx, rq, "✅ Đã ghi nhận. Cảm ơn anh/chị!")
	if rq.u.Kind == bot.KindCallback && rq.u.MessageID != "" && rq.u.Callback.ID != "" {
		// A real button: turn it into "Đã nhận lúc …" on the same message.
		at := got.At
		edit := bot.Message{Chat: rq.u.Chat, Text: h.deliveryText(d, rq.m.Unit), Buttons: h.deliveryButtons(d, &at)}
		if err := rq.out.Edit(ctx, rq.u.Chat, rq.u.MessageID, edit); err != nil && !errors.Is(err, bot.ErrNotSupported) {
			h.log.Warn("edit acknowledged message", "err", err)
		}
		return nil
	}
	return h.reply(ctx, rq, thanks)
}

// ackTyped handles "đã nhận" typed as text: it acknowledges the newest
// directive sent to the unit that this member has not acknowledged yet.
func (h *Handlers) ackTyped(ctx context.Context, rq *request) error {
	d, addressed, err := h.pendingAck(ctx, rq)
	switch {
	case err != nil:
		return h.storeFailed(ctx, rq, "read acknowledgments", err)
	case !addressed:
		return h.reply(ctx, rq, textNoDirectives)
	case d == nil:
		return h.reply(ctx, rq, "Anh/chị đã xác nhận tất cả văn bản gửi đơn vị. Cảm ơn anh/chị!")
	}
	return h.onAck(ctx, rq, d)
}

// pendingAck returns the newest directive sent to the member's unit that
// the member has not acknowledged (nil when all are), and whether any
// directive is addressed to the unit at all.
func (h *Handlers) pendingAck(ctx context.Context, rq *request) (*chidao.Directive, bool, error) {
	var cands []*chidao.Directive
	for _, d := range h.index.Directives() {
		if d.Addressed(rq.m.Unit) {
			cands = append(cands, d)
		}
	}
	if len(cands) == 0 {
		return nil, false, nil
	}
	ids := make([]string, 0, len(cands))
	for _, d := range cands {
		ids = append(ids, d.ID)
	}
	fus, err := h.st.FollowUps(ctx, ids)
	if err != nil {
		return nil, true, err
	}
	for _, d := range cands {
		fu := fus[d.ID]
		if fu.Broadcast.At.IsZero() {
			continue // imported, never sent: nothing to acknowledge
		}
		mine := false
		for _, a := range fu.Acks {
			if a.Member == rq.m.Key() {
				mine = true
				break
			}
		}
		if !mine {
			return d, true, nil
		}
	}
	return nil, true, nil
}

// smallTalk answers a greeting, thanks or "ok" courteously; an "ok" or
// "👍" while a directive waits for this member's acknowledgment (most
// often right after its delivery) offers the acknowledgment instead.
func (h *Handlers) smallTalk(ctx context.Context, rq *request, t knowledge.Talk) error {
	if t == knowledge.TalkOkay && !rq.admin() && !rq.storeDown {
		d, _, err := h.pendingAck(ctx, rq)
		if err != nil {
			h.log.Warn("read acknowledgments for small talk", "err", err)
		}
		if d != nil {
			return h.reply(ctx, rq, fmt.Sprintf("Anh/chị xác nhận đã nhận %s? Bấm nút dưới đây để báo cho Văn phòng.", d.Title()),
				rows(h.button("✅ Đã nhận", actAck, shortKey(d.ID)))...)
		}
	}
	return h.reply(ctx, rq, t.Reply())
}
