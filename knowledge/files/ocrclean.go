package files

import (
	"regexp"
	"strings"
	"unicode"
)

// The confidences below which OCR's digits are not kept: anywhere under
// ocrDigitConf; under headDigitConf in the lines of the header giving the
// number and the date ("Số: …", "ngày … tháng …"), where they are written
// by hand and come out as plausible digits. A number or a date that is not
// in the text is worse than none: the office is asked for it.
const (
	ocrDigitConf  = 30
	headDigitConf = 85
	headBand      = 0.35
)

// cleanOCR blanks what OCR invents on a scanned page: words of strokes
// and symbols (a seal, a signature, a handwritten digit), the symbol runs
// glued inside words ("ngày4†tháng"), and digits it is unsure of. An
// item's number keeps what a stroke glued to it ("._8." → "8.").
func cleanOCR(p page) page {
	out := p.lines[:0]
	for _, l := range p.lines {
		fields := l.y1 < headBand*p.h && headerFields(l)
		words := l.words
		if fields {
			words = splitKeywords(words)
		}
		var ws []word
		for k, w := range words {
			if k == 0 {
				if m := strayMarkerRe.FindStringSubmatch(w.text); m != nil && w.conf >= ocrDigitConf {
					w.text = m[1]
					ws = append(ws, w)
					continue
				}
			}
			parts := splitGarbage(w.text)
			if len(parts) == 0 {
				w.text = ""
				ws = append(ws, w)
			}
			for _, part := range parts {
				w := w
				if w.text = part; !keepOCRWord(w, fields) {
					w.text = ""
				}
				ws = append(ws, w)
			}
		}
		if fields {
			ws = fieldSlots(ws)
		}
		nl := newLine(ws)
		nl.block = l.block
		out = append(out, nl)
	}
	p.lines = out
	return p
}

// strayMarkerRe is an item's number with strokes before it: "._8.", "-3.".
var strayMarkerRe = regexp.MustCompile(`^[._\-–—'‘’,·•~]+(\d{1,2}[.)])$`)

// headerFields reports whether a line is the header's number line ("Số:
// … /CT-UBND", its first word "Số") or its date line ("Quảng Ngãi, ngày …
// tháng … năm 2021": a short line with "ngày" and "tháng" or "năm"), whose
// blanks are filled in by hand.
func headerFields(l line) bool {
	if len(l.words) == 0 {
		return false
	}
	if fieldKeyword(strings.ToLower(l.words[0].text)) == "số" {
		return true
	}
	for _, w := range l.words[:min(3, len(l.words))] {
		if numberSymbolRe.MatchString(w.text) {
			return true
		}
	}
	if len(l.words) > 10 {
		return false
	}
	var ngay, thang, nam bool
	for _, w := range l.words {
		switch fieldKeyword(strings.ToLower(w.text)) {
		case "ngày":
			ngay = true
		case "tháng":
			thang = true
		case "năm":
			nam = true
		}
	}
	return ngay && (thang || nam) || thang && nam
}

// keepOCRWord reports whether an OCR word is kept.
func keepOCRWord(w word, fields bool) bool {
	digit := strings.IndexFunc(w.text, unicode.IsDigit) >= 0
	switch {
	case !hasLetterOrDigit(w.text):
		return strings.ContainsAny(w.text, "-–+•*") && len([]rune(w.text)) == 1
	case digit && w.conf < ocrDigitConf:
		return false
	case digit && fields && w.conf < headDigitConf:
		return false
	case fields && w.conf < ocrDigitConf && !isFieldWord(w.text):
		return false // a stroke of handwriting read as a letter
	}
	return true
}

// isFieldWord reports whether a word is one of the printed words of the
// header's number and date lines.
func isFieldWord(s string) bool {
	switch strings.ToLower(strings.Trim(s, ":.,")) {
	case "số", "ngày", "tháng", "năm":
		return true
	}
	return false
}

// splitGarbage cuts a word at the symbols no Vietnamese word holds, with
// the digits glued to them ("ngày4†tháng" → "ngày", "tháng"; "9{" → none).
func splitGarbage(s string) []string {
	if !strings.ContainsFunc(s, isGarbage) {
		return []string{s}
	}
	var out []string
	for _, part := range strings.FieldsFunc(s, isGarbage) {
		part = strings.TrimFunc(part, unicode.IsDigit)
		if part != "" {
			out = append(out, part)
		}
	}
	if len(out) > 0 {
		// What stood glued to a symbol is a word's end or start.
		first, last := out[0], out[len(out)-1]
		out[0] = strings.TrimRightFunc(first, unicode.IsDigit)
		out[len(out)-1] = strings.TrimLeftFunc(last, unicode.IsDigit)
	}
	return out
}

func isGarbage(r rune) bool {
	return strings.ContainsRune("†‡{}#⁄¢§¶~^|\\_=<>»«©®™°¬¦", r) || unicode.Is(unicode.Sk, r)
}

func hasLetterOrDigit(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
}

// fieldSlots keeps in the slots of a header's date ("ngày _ tháng _ năm
// 2025") and number ("Số: _ /CT-UBND") only what can fill them, one or
// two digits read with confidence; the rest is handwriting OCR cannot
// read. A keyword with strokes glued to it ("ngàyà", "thángØ?") is the
// keyword.
func fieldSlots(ws []word) []word {
	ws = dayWord(ws)
	ws = numberWord(ws)
	slot := false // the words after "Số:", "ngày" or "tháng", up to the next keyword
	for i := range ws {
		t := strings.ToLower(ws[i].text)
		if k := fieldKeyword(t); k != "" {
			ws[i].text = string([]rune(ws[i].text)[:len([]rune(k))])
			if strings.HasSuffix(t, ":") && k == "số" {
				ws[i].text += ":"
			}
			slot = k != "năm"
			continue
		}
		if !slot || ws[i].text == "" {
			continue
		}
		if strings.HasPrefix(ws[i].text, "/") {
			slot = false // the number's symbol: "/CT-UBND"
			continue
		}
		if !digitsOnly(strings.TrimRight(ws[i].text, ".,")) || ws[i].conf < headDigitConf || len(ws[i].text) > 5 {
			ws[i].text = ""
		}
	}
	return ws
}

// fieldKeyword returns the keyword of a header field a word opens with
// ("ngày", "tháng", "năm", "số"), or "".
func fieldKeyword(t string) string {
	for _, k := range []string{"ngày", "tháng", "năm", "số"} {
		if strings.HasPrefix(t, k) {
			// No word opens with a keyword but the keyword: what is glued
			// to it is a stroke ("ngàyà", "thángØ?").
			return k
		}
	}
	return ""
}

func digitsOnly(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
}

// splitKeywords cuts a word with a field's keyword glued after what fills
// the slot before it ("04tháng" → "04", "tháng"); the two halves share the
// word's box.
func splitKeywords(ws []word) []word {
	var out []word
	for _, w := range ws {
		low := strings.ToLower(w.text)
		cut := -1
		for _, k := range []string{"tháng", "năm"} {
			if i := strings.Index(low, k); i > 0 && cut < 0 {
				cut = i
			}
		}
		if cut <= 0 {
			out = append(out, w)
			continue
		}
		a, b := w, w
		a.text, b.text = w.text[:cut], w.text[cut:]
		out = append(out, a, b)
	}
	return out
}

// dayWord puts back the "ngày" OCR read as strokes ("Quảng Ngãi, ngàW
// tháng 5 năm 2021"): the words between the place's comma and "tháng".
func dayWord(ws []word) []word {
	month := -1
	for i, w := range ws {
		switch fieldKeyword(strings.ToLower(w.text)) {
		case "ngày":
			return ws
		case "tháng":
			if month < 0 {
				month = i
			}
		}
	}
	if month <= 0 {
		return ws
	}
	from := 0
	for i := month - 1; i >= 0; i-- {
		if strings.HasSuffix(ws[i].text, ",") {
			from = i + 1
			break
		}
	}
	if from >= month {
		return ws
	}
	ws[from].text = "ngày"
	for i := from + 1; i < month; i++ {
		ws[i].text = ""
	}
	return ws
}

// numberSymbolRe is a number's symbol alone: "/CT-UBND", "/UBND-KTTH".
var numberSymbolRe = regexp.MustCompile(`^/\p{Lu}[\p{Lu}\p{Ll}Đđ&]*(?:-\p{Lu}[\p{Lu}\p{Ll}Đđ&]*)*$`)

// numberWord puts back the "Số:" OCR read as strokes before a number's
// symbol ("ST /CT-UBND" → "Số: /CT-UBND").
func numberWord(ws []word) []word {
	for i, w := range ws {
		if !numberSymbolRe.MatchString(w.text) {
			continue
		}
		for _, v := range ws[:i] {
			if fieldKeyword(strings.ToLower(v.text)) == "số" {
				return ws
			}
		}
		for k := 0; k < i; k++ {
			if len([]rune(ws[k].text)) > 3 {
				return ws // words before it: not the number's line
			}
		}
		for k := 0; k < i; k++ {
			ws[k].text = ""
		}
		if i > 0 {
			ws[0].text = "Số:"
		} else {
			ws = append([]word{{box: w.box, text: "Số:", conf: w.conf}}, ws...)
		}
		return ws
	}
	return ws
}
