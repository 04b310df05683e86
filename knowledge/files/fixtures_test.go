package files

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"chidao"
	"chidao/configs"
	"chidao/knowledge"
)

// TestClerkFixtures: the two sample directives as a clerk makes them (Word
// from the Markdown with its numbering, bold and footnote; LibreOffice's
// PDF of that; see make-fixtures.sh) parse to the directive the Markdown
// parses to, field by field but the file's name and how it was read.
func TestClerkFixtures(t *testing.T) {
	needTools(t)
	units, err := configs.DefaultUnits()
	if err != nil {
		t.Fatal(err)
	}
	p := knowledge.NewParser(units)
	r := New(Options{})
	for _, name := range []string{"vanquan-cchc-2024", "synthetic-kehoach-cds-2025"} {
		md, err := os.ReadFile(filepath.Join("../../configs/directives", name+".md"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := p.Parse(name+".md", md)
		if err != nil {
			t.Fatal(err)
		}
		exts := []string{".docx", ".pdf"}
		if name == "synthetic-kehoach-cds-2025" {
			exts = append(exts, ".doc")
		}
		for _, ext := range exts {
			t.Run(name+ext, func(t *testing.T) {
				data, err := os.ReadFile(filepath.Join("testdata", name+ext))
				if err != nil {
					t.Fatal(err)
				}
				src, err := r.Read(context.Background(), name+ext, data, nil)
				if err != nil {
					t.Fatal(err)
				}
				got, err := p.ParseSource(name+ext, src)
				if err != nil {
					t.Fatal(err)
				}
				if len(src.Reading.OCRPages) > 0 {
					t.Errorf("pages %v read by OCR: the file has a text layer", src.Reading.OCRPages)
				}
				g, w := fields(t, got), fields(t, want)
				for k, v := range w {
					if g[k] != v {
						t.Errorf("%s:\n got %s\nwant %s", k, g[k], v)
					}
				}
			})
		}
	}
}

// fields returns a directive's JSON fields but its file and its reading.
func fields(t *testing.T, d any) map[string]string {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for k, v := range m {
		if k != "file" && k != "reading" {
			out[k] = string(v)
		}
	}
	return out
}

// TestPhotoOfAPage: a photo of a page reads as its scan does: the same
// kind, subject, task and recipients.
func TestPhotoOfAPage(t *testing.T) {
	needTools(t)
	p := knowledge.NewParser(quangNgaiUnits(t))
	r := New(Options{})
	read := func(name string) *chidao.Directive {
		t.Helper()
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		src, err := r.Read(context.Background(), filepath.Base(name), data, nil)
		if err != nil {
			t.Fatal(err)
		}
		if src.Reading.Format == "image" && (src.Reading.Pages != 1 || len(src.Reading.OCRPages) != 1) {
			t.Errorf("reading = %+v, want one page read by OCR", src.Reading)
		}
		d, err := p.ParseSource(filepath.Base(name), src)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	photo, scan := read("qngai-cv-575-2025-photo.jpg"), read("real/qngai-cv-575-2025.pdf")
	if photo.Kind != scan.Kind || photo.Subject != scan.Subject || len(photo.Tasks) != len(scan.Tasks) || !slices.Equal(photo.Units, scan.Units) {
		t.Errorf("photo: %q %q %d tasks %v\nscan:  %q %q %d tasks %v", photo.Kind, photo.Subject, len(photo.Tasks), photo.Units,
			scan.Kind, scan.Subject, len(scan.Tasks), scan.Units)
	}
}
