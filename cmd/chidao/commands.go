package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"chidao"
)

// parseFlags parses a command's flags, allowing flags after the positional
// arguments ("import a.md b.md --json"), and returns the positionals.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func newFlags(name string, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// runUnits is `chidao units [--json]`.
func runUnits(ctx context.Context, e *env, args []string) error {
	fs := newFlags("units", e)
	asJSON := fs.Bool("json", false, "in JSON")
	configPath := fs.String("config", "", "config file")
	preset := fs.String("preset", "", "a built-in unit list: tinh, xa or huyen")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(e, *configPath)
	if err != nil {
		return err
	}
	if *preset != "" {
		if err := cfg.usePreset(*preset); err != nil {
			return err
		}
	}
	if *asJSON {
		return writeJSON(e.stdout, unitsJSON(cfg.units))
	}
	o := cfg.list.Office
	fmt.Fprintf(e.stdout, "%s (%s) — %d đơn vị:\n", o.Name, o.Committee, len(cfg.units))
	if o.Source != "" {
		fmt.Fprintf(e.stdout, "Nguồn: %s\n", o.Source)
	}
	for _, u := range cfg.units {
		note := ""
		if !u.Current() {
			note = "  (không còn từ " + u.Retired.Vietnamese()
			if len(u.ReplacedBy) > 0 {
				note += "; nay: " + strings.Join(u.ReplacedBy, ", ")
			}
			note += ")"
		}
		fmt.Fprintf(e.stdout, "  %-30s %s%s\n", u.Code, u.Name, note)
	}
	return nil
}

// unitJSON is a unit as `chidao units --json` prints it.
type unitJSON struct {
	Code       string      `json:"code"`
	Name       string      `json:"name"`
	Kind       string      `json:"kind"`
	Groups     []string    `json:"groups"`
	Retired    chidao.Date `json:"retired,omitzero"`
	ReplacedBy []string    `json:"replaced_by,omitempty"`
}

func unitsJSON(units []chidao.Unit) []unitJSON {
	out := make([]unitJSON, 0, len(units))
	for _, u := range units {
		g := u.Groups
		if g == nil {
			g = []string{}
		}
		out = append(out, unitJSON{Code: u.Code, Name: u.Name, Kind: string(u.Kind), Groups: g, Retired: u.Retired, ReplacedBy: u.ReplacedBy})
	}
	return out
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// runInvite is `chidao invite --unit CODE [--role head|admin]`.
func runInvite(ctx context.Context, e *env, args []string) error {
	fs := newFlags("invite", e)
	unitCode := fs.String("unit", "", "unit code (chidao units)")
	role := fs.String("role", "head", "head or admin")
	ttl := fs.Duration("ttl", 7*24*time.Hour, "how long the code stays valid")
	configPath := fs.String("config", "", "config file")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *unitCode == "" {
		return fmt.Errorf("%w: --unit CODE is required (see chidao units)", errUsage)
	}
	if *role != string(chidao.RoleHead) && *role != string(chidao.RoleAdmin) {
		return fmt.Errorf("%w: --role %q: want head or admin", errUsage, *role)
	}
	cfg, err := loadConfig(e, *configPath)
	if err != nil {
		return err
	}
	var unit *chidao.Unit
	for i := range cfg.units {
		if cfg.units[i].Code == *unitCode {
			unit = &cfg.units[i]
		}
	}
	if unit == nil {
		return fmt.Errorf("%w: no unit %q (see chidao units)", errUsage, *unitCode)
	}
	log := newLogger(e, "warn")
	db, err := openStore(ctx, cfg, log, false)
	if err != nil {
		return err
	}
	defer db.Close()
	inv, err := db.NewInvite(ctx, unit.Code, chidao.Role(*role), "cli", time.Now(), *ttl)
	if err != nil {
		return fmt.Errorf("create invite: %w", err)
	}
	fmt.Fprintf(e.stdout, "Mã mời %s cho %s, dùng một lần, hết hạn %s.\n",
		map[string]string{"head": "lãnh đạo đơn vị", "admin": "cán bộ Văn phòng"}[*role], unit.Name,
		inv.ExpiresAt.In(cfg.location).Format("15:04 02/01/2006"))
	fmt.Fprintf(e.stdout, "Người nhận mở bot và gửi: /start %s\n", inv.Code)
	fmt.Fprintln(e.stdout, inv.Code)
	return nil
}

// runImport is `chidao import FILE…`: store directives without sending them.
func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags("import", e)
	configPath := fs.String("config", "", "config file")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%w: chidao import FILE…", errUsage)
	}
	cfg, err := loadConfig(e, *configPath)
	if err != nil {
		return err
	}
	a, err := newApp(ctx, cfg, newLogger(e, "warn"), nil, false)
	if err != nil {
		return err
	}
	defer a.close()
	// A folder of old directives often holds a file that is not one (a
	// scan, a cover note): say so and go on with the others.
	var skipped []string
	for _, f := range files {
		d, data, err := readDirective(ctx, e, a.reader, a.parser, f)
		if err != nil {
			fmt.Fprintf(e.stderr, "Bỏ qua %v\n", err)
			skipped = append(skipped, filepath.Base(f))
			continue
		}
		if err := a.handlers.Import(ctx, d, filepath.Base(f), data); err != nil {
			return fmt.Errorf("store %s: %w", f, err)
		}
		fmt.Fprintf(e.stdout, "Đã lưu %s (%s): %d nhiệm vụ, mã %s.\n", d.Title(), filepath.Base(f), len(d.Tasks), d.ID)
	}
	if len(skipped) > 0 {
		return fmt.Errorf("không lưu được %d/%d tệp: %s", len(skipped), len(files), strings.Join(skipped, ", "))
	}
	return nil
}

// storedDirectives returns the directives in the store, for `ask` without --doc.
func storedDirectives(ctx context.Context, e *env) ([]*chidao.Directive, error) {
	cfg, err := loadConfig(e, "")
	if err != nil {
		return nil, err
	}
	db, err := openStore(ctx, cfg, newLogger(e, "warn"), false)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return db.Directives(ctx)
}

// runHealth is `chidao health`: exits 0 when the local server's /healthz
// says it is healthy (the container's health check).
func runHealth(ctx context.Context, e *env, args []string) error {
	addr := e.getenv("CHIDAO_HTTP_ADDR")
	if addr == "" {
		addr = ":8080"
	}
	if strings.HasPrefix(addr, ":") {
		addr = "127.0.0.1" + addr
	}
	ctx, cancel := context.WithTimeout(ctx, 4*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/healthz", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("health check: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	fmt.Fprintln(e.stdout, strings.TrimSpace(string(body)))
	if resp.StatusCode != http.StatusOK {
		return errors.New("unhealthy")
	}
	return nil
}
