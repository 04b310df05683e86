package handlers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"chidao"
	"chidao/bot"
	"chidao/knowledge"
	"chidao/store"
)

// reportTyped handles "xong 5: ghi chú": the task of the chat's current
// directive, else of the newest directive sent to the unit that has it.
func (h *Handlers) reportTyped(ctx context.Context, rq *request, done typedDone) error {
	cands := h.reportCandidates(ctx, rq)
	if done.all {
		return h.offerDoneAll(ctx, rq, cands)
	}
	for _, id := range done.tasks {
		if err := h.reportOneTyped(ctx, rq, cands, id, done.note); err != nil {
			return err
		}
	}
	return nil
}

// reportCandidates are the directives a typed report may be about: the
// current one first, then those sent to the member's unit.
func (h *Handlers) reportCandidates(ctx context.Context, rq *request) []*chidao.Directive {
	current, _ := h.st.Session(ctx, rq.u.Chat, sessCurrent)
	var cands []*chidao.Directive
	if d, ok := h.index.Directive(current); ok {
		cands = append(cands, d)
	}
	return append(cands, h.addressedTo(rq)...)
}

func (h *Handlers) reportOneTyped(ctx context.Context, rq *request, cands []*chidao.Directive, taskID, note string) error {
	for _, d := range cands {
		if t, ok := d.Task(taskID); ok && t.Concerns(rq.m.Unit) {
			return h.reportDone(ctx, rq, d, t.ID, "", note)
		}
	}
	for _, d := range cands {
		if _, ok := d.Task(taskID); ok {
			return h.reply(ctx, rq, fmt.Sprintf("Nhiệm vụ %s của %s không giao cho %s.", taskID, d.Title(), h.unitName(rq.m.Unit)))
		}
	}
	return h.reply(ctx, rq, fmt.Sprintf("Không tìm thấy nhiệm vụ %s trong các văn bản gửi %s. Gõ /vanban để xem văn bản.", taskID, h.unitName(rq.m.Unit)))
}

// openTasks returns the tasks of d given to the unit that it has not
// reported done (or whose report was returned).
func (h *Handlers) openTasks(ctx context.Context, d *chidao.Directive, unit string) ([]chidao.Task, error) {
	reports, err := h.st.Reports(ctx, d.ID)
	if err != nil {
		return nil, fmt.Errorf("read reports of %s: %w", d.ID, err)
	}
	var open []chidao.Task
	for _, t := range d.Tasks {
		if !t.Concerns(unit) {
			continue
		}
		closed := slices.ContainsFunc(reports, func(r chidao.Report) bool {
			return r.Unit == unit && r.Task == t.ID && r.Status == chidao.ReportDone && t.Recurrence == ""
		})
		if !closed {
			open = append(open, t)
		}
	}
	return open, nil
}

// offerDoneAll answers "xong tất cả": it lists what the report would close
// in the directive at hand and asks to confirm with one button; one word
// must not close a dozen tasks by mistake.
func (h *Handlers) offerDoneAll(ctx context.Context, rq *request, cands []*chidao.Directive) error {
	for _, d := range cands {
		open, err := h.openTasks(ctx, d, rq.m.Unit)
		if err != nil {
			return h.storeFailed(ctx, rq, "read reports", err)
		}
		if len(open) == 0 {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "Anh/chị báo cáo hoàn thành cả %d nhiệm vụ sau của %s (%s)?\n", len(open), h.unitName(rq.m.Unit), d.Title())
		for _, t := range open {
			fmt.Fprintf(&b, "\n• NV %s: %s", t.ID, clip(t.Text, 90))
		}
		b.WriteString("\n\nBấm nút dưới đây để xác nhận; muốn báo từng việc thì gõ \"xong\" kèm số nhiệm vụ.")
		return h.reply(ctx, rq, b.String(), rows(h.button(fmt.Sprintf("✔️ Xác nhận hoàn thành %d nhiệm vụ", len(open)), actDoneAll, shortKey(d.ID)))...)
	}
	return h.reply(ctx, rq, "Đơn vị của anh/chị không còn nhiệm vụ nào chưa báo cáo hoàn thành.")
}

// onDoneAll records the confirmed "xong tất cả": each open task of the
// unit in d, reported done.
func (h *Handlers) onDoneAll(ctx context.Context, rq *request, d *chidao.Directive) error {
	open, err := h.openTasks(ctx, d, rq.m.Unit)
	if err != nil {
		return h.storeFailed(ctx, rq, "read reports", err)
	}
	if len(open) == 0 {
		return h.reply(ctx, rq, "Các nhiệm vụ này đã được báo cáo hoàn thành.")
	}
	for _, t := range open {
		if err := h.reportDone(ctx, rq, d, t.ID, "", ""); err != nil {
			return err
		}
	}
	return nil
}

// reportDone records that the unit finished a task, tells the office, and
// offers to attach a note or a file.
func (h *Handlers) reportDone(ctx context.Context, rq *request, d *chidao.Directive, taskID, occ, note string) error {
	t, ok := d.Task(taskID)
	if !ok {
		return h.reply(ctx, rq, textBadButton)
	}
	if rq.admin() && !t.Concerns(rq.m.Unit) {
		return h.reply(ctx, rq, "Báo cáo hoàn thành do đơn vị được giao gửi. Văn phòng xem tình hình bằng /baocao.")
	}
	if !t.Concerns(rq.m.Unit) {
		h.audit(ctx, store.AuditEntry{Action: "report-refused", Directive: d.ID, Task: t.ID, Unit: rq.m.Unit, Member: rq.m.Key(), Reason: "task not assigned to the unit"})
		return h.reply(ctx, rq, fmt.Sprintf("Nhiệm vụ %s không giao cho %s nên không cần báo cáo.", t.ID, h.unitName(rq.m.Unit)))
	}
	if rq.storeDown {
		return h.reply(ctx, rq, textStoreDownWrite)
	}
	if occ == "" {
		occ = h.openOccurrence(ctx, d, t, rq.m.Unit)
	}
	r := chidao.Report{
		Directive: d.ID, Task: t.ID, Occurrence: occ, Unit: rq.m.Unit, Member: rq.m.Key(),
		Name: rq.m.DisplayName, Status: chidao.ReportDone, Note: note, At: h.clock.Now(),
	}
	if err := h.st.PutReport(ctx, r); err != nil {
		return h.storeFailed(ctx, rq, "report", err)
	}
	h.audit(ctx, store.AuditEntry{Action: "report", Directive: d.ID, Task: t.ID, Unit: rq.m.Unit, Member: rq.m.Key(), Stage: occ, Detail: clip(note, 200)})
	h.notifyOffice(ctx, r, d, "")
	msg := fmt.Sprintf("✔️ Đã ghi nhận %s báo cáo hoàn thành nhiệm vụ %s (%s) lúc %s.", h.unitName(r.Unit), t.ID, d.Title(), h.stamp(r.At))
	if occ != "" {
		msg += " Kỳ: " + chidao.PeriodLabel(occ) + "."
	}
	if note == "" {
		if err := h.st.PutSession(ctx, rq.u.Chat, sessAwait, awaitValue("note", d.ID, t.ID, occ, ""), awaitTTL); err == nil {
			msg += "\n\nMuốn gửi kèm ghi chú hoặc tệp minh chứng? Gửi ngay trong 15 phút (gõ /huy nếu không cần)."
		}
	} else {
		msg += "\nGhi chú: " + note
	}
	return h.reply(ctx, rq, msg)
}

// notifyOffice tells every admin about a report, with a "↩️ Trả lại"
// button; a file of evidence, when given, goes with it.
func (h *Handlers) notifyOffice(ctx context.Context, r chidao.Report, d *chidao.Directive, extra string) {
	members, err := h.st.Members(ctx)
	if err != nil {
		h.log.Warn("read members to notify the office", "err", err)
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "✔️ %s báo cáo hoàn thành nhiệm vụ %s — %s", h.unitName(r.Unit), r.Task, d.Title())
	if r.Occurrence != "" {
		fmt.Fprintf(&b, " (kỳ %s)", chidao.PeriodLabel(r.Occurrence))
	}
	fmt.Fprintf(&b, "\nNgười báo cáo: %s, lúc %s", nameOr(r.Name), h.stamp(r.At))
	if r.Note != "" {
		fmt.Fprintf(&b, "\nGhi chú: %s", r.Note)
	}
	if extra != "" {
		fmt.Fprintf(&b, "\n%s", extra)
	}
	buttons := rows(h.button("↩️ Trả lại", actReturn, shortKey(d.ID), r.Task, r.Occurrence, shortKey(r.Unit)))
	h.toAdmins(ctx, members, bot.Message{Text: b.String(), Buttons: buttons}, "notify the office of a report")
}

// continueAwait finishes a step that waits for the next message: a note or
// file for a report, or the reason the office returns a report. It reports
// whether the message was used.
func (h *Handlers) continueAwait(ctx context.Context, rq *request, text string, file *bot.File) (bool, error) {
	v, err := h.st.Session(ctx, rq.u.Chat, sessAwait)
	if err != nil {
		return false, nil
	}
	kind, dir, task, occ, unit := parseAwait(v)
	if kind == "ident" {
		// The office types a scan's number and day (the draft's id in dir).
		if file != nil || looksLikeQuestion(text) || strings.HasPrefix(text, "/") {
			return false, nil
		}
		if err := h.st.DeleteSession(ctx, rq.u.Chat, sessAwait); err != nil {
			return true, h.storeFailed(ctx, rq, "clear pending step", err)
		}
		return true, h.setIdentity(ctx, rq, dir, text)
	}
	d, ok := h.index.Directive(dir)
	if !ok {
		_ = h.st.DeleteSession(ctx, rq.u.Chat, sessAwait)
		return false, nil
	}
	// A question or a typed command is not a note: let it through. (The
	// office's return reason is asked for explicitly, so it is taken as is.)
	if kind == "note" && file == nil {
		if _, isDone := parseDone(text); isDone || looksLikeQuestion(text) || isAckPhrase(text) {
			return false, nil
		}
	}
	if err := h.st.DeleteSession(ctx, rq.u.Chat, sessAwait); err != nil {
		return true, h.storeFailed(ctx, rq, "clear pending step", err)
	}
	switch kind {
	case "note":
		return true, h.attachNote(ctx, rq, d, task, occ, text, file)
	case "reason":
		if file != nil || strings.TrimSpace(text) == "" {
			return true, h.reply(ctx, rq, "Vui lòng gõ lý do trả lại bằng chữ. Bấm lại \"↩️ Trả lại\" để làm lại.")
		}
		return true, h.returnReport(ctx, rq, d, task, occ, unit, strings.TrimSpace(text))
	}
	return false, nil
}

// attachNote adds a note, or forwards a file of evidence to the office.
func (h *Handlers) attachNote(ctx context.Context, rq *request, d *chidao.Directive, task, occ, text string, file *bot.File) error {
	r := chidao.Report{
		Directive: d.ID, Task: task, Occurrence: occ, Unit: rq.m.Unit, Member: rq.m.Key(),
		Name: rq.m.DisplayName, Status: chidao.ReportDone, Note: strings.TrimSpace(text), At: h.clock.Now(),
	}
	extra := ""
	if file != nil {
		data, err := rq.out.Download(ctx, file.ID, h.opt.MaxFileSize)
		if err != nil {
			h.log.Warn("download evidence", "err", err)
			return h.reply(ctx, rq, "Chưa tải được tệp minh chứng. Vui lòng gửi lại, hoặc gửi thẳng cho Văn phòng.")
		}
		r.File = file.Name
		extra = "📎 Kèm tệp minh chứng: " + file.Name
		h.forwardEvidence(ctx, r, data)
	}
	if err := h.st.PutReport(ctx, r); err != nil {
		return h.storeFailed(ctx, rq, "report note", err)
	}
	h.audit(ctx, store.AuditEntry{Action: "report-note", Directive: d.ID, Task: task, Unit: r.Unit, Member: r.Member, Detail: clip(r.Note+" "+r.File, 200)})
	h.notifyOffice(ctx, r, d, extra)
	return h.reply(ctx, rq, "📝 Đã gửi kèm báo cáo nhiệm vụ "+task+" cho Văn phòng. Cảm ơn anh/chị!")
}

// forwardEvidence sends a report's file to every admin.
func (h *Handlers) forwardEvidence(ctx context.Context, r chidao.Report, data []byte) {
	members, err := h.st.Members(ctx)
	if err != nil {
		return
	}
	msg := bot.Message{Text: fmt.Sprintf("📎 Minh chứng của %s cho nhiệm vụ %s:", h.unitName(r.Unit), r.Task),
		File: &bot.Attachment{Name: r.File, Data: data}}
	h.toAdmins(ctx, members, msg, "forward evidence")
}

// askReturnReason starts the office's return of a report: the next text is
// the reason.
func (h *Handlers) askReturnReason(ctx context.Context, rq *request, d *chidao.Directive, task, occ, unit string) error {
	if err := h.st.PutSession(ctx, rq.u.Chat, sessAwait, awaitValue("reason", d.ID, task, occ, unit), awaitTTL); err != nil {
		return h.storeFailed(ctx, rq, "start return", err)
	}
	return h.reply(ctx, rq, fmt.Sprintf("↩️ Trả lại báo cáo nhiệm vụ %s của %s. Vui lòng gõ lý do (ví dụ: \"chưa gửi kế hoạch kèm theo\"), hoặc /huy.", task, h.unitName(unit)))
}

// returnReport marks a report as not done and tells the unit why.
func (h *Handlers) returnReport(ctx context.Context, rq *request, d *chidao.Directive, task, occ, unit, reason string) error {
	r, err := h.st.ReturnReport(ctx, d.ID, task, occ, unit, reason, h.clock.Now())
	if errors.Is(err, store.ErrNotFound) {
		return h.reply(ctx, rq, "Không còn báo cáo này để trả lại (có thể đã bị thay bằng báo cáo mới).")
	}
	if err != nil {
		return h.storeFailed(ctx, rq, "return report", err)
	}
	h.audit(ctx, store.AuditEntry{Action: "report-returned", Directive: d.ID, Task: task, Unit: unit, Member: rq.m.Key(), Reason: reason})
	members, err := h.st.UnitMembers(ctx, unit)
	if err != nil {
		return h.storeFailed(ctx, rq, "read unit members", err)
	}
	told := 0
	text := fmt.Sprintf("↩️ %s trả lại báo cáo hoàn thành nhiệm vụ %s (%s).\nLý do: %s\n\nVui lòng hoàn thiện rồi báo cáo lại.", h.opt.Office.Short, task, d.Title(), reason)
	buttons := rows(h.button("✔️ Báo cáo hoàn thành NV "+task, actDone, shortKey(d.ID), task, occ))
	for _, m := range members {
		if !m.Active {
			continue
		}
		if out, ok := h.out.For(m.Platform); ok {
			if _, err := h.send(ctx, out, bot.Message{Chat: m.Chat(), Text: text, Buttons: buttons}); err == nil {
				told++
			}
		}
	}
	_ = r
	return h.reply(ctx, rq, fmt.Sprintf("Đã trả lại báo cáo nhiệm vụ %s của %s và báo cho %d người của đơn vị.", task, h.unitName(unit), told))
}

func awaitValue(kind, dir, task, occ, unit string) string {
	return strings.Join([]string{kind, dir, task, occ, unit}, "|")
}

func parseAwait(v string) (kind, dir, task, occ, unit string) {
	p := strings.Split(v, "|")
	for len(p) < 5 {
		p = append(p, "")
	}
	return p[0], p[1], p[2], p[3], p[4]
}

func nameOr(s string) string {
	if s == "" {
		return "(không rõ tên)"
	}
	return s
}

// questionWords mark a message as a question rather than a note (folded).
var questionWords = []string{"gi", "nao", "bao gio", "bao nhieu", "sao", "ai", "dau", "khong", "chua", "han", "nhiem vu", "nv", "muc", "the nao"}

// looksLikeQuestion reports whether a message asks something, so that a
// question typed while a report waits for its note is answered, not filed.
func looksLikeQuestion(s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, "?") || strings.HasPrefix(s, "/") {
		return true
	}
	words := " " + strings.Map(func(r rune) rune {
		if r == ',' || r == '.' || r == '!' || r == ':' {
			return ' '
		}
		return r
	}, knowledge.Fold(s)) + " "
	for _, w := range questionWords {
		if strings.Contains(words, " "+w+" ") {
			return true
		}
	}
	return strings.HasPrefix(strings.TrimSpace(words), "nv")
}
