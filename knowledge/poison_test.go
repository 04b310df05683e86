package knowledge

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// TestPoisonInputs: inputs fuzzing found are read, indexed and asked about
// without a panic, alone and inside a real directive.
func TestPoisonInputs(t *testing.T) {
	sample, err := os.ReadFile("testdata/dev/vanquan-cchc-2024.md")
	if err != nil {
		t.Fatal(err)
	}
	p := NewParser(testUnits(t), testGroups()...)
	for _, bad := range []string{"P \u0342"} {
		for _, text := range []string{bad, bad + "\n", string(sample) + "\n" + bad + "\n", "Kính gửi: " + bad + "\n" + string(sample)} {
			d, err := p.Parse("x.md", []byte(text))
			if err != nil {
				continue
			}
			ix := newIndex(p.Resolver(), newIntentTable())
			if err := ix.Add(d); err != nil {
				t.Errorf("Add(%q…) = %v", text[:min(len(text), 20)], err)
			}
			ix.Ask(Query{Text: bad, Unit: "phong-noi-vu"})
			ix.Ask(Query{Text: "nv1 " + bad})
		}
	}
}

// TestRecoveredIsAnError: a panic in a step guarded by recovered comes back
// as an error wrapping ErrInternal, naming what was being done.
func TestRecoveredIsAnError(t *testing.T) {
	err := func() (err error) {
		defer recovered(&err, "parse x.md")
		panic("a bug met by this input")
	}()
	if !errors.Is(err, ErrInternal) || !strings.Contains(err.Error(), "parse x.md") {
		t.Fatalf("err = %v, want ErrInternal naming the step", err)
	}
}
