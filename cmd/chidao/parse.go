package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"chidao"
	"chidao/knowledge"
)

// runParse prints each directive file as parsed: `parse FILE… [--json]`.
func runParse(ctx context.Context, e *env, args []string) error {
	var files []string
	asJSON := false
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--json" || a == "-json":
			asJSON = true
		case a == "--":
			files = append(files, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(a, "-") && a != "-":
			return fmt.Errorf("không hiểu tham số %q: %w", a, errUsage)
		default:
			files = append(files, a)
		}
	}
	if len(files) == 0 {
		return fmt.Errorf("thiếu tệp văn bản (parse FILE… [--json]): %w", errUsage)
	}
	cfg, err := loadConfig(e, "")
	if err != nil {
		return err
	}
	p := knowledge.NewParser(cfg.units)
	var out []*chidao.Directive
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, err := parseFile(p, f)
		if err != nil {
			return err
		}
		out = append(out, d)
	}
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if len(out) == 1 {
			return enc.Encode(out[0])
		}
		return enc.Encode(out)
	}
	for i, d := range out {
		if i > 0 {
			fmt.Fprintln(e.stdout, strings.Repeat("─", 40))
		}
		fmt.Fprint(e.stdout, knowledge.FormatDirective(d, p.Resolver()))
	}
	return nil
}

// parseFile reads and parses one directive file, refusing one larger than
// knowledge.MaxFileSize before reading it.
func parseFile(p *knowledge.Parser, path string) (*chidao.Directive, error) {
	data, err := readDirectiveFile(path)
	if err != nil {
		return nil, err
	}
	d, err := p.Parse(filepath.Base(path), data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return d, nil
}

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
