package handlers

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"chidao"
	"chidao/bot"
	"chidao/store"
)

// dateArgRe reads a date typed by the office: "20/6/2024", "20/6", "20-6-2024".
var dateArgRe = regexp.MustCompile(`^(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{4}))?$`)

// cmdExtend is /giahan SỐ NV ĐƠN-VỊ NGÀY: the office moves one unit's
// deadline for one task; reminders then follow the new date, and the unit
// is told.
func (h *Handlers) cmdExtend(ctx context.Context, u *bot.Update) error {
	rq := reqFrom(ctx)
	_, args, _ := u.Command()
	f := strings.Fields(args)
	usage := "Gõ: /giahan SỐ-VĂN-BẢN NHIỆM-VỤ ĐƠN-VỊ NGÀY, ví dụ /giahan " + h.exampleDirective() + " 5 " + h.exampleUnit().Code + " 20/6/2024"
	if len(f) < 4 {
		return h.reply(ctx, rq, usage)
	}
	d, ok := h.findDirective(ctx, f[0])
	if !ok {
		return h.reply(ctx, rq, fmt.Sprintf("Không tìm thấy văn bản số \"%s\".", f[0]))
	}
	t, ok := d.Task(normalizeTaskID(strings.ToLower(f[1])))
	if !ok {
		t, ok = d.Task(f[1])
	}
	if !ok {
		return h.reply(ctx, rq, fmt.Sprintf("%s không có nhiệm vụ %s.", d.Title(), f[1]))
	}
	until, err := h.parseDateArg(f[len(f)-1], d)
	if err != nil {
		return h.reply(ctx, rq, "Ngày gia hạn chưa đúng dạng (ví dụ 20/6/2024). "+usage)
	}
	unit, ok := h.resolveUnit(strings.Join(f[2:len(f)-1], " "))
	if !ok {
		return h.reply(ctx, rq, fmt.Sprintf("Không tìm thấy đơn vị \"%s\". Gõ /donvi để xem mã các đơn vị.", strings.Join(f[2:len(f)-1], " ")))
	}
	if !t.Concerns(unit.Code) {
		return h.reply(ctx, rq, fmt.Sprintf("Nhiệm vụ %s không giao cho %s.", t.ID, unit.Name))
	}
	if until.Before(chidao.DateOf(h.now())) {
		return h.reply(ctx, rq, "Ngày gia hạn đã qua. Vui lòng chọn một ngày từ hôm nay trở đi.")
	}
	if err := h.st.SetExtension(ctx, d.ID, t.ID, unit.Code, until); err != nil {
		return h.storeFailed(ctx, rq, "extension", err)
	}
	h.audit(ctx, store.AuditEntry{Action: "extend", Directive: d.ID, Task: t.ID, Unit: unit.Code, Member: rq.m.Key(), Detail: until.String()})
	told := 0
	if members, err := h.st.UnitMembers(ctx, unit.Code); err == nil {
		text := fmt.Sprintf("📅 %s gia hạn nhiệm vụ %s (%s) cho %s đến hết ngày %s.",
			h.opt.Office.Short, t.ID, d.Title(), unit.Name, until.Vietnamese())
		for _, m := range members {
			if out, ok := h.out.For(m.Platform); ok && m.Active {
				if _, err := h.send(ctx, out, bot.Message{Chat: m.Chat(), Text: text}); err == nil {
					told++
				}
			}
		}
	}
	return h.reply(ctx, rq, fmt.Sprintf("📅 Đã gia hạn nhiệm vụ %s của %s cho %s đến hết ngày %s; đã báo cho %d người của đơn vị.",
		t.ID, d.Title(), unit.Name, until.Vietnamese(), told))
}

// parseDateArg reads a typed date; one without a year takes this year.
func (h *Handlers) parseDateArg(s string, d *chidao.Directive) (chidao.Date, error) {
	m := dateArgRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return chidao.Date{}, fmt.Errorf("not a date: %q", s)
	}
	day, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[2])
	year := h.now().Year()
	if m[3] != "" {
		year, _ = strconv.Atoi(m[3])
	}
	date := chidao.Date{Year: year, Month: time.Month(month), Day: day}
	if !date.Valid() {
		return chidao.Date{}, fmt.Errorf("not a date: %q", s)
	}
	return date, nil
}
