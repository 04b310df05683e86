package handlers

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"chidao"
	"chidao/bot"
	"chidao/export"
	"chidao/knowledge"
	"chidao/store"
)

// pickDirective chooses the directive an admin command is about: the one its
// argument names, else the newest one broadcast, else the newest.
func (h *Handlers) pickDirective(ctx context.Context, arg string) (*chidao.Directive, error) {
	if strings.TrimSpace(arg) != "" {
		d, ok := h.findDirective(ctx, arg)
		if !ok {
			return nil, fmt.Errorf("không tìm thấy văn bản số \"%s\". Gõ /vanban để xem danh sách", strings.TrimSpace(arg))
		}
		return d, nil
	}
	all := h.index.Directives()
	if len(all) == 0 {
		return nil, fmt.Errorf("chưa có văn bản nào trong hệ thống")
	}
	ids := make([]string, len(all))
	for i, d := range all {
		ids[i] = d.ID
	}
	fus, err := h.st.FollowUps(ctx, ids)
	if err == nil {
		var best *chidao.Directive
		var at time.Time
		for _, d := range all {
			if b := fus[d.ID].Broadcast; !b.At.IsZero() && b.At.After(at) {
				best, at = d, b.At
			}
		}
		if best != nil {
			return best, nil
		}
	}
	return all[0], nil
}

// unitStatus is one recipient unit's state for a directive.
type unitStatus struct {
	code      string
	name      string
	members   int // deliveries queued for it
	delivered int
	failed    []store.Delivery
	acks      []chidao.Ack // by member, oldest first
}

func (h *Handlers) unitStatuses(ctx context.Context, d *chidao.Directive) ([]*unitStatus, store.Broadcast, error) {
	fus, err := h.st.FollowUps(ctx, []string{d.ID})
	if err != nil {
		return nil, store.Broadcast{}, fmt.Errorf("read follow-up of %s: %w", d.ID, err)
	}
	ds, err := h.st.Deliveries(ctx, d.ID)
	if err != nil {
		return nil, store.Broadcast{}, fmt.Errorf("read deliveries of %s: %w", d.ID, err)
	}
	byUnit := map[string]*unitStatus{}
	var out []*unitStatus
	for _, code := range h.current(d.Units) {
		us := &unitStatus{code: code, name: h.unitName(code)}
		byUnit[code] = us
		out = append(out, us)
	}
	for _, dl := range ds {
		us, ok := byUnit[dl.Unit]
		if !ok {
			continue
		}
		us.members++
		switch dl.State {
		case "sent":
			us.delivered++
		case "failed":
			us.failed = append(us.failed, dl)
		}
	}
	for _, a := range fus[d.ID].Acks {
		if us, ok := byUnit[a.Unit]; ok {
			us.acks = append(us.acks, a)
		}
	}
	return out, fus[d.ID].Broadcast, nil
}

func (h *Handlers) cmdStatus(ctx context.Context, u *bot.Update) error {
	rq := reqFrom(ctx)
	_, args, _ := u.Command()
	d, err := h.pickDirective(ctx, args)
	if err != nil {
		return h.reply(ctx, rq, "⚠️ "+capitalize(err.Error())+".")
	}
	text, err := h.StatusText(ctx, d)
	if err != nil {
		return h.storeFailed(ctx, rq, "status", err)
	}
	return h.reply(ctx, rq, text)
}

// statusListMax is the most units a status view lists in one group.
const statusListMax = 10

// moreUnits closes a list cut at statusListMax: "và 95 đơn vị khác — xem
// /xuat".
func moreUnits(b *strings.Builder, n int) {
	if n > statusListMax {
		fmt.Fprintf(b, "\n… và %d đơn vị khác — xem /xuat", n-statusListMax)
	}
}

// StatusText is /tinhhinh: who received a directive, who has not, who has
// nobody registered, which deliveries failed.
func (h *Handlers) StatusText(ctx context.Context, d *chidao.Directive) (string, error) {
	uss, bc, err := h.unitStatuses(ctx, d)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "📊 Tình hình nhận — %s", d.Title())
	if bc.At.IsZero() {
		b.WriteString("\n\nVăn bản này chưa được gửi qua bot (chỉ lưu để tra cứu).")
		return b.String(), nil
	}
	var acked, waiting, nobody, failed []*unitStatus
	sent, total := 0, 0
	for _, us := range uss {
		sent += us.delivered
		total += us.members
		switch {
		case len(us.acks) > 0:
			acked = append(acked, us)
		case us.members == 0:
			nobody = append(nobody, us)
		default:
			waiting = append(waiting, us)
		}
		if len(us.failed) > 0 {
			failed = append(failed, us)
		}
	}
	fmt.Fprintf(&b, "\nGửi lúc %s · đã chuyển %d/%d tin · đã xác nhận %d/%d đơn vị", h.stamp(bc.At), sent, total, len(acked), len(uss))
	// The units still to acknowledge first: they are what the office acts
	// on. Ten of each at most; the rest are in /xuat.
	if len(waiting) > 0 {
		fmt.Fprintf(&b, "\n\n⏳ Chưa xác nhận (%d):", len(waiting))
		for _, us := range waiting[:min(len(waiting), statusListMax)] {
			fmt.Fprintf(&b, "\n• %s (đã chuyển %d/%d người)", us.name, us.delivered, us.members)
		}
		moreUnits(&b, len(waiting))
	}
	if len(acked) > 0 {
		fmt.Fprintf(&b, "\n\n✅ Đã nhận (%d):", len(acked))
		for _, us := range acked[:min(len(acked), statusListMax)] {
			a := us.acks[0]
			fmt.Fprintf(&b, "\n• %s — %s, %s", us.name, nameOr(a.Name), h.shortStamp(a.At))
		}
		moreUnits(&b, len(acked))
	}
	if len(nobody) > 0 {
		fmt.Fprintf(&b, "\n\n⚠️ Chưa có ai đăng ký nhận (%d): ", len(nobody))
		codes := make([]string, len(nobody))
		for i, us := range nobody {
			codes[i] = us.code
		}
		b.WriteString(h.namesOrCounts(codes))
		b.WriteString(".\nDùng /moi MÃ-ĐƠN-VỊ để tạo mã mời.")
	}
	if len(failed) > 0 {
		b.WriteString("\n\n❌ Gửi không được:")
		for _, us := range failed {
			for _, f := range us.failed {
				fmt.Fprintf(&b, "\n• %s — %s: %s", us.name, f.Member, failureText(f.Error))
			}
		}
	}
	return b.String(), nil
}

// failureText says why a delivery failed, for the office.
func failureText(e string) string {
	low := strings.ToLower(e)
	switch {
	case strings.Contains(low, "forbidden"), strings.Contains(low, "blocked"):
		return "người nhận đã chặn bot hoặc chưa mở bot"
	case strings.Contains(low, "not found"):
		return "không tìm thấy cuộc trò chuyện"
	case e == "":
		return "lỗi không rõ"
	}
	return "lỗi gửi (" + clip(e, 80) + ")"
}

func (h *Handlers) cmdReport(ctx context.Context, u *bot.Update) error {
	rq := reqFrom(ctx)
	if h.reports == nil {
		return h.reply(ctx, rq, "Chức năng báo cáo tình hình thực hiện chưa được bật.")
	}
	_, args, _ := u.Command()
	d, err := h.pickDirective(ctx, args)
	if err != nil {
		return h.reply(ctx, rq, "⚠️ "+capitalize(err.Error())+".")
	}
	text, err := h.reports.Report(ctx, d.ID, h.clock.Now())
	if err != nil {
		return h.storeFailed(ctx, rq, "follow-up report", err)
	}
	return h.reply(ctx, rq, text)
}

func (h *Handlers) cmdExport(ctx context.Context, u *bot.Update) error {
	rq := reqFrom(ctx)
	_, args, _ := u.Command()
	var ds []*chidao.Directive
	if strings.TrimSpace(args) != "" {
		d, err := h.pickDirective(ctx, args)
		if err != nil {
			return h.reply(ctx, rq, "⚠️ "+capitalize(err.Error())+".")
		}
		ds = []*chidao.Directive{d}
	} else {
		ds = h.broadcastDirectives(ctx, 30)
		if len(ds) == 0 {
			return h.reply(ctx, rq, "Chưa có văn bản nào được gửi qua bot để xuất tình hình.")
		}
	}
	data, err := h.Workbook(ctx, ds)
	if err != nil {
		return h.storeFailed(ctx, rq, "export", err)
	}
	name := fmt.Sprintf("tinh-hinh-%s.xlsx", h.now().Format("2006-01-02-1504"))
	_, err = h.send(ctx, rq.out, bot.Message{Chat: u.Chat,
		Text: fmt.Sprintf("📥 Tình hình %d văn bản, xuất lúc %s.", len(ds), h.stamp(h.clock.Now())),
		File: &bot.Attachment{Name: name, Data: data}})
	return err
}

// broadcastDirectives lists the directives sent through the bot, newest
// first, at most n.
func (h *Handlers) broadcastDirectives(ctx context.Context, n int) []*chidao.Directive {
	all := h.index.Directives()
	ids := make([]string, len(all))
	for i, d := range all {
		ids[i] = d.ID
	}
	fus, err := h.st.FollowUps(ctx, ids)
	if err != nil {
		return nil
	}
	var out []*chidao.Directive
	for _, d := range all {
		if !fus[d.ID].Broadcast.At.IsZero() {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b *chidao.Directive) int {
		return fus[b.ID].Broadcast.At.Compare(fus[a.ID].Broadcast.At)
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// Workbook is the Excel export: one sheet per directive, a row per
// recipient unit with its deliveries, acknowledgment and each task's status.
func (h *Handlers) Workbook(ctx context.Context, ds []*chidao.Directive) ([]byte, error) {
	now := h.clock.Now()
	var sheets []export.Sheet
	for _, d := range ds {
		uss, bc, err := h.unitStatuses(ctx, d)
		if err != nil {
			return nil, err
		}
		var status map[string]string
		if h.reports != nil {
			if status, err = h.reports.TaskStatus(ctx, d.ID, now); err != nil {
				return nil, fmt.Errorf("task status of %s: %w", d.ID, err)
			}
		}
		header := []string{"Đơn vị", "Người nhận", "Đã chuyển", "Xác nhận lúc", "Người xác nhận"}
		for _, t := range d.Tasks {
			header = append(header, "NV "+t.ID)
		}
		var rowsOut [][]string
		acked := 0
		for _, us := range uss {
			row := []string{us.name, strconv.Itoa(us.members), strconv.Itoa(us.delivered), "", ""}
			if len(us.acks) > 0 {
				acked++
				row[3] = h.stamp(us.acks[0].At)
				row[4] = nameOr(us.acks[0].Name)
			}
			for _, t := range d.Tasks {
				switch {
				case !t.Concerns(us.code):
					row = append(row, "—")
				case status != nil:
					row = append(row, status[t.ID+"|"+us.code])
				default:
					row = append(row, "")
				}
			}
			rowsOut = append(rowsOut, row)
		}
		title := d.Title()
		if d.Subject != "" && !strings.Contains(title, d.Subject) {
			title += " — " + d.Subject
		}
		notes := []string{fmt.Sprintf("Đã xác nhận: %d/%d đơn vị.", acked, len(uss))}
		if !bc.At.IsZero() {
			notes = append(notes, "Gửi lúc "+h.stamp(bc.At)+".")
		}
		notes = append(notes, "Xuất lúc "+h.stamp(now)+" bởi chidao.")
		name := d.Number
		if name == "" || strings.HasPrefix(name, "/") {
			name = d.ID
		}
		sheets = append(sheets, export.Sheet{Name: name, Title: title, Header: header, Rows: rowsOut, Notes: notes})
	}
	data, err := export.Workbook(sheets)
	if err != nil {
		return nil, fmt.Errorf("build workbook: %w", err)
	}
	return data, nil
}

func (h *Handlers) cmdUnits(ctx context.Context, u *bot.Update) error {
	rq := reqFrom(ctx)
	members, err := h.st.Members(ctx)
	if err != nil {
		return h.storeFailed(ctx, rq, "members", err)
	}
	byUnit := map[string][]chidao.Member{}
	for _, m := range members {
		byUnit[m.Unit] = append(byUnit[m.Unit], m)
	}
	var b strings.Builder
	have := 0
	for _, un := range h.opt.Units {
		if len(byUnit[un.Code]) > 0 {
			have++
		}
	}
	fmt.Fprintf(&b, "🏛 Đơn vị (%d) — đã có người nhận: %d/%d\n", len(h.opt.Units), have, len(h.opt.Units))
	for _, un := range h.opt.Units {
		ms := byUnit[un.Code]
		if len(ms) == 0 {
			fmt.Fprintf(&b, "\n⚠️ %s (%s) — chưa có ai", un.Name, un.Code)
			continue
		}
		names := make([]string, len(ms))
		for i, m := range ms {
			names[i] = nameOr(m.DisplayName)
			if m.IsAdmin() {
				names[i] += " (VP)"
			}
			if !m.Active {
				names[i] += " ⛔ không nhận được tin"
			}
		}
		fmt.Fprintf(&b, "\n✅ %s (%s) — %s", un.Name, un.Code, strings.Join(names, ", "))
	}
	b.WriteString("\n\nTạo mã mời: /moi MÃ-ĐƠN-VỊ (ví dụ /moi " + h.opt.Units[len(h.opt.Units)-1].Code + ")")
	return h.reply(ctx, rq, b.String())
}

func (h *Handlers) cmdInvite(ctx context.Context, u *bot.Update) error {
	rq := reqFrom(ctx)
	_, args, _ := u.Command()
	fields := strings.Fields(args)
	role := chidao.RoleHead
	var words []string
	for _, f := range fields {
		switch knowledge.Fold(f) {
		case "admin", "quantri", "quan-tri", "vanphong":
			role = chidao.RoleAdmin
		default:
			words = append(words, f)
		}
	}
	if len(words) == 0 {
		return h.reply(ctx, rq, "Gõ /moi kèm mã hoặc tên đơn vị, ví dụ: /moi "+h.exampleUnit().Code+" hoặc /moi "+h.exampleBody().Name+". Thêm \"admin\" để mời cán bộ Văn phòng.")
	}
	unit, ok := h.resolveUnit(strings.Join(words, " "))
	switch {
	case !ok:
		return h.reply(ctx, rq, fmt.Sprintf("Không tìm thấy đơn vị \"%s\". Gõ /donvi để xem mã các đơn vị.", strings.Join(words, " ")))
	case !unit.Current():
		return h.reply(ctx, rq, fmt.Sprintf("%s không còn từ %s (%s): không mời người nhận cho đơn vị này.", unit.Name, unit.Retired.Vietnamese(), "sau sắp xếp"))
	case role == chidao.RoleAdmin && unit.Kind != chidao.KindVanPhong:
		// An admin sees and sends everything: only the office's staff are.
		office := h.unitName(h.office)
		return h.reply(ctx, rq, fmt.Sprintf("Mã quản trị chỉ dành cho cán bộ %s. Mời lãnh đạo %s thì gõ /moi %s (không kèm \"admin\"); mời cán bộ Văn phòng thì gõ /moi %s admin.",
			office, unit.Name, unit.Code, h.office))
	}
	inv, err := h.st.NewInvite(ctx, unit.Code, role, rq.m.Key(), h.clock.Now(), h.opt.InviteTTL)
	if err != nil {
		return h.storeFailed(ctx, rq, "invite", err)
	}
	h.audit(ctx, store.AuditEntry{Action: "invite", Unit: unit.Code, Member: rq.m.Key(), Detail: string(role)})
	return h.reply(ctx, rq, fmt.Sprintf("🎟 Mã mời %s của %s: %s\nDùng một lần, hết hạn lúc %s.\n\nGửi cho người nhận lời nhắn: \"Mở bot chidao và gửi: /start %s\" (trên Zalo: gửi mã %s).",
		roleWord(role), unit.Name, inv.Code, h.stamp(inv.ExpiresAt), inv.Code, inv.Code))
}

// resolveUnit finds a unit by code or by name as a person types it.
func (h *Handlers) resolveUnit(s string) (chidao.Unit, bool) {
	s = strings.TrimSpace(s)
	if u, ok := h.units[strings.ToLower(s)]; ok {
		return u, true
	}
	return h.resolver.Match(s)
}

func (h *Handlers) cmdMute(ctx context.Context, u *bot.Update) error   { return h.mute(ctx, u, true) }
func (h *Handlers) cmdUnmute(ctx context.Context, u *bot.Update) error { return h.mute(ctx, u, false) }

// mute handles /tatnhac TARGET [N ngày] and /batnhac TARGET, where TARGET
// is a unit (code or name) or a directive number.
func (h *Handlers) mute(ctx context.Context, u *bot.Update, on bool) error {
	rq := reqFrom(ctx)
	_, args, _ := u.Command()
	fields := strings.Fields(args)
	if n := len(fields); n >= 3 && knowledge.Fold(fields[n-1]) == "ngay" {
		fields = fields[:n-1]
	}
	usage := "Gõ /tatnhac kèm đơn vị hoặc số văn bản, và số ngày tạm dừng nếu cần (1 đến 365), ví dụ: /tatnhac " + h.exampleUnit().Code +
		" 7 (tạm dừng 7 ngày) hoặc /tatnhac " + h.exampleDirective() + " (đến khi bật lại). Bật lại: /batnhac " + h.exampleUnit().Code + "."
	days, fields, ok := h.muteDays(fields, on)
	if !ok {
		return h.reply(ctx, rq, "Số ngày tạm dừng không hợp lệ. "+usage)
	}
	target := strings.Join(fields, " ")
	if target == "" {
		return h.reply(ctx, rq, usage)
	}
	var m store.Mute
	var what string
	if d, ok := h.findDirective(ctx, target); ok {
		m.Directive, what = d.ID, d.Title()
	} else if un, ok := h.resolveUnit(target); ok {
		m.Unit, what = un.Code, un.Name
	} else {
		return h.reply(ctx, rq, fmt.Sprintf("Không tìm thấy đơn vị hay văn bản \"%s\".", target))
	}
	if !on {
		was, err := h.st.Unmute(ctx, m.Unit, m.Directive)
		if err != nil {
			return h.storeFailed(ctx, rq, "unmute", err)
		}
		if !was {
			return h.reply(ctx, rq, "Nhắc việc cho "+what+" đang bật (chưa từng tạm dừng); không cần bật lại.")
		}
		h.audit(ctx, store.AuditEntry{Action: "unmute", Unit: m.Unit, Directive: m.Directive, Member: rq.m.Key()})
		return h.reply(ctx, rq, "🔔 Đã bật lại nhắc việc cho "+what+".")
	}
	until := "cho đến khi bật lại (/batnhac)"
	if days > 0 {
		m.Until = h.clock.Now().AddDate(0, 0, days)
		until = "đến " + h.stamp(m.Until)
	}
	if err := h.st.Mute(ctx, m); err != nil {
		return h.storeFailed(ctx, rq, "mute", err)
	}
	h.audit(ctx, store.AuditEntry{Action: "mute", Unit: m.Unit, Directive: m.Directive, Member: rq.m.Key(), Detail: until})
	return h.reply(ctx, rq, fmt.Sprintf("🔕 Đã tạm dừng nhắc việc cho %s %s.", what, until))
}

// muteDays takes the number of days off the end of /tatnhac's words: "7"
// or "7 ngày", from 1 to 365. A last word that is a number out of range, or
// that is no part of the unit or directive named before it ("abc"), is not
// accepted (ok false): it must not mute for ever.
func (h *Handlers) muteDays(fields []string, on bool) (days int, rest []string, ok bool) {
	n := len(fields)
	if !on || n < 2 {
		return 0, fields, true
	}
	last := fields[n-1]
	if v, err := strconv.Atoi(last); err == nil {
		return v, fields[:n-1], v >= 1 && v <= 365
	}
	// The directives in memory: mute's own lookup refreshes them from the
	// store when it must.
	before := strings.Join(fields[:n-1], " ")
	if _, found := h.matchDirective(before); found {
		return 0, nil, false // "227 abc": a number has no words after it
	}
	if _, found := h.directiveAt(before); found {
		return 0, nil, false
	}
	if u, found := h.resolveUnit(strings.Join(fields, " ")); found && !nameHasWord(u, last) {
		return 0, nil, false // "xa-an-son abc"
	}
	return 0, fields, true
}

// nameHasWord reports whether a word is one of the unit's code, name or
// aliases, folded: "hoạch" is of "Phòng Tài chính - Kế hoạch", "abc" of
// nothing.
func nameHasWord(u chidao.Unit, word string) bool {
	w := knowledge.Fold(word)
	for _, name := range append([]string{u.Code, u.Name}, u.Aliases...) {
		if slices.Contains(strings.FieldsFunc(knowledge.Fold(name), func(r rune) bool { return r == ' ' || r == '-' }), w) {
			return true
		}
	}
	return false
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
