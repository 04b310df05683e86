package knowledge

import (
	"fmt"
	"hash/fnv"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"chidao"
)

// Parser turns directive files into chidao.Directive values, resolving
// recipients and assignees to the configured units.
type Parser struct {
	r *Resolver
}

// NewParser returns a parser resolving unit names against units.
func NewParser(units []chidao.Unit) *Parser {
	return &Parser{r: NewResolver(units)}
}

// Resolver returns the parser's unit resolver.
func (p *Parser) Resolver() *Resolver { return p.r }

// Parse reads a directive file (see Extract) and parses it (see ParseText).
func (p *Parser) Parse(name string, data []byte) (d *chidao.Directive, err error) {
	defer recovered(&err, "parse "+name)
	text, err := Extract(name, data)
	if err != nil {
		return nil, err
	}
	return p.parseText(name, text, true)
}

var (
	numberRe = regexp.MustCompile(`^(?:Số|SỐ|số)\s*[:.]?\s*(.*)$`)
	// numberBareRe is numberRe typed without diacritics ("So: 1920/UBND"):
	// a colon, a full stop or a digit must follow, "Sở Y tế" being no number.
	numberBareRe = regexp.MustCompile(`^(?:So|SO|so)\s*(?:[:.]\s*|\s(\d))(.*)$`)
	numberValRe  = regexp.MustCompile(`^(\d*)\s*/\s*([\p{L}\d&.\-/]*)`)
	dateLineRe   = regexp.MustCompile(`^(?:([^,]{1,60}),\s*)?ngay\s*(\d{1,2})?[\s.…_]*thang\s*(\d{1,2})?[\s.…_]*nam\s*(\d{4})`)
	// dateSlashLineRe is the date line written in figures, alone on its
	// line: "Văn Quan, ngày 28/11/2024" ("Ngày 15/10/2024, đồng chí …"
	// opens the body).
	dateSlashLineRe = regexp.MustCompile(`^(?:([^,]{1,60}),\s*)?ngay\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*\.?$`)
	vvRe            = regexp.MustCompile(`^(?:v/v|v\.v|ve viec)\b\s*[:.]?\s*`)
	// "Kính gửi:", and the "… điện:" a công điện is addressed with
	// ("CHỦ TỊCH UBND HUYỆN điện:").
	kinhGuiRe   = regexp.MustCompile(`^(?:kinh gui\s*:?|(?:(?:pho )?chu tich\s+)?(?:ubnd|uy ban nhan dan)\b[^:]{0,40}\sdien\s*:)\s*`)
	noiNhanRe   = regexp.MustCompile(`^noi nhan\s*:?\s*`)
	authorityRe = regexp.MustCompile(`^(?:KT|TM|TL|TUQ|Q|QUYỀN)\s*\.\s*\S|^(?:KT|TM|TL|TUQ)\s+\p{Lu}`)
	// The markers of numbered items; the item's text follows the match.
	dieuRe  = regexp.MustCompile(`^(?:Điều|ĐIỀU)\s+(\d{1,3})\s*[.:]?\s*`)
	romanRe = regexp.MustCompile(`^([IVX]{1,5})\s*(?:[.)]\s*|[-–/]\s+(\p{Lu}))`)
	// "A. MỤC ĐÍCH, YÊU CẦU", "B. NỘI DUNG": a part above the Roman
	// sections, its heading in capitals.
	partRe   = regexp.MustCompile(`^([A-H])\s*[.)]\s+(\p{Lu})`)
	dottedRe = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2})+)\.?\s+`)
	// "1.", "1)", "1/ " and "3- " open an item ("3 - 5 ngày" does not).
	arabicRe    = regexp.MustCompile(`^(\d{1,2})(?:\s*(?:[.)]\s+|[.)]$|[.)]([^\d\s.)])|/\s+)|-\s+([^\d\s]))`)
	letterRe    = regexp.MustCompile(`^([a-zđ])\s*(?:\)\s*|\.\s+|/\s+)`)
	plainNoteRe = regexp.MustCompile(`^(\d{1,2})\s+(\p{Lu}.{15,})$`)
	markNoteRe  = regexp.MustCompile(`^` + fnOpen + `(\w{1,6})` + fnClose + `\s*:?\s*(.+)$`)
	noteWordsRe = regexp.MustCompile(`^(?:tai|theo|kem theo|quyet dinh|ke hoach|cong van|thong bao|nghi quyet|nghi dinh|thong tu|chi thi|van ban|luat|bao cao|huong dan|so lieu|trong do|gom)\b`)
	// A document's number: "227/TB-UBND", "12/2024/QĐ-UBND"; its code has
	// two letters at least ("1/ P.NV" numbers an item).
	refRe     = anchored(`\b(\d{1,5})\s*/\s*((?:\d{4}\s*/\s*)?\p{Lu}[\p{L}\d&]+(?:\s?-\s?[\p{Lu}\d][\p{L}\d&]*)*)`)
	closingRe = regexp.MustCompile(`^(?:tren day|trong qua trinh|qua trinh thuc hien|nhan duoc|yeu cau cac|de nghi cac co quan|(?:ubnd|uy ban nhan dan|chu tich ubnd|chu tich uy ban nhan dan|van phong hdnd(?: va| -)? ubnd|van phong hoi dong nhan dan)[^.]{0,80}\b(?:yeu cau|de nghi|thong bao|giao)\b[^.]{0,160}(?:nghiem tuc|thuc hien|trien khai|biet)|(?:ubnd|uy ban nhan dan)[^.]{0,60}\bthong bao de)`)
	// bodyOpenRe matches the folded start of a sentence of a directive's
	// body rather than a recipient's name.
	bodyOpenRe = regexp.MustCompile(`^(?:giao|de nghi|yeu cau|chu tich|ubnd huyen|uy ban nhan dan huyen|de |nham|ngay \d|hien nay|qua |sau khi|trong |tren co so|tiep tuc)\b`)
	preambleRe = regexp.MustCompile(`^(?:can cu|thuc hien|theo|xet|tiep nhan|tiep theo|nham|de trien khai|ngay \d)`)
	kindNumRe  = regexp.MustCompile(`/(KH|TB|QĐ|QD|CT|BC|TTr|HD|NQ|KL|CĐ|GM)\b`)
	nameWordRe = regexp.MustCompile(`^\p{Lu}[\p{Ll}\p{M}]*$`)
)

// directiveWords are words only a directive's tasks use, folded.
const directiveWords = "thuc hien|trien khai|bao cao|giao|chu tri|phoi hop|ubnd|uy ban|don vi|ke hoach|nhiem vu|truoc ngay|cham nhat|tham muu|co quan"

// kinds maps the folded heading of a document type to its name.
func kindOfHeading(folded string) string {
	switch folded {
	case "ke hoach":
		return "Kế hoạch"
	case "thong bao":
		return "Thông báo"
	case "quyet dinh":
		return "Quyết định"
	case "chi thi":
		return "Chỉ thị"
	case "bao cao":
		return "Báo cáo"
	case "to trinh":
		return "Tờ trình"
	case "cong van":
		return "Công văn"
	case "huong dan":
		return "Hướng dẫn"
	case "nghi quyet":
		return "Nghị quyết"
	case "ket luan":
		return "Kết luận"
	case "giay moi":
		return "Giấy mời"
	case "cong dien":
		return "Công điện"
	}
	return ""
}

func kindOfNumber(code string) string {
	switch code {
	case "KH":
		return "Kế hoạch"
	case "TB":
		return "Thông báo"
	case "QĐ", "QD":
		return "Quyết định"
	case "CT":
		return "Chỉ thị"
	case "BC":
		return "Báo cáo"
	case "TTr":
		return "Tờ trình"
	case "HD":
		return "Hướng dẫn"
	case "NQ":
		return "Nghị quyết"
	case "KL":
		return "Kết luận"
	case "CĐ":
		return "Công điện"
	case "GM":
		return "Giấy mời"
	}
	return ""
}

// node is a numbered item while the tree is built.
type node struct {
	rank     int // -1 part (A.), 0 Điều, 1 roman, 2 arabic, 3 dotted, 4 letter
	label    string
	id       string
	paras    []string
	parent   *node
	children []*node

	// What the node's first paragraph says, worked out once for all the
	// tasks under it (see ParseText).
	members  bool      // paras after the first list the members of a team (foldMembers)
	order    int       // the node's place in the text, among all the nodes
	sharedDL *deadline // a deadline the text gives every task with none (bodyTasks)
	head     string    // heading(); "" until worked out
	purpose  int8      // whether its heading is a plan's purpose: 0 not worked out, 1 yes, -1 no
	section  string    // sectionPath(); "" until worked out
	dl       *deadline
	assign   *assignment
}

func (n *node) text() string { return strings.Join(n.paras, "\n") }

// maxHeading is the longest section heading kept whole, in bytes: every task
// under a heading repeats it, so a heading that is a whole long paragraph
// is cut.
const maxHeading = 400

// heading returns the node as a section heading: "II. NHIỆM VỤ CỤ THỂ".
func (n *node) heading() string {
	if n.head != "" {
		return n.head
	}
	t := strings.TrimSpace(stripMarks(n.paras[0]))
	if len(t) > maxHeading {
		cut := strings.LastIndexByte(t[:maxHeading], ' ')
		if cut < maxHeading/2 {
			cut = maxHeading
			for !utf8.RuneStart(t[cut]) {
				cut--
			}
		}
		t = strings.TrimRight(t[:cut], " ,;:") + "…"
	}
	switch n.rank {
	case 0:
		n.head = "Điều " + n.label + ". " + t
	case 4:
		n.head = n.label + ") " + t
	default:
		n.head = n.label + ". " + t
	}
	return n.head
}

// sectionPath returns the headings from the root down to the node, as the
// Section of the tasks under it: "II. NHIỆM VỤ CỤ THỂ / 1. Về hạ tầng số".
// Tasks under one heading share the string.
func (n *node) sectionPath() string {
	if n.section == "" {
		n.section = n.heading()
		if n.parent != nil {
			n.section = n.parent.sectionPath() + " / " + n.section
		}
	}
	return n.section
}

// headDeadline returns what the node's first paragraph says about when
// the tasks under it fall due.
func (n *node) headDeadline(c dateContext) deadline {
	if n.dl == nil {
		dl := findDeadline(stripMarks(n.paras[0]), c)
		n.dl = &dl
	}
	return *n.dl
}

// headAssignees returns whom the node's first paragraph gives the tasks
// under it to.
func (n *node) headAssignees(r *Resolver) assignment {
	if n.assign == nil {
		a := r.headingAssignees(stripMarks(n.paras[0]))
		n.assign = &a
	}
	return *n.assign
}

// assessmentRe matches the folded heading of a section that assesses what
// was done rather than giving tasks: "Đánh giá chung", "Kết quả đạt
// được", "Tình hình …", "Ưu điểm", "Hạn chế, tồn tại". In capitals a
// heading opening with "ĐÁNH GIÁ" or "KẾT QUẢ" will do (assessmentUpperRe):
// in a sentence's case those open tasks too ("Đánh giá, xếp loại …").
var (
	assessmentRe      = regexp.MustCompile(`^(?:ve\s+)?(?:danh gia (?:chung|ket qua|tinh hinh)|(?:mot so |nhung )?ket qua (?:dat duoc|thuc hien|trien khai)|tinh hinh|thuc trang|boi canh|uu diem|han che|ton tai|khuyet diem|nguyen nhan|kiem diem)\b`)
	assessmentUpperRe = regexp.MustCompile(`^(?:ve\s+)?(?:danh gia|(?:mot so |nhung )?ket qua)\b`)
	// taskHeadingRe finds words that make a heading open tasks even when
	// it opens as an assessment: "TÌNH HÌNH VÀ NHIỆM VỤ …".
	taskHeadingRe = regexp.MustCompile(`\b(?:nhiem vu|giai phap|phuong huong|de xuat|kien nghi|to chuc thuc hien)\b`)
)

// assessed reports whether a node stands in a section assessing what was
// done: under a top-level heading (assessmentRe) alone on its line or
// before a colon, whose items are context rather than tasks.
func assessed(n *node) bool {
	for n.parent != nil {
		n = n.parent
	}
	if n.rank == 0 || len(n.paras) == 0 {
		return false
	}
	h := strings.TrimSpace(stripMarks(n.paras[0]))
	if k := strings.IndexByte(h, ':'); k > 0 && k < 60 {
		h = h[:k] // "Đánh giá chung: Trong tháng 8, …"
	} else if head, ok := runInHeading(h); ok {
		h = head // "Đánh giá chung Trong 5 tháng đầu năm, …"
	} else if len(n.paras) < 2 && len(n.children) == 0 {
		return false
	}
	if len(h) > 120 {
		return false
	}
	f := strings.TrimRight(Fold(h), " .:")
	// "KẾT QUẢ THỰC HIỆN NHIỆM VỤ …" assesses the tasks done; "… VÀ
	// NHIỆM VỤ …" also gives new ones.
	rest := strings.Replace(strings.Replace(f, "thuc hien cac nhiem vu", "", 1), "thuc hien nhiem vu", "", 1)
	if len(strings.Fields(f)) > 12 || taskHeadingRe.MatchString(rest) {
		return false
	}
	return assessmentRe.MatchString(f) || isUpper(h) && assessmentUpperRe.MatchString(f)
}

// runInHeading returns the assessment heading a paragraph opens with when
// the text after it was run into it, as a .txt file's lines are: "Đánh giá
// chung Trong 5 tháng đầu năm 2025, …" (a capital after the heading).
func runInHeading(p string) (string, bool) {
	words := strings.Fields(headBytes(p, 80))
	for k := 2; k <= 5 && k < len(words); k++ {
		r, _ := utf8.DecodeRuneInString(words[k])
		if !unicode.IsUpper(r) {
			continue
		}
		head := strings.Join(words[:k], " ")
		if f := Fold(head); assessmentRe.FindString(f) == f {
			return head, true
		}
	}
	return "", false
}

// purposeRe matches the folded heading of a plan's purpose or targets:
// "MỤC ĐÍCH, YÊU CẦU", "Mục đích", "Yêu cầu", "MỤC TIÊU", "CHỈ TIÊU".
var purposeRe = regexp.MustCompile(`^(?:muc dich|yeu cau|muc tieu|chi tieu)(?:\s*(?:,|va)\s*(?:muc dich|yeu cau|muc tieu|chi tieu))?(?:\s+(?:chung|cu the|chu yeu))?\s*[.:]?$`)

// purpose reports whether a node stands under a plan's purpose heading:
// what it says is what the plan aims at, no unit's task.
func purpose(n *node) bool {
	for a := n; a != nil; a = a.parent {
		if a.purpose == 0 {
			a.purpose = -1
			if h := strings.TrimSpace(stripMarks(a.paras[0])); len(h) <= 40 && purposeRe.MatchString(Fold(h)) {
				a.purpose = 1
			}
		}
		if a.purpose > 0 {
			return true
		}
	}
	return false
}

// fundingRe matches the folded heading of a section saying where the money
// comes from: "KINH PHÍ THỰC HIỆN", "Nguồn kinh phí", "Dự toán kinh phí".
var fundingRe = regexp.MustCompile(`^(?:ve\s+)?(?:nguon\s+|du toan\s+)?kinh phi(?:\s+(?:thuc hien|hoat dong|dam bao|to chuc))?(?:\s+(?:ke hoach|chuong trinh|de an))?\s*[.:]?$`)

// funding reports whether a leaf stands in a section saying where the
// money comes from ("III. KINH PHÍ THỰC HIỆN") and gives no unit a task:
// what it says is no one's to do. "Giao Phòng Tài chính - Kế hoạch bố trí
// kinh phí" under such a heading is a task.
func (p *Parser) funding(n *node) bool {
	for a := n; a != nil; a = a.parent {
		h := strings.TrimSpace(stripMarks(a.paras[0]))
		if len(h) > 80 || !fundingRe.MatchString(Fold(h)) {
			continue
		}
		text := n.paras
		if n == a {
			text = text[1:]
		}
		for _, t := range text {
			if as := p.r.findAssignees(foldMapped(stripMarks(t))); len(as.codes) > 0 || as.all {
				return false
			}
		}
		return true
	}
	return false
}

// effectRe matches the folded text of an item saying only when the
// directive takes effect ("Quyết định này có hiệu lực kể từ ngày ký.") or
// what a decision itself does ("Ban hành kèm theo Quyết định này Kế hoạch
// …", "Phê duyệt …", "Thành lập …"): no unit's task.
var (
	effectRe = regexp.MustCompile(`^(?:quyet dinh|chi thi|ke hoach|nghi quyet|quy che|van ban) nay co hieu luc(?: thi hanh)? (?:ke )?tu ngay[^.;\n]*\.?$`)
	// actRe is the act of an article (Điều) of a decision.
	actRe = regexp.MustCompile(`^(?:ban hanh kem theo|phe duyet|thanh lap|kien toan|cong nhan|bai bo)\s[^;\n]*\.?$`)
)

// executorsRe finds the words of a decision's article naming who
// executes it: "… chịu trách nhiệm thi hành Quyết định này".
var executorsRe = regexp.MustCompile(`\b(?:chiu trach nhiem )?thi hanh (?:quyet dinh|nghi quyet|chi thi)\b`)

// memberRe matches the folded start of an item naming a member of a team:
// "Ông …", "Bà …", "Đồng chí …", "Trưởng đoàn: …", "Thành viên: …".
var memberRe = regexp.MustCompile(`^(?:(?:ong|ba|ong\s*\(ba\)|ong\s*/\s*ba|dong chi|d/c|dc)\s+\S|(?:(?:pho\s+)?truong (?:ban|doan|to|nhom)|(?:pho\s+)?to truong|to pho|thanh vien|thu ky|uy vien|(?:pho\s+)?chu tich hoi dong)\s*[:\-–])`)

// isMember reports whether a node is an item naming a member of a team
// with a person's name: "Bà Lương Thị Hạnh, Phó Chủ tịch UBND huyện -
// Trưởng đoàn;".
func isMember(n *node) bool {
	if len(n.children) > 0 || len(n.paras) != 1 || len(n.paras[0]) > 240 {
		return false
	}
	t := strings.TrimSpace(stripMarks(n.paras[0]))
	f := Fold(t)
	m := memberRe.FindStringIndex(f)
	if m == nil {
		return false
	}
	// The name: the capitalised words after the title, a person's and not
	// a title ("Đồng chí Trưởng phòng Nội vụ chỉ đạo …" is a task).
	rest := strings.TrimSpace(t[foldMapped(t).at(m[1]-1):])
	rest = strings.TrimLeft(rest, ":-– ")
	w := strings.Fields(rest)
	if len(w) < 2 || !nameWordRe.MatchString(strings.Trim(w[0], ",;.")) || !nameWordRe.MatchString(strings.Trim(w[1], ",;.")) {
		return false
	}
	// With its marks: "Chu" is a family name, "Chủ" opens "Chủ tịch".
	switch strings.ToLower(w[0]) {
	case "phó", "chủ", "trưởng", "chánh", "giám", "thủ", "chuyên", "cán", "bí", "ủy", "uỷ", "đội", "tổ", "chi", "lãnh", "người", "công", "viên":
		return false
	}
	return true
}

// foldMembers puts the items listing the members of a team back into the
// item above them, as its lines ("1. Bà …"), and returns the nodes left.
// Every item under it must name a member.
func foldMembers(all []*node) []*node {
	var folded map[*node]bool
	for _, n := range all {
		if len(n.children) < 2 || !slices.ContainsFunc(n.children, isMember) {
			continue
		}
		members := true
		for _, c := range n.children {
			if !isMember(c) {
				members = false
				break
			}
		}
		if !members {
			continue
		}
		if folded == nil {
			folded = map[*node]bool{}
		}
		for _, c := range n.children {
			n.paras = append(n.paras, c.label+". "+c.paras[0])
			folded[c] = true
		}
		n.children = nil
		n.members = true
	}
	if folded == nil {
		return all
	}
	return slices.DeleteFunc(all, func(n *node) bool { return folded[n] })
}

// header is what the top of a directive says.
type header struct {
	issuer     []string
	number     string
	place      string
	issued     chidao.Date
	issuedText string
	year       int
	kind       string
	subject    string
	recipients []string
	kinhGui    bool
}

// ParseText parses a directive's text into a Directive: its header (issuer,
// number, place and date, kind, subject, recipients), its numbered tasks
// with deadlines and assignees, footnotes, references and signer. A text
// with no numbered items but a directive's header is one task "1". A text
// with no structure of a directive at all gives ErrNotDirective.
func (p *Parser) ParseText(name, text string) (*chidao.Directive, error) {
	return p.parseText(name, text, false)
}

// parseText is ParseText of a text already normalised (Extract's) when
// normal is set.
func (p *Parser) parseText(name, text string, normal bool) (*chidao.Directive, error) {
	if len(text) > MaxFileSize {
		return nil, ErrTooLarge
	}
	if !normal {
		if !utf8.ValidString(text) {
			return nil, ErrEncoding
		}
		text = Normalize(text)
	}
	if strings.TrimSpace(text) == "" {
		return nil, ErrEmpty
	}
	lines := cleanLines(text)
	d := &chidao.Directive{Source: text, File: filepath.Base(name), Recipients: []string{}, Units: []string{},
		Unresolved: []string{}, References: []string{}, Tasks: []chidao.Task{}, Footnotes: []chidao.Footnote{}}
	if name == "" {
		d.File = ""
	}
	h, bodyStart := p.parseHeader(lines)
	footStart := findFooter(lines, bodyStart)

	// Footnote definitions, wherever they stand after the header.
	type note struct {
		mark, text string
		at         int
		plain      bool
	}
	var notes []note
	skip := map[int]bool{}
	var gluedAt map[string]int // glued footnote mark → first line citing it
	for i := bodyStart; i < len(lines); i++ {
		s := lines[i].text
		if s == "" {
			continue
		}
		if strings.HasPrefix(s, fnOpen) {
			if m := markNoteRe.FindStringSubmatch(s); m != nil {
				notes = append(notes, note{mark: m[1], text: strings.TrimSpace(stripMarks(m[2])), at: i})
				skip[i] = true
				continue
			}
		}
		if s[0] < '0' || s[0] > '9' || i == bodyStart || len(notes) >= 20 {
			continue
		}
		if m := plainNoteRe.FindStringSubmatch(s); m != nil {
			if gluedAt == nil {
				gluedAt = gluedMarks(lines, bodyStart)
			}
			if first, ok := gluedAt[m[1]]; ok && first < i || noteWordsRe.MatchString(Fold(m[2])) {
				notes = append(notes, note{mark: m[1], text: strings.TrimSpace(m[2]), at: i, plain: true})
				skip[i] = true
			}
		}
	}

	// The body: numbered items in a tree, and the paragraphs before them.
	var (
		intro    []string
		all      []*node
		stack    []*node
		cur      *node
		newPara  = true
		at       = map[*node]int{}
		introEnd = bodyStart
		open     []string  // the lines of the paragraph being read
		openIn   *[]string // the paragraphs it belongs to
	)
	// A paragraph's lines are joined once it ends: joining as it grows
	// would copy a long paragraph once per line.
	endPara := func() {
		if openIn != nil {
			*openIn = append(*openIn, strings.Join(open, " "))
		}
		open, openIn = open[:0], nil
	}
	// A list of tasks attached after the signature ("DANH MỤC NHIỆM VỤ …
	// (Kèm theo Quyết định số …)", "PHỤ LỤC") is read after the body, as
	// items of its own tree.
	apxStart := findAppendix(lines, footStart)
	apxFirst := -1 // index in all of the appendix's first item
	for i := bodyStart; i < len(lines); i++ {
		if i == footStart {
			if apxStart < 0 {
				break
			}
			endPara()
			i = apxStart
			stack, cur, newPara, apxFirst = nil, nil, true, len(all)
			// Until its first item, the appendix's words are its title.
			for i < len(lines) && (lines[i].text == "" || parseMarker(lines[i].text) == nil) {
				i++
			}
			if i == len(lines) {
				break
			}
		}
		if skip[i] {
			continue
		}
		l := lines[i]
		if l.text == "" {
			newPara = true
			continue
		}
		if c := l.text[0]; c == 'Q' || c == 'q' {
			if f := Fold(l.text); f == "quyet dinh:" || f == "quyet dinh" || f == "quyet nghi:" {
				continue
			}
		}
		if n := parseMarker(l.text); n != nil {
			endPara()
			for len(stack) > 0 && stack[len(stack)-1].rank >= n.rank {
				stack = stack[:len(stack)-1]
			}
			if len(stack) > 0 {
				n.parent = stack[len(stack)-1]
				n.parent.children = append(n.parent.children, n)
			}
			n.id = nodeID(n)
			stack = append(stack, n)
			all = append(all, n)
			at[n] = i
			cur = n
			open, openIn = append(open, n.paras[0]), &n.paras
			n.paras = n.paras[:0]
			newPara = l.hard
			continue
		}
		paras := &intro
		if cur != nil {
			paras = &cur.paras
		} else {
			introEnd = i + 1
		}
		if openIn == paras && !newPara && !l.bullet && !(len(open) > 0 && opensParagraph(open[len(open)-1], l.text, cur == nil)) {
			open = append(open, l.text)
		} else {
			endPara()
			open, openIn = append(open, l.text), paras
		}
		newPara = l.hard
	}
	endPara()
	_ = introEnd
	if apxFirst >= 0 && apxFirst < len(all) {
		// The appendix's numbers may repeat the body's ("Điều 1" and an
		// item "1."): then its IDs carry "PL.".
		ids := map[string]bool{}
		for _, n := range all[:apxFirst] {
			ids[n.id] = true
		}
		clash := false
		for _, n := range all[apxFirst:] {
			clash = clash || ids[n.id]
		}
		if clash {
			for _, n := range all[apxFirst:] {
				if n.parent == nil {
					n.id = "PL." + n.id
				} else {
					n.id = nodeID(n)
				}
			}
		}
	}

	// A list of the members of a team under an item ("1. Bà …, Trưởng
	// phòng … - Trưởng đoàn;") is what the item says, not tasks.
	all = foldMembers(all)

	// The closing paragraph after the last item is not part of it; the
	// paragraph naming who executes a decision is part of its last
	// article.
	var closing []string
	if len(all) > 0 {
		last := all[len(all)-1]
		for k := 1; k < len(last.paras); k++ {
			if isClosing(last.paras[k]) && !(last.rank == 0 && executorsRe.MatchString(Fold(last.paras[k]))) {
				closing = last.paras[k:]
				last.paras = last.paras[:k]
				break
			}
		}
	} else {
		for k := 0; k < len(intro); k++ {
			if isClosing(intro[k]) && (k > 0 || len(intro) > 1) {
				closing = intro[k:]
				intro = intro[:k]
				break
			}
		}
	}
	_ = closing

	// Recipients: "Kính gửi", else "Nơi nhận".
	recipients := h.recipients
	asDieu := "" // "Như Điều 3": the recipients are those Điều 3 names
	var noiNhan []string
	hasNoiNhan := false
	for i := footStart; i < len(lines); i++ {
		if isNoiNhan(lines[i].text) {
			hasNoiNhan = true
			noiNhan = recipientLines(lines, i)
			break
		}
	}
	if !h.kinhGui {
		for _, r := range noiNhan {
			f := Fold(r)
			if strings.HasPrefix(f, "nhu dieu") {
				asDieu = strings.TrimSpace(strings.TrimPrefix(f, "nhu dieu"))
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
		codes := p.r.Resolve(r)
		if len(codes) == 0 {
			d.Unresolved = append(d.Unresolved, r)
		}
		for _, c := range codes {
			seen[c] = true
		}
	}
	for _, u := range p.r.units {
		if seen[u.Code] {
			d.Units = append(d.Units, u.Code)
		}
	}

	d.Number = h.number
	d.Issuer = formatIssuer(h.issuer)
	d.Place = h.place
	d.Issued = h.issued
	d.IssuedText = h.issuedText
	d.Year = h.year
	d.Subject = h.subject
	d.Kind = h.kind
	if d.Kind == "" {
		if m := kindNumRe.FindStringSubmatch(d.Number); m != nil {
			d.Kind = kindOfNumber(m[1])
		} else if d.Subject != "" || d.Number != "" || h.kinhGui {
			d.Kind = "Công văn"
		}
	}
	d.Signer = parseSigner(lines, footStart)

	// The units the foot sends the text to besides its addressees.
	var informedCodes map[string]bool
	informed := func(c string) bool {
		if informedCodes == nil {
			informedCodes = map[string]bool{}
			for _, r := range noiNhan {
				for _, x := range p.r.Resolve(r) {
					informedCodes[x] = true
				}
			}
		}
		return informedCodes[c]
	}

	// Tasks: the leaves of the tree, or the body as one task.
	dates := dateContext{year: d.Year, issued: d.Issued}
	var toAll []int            // the tasks falling to every recipient
	var executors []int        // decision articles naming who executes it
	markOf := map[string]int{} // footnote mark → index of the first task citing it
	var leaves []*node
	for _, n := range all {
		if len(n.children) == 0 && !assessed(n) && !p.funding(n) {
			leaves = append(leaves, n)
		}
	}
	if len(leaves) == 0 {
		// Nothing but assessments: they are what the text says.
		for _, n := range all {
			if len(n.children) == 0 {
				leaves = append(leaves, n)
			}
		}
	}
	structured := h.number != "" || h.kinhGui || hasNoiNhan || h.subject != "" || h.kind != "" || d.Signer.Authority != "" || len(h.issuer) > 0
	if len(leaves) == 0 {
		if !structured {
			return nil, ErrNotDirective
		}
		body := intro
		if len(body) > 1 {
			k := 0
			for k < len(body)-1 && isPreamble(Fold(body[k])) {
				k++
			}
			body = body[k:]
		}
		if len(body) > 0 {
			leaves = p.bodyTasks(body, dates)
		}
	} else if !structured && !looksLikeTasks(leaves, text) {
		return nil, ErrNotDirective
	}
	// "Các nội dung trên hoàn thành trước ngày …" after the items: the
	// deadline of every item above it that gives none.
	shared := sharedDeadlines(all, dates)
	for k, n := range leaves {
		t := chidao.Task{ID: n.id}
		raw := n.text()
		for _, m := range marksIn(raw) {
			if _, ok := markOf[m]; !ok {
				markOf[m] = k
			}
		}
		t.Text = cleanTaskText(raw)
		if n.parent != nil {
			t.Section = n.parent.sectionPath()
		}
		ft := foldMapped(t.Text)
		dl := foldedDeadline(ft, dates)
		own := !dl.date.IsZero() || dl.recur != ""
		// "trong 05 ngày làm việc kể từ ngày nhận được": words, no date.
		relative := dl
		for a := n.parent; dl.date.IsZero() && dl.recur == "" && a != nil; a = a.parent {
			dl = a.headDeadline(dates)
		}
		if sd := shared.of(n); !own && sd.strong && dl.recur == "" && (dl.date.IsZero() || sd.dl.date.Before(dl.date)) {
			// "Các nhiệm vụ tại Điều 1 chưa ghi thời hạn …": earlier than
			// what the heading's period ("6 tháng cuối năm") implies.
			dl = sd.dl
		}
		if dl.date.IsZero() && dl.recur == "" {
			if n.sharedDL != nil {
				dl = *n.sharedDL
			} else {
				dl = shared.of(n).dl
			}
		}
		if !own && relative.text != "" && dl.date.IsZero() && dl.recur == "" {
			dl = relative
		}
		t.Deadline, t.DeadlineKind, t.DeadlineText, t.Recurrence, t.RecurDay = dl.date, dl.kind, dl.text, dl.recur, dl.recurDay
		if n.members {
			// The members of a team are not its assignees.
			ft = foldMapped(cleanTaskText(n.paras[0]))
		}
		as := p.r.findAssignees(ft)
		for a := n.parent; len(as.names) == 0 && a != nil; a = a.parent {
			as = a.headAssignees(p.r)
		}
		t.Assignees = as.names
		codes := as.codes
		// A team's founding with its members, and the clause saying when
		// the decision takes effect, are no unit's tasks.
		if len(as.names) == 0 && purpose(n) {
			// A plan's purpose is no unit's task.
		} else if as.all || len(as.names) == 0 && !n.members && !effectRe.MatchString(ft.text) && !(n.rank == 0 && actRe.MatchString(ft.text)) {
			codes = append(append([]string(nil), d.Units...), codes...)
			toAll = append(toAll, len(d.Tasks))
		} else if len(codes) > 0 || len(as.names) > 0 {
			// The recipients working with the unit in charge share its
			// task: "chủ trì, phối hợp với UBND xã Chu Túc"; so do they
			// when a body outside the units is in charge ("Đơn vị chủ
			// trì: Trung tâm Y tế huyện. Đơn vị phối hợp: …").
			for _, c := range p.r.partnerUnits(ft) {
				// "Như Điều 4": the recipients are known only later. A
				// partner sent the text for information ("Nơi nhận")
				// is one too.
				if slices.Contains(d.Units, c) || asDieu != "" || informed(c) {
					codes = append(codes, c)
				}
			}
		}
		t.AssigneeUnits = p.unitOrder(codes)
		if t.Assignees == nil {
			t.Assignees = []string{}
		}
		if n.rank == 0 && executorsRe.MatchString(ft.text) {
			executors = append(executors, len(d.Tasks))
		}
		d.Tasks = append(d.Tasks, t)
	}
	// Footnotes: to the task citing them; a plain note without a mark in
	// any task goes to the task it follows. A note goes to one task, even
	// where the numbering repeats an ID.
	for _, nt := range notes {
		k, ok := markOf[nt.mark]
		if !ok && nt.plain {
			k, ok = citeGlued(d, nt.mark)
		}
		if !ok {
			// The last leaf before the note; leaves are in line order.
			k = sort.Search(len(leaves), func(k int) bool { return at[leaves[k]] >= nt.at }) - 1
		}
		task := ""
		if k >= 0 {
			task = d.Tasks[k].ID
			d.Tasks[k].Footnotes = append(d.Tasks[k].Footnotes, nt.text)
		}
		d.Footnotes = append(d.Footnotes, chidao.Footnote{Mark: nt.mark, Text: nt.text, Task: task})
	}
	if asDieu != "" {
		p.recipientsOfArticle(d, asDieu, toAll)
	}
	remainingUnits(d)
	crossAssigned(d, toAll)
	// "Điều 3. Chánh Văn phòng …, Trưởng phòng … chịu trách nhiệm thi hành
	// Quyết định này" names who carries the decision out: a unit another
	// article gives a task has that task to do, not this one besides.
	if len(executors) > 0 {
		tasked := map[string]bool{}
		for k, t := range d.Tasks {
			if !slices.Contains(executors, k) {
				for _, c := range t.AssigneeUnits {
					tasked[c] = true
				}
			}
		}
		for _, k := range executors {
			d.Tasks[k].AssigneeUnits = slices.DeleteFunc(slices.Clone(d.Tasks[k].AssigneeUnits), func(c string) bool { return tasked[c] })
		}
	}
	d.References = references(text, d.Number)
	d.ID = directiveID(d, name, text)
	return d, nil
}

// crossRefRe finds a task giving its unit the tasks of other items by
// number: "thực hiện nhiệm vụ tại mục 2.1.b và 2.2", "chủ trì thực hiện
// nội dung tại điểm 1.1".
var crossRefRe = regexp.MustCompile(`\b(?:nhiem vu|noi dung|cong viec)\s+(?:tai|o|neu tai|quy dinh tai)\s+(?:muc|diem|tieu muc|khoan)\s+((?:\d{1,2}(?:\.(?:\d{1,2}|[a-z]))*)(?:\s*(?:,|va)\s*\d{1,2}(?:\.(?:\d{1,2}|[a-z]))*)*)`)

// crossAssigned gives the tasks other items name by number ("Phòng Văn
// hóa và Thông tin chủ trì thực hiện nhiệm vụ tại mục 1.1") to the units
// of the items naming them: instead of every recipient when they named no
// one (toAll), besides their own units otherwise.
func crossAssigned(d *chidao.Directive, toAll []int) {
	given := map[int][]string{}
	for k, t := range d.Tasks {
		if len(t.AssigneeUnits) == 0 || slices.Contains(toAll, k) || !strings.Contains(t.Text, " tại ") && !strings.Contains(t.Text, " tai ") {
			continue
		}
		for _, m := range crossRefRe.FindAllStringSubmatch(Fold(t.Text), 4) {
			for _, ref := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' }) {
				if ref == "va" {
					continue
				}
				j := -1
				for i, o := range d.Tasks {
					id := strings.ToLower(o.ID)
					if i != k && (id == ref || strings.HasSuffix(id, "."+ref)) {
						if j >= 0 {
							j = -2 // more than one: not clear which
							break
						}
						j = i
					}
				}
				if j >= 0 {
					given[j] = append(given[j], t.AssigneeUnits...)
				}
			}
		}
	}
	for j, units := range given {
		t := &d.Tasks[j]
		if slices.Contains(toAll, j) {
			t.AssigneeUnits = nil
		}
		seen := map[string]bool{}
		var out []string
		for _, u := range append(slices.Clone(t.AssigneeUnits), units...) {
			if !seen[u] {
				seen[u] = true
				out = append(out, u)
			}
		}
		t.AssigneeUnits = out
	}
}

// remainingRe finds, in a task's folded opening, the units "còn lại" of a
// group: "UBND các xã, thị trấn còn lại", "các đơn vị còn lại".
var remainingRe = regexp.MustCompile(`\b(?:xa|thi tran|don vi|co quan|phong|dia phuong)(?:,? (?:thi tran|xa))? con lai\b`)

// remainingUnits gives a task "UBND các xã, thị trấn còn lại …" only the
// units of the group no other task names among a part of it ("UBND các xã
// Tri Lễ, Hữu Lễ, Tân Đoàn" have their own task).
func remainingUnits(d *chidao.Directive) {
	for k := range d.Tasks {
		t := &d.Tasks[k]
		if len(t.AssigneeUnits) < 2 || !strings.Contains(t.Text, "còn lại") && !strings.Contains(t.Text, "con lai") ||
			!remainingRe.MatchString(Fold(headBytes(t.Text, 200))) {
			continue
		}
		group := t.AssigneeUnits
		named := map[string]bool{}
		for j, o := range d.Tasks {
			if j == k {
				continue
			}
			var in []string
			for _, c := range o.AssigneeUnits {
				if slices.Contains(group, c) {
					in = append(in, c)
				}
			}
			if len(in) > 0 && len(in) < len(group) {
				for _, c := range in {
					named[c] = true
				}
			}
		}
		if len(named) > 0 && len(named) < len(group) {
			t.AssigneeUnits = slices.DeleteFunc(slices.Clone(group), func(c string) bool { return named[c] })
		}
	}
}

// isPreamble reports whether a folded paragraph opening a body without
// numbered items says what the directive rests on or announces what
// follows rather than giving a task: "Căn cứ …", "Thực hiện Công văn số …,
// UBND huyện có ý kiến như sau:", "Chủ tịch UBND huyện có ý kiến chỉ đạo
// như sau:" ("Giao Phòng A thực hiện các nội dung sau:" gives one).
func isPreamble(f string) bool {
	t := strings.TrimRight(f, " ")
	announces := strings.HasSuffix(t, ":") || strings.Contains(t, "nhu sau")
	if preambleRe.MatchString(f) {
		return announces || strings.HasPrefix(f, "can cu")
	}
	return announces && (strings.HasSuffix(t, "sau:") || strings.HasSuffix(t, "sau day:")) && !instructionRe.MatchString(f) && len(t) < 400
}

// sharedRe matches the folded start of a paragraph giving a deadline to
// the items above it: "Các nội dung trên hoàn thành trước ngày …",
// "Thời gian hoàn thành các nhiệm vụ nêu trên: …".
var sharedRe = regexp.MustCompile(`^(?:(?:toan bo\s+)?(?:cac|nhung) (?:noi dung|nhiem vu|viec|cong viec|yeu cau|chi tieu)(?: neu)? tren|thoi (?:gian|han) (?:hoan thanh|thuc hien|bao cao)(?: (?:cac|nhung) (?:noi dung|nhiem vu|viec)(?: neu)? tren)?\s*:)`)

// sharedAboveRe finds the words naming the items above a paragraph near
// its start: "Các đơn vị hoàn thành các nội dung nêu trên trước ngày …".
var sharedAboveRe = regexp.MustCompile(`\b(?:cac|nhung) (?:noi dung|nhiem vu|viec|cong viec|yeu cau|chi tieu)(?: neu| noi)? tren\b`)

// sharedAt reports whether a folded paragraph after some items may give
// them a deadline: it opens with sharedRe, or names "the items above"
// (sharedAboveRe) within its first words; "Thời gian hoàn thành: …"
// without "trên" gives one when it closes the text (last).
func sharedAt(f string, last bool) bool {
	if m := sharedRe.FindStringIndex(f); m != nil && (last || strings.Contains(f[:m[1]], "tren")) {
		return true
	}
	head := f[:min(len(f), 100)]
	return strings.Contains(head, "tren") && sharedAboveRe.MatchString(head)
}

// sharedDL is a deadline a paragraph after some items gives them all.
type sharedDL struct {
	scope *node // the items' parent; nil for the whole text
	last  *node // the item the paragraph stands in
	under *node // when set, only the items under this article
	dl    deadline
	// strong: the paragraph gives the deadline to the items "not given
	// one" in so many words; it wins over a later date their heading
	// gives ("… 6 tháng cuối năm 2025").
	strong bool
}

// articleDeadlineRe matches the folded sentence of a decision's article
// giving the tasks of another article without a deadline one: "Các nhiệm
// vụ tại Điều 1 chưa ghi thời hạn cụ thể phải hoàn thành trước ngày …".
var articleDeadlineRe = regexp.MustCompile(`(?:^|\.\s+)((?:cac|nhung) (?:nhiem vu|noi dung|viec|cong viec)(?: (?:tai|o|neu tai|quy dinh tai|giao tai))? dieu (\d{1,2})\b[^.]{0,40}?\bchua (?:ghi|co|xac dinh|quy dinh|neu)(?: ro)? (?:thoi han|han|thoi gian)[^.]*\.?)`)

// articleDeadline reads an article giving another article's tasks a
// deadline (articleDeadlineRe). It returns the shared deadline and the
// article's first paragraph without that sentence.
func articleDeadline(all []*node, n *node, c dateContext) (sharedDL, string, bool) {
	para := n.paras[0]
	f := Fold(para)
	m := articleDeadlineRe.FindStringSubmatchIndex(f)
	if m == nil {
		return sharedDL{}, "", false
	}
	var target *node
	for _, a := range all {
		if a.rank == 0 && a.label == f[m[4]:m[5]] && a != n {
			target = a
		}
	}
	if target == nil {
		return sharedDL{}, "", false
	}
	sentence, rest := f[m[2]:m[3]], para
	if start, end, ok := foldedSpan(para, sentence); ok {
		rs := []rune(para)
		sentence = string(rs[start:end])
		rest = strings.TrimSpace(string(rs[:start]) + string(rs[end:]))
	}
	dl := findDeadline(sentence, c)
	if dl.date.IsZero() && dl.recur == "" {
		return sharedDL{}, "", false
	}
	return sharedDL{last: n, under: target, dl: dl, strong: true}, rest, true
}

// foldedSpan finds in s the runes whose folded form is sub, when the runes
// of s fold one to one; start and end are rune indexes.
func foldedSpan(s, sub string) (start, end int, ok bool) {
	fr := []rune(Fold(s))
	if len([]rune(s)) != len(fr) {
		return 0, 0, false
	}
	k := strings.Index(string(fr), sub)
	if k < 0 {
		return 0, 0, false
	}
	start = len([]rune(string(fr)[:k]))
	return start, start + len([]rune(sub)), true
}

// headBytes returns the first n bytes of s at most, cut at a rune's start.
func headBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// maxShared bounds the shared deadlines of a text: each leaf looks
// through them.
const maxShared = 16

// sharedList is the shared deadlines of a text.
type sharedList []sharedDL

// of returns the shared deadline of a leaf: of the nearest paragraph at or
// after it giving one to its scope.
func (l sharedList) of(n *node) sharedDL {
	for _, s := range l {
		if s.under != nil {
			for a := n; a != nil; a = a.parent {
				if a == s.under {
					return s
				}
			}
			continue
		}
		if n.order > s.last.order {
			continue
		}
		for a := n; a != nil; a = a.parent {
			if a.parent == s.scope {
				return s
			}
		}
	}
	return sharedDL{}
}

// sharedDeadlines finds the paragraphs after the first of an item that
// give a deadline to the items above (sharedRe), removes them from the
// item and returns them in text order. A paragraph "Thời gian hoàn
// thành: …" without "trên" gives it only when it closes the text.
func sharedDeadlines(all []*node, c dateContext) sharedList {
	var out sharedList
	for i, n := range all {
		n.order = i
		if n.rank == 0 && len(out) < maxShared {
			if sd, rest, ok := articleDeadline(all, n, c); ok {
				out = append(out, sd)
				n.paras[0], n.dl = rest, nil
			}
		}
		kept := n.paras[:1]
		for k := 1; k < len(n.paras); k++ {
			para := n.paras[k]
			if !strings.HasPrefix(para, "- ") && len(para) >= 20 && sharedAt(Fold(headBytes(para, 160)), i == len(all)-1 && k == len(n.paras)-1) {
				if dl := findDeadline(para, c); !dl.date.IsZero() || dl.recur != "" {
					// After the text's last item, the items above are
					// all of them.
					scope := n.parent
					if i == len(all)-1 {
						scope = nil
					}
					if len(out) < maxShared {
						out = append(out, sharedDL{scope: scope, last: n, dl: dl})
					}
					n.dl = nil
					continue
				}
			}
			kept = append(kept, para)
		}
		n.paras = kept
	}
	return out
}

// instructionRe matches the folded start of a paragraph giving a task to
// whoever it names next: "Giao Phòng …", "Đề nghị UBND các xã …".
var instructionRe = regexp.MustCompile(`^(?:giao|de nghi|yeu cau|phan cong|chi dao)(?:\s+cho)?\s+\S`)

// bodyTasks returns the tasks of a body written without numbered items:
// one task "1", or, when two paragraphs or more each give a task to
// another unit ("Giao Phòng A …, trước ngày …" then "Giao Phòng B …"),
// one task a paragraph ("1", "2", …), a paragraph giving none belonging
// to the task above it. A paragraph gives a task when it opens with the
// words giving it ("Giao", "Đề nghị", …) or with its subject and gives a
// deadline. A paragraph giving a deadline to the tasks above it
// (sharedRe) gives it to those with none.
func (p *Parser) bodyTasks(body []string, c dateContext) []*node {
	type para struct {
		text  string
		start bool // it gives a task of its own
		codes string
	}
	paras := make([]para, 0, len(body))
	starts := 0
	var shared deadline
	seen := map[string]bool{}
	for _, b := range body {
		f := foldMapped(cleanTaskText(b))
		if len(body) > 1 && sharedAt(f.text, false) {
			if dl := foldedDeadline(f, c); !dl.date.IsZero() || dl.recur != "" {
				shared = dl
				continue
			}
		}
		pa := para{text: b}
		if len(body) > 1 {
			as := p.r.findAssignees(f)
			if len(as.names) > 0 {
				first := strings.TrimLeft(f.text, " -+•*")
				dl := foldedDeadline(f, c)
				pa.start = instructionRe.MatchString(first) ||
					(!dl.date.IsZero() || dl.recur != "") && strings.HasPrefix(first, Fold(as.names[0]))
				pa.codes = strings.Join(as.codes, ",") + "|" + strings.Join(as.names, ",")
			}
		}
		if pa.start {
			starts++
			seen[pa.codes] = true
		}
		paras = append(paras, pa)
	}
	if starts < 2 || len(seen) < 2 {
		n := &node{rank: 2, label: "1", id: "1", sharedDL: &shared}
		for _, pa := range paras {
			n.paras = append(n.paras, pa.text)
		}
		if len(n.paras) == 0 {
			return nil
		}
		return []*node{n}
	}
	var out []*node
	for _, pa := range paras {
		if !pa.start && len(out) > 0 {
			last := out[len(out)-1]
			last.paras = append(last.paras, pa.text)
			continue
		}
		if !pa.start {
			continue // what stands before the first task
		}
		id := strconv.Itoa(len(out) + 1)
		out = append(out, &node{rank: 2, label: id, id: id, paras: []string{pa.text}, sharedDL: &shared})
	}
	return out
}

// opensParagraph reports whether a line read after prev in the same
// block opens a paragraph of its own: after a sentence's end, the closing
// of the directive ("Nhận được Công văn này, …") or a deadline shared by
// the items above (sharedRe); before any item (intro set), any sentence.
// In a text with one line a paragraph and no blank lines between, such a
// line would otherwise run on from the one above.
func opensParagraph(prev, l string, intro bool) bool {
	if !endsSentence(prev) || strings.HasSuffix(strings.TrimRight(prev, " *_”\"')"), ";") {
		return false
	}
	switch c := l[0]; {
	case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '+':
		return false
	}
	if intro {
		r, _ := utf8.DecodeRuneInString(l)
		return unicode.IsUpper(r)
	}
	f := Fold(l)
	return closingRe.MatchString(f) || sharedAt(f, false)
}

// recipientsOfArticle takes the recipients of a decision whose "Nơi nhận"
// says "Như Điều 3" from the units Điều 3 names, and gives tasks naming no
// unit to them.
func (p *Parser) recipientsOfArticle(d *chidao.Directive, id string, toAll []int) {
	t, ok := d.Task(id)
	if !ok || len(t.Assignees) == 0 {
		return
	}
	var codes []string
	for _, a := range t.Assignees {
		cs := p.r.Resolve(a)
		toks := canonTokens(a)
		switch {
		case len(cs) > 0:
			d.Recipients = append(d.Recipients, a)
			codes = append(codes, cs...)
		case len(toks) > 0 && orgAt(a, toks, 0):
			// A body outside the units ("Ban Chỉ huy Quân sự huyện").
			d.Recipients = append(d.Recipients, a)
			d.Unresolved = append(d.Unresolved, a)
		}
	}
	d.Units = p.unitOrder(append(append([]string{}, d.Units...), codes...))
	d.Unresolved = slices.DeleteFunc(d.Unresolved, func(s string) bool { return strings.HasPrefix(Fold(s), "nhu dieu") })
	for _, i := range toAll {
		if len(d.Tasks[i].Assignees) == 0 {
			d.Tasks[i].AssigneeUnits = d.Units
		} else {
			// "Thủ trưởng các cơ quan, đơn vị": every recipient.
			d.Tasks[i].AssigneeUnits = p.unitOrder(append(append([]string{}, d.Units...), d.Tasks[i].AssigneeUnits...))
		}
	}
}

// unitOrder returns codes once each, in configured order.
func (p *Parser) unitOrder(codes []string) []string {
	in := make([]bool, len(p.r.units))
	for _, c := range codes {
		if i, ok := p.r.byCode[c]; ok {
			in[i] = true
		}
	}
	out := []string{}
	for _, u := range p.r.units {
		if in[p.r.byCode[u.Code]] {
			out = append(out, u.Code)
		}
	}
	return out
}

// parseHeader reads the header and returns it with the index of the first
// line of the body.
func (p *Parser) parseHeader(lines []line) (header, int) {
	var h header
	i := 0
	for i < len(lines) {
		s := lines[i].text
		if s == "" {
			i++
			continue
		}
		if parseMarker(s) != nil {
			return h, i
		}
		f := Fold(s)
		switch {
		case h.number == "" && isNumberLine(s):
			v, _ := numberLine(s)
			if m := numberValRe.FindStringSubmatch(v); m != nil {
				v = m[1] + "/" + m[2]
			} else if fs := strings.Fields(v); len(fs) > 0 {
				v = fs[0]
			}
			h.number = strings.TrimRight(v, ".,;")
			i++
		case strings.HasPrefix(f, "cong hoa xa hoi") || strings.HasPrefix(f, "doc lap"):
			i++
		case h.year == 0 && isDateLine(f):
			ff := foldMapped(s)
			m := dateLineRe.FindStringSubmatchIndex(ff.text)
			if m == nil {
				m = dateSlashLineRe.FindStringSubmatchIndex(ff.text)
			}
			if m[2] >= 0 {
				h.place = ff.quote(m[2], m[3])
			}
			day, mon := -1, -1
			if m[4] >= 0 {
				day, _ = strconv.Atoi(ff.text[m[4]:m[5]])
			}
			if m[6] >= 0 {
				mon, _ = strconv.Atoi(ff.text[m[6]:m[7]])
			}
			h.year, _ = strconv.Atoi(ff.text[m[8]:m[9]])
			if day > 0 && mon > 0 {
				if d := (chidao.Date{Year: h.year, Month: time.Month(mon), Day: day}); d.Valid() {
					h.issued = d
				}
			}
			start := 0
			if m[2] >= 0 {
				start = m[3]
				for start < len(ff.text) && (ff.text[start] == ',' || ff.text[start] == ' ') {
					start++
				}
			}
			h.issuedText = strings.TrimRight(ff.quote(start, len(ff.text)), ".")
			i++
		case vvRe.MatchString(f) && h.subject == "":
			parts := []string{strings.TrimSpace(s[foldMapped(s).at(vvRe.FindStringIndex(f)[1]):])}
			j := i + 1
			for j < len(lines) && lines[j].text != "" && !headerLine(lines[j].text) {
				parts = append(parts, lines[j].text)
				j++
			}
			subj := strings.Join(parts, " ")
			if strings.HasPrefix(f, "ve viec") {
				h.subject = "Về việc " + subj
			} else {
				h.subject = "V/v " + subj
			}
			i = j
		case kinhGuiRe.MatchString(f):
			h.kinhGui = true
			rest := strings.TrimSpace(s[foldMapped(s).at(kinhGuiRe.FindStringIndex(f)[1]):])
			if rest != "" {
				for _, r := range strings.Split(rest, ";") {
					if r = trimRecipient(r); r != "" {
						h.recipients = append(h.recipients, r)
					}
				}
			}
			// The list ends with a full stop ("UBND các xã, thị trấn."),
			// or before a line that is a sentence of the body ("Đề nghị
			// các cơ quan, đơn vị …").
			closed := strings.HasSuffix(rest, ".")
			j := i + 1
			for j < len(lines) && !closed {
				t := lines[j].text
				if t == "" {
					j++
					continue
				}
				ft := Fold(t)
				if parseMarker(t) != nil || preambleRe.MatchString(ft) && !lines[j].bullet {
					break
				}
				short := utf8.RuneCountInString(t) < 120 && !strings.Contains(strings.TrimRight(t, "."), ". ")
				if lines[j].bullet || short && !bodyOpenRe.MatchString(ft) && (len(p.r.Resolve(t)) > 0 || strings.HasSuffix(t, ";") || strings.HasSuffix(t, ".") && len(h.recipients) == 0) {
					if r := trimRecipient(t); r != "" {
						h.recipients = append(h.recipients, r)
					}
					closed = strings.HasSuffix(t, ".")
					j++
					continue
				}
				break
			}
			return h, j
		case kindOfHeading(strings.TrimRight(f, ":")) != "" || (isUpper(s) && len(strings.Fields(f)) <= 8 && kindOfHeading(firstTwo(f)) != "" && h.kind == ""):
			if k := kindOfHeading(strings.TrimRight(f, ":")); k != "" && (isUpper(s) || h.kind == "") {
				h.kind = k
				i++
			} else if k := kindOfHeading(firstTwo(f)); k != "" && isUpper(s) {
				h.kind = k
				rest := strings.TrimSpace(s[foldMapped(s).at(len(firstTwo(f))):])
				if rest != "" {
					h.subject = sentenceCase(rest)
				}
				i++
			} else {
				return h, i
			}
			// The title: the next lines up to a blank line.
			j := i
			for j < len(lines) && lines[j].text == "" {
				j++
			}
			var parts []string
			if h.subject != "" {
				parts = append(parts, h.subject)
			}
			for j < len(lines) && lines[j].text != "" {
				t := lines[j].text
				ft := Fold(t)
				if headerLine(t) || preambleRe.MatchString(ft) || parseMarker(t) != nil || isUpper(t) && len(parts) > 0 {
					break
				}
				parts = append(parts, t)
				j++
			}
			if len(parts) > 0 {
				h.subject = strings.Join(parts, " ")
			}
			i = j
		case isUpper(s):
			if h.number == "" && h.kind == "" && h.year == 0 && h.subject == "" {
				h.issuer = append(h.issuer, s)
			}
			i++
		default:
			return h, i
		}
	}
	return h, i
}

// firstTwo returns the first two words of a folded line.
func firstTwo(f string) string {
	w := strings.Fields(f)
	if len(w) < 2 {
		return f
	}
	return w[0] + " " + w[1]
}

// isDateLine reports whether a folded line gives the place and date of
// issue: "Văn Quan, ngày 05 tháng 3 năm 2025", "Văn Quan, ngày 05/3/2025".
func isDateLine(f string) bool { return dateLineRe.MatchString(f) || dateSlashLineRe.MatchString(f) }

// numberLine returns what follows "Số:" on a line giving the directive's
// number, with or without diacritics ("So: 1920/UBND-NV"), and false when
// the line gives none.
func numberLine(s string) (string, bool) {
	if s == "" || s[0] != 'S' && s[0] != 's' {
		return "", false
	}
	if m := numberRe.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1]), true
	}
	if m := numberBareRe.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1] + m[2]), true
	}
	return "", false
}

// isNumberLine reports whether a line gives the directive's number.
func isNumberLine(s string) bool {
	_, ok := numberLine(s)
	return ok
}

// sentenceCase writes an upper-case title in sentence case.
func sentenceCase(s string) string {
	if !isUpper(s) {
		return s
	}
	r := []rune(strings.ToLower(s))
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// headerLine reports whether a line is one of the header's own lines.
func headerLine(s string) bool {
	f := Fold(s)
	return isNumberLine(s) || strings.HasPrefix(f, "cong hoa xa hoi") || strings.HasPrefix(f, "doc lap") ||
		isDateLine(f) || kinhGuiRe.MatchString(f) || vvRe.MatchString(f) || kindOfHeading(strings.TrimRight(f, ":")) != ""
}

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
	for j := i + 1; j < len(lines); j++ {
		t := lines[j].text
		if t == "" {
			continue
		}
		if !lines[j].bullet {
			break
		}
		if r := trimRecipient(t); r != "" {
			out = append(out, r)
		}
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

// appendixRe matches the folded line of an attachment saying what it is
// attached to: "(Kèm theo Quyết định số 1688/QĐ-UBND …)", "Ban hành kèm
// theo Kế hoạch số …".
var appendixRe = regexp.MustCompile(`^\(?\s*(?:ban hanh )?kem theo (?:quyet dinh|ke hoach|cong van|thong bao|chi thi|van ban|to trinh)\b`)

// findAppendix returns the first line after the signature of a list
// attached to the directive, or -1: the line after "(Kèm theo …)", or
// after a title in capitals opening with "PHỤ LỤC" or "DANH MỤC".
func findAppendix(lines []line, footStart int) int {
	for i := footStart + 1; i < len(lines); i++ {
		s := lines[i].text
		upper := isUpper(s)
		if s == "" || len(s) > 300 || !upper && !strings.Contains(s, "èm theo") && !strings.Contains(s, "em theo") {
			continue // folding every line of the foot costs
		}
		f := Fold(s)
		if appendixRe.MatchString(f) {
			return i + 1
		}
		if upper && (strings.HasPrefix(f, "phu luc") || strings.HasPrefix(f, "danh muc")) {
			return i + 1
		}
	}
	return -1
}

// isNoiNhan reports whether a line opens the list of recipients at the
// foot of a directive ("Nơi nhận:"), as noiNhanRe matches it folded.
func isNoiNhan(s string) bool {
	if s == "" || s[0] != 'N' && s[0] != 'n' {
		return false
	}
	// The words open the line: fold only its start.
	if len(s) > 32 {
		cut := 32
		for !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	return strings.HasPrefix(Fold(s), "noi nhan")
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

// parseMarker returns a node for a line opening a numbered item, or nil.
// Only the patterns the line's first character can open are tried.
func parseMarker(s string) *node {
	if s == "" {
		return nil
	}
	switch c := s[0]; {
	case c >= 'A' && c <= 'H':
		if m := markerAt(partRe, s); m != nil && len(s) <= 160 && isUpper(s[m[4]:]) {
			return &node{rank: -1, label: s[m[2]:m[3]], paras: []string{s[m[4]:]}}
		}
	case strings.HasPrefix(s, "Đ"):
		if m := markerAt(dieuRe, s); m != nil {
			return &node{rank: 0, label: s[m[2]:m[3]], paras: []string{s[m[1]:]}}
		}
	case c == 'I' || c == 'V' || c == 'X':
		if m := markerAt(romanRe, s); m != nil && romanValue(s[m[2]:m[3]]) > 0 {
			text := s[m[1]:]
			if m[4] >= 0 {
				text = s[m[4]:] // "II- NHIỆM VỤ"
			}
			return &node{rank: 1, label: s[m[2]:m[3]], paras: []string{text}}
		}
	case c >= '0' && c <= '9':
		if m := markerAt(dottedRe, s); m != nil {
			return &node{rank: 3, label: s[m[2]:m[3]], paras: []string{s[m[1]:]}}
		}
		if m := markerAt(arabicRe, s); m != nil {
			text := s[m[1]:]
			if m[4] >= 0 {
				// "1.Nâng cao": the first letter is part of the match.
				text = s[m[4]:]
			} else if m[6] >= 0 {
				text = s[m[6]:] // "3- UBND các xã"
			}
			return &node{rank: 2, label: s[m[2]:m[3]], paras: []string{text}}
		}
	}
	if c := s[0]; c >= 'a' && c <= 'z' || strings.HasPrefix(s, "đ") {
		if m := markerAt(letterRe, s); m != nil {
			return &node{rank: 4, label: s[m[2]:m[3]], paras: []string{s[m[1]:]}}
		}
	}
	return nil
}

// markerAt matches a marker pattern at the start of a line. It looks at the
// line's first bytes only, unless the marker reaches that far: Go's
// backtracker costs the length of its input, and a numbered line can be
// long.
func markerAt(re *regexp.Regexp, s string) []int {
	const head = 64
	if len(s) > head {
		if m := re.FindStringSubmatchIndex(s[:head]); m == nil || m[1] < head {
			return m
		}
	}
	return re.FindStringSubmatchIndex(s)
}

// nodeID returns an item's numbering path as written: "5", "II.1.a",
// "1.2" for a "1.2." item under "1.".
func nodeID(n *node) string {
	p := n.parent
	if n.rank == 3 && p != nil && p.rank == 2 && strings.HasPrefix(n.label, p.label+".") {
		p = p.parent
	}
	if p == nil {
		return n.label
	}
	return p.id + "." + n.label
}

// isClosing reports whether a paragraph closes the directive rather than
// continuing the last item.
//
// A paragraph giving a deadline is a task, however it ends or opens ("Đề
// nghị các cơ quan, đơn vị rà soát …, gửi … trước ngày 25/10/2025./.").
func isClosing(para string) bool {
	s := strings.TrimSpace(para)
	if !strings.HasSuffix(s, "/.") && !closingRe.MatchString(Fold(s)) {
		return false
	}
	if strings.ContainsAny(s, "0123456789") {
		if dl := findDeadline(s, dateContext{year: 2000}); !dl.date.IsZero() || dl.recur != "" && dl.recur != chidao.RecurOngoing {
			return false
		}
	}
	return true
}

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

// cleanTaskText removes footnote marks, the closing "./." and stray spaces.
func cleanTaskText(s string) string {
	s = stripMarks(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(collapseSpaces(l))
	}
	s = strings.TrimSpace(strings.Join(lines, "\n"))
	s = strings.TrimSuffix(s, "./.")
	s = strings.TrimSuffix(s, "/.")
	return strings.TrimSpace(s)
}

// looksLikeTasks reports whether numbered items without any header are a
// directive's tasks rather than a list of things.
func looksLikeTasks(leaves []*node, text string) bool {
	words := 0
	for _, n := range leaves {
		words += len(strings.Fields(n.text()))
	}
	if words/len(leaves) < 6 {
		return false
	}
	f := Fold(text)
	for rest := directiveWords; rest != ""; {
		var w string
		w, rest, _ = strings.Cut(rest, "|")
		if hasWord(f, w) {
			return true
		}
	}
	return false
}

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
