package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"chidao"
	"chidao/knowledge"
)

// runAsk answers a question about directives:
// `ask [--doc FILE]… [--unit CODE] [--json] QUESTION`.
func runAsk(ctx context.Context, e *env, args []string) error {
	var docs, words []string
	unit := ""
	asJSON := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		value := func(name string) (string, error) {
			if v, ok := strings.CutPrefix(a, name+"="); ok {
				return v, nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("%s cần một giá trị: %w", name, errUsage)
			}
			i++
			return args[i], nil
		}
		switch {
		case a == "--json" || a == "-json":
			asJSON = true
		case a == "--doc" || a == "-doc" || strings.HasPrefix(a, "--doc=") || strings.HasPrefix(a, "-doc="):
			v, err := value(strings.SplitN(a, "=", 2)[0])
			if err != nil {
				return err
			}
			docs = append(docs, v)
		case a == "--unit" || a == "-unit" || strings.HasPrefix(a, "--unit=") || strings.HasPrefix(a, "-unit="):
			v, err := value(strings.SplitN(a, "=", 2)[0])
			if err != nil {
				return err
			}
			unit = v
		case a == "--":
			words = append(words, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(a, "--"):
			return fmt.Errorf("không hiểu tham số %q: %w", a, errUsage)
		default:
			words = append(words, a)
		}
	}
	question := strings.TrimSpace(strings.Join(words, " "))
	if question == "" {
		return fmt.Errorf("thiếu câu hỏi (ask [--doc FILE]… [--unit CODE] [--json] CÂU HỎI): %w", errUsage)
	}
	cfg, err := loadConfig(e, "")
	if err != nil {
		return err
	}
	units := cfg.units
	ix := knowledge.NewIndex(units, cfg.list.Groups...)
	if unit != "" {
		if _, ok := ix.Resolver().Unit(unit); !ok {
			return fmt.Errorf("không có đơn vị mã %q (xem `chidao units`)", unit)
		}
	}
	var directives []*chidao.Directive
	if len(docs) > 0 {
		directives, _, err = readDirectives(ctx, e, fileReader(e, newLogger(e, "warn")), knowledge.NewParser(units, cfg.list.Groups...), docs)
		if err != nil {
			return err
		}
	} else {
		directives, err = storedDirectives(ctx, e)
		if err != nil {
			return fmt.Errorf("đọc văn bản đã lưu: %w", err)
		}
	}
	for _, d := range directives {
		if err := ix.Add(d); err != nil {
			fmt.Fprintf(e.stderr, "bỏ qua văn bản %s: %v\n", d.ID, err)
		}
	}
	q := knowledge.Query{Text: question, Unit: unit, Today: chidao.DateOf(time.Now().In(cfg.location))}
	ans := ix.Ask(q)
	if p := newPhraser(cfg, newLogger(e, "warn")); p != nil && ans.Found {
		ans = p.Phrase(ctx, q, ans)
	}
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(ans.JSON())
	}
	fmt.Fprintln(e.stdout, ans.Text)
	return nil
}
