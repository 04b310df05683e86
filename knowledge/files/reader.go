package files

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"chidao/knowledge"
)

// Options are a Reader's budgets. Zero values take the defaults.
type Options struct {
	// MaxPages is the most pages a PDF may have (default 60).
	MaxPages int
	// Timeout bounds the reading of one file (default 5 minutes).
	Timeout time.Duration
	// PageTimeout bounds one engine run on one page (default 90 s).
	PageTimeout time.Duration
	// MemoryMB bounds each engine process's address space (default 1536).
	MemoryMB int
	// DPI is the resolution scans are rendered at for OCR (default 300).
	DPI int
	// MaxPixels bounds a page image (default 60 million): a small file of
	// huge pixel dimensions is refused, a huge PDF page rendered coarser.
	MaxPixels int
	// Workers is how many pages are read by OCR at once, over every file
	// being read (default: the number of CPUs).
	Workers int
	// Cache keeps what was read by the file's hash; nil keeps nothing.
	Cache Cache
	// Logger logs what reading took; nil logs nothing.
	Logger *slog.Logger
}

// Cache keeps what was read from files, by key.
type Cache interface {
	// Get returns the value stored under key, and whether there was one.
	Get(ctx context.Context, key string) ([]byte, bool, error)
	// Put stores a value under key.
	Put(ctx context.Context, key string, value []byte) error
}

// Progress is told how many of a file's pages to be read by OCR are done.
type Progress = knowledge.Progress

// Reader reads files into text. It is safe for concurrent use: its
// workers are shared by every file being read.
type Reader struct {
	opt   Options
	tools map[string]*tool
	slots chan struct{} // one token per OCR worker
}

// version names what Read produces; a change to reading changes it, so
// that what was cached before is read again.
const version = "files/1"

// New returns a reader using the engines installed on this machine.
func New(opt Options) *Reader {
	if opt.MaxPages <= 0 {
		opt.MaxPages = 60
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 5 * time.Minute
	}
	if opt.PageTimeout <= 0 {
		opt.PageTimeout = 90 * time.Second
	}
	if opt.MemoryMB <= 0 {
		opt.MemoryMB = 1536
	}
	if opt.DPI <= 0 {
		opt.DPI = 300
	}
	if opt.MaxPixels <= 0 {
		opt.MaxPixels = 60_000_000
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.NumCPU()
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	return &Reader{opt: opt, tools: lookTools(), slots: make(chan struct{}, opt.Workers)}
}

// Read reads a file: a PDF (its text layer, and its scanned pages by
// OCR), a photo of a page (.jpg, .png), a Word document (.docx, .doc),
// Markdown or plain text. progress, when not nil, is told of pages read by
// OCR. What was read is cached by the file's hash. Errors are
// knowledge's (ErrEmpty, ErrTooLarge, ErrUnsupported, …), ErrMissingTool
// or ErrTimeout, wrapped with detail.
func (r *Reader) Read(ctx context.Context, name string, data []byte, progress Progress) (knowledge.Source, error) {
	if len(data) > knowledge.MaxFileSize {
		return knowledge.Source{}, knowledge.ErrTooLarge
	}
	if f := sniff(name, data); f == formatText || f == formatDocx {
		// Read in process in a few milliseconds: nothing to keep.
		return r.read(ctx, name, data, progress)
	}
	sum := sha256.Sum256(data)
	key := version + ":" + hex.EncodeToString(sum[:])
	if src, ok := r.cached(ctx, key); ok {
		return src, nil
	}
	ctx, cancel := context.WithTimeout(ctx, r.opt.Timeout)
	defer cancel()
	start := time.Now()
	src, err := r.read(ctx, name, data, progress)
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) && !errors.Is(err, ErrTimeout) {
			err = fmt.Errorf("%w (%v): %w", ErrTimeout, r.opt.Timeout, err)
		}
		return knowledge.Source{}, err
	}
	r.opt.Logger.Info("file read", "format", src.Reading.Format, "pages", src.Reading.Pages,
		"ocr_pages", len(src.Reading.OCRPages), "took", time.Since(start).Round(time.Millisecond).String())
	if r.opt.Cache != nil {
		if b, err := json.Marshal(src); err == nil {
			if err := r.opt.Cache.Put(context.WithoutCancel(ctx), key, b); err != nil {
				r.opt.Logger.Warn("cache what was read", "err", err)
			}
		}
	}
	return src, nil
}

// cached returns what was read before from the same bytes.
func (r *Reader) cached(ctx context.Context, key string) (knowledge.Source, bool) {
	if r.opt.Cache == nil {
		return knowledge.Source{}, false
	}
	b, ok, err := r.opt.Cache.Get(ctx, key)
	if err != nil {
		r.opt.Logger.Warn("read the cache of files read", "err", err)
		return knowledge.Source{}, false
	}
	var src knowledge.Source
	if !ok || json.Unmarshal(b, &src) != nil || src.Text == "" {
		return knowledge.Source{}, false
	}
	return src, true
}

// read reads a file by its format.
func (r *Reader) read(ctx context.Context, name string, data []byte, progress Progress) (knowledge.Source, error) {
	switch sniff(name, data) {
	case formatPDF:
		return r.readPDF(ctx, data, progress)
	case formatImage:
		return r.readImage(ctx, data, progress)
	case formatDoc:
		return r.readDoc(ctx, name, data)
	}
	text, err := knowledge.Extract(name, data)
	if err != nil {
		return knowledge.Source{}, err
	}
	f := "text"
	if sniff(name, data) == formatDocx {
		f = "docx"
	}
	return knowledge.Source{Text: text, Reading: chidaoReading(f, 0, nil)}, nil
}

// slot takes an OCR worker's token, or fails when ctx ends first.
func (r *Reader) slot(ctx context.Context) (func(), error) {
	select {
	case r.slots <- struct{}{}:
		return func() { <-r.slots }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
