package knowledge

import (
	"os"
	"runtime"
	"testing"

	"chidao"
	"chidao/knowledge/knowledgetest"
)

// BenchmarkParse parses the real directive of testdata/dev.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("testdata/dev/vanquan-cchc-2024.md")
	if err != nil {
		b.Fatal(err)
	}
	p := NewParser(testUnits(b), testGroups()...)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Parse("vanquan-cchc-2024.md", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAsk1000 asks the generated questions of an index of 1,000
// generated directives, one question an iteration, and reports the memory
// the index holds (MB-index: heap in use after building it, less before)
// and the share of questions whose answer names the expected directive and
// puts the expected task first (%-right).
func BenchmarkAsk1000(b *testing.B) {
	units := testUnits(b)
	docs, qs, err := knowledgetest.Corpus(1000, 1)
	if err != nil {
		b.Fatal(err)
	}
	p := NewParser(units, testGroups()...)
	parsed := make([]*chidao.Directive, 0, len(docs))
	for _, d := range docs {
		x, err := p.ParseText(d.Name, d.Text)
		if err != nil {
			b.Fatal(err)
		}
		parsed = append(parsed, x)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ix := NewIndex(units, testGroups()...)
	for _, d := range parsed {
		ix.Add(d)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	indexMB := float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
	right := 0
	for _, q := range qs {
		a := ix.Ask(Query{Text: q.Text})
		if a.Directive != nil && a.Directive.ID == q.Directive && len(a.Items) > 0 && a.Items[0] == q.Item {
			right++
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ix.Ask(Query{Text: qs[i%len(qs)].Text})
		i++
	}
	// After the loop: b.Loop resets the timer, and with it the metrics.
	b.ReportMetric(indexMB, "MB-index")
	b.ReportMetric(100*float64(right)/float64(len(qs)), "%-right")
	runtime.KeepAlive(ix)
}
