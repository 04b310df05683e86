package files

import "testing"

// TestParseBBox reads pdftotext's -bbox-layout output: pages, blocks,
// lines and words with their boxes, entities decoded.
func TestParseBBox(t *testing.T) {
	const out = `<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head><title></title></head><body><doc>
  <page width="612.000000" height="792.000000"><flow>
    <block xMin="72" yMin="80" xMax="198" yMax="110">
      <line xMin="72" yMin="80" xMax="198" yMax="96"><word xMin="72" yMin="80" xMax="90" yMax="96">ỦY</word><word xMin="93" yMin="80" xMax="121" yMax="96">BAN</word></line>
      <line xMin="72" yMin="94" xMax="194" yMax="110"><word xMin="72" yMin="94" xMax="119" yMax="110">Q&amp;A</word></line>
    </block>
    <block xMin="72" yMin="117" xMax="161" yMax="133"><line xMin="72" yMin="117" xMax="161" yMax="133"><word xMin="72" yMin="117" xMax="91" yMax="133">Số:</word></line></block>
  </flow></page>
  <page width="595" height="842"></page>
</doc></body></html>`
	pages, err := parseBBox([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || pages[0].w != 612 || pages[1].h != 842 || len(pages[0].lines) != 3 || len(pages[1].lines) != 0 {
		t.Fatalf("pages = %+v", pages)
	}
	l := pages[0].lines
	if l[0].text() != "ỦY BAN" || l[1].text() != "Q&A" || l[0].block == l[2].block || l[0].block != l[1].block || l[0].x1 != 121 {
		t.Errorf("lines = %+v", l)
	}
}

// TestParseTSV reads Tesseract's TSV: a line a (block, paragraph, line),
// words with their boxes and confidences, empty words left out.
func TestParseTSV(t *testing.T) {
	const out = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t2464\t3508\t-1\t\n" +
		"4\t1\t1\t1\t1\t0\t458\t312\t1784\t56\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t458\t313\t70\t50\t95.5\tỦY\n" +
		"5\t1\t1\t1\t1\t2\t547\t325\t108\t38\t96\tBAN\n" +
		"5\t1\t1\t1\t1\t3\t700\t325\t10\t38\t95\t \n" +
		"5\t1\t2\t1\t1\t1\t1318\t387\t94\t56\t97\tĐộc\n"
	p := parseTSV([]byte(out), 0, 0)
	if !p.ocr || p.w != 2464 || p.h != 3508 || len(p.lines) != 2 {
		t.Fatalf("page = %+v", p)
	}
	if got := p.lines[0]; got.text() != "ỦY BAN" || got.words[0].conf != 95.5 || got.x0 != 458 || got.x1 != 655 {
		t.Errorf("line = %+v", got)
	}
}
