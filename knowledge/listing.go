package knowledge

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"chidao"
)

// dueRange is a span of dates a question asks the tasks due in: "việc nào
// hạn trong tháng 10", "những nhiệm vụ phải hoàn thành trong quý IV",
// "nhiệm vụ nào sắp đến hạn".
type dueRange struct {
	month, quarter int // the month or quarter asked, 0 when none
	year           int // the year asked, 0 for the directive's
	upcoming       bool
}

// asked reports whether the question asks for the tasks due in a span.
func (r dueRange) asked() bool { return r.month > 0 || r.quarter > 0 || r.upcoming }

var (
	// dueMonthAskRe finds the span of "hạn trong tháng 10", "đến hạn vào
	// tháng 10/2024", "phải hoàn thành trong quý IV".
	dueSpanAskRe = regexp.MustCompile(`\b(?:han|xong|hoan thanh|nop|bao cao)\s+(?:trong|vao|truoc|cuoi|dau)?\s*(?:(thang)\s*(\d{1,2})|(quy)\s*(iv|iii|ii|i|[1-4]))(?:\s*(?:/|nam)\s*(\d{4}))?\b`)
	// upcomingAskRe finds "sắp đến hạn", "gần đến hạn", "sắp hết hạn".
	upcomingAskRe = regexp.MustCompile(`\b(?:sap|gan|sap toi|sap den)\s+(?:den|het|toi)?\s*han\b`)
)

// askedRange reads the span of dates a folded question asks the tasks due
// in; the zero dueRange when it asks none.
func askedRange(f string) dueRange {
	var r dueRange
	if !strings.Contains(f, "han") && !strings.Contains(f, "xong") && !strings.Contains(f, "hoan thanh") && !strings.Contains(f, "nop") {
		return r
	}
	if !hasWord(f, "nao") && !hasWord(f, "nhung") && !hasWord(f, "cac") && !hasWord(f, "gi") && !hasWord(f, "may") {
		return r
	}
	if (strings.Contains(f, "sap") || strings.Contains(f, "gan")) && upcomingAskRe.MatchString(f) {
		r.upcoming = true
		return r
	}
	if !strings.Contains(f, "thang") && !strings.Contains(f, "quy") {
		return r
	}
	m := dueSpanAskRe.FindStringSubmatch(f)
	if m == nil {
		return r
	}
	if m[1] != "" {
		r.month, _ = strconv.Atoi(m[2])
		if r.month < 1 || r.month > 12 {
			return dueRange{}
		}
	} else {
		r.quarter = quarterNumber(m[4])
	}
	if m[5] != "" {
		r.year, _ = strconv.Atoi(m[5])
	}
	return r
}

// span returns the first and last day of the range for a directive, and
// how to name it: "tháng 10/2024", "quý IV/2024".
func (r dueRange) span(d *chidao.Directive) (from, to chidao.Date, name string, ok bool) {
	y := r.year
	if y == 0 {
		y = d.Year
	}
	if y == 0 {
		return from, to, "", false
	}
	switch {
	case r.month > 0:
		from, to = chidao.NewDate(y, time.Month(r.month), 1), chidao.NewDate(y, time.Month(r.month)+1, 0)
		name = fmt.Sprintf("tháng %d/%d", r.month, y)
	case r.quarter > 0:
		from, to = chidao.NewDate(y, time.Month(3*r.quarter-2), 1), chidao.NewDate(y, time.Month(3*r.quarter)+1, 0)
		name = fmt.Sprintf("quý %s/%d", roman(r.quarter), y)
	default:
		return from, to, "", false
	}
	return from, to, name, true
}

// dueIn returns the tasks of a directive due in the range, by deadline;
// for a month, the tasks due on a day of every month follow. With today
// set, the upcoming are those due from today on.
func (r dueRange) dueIn(d *chidao.Directive, today chidao.Date) ([]chidao.Task, string) {
	var out []chidao.Task
	if r.upcoming {
		for _, t := range d.Tasks {
			if !t.Deadline.IsZero() && (today.IsZero() || !t.Deadline.Before(today)) {
				out = append(out, t)
			}
		}
		slices.SortStableFunc(out, func(a, b chidao.Task) int { return a.Deadline.Compare(b.Deadline) })
		return out[:min(len(out), 10)], "sắp đến hạn"
	}
	from, to, name, ok := r.span(d)
	if !ok {
		return nil, ""
	}
	for _, t := range d.Tasks {
		if !t.Deadline.IsZero() && !t.Deadline.Before(from) && !t.Deadline.After(to) {
			out = append(out, t)
		}
	}
	slices.SortStableFunc(out, func(a, b chidao.Task) int { return a.Deadline.Compare(b.Deadline) })
	if r.month > 0 {
		for _, t := range d.Tasks {
			if t.Deadline.IsZero() && t.Recurrence == chidao.RecurMonthly {
				out = append(out, t)
			}
		}
	}
	return out, "có hạn trong " + name
}

// byRange answers "việc nào hạn trong tháng 10" from one directive: its
// tasks due in the range, by deadline.
func (ix *Index) byRange(e *entry, r dueRange, q Query) Answer {
	d := e.d
	tasks, what := r.dueIn(d, q.Today)
	if what == "" {
		return refuse(d, IntentNone)
	}
	ans := Answer{Directive: d, Intent: IntentDeadline, Found: true, Tasks: tasks, Items: []string{}, Units: []string{}}
	var b strings.Builder
	b.WriteString(from(d))
	if len(tasks) == 0 {
		b.WriteString("Văn bản này không có nhiệm vụ nào " + what + ".")
		ans.Text = b.String()
		return ans
	}
	fmt.Fprintf(&b, "Các nhiệm vụ %s (%d):\n", what, len(tasks))
	for _, t := range tasks {
		ans.Items = append(ans.Items, t.ID)
		b.WriteString("\n" + briefTask(t))
	}
	ans.Deadline = tasks[0].Deadline
	ans.Units = taskUnits(d, tasks[0], ix.res, e.every)
	ans.Text = b.String()
	return ans
}

// assignedTo returns the tasks of a directive whose units include one of
// codes: those naming the unit itself first, then those naming its group,
// then those falling to every recipient, each in the directive's order.
func assignedTo(e *entry, codes []string) []chidao.Task {
	var own, group, rest []chidao.Task
	for i, t := range e.d.Tasks {
		switch td := &e.tasks[i]; {
		case overlaps(td.own, codes):
			own = append(own, t)
		case overlaps(td.named, codes):
			group = append(group, t)
		case overlaps(t.AssigneeUnits, codes):
			rest = append(rest, t)
		}
	}
	return append(append(own, group...), rest...)
}

// acrossUnit answers "đơn vị tôi phải làm gì" over every directive held,
// newest first: the tasks each gives the unit.
func (ix *Index) acrossUnit(a *analysis) Answer {
	names := ix.unitNames(a.units, a.unitNames)
	who := strings.Join(names, ", ")
	ans := Answer{Intent: IntentUnit, Found: true, Items: []string{}, Units: names}
	var b strings.Builder
	n := 0
	for _, s := range ix.newest {
		e := ix.entries[s]
		tasks := assignedTo(e, a.units)
		if len(tasks) == 0 {
			continue
		}
		n++
		if ans.Directive == nil {
			ans.Directive, ans.Tasks, ans.Deadline = e.d, tasks, tasks[0].Deadline
			for _, t := range tasks {
				ans.Items = append(ans.Items, t.ID)
			}
		}
		if n <= maxListed {
			fmt.Fprintf(&b, "\n\n📄 %s (%d nhiệm vụ):", label(e.d), len(tasks))
			writeBrief(&b, tasks)
		}
	}
	if n > maxListed {
		fmt.Fprintf(&b, "\n\n… và %d văn bản khác; hãy hỏi kèm số văn bản (ví dụ: \"%s nhiệm vụ 1\").", n-maxListed, shortName(ans.Directive))
	}
	if n == 0 {
		ans.Directive = ix.entries[ix.newest[0]].d
		ans.Text = fmt.Sprintf("Chưa văn bản nào (trong %d văn bản) giao nhiệm vụ cho %s.", len(ix.newest), who)
		return ans
	}
	ans.Text = fmt.Sprintf("%s có nhiệm vụ trong %d văn bản (mới nhất trước):", capitalize(who), n) + b.String()
	return ans
}

// acrossUnitDue answers when a unit's tasks fall due over several
// directives ("Phòng Nông nghiệp hạn báo cáo khi nào"): in each directive,
// newest first, the tasks given to the unit that hold every word asked and
// a date; the answer's deadline is the earliest of them (from today on
// when today is known). False unless two directives or more have such
// tasks: one directive answers as usual.
func (ix *Index) acrossUnitDue(a *analysis, q Query) (Answer, bool) {
	type hit struct {
		e     *entry
		tasks []chidao.Task
	}
	var hits []hit
	for _, s := range ix.newest {
		e := ix.entries[s]
		var tasks []chidao.Task
		for _, t := range assignedTo(e, a.units) {
			if t.Deadline.IsZero() && (t.Recurrence == "" || t.Recurrence == chidao.RecurOngoing) {
				continue
			}
			f := Fold(t.Text)
			if !slices.ContainsFunc(a.words, func(w qword) bool { return !hasWord(f, w.text) }) {
				tasks = append(tasks, t)
			}
		}
		if len(tasks) > 0 {
			hits = append(hits, hit{e, tasks})
		}
	}
	if len(hits) < 2 {
		return Answer{}, false
	}
	// The task falling due first from today on, else the first of all.
	first, firstHit := -1, 0
	for _, upcoming := range []bool{true, false} {
		for k, h := range hits {
			for i, t := range h.tasks {
				if t.Deadline.IsZero() || upcoming && !q.Today.IsZero() && t.Deadline.Before(q.Today) {
					continue
				}
				if first < 0 || t.Deadline.Before(hits[firstHit].tasks[first].Deadline) {
					first, firstHit = i, k
				}
			}
		}
		if first >= 0 {
			break
		}
	}
	if first < 0 {
		first = 0
	}
	h := hits[firstHit]
	t := h.tasks[first]
	names := ix.unitNames(a.units, a.unitNames)
	ans := Answer{Directive: h.e.d, Intent: IntentDeadline, Found: true, Tasks: []chidao.Task{t}, Items: []string{t.ID}, Deadline: t.Deadline, Units: names}
	for _, x := range h.tasks {
		if x.ID != t.ID {
			ans.Items = append(ans.Items, x.ID)
			ans.Tasks = append(ans.Tasks, x)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Các hạn của %s trong %d văn bản (mới nhất trước):", strings.Join(names, ", "), len(hits))
	for k, x := range hits {
		if k == maxListed {
			fmt.Fprintf(&b, "\n\n… và %d văn bản khác.", len(hits)-maxListed)
			break
		}
		fmt.Fprintf(&b, "\n\n📄 %s:", label(x.e.d))
		writeBrief(&b, x.tasks)
	}
	if due := dueText(t); due != "" && !t.Deadline.IsZero() {
		fmt.Fprintf(&b, "\n\n⏰ Gần nhất: nhiệm vụ %s của %s, %s.", t.ID, label(h.e.d), due)
	}
	ans.Text = b.String()
	return ans, true
}

// maxListed and maxBrief bound a listing over several directives: the
// directives shown, and the tasks shown of each.
const (
	maxListed = 6
	maxBrief  = 8
)

// writeBrief writes a line about each of the tasks, up to maxBrief.
func writeBrief(b *strings.Builder, tasks []chidao.Task) {
	for _, t := range tasks[:min(len(tasks), maxBrief)] {
		b.WriteString("\n" + briefTask(t))
	}
	if len(tasks) > maxBrief {
		fmt.Fprintf(b, "\n… và %d nhiệm vụ khác.", len(tasks)-maxBrief)
	}
}

// acrossNumber answers a task's number asked over several directives
// without naming one: from the one directive having it, or by listing
// the task in each, newest first, for the asker to choose.
func (ix *Index) acrossNumber(a *analysis, q Query, sc *scratch) Answer {
	var hits, mine []*entry
	for _, s := range ix.newest {
		if e := ix.entries[s]; findTasks(e.d, a.ref) != nil {
			hits = append(hits, e)
			if q.Unit != "" && e.d.Addressed(q.Unit) {
				mine = append(mine, e)
			}
		}
	}
	if len(mine) > 0 {
		// The directives sent to the asker's unit.
		hits = mine
	}
	if len(hits) == 0 {
		// "mục 2.1.a" written without its section: the one directive
		// having it under a section ("III.2.1.a").
		for _, s := range ix.newest {
			if tasks, _ := findUnder(ix.entries[s].d, a.ref); tasks != nil {
				hits = append(hits, ix.entries[s])
			}
		}
		if len(hits) != 1 {
			hits = nil
		}
	}
	switch len(hits) {
	case 0:
		return ix.byNumber(ix.choose(q, a, sc), a)
	case 1:
		return ix.byNumber(hits[0], a)
	}
	first := findTasks(hits[0].d, a.ref)
	ans := Answer{Directive: hits[0].d, Intent: IntentTask, Found: true, Tasks: first, Deadline: first[0].Deadline,
		Units: taskUnits(hits[0].d, first[0], ix.res, hits[0].every)}
	for _, t := range first {
		ans.Items = append(ans.Items, t.ID)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Có %d văn bản có nhiệm vụ %s; anh/chị hỏi văn bản nào? (Hãy ghi kèm số văn bản, ví dụ: \"%s nhiệm vụ %s\".)",
		len(hits), a.ref, shortName(hits[0].d), a.ref)
	for k, e := range hits {
		if k == maxListed {
			fmt.Fprintf(&b, "\n\n… và %d văn bản khác.", len(hits)-maxListed)
			break
		}
		tasks := findTasks(e.d, a.ref)
		fmt.Fprintf(&b, "\n\n📄 %s:", label(e.d))
		for _, t := range tasks[:min(len(tasks), 3)] {
			b.WriteString("\n" + briefTask(t))
		}
		if len(tasks) > 3 {
			fmt.Fprintf(&b, "\n… và %d nhiệm vụ khác.", len(tasks)-3)
		}
	}
	ans.Text = b.String()
	return ans
}

// shortName names a directive briefly for a question: "công văn 1245".
func shortName(d *chidao.Directive) string {
	kind := strings.ToLower(d.Kind)
	if kind == "" {
		kind = "văn bản"
	}
	if n := leadingDigits(d.Number); n != "" {
		return kind + " " + n
	}
	return kind
}

// acrossRange answers "việc nào hạn trong tháng 10" over every directive
// held, newest first.
func (ix *Index) acrossRange(r dueRange, q Query) Answer {
	ans := Answer{Intent: IntentDeadline, Found: true, Items: []string{}, Units: []string{}}
	var b strings.Builder
	n, what := 0, ""
	for _, s := range ix.newest {
		e := ix.entries[s]
		tasks, w := r.dueIn(e.d, q.Today)
		if w != "" {
			what = w
		}
		if len(tasks) == 0 {
			continue
		}
		n++
		if ans.Directive == nil {
			ans.Directive, ans.Tasks, ans.Deadline = e.d, tasks, tasks[0].Deadline
			ans.Units = taskUnits(e.d, tasks[0], ix.res, e.every)
			for _, t := range tasks {
				ans.Items = append(ans.Items, t.ID)
			}
		}
		if n <= maxListed {
			fmt.Fprintf(&b, "\n\n📄 %s:", label(e.d))
			writeBrief(&b, tasks)
		}
	}
	if n > maxListed {
		fmt.Fprintf(&b, "\n\n… và %d văn bản khác.", n-maxListed)
	}
	if n == 0 {
		ans.Directive = ix.entries[ix.newest[0]].d
		ans.Text = "Không văn bản nào có nhiệm vụ " + what + "."
		if what == "" {
			ans.Text = "Không văn bản nào có nhiệm vụ có hạn trong khoảng thời gian này."
		}
		return ans
	}
	ans.Text = fmt.Sprintf("Các nhiệm vụ %s, trong %d văn bản (mới nhất trước):", what, n) + b.String()
	return ans
}

// partDeadline finds, in a task naming several dates, the date the
// question asks about ("hạn báo cáo năm" in "báo cáo 6 tháng (trước ngày
// 10/6) và báo cáo năm (trước ngày 05/12)", "làm việc đến ngày nào" in "từ
// ngày 03/9 đến ngày 30/10; báo cáo trước ngày 15/11", "báo cáo hằng tháng
// gửi ngày nào" in "báo cáo … trước ngày 10 hằng tháng; báo cáo sơ kết
// trước ngày 15/6"): the date, or the recurring day, whose words share
// the most with the question, its words running from the end of the
// deadline before it or the start of its clause; a pair of the question's
// words found together counts once more ("tổng kết" is not "sơ kết"). It
// must be another than the task's deadline and share more than the
// deadline's words. It returns the date with its words (a recurring day
// has no date), and false when the deadline answers.
//
// A task with no deadline but a period ("từ ngày 01/11 đến ngày 30/11")
// answers with the period's end, whatever the question's words.
func partDeadline(d *chidao.Directive, t chidao.Task, question string) (deadline, string, bool) {
	pd, ok := newPartDates(d, t)
	if !ok {
		return deadline{}, "", false
	}
	pd.asking(question)
	best, from, ok := pd.choose(periodAsked(question), dayAsked(question))
	if !ok {
		return deadline{}, "", false
	}
	c := pd.cands[best]
	switch c.tier {
	case tierBare:
		c.role = roleEvent
	case tierPeriod:
		c.role = rolePeriodEnd
	}
	return c.deadline, pd.words(from, c.end), true
}

// periodAskRe finds a question about the end of a period: "làm việc đến
// ngày nào", "kết thúc khi nào", "kéo dài đến bao giờ".
var periodAskRe = regexp.MustCompile(`\bden (?:het )?(?:ngay nao|bao gio|khi nao|luc nao|ngay may|ngay bao nhieu)\b|\bket thuc\b|\bkeo dai\b|\bhan cuoi\b`)

// answers reports whether a date a task's text gives, not its deadline,
// is the date a question asks: a period's end for "đến ngày nào", an
// event's day for "ngày nào", a deadline for any.
func (dl deadline) answers(question string) bool {
	switch dl.role {
	case rolePeriodEnd:
		return periodAsked(question)
	case roleEvent:
		return dayAsked(question)
	}
	return true
}

// headingTime is the time a heading above a task gives: the heading's ID,
// its words and the date.
type headingTime struct {
	id, words string
	part      deadline
}

// answers reports whether the heading's date is the one a question asks.
func (h headingTime) answers(question string) bool { return h.part.answers(question) }

// timeOfHeading finds the time the nearest heading above a task gives,
// when the task's own text gives none ("2. Đợt 2: Từ ngày 23/02/2026 đến
// ngày 14/3/2026" above "a) Nội dung kiểm tra …").
func timeOfHeading(d *chidao.Directive, t chidao.Task, question string) headingTime {
	if t.Section == "" {
		return headingTime{}
	}
	heads := strings.Split(t.Section, " / ")
	path := strings.Split(t.ID, ".")
	if len(path) <= len(heads) {
		return headingTime{} // the headings are not the ID's ancestors
	}
	for k := len(heads) - 1; k >= 0; k-- {
		if part, words, ok := partDeadline(d, chidao.Task{Text: heads[k]}, question); ok && !part.date.IsZero() {
			return headingTime{id: strings.Join(path[:len(path)-len(heads)+k], "."), words: words, part: part}
		}
	}
	return headingTime{}
}

// dayAskRe finds a question asking the day something happens ("khai giảng
// ngày nào", "tựu trường hôm nào") rather than a deadline ("hạn").
var dayAskRe = regexp.MustCompile(`\b(?:ngay nao|hom nao|ngay may|ngay bao nhieu|khi nao|bao gio|luc nao|thoi gian nao|vao ngay)\b`)

// dayAsked reports whether a folded question asks the day of an event.
func dayAsked(question string) bool {
	return dayAskRe.MatchString(question) && !hasWord(question, "han") && !hasWord(question, "xong") && !hasWord(question, "hoan thanh")
}

// periodAsked reports whether a folded question asks the end of a period.
func periodAsked(question string) bool {
	return (strings.Contains(question, "den") || strings.Contains(question, "ket thuc") || strings.Contains(question, "keo dai") || strings.Contains(question, "han cuoi")) &&
		periodAskRe.MatchString(question)
}

// partStop reports whether a folded word of a question says nothing about
// which of a task's dates it asks.
func partStop(w string) bool {
	switch w {
	case "han", "chot", "ngay", "nao", "khi", "gio", "la", "gi", "cua", "va", "ve", "cho", "co", "phai", "may", "hoi", "the", "thi",
		"o", "tai", "duoc", "nhiem", "vu", "viec", "lam", "bao", "luc", "thoi", "gian", "nhung":
		return true
	}
	return false
}

// cites answers a question about a document a directive cites ("Chỉ thị
// 03 của tỉnh"): where the directive cites it, with the footnotes naming
// it, and the tasks that cite it. num is the document's number as asked.
func (ix *Index) cites(e *entry, num string) (Answer, bool) {
	d := e.d
	ref := ""
	for _, r := range d.References {
		if leadingDigits(r) == strings.TrimLeft(num, "0") || leadingDigits(r) == num {
			ref = r
			break
		}
	}
	if ref == "" {
		return Answer{}, false
	}
	key := Fold(strings.ReplaceAll(ref, " ", ""))
	holds := func(s string) bool { return strings.Contains(strings.ReplaceAll(Fold(s), " ", ""), key) }
	ans := Answer{Directive: d, Intent: IntentFree, Found: true, Items: []string{}, Units: []string{}}
	var b strings.Builder
	b.WriteString(from(d))
	b.WriteString("Văn bản viện dẫn " + ref + ":")
	// The sentence of the text before the tasks citing it.
	for _, l := range strings.Split(d.Source, "\n") {
		if !holds(l) {
			continue
		}
		var t string
		for _, cl := range cleanLines(l) {
			t += cl.text
		}
		t = cleanTaskText(t)
		if t == "" || slices.ContainsFunc(d.Tasks, func(x chidao.Task) bool { return strings.Contains(x.Text, t) }) {
			continue
		}
		// The sentence citing it.
		for _, sent := range strings.SplitAfter(t, ". ") {
			if holds(sent) {
				t = strings.TrimSpace(sent)
				break
			}
		}
		b.WriteString("\n• " + firstWords(t, 60))
		break
	}
	for _, fn := range d.Footnotes {
		if holds(fn.Text) {
			b.WriteString("\n📎 Chú thích: " + fn.Text)
		}
	}
	for _, t := range d.Tasks {
		if holds(t.Text) || slices.ContainsFunc(t.Footnotes, holds) {
			ans.Items = append(ans.Items, t.ID)
			ans.Tasks = append(ans.Tasks, t)
			b.WriteString("\n" + briefTask(t))
		}
	}
	ans.Text = b.String()
	return ans, true
}

// dateMarks counts, quickly, the places a text may hold a date: a digit
// followed by "/" that no such place came just before, "tháng", "quý"; a
// text with fewer than two holds at most one date.
func dateMarks(s string) int {
	n, last := 0, -16
	for i := 1; i+1 < len(s); i++ {
		if s[i] == '/' && isDigitByte(s[i-1]) && isDigitByte(s[i+1]) {
			if i-last > 6 {
				n++
			}
			last = i
		}
	}
	return n + strings.Count(s, "tháng") + strings.Count(s, "quý") + strings.Count(s, "Quý")
}
