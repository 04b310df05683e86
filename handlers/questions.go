package handlers

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"chidao"
	"chidao/bot"
	"chidao/knowledge"
	"chidao/store"
)

// Session keys of a chat.
const (
	sessCurrent   = "dir"       // the directive picked with /vanban
	sessAwait     = "await"     // a step waiting for text: a report note, a return reason
	sessDraft     = "draft"     // the office's previewed directive, as JSON
	sessDraftFile = "draftfile" // its file
)

func (h *Handlers) onText(ctx context.Context, u *bot.Update) error {
	rq := reqFrom(ctx)
	if !u.Private {
		return nil // chidao does not talk in groups
	}
	text := strings.TrimSpace(u.Text)
	switch {
	case text == "":
		return nil
	case strings.HasPrefix(text, "/"):
		return h.reply(ctx, rq, textUnknownCommand)
	case !rq.registered && looksLikeInvite(text):
		return h.redeem(ctx, rq, inviteCode(text))
	case !rq.registered:
		return h.notRegistered(ctx, rq)
	case utf8.RuneCountInString(text) > h.opt.MaxQuestion:
		return h.reply(ctx, rq, fmt.Sprintf("Tin nhắn dài quá (%d ký tự). Vui lòng hỏi ngắn gọn, dưới %d ký tự.",
			utf8.RuneCountInString(text), h.opt.MaxQuestion))
	}
	if done, err := h.continueAwait(ctx, rq, text, nil); done {
		return err
	}
	if isAckPhrase(text) {
		return h.ackTyped(ctx, rq)
	}
	if done, ok := parseDone(text); ok {
		return h.reportTyped(ctx, rq, done)
	}
	if t := knowledge.SmallTalkOf(text); t != knowledge.TalkNone {
		return h.smallTalk(ctx, rq, t)
	}
	return h.answer(ctx, rq, text, "")
}

// answer asks the knowledge base and replies, with a report button when the
// top task is the asker's unit's.
func (h *Handlers) answer(ctx context.Context, rq *request, text, directive string) error {
	q := knowledge.Query{Text: text, Unit: rq.m.Unit, Directive: directive, Today: chidao.DateOf(h.now())}
	a := h.index.Ask(q)
	if a.Found && h.phraser != nil {
		a = h.phraser.Phrase(ctx, q, a)
	}
	var buttons [][]bot.Button
	if a.Found && a.Directive != nil && len(a.Tasks) > 0 && !rq.admin() {
		t := a.Tasks[0]
		if t.Concerns(rq.m.Unit) && (!t.Deadline.IsZero() || t.Recurrence != "" || len(a.Tasks) == 1) {
			buttons = rows(h.button("✔️ Báo cáo hoàn thành NV "+t.ID, actDone, shortKey(a.Directive.ID), t.ID, ""))
		}
	}
	return h.reply(ctx, rq, a.Text, buttons...)
}

func (h *Handlers) cmdTask(ctx context.Context, u *bot.Update) error {
	rq := reqFrom(ctx)
	_, args, _ := u.Command()
	args = strings.TrimSpace(args)
	if args == "" {
		return h.reply(ctx, rq, "Gõ /nv kèm số nhiệm vụ, ví dụ: /nv 5 hoặc /nv II.1.a")
	}
	if !taskArgRe.MatchString(knowledge.Fold(args)) {
		return h.reply(ctx, rq, fmt.Sprintf("\"%s\" không phải số nhiệm vụ. Gõ /nv kèm số nhiệm vụ như văn bản ghi, ví dụ: /nv 5, /nv II.1.a, /nv 2.b", clip(args, 40)))
	}
	current, _ := h.st.Session(ctx, u.Chat, sessCurrent)
	if _, ok := h.index.Directive(current); !ok {
		current = ""
	}
	return h.answer(ctx, rq, "nhiệm vụ "+args, current)
}

func (h *Handlers) cmdDirectives(ctx context.Context, u *bot.Update) error {
	rq := reqFrom(ctx)
	ds := h.addressedTo(rq)
	if len(ds) == 0 {
		return h.reply(ctx, rq, textNoDirectives)
	}
	const show = 8
	if len(ds) > show {
		ds = ds[:show]
	}
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = d.ID
	}
	fus, err := h.st.FollowUps(ctx, ids)
	if err != nil {
		h.log.Warn("read follow-ups", "err", err)
	}
	var b strings.Builder
	if rq.admin() {
		b.WriteString("📚 Các văn bản trong hệ thống (mới nhất trước):\n")
	} else {
		fmt.Fprintf(&b, "📚 Văn bản gửi %s (mới nhất trước):\n", h.unitName(rq.m.Unit))
	}
	var buttons [][]bot.Button
	for i, d := range ds {
		fmt.Fprintf(&b, "\n%d. %s", i+1, d.Title())
		if when := issuedText(d); when != "" {
			fmt.Fprintf(&b, " (%s)", when)
		}
		if rq.admin() {
			fmt.Fprintf(&b, " — trong lệnh: %s", directiveRef(d, i+1))
		}
		if d.Subject != "" && !strings.Contains(d.Title(), d.Subject) {
			fmt.Fprintf(&b, "\n   %s", clip(d.Subject, 120))
		}
		if fu, ok := fus[d.ID]; ok && !fu.Broadcast.At.IsZero() && !rq.admin() {
			if ack, ok := unitAck(fu.Acks, rq.m.Unit); ok {
				fmt.Fprintf(&b, "\n   ✅ Đơn vị đã nhận lúc %s", h.stamp(ack.At))
			} else {
				b.WriteString("\n   ⏳ Đơn vị chưa xác nhận đã nhận")
			}
		}
		buttons = append(buttons, h.button(fmt.Sprintf("📄 %d. %s", i+1, clip(d.Title(), 40)), actView, shortKey(d.ID)))
	}
	b.WriteString("\n\nBấm vào một văn bản để xem nhiệm vụ của đơn vị, hoặc hỏi trực tiếp.")
	return h.reply(ctx, rq, b.String(), rows(buttons...)...)
}

// onView makes a directive the chat's current one and shows what it asks of
// the unit.
func (h *Handlers) onView(ctx context.Context, rq *request, d *chidao.Directive) error {
	if err := h.st.PutSession(ctx, rq.u.Chat, sessCurrent, d.ID, currentTTL); err != nil {
		h.log.Warn("remember current directive", "err", err)
	}
	return h.showTasks(ctx, rq, d)
}

// showTasks lists the tasks of a directive that concern the unit (all of
// them for the office), with report buttons for the open ones.
func (h *Handlers) showTasks(ctx context.Context, rq *request, d *chidao.Directive) error {
	var b strings.Builder
	fmt.Fprintf(&b, "📄 %s", d.Title())
	if d.Subject != "" && !strings.Contains(d.Title(), d.Subject) {
		fmt.Fprintf(&b, "\n%s", d.Subject)
	}
	var mine []chidao.Task
	for _, t := range d.Tasks {
		if rq.admin() || t.Concerns(rq.m.Unit) {
			mine = append(mine, t)
		}
	}
	if len(mine) == 0 {
		fmt.Fprintf(&b, "\n\nVăn bản không giao nhiệm vụ nào cho %s.", h.unitName(rq.m.Unit))
		return h.reply(ctx, rq, b.String())
	}
	if rq.admin() {
		fmt.Fprintf(&b, "\n\nCác nhiệm vụ (%d):", len(mine))
	} else {
		fmt.Fprintf(&b, "\n\nNhiệm vụ của %s (%d):", h.unitName(rq.m.Unit), len(mine))
	}
	var buttons [][]bot.Button
	for _, t := range mine {
		fmt.Fprintf(&b, "\n\n%s", taskLine(t, 220))
		if !rq.admin() && len(buttons) < 6 && (!t.Deadline.IsZero() || t.Recurrence != "") {
			buttons = append(buttons, h.button("✔️ Xong NV "+t.ID, actDone, shortKey(d.ID), t.ID, ""))
		}
	}
	b.WriteString("\n\nHỏi chi tiết: \"nhiệm vụ 5 là gì?\", hoặc /nv 5.")
	return h.reply(ctx, rq, b.String(), rows(buttons...)...)
}

func (h *Handlers) onEdited(ctx context.Context, u *bot.Update) error {
	rq := reqFrom(ctx)
	text := strings.TrimSpace(u.Text)
	if !u.Private || !rq.registered || text == "" || strings.HasPrefix(text, "/") {
		return nil
	}
	if utf8.RuneCountInString(text) > h.opt.MaxQuestion {
		return nil
	}
	a := h.index.Ask(knowledge.Query{Text: text, Unit: rq.m.Unit, Today: chidao.DateOf(h.now())})
	return h.reply(ctx, rq, "✏️ Trả lời câu hỏi đã sửa:\n\n"+a.Text)
}

func (h *Handlers) onOther(ctx context.Context, u *bot.Update) error {
	rq := reqFrom(ctx)
	if !u.Private {
		return nil
	}
	if !rq.registered {
		return h.notRegistered(ctx, rq)
	}
	return h.reply(ctx, rq, textNonText)
}

// taskLine is a task as a list line: "• NV 5 — ⏰ trước ngày 07/6/2024: text…".
func taskLine(t chidao.Task, width int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "• NV %s", t.ID)
	if dl := deadlineText(t); dl != "" {
		fmt.Fprintf(&b, " — ⏰ %s", dl)
	}
	fmt.Fprintf(&b, ": %s", clip(t.Text, width))
	return b.String()
}

// deadlineText says a task's deadline the Vietnamese way.
func deadlineText(t chidao.Task) string {
	switch {
	case !t.Deadline.IsZero() && t.DeadlineKind == chidao.DeadlineBefore:
		return "trước ngày " + t.Deadline.Vietnamese()
	case !t.Deadline.IsZero():
		return "chậm nhất ngày " + t.Deadline.Vietnamese()
	case t.DeadlineText != "":
		return t.DeadlineText
	case t.Recurrence != "" && t.Recurrence != chidao.RecurOngoing:
		return t.Recurrence
	}
	return ""
}

func issuedText(d *chidao.Directive) string {
	if !d.Issued.IsZero() {
		return "ngày " + d.Issued.Vietnamese()
	}
	return d.IssuedText
}

// clip shortens s to at most n characters at a word boundary, with "…".
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	if i := strings.LastIndexByte(string(r), ' '); i > n/2 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}

// taskArgRe is a task number as /nv takes it: "5", "II.1.a", "2.b",
// "3.2.1", maybe after "nv" or "nhiệm vụ".
var taskArgRe = regexp.MustCompile(`^(?:(?:nhiem vu|nv|muc|dieu)\s*)?(?:[ivxlc]+|[0-9]+)(?:\.[0-9a-zđ]+)*\.?$`)

var (
	ackPhrases = map[string]bool{
		"da nhan": true, "da nhan van ban": true, "nhan roi": true, "xac nhan": true,
		"da nhan duoc": true, "ok da nhan": true, "da nhan a": true, "xac nhan da nhan": true,
		"da nhan roi": true, "da nhan roi a": true, "nhan roi a": true, "da nhan duoc roi": true,
		"em da nhan": true, "em da nhan a": true, "da nhan nhe": true, "ok da nhan roi": true,
	}
)

func isAckPhrase(s string) bool {
	f := strings.Trim(knowledge.Fold(s), ".!,; ")
	return ackPhrases[f]
}

// typedDone is a completion report typed as text: the tasks it names (as
// the directive writes their IDs) or all of the unit's, and the note in the
// user's own words.
type typedDone struct {
	tasks []string
	all   bool
	note  string
}

var (
	doneHeadRe = regexp.MustCompile(`^(?:da xong|xong|da hoan thanh|bao cao hoan thanh|bao cao xong|bc xong|hoan thanh)\s+`)
	doneAllRe  = regexp.MustCompile(`^(?:tat ca|het|toan bo)(?:\s+(?:cac\s+)?(?:nhiem vu|nv))?\s*[.!]?$`)
	doneIDRe   = regexp.MustCompile(`^(?:(?:nhiem vu|nv|muc|y)\s*)?([ivxl]+(?:\.[0-9a-z]+)*|[0-9]+(?:\.[0-9a-z]+)*)\.?`)
	doneAndRe  = regexp.MustCompile(`^\s*(?:,|;|&|\bva\b)\s*`)
	doneNoteRe = regexp.MustCompile(`^\s*[:;,\-–]\s*`)
)

// parseDone reads a typed completion report: "xong 5", "xong 2, 3", "xong
// 2 và 3", "xong tất cả", "đã hoàn thành nhiệm vụ II.1.a: đã ban hành quy
// chế". A question ("hoàn thành nhiệm vụ 5 khi nào?") is none.
func parseDone(s string) (typedDone, bool) {
	s = strings.TrimSpace(s)
	f := knowledge.Fold(s)
	head := doneHeadRe.FindStringIndex(f)
	if head == nil || strings.ContainsAny(f, "?") {
		return typedDone{}, false
	}
	rest := f[head[1]:]
	if doneAllRe.MatchString(rest) {
		return typedDone{all: true}, true
	}
	var d typedDone
	for {
		m := doneIDRe.FindStringSubmatchIndex(rest)
		if m == nil {
			return typedDone{}, false
		}
		d.tasks = append(d.tasks, normalizeTaskID(rest[m[2]:m[3]]))
		rest = rest[m[1]:]
		if and := doneAndRe.FindStringIndex(rest); and != nil && nextIsID(rest[and[1]:]) {
			rest = rest[and[1]:]
			continue
		}
		break
	}
	switch sep := doneNoteRe.FindStringIndex(rest); {
	case strings.TrimSpace(rest) == "":
	case sep != nil:
		at := len(f) - len(rest) + sep[1]
		d.note = noteIn(s, countSeps(f[:at]))
	default:
		return typedDone{}, false // "xong 5 rồi mà": not a report
	}
	return d, true
}

// nextIsID reports whether s opens with a task ID standing alone: followed
// by the end, a list's "và" or comma, or a note's separator. "12 bản" after
// "xong 5," is the note's, not task 12.
func nextIsID(s string) bool {
	m := doneIDRe.FindStringIndex(s)
	if m == nil {
		return false
	}
	after := s[m[1]:]
	return strings.TrimSpace(after) == "" || doneAndRe.MatchString(after) || doneNoteRe.MatchString(after)
}

const noteSeps = ":;,-–"

// countSeps counts the separators in s.
func countSeps(s string) int {
	n := 0
	for _, r := range s {
		if strings.ContainsRune(noteSeps, r) {
			n++
		}
	}
	return n
}

// noteIn returns the text of s after its n-th separator (":;,-–"), as the
// user typed it. Folding keeps the separators, so they are counted in the
// folded text and found again in the original.
func noteIn(s string, n int) string {
	for i, r := range s {
		if strings.ContainsRune(noteSeps, r) {
			if n--; n == 0 {
				return strings.TrimSpace(strings.TrimLeft(s[i:], noteSeps+" "))
			}
		}
	}
	return ""
}

func normalizeTaskID(id string) string {
	parts := strings.Split(id, ".")
	if len(parts) > 0 && strings.Trim(parts[0], "ivxl") == "" {
		parts[0] = strings.ToUpper(parts[0])
	}
	return strings.Join(parts, ".")
}

func unitAck(acks []chidao.Ack, unit string) (chidao.Ack, bool) {
	for _, a := range acks {
		if a.Unit == unit {
			return a, true
		}
	}
	return chidao.Ack{}, false
}

// storeFailed replies that a write could not be done now and logs why.
func (h *Handlers) storeFailed(ctx context.Context, rq *request, what string, err error) error {
	h.log.Warn("store write failed", "what", what, "err", err)
	return h.reply(ctx, rq, textStoreDownWrite)
}

var _ = store.ErrNotFound
