package files

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // the formats photos of pages come in
	_ "image/png"

	"chidao/knowledge"
)

// readImage reads a photo or a scan of a page (.jpg, .png, .tif) by OCR,
// after checking its pixel dimensions: a small file may describe a huge
// image (a decompression bomb).
func (r *Reader) readImage(ctx context.Context, data []byte, progress Progress) (knowledge.Source, error) {
	if r.tools["tesseract"].path == "" {
		return knowledge.Source{}, r.tools["tesseract"].missing("ảnh chụp văn bản")
	}
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
		if px := cfg.Width * cfg.Height; px > r.opt.MaxPixels {
			return knowledge.Source{}, fmt.Errorf("ảnh %d×%d điểm ảnh quá lớn (tối đa %d triệu điểm ảnh): %w",
				cfg.Width, cfg.Height, r.opt.MaxPixels/1_000_000, knowledge.ErrTooLarge)
		}
	} else if !bytes.HasPrefix(data, []byte("II*\x00")) && !bytes.HasPrefix(data, []byte("MM\x00*")) {
		return knowledge.Source{}, fmt.Errorf("ảnh bị hỏng hoặc không đọc được (%v): %w", err, knowledge.ErrUnsupported)
	}
	if progress != nil {
		progress(0, 1)
	}
	release, err := r.slot(ctx)
	if err != nil {
		return knowledge.Source{}, err
	}
	p, err := r.ocr(ctx, data)
	release()
	if err != nil {
		return knowledge.Source{}, fmt.Errorf("đọc ảnh bằng nhận dạng chữ: %w", err)
	}
	if progress != nil {
		progress(1, 1)
	}
	// A photo shows the signature stamps the page carries: read them as
	// data, not as the header's text.
	p, sigs := takeStamps(p)
	text := knowledge.Normalize(layout([]page{p}))
	return knowledge.Source{Text: text, Reading: chidaoReading("image", 1, []int{1}), Signatures: sigs}, nil
}
