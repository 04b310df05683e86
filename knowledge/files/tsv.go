package files

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
)

// parseTSV reads Tesseract's TSV output for one page image of w×h pixels:
// one row a word (level 5) with its block, paragraph and line numbers, box
// and confidence. The words of one line of the engine's make one line.
func parseTSV(b []byte, w, h float64) page {
	p := page{w: w, h: h, ocr: true}
	var (
		key   string
		block int
		words []word
	)
	flush := func() {
		if len(words) > 0 {
			l := newLine(words)
			l.block = block
			p.lines = append(p.lines, l)
		}
		words = nil
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 || f[0] != "5" {
			if len(f) >= 12 && f[0] == "1" && p.w == 0 {
				p.w, p.h = num(f[8]), num(f[9])
			}
			continue
		}
		text := strings.TrimSpace(f[11])
		if text == "" {
			continue
		}
		if k := f[2] + "." + f[3] + "." + f[4]; k != key {
			flush()
			key = k
			block, _ = strconv.Atoi(f[2])
		}
		x, y := num(f[6]), num(f[7])
		words = append(words, word{box: box{x, y, x + num(f[8]), y + num(f[9])}, text: text, conf: num(f[10])})
	}
	flush()
	return p
}

func num(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}
