package handlers

import (
	"context"

	"chidao"
)

// openOccurrence picks the period a unit most likely means when it reports a
// recurring task done without saying which: the oldest overdue period it has
// not reported, else the next one due. A one-off task has the key "".
func (h *Handlers) openOccurrence(ctx context.Context, d *chidao.Directive, t chidao.Task, unit string) string {
	if t.Recurrence == "" {
		return ""
	}
	today := chidao.DateOf(h.now())
	occs := t.Occurrences(d, today.AddDays(-120), today.AddDays(120))
	if len(occs) == 0 {
		return ""
	}
	done := map[string]bool{}
	if reports, err := h.st.Reports(ctx, d.ID); err == nil {
		for _, r := range reports {
			if r.Task == t.ID && r.Unit == unit && r.Status == chidao.ReportDone {
				done[r.Occurrence] = true
			}
		}
	}
	for _, o := range occs {
		if o.LastDay().Before(today) && !done[o.Key] {
			return o.Key
		}
	}
	for _, o := range occs {
		if !o.LastDay().Before(today) {
			return o.Key
		}
	}
	return occs[len(occs)-1].Key
}
