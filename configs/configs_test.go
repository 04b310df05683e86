package configs

import (
	"strings"
	"testing"
)

func TestDefaultUnits(t *testing.T) {
	units, err := DefaultUnits()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, u := range units {
		kinds[string(u.Kind)]++
	}
	if kinds["phong"] < 12 || kinds["xa"] < 14 || kinds["thi-tran"] != 1 || kinds["van-phong"] != 1 {
		t.Errorf("sample district has %v units by kind; want 12+ departments, about fifteen communes, a town and the office", kinds)
	}
	if len(Directives()) == 0 {
		t.Error("no sample directive embedded")
	}
	if _, err := File(SampleDirective); err != nil {
		t.Error(err)
	}
}

func TestLoadUnitsRejects(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"empty", "units: []", "no units"},
		{"bad code", "units:\n  - {code: Phòng, name: x, kind: phong}", "code"},
		{"twice", "units:\n  - {code: a, name: x, kind: phong}\n  - {code: a, name: y, kind: xa}", "twice"},
		{"kind", "units:\n  - {code: a, name: x, kind: tinh}", "kind"},
		{"unknown key", "units:\n  - {code: a, name: x, kind: xa, colour: red}", "colour"},
		{"no name", "units:\n  - {code: a, kind: xa}", "no name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadUnits(strings.NewReader(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("LoadUnits(%q) error = %v, want one mentioning %q", tc.yaml, err, tc.want)
			}
		})
	}
}
