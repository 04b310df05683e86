package knowledge

import (
	"slices"

	"chidao"
)

// readTasks makes a task of each leaf: its text, its deadline and its
// units. "Các nội dung trên hoàn thành trước ngày …" after the items is
// the deadline of every item above it that gives none.
func (dc *doc) readTasks() error {
	dc.shared = sharedDeadlines(dc.all, dc.dates)
	dc.markOf = map[string]int{}
	for k, n := range dc.leaves {
		raw := n.text()
		for _, m := range marksIn(raw) {
			if _, ok := dc.markOf[m]; !ok {
				dc.markOf[m] = k
			}
		}
		t := chidao.Task{ID: n.id, Text: cleanTaskText(raw)}
		if n.parent != nil {
			t.Section = n.parent.sectionPath()
		}
		ft := foldMapped(t.Text)
		dl := dc.deadlineOf(n, ft)
		t.Deadline, t.DeadlineKind, t.DeadlineText, t.Recurrence, t.RecurDay = dl.date, dl.kind, dl.text, dl.recur, dl.recurDay
		if n.members {
			// The members of a team are not its assignees.
			ft = foldMapped(cleanTaskText(n.paras[0]))
		}
		dc.assign(&t, n, ft)
		if n.rank == 0 && executorsRe.MatchString(ft.text) {
			dc.executors = append(dc.executors, len(dc.d.Tasks))
		}
		dc.d.Tasks = append(dc.d.Tasks, t)
	}
	return nil
}

// deadlineOf returns a leaf's deadline: its own; else its headings'; a
// shared one given in so many words to the items with none, when earlier
// than what a heading's period implies; else a shared one or the words
// of a deadline counted from an event ("trong 05 ngày làm việc kể từ
// ngày nhận được": words, no date).
func (dc *doc) deadlineOf(n *node, ft folded) deadline {
	dl := foldedDeadline(ft, dc.dates)
	own := dl.set()
	relative := dl
	for a := n.parent; !dl.set() && a != nil; a = a.parent {
		dl = a.headDeadline(dc.dates)
	}
	if sd := dc.shared.of(n); !own && sd.strong && dl.recur == "" && (dl.date.IsZero() || sd.dl.date.Before(dl.date)) {
		// "Các nhiệm vụ tại Điều 1 chưa ghi thời hạn …": earlier than
		// what the heading's period ("6 tháng cuối năm") implies.
		dl = sd.dl
	}
	if !dl.set() {
		if n.sharedDL != nil {
			dl = *n.sharedDL
		} else {
			dl = dc.shared.of(n).dl
		}
	}
	if !own && relative.text != "" && !dl.set() {
		dl = relative
	}
	return dl
}

// assign gives a task its assignees and units: those its text names, or
// its headings'; every recipient when it names none (but a plan's
// purpose, a team listing its members, a decision's effect or act); with
// the recipients working with the unit in charge ("chủ trì, phối hợp với
// UBND xã Chu Túc"), also when a body outside the units is in charge.
func (dc *doc) assign(t *chidao.Task, n *node, ft folded) {
	p, d := dc.p, dc.d
	as := p.r.findAssignees(ft)
	for a := n.parent; len(as.names) == 0 && a != nil; a = a.parent {
		as = a.headAssignees(p.r)
	}
	t.Assignees = as.names
	if t.Assignees == nil {
		t.Assignees = []string{}
	}
	codes := as.codes
	switch {
	case len(as.names) == 0 && purpose(n):
		// A plan's purpose is no unit's task.
	case as.all || len(as.names) == 0 && !n.members && !effectRe.MatchString(ft.text) && !(n.rank == 0 && actRe.MatchString(ft.text)):
		codes = append(append([]string(nil), d.Units...), codes...)
		dc.toAll = append(dc.toAll, len(d.Tasks))
	case len(codes) > 0 || len(as.names) > 0:
		for _, c := range p.r.partnerUnits(ft) {
			// "Như Điều 4": the recipients are known only later. A
			// partner sent the text for information ("Nơi nhận") is one
			// too.
			if slices.Contains(d.Units, c) || dc.asDieu != "" || dc.isInformed(c) {
				codes = append(codes, c)
			}
		}
	}
	t.AssigneeUnits = p.unitOrder(codes)
}
