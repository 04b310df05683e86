package knowledge

import (
	"sync"
	"testing"

	"chidao"
	"chidao/knowledge/knowledgetest"
)

// TestConcurrentAsk asks questions from several goroutines while
// directives are added and removed: answers about a directive that stays
// must not change, whatever else happens to the index (run with -race).
func TestConcurrentAsk(t *testing.T) {
	units := testUnits(t)
	docs, qs, err := knowledgetest.Corpus(40, 3)
	if err != nil {
		t.Fatal(err)
	}
	p := NewParser(units, testGroups()...)
	var parsed []*chidao.Directive
	for _, d := range docs {
		x, err := p.ParseText(d.Name, d.Text)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, x)
	}
	ix := NewIndex(units, testGroups()...)
	for _, d := range parsed[:20] {
		ix.Add(d)
	}
	// The expected answers, asked alone, about the directives that stay.
	var ask []knowledgetest.Question
	want := map[string]string{}
	for _, q := range qs {
		if _, ok := ix.Directive(q.Directive); ok {
			a := ix.Ask(Query{Text: q.Text})
			ask = append(ask, q)
			want[q.Text] = a.Text
		}
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Go(func() {
			for i := 0; i < 200; i++ {
				q := ask[(g*53+i)%len(ask)]
				if a := ix.Ask(Query{Text: q.Text}); a.Text != want[q.Text] {
					t.Errorf("%q while the index changes:\n%s\nwant\n%s", q.Text, a.Text, want[q.Text])
					return
				}
			}
		})
	}
	wg.Go(func() {
		for i := 0; i < 3; i++ {
			for _, d := range parsed[20:] {
				ix.Add(d)
			}
			for _, d := range parsed[20:] {
				ix.Remove(d.ID)
			}
		}
	})
	wg.Wait()
}
