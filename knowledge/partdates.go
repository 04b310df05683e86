package knowledge

import (
	"regexp"
	"slices"
	"strings"

	"chidao"
)

// partDates is a task's text read for which of its dates a question asks
// (see partDeadline): its candidates in text order and the question's
// words.
type partDates struct {
	t     chidao.Task
	f     folded
	cands []candidate
	asked map[string]bool
	pairs map[[2]string]bool
}

// newPartDates reads the dates of a task naming several, or, without a
// deadline, one; false when there is nothing to choose from. The
// recurring day is one of the dates asked about.
func newPartDates(d *chidao.Directive, t chidao.Task) (*partDates, bool) {
	recurs := t.Recurrence != "" && t.Recurrence != chidao.RecurOngoing
	if marks := dateMarks(t.Text); marks == 0 || marks < 2 && !t.Deadline.IsZero() && !recurs {
		return nil, false
	}
	f := foldMapped(t.Text)
	cands, rec := deadlineCandidates(f, dateContext{year: d.Year, issued: d.Issued}, true)
	if rec.recur != "" && rec.recur != chidao.RecurOngoing && rec.text != "" && !t.Deadline.IsZero() {
		if at := strings.Index(f.orig, rec.text); at >= 0 {
			cands = append(cands, candidate{deadline: rec, at: foldOffset(f, at), end: foldOffset(f, at+len(rec.text)), tier: tierDue})
		}
	}
	if len(cands) < 2 && !t.Deadline.IsZero() || len(cands) == 0 {
		return nil, false
	}
	slices.SortFunc(cands, func(a, b candidate) int { return a.at - b.at })
	return &partDates{t: t, f: f, cands: cands}, true
}

// asking reads the question's words that say which date it asks, and
// its pairs of words.
func (pd *partDates) asking(question string) {
	pd.asked, pd.pairs = map[string]bool{}, map[[2]string]bool{}
	qwords := foldedWords(question)
	for i, w := range qwords {
		if !partStop(w) {
			pd.asked[w] = true
		}
		for _, x := range expandAbbrev(w) {
			pd.asked[x] = true
		}
		if i > 0 {
			pd.pairs[[2]string{qwords[i-1], w}] = true
		}
	}
}

// bound reports whether a candidate ends the words of the next: a
// deadline or a period's end, not a span within ("6 tháng đầu năm trước
// ngày 15/6" is one clause).
func bound(c candidate) bool { return c.tier == tierDue || c.tier == tierPeriod }

// score returns how many of the question's words the k-th date's words
// hold (each once, and its pairs of words held together once more), and
// where those words start: after the date before it that ends a clause,
// or the clause's start.
func (pd *partDates) score(k int) (int, int) {
	cands, text := pd.cands, pd.f.text
	from := 0
	for j := k - 1; j >= 0; j-- {
		if bound(cands[j]) && cands[j].end <= cands[k].at {
			from = cands[j].end
			break
		}
	}
	if b := strings.LastIndexAny(text[:cands[k].at], ".;\n"); b >= from {
		from = b + 1
	}
	for from < cands[k].at && strings.IndexByte(" )],;:", text[from]) >= 0 {
		from++ // what closes the date before
	}
	var seen []string
	n := 0
	ws := foldedWords(text[from:cands[k].end])
	for i, w := range ws {
		if pd.asked[w] && !slices.Contains(seen, w) {
			seen = append(seen, w)
			n++
		}
		if i > 0 && pd.pairs[[2]string{ws[i-1], w}] && !partStop(w) {
			n++
		}
	}
	return n, from
}

// choose returns the date the question asks and where its words start:
// the one whose words share the most with the question, another than the
// task's deadline and sharing more than the deadline's words. A deadline
// phrase answers "hạn"; with period set the end of a period answers ("đến
// ngày nào", "kết thúc khi nào"), with day set the day something happens;
// "… trong tháng 6/2025" closing a clause of its own answers when the
// question names the clause. A task with no deadline answers with its
// first period's end, else its first event's day.
func (pd *partDates) choose(period, day bool) (best, from int, ok bool) {
	t := pd.t
	best, bestScore, own := -1, 0, 0
	for k, c := range pd.cands {
		n, at := pd.score(k)
		if !c.date.IsZero() && c.date == t.Deadline && c.kind == t.DeadlineKind {
			own = max(own, n)
			continue
		}
		within := c.tier == tierWithin && c.kind == chidao.DeadlineBy && n >= 2
		if c.tier != tierDue && !within && !(period && c.tier == tierPeriod) && !(day && c.tier == tierBare) {
			continue
		}
		if period && c.tier == tierPeriod {
			n++
		}
		if n > bestScore {
			best, bestScore, from = k, n, at
		}
	}
	if t.Deadline.IsZero() && best < 0 {
		for _, tier := range []int{tierPeriod, tierBare} {
			for k, c := range pd.cands {
				if c.tier == tier && best < 0 {
					_, from = pd.score(k)
					best = k
				}
			}
		}
		return best, from, best >= 0
	}
	return best, from, best >= 0 && bestScore > own
}

// words returns a date's words as written, from where they start to its
// end, with the bracket it closes ("(trước ngày 05/12/2024)"), without
// the joining words before them.
func (pd *partDates) words(from, end int) string {
	text := pd.f.text
	if open := strings.Count(text[from:end], "(") - strings.Count(text[from:end], ")"); open > 0 {
		if k := strings.IndexByte(text[end:], ')'); k >= 0 && k < 4 {
			end += k + 1
		}
	}
	words := strings.Trim(pd.f.quote(from, end), " ,;:-")
	for _, w := range []string{"và ", "đồng thời ", "- "} {
		words = strings.TrimPrefix(words, w)
	}
	if strings.HasPrefix(words, "(") && !strings.Contains(words, ")") {
		words = words[1:]
	}
	return strings.TrimSpace(words)
}

var (
	// startAskedRe finds a question asking when something starts: "bắt
	// đầu từ ngày nào", "từ khi nào", "từ bao giờ".
	startAskedRe = regexp.MustCompile(`\b(?:bat dau|tu ngay nao|tu khi nao|tu bao gio|tu luc nao|tu hom nao|tu thoi diem nao)\b`)
	// startSpanRe finds a span's start in a folded text, with its end when
	// given: "từ chiều ngày 18/01/2026 đến hết ngày 25/01/2026".
	startSpanRe = regexp.MustCompile(`\btu\s+(?:(?:\d{1,2}\s*(?:gio|h)(?:\s*\d{1,2})?\s+)?(?:sang|chieu|toi|trua|dem)\s+)?(?:ngay\s+)?\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?` +
		`(?:\s*(?:\([^)]{0,20}\)\s*)?(?:den|toi)\s+(?:het\s+)?(?:\d{1,2}\s*(?:gio|h)(?:\s*\d{1,2})?\s+)?(?:(?:sang|chieu|toi|trua)\s+)?(?:ngay\s+)?\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?)?`)
)

// startSpan returns, as written, the first span with a start a task's
// text gives ("từ chiều ngày 18/01/2026 đến hết ngày 25/01/2026"), or "".
func startSpan(text string) string {
	ff := foldMapped(text)
	m := startSpanRe.FindStringIndex(ff.text)
	if m == nil {
		return ""
	}
	return ff.quote(m[0], m[1])
}
