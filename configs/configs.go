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

//go:embed units.yaml config.example.yaml directives/*.md
var files embed.FS

// SampleDirective is the path, inside Files, of the directive the demo loads.
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

// DefaultUnits returns the embedded sample district.
func DefaultUnits() ([]chidao.Unit, error) {
	b, err := File("units.yaml")
	if err != nil {
		return nil, err
	}
	return LoadUnits(bytes.NewReader(b))
}

var codeRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,47}$`)

// LoadUnits reads a unit list ("units:" followed by entries) and checks it:
// every unit has a code of lower-case letters, digits and dashes, a name and
// a known kind, and no code repeats.
func LoadUnits(r io.Reader) ([]chidao.Unit, error) {
	var doc struct {
		Units []chidao.Unit `yaml:"units"`
	}
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("read unit list: %w", err)
	}
	if len(doc.Units) == 0 {
		return nil, fmt.Errorf("read unit list: no units")
	}
	seen := make(map[string]bool)
	for i, u := range doc.Units {
		switch {
		case !codeRe.MatchString(u.Code):
			return nil, fmt.Errorf("unit %d: code %q: use lower-case letters, digits and dashes", i+1, u.Code)
		case seen[u.Code]:
			return nil, fmt.Errorf("unit %d: code %q is used twice", i+1, u.Code)
		case u.Name == "":
			return nil, fmt.Errorf("unit %q: no name", u.Code)
		}
		if !u.Kind.Known() {
			var kinds []string
			for _, k := range chidao.UnitKinds {
				kinds = append(kinds, string(k))
			}
			return nil, fmt.Errorf("unit %q: kind %q: want one of %s", u.Code, u.Kind, strings.Join(kinds, ", "))
		}
		seen[u.Code] = true
	}
	return doc.Units, nil
}
