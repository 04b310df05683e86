package handlers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"chidao"
	"chidao/bot"
	"chidao/knowledge"
	"chidao/store"
)

// Accepted directive file types.
var directiveExts = []string{".pdf", ".docx", ".doc", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".txt", ".md"}

// draft is an uploaded directive waiting for the office's "📤 Gửi".
type draft struct {
	ID        string            `json:"id"`
	Directive *chidao.Directive `json:"directive"`
	Source    string            `json:"source"`
	File      string            `json:"file"`
}

// onFile handles a document: from the office, a directive to preview; from
// a unit head with a report waiting for its evidence, that evidence; from
// anyone else, a polite refusal.
func (h *Handlers) onFile(ctx context.Context, u *bot.Update) error {
	rq := reqFrom(ctx)
	if !u.Private {
		return nil
	}
	if !rq.registered {
		return h.notRegistered(ctx, rq)
	}
	if done, err := h.continueAwait(ctx, rq, u.Text, u.File); done {
		return err
	}
	if !rq.admin() {
		return h.reply(ctx, rq, "Cảm ơn anh/chị. Chỉ "+h.opt.Office.Short+" mới gửi văn bản qua bot; "+
			"nếu đây là minh chứng hoàn thành nhiệm vụ, hãy bấm \"✔️ Báo cáo hoàn thành\" (hoặc gõ \"xong 5\") trước rồi gửi tệp.")
	}
	f := u.File
	ext := strings.ToLower(filepath.Ext(f.Name))
	if !slices.Contains(directiveExts, ext) {
		return h.reply(ctx, rq, fmt.Sprintf("Tệp \"%s\" không phải loại văn bản bot đọc được. Anh/chị gửi tệp PDF (kể cả bản quét), ảnh chụp văn bản (.jpg, .png), Word (.docx, .doc) hoặc .txt, .md.", f.Name))
	}
	if f.Size > h.opt.MaxFileSize {
		return h.reply(ctx, rq, fmt.Sprintf("Tệp lớn quá (%s); bot nhận tệp đến %s.", sizeText(f.Size), sizeText(h.opt.MaxFileSize)))
	}
	data, err := rq.out.Download(ctx, f.ID, h.opt.MaxFileSize)
	switch {
	case errors.Is(err, bot.ErrTooLarge):
		return h.reply(ctx, rq, fmt.Sprintf("Tệp lớn quá; bot nhận tệp đến %s.", sizeText(h.opt.MaxFileSize)))
	case err != nil:
		h.log.Warn("download directive file", "err", err)
		return h.reply(ctx, rq, "Chưa tải được tệp từ máy chủ tin nhắn. Vui lòng gửi lại sau ít phút.")
	}
	src, err := h.reader.Read(ctx, f.Name, data, h.readingProgress(ctx, rq))
	if err != nil {
		h.log.Warn("read directive file", "err", err)
		return h.reply(ctx, rq, parseErrorText(f.Name, err))
	}
	d, err := h.parser.ParseSource(f.Name, src)
	if err != nil {
		return h.reply(ctx, rq, parseErrorText(f.Name, err))
	}
	return h.preview(ctx, rq, d, f.Name, data)
}

// readingProgress tells the office, while a scan is read by OCR, how far
// reading has come: one message, edited as pages are done where the
// platform can edit ("Đang đọc trang 2/5…").
func (h *Handlers) readingProgress(ctx context.Context, rq *request) knowledge.Progress {
	id := ""
	return func(done, total int) {
		text := fmt.Sprintf("⏳ Đang đọc văn bản bằng nhận dạng chữ (bản quét, %d trang); anh/chị chờ ít phút…", total)
		if done > 0 {
			text = fmt.Sprintf("⏳ Đang đọc trang %d/%d…", done, total)
		}
		switch {
		case id == "" && done == 0:
			if s, err := h.send(ctx, rq.out, bot.Message{Chat: rq.u.Chat, Text: text}); err == nil {
				id = s.MessageID
			}
		case id != "" && done > 0:
			if err := rq.out.Edit(ctx, rq.u.Chat, id, bot.Message{Chat: rq.u.Chat, Text: text}); err != nil && !errors.Is(err, bot.ErrNotSupported) {
				h.log.Debug("edit reading progress", "err", err)
			}
		}
	}
}

// parseErrorText explains, in Vietnamese, why a file could not be read.
func parseErrorText(name string, err error) string {
	why := "tệp không đọc được"
	switch {
	case errors.Is(err, knowledge.ErrEmpty):
		why = "tệp trống"
	case errors.Is(err, knowledge.ErrTooLarge):
		why = "tệp lớn quá"
	case errors.Is(err, knowledge.ErrBinary), errors.Is(err, knowledge.ErrEncoding):
		why = "tệp không phải văn bản chữ (hoặc sai bảng mã)"
	case errors.Is(err, knowledge.ErrBadDocx):
		why = "tệp .docx bị hỏng"
	case errors.Is(err, knowledge.ErrMissingTool):
		why = "máy chủ chưa cài chương trình đọc loại tệp này; anh/chị báo cán bộ kỹ thuật (" + err.Error() + ")"
	case errors.Is(err, knowledge.ErrTimeout):
		why = "đọc tệp quá lâu; anh/chị gửi bản có ít trang hơn hoặc bản .docx"
	case errors.Is(err, knowledge.ErrUnsupported):
		why = "không đọc được định dạng tệp này (" + err.Error() + ")"
	case errors.Is(err, knowledge.ErrNotDirective):
		why = "nội dung không giống một văn bản chỉ đạo (không thấy số văn bản, nơi nhận hay các nhiệm vụ)"
	}
	return fmt.Sprintf("Không đọc được \"%s\": %s. Chưa có gì được gửi.", name, why)
}

// preview shows the office what a directive will do before it is sent.
// A secret document is refused and nothing kept; a Tờ trình or a Báo cáo
// may be kept for questions, never sent; a scan whose number and day are
// unread asks for them.
func (h *Handlers) preview(ctx context.Context, rq *request, d *chidao.Directive, name string, data []byte) error {
	if d.Secrecy != "" {
		h.audit(ctx, store.AuditEntry{Action: "refuse-secret", Directive: d.ID, Member: rq.m.Key(), Detail: d.Secrecy})
		return h.reply(ctx, rq, fmt.Sprintf("⛔ \"%s\" mang độ mật %s. Văn bản mật không được gửi hay lưu qua bot "+
			"(Luật Bảo vệ bí mật nhà nước 2018: không truyền qua phương tiện kết nối Internet). "+
			"Bot không lưu gì; anh/chị chuyển văn bản theo quy định về văn bản mật.", name, d.Secrecy))
	}
	var idb [6]byte
	if _, err := rand.Read(idb[:]); err != nil {
		return fmt.Errorf("draft id: %w", err)
	}
	dr := draft{ID: hex.EncodeToString(idb[:]), Directive: d, Source: d.Source, File: name}
	if err := h.saveDraft(ctx, rq, dr); err != nil {
		return err
	}
	if err := h.st.PutSession(ctx, rq.u.Chat, sessDraftFile, string(data), draftTTL); err != nil {
		return h.storeFailed(ctx, rq, "draft file", err)
	}
	return h.showDraft(ctx, rq, dr)
}

// saveDraft keeps a draft for the office's next step.
func (h *Handlers) saveDraft(ctx context.Context, rq *request, dr draft) error {
	js, err := json.Marshal(dr)
	if err != nil {
		return fmt.Errorf("encode draft: %w", err)
	}
	if err := h.st.PutSession(ctx, rq.u.Chat, sessDraft, string(js), draftTTL); err != nil {
		return h.storeFailed(ctx, rq, "draft", err)
	}
	return nil
}

// showDraft sends a draft's preview with what the office can do with it.
func (h *Handlers) showDraft(ctx context.Context, rq *request, dr draft) error {
	d := dr.Directive
	text, err := h.PreviewText(ctx, d)
	if err != nil {
		return err
	}
	if !knowledge.Acts(d.Kind) {
		return h.reply(ctx, rq, text+"\n\nℹ️ Đây là "+strings.ToLower(d.Kind)+", không phải văn bản chỉ đạo giao nhiệm vụ: bot không gửi đi, không nhắc việc. "+
			"Bấm \"📥 Lưu để tra cứu\" để lãnh đạo các đơn vị hỏi được về nội dung, hoặc \"❌ Hủy\".",
			append(h.button("📥 Lưu để tra cứu", actKeep, dr.ID), h.button("❌ Hủy", actCancel, dr.ID)...))
	}
	if unreadIdentity(d) {
		if err := h.st.PutSession(ctx, rq.u.Chat, sessAwait, awaitValue("ident", dr.ID, "", "", ""), awaitTTL); err != nil {
			return h.storeFailed(ctx, rq, "await identity", err)
		}
		text += "\n\n✍️ Không đọc được số và ngày ban hành (viết tay). Anh/chị gõ số và ngày, ví dụ: " + identityExample(d) +
			" — hoặc bấm \"📤 Gửi\" để gửi với tên \"" + d.Title() + "\"."
	}
	if allPassed(d, chidao.DateOf(h.clock.Now().In(h.opt.Location))) {
		// An old directive: the office may only want it answerable.
		return h.reply(ctx, rq, text+"\n\nBấm \"📤 Gửi\" để gửi, \"📥 Lưu để tra cứu\" để chỉ lưu, hoặc \"❌ Hủy\".",
			append(append(h.button("📤 Gửi", actSend, dr.ID), h.button("📥 Lưu để tra cứu", actKeep, dr.ID)...), h.button("❌ Hủy", actCancel, dr.ID)...))
	}
	return h.reply(ctx, rq, text+"\n\nBấm \"📤 Gửi\" để gửi, hoặc \"❌ Hủy\".",
		append(h.button("📤 Gửi", actSend, dr.ID), h.button("❌ Hủy", actCancel, dr.ID)...))
}

// unreadIdentity reports whether a signed file's number or day of issue
// was not read (written by hand): the office is asked for them.
func unreadIdentity(d *chidao.Directive) bool {
	return !d.SignedAt().IsZero() && (!strings.ContainsAny(d.Number, "0123456789") || d.Issued.IsZero())
}

// identityExample is what the office would type for a directive: its
// symbol with a number, and its signing day.
func identityExample(d *chidao.Directive) string {
	sym := d.Number
	if i := strings.IndexByte(sym, '/'); i >= 0 {
		sym = sym[i:]
	} else {
		sym = "/UBND"
	}
	day := chidao.DateOf(d.SignedAt())
	return fmt.Sprintf("16%s %02d/%02d/%d", sym, day.Day, day.Month, day.Year)
}

// setIdentity takes the number and day the office typed for a draft and
// shows the preview again.
func (h *Handlers) setIdentity(ctx context.Context, rq *request, draftID, text string) error {
	dr, ok, err := h.loadDraft(ctx, rq, draftID)
	if err != nil {
		return h.storeFailed(ctx, rq, "read draft", err)
	}
	if !ok {
		return h.reply(ctx, rq, "Bản xem trước này đã hết hạn. Anh/chị gửi lại tệp văn bản.")
	}
	number, issued, ok := knowledge.ParseIdentity(text)
	if !ok {
		if err := h.st.PutSession(ctx, rq.u.Chat, sessAwait, awaitValue("ident", dr.ID, "", "", ""), awaitTTL); err != nil {
			return h.storeFailed(ctx, rq, "await identity", err)
		}
		return h.reply(ctx, rq, "Chưa đọc được số và ngày. Anh/chị gõ theo mẫu: "+identityExample(dr.Directive)+".")
	}
	if at := chidao.DateOf(dr.Directive.SignedAt()); !dr.Directive.SignedAt().IsZero() && at.Before(issued) {
		if err := h.st.PutSession(ctx, rq.u.Chat, sessAwait, awaitValue("ident", dr.ID, "", "", ""), awaitTTL); err != nil {
			return h.storeFailed(ctx, rq, "await identity", err)
		}
		return h.reply(ctx, rq, fmt.Sprintf("Ngày ban hành %s sau ngày ký số %s của tệp. Anh/chị kiểm tra và gõ lại số và ngày.", issued.Vietnamese(), at.Vietnamese()))
	}
	knowledge.SetIdentity(dr.Directive, number, issued)
	if err := h.saveDraft(ctx, rq, dr); err != nil {
		return err
	}
	return h.showDraft(ctx, rq, dr)
}

// PreviewText is the preview of a directive: what was read, who will get
// it, and who cannot yet.
func (h *Handlers) PreviewText(ctx context.Context, d *chidao.Directive) (string, error) {
	var b strings.Builder
	b.WriteString("🔎 XEM TRƯỚC\n\n")
	if n := len(d.Reading.OCRPages); n > 0 {
		fmt.Fprintf(&b, "🔍 Đã đọc bằng nhận dạng chữ %d trang (bản quét); anh/chị kiểm tra số, ngày và đơn vị trước khi gửi.\n\n", n)
	}
	b.WriteString(knowledge.FormatDirective(d, h.resolver))
	members, err := h.st.Members(ctx)
	if err != nil {
		return "", fmt.Errorf("read members: %w", err)
	}
	units := h.current(d.Units)
	reach := reachable(members, units)
	var nobody []string
	people := 0
	for _, u := range units {
		if n := reach[u]; n == 0 {
			nobody = append(nobody, u)
		} else {
			people += n
		}
	}
	fmt.Fprintf(&b, "\n\n📬 Sẽ gửi tới %d người ở %d/%d đơn vị nhận.", people, len(units)-len(nobody), len(units))
	if len(nobody) > 0 {
		fmt.Fprintf(&b, "\n⚠️ %d đơn vị chưa có ai đăng ký nhận: %s.", len(nobody), h.namesOrCounts(nobody))
	}
	if r := h.retiredText(d.Units); r != "" {
		fmt.Fprintf(&b, "\n🏛️ Đơn vị văn bản nêu nhưng không còn (không gửi): %s.", r)
	}
	if len(d.Unresolved) > 0 {
		fmt.Fprintf(&b, "\n❓ Không xác định được đơn vị: %s.", strings.Join(d.Unresolved, "; "))
	}
	if len(d.Units) == 0 {
		b.WriteString("\n⚠️ Không xác định được đơn vị nhận nào: kiểm tra phần \"Kính gửi\" hoặc \"Nơi nhận\".")
	}
	if allPassed(d, chidao.DateOf(h.clock.Now().In(h.opt.Location))) {
		b.WriteString("\n⚠️ Văn bản này có các hạn đã qua — anh/chị kiểm tra lại trước khi gửi.")
	}
	for _, t := range d.Tasks {
		if !d.Issued.IsZero() && !t.Deadline.IsZero() && t.Deadline.Before(d.Issued) {
			fmt.Fprintf(&b, "\n⚠️ Hạn của nhiệm vụ %s (%s) sớm hơn ngày ban hành (%s): anh/chị kiểm tra lại văn bản trước khi gửi.",
				t.ID, t.Deadline.Vietnamese(), d.Issued.Vietnamese())
		}
	}
	if bc, err := h.st.Broadcast(ctx, d.ID); err == nil {
		fmt.Fprintf(&b, "\n\nℹ️ Văn bản này đã gửi lúc %s; gửi lại chỉ gửi cho người chưa nhận.", h.stamp(bc.At))
	}
	return b.String(), nil
}

// allPassed reports whether the directive has deadlines and every one of
// them is before today.
func allPassed(d *chidao.Directive, today chidao.Date) bool {
	some := false
	for _, t := range d.Tasks {
		if t.Deadline.IsZero() {
			continue
		}
		if !t.Deadline.Before(today) {
			return false
		}
		some = true
	}
	return some
}

// reachable counts the active members of each unit.
func reachable(members []chidao.Member, units []string) map[string]int {
	n := make(map[string]int, len(units))
	for _, m := range members {
		if m.Active && slices.Contains(units, m.Unit) {
			n[m.Unit]++
		}
	}
	return n
}

// onSendDraft sends the previewed directive, keeps it for questions
// (keep), or discards it (cancel).
func (h *Handlers) onSendDraft(ctx context.Context, rq *request, id string, cancel, keep bool) error {
	dr, ok, err := h.loadDraft(ctx, rq, id)
	if err != nil {
		return h.storeFailed(ctx, rq, "read draft", err)
	}
	if !ok {
		h.answerCallback(ctx, rq, "Bản xem trước đã hết hạn.")
		return h.reply(ctx, rq, "Bản xem trước này đã hết hạn hoặc đã được xử lý. Vui lòng gửi lại tệp nếu cần.")
	}
	if cancel {
		_ = h.st.DeleteSession(ctx, rq.u.Chat, sessAwait)
		_ = h.st.DeleteSession(ctx, rq.u.Chat, sessDraft)
		_ = h.st.DeleteSession(ctx, rq.u.Chat, sessDraftFile)
		h.answerCallback(ctx, rq, "Đã hủy.")
		return h.reply(ctx, rq, "❌ Đã hủy, không gửi văn bản.")
	}
	data, err := h.st.Session(ctx, rq.u.Chat, sessDraftFile)
	if err != nil {
		return h.storeFailed(ctx, rq, "read draft file", err)
	}
	dr.Directive.Source = dr.Source
	_ = h.st.DeleteSession(ctx, rq.u.Chat, sessAwait)
	if keep || !knowledge.Acts(dr.Directive.Kind) {
		if err := h.Import(ctx, dr.Directive, dr.File, []byte(data)); err != nil {
			return h.storeFailed(ctx, rq, "keep", err)
		}
		_ = h.st.DeleteSession(ctx, rq.u.Chat, sessDraft)
		_ = h.st.DeleteSession(ctx, rq.u.Chat, sessDraftFile)
		h.answerCallback(ctx, rq, "Đã lưu.")
		return h.reply(ctx, rq, "📥 Đã lưu "+dr.Directive.Title()+" để tra cứu; không gửi cho ai.")
	}
	res, err := h.Broadcast(ctx, dr.Directive, dr.File, []byte(data), rq.m.Key())
	if err != nil {
		return h.storeFailed(ctx, rq, "broadcast", err)
	}
	_ = h.st.DeleteSession(ctx, rq.u.Chat, sessDraft)
	_ = h.st.DeleteSession(ctx, rq.u.Chat, sessDraftFile)
	h.answerCallback(ctx, rq, "Đang gửi…")
	return h.reply(ctx, rq, res.Text(dr.Directive))
}

func (h *Handlers) loadDraft(ctx context.Context, rq *request, id string) (draft, bool, error) {
	js, err := h.st.Session(ctx, rq.u.Chat, sessDraft)
	if errors.Is(err, store.ErrNotFound) {
		return draft{}, false, nil
	}
	if err != nil {
		return draft{}, false, err
	}
	var dr draft
	if err := json.Unmarshal([]byte(js), &dr); err != nil || dr.ID != id || dr.Directive == nil {
		return draft{}, false, nil
	}
	return dr, true, nil
}

// BroadcastResult says what a broadcast queued.
type BroadcastResult struct {
	Units       int      // recipient units
	Reached     int      // units with someone registered
	Queued      int      // deliveries newly queued
	Members     int      // members the directive goes to
	Nobody      []string // names of units with nobody registered
	Rebroadcast bool     // the directive had been sent before
}

// Text is the confirmation the office reads.
func (r BroadcastResult) Text(d *chidao.Directive) string {
	var b strings.Builder
	if r.Members == 0 {
		fmt.Fprintf(&b, "📭 Đã lưu %s để tra cứu, nhưng chưa gửi được cho ai: chưa đơn vị nhận nào có người đăng ký nhận qua bot.", d.Title())
		b.WriteString("\nTạo mã mời bằng /moi MÃ-ĐƠN-VỊ; khi lãnh đạo đơn vị đăng ký, gửi lại văn bản để họ nhận.")
		return b.String()
	}
	fmt.Fprintf(&b, "📤 Đã đưa %s vào hàng gửi: %d tin tới %d người ở %d/%d đơn vị.", d.Title(), r.Queued, r.Members, r.Reached, r.Units)
	if r.Rebroadcast && r.Queued == 0 {
		b.WriteString("\nMọi người nhận đều đã được gửi trước đó; không gửi lại.")
	}
	switch n := len(r.Nobody); {
	case n > listLimit:
		fmt.Fprintf(&b, "\n⚠️ Chưa có ai nhận ở %d đơn vị (xem /tinhhinh). Dùng /moi để tạo mã mời.", n)
	case n > 0:
		fmt.Fprintf(&b, "\n⚠️ Chưa có ai nhận ở: %s. Dùng /moi để tạo mã mời.", strings.Join(r.Nobody, "; "))
	}
	b.WriteString("\nXem ai đã nhận: /tinhhinh")
	return b.String()
}

// Broadcast stores a directive and its file, adds it to the knowledge base
// and queues one delivery per active member of each recipient unit. The
// outbox sender delivers them. Sending the same directive again queues only
// members who have not had it.
func (h *Handlers) Broadcast(ctx context.Context, d *chidao.Directive, fileName string, data []byte, by string) (BroadcastResult, error) {
	now := h.clock.Now()
	_, errPrev := h.st.Broadcast(ctx, d.ID)
	units := h.current(d.Units)
	res := BroadcastResult{Units: len(units), Rebroadcast: errPrev == nil}
	h.stampReceived(ctx, d, now)
	if err := h.keep(ctx, d, fileName, data, now); err != nil {
		return res, err
	}
	members, err := h.st.Members(ctx)
	if err != nil {
		return res, fmt.Errorf("read members: %w", err)
	}
	var ds []store.Delivery
	reached := map[string]bool{}
	for _, m := range members {
		if !m.Active || !slices.Contains(units, m.Unit) {
			continue
		}
		reached[m.Unit] = true
		ds = append(ds, store.Delivery{
			Directive: d.ID, Member: m.Key(), Unit: m.Unit, Chat: m.Chat(), State: "pending",
		})
	}
	for _, u := range units {
		if !reached[u] {
			res.Nobody = append(res.Nobody, h.unitName(u))
		}
	}
	res.Reached, res.Members = len(reached), len(ds)
	ready := now
	if d.Urgency != "" {
		// An urgent directive goes ahead of the bulk sends queued before
		// it: the sender claims the earliest ready first.
		ready = now.Add(-24 * time.Hour)
	}
	n, err := h.st.Enqueue(ctx, d.ID, ds, ready)
	if err != nil {
		return res, fmt.Errorf("queue deliveries of %s: %w", d.ID, err)
	}
	res.Queued = n
	total := n
	if prev, err := h.st.Broadcast(ctx, d.ID); err == nil {
		total += prev.Deliveries
	}
	if err := h.st.PutBroadcast(ctx, store.Broadcast{Directive: d.ID, By: by, At: now, Deliveries: total}); err != nil {
		return res, fmt.Errorf("record broadcast of %s: %w", d.ID, err)
	}
	if h.onBroadcast != nil {
		h.onBroadcast()
	}
	h.audit(ctx, store.AuditEntry{Action: "broadcast", Directive: d.ID, Member: by,
		Detail: fmt.Sprintf("queued %d deliveries to %d/%d units", n, len(reached), len(units))})
	return res, nil
}

// Import stores a directive in the knowledge base without sending it.
func (h *Handlers) Import(ctx context.Context, d *chidao.Directive, fileName string, data []byte) error {
	now := h.clock.Now()
	h.stampReceived(ctx, d, now)
	if err := h.keep(ctx, d, fileName, data, now); err != nil {
		return err
	}
	h.audit(ctx, store.AuditEntry{Action: "import", Directive: d.ID})
	return nil
}

// keep adds a directive to the knowledge base, then stores it and its
// file: a directive the knowledge base cannot read is refused before
// anything is stored, so it can never come back at every start.
func (h *Handlers) keep(ctx context.Context, d *chidao.Directive, fileName string, data []byte, now time.Time) error {
	if err := h.index.Add(d); err != nil {
		return fmt.Errorf("index directive %s: %w", d.ID, err)
	}
	if err := h.st.PutDirective(ctx, d, now); err != nil {
		return fmt.Errorf("store directive %s: %w", d.ID, err)
	}
	if len(data) > 0 {
		if err := h.st.PutFile(ctx, d.ID, fileName, data); err != nil {
			return fmt.Errorf("store file of %s: %w", d.ID, err)
		}
	}
	h.cache.forget(d.ID)
	return nil
}

// DeliveryMessage is what one member of a unit receives for a directive: a
// header with the tasks that concern the unit, the original file, and the
// "✅ Đã nhận" and "📋 Nhiệm vụ" buttons.
func (h *Handlers) DeliveryMessage(ctx context.Context, dl store.Delivery) (bot.Message, error) {
	d, err := h.directive(ctx, dl.Directive)
	if err != nil {
		return bot.Message{}, err
	}
	m := bot.Message{
		Chat:    dl.Chat,
		Text:    h.cache.text(d, dl.Unit, func() string { return h.deliveryText(d, dl.Unit) }),
		Buttons: h.deliveryButtons(d, nil),
	}
	now := h.clock.Now()
	if f, ok := h.cache.file(d.ID, now); ok {
		m.File = f
		return m, nil
	}
	name, data, err := h.st.File(ctx, d.ID)
	switch {
	case err == nil:
		m.File = &bot.Attachment{Name: name, Data: data}
	case !errors.Is(err, store.ErrNotFound):
		return bot.Message{}, fmt.Errorf("read file of %s: %w", d.ID, err)
	}
	h.cache.putFile(d.ID, m.File, now)
	return m, nil
}

// directive finds a directive in memory, else in the store.
func (h *Handlers) directive(ctx context.Context, id string) (*chidao.Directive, error) {
	if d, ok := h.index.Directive(id); ok {
		return d, nil
	}
	d, err := h.st.Directive(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("read directive %s: %w", id, err)
	}
	if err := h.index.Add(d); err != nil {
		return nil, fmt.Errorf("read directive %s: %w", id, err)
	}
	return d, nil
}

func (h *Handlers) deliveryText(d *chidao.Directive, unit string) string {
	var b strings.Builder
	if d.Urgency != "" {
		b.WriteString("🔴 " + d.Urgency + " — ")
	}
	b.WriteString("📢 VĂN BẢN MỚI")
	if d.Issuer != "" {
		fmt.Fprintf(&b, " — %s", d.Issuer)
	}
	fmt.Fprintf(&b, "\n%s", d.Title())
	if when := issuedText(d); when != "" {
		fmt.Fprintf(&b, ", %s", when)
	}
	if d.Subject != "" && !strings.Contains(d.Title(), d.Subject) {
		fmt.Fprintf(&b, "\n%s", d.Subject)
	}
	var mine []chidao.Task
	for _, t := range d.Tasks {
		if t.Concerns(unit) {
			mine = append(mine, t)
		}
	}
	if len(mine) > 0 {
		fmt.Fprintf(&b, "\n\nNhiệm vụ của %s (%d/%d):", h.unitName(unit), len(mine), len(d.Tasks))
		for _, t := range mine {
			fmt.Fprintf(&b, "\n%s", taskLine(t, 160))
		}
	} else {
		fmt.Fprintf(&b, "\n\nVăn bản gửi để biết; không giao nhiệm vụ riêng cho %s.", h.unitName(unit))
	}
	fmt.Fprintf(&b, "\n\nBấm \"✅ Đã nhận\" để xác nhận. Hỏi bất cứ điều gì về văn bản, ví dụ \"nhiệm vụ %s hạn khi nào?\".", exampleTask(d, mine))
	return b.String()
}

// exampleTask is the task a delivery's hint asks about: the unit's first
// with a deadline, else its first, else the directive's first ("5" only
// when there is no task at all).
func exampleTask(d *chidao.Directive, mine []chidao.Task) string {
	for _, ts := range [][]chidao.Task{mine, d.Tasks} {
		for _, t := range ts {
			if !t.Deadline.IsZero() {
				return t.ID
			}
		}
		if len(ts) > 0 {
			return ts[0].ID
		}
	}
	return "5"
}

// deliveryButtons are the buttons under a delivered directive; once the
// member acknowledged, the first shows when.
func (h *Handlers) deliveryButtons(d *chidao.Directive, acked *time.Time) [][]bot.Button {
	ack := h.button("✅ Đã nhận", actAck, shortKey(d.ID))
	if acked != nil {
		ack = h.button("Đã nhận lúc "+h.shortStamp(*acked), actNoop)
	}
	return rows(ack, h.button("📋 Nhiệm vụ", actTasks, shortKey(d.ID)))
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d byte", n)
}

// stampReceived sets when the office first stored the directive: kept from
// an earlier import or broadcast of the same directive, else now. Reminders
// do not chase deadlines that had passed by then.
func (h *Handlers) stampReceived(ctx context.Context, d *chidao.Directive, now time.Time) {
	if !d.Received.IsZero() {
		return
	}
	if old, ok := h.index.Directive(d.ID); ok && !old.Received.IsZero() {
		d.Received = old.Received
		return
	}
	if old, err := h.st.Directive(ctx, d.ID); err == nil && !old.Received.IsZero() {
		d.Received = old.Received
		return
	}
	d.Received = now
}
