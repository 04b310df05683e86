// Package configs holds chidao's data: the sample unit list, the example
// configuration and the sample directives, embedded so that `chidao demo`
// runs on a fresh machine with no files around it, and the reader of the unit
// list format.
package configs

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"chidao"
)

//go:embed units.yaml presets/*.yaml config.example.yaml directives/*.md
var files embed.FS

// SampleDirective is the path, inside Files, of the directive the demo
// loads for the district sample.
const SampleDirective = "directives/vanquan-cchc-2024.md"

// File returns the bytes of an embedded file ("units.yaml",
// "config.example.yaml", "directives/…").
func File(name string) ([]byte, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read embedded %s: %w", name, err)
	}
	return b, nil
}

// Directives returns the names of the embedded sample directives.
func Directives() []string {
	entries, _ := files.ReadDir("directives")
	var names []string
	for _, e := range entries {
		names = append(names, "directives/"+e.Name())
	}
	sort.Strings(names)
	return names
}

// Presets are the unit lists built into the binary, by name, each with the
// sample directive `chidao demo` sends with it: a district before 2025
// (the sample), a province and a commune after 2025.
var presets = map[string]struct{ units, sample string }{
	"huyen": {"units.yaml", SampleDirective},
	"tinh":  {"presets/tinh-quangngai.yaml", "directives/mau-tinh-2026.md"},
	"xa":    {"presets/xa-moduc.yaml", "directives/mau-xa-2026.md"},
}

// PresetSample returns the path, inside the embedded files, of the sample
// directive of a preset.
func PresetSample(name string) (string, error) {
	p, err := preset(name)
	return p.sample, err
}

// preset looks a preset up by name.
func preset(name string) (struct{ units, sample string }, error) {
	p, ok := presets[name]
	if !ok {
		return p, fmt.Errorf("unit preset %q: want one of %s", name, strings.Join(PresetNames(), ", "))
	}
	return p, nil
}

// PresetNames returns the names Preset accepts.
func PresetNames() []string {
	names := make([]string, 0, len(presets))
	for n := range presets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Preset returns the built-in unit list of that name ("tinh", "xa",
// "huyen").
func Preset(name string) (chidao.UnitList, error) {
	p, err := preset(name)
	if err != nil {
		return chidao.UnitList{}, err
	}
	b, err := File(p.units)
	if err != nil {
		return chidao.UnitList{}, err
	}
	l, err := LoadUnitList(bytes.NewReader(b))
	if err != nil {
		return chidao.UnitList{}, fmt.Errorf("unit preset %q: %w", name, err)
	}
	return l, nil
}

// DefaultUnits returns the embedded sample district's units.
func DefaultUnits() ([]chidao.Unit, error) {
	l, err := Preset("huyen")
	return l.Units, err
}

var codeRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,47}$`)

// LoadUnits reads a unit list and returns its units; see LoadUnitList.
func LoadUnits(r io.Reader) ([]chidao.Unit, error) {
	l, err := LoadUnitList(r)
	return l.Units, err
}

// LoadUnitList reads a unit list (an optional "office:" and "groups:",
// then "units:") and checks it: every unit has a code of lower-case
// letters, digits and dashes, a name and a known kind, no code repeats,
// and what a unit was replaced by is in the list. A list without an
// office gets a neutral one ("Văn phòng", "UBND").
func LoadUnitList(r io.Reader) (chidao.UnitList, error) {
	var l chidao.UnitList
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	if err := dec.Decode(&l); err != nil {
		return chidao.UnitList{}, fmt.Errorf("read unit list: %w", err)
	}
	if len(l.Units) == 0 {
		return chidao.UnitList{}, fmt.Errorf("read unit list: no units")
	}
	if err := checkUnits(l.Units); err != nil {
		return chidao.UnitList{}, err
	}
	if err := checkGroups(l); err != nil {
		return chidao.UnitList{}, err
	}
	o, err := checkOffice(l.Office)
	if err != nil {
		return chidao.UnitList{}, err
	}
	l.Office = o
	return l, nil
}

func checkUnits(units []chidao.Unit) error {
	seen := make(map[string]bool)
	for i, u := range units {
		if err := checkEntry("unit", i, u.Code, u.Name, seen); err != nil {
			return err
		}
		if !u.Kind.Known() {
			var kinds []string
			for _, k := range chidao.UnitKinds {
				kinds = append(kinds, string(k))
			}
			return fmt.Errorf("unit %q: kind %q: want one of %s", u.Code, u.Kind, strings.Join(kinds, ", "))
		}
	}
	for _, u := range units {
		for _, c := range u.ReplacedBy {
			if !seen[c] || c == u.Code {
				return fmt.Errorf("unit %q: replaced_by %q is not another unit of the list", u.Code, c)
			}
		}
		if len(u.ReplacedBy) > 0 && u.Current() {
			return fmt.Errorf("unit %q: replaced_by without retired: give the day it ceased to exist", u.Code)
		}
	}
	return nil
}

// checkEntry checks the i-th unit or group of a list: a code of lower-case
// letters, digits and dashes not used before (seen, which it adds to), and
// a name.
func checkEntry(what string, i int, code, name string, seen map[string]bool) error {
	switch {
	case !codeRe.MatchString(code):
		return fmt.Errorf("%s %d: code %q: use lower-case letters, digits and dashes", what, i+1, code)
	case seen[code]:
		return fmt.Errorf("%s %d: code %q is used twice", what, i+1, code)
	case name == "":
		return fmt.Errorf("%s %q: no name", what, code)
	}
	seen[code] = true
	return nil
}

// checkGroups checks the named groups: codes like units', each once.
func checkGroups(l chidao.UnitList) error {
	seen := make(map[string]bool)
	for i, g := range l.Groups {
		if err := checkEntry("group", i, g.Code, g.Name, seen); err != nil {
			return err
		}
	}
	return nil
}

// checkOffice fills what an office leaves out and checks its level.
func checkOffice(o chidao.Office) (chidao.Office, error) {
	switch o.Level {
	case "", chidao.LevelTinh, chidao.LevelXa, chidao.LevelHuyen:
	default:
		return o, fmt.Errorf("office: level %q: want tinh, xa or huyen", o.Level)
	}
	if o.Name == "" {
		o.Name = "Văn phòng"
	}
	if o.Short == "" {
		o.Short = o.Name
	}
	if o.Committee == "" {
		o.Committee = "UBND"
	}
	return o, nil
}
