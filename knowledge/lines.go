package knowledge

import (
	"html"
	"regexp"
	"strings"
	"unicode"
)

// Footnote marks are carried through cleaning as fnOpen + mark + fnClose.
const (
	fnOpen  = "\ue000"
	fnClose = "\ue001"
)

var (
	commentRe   = regexp.MustCompile(`(?s)<!--.*?-->`)
	supRe       = regexp.MustCompile(`(?i)<sup>\s*\[?(\d{1,3})\]?\s*</sup>`)
	mdNoteRe    = regexp.MustCompile(`\[\^(\w{1,6})\]`)
	brRe        = regexp.MustCompile(`(?i)<br\s*/?>`)
	tagRe       = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>`)
	superDigits = regexp.MustCompile(`[¹²³⁰⁴⁵⁶⁷⁸⁹]+`)
	headingRe   = regexp.MustCompile(`^#{1,6}\s+`)
	quoteRe     = regexp.MustCompile(`^(?:>\s?)+`)
	bulletRe    = regexp.MustCompile(`^(?:[•●○▪◦■□➢➤✓]\s*|[*+–—−]\s+|-(?:\s+|$))`)
	dashWordRe  = regexp.MustCompile(`^-(\p{Lu})`)
	ruleRe      = regexp.MustCompile(`^(?:[-*_=]\s*){3,}$`)
	emOpenRe    = regexp.MustCompile(`(^|[\s(“"‘'\[])[*_]+([^\s*_])`)
	emCloseRe   = regexp.MustCompile(`([^\s*_])[*_]+($|[\s).,;:!?”"’'\]])`)
	escapeRe    = regexp.MustCompile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|<>])")
	spacesRe    = regexp.MustCompile(`[ \t]+`)
	tableSepRe  = regexp.MustCompile(`^\s*:?-{2,}:?\s*$`)
)

// line is one cleaned line of a directive's text.
type line struct {
	text   string // without Markdown markup; "" for a blank line
	hard   bool   // ends with a hard line break
	bullet bool   // starts with a bullet ("- ")
}

// cleanLines strips a directive's Markdown and HTML markup and returns its
// lines. Footnote marks (<sup>1</sup>, [^1], ¹) become fnOpen…fnClose.
func cleanLines(text string) []line {
	if strings.Contains(text, "<!--") {
		text = commentRe.ReplaceAllString(text, "")
	}
	if strings.Contains(text, "<") {
		text = supRe.ReplaceAllString(text, fnOpen+"$1"+fnClose)
		text = brRe.ReplaceAllString(text, "  \n")
		text = tagRe.ReplaceAllString(text, "")
	}
	if strings.Contains(text, "[^") {
		text = mdNoteRe.ReplaceAllString(text, fnOpen+"$1"+fnClose)
	}
	if superDigits.MatchString(text) {
		text = markSuperscripts(text)
	}
	if strings.Contains(text, "&") {
		text = html.UnescapeString(text)
	}
	raw := strings.Split(text, "\n")
	out := make([]line, 0, len(raw))
	for _, r := range raw {
		hard := strings.HasSuffix(r, "  ") || strings.HasSuffix(r, "\\")
		s := strings.TrimFunc(r, unicode.IsSpace)
		s = strings.TrimSuffix(s, "\\")
		if strings.HasPrefix(s, "|") {
			cells := strings.Split(strings.Trim(s, "|"), "|")
			sep := true
			for _, c := range cells {
				if !tableSepRe.MatchString(c) {
					sep = false
				}
			}
			if sep {
				continue
			}
			for _, c := range cells {
				if l := cleanLine(c); l.text != "" {
					out = append(out, l, line{})
				}
			}
			continue
		}
		l := cleanLine(s)
		l.hard = l.hard || hard
		out = append(out, l)
	}
	return out
}

// cleanLine strips the markup of one line.
func cleanLine(s string) line {
	s = strings.TrimSpace(s)
	s = headingRe.ReplaceAllString(s, "")
	s = quoteRe.ReplaceAllString(s, "")
	if ruleRe.MatchString(s) {
		return line{}
	}
	if strings.Contains(s, "**") {
		s = strings.ReplaceAll(s, "**", "")
	}
	if strings.Contains(s, "__") {
		s = strings.ReplaceAll(s, "__", "")
	}
	bullet := false
	if m := bulletRe.FindString(s); m != "" && len(s) > len(m) {
		s = s[len(m):]
		bullet = true
	} else if dashWordRe.MatchString(s) {
		s = s[1:]
		bullet = true
	}
	if strings.ContainsAny(s, "*_") {
		s = emOpenRe.ReplaceAllString(s, "$1$2")
		s = emCloseRe.ReplaceAllString(s, "$1$2")
	}
	if strings.Contains(s, "\\") {
		s = escapeRe.ReplaceAllString(s, "$1")
	}
	s = strings.TrimSpace(spacesRe.ReplaceAllString(s, " "))
	if ruleRe.MatchString(s) {
		return line{}
	}
	if bullet && s != "" {
		s = "- " + s
	}
	return line{text: s, bullet: bullet}
}

// isUpper reports whether s has at least two letters and no lower-case one.
func isUpper(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if unicode.IsLower(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// stripMarks removes footnote marks from s.
func stripMarks(s string) string {
	for {
		i := strings.Index(s, fnOpen)
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], fnClose)
		if j < 0 {
			return strings.ReplaceAll(s, fnOpen, "")
		}
		s = s[:i] + s[i+j+len(fnClose):]
	}
}

// markSuperscripts turns superscript digits into footnote marks, except the
// powers of units ("m²", "km³").
func markSuperscripts(text string) string {
	var b strings.Builder
	last := 0
	for _, m := range superDigits.FindAllStringIndex(text, -1) {
		if m[0] > 0 && text[m[0]-1] == 'm' {
			continue
		}
		b.WriteString(text[last:m[0]])
		b.WriteString(fnOpen)
		for _, r := range text[m[0]:m[1]] {
			b.WriteByte(superDigit(r))
		}
		b.WriteString(fnClose)
		last = m[1]
	}
	b.WriteString(text[last:])
	return b.String()
}

func superDigit(r rune) byte {
	switch r {
	case '¹':
		return '1'
	case '²':
		return '2'
	case '³':
		return '3'
	case '⁰':
		return '0'
	}
	return byte('4' + r - '⁴')
}
