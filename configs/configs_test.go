package configs

import (
	"strings"
	"testing"

	"chidao"
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
		{"replaced by nobody", "units:\n  - {code: a, name: x, kind: huyen, retired: 2025-07-01, replaced_by: [b]}", "replaced_by"},
		{"replaced but not retired", "units:\n  - {code: a, name: x, kind: xa, replaced_by: [b]}\n  - {code: b, name: y, kind: xa}", "retired"},
		{"bad retired day", "units:\n  - {code: a, name: x, kind: xa, retired: 1/7/2025}", "1/7/2025"},
		{"level", "office: {name: x, level: quan}\nunits:\n  - {code: a, name: x, kind: xa}", "level"},
		{"group twice", "groups:\n  - {code: g, name: x}\n  - {code: g, name: y}\nunits:\n  - {code: a, name: x, kind: xa}", "twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadUnits(strings.NewReader(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("LoadUnits(%q) error = %v, want one mentioning %q", tc.yaml, err, tc.want)
			}
		})
	}
}

// TestPresets: each built-in list loads, names who runs it, and holds what
// its level needs; the province's names its source and its communes are
// the 96 of Nghị quyết 1677/NQ-UBTVQH15.
func TestPresets(t *testing.T) {
	for _, tc := range []struct {
		name  string
		level chidao.Level
		want  map[chidao.UnitKind]int // current units by kind, at least
	}{
		{"huyen", chidao.LevelHuyen, map[chidao.UnitKind]int{chidao.KindPhong: 12, chidao.KindXa: 14}},
		{"tinh", chidao.LevelTinh, map[chidao.UnitKind]int{chidao.KindSo: 12, chidao.KindXa: 86, chidao.KindPhuong: 9, chidao.KindDacKhu: 1}},
		{"xa", chidao.LevelXa, map[chidao.UnitKind]int{chidao.KindPhong: 2, chidao.KindTrungTam: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := Preset(tc.name)
			if err != nil {
				t.Fatal(err)
			}
			if l.Office.Level != tc.level || l.Office.Name == "" || l.Office.Committee == "" || l.Office.Source == "" {
				t.Errorf("office = %+v; want level %s, a name, a committee and a source", l.Office, tc.level)
			}
			got := map[chidao.UnitKind]int{}
			for _, u := range l.Units {
				if u.Current() {
					got[u.Kind]++
				}
			}
			for k, n := range tc.want {
				if got[k] < n {
					t.Errorf("%d current units of kind %s, want at least %d", got[k], k, n)
				}
			}
			if got[chidao.KindVanPhong] != 1 {
				t.Errorf("%d offices, want 1", got[chidao.KindVanPhong])
			}
			sample, err := PresetSample(tc.name)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := File(sample); err != nil {
				t.Error(err)
			}
		})
	}
	if _, err := Preset("quan"); err == nil || !strings.Contains(err.Error(), "tinh") {
		t.Errorf("Preset(quan) error = %v, want the accepted names", err)
	}
}
