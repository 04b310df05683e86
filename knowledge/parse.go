package knowledge

import (
	"chidao"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Parser turns directive files into chidao.Directive values, resolving
// recipients and assignees to the configured units.
type Parser struct {
	r *Resolver
}

// NewParser returns a parser resolving unit names against units.
func NewParser(units []chidao.Unit, groups ...chidao.Group) *Parser {
	return &Parser{r: NewResolver(units, groups...)}
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

// ParseText parses a directive's text into a Directive: its header (issuer,
// number, place and date, kind, subject, recipients), its numbered tasks
// with deadlines and assignees, footnotes, references and signer. A text
// with no numbered items but a directive's header is one task "1". A text
// with no structure of a directive at all gives ErrNotDirective.
func (p *Parser) ParseText(name, text string) (*chidao.Directive, error) {
	return p.parseText(name, text, false)
}

// parseText is ParseText of a text already normalised (Extract's) when
// normal is set: the stages below, in order, over one document.
func (p *Parser) parseText(name, text string, normal bool) (*chidao.Directive, error) {
	dc := &doc{p: p, name: name, text: text, normal: normal}
	for _, st := range parseStages {
		if err := st.run(dc); err != nil {
			return nil, err
		}
	}
	return dc.d, nil
}

// A parseStage is one step of reading a directive's text; each leaves
// what it found in the doc for those after it.
type parseStage struct {
	name string
	run  func(*doc) error
}

// parseStages are the parser's steps, in order.
var parseStages = []parseStage{
	{"normalise", (*doc).normalise},
	{"header rows", (*doc).unjoinHeader},
	{"header", (*doc).readHeader},
	{"source note", (*doc).readSourceNote},
	{"footnotes", (*doc).readNotes},
	{"tree", (*doc).readTree},
	{"closing", (*doc).splitClosing},
	{"recipients", (*doc).readRecipients},
	{"meta", (*doc).readMeta},
	{"leaves", (*doc).chooseLeaves},
	{"tasks", (*doc).readTasks},
	{"attach footnotes", (*doc).attachNotes},
	{"passes", (*doc).runPasses},
	{"context", (*doc).keepContext},
	{"references", (*doc).finish},
}

// doc is a directive's text as the stages read it, and what each found.
type doc struct {
	p      *Parser
	name   string
	text   string
	normal bool
	ocr    bool // some of the text was read by OCR
	d      *chidao.Directive

	lines     []line
	h         header
	bodyStart int
	footStart int
	foot      []line // footLines, once worked out

	notes []note       // footnote definitions
	skip  map[int]bool // lines that are footnote definitions

	intro      []string // the paragraphs before the first item
	closing    []string // the paragraphs after the last item's
	all        []*node  // every item, in text order
	at         map[*node]int
	leaves     []*node // the items that are tasks
	shared     sharedList
	noiNhan    []string // the lines under "Nơi nhận"
	hasNoiNhan bool
	asDieu     string // "Như Điều 3": the recipients are those Điều 3 names
	informed   map[string]bool
	dates      dateContext

	toAll     []int          // the tasks falling to every recipient
	executors []int          // decision articles naming who executes it
	markOf    map[string]int // footnote mark → index of the first task citing it
}

// note is a footnote's definition.
type note struct {
	mark, text string
	at         int
	plain      bool
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

// normalise checks the text, normalises it (NFC, spaces) unless Extract
// did, and cuts it into lines.
func (dc *doc) normalise() error {
	if len(dc.text) > MaxFileSize {
		return ErrTooLarge
	}
	if !dc.normal {
		if !utf8.ValidString(dc.text) {
			return ErrEncoding
		}
		dc.text = Normalize(dc.text)
	}
	if strings.TrimSpace(dc.text) == "" {
		return ErrEmpty
	}
	if foreignShare(dc.text) > 0.05 {
		return ErrEncoding // mojibake: letters no Vietnamese text has
	}
	dc.lines = cleanLines(dc.text)
	dc.d = &chidao.Directive{Source: dc.text, File: filepath.Base(dc.name), Recipients: []string{}, Units: []string{},
		Unresolved: []string{}, References: []string{}, Tasks: []chidao.Task{}, Footnotes: []chidao.Footnote{}}
	if dc.name == "" {
		dc.d.File = ""
	}
	return nil
}
