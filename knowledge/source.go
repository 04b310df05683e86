package knowledge

import (
	"chidao"
)

// Progress is told, while a file is read by OCR, how many of its pages
// to be so read are done: (0, n) first, then after each page.
type Progress func(done, total int)

// Source is a directive's text as read from its file (by the files
// package or by Extract), with how it was read: the parser's input.
type Source struct {
	// Text is the text, NFC-normalised, one paragraph a line.
	Text string `json:"text"`
	// Reading says how the file was read (format, pages, OCR pages).
	Reading chidao.Reading `json:"reading,omitzero"`
	// Signatures are the digital-signature stamps found on the file.
	Signatures []chidao.Signature `json:"signatures,omitempty"`
}

// ParseSource parses what was read from a file: its text as ParseText
// does, with how it was read and the file's signature stamps kept on the
// directive.
func (p *Parser) ParseSource(name string, src Source) (d *chidao.Directive, err error) {
	defer recovered(&err, "parse "+name)
	dc := &doc{p: p, name: name, text: src.Text, ocr: len(src.Reading.OCRPages) > 0}
	for _, st := range parseStages {
		if err := st.run(dc); err != nil {
			return nil, err
		}
	}
	d = dc.d
	d.Reading = src.Reading
	d.Signatures = src.Signatures
	d.ID = directiveID(d) // the signing day names a scan whose number is unread
	return d, nil
}
