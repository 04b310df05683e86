package knowledge

import (
	"regexp"
	"strings"

	"chidao"
)

// askedKind returns the kind of document a folded question names ("tờ
// trình của Sở … số mấy" → "Tờ trình"), the longest heading found, or "".
func askedKind(folded string) string {
	best := ""
	for _, k := range docKinds {
		if hasWord(folded, k.heading) && len(k.heading) > len(Fold(best)) {
			best = k.name
		}
	}
	return best
}

// citedNumberRe finds a cited document's kind and number in folded text:
// "tờ trình số 68/TTr-SDTTG", "Công văn số 847/UBND-VX1".
var citedNumberRe = regexp.MustCompile(`\b([a-z]+(?: [a-z]+)?) so (\d+[\w./\-– ]*?)(?:\s+ngay\b|[,;:)]|\s*$|\.\s)`)

// citedNumber answers "tờ trình … số mấy" when the kind asked is not the
// directive's own: the sentence of the text citing a document of that kind
// with its number, quoted; false when the text cites none.
func citedNumber(d *chidao.Directive, kind string) (string, bool) {
	heading := ""
	for _, k := range docKinds {
		if k.name == kind {
			heading = k.heading
		}
	}
	found := ""
	contextParagraphs(d, func(p string) bool {
		ff := foldMapped(p)
		for _, m := range citedNumberRe.FindAllStringSubmatchIndex(ff.text, -1) {
			if strings.HasSuffix(ff.text[m[2]:m[3]], heading) {
				from := strings.LastIndexAny(ff.text[:m[2]], ";.\n") + 1
				to := len(ff.text) // the clause: to its end, the date with it
				if k := strings.IndexAny(ff.text[m[3]:], ";\n"); k >= 0 {
					to = m[3] + k
				}
				if k := strings.Index(ff.text[m[3]:to], ". "); k >= 0 {
					to = m[3] + k
				}
				found = strings.TrimSpace(ff.quote(from, to))
				return false
			}
		}
		return true
	})
	return strings.TrimRight(found, " ,;:."), found != ""
}
