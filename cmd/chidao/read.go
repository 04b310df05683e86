package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"chidao"
	"chidao/knowledge"
	"chidao/knowledge/files"
)

// fileReader returns the reader of directive files the command line uses:
// the engines installed here, what was read kept in CHIDAO_CACHE_DIR or
// the user's cache folder, so that a scan is read by OCR once.
func fileReader(e *env, log *slog.Logger) *files.Reader {
	opt := files.Options{Logger: log}
	if dir := e.getenv("CHIDAO_CACHE_DIR"); dir != "" {
		opt.Cache = &files.DirCache{Dir: dir}
	} else if c, err := files.UserCache(); err == nil {
		opt.Cache = c
	}
	return files.New(opt)
}

// readDirective reads and parses one directive file, refusing one larger
// than knowledge.MaxFileSize before reading it; the pages read by OCR are
// told on stderr as they are done.
func readDirective(ctx context.Context, e *env, rd *files.Reader, p *knowledge.Parser, path string) (*chidao.Directive, []byte, error) {
	data, err := readDirectiveFile(path)
	if err != nil {
		return nil, nil, err
	}
	name := filepath.Base(path)
	progress := func(done, total int) {
		if total > 1 {
			fmt.Fprintf(e.stderr, "Đang đọc %s bằng nhận dạng chữ: trang %d/%d…\n", name, done, total)
		}
	}
	src, err := rd.Read(ctx, name, data, progress)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	d, err := p.ParseSource(name, src)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, data, nil
}

// readDirectives reads and parses directive files.
func readDirectives(ctx context.Context, e *env, rd *files.Reader, p *knowledge.Parser, paths []string) ([]*chidao.Directive, [][]byte, error) {
	var (
		ds    []*chidao.Directive
		datas [][]byte
	)
	for _, f := range paths {
		d, data, err := readDirective(ctx, e, rd, p, f)
		if err != nil {
			return nil, nil, err
		}
		ds, datas = append(ds, d), append(datas, data)
	}
	return ds, datas, nil
}

// readDirectiveFile reads a file, refusing a folder or a file over
// knowledge.MaxFileSize.
func readDirectiveFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("mở tệp %s: %w", path, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s là thư mục, không phải tệp văn bản", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, knowledge.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("đọc tệp %s: %w", path, err)
	}
	if len(data) > knowledge.MaxFileSize {
		return nil, fmt.Errorf("%s: %w", path, knowledge.ErrTooLarge)
	}
	return data, nil
}
