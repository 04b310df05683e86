package knowledge

import (
	"strings"

	"chidao"
)

// keepContext keeps on the directive what its text says besides its tasks
// (Directive.Context): the paragraphs before the first item and after the
// last, and those of the items that are no task (a heading's own words, an
// assessment, the funding), in text order, so that answers search them
// without reading the text again.
func (dc *doc) keepContext() error {
	leaf := make(map[*node]bool, len(dc.leaves))
	for _, n := range dc.leaves {
		leaf[n] = true
	}
	var out []string
	add := func(paras []string) {
		for _, p := range paras {
			if p = cleanTaskText(p); p != "" {
				out = append(out, p)
			}
		}
	}
	add(dc.intro)
	for _, n := range dc.all {
		if !leaf[n] {
			add(n.paras)
		}
	}
	add(dc.closing)
	dc.d.Context = out
	if out == nil {
		dc.d.Context = []string{}
	}
	return nil
}

// contextParagraphs calls fn with the directive's subject, then each
// paragraph of what its text says besides its tasks, a long one cut into
// sentences of at most maxPassageLen bytes, until fn returns false or
// maxPassages were given. A directive parsed before its context was kept
// has it read again from its text (textParagraphs).
func contextParagraphs(d *chidao.Directive, fn func(p string) bool) {
	n := 0
	emit := func(p string) bool {
		if len(p) < 60 || isUpper(p) || n >= maxPassages {
			return n < maxPassages
		}
		n++
		return fn(p) && n < maxPassages
	}
	if len(d.Subject) >= 20 {
		n++
		if !fn(d.Subject) {
			return
		}
	}
	if d.Context == nil {
		textParagraphs(d, func(p string) bool { return emit(p) })
		return
	}
	for _, p := range d.Context {
		for _, c := range sentenceChunks(p, maxPassageLen) {
			if !emit(c) {
				return
			}
		}
	}
}

// sentenceChunks cuts a paragraph longer than max bytes into runs of
// whole sentences of at most max bytes (a sentence longer than that
// alone).
func sentenceChunks(p string, max int) []string {
	if len(p) <= max {
		return []string{p}
	}
	var out []string
	var cur strings.Builder
	for rest := p; rest != ""; {
		k := strings.Index(rest, ". ")
		s := rest
		if k >= 0 {
			s, rest = rest[:k+1], rest[k+2:]
		} else {
			rest = ""
		}
		if cur.Len() > 0 && cur.Len()+1+len(s) > max {
			out = append(out, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(s)
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}
