package knowledge

import "regexp"

// courtesyLeads are the openings of a question that address the bot or
// the office and ask nothing: "Chào bạn,", "Kính gửi Văn phòng,", "Dạ,".
// Each ends at a mark, so "kính gửi ai?" (a question about the
// recipients) is not one.
var courtesyLeads = []*regexp.Regexp{
	regexp.MustCompile(`^(?:(?:xin |em |toi |minh )?chao|hello|hi|alo)\b[^,.:;!?]{0,40}[,.:;!]+\s*`),
	// "dạ" folds as "đã" does: only "dạ" alone (or "dạ vâng", "dạ thưa anh") before the mark.
	regexp.MustCompile(`^(?:da|vang|thua)(?: (?:da|vang|thua|em|a|anh|chi))*[,.:;!]+\s*`),
	regexp.MustCompile(`^(?:kinh gui|gui)\s+[^\s,.:;!?][^,.:;!?]{0,40}[,.;!]+\s*`),
}

// courtesyTails are the endings that thank or soften: ", cảm ơn bạn",
// "ạ", "nhé", "với".
var courtesyTails = []*regexp.Regexp{
	regexp.MustCompile(`[,.;!\s]+(?:(?:xin |em |toi )?cam on|thanks?|tks)(?: (?:ban|bot|anh|chi|nhieu|a|nhe))*[.!\s]*$`),
}

// stripCourtesy returns the offsets [i, j) of the folded question f
// between its courtesy opening and ending; the whole of f when there is
// none, or when nothing would be left.
func stripCourtesy(f string) (i, j int) {
	i, j = 0, len(f)
	for _, re := range courtesyLeads {
		if m := re.FindStringIndex(f); m != nil && m[1] < len(f) {
			i = m[1]
		}
	}
	for _, re := range courtesyTails {
		if m := re.FindStringIndex(f[i:]); m != nil && m[0] > 0 {
			j = i + m[0]
		}
	}
	return i, j
}
