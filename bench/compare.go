// Package bench compares chidao's knowledge index with a baseline: a bleve
// in-memory index with its standard analyzer, each task a document, asked
// the same questions about the same generated directives. It is a module of
// its own so that bleve never enters chidao's dependencies.
package bench

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"

	"chidao"
	"chidao/configs"
	"chidao/knowledge"
	"chidao/knowledge/knowledgetest"
)

// Corpus is a set of generated directives, parsed, with the questions
// asked about them.
type Corpus struct {
	Units      []chidao.Unit
	Groups     []chidao.Group
	Directives []*chidao.Directive
	Questions  []knowledgetest.Question
}

// Load generates n directives from the sample ones (knowledgetest.Corpus)
// and parses them.
func Load(n int, seed uint64) (*Corpus, error) {
	list, err := configs.Preset("huyen")
	if err != nil {
		return nil, fmt.Errorf("load units: %w", err)
	}
	units := list.Units
	docs, qs, err := knowledgetest.Corpus(n, seed)
	if err != nil {
		return nil, fmt.Errorf("generate directives: %w", err)
	}
	p := knowledge.NewParser(units, list.Groups...)
	c := &Corpus{Units: units, Groups: list.Groups, Questions: qs}
	for _, d := range docs {
		x, err := p.ParseText(d.Name, d.Text)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", d.Name, err)
		}
		c.Directives = append(c.Directives, x)
	}
	return c, nil
}

// System answers a question with the directive and the task it points to
// first.
type System interface {
	Name() string
	Answer(question string) (directive, task string, err error)
}

// Chidao is chidao's knowledge index.
type Chidao struct {
	ix *knowledge.Index
}

// NewChidao indexes the corpus's directives.
func NewChidao(c *Corpus) *Chidao {
	ix := knowledge.NewIndex(c.Units, c.Groups...)
	for _, d := range c.Directives {
		ix.Add(d)
	}
	return &Chidao{ix: ix}
}

// Name returns "chidao".
func (*Chidao) Name() string { return "chidao" }

// Answer asks the index.
func (s *Chidao) Answer(q string) (string, string, error) {
	a := s.ix.Ask(knowledge.Query{Text: q})
	if a.Directive == nil || len(a.Items) == 0 {
		return "", "", nil
	}
	return a.Directive.ID, a.Items[0], nil
}

// Bleve is a bleve in-memory index with the standard analyzer, one
// document a task with the fields directive (its ID), task (its number)
// and text (its text, section and footnotes, as chidao indexes it).
type Bleve struct {
	idx  bleve.Index
	docs map[string][2]string // document ID → directive, task
}

// bleveTask is the document bleve indexes for a task.
type bleveTask struct {
	Directive string `json:"directive"`
	Task      string `json:"task"`
	Text      string `json:"text"`
}

// NewBleve indexes the corpus's tasks.
func NewBleve(c *Corpus) (*Bleve, error) {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = standard.Name
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		return nil, fmt.Errorf("open bleve index: %w", err)
	}
	s := &Bleve{idx: idx, docs: map[string][2]string{}}
	batch := idx.NewBatch()
	for _, d := range c.Directives {
		for i, t := range d.Tasks {
			id := fmt.Sprintf("%s#%d", d.ID, i)
			s.docs[id] = [2]string{d.ID, t.ID}
			text := t.Text + "\n" + t.Section + "\n" + strings.Join(t.Footnotes, "\n")
			if err := batch.Index(id, bleveTask{Directive: d.ID, Task: t.ID, Text: text}); err != nil {
				return nil, fmt.Errorf("index task %s: %w", id, err)
			}
		}
	}
	if err := idx.Batch(batch); err != nil {
		return nil, fmt.Errorf("index tasks: %w", err)
	}
	return s, nil
}

// Name returns "bleve".
func (*Bleve) Name() string { return "bleve" }

// Answer runs the question as a match query and takes the top hit.
func (s *Bleve) Answer(q string) (string, string, error) {
	res, err := s.idx.Search(bleve.NewSearchRequestOptions(bleve.NewMatchQuery(q), 1, 0, false))
	if err != nil {
		return "", "", fmt.Errorf("search %q: %w", q, err)
	}
	if len(res.Hits) == 0 {
		return "", "", nil
	}
	hit := s.docs[res.Hits[0].ID]
	return hit[0], hit[1], nil
}

// Close releases the index.
func (s *Bleve) Close() error { return s.idx.Close() }

// Result is how a system did on a corpus's questions.
type Result struct {
	Name      string
	Right     int           // answers whose directive and first task are the expected ones
	Questions int           // questions asked
	Mean, P95 time.Duration // time to answer a question
	Build     time.Duration // time to index the directives
	IndexMB   float64       // heap the index holds
}

// Accuracy returns the share of right answers, in percent.
func (r Result) Accuracy() float64 { return 100 * float64(r.Right) / float64(max(r.Questions, 1)) }

// Build indexes a corpus with build and reports the time it took and the
// heap the index holds (in use after, less before, with a collection
// before each reading).
func Build[S System](c *Corpus, build func(*Corpus) (S, error)) (S, Result, error) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	s, err := build(c)
	took := time.Since(start)
	if err != nil {
		return s, Result{}, err
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	return s, Result{Name: s.Name(), Build: took, IndexMB: float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / (1 << 20)}, nil
}

// Measure asks a system every question of a corpus, one at a time, and
// fills in r with the share of right answers and the time per question.
func Measure(s System, c *Corpus, r Result) (Result, error) {
	took := make([]time.Duration, 0, len(c.Questions))
	var total time.Duration
	for _, q := range c.Questions {
		start := time.Now()
		dir, task, err := s.Answer(q.Text)
		d := time.Since(start)
		if err != nil {
			return r, err
		}
		took = append(took, d)
		total += d
		if dir == q.Directive && strings.EqualFold(task, q.Item) {
			r.Right++
		}
	}
	r.Questions = len(c.Questions)
	if len(took) > 0 {
		slices.Sort(took)
		r.Mean = total / time.Duration(len(took))
		r.P95 = took[(len(took)*95+99)/100-1]
	}
	return r, nil
}

// round rounds a duration to three significant digits or so.
func round(d time.Duration) time.Duration {
	switch {
	case d >= 100*time.Millisecond:
		return d.Round(time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	}
	return d.Round(100 * time.Nanosecond)
}

// Table writes results side by side.
func Table(directives int, results ...Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d directives, %d questions\n", directives, results[0].Questions)
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "system\taccuracy\tmean\tp95\tbuild\tindex MB\t")
	for _, r := range results {
		fmt.Fprintf(w, "%s\t%.1f%%\t%v\t%v\t%v\t%.1f\t\n", r.Name, r.Accuracy(), round(r.Mean), round(r.P95),
			r.Build.Round(time.Millisecond), r.IndexMB)
	}
	w.Flush()
	return b.String()
}
