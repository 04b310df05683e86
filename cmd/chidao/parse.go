package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

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
	p := knowledge.NewParser(cfg.units, cfg.list.Groups...)
	out, _, err := readDirectives(ctx, e, fileReader(e, newLogger(e, "warn")), p, files)
	if err != nil {
		return err
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
