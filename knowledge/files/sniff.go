package files

import (
	"bytes"
	"path/filepath"
	"strings"

	"chidao"
)

// format is what a file holds, from its first bytes and its name.
type format int

const (
	formatText format = iota // Markdown, plain text, or what Extract refuses
	formatPDF
	formatDocx
	formatDoc
	formatImage
)

// sniff tells a file's format by its magic bytes first, its name second.
func sniff(name string, data []byte) format {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return formatPDF
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return formatDoc
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")), bytes.HasPrefix(data, []byte("\xff\xd8\xff")),
		bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return formatImage
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) && (ext == ".docx" || ext == ".docm" || ext == ".dotx" || ext == ""):
		return formatDocx
	case ext == ".pdf":
		return formatPDF // not a PDF inside: pdfinfo says so
	}
	return formatText
}

func chidaoReading(f string, pages int, ocr []int) chidao.Reading {
	return chidao.Reading{Format: f, Pages: pages, OCRPages: ocr}
}
