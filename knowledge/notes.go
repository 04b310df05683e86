package knowledge

import (
	"chidao"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	plainNoteRe = regexp.MustCompile(`^(\d{1,2})\s+(\p{Lu}.{15,})$`)
	markNoteRe  = regexp.MustCompile(`^` + fnOpen + `(\w{1,6})` + fnClose + `\s*:?\s*(.+)$`)
	noteWordsRe = regexp.MustCompile(`^(?:tai|theo|kem theo|quyet dinh|ke hoach|cong van|thong bao|nghi quyet|nghi dinh|thong tu|chi thi|van ban|luat|bao cao|huong dan|so lieu|trong do|gom)\b`)
)

// gluedMarks returns the footnote marks cited in lines[from:] as digits
// glued to a word ("phát động1 nhằm", "“…”2,"), each with the first line
// citing it.
func gluedMarks(lines []line, from int) map[string]int {
	out := map[string]int{}
	for i := from; i < len(lines); i++ {
		s := lines[i].text
		for j := 0; j < len(s); j++ {
			if !isDigitByte(s[j]) {
				continue
			}
			k := j
			for k < len(s) && isDigitByte(s[k]) {
				k++
			}
			if k-j <= 2 && gluedAround(s, j, k) {
				if _, ok := out[s[j:k]]; !ok {
					out[s[j:k]] = i
				}
			}
			j = k
		}
	}
	return out
}

// gluedAround reports whether the digits s[i:j] are a footnote mark glued
// to what precedes them: after a letter, a closing quote or a parenthesis,
// and before a space, a punctuation mark or the end.
func gluedAround(s string, i, j int) bool {
	if i == 0 || j < len(s) && strings.IndexByte(" \t\n\f\r,.;:", s[j]) < 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r) || r == '”' || r == '"' || r == '’' || r == ')'
}

// citeGlued removes a glued footnote mark from the first task citing it
// and returns that task's index; false when no task cites it.
func citeGlued(d *chidao.Directive, mark string) (int, bool) {
	for i := range d.Tasks {
		s := d.Tasks[i].Text
		var b strings.Builder
		last := 0
		for off := 0; ; {
			k := strings.Index(s[off:], mark)
			if k < 0 {
				break
			}
			k += off
			off = k + 1
			if gluedAround(s, k, k+len(mark)) {
				b.WriteString(s[last:k])
				last = k + len(mark)
				off = last
			}
		}
		if last > 0 {
			b.WriteString(s[last:])
			d.Tasks[i].Text = b.String()
			return i, true
		}
	}
	return 0, false
}

// marksIn returns the footnote marks in s.
func marksIn(s string) []string {
	var out []string
	for {
		i := strings.Index(s, fnOpen)
		if i < 0 {
			return out
		}
		s = s[i+len(fnOpen):]
		j := strings.Index(s, fnClose)
		if j < 0 {
			return out
		}
		out = append(out, s[:j])
		s = s[j+len(fnClose):]
	}
}

// maxNotes bounds the plain footnotes ("1 Tại Kế hoạch …") a text has.
const maxNotes = 20

// readNotes finds the footnote definitions, wherever they stand after
// the header: "<sup>1</sup> text", or a plain "1 Tại Kế hoạch …" whose
// mark a line above cites glued to a word or which reads as a note.
func (dc *doc) readNotes() error {
	dc.skip = map[int]bool{}
	var gluedAt map[string]int // glued footnote mark → first line citing it
	for i := dc.bodyStart; i < len(dc.lines); i++ {
		s := dc.lines[i].text
		if s == "" {
			continue
		}
		if strings.HasPrefix(s, fnOpen) {
			if m := markNoteRe.FindStringSubmatch(s); m != nil {
				dc.notes = append(dc.notes, note{mark: m[1], text: strings.TrimSpace(stripMarks(m[2])), at: i})
				dc.skip[i] = true
				continue
			}
		}
		if s[0] < '0' || s[0] > '9' || i == dc.bodyStart || len(dc.notes) >= maxNotes {
			continue
		}
		if m := plainNoteRe.FindStringSubmatch(s); m != nil {
			if gluedAt == nil {
				gluedAt = gluedMarks(dc.lines, dc.bodyStart)
			}
			if first, ok := gluedAt[m[1]]; ok && first < i || noteWordsRe.MatchString(Fold(m[2])) {
				dc.notes = append(dc.notes, note{mark: m[1], text: strings.TrimSpace(m[2]), at: i, plain: true})
				dc.skip[i] = true
			}
		}
	}
	return nil
}

// attachNotes gives each footnote to the task citing it; a plain note
// without a mark in any task goes to the task it follows. A note goes to
// one task, even where the numbering repeats an ID.
func (dc *doc) attachNotes() error {
	d := dc.d
	for _, nt := range dc.notes {
		k, ok := dc.markOf[nt.mark]
		if !ok && nt.plain {
			k, ok = citeGlued(d, nt.mark)
		}
		if !ok {
			// The last leaf before the note; leaves are in line order.
			k = sort.Search(len(dc.leaves), func(k int) bool { return dc.at[dc.leaves[k]] >= nt.at }) - 1
		}
		task := ""
		if k >= 0 {
			task = d.Tasks[k].ID
			d.Tasks[k].Footnotes = append(d.Tasks[k].Footnotes, nt.text)
		}
		d.Footnotes = append(d.Footnotes, chidao.Footnote{Mark: nt.mark, Text: nt.text, Task: task})
	}
	return nil
}
