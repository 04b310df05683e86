package knowledge

import (
	"chidao"
	"regexp"
	"slices"
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

// footLines returns the lines of the foot, a table row's cells as lines
// of their own and a cell's list entries as lines ("| Nơi nhận: - Như
// trên; - Lưu: VT. | KT. CHỦ TỊCH … |", as a web page gives the
// two-column signature block).
func (dc *doc) footLines() []line {
	if dc.foot != nil {
		return dc.foot
	}
	dc.foot = []line{}
	for _, l := range dc.lines[min(dc.footStart, len(dc.lines)):] {
		if !strings.Contains(l.text, "|") {
			dc.foot = append(dc.foot, l)
			continue
		}
		for _, cell := range strings.Split(l.text, "|") {
			cell = strings.TrimSpace(cell)
			if cell == "" || strings.Trim(cell, "-: ") == "" {
				continue
			}
			parts := []string{cell}
			if isNoiNhan(cell) {
				parts = strings.Split(cell, " - ")
			}
			for i, part := range parts {
				part = strings.TrimSpace(part)
				if part == "" {
					continue
				}
				if i > 0 {
					part = "- " + part
				}
				dc.foot = append(dc.foot, line{text: part, bullet: i > 0})
			}
		}
	}
	return dc.foot
}

// isNoiNhan reports whether a line opens the list of recipients at the
// foot of a directive ("Nơi nhận:"), as noiNhanRe matches it folded.
func isNoiNhan(s string) bool {
	s = strings.TrimLeft(s, "| ")
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
	return slices.Contains(signerTitles, strings.TrimSpace(f))
}

// signerTitleWords are the words, as written, a signer's title opens with:
// "TRƯỞNG TIỂU BAN", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC". With their marks: the
// surname Trương is no Trưởng.
var signerTitleWords = []string{"trưởng", "phó", "chủ", "giám", "bí", "chánh", "thứ", "bộ", "cục", "vụ", "tổ", "đội", "ủy", "uỷ", "tổng"}

// titleLike reports whether a line opens as a signer's title does.
func titleLike(s string) bool {
	w, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	return slices.Contains(signerTitleWords, strings.ToLower(w))
}

// parseSigner reads the signer from the footer: the signing authority,
// the title and the name on their own lines, or run together on one line
// as a web page or a table gives them (flatSigner).
func parseSigner(lines []line, from int) chidao.Signer {
	s := signerOnLines(lines, from)
	if s.Name == "" {
		if f, ok := flatSigner(lines, from); ok {
			return f
		}
	}
	return s
}

// flatNameRe is a person's name closing a line: two to five capitalised
// words ("… THỨ TRƯỞNG Nguyễn Thị Xuyên", "… Hoàng Việt Phương |").
var flatNameRe = regexp.MustCompile(`((?:\p{Lu}[\p{Ll}\p{M}]+\s+){1,4}\p{Lu}[\p{Ll}\p{M}]+)\s*\|?\s*$`)

// signerTitles are the titles a signer signs under, folded, longest
// first within each start.
var signerTitles = []string{"pho chu tich", "chu tich", "pho tong giam doc", "tong giam doc", "pho giam doc", "giam doc",
	"thu truong", "bo truong, chu nhiem", "bo truong", "pho chanh van phong", "chanh van phong", "pho truong phong",
	"truong phong", "pho truong ban", "truong ban", "pho bi thu", "bi thu", "chanh thanh tra", "chu nhiem", "cuc truong", "pho cuc truong",
	"vu truong", "pho vu truong", "thu tuong", "pho thu tuong"}

// flatSigner reads a signer whose authority, title and name stand on one
// line: "KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Thị Xuyên", "TM. ỦY BAN NHÂN DÂN
// KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hữu Tháp", a table's cell.
func flatSigner(lines []line, from int) (chidao.Signer, bool) {
	for k := len(lines) - 1; k >= from && k >= 0; k-- {
		t := lines[k].text
		if i := strings.LastIndex(t, "|"); i >= 0 && strings.TrimSpace(t[i+1:]) == "" {
			t = t[:i] // a table row's last "|"
		}
		if i := strings.LastIndex(t, "|"); i >= 0 {
			t = t[i+1:] // the signature's cell
		}
		m := flatNameRe.FindStringSubmatchIndex(t)
		if m == nil {
			continue
		}
		name := strings.TrimSpace(t[m[2]:m[3]])
		caps := strings.TrimSpace(t[:m[2]])
		if i := strings.LastIndex(caps, ". "); i >= 0 && !isUpper(caps[:i+1]) {
			caps = strings.TrimSpace(caps[i+1:]) // "- Lưu: VT, ĐMDN (2b). Trung Anh BỘ TRƯỞNG"
		}
		caps = strings.TrimSpace(strings.TrimLeft(caps, "- "))
		auth, title := splitTitle(upperTail(caps))
		if title == "" || !looksLikeName(name) {
			continue
		}
		return chidao.Signer{Name: name, Title: title, Authority: auth}, true
	}
	return chidao.Signer{}, false
}

// upperTail returns the words in capitals that end s.
func upperTail(s string) string {
	w := strings.Fields(s)
	i := len(w)
	for i > 0 && (isUpper(w[i-1]) || strings.Trim(w[i-1], "-–,&") == "") {
		i--
	}
	return strings.Join(w[i:], " ")
}

// splitTitle splits a signing authority and the title after it: "KT. BỘ
// TRƯỞNG THỨ TRƯỞNG" → "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"; the title is the
// last one the line holds, with the body it heads ("TL. BỘ TRƯỞNG VỤ
// TRƯỞNG VỤ KẾ HOẠCH - TÀI CHÍNH").
func splitTitle(caps string) (authority, title string) {
	f := Fold(caps)
	type span struct{ start, end int }
	var found []span
	for _, st := range signerTitles {
		i := strings.LastIndex(f, st)
		if i < 0 || i > 0 && f[i-1] != ' ' || i+len(st) < len(f) && f[i+len(st)] != ' ' && f[i+len(st)] != ',' {
			continue
		}
		found = append(found, span{i, i + len(st)})
	}
	best := -1
	for _, a := range found {
		inside := slices.ContainsFunc(found, func(b span) bool { return b != a && b.start <= a.start && a.end <= b.end })
		if !inside && a.start > best {
			best = a.start
		}
	}
	if best < 0 {
		return "", ""
	}
	cut := foldMapped(caps).at(best)
	return strings.TrimSpace(caps[:cut]), strings.TrimSpace(caps[cut:])
}

// signerOnLines reads the signer from the footer's own lines.
func signerOnLines(lines []line, from int) chidao.Signer {
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
		return !isSignerTitle(Fold(s)) && !titleLike(s) && !strings.Contains(Fold(s), "ubnd") && !strings.Contains(Fold(s), "uy ban")
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
	foot := dc.footLines()
	for i := range foot {
		if isNoiNhan(foot[i].text) {
			dc.hasNoiNhan = true
			dc.noiNhan = recipientLines(foot, i)
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
