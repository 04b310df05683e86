package knowledge

import (
	"chidao"
	"regexp"
	"slices"
	"strings"
)

// crossRefRe finds a task giving its unit the tasks of other items by
// number: "thực hiện nhiệm vụ tại mục 2.1.b và 2.2", "chủ trì thực hiện
// nội dung tại điểm 1.1".
var crossRefRe = regexp.MustCompile(`\b(?:nhiem vu|noi dung|cong viec)\s+(?:tai|o|neu tai|quy dinh tai)\s+(?:muc|diem|tieu muc|khoan)\s+((?:\d{1,2}(?:\.(?:\d{1,2}|[a-z]))*)(?:\s*(?:,|va)\s*\d{1,2}(?:\.(?:\d{1,2}|[a-z]))*)*)`)

// crossAssigned gives the tasks other items name by number ("Phòng Văn
// hóa và Thông tin chủ trì thực hiện nhiệm vụ tại mục 1.1") to the units
// of the items naming them: instead of every recipient when they named no
// one (toAll), besides their own units otherwise.
func crossAssigned(d *chidao.Directive, toAll []int) {
	given := map[int][]string{}
	for k, t := range d.Tasks {
		if len(t.AssigneeUnits) == 0 || slices.Contains(toAll, k) || !strings.Contains(t.Text, " tại ") && !strings.Contains(t.Text, " tai ") {
			continue
		}
		for _, m := range crossRefRe.FindAllStringSubmatch(Fold(t.Text), 4) {
			for _, ref := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' }) {
				if ref == "va" {
					continue
				}
				j := -1
				for i, o := range d.Tasks {
					id := strings.ToLower(o.ID)
					if i != k && (id == ref || strings.HasSuffix(id, "."+ref)) {
						if j >= 0 {
							j = -2 // more than one: not clear which
							break
						}
						j = i
					}
				}
				if j >= 0 {
					given[j] = append(given[j], t.AssigneeUnits...)
				}
			}
		}
	}
	for j, units := range given {
		t := &d.Tasks[j]
		if slices.Contains(toAll, j) {
			t.AssigneeUnits = nil
		}
		seen := map[string]bool{}
		var out []string
		for _, u := range append(slices.Clone(t.AssigneeUnits), units...) {
			if !seen[u] {
				seen[u] = true
				out = append(out, u)
			}
		}
		t.AssigneeUnits = out
	}
}

// remainingRe finds, in a task's folded opening, the units "còn lại" of a
// group: "UBND các xã, thị trấn còn lại", "các đơn vị còn lại".
var remainingRe = regexp.MustCompile(`\b(?:xa|thi tran|don vi|co quan|phong|dia phuong)(?:,? (?:thi tran|xa))? con lai\b`)

// remainingUnits gives a task "UBND các xã, thị trấn còn lại …" only the
// units of the group no other task names among a part of it ("UBND các xã
// Tri Lễ, Hữu Lễ, Tân Đoàn" have their own task).
func remainingUnits(d *chidao.Directive) {
	for k := range d.Tasks {
		t := &d.Tasks[k]
		if len(t.AssigneeUnits) < 2 || !strings.Contains(t.Text, "còn lại") && !strings.Contains(t.Text, "con lai") ||
			!remainingRe.MatchString(Fold(headBytes(t.Text, 200))) {
			continue
		}
		group := t.AssigneeUnits
		named := map[string]bool{}
		for j, o := range d.Tasks {
			if j == k {
				continue
			}
			var in []string
			for _, c := range o.AssigneeUnits {
				if slices.Contains(group, c) {
					in = append(in, c)
				}
			}
			if len(in) > 0 && len(in) < len(group) {
				for _, c := range in {
					named[c] = true
				}
			}
		}
		if len(named) > 0 && len(named) < len(group) {
			t.AssigneeUnits = slices.DeleteFunc(slices.Clone(group), func(c string) bool { return named[c] })
		}
	}
}

// recipientsOfArticle takes the recipients of a decision whose "Nơi nhận"
// says "Như Điều 3" from the units Điều 3 names, and gives tasks naming no
// unit to them.
func (p *Parser) recipientsOfArticle(d *chidao.Directive, id string, toAll []int) {
	t, ok := d.Task(id)
	if !ok || len(t.Assignees) == 0 {
		return
	}
	var codes []string
	for _, a := range t.Assignees {
		cs := p.r.Resolve(a)
		toks := canonTokens(a)
		switch {
		case len(cs) > 0:
			d.Recipients = append(d.Recipients, a)
			codes = append(codes, cs...)
		case len(toks) > 0 && orgAt(a, toks, 0):
			// A body outside the units ("Ban Chỉ huy Quân sự huyện").
			d.Recipients = append(d.Recipients, a)
			d.Unresolved = append(d.Unresolved, a)
		}
	}
	d.Units = p.unitOrder(append(append([]string{}, d.Units...), codes...))
	d.Unresolved = slices.DeleteFunc(d.Unresolved, func(s string) bool { return strings.HasPrefix(Fold(s), "nhu dieu") })
	for _, i := range toAll {
		if len(d.Tasks[i].Assignees) == 0 {
			d.Tasks[i].AssigneeUnits = d.Units
		} else {
			// "Thủ trưởng các cơ quan, đơn vị": every recipient.
			d.Tasks[i].AssigneeUnits = p.unitOrder(append(append([]string{}, d.Units...), d.Tasks[i].AssigneeUnits...))
		}
	}
}

// unitOrder returns codes once each, in configured order.
func (p *Parser) unitOrder(codes []string) []string {
	in := make([]bool, len(p.r.units))
	for _, c := range codes {
		if i, ok := p.r.byCode[c]; ok {
			in[i] = true
		}
	}
	out := []string{}
	for _, u := range p.r.units {
		if in[p.r.byCode[u.Code]] {
			out = append(out, u.Code)
		}
	}
	return out
}

// runPasses runs the passes over the tasks read: the recipients of "Như
// Điều 3", "các xã còn lại", tasks given by number to the units of other
// items, and who executes a decision.
func (dc *doc) runPasses() error {
	d := dc.d
	if dc.asDieu != "" {
		dc.p.recipientsOfArticle(d, dc.asDieu, dc.toAll)
	}
	remainingUnits(d)
	crossAssigned(d, dc.toAll)
	executorsOnly(d, dc.executors)
	return nil
}

// executorsOnly narrows the articles naming who carries a decision out
// ("Điều 3. Chánh Văn phòng …, Trưởng phòng … chịu trách nhiệm thi hành
// Quyết định này"): a unit another article gives a task has that task to
// do, not this one besides.
func executorsOnly(d *chidao.Directive, executors []int) {
	if len(executors) == 0 {
		return
	}
	tasked := map[string]bool{}
	for k, t := range d.Tasks {
		if !slices.Contains(executors, k) {
			for _, c := range t.AssigneeUnits {
				tasked[c] = true
			}
		}
	}
	for _, k := range executors {
		d.Tasks[k].AssigneeUnits = slices.DeleteFunc(slices.Clone(d.Tasks[k].AssigneeUnits), func(c string) bool { return tasked[c] })
	}
}
