package files

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"chidao"
	"chidao/knowledge"
)

// ErrEncrypted is wrapped by the error of a PDF that needs a password.
var ErrEncrypted = fmt.Errorf("tệp PDF có mật khẩu; hãy gửi bản không đặt mật khẩu: %w", knowledge.ErrUnsupported)

// pdfInfo is what pdfinfo tells of a PDF.
type pdfInfo struct {
	pages int
	w, h  float64 // the first page's size in points
}

// info runs pdfinfo.
func (r *Reader) info(ctx context.Context, data []byte) (pdfInfo, error) {
	out, err := run(ctx, r.tools["pdfinfo"], data, r.opt.PageTimeout, r.opt.MemoryMB, 1<<20, "-")
	switch {
	case err == nil:
	case errors.Is(err, ErrTimeout) || ctx.Err() != nil:
		return pdfInfo{}, fmt.Errorf("đọc tệp PDF: %w", err)
	case strings.Contains(err.Error(), "ncorrect password"):
		return pdfInfo{}, ErrEncrypted
	default:
		return pdfInfo{}, fmt.Errorf("tệp PDF bị hỏng hoặc không đọc được (%v): %w", err, knowledge.ErrUnsupported)
	}
	var in pdfInfo
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		v = strings.TrimSpace(v)
		switch {
		case !ok:
		case k == "Pages":
			in.pages, _ = strconv.Atoi(v)
		case k == "Page size":
			f := strings.Fields(v) // "595.32 x 841.92 pts (A4)"
			if len(f) >= 3 {
				in.w, _ = strconv.ParseFloat(f[0], 64)
				in.h, _ = strconv.ParseFloat(f[2], 64)
			}
		}
	}
	return in, nil
}

// readPDF reads a PDF: the text layer of every page through pdftotext;
// the pages whose text layer holds no more than a signature stamp are
// scans, rendered and read by OCR, on the shared workers.
func (r *Reader) readPDF(ctx context.Context, data []byte, progress Progress) (knowledge.Source, error) {
	for _, t := range []string{"pdfinfo", "pdftotext"} {
		if r.tools[t].path == "" {
			return knowledge.Source{}, r.tools[t].missing("tệp PDF")
		}
	}
	in, err := r.info(ctx, data)
	if err != nil {
		return knowledge.Source{}, err
	}
	if in.pages == 0 {
		return knowledge.Source{}, fmt.Errorf("tệp PDF không có trang nào: %w", knowledge.ErrEmpty)
	}
	if in.pages > r.opt.MaxPages {
		return knowledge.Source{}, fmt.Errorf("tệp PDF có %d trang, quá %d trang bot đọc được; hãy gửi phần văn bản chỉ đạo: %w",
			in.pages, r.opt.MaxPages, knowledge.ErrTooLarge)
	}
	out, err := run(ctx, r.tools["pdftotext"], data, r.opt.PageTimeout*2, r.opt.MemoryMB, 64<<20, "-bbox-layout", "-enc", "UTF-8", "-", "-")
	if err != nil {
		return knowledge.Source{}, fmt.Errorf("đọc lớp chữ của tệp PDF: %w", err)
	}
	pages, err := parseBBox(out)
	if err != nil {
		return knowledge.Source{}, err
	}
	var (
		sigs []chidao.Signature
		scan []int
	)
	for i := range pages {
		var s []chidao.Signature
		pages[i], s = takeStamps(pages[i])
		sigs = append(sigs, s...)
		if isScan(pages[i]) {
			scan = append(scan, i)
		}
	}
	if err := r.ocrPages(ctx, data, pages, scan, progress); err != nil {
		return knowledge.Source{}, err
	}
	ocr := make([]int, len(scan))
	for k, i := range scan {
		ocr[k] = i + 1
	}
	text := knowledge.Normalize(layout(pages))
	return knowledge.Source{Text: text, Reading: chidaoReading("pdf", len(pages), ocr), Signatures: sigs}, nil
}

// isScan reports whether a page's text layer, its stamps taken off, holds
// too few words to be the page's text: the page is an image.
func isScan(p page) bool {
	n := 0
	for _, l := range p.lines {
		n += len(l.words)
	}
	return n < 12
}

// ocrPages reads the scanned pages by OCR, each on a worker, replacing
// their (near-empty) text layers.
func (r *Reader) ocrPages(ctx context.Context, data []byte, pages []page, scan []int, progress Progress) error {
	if len(scan) == 0 {
		return nil
	}
	for _, t := range []string{"pdftoppm", "tesseract"} {
		if r.tools[t].path == "" {
			return r.tools[t].missing("tệp PDF là bản quét (ảnh chụp)")
		}
	}
	if progress != nil {
		progress(0, len(scan))
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
		errs = make([]error, len(scan))
	)
	for k, i := range scan {
		wg.Go(func() {
			p, err := r.ocrPDFPage(ctx, data, i+1, pages[i])
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs[k] = fmt.Errorf("đọc trang %d bằng nhận dạng chữ: %w", i+1, err)
				cancel()
				return
			}
			pages[i] = p
			done++
			if progress != nil {
				progress(done, len(scan))
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// ocrPDFPage renders one page (its annotations, the signature stamps,
// hidden) and reads it with Tesseract.
func (r *Reader) ocrPDFPage(ctx context.Context, data []byte, n int, layer page) (page, error) {
	release, err := r.slot(ctx)
	if err != nil {
		return page{}, err
	}
	defer release()
	dpi := r.opt.DPI
	if px := layer.w / 72 * layer.h / 72; px > 0 {
		// A page of huge size is rendered coarser, never over MaxPixels.
		dpi = min(dpi, int(math.Sqrt(float64(r.opt.MaxPixels)/px)))
	}
	if dpi < 50 {
		return page{}, fmt.Errorf("trang quá lớn (%.0f×%.0f điểm): %w", layer.w, layer.h, knowledge.ErrTooLarge)
	}
	n1 := strconv.Itoa(n)
	img, err := run(ctx, r.tools["pdftoppm"], data, r.opt.PageTimeout, r.opt.MemoryMB, r.opt.MaxPixels+1024,
		"-r", strconv.Itoa(dpi), "-gray", "-hide-annotations", "-f", n1, "-l", n1, "-")
	if err != nil {
		return page{}, err
	}
	return r.ocr(ctx, img)
}

// ocr reads one page image with Tesseract's Vietnamese model.
func (r *Reader) ocr(ctx context.Context, img []byte) (page, error) {
	out, err := run(ctx, r.tools["tesseract"], img, r.opt.PageTimeout, r.opt.MemoryMB, 16<<20,
		"stdin", "stdout", "-l", "vie", "--psm", "3", "tsv")
	if err != nil {
		if bytes.Contains([]byte(err.Error()), []byte("vie.traineddata")) {
			return page{}, fmt.Errorf("%w: thiếu dữ liệu tiếng Việt của tesseract (apt-get install tesseract-ocr-vie)", ErrMissingTool)
		}
		return page{}, err
	}
	return cleanOCR(parseTSV(out, 0, 0)), nil
}
