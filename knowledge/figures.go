package knowledge

import (
	"regexp"
	"strings"

	"chidao"
)

// A figure is a number a question asks for: an amount of money ("bao
// nhiêu tiền"), a percentage, a count of things ("bao nhiêu thành viên",
// "mấy khu vực"), a telephone number. A task or a passage that states
// none is no answer to it, however many of the question's other words it
// holds: the text is silent on the figure, and the answer says so.
type figure struct {
	kind figureKind
	noun string // the things counted, folded: "thanh vien"
}

type figureKind uint8

const (
	figNone figureKind = iota
	figMoney
	figPercent
	figCount
	figPhone
	figPlace // not a number, but asked and stated the same way: "ở đâu", "địa điểm"
	figClock // a time of day: "mấy giờ", "lúc mấy giờ"
)

// askedFigure returns the figure a question, as its folded words, asks;
// number tells whether the i-th word is a number in words as typed (nil:
// whenever it folds to one).
func askedFigure(ws []string, number func(i int) bool) figure {
	switch {
	case moneyAsked(ws):
		return figure{kind: figMoney}
	case percentAsked(ws):
		return figure{kind: figPercent}
	case phoneAsked(ws):
		return figure{kind: figPhone}
	case clockAsked(ws):
		return figure{kind: figClock}
	}
	if number == nil {
		number = func(i int) bool { return numeral(ws[i]) > 0 }
	}
	if n := countedNoun(ws, number); n != "" {
		return figure{kind: figCount, noun: n}
	}
	return figure{}
}

// clockAsked reports whether a question asks a time of day: "mấy giờ",
// "giờ nào", "lúc mấy h".
func clockAsked(ws []string) bool {
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] == "may" && (ws[i+1] == "gio" || ws[i+1] == "h") || ws[i] == "gio" && ws[i+1] == "nao" {
			return true
		}
	}
	return false
}

// clockStatedRe finds a time of day in a folded text: "08 giờ 00 phút",
// "14h00", "7h30'", "8:00", "từ 8 giờ".
var clockStatedRe = regexp.MustCompile(`\b\d{1,2}\s*(?:gio|h)(?:\s*\d{1,2})?\b|\b\d{1,2}:\d{2}\b`)

// phoneAsked reports whether a question asks a telephone number.
func phoneAsked(ws []string) bool {
	for i := 0; i+2 < len(ws); i++ {
		if ws[i] == "so" && ws[i+1] == "dien" && ws[i+2] == "thoai" || ws[i] == "hotline" {
			return true
		}
	}
	return len(ws) > 0 && ws[len(ws)-1] == "hotline"
}

// numeralSpellings are the numbers in words as written with their marks.
var numeralSpellings = strings.Fields("một hai ba bốn tư năm sáu bảy tám chín mười mươi")

// numeralAsTyped reports whether a word whose folded form is a number in
// words ("bon") was typed as that number: without marks, or with the
// number's ("bốn", not "bồn").
func numeralAsTyped(typed string) bool {
	t := strings.ToLower(typed)
	if t == Fold(t) {
		return true
	}
	for _, n := range numeralSpellings {
		if t == n {
			return true
		}
	}
	return false
}

// countedNoun returns the things a question counts, the one or two words
// after "bao nhiêu" or "mấy" ("bao nhiêu thành viên" → "thanh vien"), or
// "" when it counts nothing: an amount ("bao nhiêu tiền"), a time ("bao
// lâu"), nothing after it.
func countedNoun(ws []string, number func(i int) bool) string {
	for i, w := range ws {
		if !(w == "nhieu" && i > 0 && ws[i-1] == "bao" || w == "may" && (i == 0 || ws[i-1] != "nha" && ws[i-1] != "thiet")) || i+1 >= len(ws) {
			continue // "nhà máy", "thiết bị máy" are no "mấy"
		}
		next := ws[i+1]
		if amountAfter(next) || isStop(next) || next == "phan" || next == "lan" || next == "gio" || number(i+1) {
			continue
		}
		if i+2 < len(ws) && !isStop(ws[i+2]) && !amountAfter(ws[i+2]) {
			return next + " " + ws[i+2]
		}
		return next
	}
	return ""
}

var (
	// phoneRe finds a telephone number: nine digits or more, spaced,
	// dotted or not.
	phoneRe = regexp.MustCompile(`\d(?:[ .\-]?\d){8,}`)
	// countNumberRe is a number before the things it counts: figures or
	// words, a figure in words in brackets after it ("05 (năm)").
	countNumberRe = `(?:\d[\d.,]*|\b(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|muoi hai|tram))\s+(?:\([^)]{1,20}\)\s+)?(?:[a-z]+\s+)?`
)

// statedIn reports whether a folded text states the figure.
func (fg figure) statedIn(folded string) bool {
	switch fg.kind {
	case figMoney:
		return amountRe.MatchString(folded)
	case figPercent:
		return percentRe.MatchString(folded)
	case figPhone:
		return phoneRe.MatchString(folded)
	case figPlace:
		return placeStatedRe.MatchString(folded)
	case figClock:
		return clockStatedRe.MatchString(folded)
	case figCount:
		if strings.HasPrefix(fg.noun, "nguoi") {
			// "bao nhiêu người" is told in whom it counts: "55 cử tri",
			// "50% tổng số cử tri".
			return percentRe.MatchString(folded) || peopleCountRe.MatchString(folded)
		}
		for at := 0; ; {
			k := strings.Index(folded[at:], fg.noun)
			if k < 0 {
				return false
			}
			k += at
			if countBefore(folded[:k]) {
				return true
			}
			at = k + len(fg.noun)
		}
	}
	return true
}

var (
	// placeAskedRe finds a question asking where: "ở đâu", "tại đâu",
	// "địa điểm", "nơi nào", "chỗ nào", "địa chỉ".
	// "về đâu", "gửi về đâu", "nơi nào" ask for a body; "từ đâu đến đâu" a route.
	placeAskedRe = regexp.MustCompile(`\b(?:(?:o|tai|hop o|nop o)\s+dau|dia diem(?:\s+(?:o|la))?(?:\s+dau)?|dia chi|cho nao)\b`)
	// placeStatedRe finds a place in a text: "Địa điểm:", "tại Hội trường",
	// "Trụ sở …", "số 99 đường …", "tại trụ sở", an address, a web or mail
	// address.
	placeStatedRe = regexp.MustCompile(`https?://|\bwww\.|@[a-z0-9-]+\.|\b(?:dia diem|dia chi|tru so|hoi truong|phong hop|nha van hoa|tai (?:tru so|hoi truong|phong|nha|uy ban|ubnd|so|khu|thon|to|san|trung tam)|so \d+[a-z]?\s+(?:duong|pho|ngo)|(?:duong|pho)\s+[a-z]+\s+[a-z]+,\s+(?:phuong|xa))\b`)
)

// peopleCountRe is a number of people, whoever they are.
var peopleCountRe = regexp.MustCompile(countNumberRe + `(?:nguoi|cu tri|thanh vien|dai bieu|can bo|cong chuc|hoc sinh|ho)\b`)

// countBeforeRe is countNumberRe ending a text.
var countBeforeRe = regexp.MustCompile(countNumberRe + `$`)

// countBefore reports whether a folded text ends with a number counting
// what comes next.
func countBefore(s string) bool { return countBeforeRe.MatchString(s[max(0, len(s)-40):]) }

// taskStates reports whether a task's text or footnotes state the figure.
func (fg figure) taskStates(t chidao.Task) bool {
	if fg.kind == figNone || fg.statedIn(Fold(t.Text)) {
		return true
	}
	for _, s := range t.Footnotes {
		if fg.statedIn(Fold(s)) {
			return true
		}
	}
	return false
}

// what names the figure in a refusal: "số tiền", "số thành viên".
func (fg figure) what() string {
	switch fg.kind {
	case figMoney:
		return "số tiền"
	case figPercent:
		return "tỷ lệ"
	case figPhone:
		return "số điện thoại"
	case figPlace:
		return "địa điểm"
	case figClock:
		return "giờ"
	}
	return "con số"
}

// noFigure is the answer when the text says nothing of the figure asked:
// what it does not state, and the passage that came nearest, labelled as
// such.
func noFigure(d *chidao.Directive, fg figure, nearest string) Answer {
	return silentWithNearest(d, "Văn bản không ghi "+fg.what()+" này.", nearest)
}

// silentWithNearest is a refusal saying what the text is silent on, with
// the passage that came nearest offered and labelled as no answer.
func silentWithNearest(d *chidao.Directive, silent, nearest string) Answer {
	text := silent
	if nearest = strings.TrimSpace(nearest); nearest != "" {
		if r := []rune(nearest); len(r) > 300 {
			nearest = string(r[:300]) + "…"
		}
		text += "\nGần nhất trong văn bản (không phải câu trả lời): “" + nearest + "”"
	}
	return Answer{Directive: d, Intent: IntentNone, Units: []string{}, Text: text + "\n(Đã tra cứu: " + label(d) + ".)"}
}

// phone answers a question asking a telephone number with the clause of
// the text giving one ("Phòng Cải cách hành chính ĐT 022.3751890"),
// false when the text gives none.
func phone(e *entry) (Answer, bool) {
	d := e.d
	find := func(text string) (string, bool) {
		ff := foldMapped(text)
		m := phoneRe.FindStringIndex(ff.text)
		if m == nil {
			return "", false
		}
		from := strings.LastIndexAny(ff.text[:m[0]], ".;(\n") + 1
		to := m[1] + strings.IndexAny(ff.text[m[1]:]+")", ";)\n")
		return ff.quote(from, min(to, len(ff.text))), true
	}
	for _, t := range d.Tasks {
		if c, ok := find(t.Text); ok {
			return Answer{Directive: d, Intent: IntentFree, Found: true, Tasks: []chidao.Task{t}, Items: []string{t.ID}, Units: []string{},
				Text: from(d) + "📞 Nhiệm vụ " + t.ID + " ghi: “" + c + "”"}, true
		}
	}
	found, ok := "", false
	contextParagraphs(d, func(p string) bool {
		found, ok = find(p)
		return !ok
	})
	if !ok {
		return Answer{}, false
	}
	return Answer{Directive: d, Intent: IntentFree, Found: true, Items: []string{}, Units: []string{}, Text: from(d) + "📞 Văn bản ghi: “" + found + "”"}, true
}
