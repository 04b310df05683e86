package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"github.com/alicebob/miniredis/v2"

	"chidao"
	"chidao/bot"
	"chidao/bot/console"
	"chidao/configs"
	"chidao/delivery"
)

// runDemo is `chidao demo`: a chat in the terminal with the sample directive
// and district, as the head of a sample commune (or, with --admin, as office
// staff). It needs no token and no server: unless CHIDAO_REDIS_URL is set it
// keeps its state in an in-process Redis-compatible store that disappears
// when it ends.
func runDemo(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	admin := fs.Bool("admin", false, "dùng thử với vai trò cán bộ Văn phòng (gửi văn bản, xem tình hình)")
	unitCode := fs.String("unit", "", "mã đơn vị của người dùng thử (mặc định: xã đầu tiên trong danh sách)")
	preset := fs.String("preset", "", "danh sách đơn vị dựng sẵn: tinh (tỉnh sau 2025), xa (xã sau 2025), huyen (huyện mẫu, trước 2025)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	cfg, err := loadConfig(e, "")
	if err != nil {
		return err
	}
	if *preset != "" {
		if err := cfg.usePreset(*preset); err != nil {
			return err
		}
	}
	sample, err := configs.PresetSample(cmp.Or(cfg.preset, "huyen"))
	if err != nil {
		return err
	}
	if e.getenv("CHIDAO_REDIS_URL") == "" {
		mr := miniredis.NewMiniRedis()
		if err := mr.Start(); err != nil {
			return fmt.Errorf("start the embedded store: %w", err)
		}
		defer mr.Close()
		cfg.Redis.URL = "redis://" + mr.Addr() + "/0"
	} else if e.getenv("CHIDAO_REDIS_PREFIX") == "" {
		cfg.Redis.Prefix = "chidao-demo:" // never mix the demo into an office's data
	}
	unit, err := demoUnit(cfg.units, *unitCode, *admin)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))

	me := chidao.ChatRef{Platform: chidao.Console, ID: "demo"}
	term := console.New(e.stdout, console.Options{User: me, DisplayName: "Người dùng thử"})
	out := bot.Messengers{}
	a, err := newApp(ctx, cfg, log, out, false)
	if err != nil {
		return err
	}
	defer a.close()
	out[chidao.Console] = bot.Numbered(term, a.handlers.ButtonMemory())
	if _, err := newReminders(a, cfg, log); err != nil { // gives /baocao and /xuat their reports
		return err
	}

	role := chidao.RoleHead
	if *admin {
		role = chidao.RoleAdmin
	}
	member := chidao.Member{Platform: chidao.Console, UserID: me.ID, ChatID: me.ID,
		DisplayName: "Người dùng thử", Unit: unit.Code, Role: role, Active: true, Joined: a.clock.Now()}
	if err := a.db.PutMember(ctx, member); err != nil {
		return fmt.Errorf("register the demo user: %w", err)
	}

	fmt.Fprintf(e.stdout, "chidao — bản chạy thử trong cửa sổ dòng lệnh.\nAnh/chị đang là %s của %s.\n",
		map[bool]string{true: "cán bộ Văn phòng", false: "lãnh đạo"}[*admin], unit.Name)
	fmt.Fprintln(e.stdout, "Gõ câu hỏi (ví dụ: nv5, nhiệm vụ 5 hạn khi nào?, đơn vị tôi phải làm gì), gõ số để bấm nút, /help để xem hướng dẫn.")
	if *admin {
		fmt.Fprintln(e.stdout, "Gửi một văn bản để xem trước: /tep ĐƯỜNG-DẪN-TỆP (ví dụ /tep configs/directives/synthetic-kehoach-cds-2025.md).")
	}
	fmt.Fprintln(e.stdout, "Thoát: Ctrl+D.")
	fmt.Fprintln(e.stdout)

	// The office sends the sample directive; it arrives here like on a phone.
	if err := demoBroadcast(ctx, a, sample); err != nil {
		return err
	}
	sender := delivery.New(a.db, a.handlers, out, delivery.Options{Unlimited: true, Logger: log})
	if err := sender.RunUntilEmpty(ctx); err != nil {
		return fmt.Errorf("deliver the sample directive: %w", err)
	}
	handle := a.handlers.Handler()
	err = term.Run(ctx, e.stdin, func(ctx context.Context, u *bot.Update) error {
		if err := handle(ctx, u); err != nil {
			return err
		}
		// An admin's "📤 Gửi" queues deliveries; show them as they would arrive.
		return sender.RunUntilEmpty(ctx)
	})
	if err != nil && ctx.Err() == nil {
		return err
	}
	fmt.Fprintln(e.stdout, "\nTạm biệt!")
	return nil
}

// demoUnit picks the demo user's unit: the one asked for, else the office
// for an admin, else the first current commune (or department, village).
func demoUnit(units []chidao.Unit, code string, admin bool) (chidao.Unit, error) {
	if code != "" {
		var codes []string
		for _, u := range units {
			if u.Code == code {
				return u, nil
			}
			codes = append(codes, u.Code)
		}
		return chidao.Unit{}, fmt.Errorf("%w: không có đơn vị %q; các mã: %s", errUsage, code, strings.Join(codes, ", "))
	}
	kinds := []chidao.UnitKind{chidao.KindXa, chidao.KindPhuong, chidao.KindSo, chidao.KindPhong, chidao.KindThon}
	if admin {
		kinds = []chidao.UnitKind{chidao.KindVanPhong}
	}
	if u, ok := chidao.FirstOfKinds(units, kinds...); ok {
		return u, nil
	}
	return units[0], nil
}

// demoBroadcast sends an embedded sample directive to its recipients.
func demoBroadcast(ctx context.Context, a *app, sample string) error {
	data, err := configs.File(sample)
	if err != nil {
		return err
	}
	name := strings.TrimPrefix(sample, "directives/")
	d, err := a.parser.Parse(name, data)
	if err != nil {
		return fmt.Errorf("read the sample directive: %w", err)
	}
	if _, err := a.handlers.Broadcast(ctx, d, name, data, "demo"); err != nil {
		return fmt.Errorf("send the sample directive: %w", err)
	}
	return nil
}
