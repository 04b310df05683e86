package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"chidao/bot/telegram"
	"chidao/delivery"
	"chidao/handlers"
)

// runBroadcast is `chidao broadcast FILE [--yes]`: what an admin's upload
// does. Without --yes it prints the preview and sends nothing. With --yes it
// queues the deliveries and, when a platform is configured, sends them now
// (safe beside a running serve: each delivery is claimed once).
func runBroadcast(ctx context.Context, e *env, args []string) error {
	fs := newFlags("broadcast", e)
	yes := fs.Bool("yes", false, "send (without it: preview only)")
	wait := fs.Duration("wait", 30*time.Minute, "how long to keep sending before leaving the rest to serve")
	configPath := fs.String("config", "", "config file")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return fmt.Errorf("%w: chidao broadcast FILE [--yes]", errUsage)
	}
	cfg, err := loadConfig(e, *configPath)
	if err != nil {
		return err
	}
	log := newLogger(e, "warn")
	a, _, err := openApp(ctx, cfg, log, *yes, false)
	if err != nil {
		return err
	}
	defer a.close()
	out := a.out
	d, data, err := readDirective(ctx, e, a.reader, a.parser, files[0])
	if err != nil {
		return err
	}
	preview, err := a.handlers.PreviewText(ctx, d)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, preview)
	if !*yes {
		fmt.Fprintln(e.stdout, "\nChưa gửi. Chạy lại với --yes để gửi.")
		return nil
	}
	res, err := a.handlers.Broadcast(ctx, d, filepath.Base(files[0]), data, "cli")
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout)
	fmt.Fprintln(e.stdout, res.Text(d))
	if len(out) == 0 {
		fmt.Fprintln(e.stdout, "Chưa cấu hình Telegram/Zalo: các tin nằm trong hàng gửi, `chidao serve` sẽ gửi.")
		return nil
	}
	sender := delivery.New(a.db, a.handlers, out, delivery.Options{Unlimited: true, Workers: cfg.Delivery.Workers, Lease: time.Duration(cfg.Delivery.Lease), Logger: log})
	sctx, cancel := context.WithTimeout(ctx, *wait)
	defer cancel()
	if err := sender.RunUntilEmpty(sctx); err != nil && sctx.Err() == nil {
		return fmt.Errorf("send: %w", err)
	}
	a.handlers.FlushNotices(ctx)
	st := sender.Stats()
	fmt.Fprintf(e.stdout, "Đã gửi %d tin, %d lỗi, %d chờ gửi lại.\n", st.Delivered, st.Failed, st.Retried)
	return nil
}

// telegramCommands converts the handlers' command menu for Telegram.
func telegramCommands(cs []handlers.Command) []telegram.Command {
	out := make([]telegram.Command, len(cs))
	for i, c := range cs {
		out[i] = telegram.Command{Name: c.Name, Description: c.Description}
	}
	return out
}
