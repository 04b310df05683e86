package knowledge

import (
	"chidao"
	"fmt"
	"hash/fnv"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// A document's number: "227/TB-UBND", "12/2024/QĐ-UBND"; its code has
	// two letters at least ("1/ P.NV" numbers an item).
	refRe = anchored(`\b(\d{1,5})\s*/\s*((?:\d{4}\s*/\s*)?\p{Lu}[\p{L}\d&]+(?:\s?-\s?[\p{Lu}\d][\p{L}\d&]*)*)`)
)

// references returns the numbers of the documents a text cites, in order,
// without the directive's own.
func references(text, own string) []string {
	out := []string{}
	seen := map[string]bool{}
	ownKey := strings.ReplaceAll(own, " ", "")
	end := 0
	for p := 0; p < len(text); p++ {
		// A number starts a word and is followed by a slash.
		if !isDigitByte(text[p]) || p > 0 && isWordByte(text[p-1]) || p < end || !slashAfterDigits(text[p:]) {
			continue
		}
		m := matchHead(refRe, text[p:], 128)
		if m == nil {
			continue
		}
		end = p + m[1]
		ref := text[p+m[2]:p+m[3]] + "/" + strings.ReplaceAll(text[p+m[4]:p+m[5]], " ", "")
		if ref == ownKey || seen[ref] {
			continue
		}
		seen[ref] = true
		out = append(out, ref)
	}
	return out
}

// slashAfterDigits reports whether s opens with digits, maybe spaces and a
// slash, as a document number does ("227/TB-UBND").
func slashAfterDigits(s string) bool {
	i := 0
	for i < len(s) && isDigitByte(s[i]) {
		i++
	}
	for i < len(s) && strings.IndexByte(" \t\n\f\r", s[i]) >= 0 {
		i++
	}
	return i < len(s) && s[i] == '/'
}

// directiveID returns a short stable ID: the slug of the number and year,
// or of the file name when the number is blank, or a hash of the text.
func directiveID(d *chidao.Directive, name, text string) string {
	if strings.IndexFunc(d.Number, unicode.IsDigit) >= 0 {
		s := slug(d.Number)
		if d.Year > 0 {
			s += "-" + strconv.Itoa(d.Year)
		}
		return trimID(s)
	}
	if base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)); name != "" && slug(base) != "" {
		return trimID(slug(base))
	}
	h := fnv.New64a()
	h.Write([]byte(text))
	return fmt.Sprintf("vb-%016x", h.Sum64())
}

func trimID(s string) string {
	if len(s) > 40 {
		s = strings.TrimRight(s[:40], "-")
	}
	return s
}

// slug returns s folded to lower-case ASCII letters, digits and dashes.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range Fold(s) {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// formatIssuer writes the issuer's upper-case lines as a name: "ỦY BAN NHÂN
// DÂN / HUYỆN VĂN QUAN" → "UBND huyện Văn Quan".
func formatIssuer(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	src := lines
	if len(lines) > 1 {
		f := Fold(lines[0])
		if f != "uy ban nhan dan" && f != "hoi dong nhan dan" {
			src = lines[len(lines)-1:]
		}
	}
	s := strings.Join(src, " ")
	for _, r := range [][2]string{{"ỦY BAN NHÂN DÂN", "UBND"}, {"UỶ BAN NHÂN DÂN", "UBND"}, {"HỘI ĐỒNG NHÂN DÂN", "HĐND"}} {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	words := strings.Fields(s)
	place := false
	typeWord := false
	for i, w := range words {
		fw := Fold(w)
		switch {
		case w == "UBND" || w == "HĐND" || w == "MTTQ" || w == "VN":
			place = false
		case place:
			words[i] = capitalize(strings.ToLower(w))
		case i == 0 || typeWord:
			words[i] = capitalize(strings.ToLower(w))
		default:
			words[i] = strings.ToLower(w)
		}
		typeWord = fw == "so" || fw == "phong" || fw == "ban" || fw == "cuc" || (fw == "phong" && i > 0)
		if fw == "huyen" || fw == "tinh" || fw == "xa" || fw == "quan" || fw == "phuong" || fw == "tran" || fw == "pho" {
			place = true
		}
	}
	return strings.Join(words, " ")
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// finish lists the documents the text cites and gives the directive its ID.
func (dc *doc) finish() error {
	dc.d.References = references(dc.text, dc.d.Number)
	dc.d.ID = directiveID(dc.d, dc.name, dc.text)
	return nil
}
