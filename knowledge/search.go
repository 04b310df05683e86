package knowledge

import (
	"math"
	"slices"
	"sort"
	"strings"

	"chidao"
)

// searchWeights are the weights a search scores tasks with: BM25 over the
// question's words (a common word counting half, a pair of words that
// follow each other more), then what the question names besides words.
type searchWeights struct {
	k1, b            float64 // BM25's saturation and length weight
	generic, pair    float64 // a common word's weight; a pair's
	own, group       float64 // the unit asked given the task by name; its group
	every, mentioned float64 // the task falls to every recipient; it names the unit
	people, body     float64 // the task lists people asked about; gives the body named
	deadline, recurs float64 // a deadline asked and the task has one; a recurrence
	missing, absent  int     // a question is refused when 1/missing of its strong words miss the text, or 1/absent the task
	cut              float64 // tasks scoring under cut × the best are not listed
	maxTasks         int     // tasks listed at most
}

// weights are the search's weights, tuned on the development sets.
var weights = searchWeights{
	k1: 1.2, b: 0.75, generic: 0.5, pair: 1.5,
	own: 1.0, group: 0.8, every: 0.3, mentioned: 0.2,
	people: 0.5, body: 0.5, deadline: 0.3, recurs: 0.2,
	missing: 2, absent: 3, cut: 0.5, maxTasks: 10,
}

type scored struct {
	i     int
	score float64
	match float64 // content score alone
	other bool    // a unit was asked about and the task does not concern it
}

// taskSearch is a question being answered from one directive's tasks and
// passages by their words.
type taskSearch struct {
	ix        *Index
	e         *entry
	d         *chidao.Directive
	a         *analysis
	unitAsked bool
	content   int  // the question's content words
	strong    int  // those not common to directives
	missing   int  // strong words the directive does not hold
	free      bool // the answer may be a passage
}

// search answers by content: a deadline, an assignee, a unit's tasks or
// free text.
func (ix *Index) search(e *entry, a *analysis, _ Query, sc *scratch) Answer {
	ts := &taskSearch{ix: ix, e: e, d: e.d, a: a, unitAsked: len(a.units) > 0}
	ts.countWords()
	// A question about what the text says besides its tasks ("kinh phí
	// lấy từ đâu") is answered from the passage holding most of it when
	// no task holds more (see passages).
	ts.free = !ts.unitAsked && ts.content > 0 && !a.intent.has(inDeadline) && !a.intent.has(inAssignee) && len(e.passages) > 0
	for _, b := range a.bodies {
		if !namesBody(e.bodies, b.key) {
			return notNamed(ts.d, b.typed)
		}
	}
	if ts.strong > 0 && ts.missing*weights.missing >= ts.strong {
		return ts.noTask()
	}
	if ts.content == 0 && !ts.unitAsked && !a.intent.has(inDeadline) && !a.intent.has(inList) {
		return refuse(ts.d, IntentNone)
	}
	res := ts.score(sc)
	if ts.unitAsked && ts.content == 0 && (len(res) == 0 || res[0].other) {
		// The directive gives the unit nothing: it does not answer.
		names := ix.unitNames(a.units, a.unitNames)
		return Answer{Directive: ts.d, Intent: IntentUnit, Items: []string{}, Units: names,
			Text: from(ts.d) + "Văn bản này không giao nhiệm vụ cho " + strings.Join(names, ", ") + "."}
	}
	if ans, ok := ts.evidence(res); !ok {
		return ans
	}
	tasks := ts.listed(res)
	intent := ts.intent()
	var ans Answer
	if intent == IntentUnit {
		ans = ix.answerUnit(e, a, tasks)
	} else {
		ans = ix.answerTasks(e, a, intent, tasks, res)
	}
	if ans.Found && (intent == IntentUnit || intent == IntentFree) {
		ans.Items = headingFirst(ans.Items, tasks, a.folded)
	}
	return ans
}

// bodyHeadings open a heading that names a body, folded: "2. Sở Tài
// chính", "3. Ủy ban nhân dân xã, phường" (not "2. Hội nghị hiệp thương").
var bodyHeadings = []string{"so ", "ban ", "uy ban", "ubnd", "phong ", "trung tam", "cong an", "van phong", "chu tich", "thu truong",
	"bao ", "dai ", "bo chi huy", "hoi ", "cac so", "cac co quan", "mat tran", "thanh tra", "kho bac", "doan thanh nien", "lien doan"}

// headingFirst puts first the heading the first task stands under when
// that heading names the body the question asks about: "Sở Tài chính
// phải làm gì" of a plan whose "2. Sở Tài chính" lists a), b), c) is
// answered by II.2, then its points.
func headingFirst(items []string, tasks []chidao.Task, question string) []string {
	if len(tasks) == 0 || len(items) == 0 || items[0] != tasks[0].ID {
		return items
	}
	t := tasks[0]
	dot := strings.LastIndexByte(t.ID, '.')
	secs := strings.Split(t.Section, " / ")
	if dot <= 0 || t.Section == "" {
		return items
	}
	last := Fold(secs[len(secs)-1])
	num, name, ok := strings.Cut(last, " ")
	parent := t.ID[:dot]
	if !ok || !strings.HasSuffix(Fold(parent), strings.TrimSuffix(num, ".")) || len(name) > 80 || !hasPrefixAny(name, bodyHeadings...) ||
		!strings.Contains(question, name) {
		return items
	}
	if slices.Contains(items, parent) {
		return items
	}
	return append([]string{parent}, items...)
}

// countWords counts the question's content words, its strong ones and
// those of them the directive does not hold: "lương" is not "lượng",
// though both fold to "luong"; "thủ tục" is in "TTHC"; a slip of one
// letter is forgiven.
func (ts *taskSearch) countWords() {
	for _, w := range ts.a.words {
		ts.content++
		if w.generic {
			continue
		}
		ts.strong++
		switch {
		case ts.a.accented && w.marked:
			if (w.accent == 0 || !ts.e.hasAccent(w.accent)) && !(w.term != 0 && ts.e.fromAbbrev(w.term)) {
				ts.missing++
			}
		case w.term == 0 || !ts.e.has(w.term):
			if !ts.ix.nearWord(ts.e, w.text) {
				ts.missing++
			}
		}
	}
}

// noTask is the answer when no task answers: the passage holding most of
// the question, when one may answer, else the refusal.
func (ts *taskSearch) noTask() Answer {
	if ts.free {
		if pi, _ := bestPassage(ts.e, ts.a, ts.strong); pi >= 0 {
			if !ts.a.figure.statedIn(ts.e.passages[pi].folded) {
				return noFigure(ts.d, ts.a.figure, passageText(ts.d, pi))
			}
			return answerPassage(ts.e, pi)
		}
	}
	return refuse(ts.d, IntentNone)
}

// score scores the tasks, best first: BM25 over the question's words and
// pairs, summed term by term in the question's order, then boosts.
func (ts *taskSearch) score(sc *scratch) []scored {
	e := ts.e
	n := float64(len(e.tasks))
	var maxScore float64
	type qt struct {
		term uint32
		w    float64
	}
	var qterms []qt
	for _, w := range ts.a.words {
		if w.term != 0 {
			wt := 1.0
			if w.generic {
				wt = weights.generic
			}
			qterms = append(qterms, qt{w.term, wt})
		}
	}
	for _, p := range ts.a.pairs {
		qterms = append(qterms, qt{p, weights.pair})
	}
	sums := grow(&sc.scores, len(e.tasks))
	k1, b := weights.k1, weights.b
	for _, t := range qterms {
		ps := e.postings(t.term)
		if len(ps) == 0 {
			continue
		}
		df := float64(len(ps))
		idf := math.Log(1+(n-df+0.5)/(df+0.5)) * t.w
		maxScore += idf
		for _, p := range ps {
			tf := float64(p.tf)
			sums[p.task] += idf * tf * (k1 + 1) / (tf + k1*(1-b+b*float64(e.tasks[p.task].length)/max(e.avgLen, 1)))
		}
	}
	res := make([]scored, len(e.tasks))
	for i := range e.tasks {
		s := sums[i]
		if maxScore > 0 {
			s /= maxScore
		}
		res[i] = scored{i: i, score: s, match: s}
		ts.boost(&res[i])
	}
	sort.SliceStable(res, func(i, j int) bool { return res[i].score > res[j].score })
	return res
}

// boost adds to a task's score what the question names besides words:
// the unit asked (the unit named itself, then its group, then the tasks
// falling to it with every recipient, then those only mentioning it,
// "phối hợp với UBND các xã"), people, a body, a deadline.
func (ts *taskSearch) boost(r *scored) {
	a, td, t := ts.a, &ts.e.tasks[r.i], ts.d.Tasks[r.i]
	if ts.unitAsked {
		switch {
		case overlaps(td.own, a.units):
			r.score += weights.own
		case overlaps(td.named, a.units):
			r.score += weights.group
		case overlaps(t.AssigneeUnits, a.units):
			r.score += weights.every
		case overlaps(td.mentioned, a.units) && ts.content > 0:
			// Named in the words asked about ("báo cáo về Phòng Y tế");
			// a unit's tasks alone are those given to it.
			r.score += weights.mentioned
		default:
			r.other = true
		}
	}
	if td.people && a.person {
		r.score += weights.people
	}
	// "Tổ công tác phải làm gì": the tasks given to the body named.
	if slices.ContainsFunc(td.bodies, func(b string) bool { return hasWord(a.folded, b) }) {
		r.score += weights.body
	}
	if a.intent.has(inDeadline) {
		switch {
		case !t.Deadline.IsZero():
			r.score += weights.deadline
		case t.Recurrence != "" && t.Recurrence != chidao.RecurOngoing:
			r.score += weights.recurs
		}
	}
}

// evidence checks that the best task answers, and returns the answer to
// give instead when it does not (false): the question's strong words must
// be in that one task, not scattered over the directive ("hộ nghèo làm
// nhà ở" is not "hỗ trợ … hộ dân" and "Kho bạc Nhà nước"), the figure
// asked stated in it, and no passage holding more of the question.
func (ts *taskSearch) evidence(res []scored) (Answer, bool) {
	a, e := ts.a, ts.e
	if len(res) == 0 || res[0].score <= 0 {
		return ts.noTask(), false
	}
	// ("cán bộ phòng Y tế làm gì" asks about the unit only.)
	if ts.content > 0 && res[0].match <= 0 && (ts.strong > 0 || !ts.unitAsked) {
		return ts.noTask(), false
	}
	if ts.strong > 0 && ts.absent(res[0].i)*weights.absent > ts.strong {
		return ts.noTask(), false
	}
	if k := ts.stating(res); k > 0 {
		// A close second states the figure the first does not: it answers.
		r := res[k]
		copy(res[1:k+1], res[:k])
		res[0] = r
	}
	top := res[0].i
	if !a.figure.taskStates(ts.d.Tasks[top]) {
		if ans := ts.noTask(); ans.Found {
			return ans, false
		}
		return noFigure(ts.d, a.figure, ts.d.Tasks[top].Text), false
	}
	if a.occasion.absentFrom(ts.d) {
		return notOccasion(ts.d, a.occasion, ts.d.Tasks[top].Text), false
	}
	if ts.free {
		if pi, pcov := bestPassage(e, a, ts.strong); pi >= 0 {
			// A passage holding more of the question answers instead, when
			// it states the figure asked too.
			if tcov, _ := coverage(a, func(w qword) bool { return w.term != 0 && e.taskHas(w.term, top) }); pcov > tcov && a.figure.statedIn(e.passages[pi].folded) {
				return answerPassage(e, pi), false
			}
		}
	}
	return Answer{}, true
}

// stating returns the rank of the first of the best few tasks that hold
// every strong word of the question and state the figure asked, when the
// best does not state it ("tiếp dân ở đâu": the task with the address, not
// the one that says "tiếp dân" word for word); 0 when it does or none does.
func (ts *taskSearch) stating(res []scored) int {
	fg, oc := ts.a.figure, ts.a.occasion
	fits := func(t chidao.Task) bool { return fg.taskStates(t) && oc.fits(t) }
	if fits(ts.d.Tasks[res[0].i]) {
		return 0
	}
	for k := 1; k < min(len(res), 4); k++ {
		if r := res[k]; r.match > 0 && ts.absent(r.i) == 0 && fits(ts.d.Tasks[r.i]) {
			return k
		}
	}
	return 0
}

// absent counts the question's strong words neither the task nor the
// directive's subject holds.
func (ts *taskSearch) absent(task int) int {
	n := 0
	for _, w := range ts.a.words {
		if w.generic {
			continue
		}
		switch {
		case w.term != 0 && ts.e.has(w.term):
			if _, inSubject := slices.BinarySearch(ts.e.subject, w.term); !inSubject && !ts.e.taskHas(w.term, task) {
				n++
			}
		case !ts.ix.nearWord(ts.e, w.text):
			n++
		}
	}
	return n
}

// listed returns the tasks the answer lists: the best and those near it,
// and for a unit the tasks concerning it, not those whose words alone
// match.
func (ts *taskSearch) listed(res []scored) []chidao.Task {
	var tasks []chidao.Task
	top := res[0].score
	for _, r := range res {
		if r.score <= 0 || (!ts.unitAsked && r.score < top*weights.cut) || len(tasks) >= weights.maxTasks {
			break
		}
		if r.other && !res[0].other {
			continue
		}
		tasks = append(tasks, ts.d.Tasks[r.i])
	}
	return tasks
}

// intent is what the answer tells of the tasks: "vào thời gian nào" is
// answered like "khi nào", once the task is found by its other words.
func (ts *taskSearch) intent() string {
	a := ts.a
	switch {
	case ts.unitAsked && !a.intent.has(inDeadline):
		return IntentUnit
	case a.intent.has(inDeadline), a.intent.has(inWhen) && !a.intent.has(inAssignee):
		return IntentDeadline
	case a.intent.has(inAssignee):
		return IntentAssignee
	}
	return IntentFree
}
