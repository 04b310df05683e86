package knowledge

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"chidao"
)

// Query is one question asked of the index.
type Query struct {
	// Text is the question as typed.
	Text string
	// Unit is the asker's unit code ("đơn vị tôi"); "" when unknown.
	Unit string
	// Directive forces the directive with this ID; "" lets the index choose
	// (the one the question names, else the best match, else the newest
	// addressed to Unit, else the newest). A question naming no directive
	// and no content ("nhiệm vụ 2", "đơn vị tôi phải làm gì", "việc nào
	// hạn trong tháng 10") is asked of every directive held.
	Directive string
	// Today is the asker's date, for "nhiệm vụ nào sắp đến hạn"; zero lists
	// the dated tasks from the earliest.
	Today chidao.Date
}

// Intents an Answer reports.
const (
	IntentTask     = "task"
	IntentDeadline = "deadline"
	IntentAssignee = "assignee"
	IntentUnit     = "unit"
	IntentMeta     = "meta"
	IntentFree     = "free"
	IntentList     = "list"
	IntentNone     = "none"
	IntentTalk     = "talk" // small talk: a greeting, thanks, "ok"
)

// Refusal is what the bot says when the directives do not answer.
const Refusal = "Văn bản không đề cập nội dung này; anh/chị vui lòng liên hệ Văn phòng."

// Answer is the index's answer to a question, grounded in one directive.
type Answer struct {
	// Directive is the directive used; nil when the index is empty.
	Directive *chidao.Directive
	// Intent is what the question asked: IntentTask, IntentDeadline, …
	Intent string
	// Tasks are the tasks that answer, best first.
	Tasks []chidao.Task
	// Items are the IDs of Tasks.
	Items []string
	// Deadline is the deadline of the first task; zero when none.
	Deadline chidao.Date
	// Units are the names of the units the answer names: the first task's
	// assignees as written, or the unit asked about.
	Units []string
	// Found is false when the directives do not answer the question.
	Found bool
	// Text is the reply the bot sends: plain Vietnamese naming the directive used.
	Text string
}

// AnswerJSON is an Answer as `chidao ask --json` prints it.
type AnswerJSON struct {
	Directive string      `json:"directive"`
	Items     []string    `json:"items"`
	Deadline  chidao.Date `json:"deadline"`
	Units     []string    `json:"units"`
	Found     bool        `json:"found"`
	Answer    string      `json:"answer"`
}

// JSON returns the answer in the shape of the command-line contract.
func (a Answer) JSON() AnswerJSON {
	j := AnswerJSON{Items: []string{}, Units: []string{}, Found: a.Found, Answer: a.Text}
	if a.Directive != nil {
		j.Directive = a.Directive.ID
	}
	if a.Found {
		j.Items = append(j.Items, a.Items...)
		j.Deadline = a.Deadline
	}
	j.Units = append(j.Units, a.Units...)
	return j
}

// taskRefRe finds a task by number: "nhiệm vụ 5", "nv5", "mục II.1", "ý
// thứ hai", "/nv 5". It is anchored, after (?:^|[^a-z0-9]) (see
// findAfterSep).
var taskRefRe = anchored(`(?:nhiem vu|nhiemvu|nvu|nv|muc|y|cau|diem|dieu|khoan|viec|task|item|noi dung|phan)\s*(?:so\s*)?(thu\s*)?([a-h]\.(?:\d{1,2}|[ivx]{1,5})(?:\.[0-9a-z]{1,4})*|\d{1,2}[a-z]?(?:\.[0-9a-z]{1,4})*|[ivx]{1,5}(?:\.[0-9a-z]{1,4})*|nhat|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi|cuoi cung|cuoi)\.?(?:[^a-z0-9.]|$)`)

// bodyBefore reports whether a folded text ends with the head of a body
// outside the units, before a unit's bare name: "trung tâm", "sở",
// "bệnh viện", "chi cục", "hội", "ban".
func bodyBefore(s string) bool {
	s = strings.TrimRight(s, " ")
	for _, h := range [...]string{"trung tam", "so", "benh vien", "chi cuc", "cuc", "hoi", "ban", "tram", "hat"} {
		if strings.HasSuffix(s, h) && (len(s) == len(h) || !isAlnumByte(s[len(s)-len(h)-1])) {
			return true
		}
	}
	return false
}

// kindWord reports whether a canonical word opens a unit's name with what
// kind of unit it is ("phòng", "xã", "UBND"): a name so written is the
// unit's, whatever stands before it.
func kindWord(w string) bool {
	switch w {
	case "phong", "xa", "ubnd", "thi", "van", "thanh", "uy", "vp", "tt":
		return true
	}
	return false
}

// pointBeforeRe finds a point named before the clause it stands in, at
// the end of what precedes a taskRefRe match: "điểm b " of "điểm b khoản 2".
var pointBeforeRe = regexp.MustCompile(`(?:^|[^a-z0-9])(diem|tiet|y)\s*([a-z])(?:\s+(?:cua|thuoc|trong|tai))?[\s,]*$`)

// withinRe reads the item an ordinal counts under, after it: " của mục
// 2", " trong phần II", " thuộc nhiệm vụ 3".
var withinRe = regexp.MustCompile(`^\s*,?\s*(?:cua|trong|thuoc|o|tai)\s+(?:muc|phan|nhiem vu|nv|dieu|khoan)\s*(?:so\s*)?((?:[a-h]\.)?(?:[ivx]{1,5}|\d{1,2})(?:\.(?:\d{1,2}|[a-z]))*\.?|[a-h])(?:[^a-z0-9.]|$)`)

// refWordRe finds the word naming a task in a taskRefRe match.
var refWordRe = regexp.MustCompile(`nhiem ?vu|nvu|nv|muc|y|cau|diem|dieu|khoan|viec|task|item|noi dung|phan`)

// refChainRe reads one more step of a task's number after the first:
// "… điểm c", "… mục d", "… khoản 1", "… Điều 2".
var refChainRe = anchored(`[\s,]*(dieu|khoan|diem|muc|tiet|phan|nhiem vu|nv|y)\s*(?:so\s*)?([ivx]{1,5}|\d{1,2}|[a-z])(?:[^a-z0-9]|$)`)

// sourceAskRe finds a question asking where something comes from: "lấy
// từ đâu", "lấy ở đâu", "từ nguồn nào".
var sourceAskRe = regexp.MustCompile(`\blay (?:tu |o )?dau\b|\b(?:tu |bang |la )?nguon (?:nao|gi|dau)\b`)

// letterAfterRe finds a point's letter alone after a number: the " b" of
// "mục 2 b".
var letterAfterRe = regexp.MustCompile(`^[\s,]*([a-k])(?:[^a-z0-9]|$)`)

// refPart is one step of a task's number as asked: the word and the
// value ("điểm", "c").
type refPart struct{ word, value string }

// refLevel returns how deep a step of a task's number names: 0 an article
// or a section (Điều 1, phần II, mục II), 2 a clause (khoản 1, mục 1,
// nhiệm vụ 1), 3 a point (điểm c, mục d), 4 a sub-point.
func refLevel(p refPart) int {
	v := p.value
	letter := len(v) == 1 && v[0] >= 'a' && v[0] <= 'z' || v == "đ"
	switch p.word {
	case "dieu", "phan":
		return 0
	case "khoan":
		return 2
	case "diem":
		return 3
	case "tiet":
		return 4
	}
	switch {
	case letter:
		return 3
	case romanValue(strings.ToUpper(v)) > 0:
		return 0
	}
	return 2
}

// refPath writes the steps of a task's number as a numbering path, the
// widest first ("điểm c khoản 1 Điều 2" → "2.1.c"), a number run on with a
// letter split ("2b" → "2.b").
func refPath(parts []refPart) string {
	desc := len(parts) > 1
	for i := 1; i < len(parts); i++ {
		desc = desc && refLevel(parts[i]) < refLevel(parts[i-1])
	}
	if desc {
		slices.Reverse(parts)
	}
	var segs []string
	for _, p := range parts {
		v := p.value
		if k := len(v) - 1; k > 0 && v[k] >= 'a' && v[k] <= 'z' && isDigitByte(v[k-1]) {
			v = v[:k] + "." + v[k:]
		}
		segs = append(segs, v)
	}
	return displayPath(strings.Join(segs, "."))
}

// displayPath writes a numbering path as directives write it: a part's
// letter and Roman numerals in capitals, points' letters in small letters
// ("ii.2.C" → "II.2.c", "b.iii.2" → "B.III.2").
func displayPath(path string) string {
	segs := strings.Split(path, ".")
	part := 0
	if len(segs) > 1 && len(segs[0]) == 1 && strings.Contains("abcdefghABCDEFGH", segs[0]) && !isLetterSeg(segs[1]) {
		segs[0] = strings.ToUpper(segs[0])
		part = 1
	}
	for i, sg := range segs {
		switch {
		case i < part:
		case i == part && sg != "" && strings.Trim(strings.ToLower(sg), "ivx") == "" && romanValue(strings.ToUpper(sg)) > 0:
			segs[i] = strings.ToUpper(sg)
		default:
			segs[i] = strings.ToLower(sg)
		}
	}
	return strings.Join(segs, ".")
}

// isLetterSeg reports whether a path segment is a point's letter.
func isLetterSeg(s string) bool {
	return len(s) == 1 && s[0] >= 'a' && s[0] <= 'z' && romanValue(strings.ToUpper(s)) == 0
}

// barePathRe is a question that is only a numbering path: "II.1.a", "5".
var barePathRe = regexp.MustCompile(`^(?:[a-h]\.)?(?:[ivx]{1,5}|\d{1,2})(?:\.(?:\d{1,2}|[a-z]))*\.?$`)

// analysis is what a question asks.
type analysis struct {
	folded     string
	named      *entry   // a directive the question names
	namedOther string   // a document number named that no directive has
	ref        string   // a task's numbering path, as directives write it ("5", "II.1.a")
	refAlt     string   // the path without a letter read after it, when no task has ref ("2" of "mục 2 b")
	section    bool     // the path was asked as a section: "mục 2", "phần II"
	due        dueRange // the span of dates asked: "việc nào hạn trong tháng 10"
	person     bool     // a person asked about: "ai là trưởng đoàn", "gồm những ai"
	money      bool     // an amount of money asked: "bao nhiêu tiền", "mức phụ cấp"
	percent    bool     // a percentage asked: "bao nhiêu phần trăm"
	figure     figure   // a number asked: money, a percentage, a count, a telephone
	occasion   occasion // one of a series named: "lần thứ tư", "đợt 3"
	ordinal    int      // a task by ordinal word ("thứ hai")
	within     string   // the item an ordinal counts under ("ý thứ hai của mục 2")
	last       bool     // "nhiệm vụ cuối"
	hasRef     bool
	intent     intentSet
	units      []string    // units named
	unitNames  []string    // as typed
	bodies     []askedBody // bodies named that no unit stands for
	words      []qword
	pairs      []uint32
	accented   bool // the question is typed with diacritics
}

// qword is a content word of a question.
type qword struct {
	text    string
	term    uint32
	generic bool
	marked  bool   // typed with diacritics
	accent  uint32 // its accented form's term; 0 when no directive holds it
}

func (ix *Index) analyze(text string, sc *scratch) *analysis {
	q := newQuestionScan(ix, text, sc)
	for _, st := range questionStages {
		st.run(q)
	}
	return q.a
}

// directiveNameOpen reports whether a run of letters or digits can open
// directiveNameRe: a kind of document, maybe run on ("cv123", "cvso12"),
// or a number.
func directiveNameOpen(w string) bool {
	return isDigitByte(w[0]) || hasPrefixAny(w, "cong", "cv", "ke", "kh", "thong", "tb", "quyet", "qd", "chi", "ct", "van", "vb",
		"to", "bao", "huong", "nghi")
}

// taskRefOpen reports whether a run of letters can open taskRefRe: "nv5",
// "nvhai", "dieunam" are read as "nv 5", "nv hai", "dieu nam".
func taskRefOpen(w string) bool {
	return hasPrefixAny(w, "nhiem", "nvu", "nv", "muc", "y", "cau", "diem", "dieu", "khoan", "viec", "task", "item", "noi", "phan")
}

// pathAfterName returns the question when it is a numbering path alone
// (barePathRe), or, when it names a directive (named), what is left of it
// besides the name (masked) if that is a numbering path; "" otherwise.
func pathAfterName(f string, mask []bool, named bool) string {
	if barePathRe.MatchString(f) {
		return f
	}
	if !named {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		if !mask[i] {
			b.WriteByte(f[i])
		}
	}
	if rest := strings.Trim(b.String(), " \t\n:,;-"); rest != "" && barePathRe.MatchString(rest) {
		return rest
	}
	return ""
}

func kindMatches(kind, said string) bool {
	switch said {
	case "cv", "cong van":
		return kind == "cong van"
	case "kh", "ke hoach":
		return kind == "ke hoach"
	case "tb", "thong bao":
		return kind == "thong bao"
	case "qd", "quyet dinh":
		return kind == "quyet dinh"
	case "ct", "chi thi":
		return kind == "chi thi"
	}
	return true
}

// Ask answers a question from the directives held. A question the index
// cannot answer because of a bug it meets is told so, Found false.
func (ix *Index) Ask(q Query) (a Answer) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	defer func() {
		if r := recover(); r != nil {
			a = Answer{Intent: IntentNone, Units: []string{},
				Text: "Xin lỗi anh/chị, bot gặp lỗi khi tra câu hỏi này; anh/chị thử hỏi cách khác hoặc liên hệ Văn phòng."}
		}
	}()
	return ix.ask(q)
}

func (ix *Index) ask(q Query) Answer {
	if t := SmallTalkOf(q.Text); t != TalkNone {
		return Answer{Intent: IntentTalk, Units: []string{}, Text: t.Reply()}
	}
	if len(ix.byID) == 0 {
		return Answer{Intent: IntentNone, Units: []string{}, Text: "Chưa có văn bản nào để tra cứu; anh/chị vui lòng liên hệ Văn phòng."}
	}
	sc := ix.scratch.Get().(*scratch)
	defer ix.scratch.Put(sc)
	a := ix.analyze(q.Text, sc)
	if a.intent.has(inMine) {
		if q.Unit == "" {
			e := ix.choose(q, a, sc)
			return Answer{Directive: e.d, Intent: IntentUnit, Units: []string{},
				Text: "Anh/chị thuộc đơn vị nào? Anh/chị cho biết tên đơn vị (ví dụ: \"Phòng Nội vụ\", \"xã An Sơn\") để tra các nhiệm vụ của đơn vị trong " + label(e.d) + "."}
		}
		a.units = append(a.units, q.Unit)
		a.unitNames = append(a.unitNames, ix.res.Name(q.Unit))
	}
	meta := metaAsked(a)
	if ans, ok := ix.across(q, a, meta, sc); ok {
		return ans
	}
	e := ix.choose(q, a, sc)
	if !meta && !a.hasRef {
		if ans, ok := ix.beyondTasks(e, a); ok {
			return ans
		}
	}
	return ix.answerOf(e, a, q, meta, sc)
}

// metaAsked reports whether a question asks what the header or the foot
// says (signer, date, number, recipients, issuer, subject). "Tờ trình số
// mấy", "thực hiện theo Thông báo số mấy của UBND tỉnh" ask the document
// cited, not this one's number.
func metaAsked(a *analysis) bool {
	meta := a.intent.has(inSigner) || a.intent.has(inIssued) || a.intent.has(inNumber) || a.intent.has(inRecipients) || a.intent.has(inIssuer) ||
		(a.intent.has(inSubject) && a.namedOther == "" && !a.hasRef)
	return meta && !basisAsked(a.folded)
}

// across answers a question asked of every directive: one naming no
// directive, and nothing else to choose one by ("nhiệm vụ 2", "đơn vị tôi
// phải làm gì", "việc nào hạn trong tháng 10"), or a unit's deadlines
// ("Phòng Nông nghiệp hạn báo cáo khi nào": the unit's tasks with those
// words in each).
func (ix *Index) across(q Query, a *analysis, meta bool, sc *scratch) (Answer, bool) {
	if q.Directive != "" || a.named != nil || a.namedOther != "" || len(ix.byID) < 2 || meta {
		return Answer{}, false
	}
	if len(a.words) == 0 {
		switch {
		case a.hasRef && a.ref != "":
			return ix.acrossNumber(a, q, sc), true
		case a.due.asked() && !a.hasRef:
			return ix.acrossRange(a.due, q), true
		case len(a.units) > 0 && !a.hasRef && !a.intent.has(inDeadline):
			return ix.acrossUnit(a), true
		}
	}
	if !a.hasRef && len(a.units) > 0 && a.intent.has(inDeadline) {
		return ix.acrossUnitDue(a, q)
	}
	return Answer{}, false
}

// beyondTasks answers what the text says besides its tasks: the documents
// it carries out, a telephone number, the people it lists.
func (ix *Index) beyondTasks(e *entry, a *analysis) (Answer, bool) {
	if basisAsked(a.folded) {
		if ans, ok := ix.basis(e, a); ok {
			return ans, true
		}
	}
	if a.figure.kind == figPhone {
		if ans, ok := phone(e); ok {
			return ans, true
		}
	}
	if a.person && !a.money && !a.intent.has(inDuty) && !a.intent.has(inDeadline) {
		return ix.members(e, a)
	}
	return Answer{}, false
}

// answerOf answers a question of one directive: its header, a task by
// number, tasks due in a span, the list of tasks, else by content; a
// document the directive cites, named by its number, when no task
// answers ("Chỉ thị 03 của tỉnh").
func (ix *Index) answerOf(e *entry, a *analysis, q Query, meta bool, sc *scratch) Answer {
	switch {
	case meta:
		return ix.meta(e, a)
	case a.hasRef && a.namedOther != "" && a.named == nil && q.Directive == "":
		// "công văn 999 nhiệm vụ 2" of a directive not held.
		return Answer{Directive: e.d, Intent: IntentNone, Units: []string{}, Items: []string{},
			Text: "Chưa có văn bản số " + a.namedOther + " trong các văn bản đã nhận; anh/chị vui lòng kiểm tra lại số văn bản hoặc liên hệ Văn phòng."}
	case a.hasRef:
		return ix.byNumber(e, a)
	case a.due.asked() && len(a.units) == 0:
		return ix.byRange(e, a.due, q)
	case a.intent.has(inList) && len(a.units) == 0:
		return ix.list(e)
	}
	ans := ix.search(e, a, q, sc)
	if a.namedOther != "" && (!ans.Found || len(ans.Tasks) == 0) {
		if c, ok := ix.cites(e, a.namedOther); ok {
			return c
		}
	}
	return ans
}

// choose picks the directive a question is about.
func (ix *Index) choose(q Query, a *analysis, sc *scratch) *entry {
	if q.Directive != "" {
		if s, ok := ix.byID[q.Directive]; ok {
			return ix.entries[s]
		}
	}
	if a.named != nil {
		return a.named
	}
	if len(ix.byID) == 1 {
		return ix.entries[ix.newest[0]]
	}
	// Best match on content words.
	var terms []uint32
	for _, w := range a.words {
		if w.term != 0 {
			terms = append(terms, w.term)
		}
	}
	if len(terms) > 0 {
		scores := grow(&sc.scores, len(ix.entries))
		n := float64(len(ix.byID))
		avg := float64(ix.totLen) / n
		for _, t := range terms {
			ps := ix.post[t]
			if len(ps) == 0 {
				continue
			}
			idf := math.Log(1 + (n-float64(len(ps))+0.5)/(float64(len(ps))+0.5))
			for _, p := range ps {
				tf := float64(p.tf)
				l := float64(ix.entries[p.slot].length)
				scores[p.slot] += idf * tf * 2.2 / (tf + 1.2*(0.25+0.75*l/avg))
			}
		}
		if q.Unit != "" {
			for _, s := range ix.newest {
				if ix.entries[s].d.Addressed(q.Unit) {
					scores[s] *= 1.1
				}
			}
		}
		best, bestScore := -1, 0.0
		for _, s := range ix.newest { // newest first: ties go to the newest
			if scores[s] > bestScore*1.0001 {
				best, bestScore = s, scores[s]
			}
		}
		if best >= 0 {
			return ix.entries[best]
		}
	}
	if q.Unit != "" {
		for _, s := range ix.newest {
			if ix.entries[s].d.Addressed(q.Unit) {
				return ix.entries[s]
			}
		}
	}
	return ix.entries[ix.newest[0]]
}

// label names a directive in a reply: "Kế hoạch số 52/KH-UBND ngày 10/02/2025".
func label(d *chidao.Directive) string {
	s := d.Title()
	if !d.Issued.IsZero() {
		s += " ngày " + d.Issued.Vietnamese()
	}
	return s
}

func from(d *chidao.Directive) string { return "📄 Theo " + label(d) + ":\n\n" }

// refuse is the answer when the directive does not answer.
func refuse(d *chidao.Directive, intent string) Answer {
	return Answer{Directive: d, Intent: IntentNone, Units: []string{}, Text: Refusal + "\n(Đã tra cứu: " + label(d) + ".)"}
}

// notNamed is the answer when the question names a body the directive
// never names.
func notNamed(d *chidao.Directive, body string) Answer {
	return Answer{Directive: d, Intent: IntentNone, Units: []string{},
		Text: "Văn bản không nhắc đến " + body + ", nên không có nhiệm vụ nào giao cho đơn vị này.\n(Đã tra cứu: " + label(d) + ".)"}
}

// meta answers what the header or footer of the directive says.
func (ix *Index) meta(e *entry, a *analysis) Answer {
	d := e.d
	var parts []string
	if a.intent.has(inSigner) {
		switch {
		case d.Signer.Name != "":
			s := "Người ký: " + d.Signer.Name
			if t := strings.TrimSpace(d.Signer.Authority + " " + d.Signer.Title); t != "" {
				s += " (" + strings.TrimSpace(strings.Join(nonEmpty(d.Signer.Authority, d.Signer.Title), " – ")) + ")"
			}
			parts = append(parts, s+".")
		case d.Signer.Title != "" || d.Signer.Authority != "":
			parts = append(parts, "Văn bản chưa ghi tên người ký; chức danh ký: "+strings.Join(nonEmpty(d.Signer.Authority, d.Signer.Title), " – ")+".")
		}
	}
	if a.intent.has(inIssued) {
		switch {
		case !d.Issued.IsZero():
			s := "Ngày ban hành: " + d.Issued.Vietnamese()
			if w := strings.TrimSpace(d.IssuedText); w != "" && !strings.Contains(w, d.Issued.Vietnamese()) {
				s += " (văn bản ghi: “" + w + "”)"
			}
			parts = append(parts, s+".")
		case d.IssuedText != "":
			parts = append(parts, "Văn bản chưa ghi ngày ban hành (ghi: “"+d.IssuedText+"”).")
		}
	}
	if a.intent.has(inNumber) {
		kind := askedKind(a.folded)
		switch {
		case kind != "" && d.Kind != "" && !strings.EqualFold(kind, d.Kind):
			// "Tờ trình của Sở … số mấy": a document the text cites; none
			// cited, no number (never this directive's own).
			if q, ok := citedNumber(d, kind); ok {
				parts = append(parts, kind+" được nêu trong văn bản: “"+q+"”.")
			}
		case d.Number != "" && d.Number[0] != '/':
			parts = append(parts, "Số hiệu: "+d.Number+".")
		case d.Number != "":
			parts = append(parts, "Văn bản chưa ghi số (ký hiệu: "+d.Number+").")
		}
	}
	if a.intent.has(inSubject) && d.Subject != "" {
		parts = append(parts, "Trích yếu: "+d.Subject+".")
	}
	if a.intent.has(inRecipients) && len(d.Recipients) > 0 {
		parts = append(parts, "Gửi: "+strings.Join(d.Recipients, "; ")+".")
	}
	if a.intent.has(inIssuer) && d.Issuer != "" {
		parts = append(parts, "Cơ quan ban hành: "+d.Issuer+".")
	}
	if len(parts) == 0 {
		return refuse(d, IntentMeta)
	}
	units := []string{}
	if a.intent.has(inRecipients) {
		units = append(units, d.Recipients...)
	}
	return Answer{Directive: d, Intent: IntentMeta, Found: true, Units: units, Items: []string{}, Text: from(d) + strings.Join(parts, "\n")}
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			out = append(out, strings.TrimSpace(x))
		}
	}
	return out
}

// byNumber answers a question naming a task by its number.
func (ix *Index) byNumber(e *entry, a *analysis) Answer {
	d := e.d
	var tasks []chidao.Task
	ref := a.ref
	switch {
	case a.last && len(d.Tasks) > 0:
		tasks = d.Tasks[len(d.Tasks)-1:]
	case a.ordinal > 0 && a.within != "":
		// The n-th task under the item, or the item's own n-th part.
		if under, _ := lookupRef(d, &analysis{}, a.within); a.ordinal <= len(under) {
			tasks = under[a.ordinal-1 : a.ordinal]
		} else {
			ref = a.within + "." + strconv.Itoa(a.ordinal)
		}
	case a.ordinal > 0:
		ref = strconv.Itoa(a.ordinal)
	}
	var within []string // the headings a path stands under, when several
	if tasks == nil && ref != "" {
		tasks, within = lookupRef(d, a, ref)
		if tasks == nil && a.refAlt != "" {
			// "mục 2 b" with no point b: item 2.
			if alt, _ := lookupRef(d, a, a.refAlt); alt != nil {
				ref, tasks, within = a.refAlt, alt, nil
			}
		}
	}
	if len(tasks) == 0 {
		shown := ref
		if a.last {
			shown = "cuối"
		}
		text := fmt.Sprintf("Văn bản này chỉ có %d nhiệm vụ (%s); không có nhiệm vụ %s.", len(d.Tasks), idRange(d), shown)
		if len(within) > 1 {
			text = fmt.Sprintf("Văn bản này có %d mục %s: %s. Bạn hỏi mục nào?", len(within), shown, strings.Join(within, ", "))
		}
		return Answer{Directive: d, Intent: IntentTask, Units: []string{}, Items: []string{}, Text: from(d) + text}
	}
	intent := IntentTask
	switch {
	case a.intent.has(inDeadline):
		intent = IntentDeadline
	case a.intent.has(inAssignee):
		intent = IntentAssignee
	}
	return ix.answerTasks(e, a, intent, tasks, nil)
}

// lookupRef returns the tasks a numbering path asked names: the task with
// that ID or under that heading, "mục 2" as section II when asked as a
// section, "2.c" under the one section having it, the n-th task asked by
// ordinal when tasks are not numbered plainly; else nil, with the headings
// holding the path when several do.
func lookupRef(d *chidao.Directive, a *analysis, ref string) ([]chidao.Task, []string) {
	tasks := findTasks(d, ref)
	if tasks == nil {
		// "mục 2" of a plan in sections I, II, III is section II;
		// "nhiệm vụ 2" is not.
		if n, err := strconv.Atoi(ref); err == nil && a.section {
			tasks = findTasks(d, roman(n))
		} else if v := romanValue(strings.ToUpper(ref)); v > 0 && err != nil {
			tasks = findTasks(d, strconv.Itoa(v))
		}
	}
	var within []string
	if _, plain := strconv.Atoi(ref); tasks == nil && !(plain == nil && arabicTop(d)) {
		// "2.c" under a section: "II.2.c", when only one section has it.
		// A plain "3" of a text numbered 1, 2 at the top is its item 3,
		// which it does not have, not "2.3".
		tasks, within = findUnder(d, ref)
	}
	if tasks == nil && a.ordinal > 0 && a.ordinal <= len(d.Tasks) && !topLevelNumbers(d) {
		tasks = d.Tasks[a.ordinal-1 : a.ordinal]
	}
	return tasks, within
}

// arabicTop reports whether the text is numbered in figures at its top
// level ("1.", "2.", with "2.3" under 2), not in Roman sections.
func arabicTop(d *chidao.Directive) bool {
	for _, t := range d.Tasks {
		top, _, _ := strings.Cut(t.ID, ".")
		if _, err := strconv.Atoi(top); err == nil {
			return true
		}
	}
	return false
}

// topLevelNumbers reports whether some task ID is a plain number.
func topLevelNumbers(d *chidao.Directive) bool {
	for _, t := range d.Tasks {
		if _, err := strconv.Atoi(t.ID); err == nil {
			return true
		}
	}
	return false
}

// findTasks returns the task with the ID, or the tasks under a heading
// with that path; nil when none.
func findTasks(d *chidao.Directive, ref string) []chidao.Task {
	ref = strings.ToUpper(strings.TrimSuffix(ref, "."))
	var under []chidao.Task
	for _, t := range d.Tasks {
		id := strings.ToUpper(t.ID)
		if id == ref {
			return []chidao.Task{t}
		}
		if strings.HasPrefix(id, ref+".") {
			under = append(under, t)
		}
	}
	return under
}

// findUnder returns the tasks with a path ending in ref, or under such a
// path ("2.c" → "II.2.c"; "2" → the tasks under "II.2"), when one heading
// holds them; else nil and the paths that hold them.
func findUnder(d *chidao.Directive, ref string) ([]chidao.Task, []string) {
	suffix := "." + strings.ToUpper(ref)
	var paths []string
	var out []chidao.Task
	for _, t := range d.Tasks {
		id := strings.ToUpper(t.ID)
		k := strings.Index(id, suffix)
		for k >= 0 {
			end := k + len(suffix)
			if end == len(id) || id[end] == '.' {
				break
			}
			next := strings.Index(id[k+1:], suffix)
			if next < 0 {
				k = -1
				break
			}
			k += 1 + next
		}
		if k < 0 {
			continue
		}
		p := t.ID[:k+len(suffix)]
		if !slices.Contains(paths, p) {
			paths = append(paths, p)
		}
		out = append(out, t)
	}
	if len(paths) != 1 {
		return nil, paths
	}
	return out, paths
}

// idRange lists a directive's task IDs briefly.
func idRange(d *chidao.Directive) string {
	ids := make([]string, len(d.Tasks))
	for i, t := range d.Tasks {
		ids[i] = t.ID
	}
	if len(ids) > 8 {
		return ids[0] + ", " + ids[1] + ", …, " + ids[len(ids)-1]
	}
	if len(ids) > 2 && topLevelNumbers(d) && ids[0] == "1" && ids[len(ids)-1] == strconv.Itoa(len(ids)) {
		return "từ 1 đến " + ids[len(ids)-1]
	}
	return strings.Join(ids, ", ")
}

// list answers "có những nhiệm vụ nào".
func (ix *Index) list(e *entry) Answer {
	d := e.d
	var b strings.Builder
	b.WriteString(from(d))
	fmt.Fprintf(&b, "Văn bản có %d nhiệm vụ:\n", len(d.Tasks))
	items := make([]string, 0, len(d.Tasks))
	for _, t := range d.Tasks {
		items = append(items, t.ID)
		b.WriteString("\n" + briefTask(t))
	}
	ans := Answer{Directive: d, Intent: IntentList, Tasks: d.Tasks, Items: items, Found: len(d.Tasks) > 0, Units: []string{}, Text: b.String()}
	if len(d.Tasks) > 0 {
		ans.Deadline = d.Tasks[0].Deadline
	}
	return ans
}

// briefTask is one line about a task: number, start of its text, deadline.
func briefTask(t chidao.Task) string {
	s := "• " + t.ID + ". " + firstWords(t.Text, 22)
	if due := dueText(t); due != "" {
		s += " (hạn: " + due + ")"
	}
	return s
}

// firstWords returns the first n words of s, with "…" when there are more.
// It reads no further than it needs: a task's text can be long.
func firstWords(s string, n int) string {
	var words []string
	for len(words) <= n {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		if s == "" {
			return strings.Join(words, " ")
		}
		end := strings.IndexFunc(s, unicode.IsSpace)
		if end < 0 {
			end = len(s)
		}
		words = append(words, s[:end])
		s = s[end:]
	}
	return strings.TrimRight(strings.Join(words[:n], " "), ",;:") + "…"
}

// scored is a task with its score.

// grow returns (*buf)[:n] zeroed, growing *buf as needed.
func grow[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n)
	}
	*buf = (*buf)[:n]
	clear(*buf)
	return *buf
}

// nearWord reports whether the directive holds a word one letter away from
// w (a typing slip), for words of five letters or more.
func (ix *Index) nearWord(e *entry, w string) bool {
	if len(w) < 5 {
		return false
	}
	for _, t := range e.words {
		if v := ix.words[t]; len(v) >= len(w)-1 && len(v) <= len(w)+1 && editOne(v, w) {
			return true
		}
	}
	return false
}

// editOne reports whether a and b differ by at most one edit.
func editOne(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > 1 {
		return false
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+min(1, len(a)-i):] == b[i+min(1, len(b)-i):]
	}
	return a[i+1:] == b[i:]
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

func (ix *Index) unitNames(codes, typed []string) []string {
	if len(codes) <= 3 {
		out := make([]string, 0, len(codes))
		for _, c := range codes {
			out = append(out, ix.res.Name(c))
		}
		return out
	}
	return typed
}

// answerTasks writes the answer about tasks, the first being the answer.
func (ix *Index) answerTasks(e *entry, a *analysis, intent string, tasks []chidao.Task, res []scored) Answer {
	d := e.d
	t := tasks[0]
	ans := Answer{Directive: d, Intent: intent, Tasks: tasks, Found: true, Deadline: t.Deadline}
	for _, x := range tasks {
		ans.Items = append(ans.Items, x.ID)
	}
	ans.Units = taskUnits(d, t, ix.res, e.every)
	var b strings.Builder
	b.WriteString(from(d))
	name := "Nhiệm vụ " + t.ID
	part, words, isPart := deadline{}, "", false
	if intent == IntentDeadline && a != nil {
		part, words, isPart = partDeadline(d, t, a.folded)
	}
	var head headingTime
	if intent == IntentDeadline && a != nil && !isPart && t.Deadline.IsZero() && t.Recurrence == "" {
		if head = timeOfHeading(d, t, a.folded); !head.answers(a.folded) {
			head = headingTime{} // a period above is no deadline
		}
	}
	start := ""
	if intent == IntentDeadline && a != nil && startAskedRe.MatchString(a.folded) {
		start = startSpan(t.Text)
	}
	switch intent {
	case IntentDeadline:
		switch due := dueText(t); {
		case start != "":
			// "bắt đầu từ ngày nào": the start, with the end it runs to;
			// the end is no answer to it.
			ans.Deadline = chidao.Date{}
			fmt.Fprintf(&b, "⏰ %s ghi thời gian: “%s”.\n\n", name, start)
		case head.id != "":
			// The heading above the task says when: "2. Đợt 2: Từ ngày
			// 23/02/2026 đến ngày 14/3/2026".
			ans.Deadline = head.part.date
			ans.Items = append([]string{head.id}, ans.Items...)
			fmt.Fprintf(&b, "⏰ Mục %s ghi thời gian: “%s”.\n\n", head.id, head.words)
		case isPart && t.Deadline.IsZero():
			// A period, no deadline: the period's end answers "đến ngày
			// nào", not "hạn".
			if part.answers(a.folded) {
				ans.Deadline = part.date
			}
			fmt.Fprintf(&b, "⏰ %s không ghi hạn hoàn thành; văn bản ghi thời gian: “%s”.\n\n", name, words)
		case isPart:
			ans.Deadline = part.date
			fmt.Fprintf(&b, "⏰ %s ghi: “%s”", name, words)
			if part.date.IsZero() {
				b.WriteString(" (không có một ngày hạn cố định)")
			} else if !strings.Contains(Fold(words), Fold(part.date.Vietnamese())) {
				b.WriteString(" (ngày " + part.date.Vietnamese() + ")")
			}
			b.WriteString(".\n(Hạn chung của nhiệm vụ: " + due + ".)\n\n")
		case !t.Deadline.IsZero():
			b.WriteString("⏰ " + name + " có hạn " + due + ".\n\n")
		case due != "":
			b.WriteString("⏰ " + name + " không có một ngày hạn cố định; văn bản ghi: " + due + ".\n\n")
		default:
			b.WriteString("⏰ " + name + " không ghi thời hạn cụ thể.\n\n")
		}
	case IntentAssignee:
		b.WriteString("👥 " + name + " giao cho: " + assigneeText(d, t, ix.res, e.every) + ".\n\n")
	}
	if len(tasks) > 1 && res == nil {
		// The tasks under a heading: the heading's path answers first.
		sec := strings.TrimSuffix(commonPrefix(ans.Items), ".")
		fmt.Fprintf(&b, "Mục %s gồm %d nhiệm vụ:\n\n", sec, len(tasks))
		if sec != "" && !slices.Contains(ans.Items, sec) {
			ans.Items = append([]string{sec}, ans.Items...)
		}
		for i, x := range tasks {
			if i > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(formatTask(d, x, ix.res, e.every))
		}
		ans.Text = b.String()
		return ans
	}
	b.WriteString(formatTask(d, t, ix.res, e.every))
	if len(tasks) > 1 {
		var more []string
		for _, x := range tasks[1:min(len(tasks), 4)] {
			more = append(more, x.ID)
		}
		b.WriteString("\n\nCác nhiệm vụ liên quan: " + strings.Join(more, ", ") + ".")
	}
	ans.Text = b.String()
	return ans
}

func commonPrefix(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	p := ids[0]
	for _, s := range ids[1:] {
		for !strings.HasPrefix(s, p) {
			p = p[:len(p)-1]
		}
	}
	return p
}

// answerUnit writes the tasks of a unit: those naming it in full, the
// others briefly.
func (ix *Index) answerUnit(e *entry, a *analysis, tasks []chidao.Task) Answer {
	d := e.d
	names := ix.unitNames(a.units, a.unitNames)
	ans := Answer{Directive: d, Intent: IntentUnit, Tasks: tasks, Found: true, Deadline: tasks[0].Deadline, Units: names}
	var b strings.Builder
	b.WriteString(from(d))
	fmt.Fprintf(&b, "%s có %d nhiệm vụ trong văn bản này:\n\n", capitalize(strings.Join(names, ", ")), len(tasks))
	for i, t := range tasks {
		ans.Items = append(ans.Items, t.ID)
		named := overlaps(e.tasks[taskIndex(d, t.ID)].named, a.units)
		switch {
		case i == 0 || named:
			if i > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(formatTask(d, t, ix.res, e.every))
		default:
			b.WriteString("\n" + briefTask(t))
		}
	}
	ans.Text = b.String()
	return ans
}

func taskIndex(d *chidao.Directive, id string) int {
	for i, t := range d.Tasks {
		if t.ID == id {
			return i
		}
	}
	return 0
}

// taskUnits returns the names of a task's units: its assignees as written,
// else the names of a few units, else the recipients.
func taskUnits(d *chidao.Directive, t chidao.Task, r *Resolver, every []string) []string {
	if len(t.Assignees) > 0 {
		return writtenNames(t.Assignees, r)
	}
	if len(t.AssigneeUnits) > 0 && len(t.AssigneeUnits) <= 3 {
		out := []string{}
		for _, c := range t.AssigneeUnits {
			out = append(out, r.Name(c))
		}
		return out
	}
	if len(t.AssigneeUnits) == 0 {
		return []string{}
	}
	return phrasesOf(d, t.AssigneeUnits, r, every)
}
