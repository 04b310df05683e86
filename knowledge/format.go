package knowledge

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"chidao"
)

// dueText says when a task falls due, the Vietnamese way: "trước ngày
// 07/6/2024", "chậm nhất ngày 30/6/2025", "trước ngày 20 hằng tháng",
// "định kỳ hằng quý"; "" when the task has no deadline.
func dueText(t chidao.Task) string {
	if !t.Deadline.IsZero() {
		s := "chậm nhất ngày " + t.Deadline.Vietnamese()
		if t.DeadlineKind == chidao.DeadlineBefore {
			s = "trước ngày " + t.Deadline.Vietnamese()
		}
		if t.DeadlineText != "" && !strings.Contains(Fold(t.DeadlineText), Fold(t.Deadline.Vietnamese())) {
			s += " (văn bản ghi: “" + t.DeadlineText + "”)"
		}
		if t.Recurrence != "" && t.Recurrence != chidao.RecurOngoing {
			s += "; định kỳ " + t.Recurrence
		}
		return s
	}
	if t.DeadlineText != "" {
		return t.DeadlineText
	}
	return t.Recurrence
}

// assigneeText says whom a task is given to: its assignees as written,
// or, when it names none, the recipient units it falls to.
// every, when set, is unitPhrases of the directive's units, worked out
// once for its tasks.
func assigneeText(d *chidao.Directive, t chidao.Task, r *Resolver, every []string) string {
	if len(t.Assignees) > 0 {
		return strings.Join(writtenNames(t.Assignees, r), "; ")
	}
	if len(t.AssigneeUnits) == 0 {
		return "không ghi đơn vị cụ thể"
	}
	return "các đơn vị nhận văn bản (" + strings.Join(phrasesOf(d, t.AssigneeUnits, r, every), "; ") + ")"
}

// writtenNames returns assignees as written, each followed by the names
// of the units it stands for when it does not spell them out: "P.NV
// (Phòng Nội vụ)", "VP HĐND-UBND huyen (Văn phòng HĐND và UBND)".
func writtenNames(names []string, r *Resolver) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n
		if !abbreviated(n) {
			continue
		}
		codes := r.Resolve(n)
		if len(codes) == 0 || len(codes) > 3 {
			continue
		}
		f := Fold(n)
		var full []string
		for _, c := range codes {
			if name := r.Name(c); !strings.Contains(f, Fold(name)) {
				full = append(full, name)
			}
		}
		if len(full) == len(codes) {
			out[i] += " (" + strings.Join(full, ", ") + ")"
		}
	}
	return out
}

// abbreviated reports whether a name holds an abbreviation other than
// "UBND" and "HĐND" ("P.NV", "Phòng TN&MT", "VP HĐND-UBND"), or is written
// without diacritics, so that it may not spell out the unit it names.
func abbreviated(name string) bool {
	ascii := true
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' || r == '&' || r == '.' || r == ',' }) {
		if len(w) == 1 && w[0] == 'P' || len(w) >= 2 && w != "UBND" && w != "HĐND" && isUpper(w) {
			return true
		}
		for i := 0; i < len(w) && ascii; i++ {
			ascii = w[i] < utf8.RuneSelf
		}
	}
	return ascii
}

// phrasesOf is unitPhrases, from every when the codes are the directive's
// units.
func phrasesOf(d *chidao.Directive, codes []string, r *Resolver, every []string) []string {
	if every != nil && slices.Equal(codes, d.Units) {
		return every
	}
	return unitPhrases(d, codes, r)
}

// unitPhrases names units for a reader: the recipient lines of the
// directive naming exactly them, as written ("Các phòng chuyên môn thuộc
// UBND huyện", "UBND các xã, thị trấn"), without the lines naming no unit
// (the district's leaders, bodies outside the units); else their groups
// when whole ("các phòng chuyên môn", "UBND các xã, thị trấn") and the
// others by name.
func unitPhrases(d *chidao.Directive, codes []string, r *Resolver) []string {
	want := map[string]bool{}
	for _, c := range codes {
		want[c] = true
	}
	var lines []string
	got := map[string]bool{}
	for _, l := range d.Recipients {
		cs := r.Resolve(l)
		if len(cs) == 0 {
			continue
		}
		ok := true
		for _, c := range cs {
			ok = ok && want[c]
		}
		if !ok {
			lines = nil
			break
		}
		lines = append(lines, l)
		for _, c := range cs {
			got[c] = true
		}
	}
	if len(lines) > 0 && len(got) == len(want) {
		return lines
	}
	var out []string
	rest := map[string]bool{}
	for c := range want {
		rest[c] = true
	}
	for _, g := range [...]struct{ group, name string }{{"phong-chuyen-mon", "các phòng chuyên môn"}, {"xa-thi-tran", "UBND các xã, thị trấn"}} {
		n, in := 0, 0
		for _, u := range r.units {
			if u.InGroup(g.group) {
				n++
				if rest[u.Code] {
					in++
				}
			}
		}
		if n > 1 && in == n {
			out = append(out, g.name)
			for _, u := range r.units {
				if u.InGroup(g.group) {
					delete(rest, u.Code)
				}
			}
		}
	}
	for _, u := range r.units {
		if rest[u.Code] {
			out = append(out, u.Name)
		}
	}
	return out
}

// FormatTask writes one task as the bot shows it:
//
//	Nhiệm vụ 5: <text>
//	⏰ Hạn: trước ngày 07/6/2024
//	👥 Giao: …
func FormatTask(d *chidao.Directive, t chidao.Task, r *Resolver) string {
	return formatTask(d, t, r, nil)
}

// formatTask is FormatTask with unitPhrases of the directive's units
// worked out (every; nil to work them out).
func formatTask(d *chidao.Directive, t chidao.Task, r *Resolver, every []string) string {
	var b strings.Builder
	if t.Section != "" {
		b.WriteString("📂 " + t.Section + "\n")
	}
	b.WriteString("Nhiệm vụ " + t.ID + ": " + t.Text)
	due := dueText(t)
	if due == "" {
		due = "không ghi thời hạn cụ thể"
	}
	b.WriteString("\n⏰ Hạn: " + due)
	b.WriteString("\n👥 Giao: " + assigneeText(d, t, r, every))
	for _, f := range t.Footnotes {
		b.WriteString("\n📎 Chú thích: " + f)
	}
	return b.String()
}

// FormatDirective writes a directive as `chidao parse` prints it and as the
// broadcast preview shows it: number, kind, issuer, date, subject,
// recipients, each task with its deadline and assignees, and the signer.
func FormatDirective(d *chidao.Directive, r *Resolver) string {
	var b strings.Builder
	if d.Urgency != "" {
		b.WriteString("🔴 " + d.Urgency + "\n")
	}
	b.WriteString("📄 " + d.Title() + "\n")
	if d.Number != "" && d.Number[0] == '/' {
		b.WriteString("Số: (chưa ghi số) " + d.Number + "\n")
	}
	if d.Issuer != "" {
		b.WriteString("Cơ quan ban hành: " + d.Issuer + "\n")
	}
	switch {
	case !d.Issued.IsZero():
		b.WriteString("Ngày ban hành: " + d.Issued.Vietnamese() + "\n")
	case d.IssuedText != "":
		b.WriteString("Ngày ban hành: chưa ghi ngày (“" + d.IssuedText + "”)\n")
	}
	if d.Subject != "" {
		b.WriteString("Trích yếu: " + d.Subject + "\n")
	}
	if len(d.Recipients) > 0 {
		b.WriteString("Gửi: " + strings.Join(d.Recipients, "; ") + "\n")
	}
	if len(d.Units) > 0 {
		fmt.Fprintf(&b, "Đơn vị nhận: %d đơn vị\n", len(d.Units))
	}
	if len(d.Unresolved) > 0 {
		b.WriteString("Chưa khớp với đơn vị nào: " + strings.Join(d.Unresolved, "; ") + "\n")
	}
	if len(d.References) > 0 {
		b.WriteString("Văn bản liên quan: " + strings.Join(d.References, ", ") + "\n")
	}
	fmt.Fprintf(&b, "\nNhiệm vụ (%d):\n", len(d.Tasks))
	every := unitPhrases(d, d.Units, r)
	for _, t := range d.Tasks {
		b.WriteString("\n" + formatTask(d, t, r, every) + "\n")
	}
	if s := d.Signer; s.Name != "" || s.Title != "" || s.Authority != "" {
		b.WriteString("\nNgười ký: " + strings.Join(nonEmpty(s.Authority, s.Title, s.Name), " – ") + "\n")
	}
	for _, s := range d.Signatures {
		if s.At.IsZero() {
			continue
		}
		b.WriteString("Ký số: " + strings.Join(nonEmpty(s.By, s.At.Format("15:04 02/01/2006")), ", ") + "\n")
	}
	return b.String()
}
