package handlers

import (
	"context"
	"fmt"
	"strconv"
	"strings"

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

// occurrenceLabel names a period in Vietnamese: "2025-03" → "tháng 3/2025",
// "2025-Q1" → "quý I/2025", "2025-H1" → "6 tháng đầu năm 2025",
// "2025-W07" → "tuần 7/2025", "2025" → "năm 2025".
func occurrenceLabel(key string) string {
	year, rest, ok := strings.Cut(key, "-")
	if !ok {
		if key == "" {
			return ""
		}
		return "năm " + key
	}
	switch {
	case strings.HasPrefix(rest, "Q"):
		roman := map[string]string{"1": "I", "2": "II", "3": "III", "4": "IV"}[rest[1:]]
		return fmt.Sprintf("quý %s/%s", roman, year)
	case rest == "H1":
		return "6 tháng đầu năm " + year
	case rest == "H2":
		return "6 tháng cuối năm " + year
	case strings.HasPrefix(rest, "W"):
		n, _ := strconv.Atoi(rest[1:])
		return fmt.Sprintf("tuần %d/%s", n, year)
	}
	n, err := strconv.Atoi(rest)
	if err != nil {
		return key
	}
	return fmt.Sprintf("tháng %d/%s", n, year)
}
