package reminders

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"chidao"
)

// Limits on what one notice lists, so it stays readable and within a
// Telegram message (4096 characters) and a Zalo one (2000).
const (
	// maxListed is how many reminders one notice lists; the rest are
	// counted.
	maxListed = 12
	// maxDoneActions is how many "done" buttons one notice carries.
	maxDoneActions = 8
	// taskTextRunes bounds a task's text in a notice.
	taskTextRunes = 110
	// subjectRunes bounds a directive's subject in a notice.
	subjectRunes = 90
)

// Action kinds a Notice's buttons take.
const (
	// ActionAck acknowledges a directive ("✅ Đã nhận").
	ActionAck = "ack"
	// ActionDone reports a task (one occurrence of it) done.
	ActionDone = "done"
	// ActionTasks lists everything the member's unit has to do.
	ActionTasks = "tasks"
)

// Action is one button of a notice; the bot signs and renders it.
type Action struct {
	// Kind is ActionAck, ActionDone or ActionTasks.
	Kind string
	// Directive is the directive's ID (ack and done).
	Directive string
	// Task is the task's ID (done).
	Task string
	// Occurrence is the task occurrence's key (done; "" for a one-off task).
	Occurrence string
}

// Notice is one message to one member.
type Notice struct {
	// Chat is the member's private chat.
	Chat chidao.ChatRef
	// Member is the member's key ("telegram:123").
	Member string
	// Text is the message, in Vietnamese.
	Text string
	// Actions are the buttons under it, in order.
	Actions []Action
}

// directory names directives and units for people.
type directory struct {
	loc        *time.Location
	directives map[string]*chidao.Directive
	order      map[string]int // directive ID -> position in the store's list
	units      map[string]chidao.Unit
	unitOrder  map[string]int
}

func newDirectory(st State, loc *time.Location) directory {
	dir := directory{
		loc:        loc,
		directives: make(map[string]*chidao.Directive, len(st.Directives)),
		order:      make(map[string]int, len(st.Directives)),
		units:      make(map[string]chidao.Unit, len(st.Units)),
		unitOrder:  make(map[string]int, len(st.Units)),
	}
	for i, d := range st.Directives {
		if d != nil {
			dir.directives[d.ID] = d
			dir.order[d.ID] = i
		}
	}
	for i, u := range st.Units {
		dir.units[u.Code] = u
		dir.unitOrder[u.Code] = i
	}
	return dir
}

// unitName returns the unit's name, or its code when it is not configured.
func (dir directory) unitName(code string) string {
	if u, ok := dir.units[code]; ok && u.Name != "" {
		return u.Name
	}
	return code
}

// unitLess orders units as the configuration lists them.
func (dir directory) unitLess(a, b string) bool {
	ia, oka := dir.unitOrder[a]
	ib, okb := dir.unitOrder[b]
	switch {
	case oka && okb:
		return ia < ib
	case oka != okb:
		return oka
	}
	return a < b
}

// directiveLabel names a directive: its title and, shortened, its subject:
// "Kế hoạch số 52/KH-UBND (Triển khai …)", "Công văn số …/UBND-NV (V/v
// triển khai …)".
func directiveLabel(d *chidao.Directive) string {
	if d == nil {
		return "Văn bản"
	}
	title := d.Title()
	if d.Subject != "" {
		title += " (" + shorten(d.Subject, subjectRunes) + ")"
	}
	return title
}

// deadlinePhrase says a deadline the way the office writes one.
func deadlinePhrase(x Due) string {
	switch {
	case x.Extended:
		return "gia hạn đến hết ngày " + x.Due.Vietnamese()
	case x.Kind == chidao.DeadlineBefore:
		return "hạn trước ngày " + x.Due.Vietnamese()
	default:
		return "hạn chậm nhất ngày " + x.Due.Vietnamese()
	}
}

// remainingPhrase says how much time is left, or how late the task is.
func remainingPhrase(x Due, today chidao.Date) string {
	switch x.Stage {
	case StageDue0:
		return "hôm nay là ngày cuối"
	case StageOverdue, StageEscalated:
		return fmt.Sprintf("đã quá hạn %d ngày", max(1, x.LastDay.DaysUntil(today)))
	default:
		return fmt.Sprintf("còn %d ngày", max(1, today.DaysUntil(x.LastDay)))
	}
}

// taskLine is one listed task: "• Nhiệm vụ 5 (hạn trước ngày 07/6/2024 —
// còn 1 ngày): Căn cứ chức năng, …".
func taskLine(d *chidao.Directive, x Due, today chidao.Date) string {
	name := "Nhiệm vụ " + x.Task
	if p := chidao.PeriodLabel(x.Period); p != "" {
		name += ", kỳ " + p
	}
	line := fmt.Sprintf("• %s (%s — %s)", name, deadlinePhrase(x), remainingPhrase(x, today))
	if d != nil {
		if t, ok := d.Task(x.Task); ok && strings.TrimSpace(t.Text) != "" {
			line += ": " + shorten(t.Text, taskTextRunes)
		}
	}
	return line
}

// unitSection renders what is due for one unit, grouped by directive in
// the store's order, and the buttons for it.
func (dir directory) unitSection(items []Due, today chidao.Date) (string, []Action, string) {
	byDirective := groupByDirective(dir, items)
	var b strings.Builder
	var actions []Action
	listed, firstTask := 0, ""
	var omitted int
	hasAck := false
	for _, g := range byDirective {
		d := dir.directives[g.id]
		var lines []string
		for _, x := range g.items {
			if listed >= maxListed {
				omitted++
				continue
			}
			listed++
			switch x.Stage {
			case StageUnacknowledged:
				sent := ""
				if !x.Since.IsZero() {
					sent = " (gửi ngày " + chidao.DateOf(x.Since.In(dir.loc)).Vietnamese() + ")"
				}
				lines = append(lines, "• Đơn vị chưa xác nhận đã nhận văn bản"+sent+".")
				actions = append(actions, Action{Kind: ActionAck, Directive: x.Directive})
				hasAck = true
			default:
				lines = append(lines, taskLine(d, x, today))
				if firstTask == "" {
					firstTask = x.Task
				}
				if countKind(actions, ActionDone) < maxDoneActions {
					actions = append(actions, Action{Kind: ActionDone, Directive: x.Directive, Task: x.Task, Occurrence: x.Period})
				}
			}
		}
		if len(lines) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(directiveLabel(d) + ":\n")
		b.WriteString(strings.Join(lines, "\n"))
	}
	if omitted > 0 {
		fmt.Fprintf(&b, "\n\n… và %d việc khác. Bấm \"Việc của đơn vị\" để xem đủ.", omitted)
		actions = append(actions, Action{Kind: ActionTasks})
	}
	var footer []string
	if firstTask != "" {
		footer = append(footer, fmt.Sprintf("Bấm nút dưới đây hoặc trả lời \"xong %s\" khi đã hoàn thành.", firstTask))
	}
	if hasAck {
		footer = append(footer, "Bấm \"Đã nhận\" hoặc trả lời \"đã nhận\" để xác nhận đã nhận văn bản.")
	}
	return b.String(), actions, strings.Join(footer, "\n")
}

// escalationSection renders the escalations for the office admins: per
// directive and task, the units late by more than the allowed working days.
func (dir directory) escalationSection(items []Due, today chidao.Date, afterDays int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "⚠️ Quá hạn trên %d ngày làm việc, đề nghị Văn phòng đôn đốc:", afterDays)
	listed := 0
	for _, g := range groupByDirective(dir, items) {
		d := dir.directives[g.id]
		b.WriteString("\n\n" + directiveLabel(d) + ":")
		type taskKey struct{ task, period string }
		var order []taskKey
		units := map[taskKey][]Due{}
		for _, x := range g.items {
			k := taskKey{x.Task, x.Period}
			if _, ok := units[k]; !ok {
				order = append(order, k)
			}
			units[k] = append(units[k], x)
		}
		for _, k := range order {
			xs := units[k]
			if listed >= maxListed {
				fmt.Fprintf(&b, "\n• … và các nhiệm vụ khác.")
				break
			}
			listed++
			names := make([]string, 0, len(xs))
			for _, x := range xs {
				names = append(names, dir.unitName(x.Unit))
			}
			name := "Nhiệm vụ " + k.task
			if p := chidao.PeriodLabel(k.period); p != "" {
				name += ", kỳ " + p
			}
			who := joinNames(names, 10)
			if len(names) > 3 {
				who = fmt.Sprintf("%d đơn vị: %s", len(names), who)
			}
			fmt.Fprintf(&b, "\n• %s (%s — %s): %s.", name, deadlinePhrase(xs[0]), remainingPhrase(xs[0], today), who)
		}
	}
	return b.String()
}

// notice renders one member's message: what is due for the member's unit,
// and for an admin the escalations.
func (dir directory) notice(m chidao.Member, unitItems, escalations []Due, today chidao.Date, afterDays int) Notice {
	var parts []string
	var actions []Action
	var footer string
	if len(unitItems) > 0 {
		parts = append(parts, fmt.Sprintf("📌 Nhắc việc ngày %s — %s", today.Vietnamese(), dir.unitName(m.Unit)))
		var body string
		body, actions, footer = dir.unitSection(unitItems, today)
		parts = append(parts, body)
	} else {
		parts = append(parts, fmt.Sprintf("📌 Báo cáo đôn đốc ngày %s", today.Vietnamese()))
	}
	if len(escalations) > 0 {
		parts = append(parts, dir.escalationSection(escalations, today, afterDays))
	}
	if footer != "" {
		parts = append(parts, footer)
	}
	return Notice{Chat: m.Chat(), Member: m.Key(), Text: strings.Join(parts, "\n\n"), Actions: actions}
}

type directiveGroup struct {
	id    string
	items []Due
}

// groupByDirective groups items by directive, in the store's order of
// directives, keeping the items' order within each.
func groupByDirective(dir directory, items []Due) []directiveGroup {
	var groups []directiveGroup
	at := map[string]int{}
	for _, x := range items {
		i, ok := at[x.Directive]
		if !ok {
			i = len(groups)
			at[x.Directive] = i
			groups = append(groups, directiveGroup{id: x.Directive})
		}
		groups[i].items = append(groups[i].items, x)
	}
	// Stable insertion sort by the directives' store order.
	for i := 1; i < len(groups); i++ {
		for j := i; j > 0 && dir.order[groups[j].id] < dir.order[groups[j-1].id]; j-- {
			groups[j], groups[j-1] = groups[j-1], groups[j]
		}
	}
	return groups
}

func countKind(as []Action, kind string) int {
	n := 0
	for _, a := range as {
		if a.Kind == kind {
			n++
		}
	}
	return n
}

// joinNames joins up to limit names with commas and counts the rest.
func joinNames(names []string, limit int) string {
	if len(names) <= limit {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:limit], ", ") + fmt.Sprintf(" và %d đơn vị khác", len(names)-limit)
}

// shorten cuts s to at most n runes at a word boundary, adding "…", and
// folds its whitespace.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimRight(s, " .;,")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " .;,:") + "…"
}
