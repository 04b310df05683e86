package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"chidao"
	"chidao/bot"
	"chidao/bot/telegram"
	"chidao/bot/zalo"
)

// platforms are the messaging platforms the config enables.
type platforms struct {
	telegram *telegram.Client
	zalo     *zalo.Client
}

// connectPlatforms builds the enabled platform clients. Each paces its own
// sends (replies and deliveries alike) within the configured limits. With
// wait, an unreachable platform is retried with backoff until ctx ends.
func connectPlatforms(ctx context.Context, cfg *config, log *slog.Logger, wait bool) (platforms, error) {
	var p platforms
	limits := bot.Limits{
		PerSecond:         cfg.Delivery.PerSecond,
		PerChat:           time.Duration(cfg.Delivery.PerChat),
		PerGroupPerMinute: cfg.Delivery.PerGroupPerMinute,
	}
	clock := chidao.SystemClock{}
	if cfg.Telegram.enabled() {
		err := retry(ctx, log, wait, "telegram", func() error {
			c, err := telegram.New(ctx, telegram.Options{
				Token: cfg.Telegram.Token, Endpoint: cfg.Telegram.APIEndpoint, Logger: log,
				Limiter: bot.NewLimiter(limits, clock),
			})
			p.telegram = c
			return err
		})
		if err != nil {
			return p, fmt.Errorf("connect to Telegram: %w", err)
		}
	}
	if cfg.Zalo.enabled() {
		err := retry(ctx, log, wait, "zalo", func() error {
			c, err := zalo.New(ctx, zalo.Options{
				Token: cfg.Zalo.Token, Endpoint: cfg.Zalo.APIEndpoint, Logger: log,
				Limiter: bot.NewLimiter(limits, clock),
			})
			p.zalo = c
			return err
		})
		if err != nil {
			return p, fmt.Errorf("connect to Zalo: %w", err)
		}
	}
	return p, nil
}

// messengers returns the platforms as Messengers; Zalo has no buttons, so
// its buttons become numbered lines remembered in mem.
func (p platforms) messengers(mem bot.ButtonMemory, into bot.Messengers) {
	if p.telegram != nil {
		into[chidao.Telegram] = p.telegram
	}
	if p.zalo != nil {
		into[chidao.Zalo] = bot.Numbered(p.zalo, mem)
	}
}

// retry runs f until it succeeds; without wait, once.
func retry(ctx context.Context, log *slog.Logger, wait bool, what string, f func() error) error {
	backoff := time.Second
	for {
		err := f()
		if err == nil || !wait {
			return err
		}
		log.Warn("platform not reachable yet; retrying", "platform", what, "err", err, "retry_in", backoff)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, time.Minute)
	}
}

// openApp is newApp with the configured platforms wired in when connect is
// set; with wait, Redis and the platforms are retried until they answer
// (serve), otherwise a failure ends the command.
func openApp(ctx context.Context, cfg *config, log *slog.Logger, connect, wait bool) (*app, platforms, error) {
	var plats platforms
	if connect {
		var err error
		if plats, err = connectPlatforms(ctx, cfg, log, wait); err != nil {
			return nil, plats, err
		}
	}
	out := bot.Messengers{}
	a, err := newApp(ctx, cfg, log, out, wait)
	if err != nil {
		return nil, plats, err
	}
	plats.messengers(a.handlers.ButtonMemory(), out)
	return a, plats, nil
}
