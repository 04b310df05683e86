package files

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// parseBBox reads the XHTML of `pdftotext -bbox-layout`: pages of flows of
// blocks of lines of words, each with its box in points. A block's lines
// come out as lines, in the order the text layer gives them.
func parseBBox(b []byte) ([]page, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	var (
		pages []page
		cur   *page
		words []word
		w     *word
		block int
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read pdftotext output: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "page":
				pages = append(pages, page{w: fattr(t, "width"), h: fattr(t, "height")})
				cur = &pages[len(pages)-1]
			case "block":
				block++
			case "line":
				words = words[:0]
			case "word":
				w = &word{box: box{fattr(t, "xMin"), fattr(t, "yMin"), fattr(t, "xMax"), fattr(t, "yMax")}, conf: 100}
			}
		case xml.CharData:
			if w != nil {
				w.text += string(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "word":
				if w != nil && strings.TrimSpace(w.text) != "" {
					w.text = strings.TrimSpace(w.text)
					words = append(words, *w)
				}
				w = nil
			case "line":
				if cur != nil && len(words) > 0 {
					l := newLine(append([]word(nil), words...))
					l.block = block
					cur.lines = append(cur.lines, l)
				}
			}
		}
	}
	return pages, nil
}

func fattr(e xml.StartElement, name string) float64 {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			f, _ := strconv.ParseFloat(a.Value, 64)
			return f
		}
	}
	return 0
}
