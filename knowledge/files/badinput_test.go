package files

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"strings"
	"testing"
	"time"

	"chidao/knowledge"
)

// blankPDF writes a PDF of n empty A4 pages.
func blankPDF(n int) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(s string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s)
	}
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	kids := make([]string, n)
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", i+3)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	for range n {
		obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

// hugePNG is a small file of a huge image: its header says 100,000 ×
// 100,000 pixels.
func hugePNG(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	// IHDR's width and height follow the signature and the chunk's length
	// and type; its CRC follows its 13 bytes.
	copy(data[16:24], []byte{0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0})
	crc := crc32IEEE(data[12:29])
	copy(data[29:33], []byte{byte(crc >> 24), byte(crc >> 16), byte(crc >> 8), byte(crc)})
	return data
}

// zipBomb is a .docx whose document.xml unpacks to far more than a
// directive's text can be.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	chunk := bytes.Repeat([]byte("<w:p><w:r><w:t>a</w:t></w:r></w:p>"), 1<<15)
	for range 100 * (4 << 20) / len(chunk) {
		w.Write(chunk)
	}
	zw.Close()
	return b.Bytes()
}

// TestBadFiles: what is no directive file is refused with a clear error,
// never a panic, never an empty text taken for a directive.
func TestBadFiles(t *testing.T) {
	needTools(t)
	enc, err := os.ReadFile("testdata/encrypted.pdf")
	if err != nil {
		t.Fatal(err)
	}
	scan, err := os.ReadFile("testdata/real/qngai-cv-575-2025.pdf")
	if err != nil {
		t.Fatal(err)
	}
	r := New(Options{MaxPages: 60})
	tests := []struct {
		name string
		file string
		data []byte
		want error
		say  string // words the message has
	}{
		{"an empty PDF", "a.pdf", []byte{}, knowledge.ErrUnsupported, "hỏng"},
		{"a PDF with a password", "a.pdf", enc, knowledge.ErrUnsupported, "mật khẩu"},
		{"a truncated PDF", "a.pdf", scan[:len(scan)/3], knowledge.ErrUnsupported, "hỏng"},
		{"a 100-page PDF", "a.pdf", blankPDF(100), knowledge.ErrTooLarge, "100 trang"},
		{"a blank PDF", "a.pdf", blankPDF(2), knowledge.ErrEmpty, ""},
		{"a small image of huge pixels", "a.png", hugePNG(t), knowledge.ErrTooLarge, "điểm ảnh"},
		{"a damaged image", "a.jpg", []byte("\xff\xd8\xff\xe0 not a jpeg"), knowledge.ErrUnsupported, "ảnh"},
		{"UTF-16 garbage", "a.txt", []byte("\xff\xfe\xc3\x28 1. abc\n"), knowledge.ErrEncoding, ""},
		{"a zip bomb .docx", "a.docx", zipBomb(t), knowledge.ErrTooLarge, ""},
		{"over 20 MB", "a.pdf", make([]byte, knowledge.MaxFileSize+1), knowledge.ErrTooLarge, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := r.Read(context.Background(), tt.file, tt.data, nil)
			if err == nil {
				_, err = knowledge.NewParser(quangNgaiUnits(t)).ParseSource(tt.file, src)
			}
			if !errors.Is(err, tt.want) || !strings.Contains(fmt.Sprint(err), tt.say) {
				t.Errorf("err = %v, want %v saying %q", err, tt.want, tt.say)
			}
		})
	}
}

// TestReadCancelled: a reader's OCR stops when its request's context
// ends, and the engines with it.
func TestReadCancelled(t *testing.T) {
	needTools(t)
	scan, err := os.ReadFile("testdata/real/qngai-ct-16-2021.pdf")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	progress := func(done, total int) {
		if done == 1 {
			cancel() // after the first page
		}
	}
	start := time.Now()
	_, err = New(Options{}).Read(ctx, "16.pdf", scan, progress)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(start); d > 45*time.Second {
		t.Errorf("cancelled reading went on for %v", d)
	}
}

// TestReadTimeout: a page that takes longer than the budget is an error
// saying so.
func TestReadTimeout(t *testing.T) {
	needTools(t)
	scan, err := os.ReadFile("testdata/real/qngai-cv-575-2025.pdf")
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(Options{PageTimeout: time.Millisecond}).Read(context.Background(), "575.pdf", scan, nil)
	if !errors.Is(err, knowledge.ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
}
