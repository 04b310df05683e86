package knowledge

import (
	"regexp"
	"strconv"
	"strings"
)

// Column roles of a task table.
const (
	colOther = iota
	colNumber
	colTask
	colLead
	colPartner
	colDeadline
)

var (
	tableNumRe   = regexp.MustCompile(`^(\d{1,3}(?:\.\d{1,3}){0,3}|[IVX]{1,5}|[A-Za-z])\.?$`)
	tableRomanRe = regexp.MustCompile(`^[IVX]{1,5}\.?$`)
)

// columnRole reads a task table's header cell.
func columnRole(header string) int {
	h := Fold(header)
	switch {
	case h == "stt" || h == "tt" || h == "so tt" || h == "so thu tu" || h == "muc":
		return colNumber
	case strings.Contains(h, "phoi hop"):
		return colPartner
	case strings.Contains(h, "chu tri") || strings.Contains(h, "thuc hien") || strings.Contains(h, "duoc giao") ||
		strings.Contains(h, "phu trach") || strings.Contains(h, "trach nhiem") || h == "don vi" || h == "co quan":
		return colLead
	case strings.Contains(h, "thoi han") || strings.Contains(h, "thoi gian") || h == "han" || strings.Contains(h, "han hoan thanh"):
		return colDeadline
	case strings.Contains(h, "nhiem vu") || strings.Contains(h, "noi dung") || strings.Contains(h, "cong viec"):
		return colTask
	}
	return colOther
}

// taskTable rewrites a table of tasks, one task per row (STT | Nhiệm vụ |
// Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn, in any order), as the
// numbered paragraphs a directive would write instead: "1. <task>. Giao
// <lead> chủ trì, phối hợp với <partner>. Thời hạn: <deadline>.", so that
// each row is read as a task with its assignees and deadline. A row whose
// number is a Roman numeral and that names no unit is a section heading.
// ok is false for a table that is not one of tasks (a member list, a
// schedule without units and deadlines): its cells stay paragraphs.
func taskTable(rows [][]string) (paras []string, ok bool) {
	if len(rows) < 2 {
		return nil, false
	}
	roles := make([]int, len(rows[0]))
	has := map[int]int{}
	for i, h := range rows[0] {
		roles[i] = columnRole(h)
		has[roles[i]]++
		if f := Fold(h); strings.Contains(f, "ho va ten") || strings.Contains(f, "ho ten") {
			return nil, false
		}
	}
	if has[colTask] != 1 || has[colLead]+has[colDeadline] == 0 {
		return nil, false
	}
	next := 0
	for _, row := range rows[1:] {
		var num, task, lead, partner, deadline string
		var other []string
		for i, c := range row {
			c = strings.TrimSpace(c)
			if i >= len(roles) || c == "" {
				continue
			}
			switch roles[i] {
			case colNumber:
				num = c
			case colTask:
				task = c
			case colLead:
				lead = joinNonEmpty(lead, c, ", ")
			case colPartner:
				partner = c
			case colDeadline:
				deadline = c
			default:
				other = append(other, strings.TrimSpace(rows[0][i])+": "+c)
			}
		}
		if task == "" {
			continue
		}
		if tableRomanRe.MatchString(num) && lead == "" && deadline == "" {
			paras = append(paras, strings.TrimSuffix(num, ".")+". "+task)
			continue
		}
		if !tableNumRe.MatchString(num) {
			next++
			num = strconv.Itoa(next)
		}
		var b strings.Builder
		b.WriteString(strings.TrimSuffix(num, "."))
		b.WriteString(". ")
		b.WriteString(sentence(task))
		switch {
		case lead != "" && partner != "":
			b.WriteString(" Giao " + lead + " chủ trì, phối hợp với " + strings.TrimSuffix(partner, ".") + " thực hiện.")
		case lead != "":
			b.WriteString(" Giao " + strings.TrimSuffix(lead, ".") + " thực hiện.")
		case partner != "":
			b.WriteString(" Phối hợp: " + sentence(partner))
		}
		for _, o := range other {
			b.WriteString(" " + sentence(o))
		}
		if deadline != "" {
			b.WriteString(" Thời hạn: " + sentence(lowerFirst(deadline)))
		}
		paras = append(paras, b.String())
	}
	return paras, len(paras) > 0
}

// sentence ends s with a full stop unless it ends a sentence already.
func sentence(s string) string {
	s = strings.TrimRight(strings.TrimSpace(s), ";:,")
	if strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

func joinNonEmpty(a, b, sep string) string {
	if a == "" {
		return b
	}
	return a + sep + b
}

// lowerFirst lower-cases the first letter of a cell ("Trước ngày …"), as it
// reads inside a sentence; an upper-case word ("UBND") is kept.
func lowerFirst(s string) string {
	w, _, _ := strings.Cut(s, " ")
	if w == strings.ToUpper(w) {
		return s
	}
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// readTaskTable reads the Markdown table starting at raw[k] (its header
// row) as a task table, returning its paragraphs and the index of the
// first line after it.
func readTaskTable(raw []string, k int) (paras []string, end int, ok bool) {
	if k > 0 && strings.HasPrefix(strings.TrimSpace(raw[k-1]), "|") {
		return nil, 0, false
	}
	var rows [][]string
	end = k
	for ; end < len(raw); end++ {
		s := strings.TrimSpace(raw[end])
		if !strings.HasPrefix(s, "|") {
			break
		}
		cells := strings.Split(strings.ReplaceAll(strings.Trim(s, "|"), cellBreak, " "), "|")
		sep := true
		for _, c := range cells {
			if !tableSepRe.MatchString(c) {
				sep = false
				break
			}
		}
		if !sep {
			rows = append(rows, cells)
		}
	}
	paras, ok = taskTable(rows)
	return paras, end, ok
}
