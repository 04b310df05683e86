package knowledge

import (
	"context"
	"io"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Completer is a chat model: it completes a user message under a system
// prompt. knowledge/openai implements it over any OpenAI-compatible API.
type Completer interface {
	Complete(ctx context.Context, system, user string) (string, error)
}

// Phraser asks a language model to rephrase grounded answers, and keeps the
// rephrasing only when every number, date, task number and name in it comes
// from the answer's facts.
type Phraser struct {
	c       Completer
	log     *slog.Logger
	timeout time.Duration
	system  string
}

// NewPhraser returns a phraser over the model, speaking for the office
// ("Văn phòng UBND tỉnh Quảng Ngãi"; empty: "Văn phòng"); logger may be
// nil.
func NewPhraser(c Completer, logger *slog.Logger, office string) *Phraser {
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if office == "" {
		office = "Văn phòng"
	}
	return &Phraser{c: c, log: logger, timeout: 20 * time.Second, system: "Bạn là trợ lý của " + office + phraseSystem}
}

// phraseSystem is the instruction to the model, after the office's name.
const phraseSystem = `, trả lời cán bộ về văn bản chỉ đạo.
Viết lại câu trả lời trong phần DỮ KIỆN cho tự nhiên, ngắn gọn, bằng tiếng Việt có dấu, dạng văn bản thường (không Markdown).
Chỉ dùng thông tin có trong DỮ KIỆN. Không thêm ngày tháng, con số, số nhiệm vụ, tên đơn vị hay tên người nào không có trong DỮ KIỆN.
Giữ nguyên số nhiệm vụ, ngày tháng (dạng 07/6/2024) và tên đơn vị như trong DỮ KIỆN. Nêu rõ câu trả lời theo văn bản nào.`

// Phrase returns the answer with its text rephrased by the model, or a
// unchanged when it is not found, when the model fails or times out, or
// when the rephrasing says anything the facts do not.
func (p *Phraser) Phrase(ctx context.Context, q Query, a Answer) Answer {
	if p == nil || p.c == nil || !a.Found || a.Directive == nil || strings.TrimSpace(a.Text) == "" {
		return a
	}
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	user := "CÂU HỎI: " + strings.TrimSpace(q.Text) + "\n\nDỮ KIỆN:\n" + a.Text
	out, err := p.c.Complete(ctx, p.system, user)
	if err != nil {
		p.log.Warn("phrase answer: model failed, keeping the grounded answer", "directive", a.Directive.ID, "err", err)
		return a
	}
	out = strings.TrimSpace(out)
	if why := unsupported(out, a.Text); why != "" {
		p.log.Warn("phrase answer: rephrasing rejected, keeping the grounded answer", "directive", a.Directive.ID, "reason", why)
		return a
	}
	if !strings.Contains(Fold(out), Fold(a.Directive.Title())) && (a.Directive.Number == "" || !strings.Contains(out, a.Directive.Number) || a.Directive.Number[0] == '/') {
		out = "📄 Theo " + label(a.Directive) + ":\n\n" + out
	}
	a.Text = out
	return a
}

var (
	phraseDateRe = regexp.MustCompile(`\b(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{2,4}))?\b|\b(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?`)
	phraseNumRe  = regexp.MustCompile(`\d+`)
	phraseTaskRe = regexp.MustCompile(`(?i)(?:nhiệm vụ|mục|điều)\s+((?:[IVX]+|\d+)(?:\.[0-9a-zđ]+)*)`)
)

// unsupported returns why a rephrasing says something the facts do not, or "".
func unsupported(out, facts string) string {
	switch {
	case out == "":
		return "empty"
	case utf8.RuneCountInString(out) > 3*utf8.RuneCountInString(facts)+400:
		return "too long"
	}
	factDates := map[string]bool{}
	for _, m := range phraseDateRe.FindAllStringSubmatch(facts, -1) {
		for _, k := range dateKeys(m) {
			factDates[k] = true
		}
	}
	factNums := map[string]bool{}
	for _, n := range phraseNumRe.FindAllString(facts, -1) {
		factNums[strings.TrimLeft(n, "0")] = true
	}
	rest := out
	for _, m := range phraseDateRe.FindAllStringSubmatch(out, -1) {
		keys := dateKeys(m)
		if !factDates[keys[0]] {
			return "date " + m[0] + " is not in the facts"
		}
		rest = strings.Replace(rest, m[0], " ", 1)
	}
	for _, n := range phraseNumRe.FindAllString(rest, -1) {
		if !factNums[strings.TrimLeft(n, "0")] {
			return "number " + n + " is not in the facts"
		}
	}
	factFold := " " + strings.Join(foldedWords(facts), " ") + " "
	for _, m := range phraseTaskRe.FindAllStringSubmatch(out, -1) {
		if !strings.Contains(Fold(facts), Fold("nhiệm vụ "+m[1])) && !strings.Contains(Fold(facts), Fold(m[1])+".") {
			return "task " + m[1] + " is not in the facts"
		}
	}
	// Capitalised words inside a sentence name units and people: each must
	// be in the facts.
	start := true
	for _, tk := range tokenize(out, nil) {
		before := strings.TrimRight(out[:tk.start], " \t“\"(")
		start = before == "" || strings.HasSuffix(before, ".") || strings.HasSuffix(before, ":") ||
			strings.HasSuffix(before, "\n") || strings.HasSuffix(before, "-") || strings.HasSuffix(before, "•") ||
			strings.HasSuffix(before, "!") || strings.HasSuffix(before, "?") || !unicode.IsLetter(lastRune(before))
		r, _ := utf8.DecodeRuneInString(out[tk.start:])
		if !start && unicode.IsUpper(r) && !strings.Contains(factFold, " "+tk.text+" ") {
			return "name " + out[tk.start:tk.end] + " is not in the facts"
		}
	}
	return ""
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// dateKeys returns "d/m/y" and "d/m" keys for a date match.
func dateKeys(m []string) []string {
	d, mo, y := m[1], m[2], m[3]
	if d == "" {
		d, mo, y = m[4], m[5], m[6]
	}
	di, _ := strconv.Atoi(d)
	mi, _ := strconv.Atoi(mo)
	short := strconv.Itoa(di) + "/" + strconv.Itoa(mi)
	if y == "" {
		return []string{short}
	}
	return []string{short + "/" + y, short}
}
