package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"chidao"
	"chidao/bot"
	"chidao/delivery"
	"chidao/handlers"
	"chidao/internal/metrics"
	"chidao/store"
)

// Shutdown budget: stop intake, then finish the updates in flight.
const (
	shutdownHTTP    = 5 * time.Second
	shutdownUpdates = 20 * time.Second
)

// runServe is `chidao serve`: the platforms, the outbox sender, the reminder
// loop and the HTTP endpoints, until SIGINT or SIGTERM.
func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags("serve", e)
	configPath := fs.String("config", "", "config file (default $CHIDAO_CONFIG)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(e, *configPath)
	if err != nil {
		return err
	}
	log := newLogger(e, cfg.LogLevel)
	if !cfg.Telegram.enabled() && !cfg.Zalo.enabled() {
		log.Warn("no platform enabled: set CHIDAO_TELEGRAM_TOKEN or CHIDAO_ZALO_TOKEN; serving reminders and HTTP only")
	}

	reg := metrics.New()
	health := &healthState{}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", reg)
	mux.Handle("GET /healthz", health)
	ln, err := net.Listen("tcp", cfg.HTTP.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.HTTP.Addr, err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("HTTP server stopped", "err", err)
		}
	})
	log.Info("HTTP listening", "addr", ln.Addr().String())
	defer func() {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownHTTP)
		defer cancel()
		_ = srv.Shutdown(sctx)
		wg.Wait()
	}()

	a, plats, err := openApp(ctx, cfg, log, true, true)
	if err != nil {
		return err
	}
	defer a.close()
	out := a.out
	health.db = a.db
	health.quarantined = a.handlers.Quarantined
	health.platforms = map[string]*atomic.Value{}
	if err := a.handlers.Warm(ctx); err != nil {
		log.Warn("preload members", "err", err)
	}

	rem, err := newReminders(a, cfg, log)
	if err != nil {
		return err
	}
	sender := delivery.New(a.db, a.handlers, out, delivery.Options{Unlimited: true, Workers: cfg.Delivery.Workers, Lease: time.Duration(cfg.Delivery.Lease), Logger: log})
	a.handlers.OnBroadcast(sender.Wake)
	if plats.telegram != nil {
		a.handlers.OnAdmin(func(ctx context.Context, m chidao.Member) {
			if m.Platform != chidao.Telegram {
				return
			}
			if err := plats.telegram.SetCommands(ctx, telegramCommands(a.handlers.Commands(true)), m.ChatID); err != nil {
				log.Warn("set the office's command menu for a new admin", "err", err)
			}
		})
	}
	registerMetrics(reg, a, sender, health)
	reg.Gauge("chidao_webhook_refused", "Webhook requests refused for a wrong secret token, both platforms.", func() float64 {
		n := int64(0)
		if plats.telegram != nil {
			n += plats.telegram.RefusedWebhooks()
		}
		if plats.zalo != nil {
			n += plats.zalo.RefusedWebhooks()
		}
		return float64(n)
	})

	updates := reg.Counter("chidao_updates_total", "Updates handled, by platform, kind and outcome.", "platform", "kind", "outcome")
	mw := []bot.Middleware{countUpdates(updates)}
	webhook := cfg.Telegram.Mode == "webhook" || cfg.Zalo.Mode == "webhook"
	if webhook {
		mw = append(mw, a.handlers.Dedup)
	}
	pool := bot.NewPool(bot.PoolOptions{Workers: cfg.Workers, Handler: a.handlers.Handler(mw...), Logger: log})
	// No chat holds up the others: past its budget a chat's updates are
	// dropped at intake, and it is told once a minute.
	dropped := reg.Counter("chidao_updates_dropped_total", "Updates dropped at intake: their chat was over its budget.", "platform")
	submit := bot.NewBudget(bot.BudgetOptions{Admins: cfg.Admins, Clock: a.clock}).Sink(pool.Submit, out,
		func(u *bot.Update) { dropped.Inc(string(u.Chat.Platform)) })

	// Intake runs under its own context so that it stops first on shutdown.
	intake, stopIntake := context.WithCancel(ctx)
	defer stopIntake()
	var bg sync.WaitGroup
	if err := startPlatforms(intake, ctx, cfg, plats, a, submit, mux, health, log, &bg); err != nil {
		return err
	}
	bg.Go(func() { a.refreshDirectives(intake, 15*time.Second) })
	bg.Go(func() { a.watchState(intake, time.Duration(cfg.Redis.StateCheck), health) })
	bg.Go(func() {
		if err := sender.Run(intake); err != nil && !errors.Is(err, context.Canceled) {
			log.Error("outbox sender stopped", "err", err)
		}
	})
	if rem != nil {
		bg.Go(func() {
			if err := rem.Run(intake); err != nil && !errors.Is(err, context.Canceled) {
				log.Error("reminder loop stopped", "err", err)
			}
		})
	}
	health.ready.Store(true)
	log.Info("chidao serving", "telegram", plats.telegram != nil, "zalo", plats.zalo != nil, "directives", a.index.Len())

	<-ctx.Done()
	log.Info("shutting down: finishing updates in flight")
	health.ready.Store(false)
	stopIntake()
	bg.Wait()
	dctx, cancel := context.WithTimeout(context.Background(), shutdownUpdates)
	defer cancel()
	if err := pool.Close(dctx); err != nil {
		log.Warn("updates still in flight at shutdown", "err", err)
	}
	a.handlers.FlushNotices(dctx)
	return nil
}

// startPlatforms starts receiving updates: a long-poll loop per platform,
// or webhook handlers on the HTTP server; and sets Telegram's command menus.
func startPlatforms(intake, ctx context.Context, cfg *config, p platforms, a *app, submit func(context.Context, *bot.Update) error, mux *http.ServeMux,
	health *healthState, log *slog.Logger, bg *sync.WaitGroup) error {
	if p.telegram != nil {
		st := health.platform("telegram")
		if err := setTelegramCommands(ctx, p, a); err != nil {
			log.Warn("set Telegram command menu", "err", err)
		}
		if cfg.Telegram.Mode == "webhook" {
			mux.Handle("POST /telegram/webhook", p.telegram.WebhookHandler(cfg.Telegram.WebhookSecret, submit))
			if err := p.telegram.SetWebhook(ctx, cfg.Telegram.WebhookURL, cfg.Telegram.WebhookSecret); err != nil {
				return fmt.Errorf("set Telegram webhook: %w", err)
			}
			st.Store("webhook")
		} else {
			if err := p.telegram.DeleteWebhook(ctx); err != nil {
				log.Warn("delete Telegram webhook before polling", "err", err)
			}
			st.Store("polling")
			bg.Go(func() {
				if err := p.telegram.Poll(intake, submit); err != nil && !errors.Is(err, context.Canceled) {
					st.Store("error: " + err.Error())
					log.Error("Telegram polling stopped", "err", err)
				}
			})
		}
	}
	if p.zalo != nil {
		st := health.platform("zalo")
		if cfg.Zalo.Mode == "webhook" {
			mux.Handle("POST /zalo/webhook", p.zalo.WebhookHandler(cfg.Zalo.WebhookSecret, submit))
			if err := p.zalo.SetWebhook(ctx, cfg.Zalo.WebhookURL, cfg.Zalo.WebhookSecret); err != nil {
				return fmt.Errorf("set Zalo webhook: %w", err)
			}
			st.Store("webhook")
		} else {
			st.Store("polling")
			bg.Go(func() {
				if err := p.zalo.Poll(intake, submit); err != nil && !errors.Is(err, context.Canceled) {
					st.Store("error: " + err.Error())
					log.Error("Zalo polling stopped", "err", err)
				}
			})
		}
	}
	return nil
}

// setTelegramCommands sets the command menu: the heads' for everyone, the
// office's for each admin's chat.
func setTelegramCommands(ctx context.Context, p platforms, a *app) error {
	if err := p.telegram.SetCommands(ctx, telegramCommands(a.handlers.Commands(false)), ""); err != nil {
		return err
	}
	members, err := a.db.Members(ctx)
	if err != nil {
		return err
	}
	// Admins named in the configuration get the office's menu before they
	// ever write: a Telegram private chat's id is the user's id.
	var chats []string
	for _, k := range a.cfg.Admins {
		if id, ok := strings.CutPrefix(k, "telegram:"); ok {
			chats = append(chats, id)
		}
	}
	for _, m := range members {
		if m.IsAdmin() && m.Platform == "telegram" && m.ChatID != "" && !slices.Contains(chats, m.ChatID) {
			chats = append(chats, m.ChatID)
		}
	}
	for _, id := range chats {
		if err := p.telegram.SetCommands(ctx, telegramCommands(a.handlers.Commands(true)), id); err != nil {
			return err
		}
	}
	return nil
}

// healthState is what /healthz reports.
type healthState struct {
	ready       atomic.Bool
	stateLost   atomic.Bool // Redis came back without chidao's state
	db          *store.DB
	quarantined func() []string // stored directives left out: unreadable
	mu          sync.Mutex
	platforms   map[string]*atomic.Value
}

func (h *healthState) platform(name string) *atomic.Value {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.platforms == nil {
		h.platforms = map[string]*atomic.Value{}
	}
	v := &atomic.Value{}
	v.Store("starting")
	h.platforms[name] = v
	return v
}

// ServeHTTP answers 200 when Redis answers and serving has started, 503
// otherwise, with the state of each part as JSON.
func (h *healthState) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body := map[string]any{"status": "ok"}
	code := http.StatusOK
	if !h.ready.Load() {
		body["status"], code = "starting", http.StatusServiceUnavailable
	}
	if h.db == nil {
		body["redis"] = "connecting"
	} else {
		ctx, cancel := context.WithTimeout(r.Context(), time.Second)
		defer cancel()
		if err := h.db.Ping(ctx); err != nil {
			body["redis"], body["status"], code = "error: "+err.Error(), "degraded", http.StatusServiceUnavailable
		} else {
			body["redis"] = "ok"
		}
	}
	if h.stateLost.Load() {
		body["redis_state"] = "lost: registrations, deliveries and follow-ups are gone"
		body["status"] = "degraded"
	}
	h.mu.Lock()
	plat := map[string]any{}
	for name, v := range h.platforms {
		plat[name] = v.Load()
	}
	h.mu.Unlock()
	body["platforms"] = plat
	body["quarantined"] = []string{}
	if h.quarantined != nil {
		if q := h.quarantined(); len(q) > 0 {
			body["quarantined"] = q
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(body)
}

// countUpdates counts each update by platform, kind and outcome.
func countUpdates(c *metrics.Counter) bot.Middleware {
	return func(next bot.HandlerFunc) bot.HandlerFunc {
		return func(ctx context.Context, u *bot.Update) error {
			err := next(ctx, u)
			outcome := "ok"
			if err != nil {
				outcome = "error"
			}
			c.Inc(string(u.Chat.Platform), string(u.Kind), outcome)
			return err
		}
	}
}

// registerMetrics exposes the sender's and the store's numbers.
func registerMetrics(reg *metrics.Registry, a *app, s *delivery.Sender, h *healthState) {
	reg.Gauge("chidao_deliveries_delivered", "Deliveries sent by this process.", func() float64 { return float64(s.Stats().Delivered) })
	reg.Gauge("chidao_deliveries_failed", "Deliveries that failed for good in this process.", func() float64 { return float64(s.Stats().Failed) })
	reg.Gauge("chidao_deliveries_retried", "Deliveries put back for a retry by this process.", func() float64 { return float64(s.Stats().Retried) })
	reg.Gauge("chidao_rate_limited", "429 answers seen by this process.", func() float64 { return float64(s.Stats().RateLimited) })
	reg.Gauge("chidao_directives", "Directives in the knowledge base.", func() float64 { return float64(a.index.Len()) })
	reg.Gauge("chidao_redis_round_trips", "Redis round trips made by this process.", func() float64 { return float64(a.db.RoundTrips()) })
	reg.Gauge("chidao_outbox_queued", "Deliveries waiting in the outbox (all processes).", func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		n, err := a.db.Queued(ctx)
		if err != nil {
			return -1
		}
		return float64(n)
	})
	reg.Gauge("chidao_ready", "1 when serving.", func() float64 {
		if h.ready.Load() {
			return 1
		}
		return 0
	})
}

var _ = handlers.Command{}
