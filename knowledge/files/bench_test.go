package files

import (
	"context"
	"os"
	"syscall"
	"testing"
)

// benchRead reads a file b.N times, no cache, and reports seconds per page
// and the largest engine process's peak memory.
func benchRead(b *testing.B, path string, opt Options) {
	needTools(b)
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	r := New(opt)
	pages := 0
	for b.Loop() {
		src, err := r.Read(context.Background(), path, data, nil)
		if err != nil {
			b.Fatal(err)
		}
		pages = src.Reading.Pages
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N*max(pages, 1)), "s/page")
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "MB-peak-engine")
	}
}

// BenchmarkReadTextPDF: a three-page text PDF (pdftotext, no OCR).
func BenchmarkReadTextPDF(b *testing.B) { benchRead(b, "testdata/vanquan-cchc-2024.pdf", Options{}) }

// BenchmarkReadScanPage: a one-page scan read by OCR at 300 dpi.
func BenchmarkReadScanPage(b *testing.B) {
	benchRead(b, "testdata/real/qngai-cv-575-2025.pdf", Options{})
}

// BenchmarkReadScan10Pages: the ten-page scan, its pages on both cores.
func BenchmarkReadScan10Pages(b *testing.B) {
	benchRead(b, "testdata/real/qngai-ct-16-2021.pdf", Options{})
}
