package knowledge

import (
	"strings"
	"unicode/utf8"
)

// The kinds of things a question asks, as bits of an intentSet, in the
// order their phrases are tried.
const (
	inSigner intentSet = 1 << iota
	inIssued
	inNumber
	inSubject
	inRecipients
	inIssuer
	inList
	inMine
	inDeadline
	inAssignee
	inDuty
	// inWhen is "vào thời gian nào": a time asked, a deadline or a period
	// alike; its words are no content to match.
	inWhen
)

// intentSet is a set of the things a question asks.
type intentSet uint16

// has reports whether s holds any of the intents in x.
func (s intentSet) has(x intentSet) bool { return s&x != 0 }

// intentPatterns are the phrases that say what a question asks, matched on
// its folded form between characters other than [a-z0-9]: one line per
// intent, in the order of the intents' bits, its phrases separated by "|".
// In a phrase, "(?:a|b)" offers words and a "?" after it makes them
// optional. Where several phrases match at one place the first listed wins,
// with optional words tried present first, as in a regular expression.
const intentPatterns = `ai ky|nguoi ky|ky boi|ai da ky|do ai ky|ai la nguoi ky|ky ten|ten nguoi ky|lanh dao nao ky
ngay ban hanh|ban hanh ngay|{kind}(?: nay)? (?:ngay nao|ngay bao nhieu|ngay may|ky ngay nao|ra ngay nao|ky ngay bao nhieu)|ky ngay bao nhieu|ban hanh khi nao|ban hanh luc nao|ban hanh bao gio|ky ngay nao|ky khi nao|ky luc nao|ky bao gio|ngay ky|ngay thang nam|ban hanh ngay nao|ra doi khi nao
so hieu|so (?:cong van|van ban|cv|vb|thong bao|tb|quyet dinh|qd|chi thi|nghi quyet|cong dien|giay moi|huong dan)|{kind}(?: nay)? so (?:may|bao nhieu|gi|nao)|so va ky hieu|so van ban|so ky hieu|ky hieu van ban|so may|so bao nhieu|van ban so may|cong van so may
trich yeu|ve viec gi|noi dung chinh|noi ve (?:gi|viec gi|van de gi|cai gi)|ve van de gi|van ban (?:nay )?(?:la )?(?:ve )?gi|cong van (?:nay )?(?:la )?(?:ve )?gi|chu de
gui cho ai|gui ai|gui toi (?:nhung )?(?:noi|don vi|co quan) nao|gui toi ai|gui toi nhung ai|gui den nhung noi nao|gui nhung noi nao|nhung noi nao nhan|noi nao nhan|gui den ai|gui nhung ai|gui cho nhung ai|noi nhan|kinh gui|don vi nao nhan|ai nhan|gui cho don vi nao|gui den don vi nao|gui nhung don vi nao|gui cho nhung don vi nao
co quan nao ban hanh|ai ban hanh|ai ra {kind}|{kind}(?: nay)? do ai ra|{kind}(?: nay)? do (?:co quan|don vi) nao ra|don vi ban hanh|ban hanh boi|cua co quan nao|cua ai ban hanh|{kind} nay (?:la )?cua (?:ai|co quan nao|don vi nao|xa nao|phuong nao|huyen nao|tinh nao)|{kind} (?:la )?cua ai|nay (?:la )?cua (?:xa|phuong|huyen|tinh|co quan|don vi) nao|do (?:ai|co quan nao|don vi nao) ban hanh
co nhung nhiem vu nao|co bao nhieu nhiem vu|gom nhung nhiem vu|cac nhiem vu|tom tat|tom luoc|liet ke|danh sach nhiem vu|nhung viec gi|nhung nhiem vu nao|gom nhung gi|gom nhung noi dung|bao nhieu nhiem vu|co may nhiem vu|tat ca nhiem vu|toan bo nhiem vu
don vi (?:cua )?(?:toi|minh|chung toi|em)|co quan (?:cua )?(?:toi|minh|chung toi)|phong (?:cua )?(?:toi|minh|chung toi)|xa (?:cua )?(?:toi|minh|chung toi)|ben (?:toi|minh)|chung toi|toi (?:phai|can|duoc giao|co nhiem vu)|minh phai
khi nao (?:phai |thi |moi )?(?:xong|hoan thanh)|bao gio (?:phai |thi )?(?:xong|hoan thanh)|xong (?:khi nao|bao gio|truoc ngay nao|vao ngay nao)|hoan thanh (?:khi nao|bao gio|vao ngay nao)|han chot|thoi han|han|khi nao|bao gio|ngay nao|ngay may|hom nao|luc nao|thoi gian hoan thanh|deadline|may gio|truoc ngay nao|den ngay nao|trong bao lau|hoan thanh truoc|nop truoc|cham nhat
ai|don vi nao|co quan nao|phong nao|giao cho ai|ai phu trach|ai chu tri|ai thuc hien|ai lam|ai chiu trach nhiem|trach nhiem cua ai|thuoc ve ai
duoc giao (?:nhung |cac )?(?:viec|nhiem vu|cong viec)(?: gi| nao)?|duoc giao lam gi|duoc giao gi|duoc giao|duoc de nghi (?:lam gi|gi)|duoc de nghi|duoc yeu cau (?:lam gi|gi)|duoc yeu cau|duoc phan cong (?:lam gi|gi)|duoc phan cong|co (?:nhung )?nhiem vu (?:gi|nao)|co nhiem vu|co trach nhiem gi|chiu trach nhiem (?:nhung )?(?:viec )?gi|giao cho|nhiem vu cua|trach nhiem cua|(?:can|phai|se) lam (?:nhung )?(?:viec )?gi|lam (?:nhung )?(?:viec )?gi|phu trach (?:nhung )?(?:viec )?gi
(?:vao |trong )?thoi gian nao|(?:vao |trong )?thoi diem nao`

// kindWords stands for "{kind}" in intentPatterns: the words naming a
// kind of document, as the office types them ("công văn", "cv", "văn bản").
func kindWords() string {
	w := []string{"van ban"}
	for _, k := range docKinds {
		w = append(w, k.heading)
		w = append(w, k.short...)
	}
	return "(?:" + strings.Join(w, "|") + ")"
}

// intentLines returns the lines of intentPatterns, "{kind}" written out.
func intentLines() []string {
	return strings.Split(strings.ReplaceAll(intentPatterns, "{kind}", kindWords()), "\n")
}

// intentPhrase is one phrase of intentPatterns, expanded.
type intentPhrase struct {
	text   string
	intent intentSet
}

// intentTable holds the phrases of intentPatterns by their first word, each
// list in the order the phrases are tried.
type intentTable map[string][]intentPhrase

// newIntentTable expands intentPatterns.
func newIntentTable() intentTable {
	t := intentTable{}
	for i, line := range intentLines() {
		for _, alt := range splitTop(line) {
			for _, p := range expandPhrase(alt) {
				first, _, _ := strings.Cut(p, " ")
				t[first] = append(t[first], intentPhrase{text: p, intent: 1 << i})
			}
		}
	}
	return t
}

// splitTop splits a pattern at the "|" outside parentheses.
func splitTop(s string) []string {
	var out []string
	depth, from := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
		case '|':
			if depth == 0 {
				out = append(out, s[from:i])
				from = i + 1
			}
		}
	}
	return append(out, s[from:])
}

// expandPhrase returns the phrases a pattern stands for, in the order a
// regular expression tries them.
func expandPhrase(p string) []string {
	i := strings.Index(p, "(?:")
	if i < 0 {
		return []string{p}
	}
	j := i + strings.IndexByte(p[i:], ')')
	choices := strings.Split(p[i+3:j], "|")
	rest := p[j+1:]
	if strings.HasPrefix(rest, "?") {
		choices = append(choices, "")
		rest = rest[1:]
	}
	var out []string
	for _, c := range choices {
		for _, tail := range expandPhrase(rest) {
			out = append(out, p[:i]+c+tail)
		}
	}
	return out
}

// match returns the first phrase starting at q in f and ending before a
// character other than [a-z0-9] or at the end.
func (t intentTable) match(f string, q int) (intentPhrase, bool) {
	e := q
	for e < len(f) && isAlnumByte(f[e]) {
		e++
	}
	if e == q {
		return intentPhrase{}, false
	}
	for _, p := range t[f[q:e]] {
		end := q + len(p.text)
		if strings.HasPrefix(f[q:], p.text) && (end == len(f) || !isAlnumByte(f[end])) {
			return p, true
		}
	}
	return intentPhrase{}, false
}

// next finds the first phrase at or after pos as the pattern
// (?:^|[^a-z0-9])(?:phrases)(?:[^a-z0-9]|$) finds it in f[pos:]: a phrase
// at pos, or after a character other than [a-z0-9]. It returns the
// phrase's start and where the match starts and ends (the characters
// around the phrase included).
func (t intentTable) next(f string, pos int) (p intentPhrase, q, m0, m1 int, ok bool) {
	for a := pos; a < len(f); {
		_, size := utf8.DecodeRuneInString(f[a:])
		q = -1
		if a == pos {
			if p, ok = t.match(f, a); ok {
				q = a
			}
		}
		if q < 0 && !isAlnumByte(f[a]) {
			if p, ok = t.match(f, a+size); ok {
				q = a + size
			}
		}
		if q >= 0 {
			m1 = q + len(p.text)
			if m1 < len(f) {
				_, size := utf8.DecodeRuneInString(f[m1:])
				m1 += size
			}
			return p, q, a, m1, true
		}
		a += size
	}
	return intentPhrase{}, 0, 0, 0, false
}
