package knowledge

import (
	"chidao"
	"regexp"
	"strings"
	"unicode"
)

var (
	noiNhanRe   = regexp.MustCompile(`^noi nhan\s*:?\s*`)
	authorityRe = regexp.MustCompile(`^(?:KT|TM|TL|TUQ|Q|QUYỀN)\s*\.\s*\S|^(?:KT|TM|TL|TUQ)\s+\p{Lu}`)
	nameWordRe  = regexp.MustCompile(`^\p{Lu}[\p{Ll}\p{M}]*$`)
)

// trimRecipient strips a recipient line's bullet and trailing punctuation.
func trimRecipient(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "- "))
	return strings.TrimSpace(strings.TrimRight(s, ";,."))
}

// recipientLines returns the lines listed under "Nơi nhận" at line i.
func recipientLines(lines []line, i int) []string {
	var out []string
	s := lines[i].text
	f := Fold(s)
	if m := noiNhanRe.FindStringIndex(f); m != nil {
		if rest := trimRecipient(s[foldMapped(s).at(m[1]):]); rest != "" {
			out = append(out, rest)
		}
	}
	open := false // the last entry did not end with ";" or ".": it may wrap
	for j := i + 1; j < len(lines); j++ {
		t := lines[j].text
		if t == "" {
			continue
		}
		if !lines[j].bullet && open && len(out) > 0 && !isUpper(t) && !looksLikeName(t) {
			out[len(out)-1] += " " + trimRecipient(t)
			open = !strings.HasSuffix(strings.TrimSpace(t), ";") && !strings.HasSuffix(strings.TrimSpace(t), ".")
			continue
		}
		if !lines[j].bullet {
			// The signer's lines may stand among the list's, as a scan's
			// two columns come out: the list goes on after them.
			if isUpper(t) || looksLikeName(t) || maybeAuthority(t) && matchHead(authorityRe, t, 32) != nil {
				continue
			}
			break
		}
		if r := trimRecipient(t); r != "" {
			out = append(out, r)
		}
		open = !strings.HasSuffix(strings.TrimSpace(t), ";") && !strings.HasSuffix(strings.TrimSpace(t), ".")
	}
	return out
}

// findFooter returns the index of the first line of the footer: "Nơi
// nhận", the signing authority, or the signer's title at the end.
func findFooter(lines []line, from int) int {
	for i := from; i < len(lines); i++ {
		s := lines[i].text
		if isNoiNhan(s) || maybeAuthority(s) && isUpper(s) && matchHead(authorityRe, s, 32) != nil {
			return i
		}
	}
	// A signer's title among the last lines.
	n := 0
	for i := len(lines) - 1; i >= from && n < 6; i-- {
		s := lines[i].text
		if s == "" {
			continue
		}
		n++
		if isUpper(s) && isSignerTitle(Fold(s)) {
			return i
		}
	}
	return len(lines)
}

// isNoiNhan reports whether a line opens the list of recipients at the
// foot of a directive ("Nơi nhận:"), as noiNhanRe matches it folded.
func isNoiNhan(s string) bool {
	switch {
	case s == "":
		return false
	case s[0] == 'N' || s[0] == 'n':
		// The words open the line: fold only its start.
		return strings.HasPrefix(Fold(headBytes(s, 32)), "noi nhan")
	case len(s) <= 20:
		// As OCR may read it (".Vơi nhận:"): a short word, then "nhận:".
		w := strings.Fields(Fold(s))
		return len(w) == 2 && len(w[0]) <= 5 && w[1] == "nhan:"
	}
	return false
}

// maybeAuthority reports whether a line opens as a signing authority
// (authorityRe: "KT.", "TM.", "TL.", "TUQ.", "Q.", "QUYỀN") can.
func maybeAuthority(s string) bool { return s != "" && (s[0] == 'K' || s[0] == 'T' || s[0] == 'Q') }

// isSignerTitle reports whether a folded line is a signer's title.
func isSignerTitle(f string) bool {
	switch strings.TrimSpace(f) {
	case "chu tich", "pho chu tich", "giam doc", "pho giam doc", "chanh van phong", "pho chanh van phong",
		"truong phong", "pho truong phong", "truong ban", "pho truong ban", "bi thu", "pho bi thu", "chanh thanh tra":
		return true
	}
	return false
}

// parseSigner reads the signer from the footer.
func parseSigner(lines []line, from int) chidao.Signer {
	var s chidao.Signer
	i := -1
	isAuthority := func(k int) bool {
		t := lines[k].text
		return t != "" && !lines[k].bullet && maybeAuthority(t) && isUpper(t) && matchHead(authorityRe, t, 32) != nil
	}
	for k := from; k < len(lines); k++ {
		if isAuthority(k) {
			// "TM. ỦY BAN NHÂN DÂN" may stand above "KT. CHỦ TỊCH": the
			// authority is both lines.
			s.Authority = lines[k].text
			i = k + 1
			for i < len(lines) && (lines[i].text == "" || isAuthority(i)) {
				if lines[i].text != "" {
					s.Authority += " " + lines[i].text
				}
				i++
			}
			break
		}
	}
	if i < 0 {
		for k := len(lines) - 1; k >= from; k-- {
			if t := lines[k].text; isUpper(t) && isSignerTitle(Fold(t)) {
				s.Title = t
				i = k + 1
				break
			}
		}
		if i < 0 {
			return s
		}
	} else {
		for ; i < len(lines) && lines[i].text == ""; i++ {
		}
		if i < len(lines) && isUpper(lines[i].text) && !looksLikeName(lines[i].text) {
			s.Title = lines[i].text
			i++
		}
	}
	for ; i < len(lines); i++ {
		t := strings.Trim(lines[i].text, " ()[]")
		if t == "" || lines[i].bullet {
			continue
		}
		f := Fold(t)
		if strings.HasPrefix(f, "da ky") || strings.HasPrefix(f, "ky ") || strings.Contains(f, ":") || strings.HasPrefix(f, "daky") {
			continue
		}
		if looksLikeName(t) {
			s.Name = t
		}
		break
	}
	if s.Authority != "" && s.Title == "" {
		// "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" on one line.
		f := Fold(s.Authority)
		for _, t := range []string{"pho chu tich", "pho giam doc", "pho chanh van phong", "pho truong phong", "pho truong ban"} {
			if strings.HasSuffix(f, " "+t) {
				cut := foldMapped(s.Authority).at(len(f) - len(t))
				s.Title = strings.TrimSpace(s.Authority[cut:])
				s.Authority = strings.TrimSpace(s.Authority[:cut])
			}
		}
	}
	return s
}

// looksLikeName reports whether a line is a person's name: two to six
// capitalised words.
func looksLikeName(s string) bool {
	w := strings.Fields(s)
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	if isUpper(s) {
		// "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN" are not names.
		for _, x := range w {
			for _, r := range x {
				if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
					return false
				}
			}
		}
		return !isSignerTitle(Fold(s)) && !strings.Contains(Fold(s), "ubnd") && !strings.Contains(Fold(s), "uy ban")
	}
	for _, x := range w {
		if !nameWordRe.MatchString(x) {
			return false
		}
	}
	return true
}

// readRecipients reads whom the directive goes to: the lines of "Kính
// gửi", else those of "Nơi nhận" but for the office's own records ("Lưu:
// VT"), "Như trên" and the bodies informed of it ("(b/c)"); "Như Điều 3"
// says the recipients are those Điều 3 names. They resolve to the units.
func (dc *doc) readRecipients() error {
	d := dc.d
	recipients := dc.h.recipients
	for i := dc.footStart; i < len(dc.lines); i++ {
		if isNoiNhan(dc.lines[i].text) {
			dc.hasNoiNhan = true
			dc.noiNhan = recipientLines(dc.lines, i)
			break
		}
	}
	if !dc.h.kinhGui {
		for _, r := range dc.noiNhan {
			f := Fold(r)
			if strings.HasPrefix(f, "nhu dieu") {
				dc.asDieu = strings.TrimSpace(strings.TrimPrefix(f, "nhu dieu"))
				continue
			}
			if strings.HasPrefix(f, "luu") || strings.HasPrefix(f, "nhu tren") || strings.Contains(f, "b/c") ||
				strings.Contains(f, "bao cao)") || strings.Contains(f, "de bao cao") || strings.Contains(f, "(bc)") {
				continue
			}
			recipients = append(recipients, r)
		}
	}
	if recipients != nil {
		d.Recipients = recipients
	}
	seen := map[string]bool{}
	for _, r := range recipients {
		codes := dc.p.r.Resolve(r)
		if len(codes) == 0 {
			d.Unresolved = append(d.Unresolved, r)
		}
		for _, c := range codes {
			seen[c] = true
		}
	}
	for _, u := range dc.p.r.units {
		if seen[u.Code] {
			d.Units = append(d.Units, u.Code)
		}
	}
	return nil
}

// isInformed reports whether the foot sends the text to a unit besides
// its addressees.
func (dc *doc) isInformed(c string) bool {
	if dc.informed == nil {
		dc.informed = map[string]bool{}
		for _, r := range dc.noiNhan {
			for _, x := range dc.p.r.Resolve(r) {
				dc.informed[x] = true
			}
		}
	}
	return dc.informed[c]
}
