package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"chidao"
	"chidao/bot"
	"chidao/handlers"
	"chidao/knowledge"
	"chidao/knowledge/files"
	"chidao/knowledge/openai"
	"chidao/store"
)

// app is the wiring shared by the commands that use the store: the config,
// Redis, the knowledge base rebuilt from it, and the handlers.
type app struct {
	cfg      *config
	log      *slog.Logger
	db       *store.DB
	parser   *knowledge.Parser
	reader   *files.Reader
	index    *knowledge.Index
	handlers *handlers.Handlers
	out      bot.Messengers
	clock    chidao.Clock
}

// newLogger logs JSON to stderr at the configured level.
func newLogger(e *env, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(e.stderr, &slog.HandlerOptions{Level: l}))
}

// openStore connects to Redis; with wait it retries with backoff until Redis
// answers or ctx ends (serve), otherwise it fails at once (one-shot commands).
func openStore(ctx context.Context, cfg *config, log *slog.Logger, wait bool) (*store.DB, error) {
	backoff := 500 * time.Millisecond
	for {
		db, err := store.Open(ctx, cfg.Redis.URL, store.Options{Prefix: cfg.Redis.Prefix})
		if err == nil {
			return db, nil
		}
		if !wait {
			return nil, fmt.Errorf("connect to Redis (%s): %w", redactURL(cfg.Redis.URL), err)
		}
		log.Warn("Redis not reachable yet; retrying", "err", err, "retry_in", backoff)
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("connect to Redis: %w", ctx.Err())
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 30*time.Second)
	}
}

// redactURL hides a password in a Redis URL for messages.
func redactURL(u string) string {
	at := strings.LastIndexByte(u, '@')
	scheme := strings.Index(u, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return u
	}
	return u[:scheme+3] + "***" + u[at:]
}

// newApp connects everything the store-backed commands share. out may be
// nil (commands that send nothing).
func newApp(ctx context.Context, cfg *config, log *slog.Logger, out bot.Messengers, wait bool) (*app, error) {
	db, err := openStore(ctx, cfg, log, wait)
	if err != nil {
		return nil, err
	}
	a := &app{cfg: cfg, log: log, db: db, out: out, clock: chidao.SystemClock{}}
	if a.out == nil {
		a.out = bot.Messengers{}
	}
	if err := db.PutUnits(ctx, cfg.units); err != nil {
		db.Close()
		return nil, fmt.Errorf("store units: %w", err)
	}
	a.parser = knowledge.NewParser(cfg.units, cfg.list.Groups...)
	a.index = knowledge.NewIndex(cfg.units, cfg.list.Groups...)
	secret := []byte(cfg.Secret)
	if len(secret) == 0 {
		if secret, err = db.Secret(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("load button secret: %w", err)
		}
	}
	phraser := newPhraser(cfg, log)
	a.reader = files.New(files.Options{Cache: fileTextCache{db}, Logger: log})
	a.handlers, err = handlers.New(handlers.Deps{
		Store: db, Index: a.index, Parser: a.parser, Reader: a.reader, Phraser: phraser,
		Messengers: a.out, Clock: a.clock, Logger: log,
	}, handlers.Options{
		Office: cfg.list.Office, Units: cfg.units, Groups: cfg.list.Groups, Admins: cfg.Admins, Secret: secret, Location: cfg.location,
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	if _, err := a.handlers.Refresh(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("load directives: %w", err)
	}
	return a, nil
}

// fileTextCache keeps what was read from files in Redis, for every
// replica and across restarts.
type fileTextCache struct{ db *store.DB }

func (c fileTextCache) Get(ctx context.Context, key string) ([]byte, bool, error) {
	return c.db.FileText(ctx, key)
}

func (c fileTextCache) Put(ctx context.Context, key string, value []byte) error {
	return c.db.PutFileText(ctx, key, value)
}

// refreshDirectives keeps the knowledge base current with directives other
// processes store (a CLI broadcast or import, another replica), until ctx
// ends.
func (a *app) refreshDirectives(ctx context.Context, period time.Duration) {
	every(ctx, period, func() {
		if n, err := a.handlers.Refresh(ctx); err != nil {
			a.log.Warn("refresh directives", "err", err)
		} else if n > 0 {
			a.log.Info("directives added by another process", "count", n)
		}
	})
}

// every runs fn each period until ctx ends.
func every(ctx context.Context, period time.Duration, fn func()) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fn()
		}
	}
}

// stateLostText tells the office that Redis lost chidao's state.
const stateLostText = "⚠️ Máy chủ dữ liệu (Redis) vừa khởi động lại mà không còn dữ liệu của chidao: đăng ký của các đơn vị, tin chờ gửi, xác nhận và báo cáo đã mất. " +
	"Anh/chị báo cán bộ kỹ thuật khôi phục bản sao lưu (và bật lưu dữ liệu của Redis); nếu không, cần mời lại các đơn vị bằng /moi."

// watchState checks every so often that Redis still holds the state this
// process started with (its epoch): a Redis without persistence that
// restarts comes back empty, and chidao must not carry on as if every
// member had never registered. The loss is logged as an error, shown in
// /healthz, and told to the admins this process knows, once.
func (a *app) watchState(ctx context.Context, period time.Duration, health *healthState) {
	epoch, _, err := a.db.EnsureEpoch(ctx)
	if err != nil {
		a.log.Warn("name the Redis state", "err", err)
	}
	if persistent, known := a.db.Persistent(ctx); known && !persistent {
		a.log.Warn("Redis keeps no data across its restarts (appendonly no, no snapshots): a Redis restart loses every registration; turn on appendonly")
	}
	every(ctx, period, func() {
		now, err := a.db.Epoch(ctx)
		switch {
		case err != nil || now == epoch && epoch != "":
			return
		case epoch == "": // the first read failed: this is the state
			epoch, _, _ = a.db.EnsureEpoch(ctx)
			return
		}
		a.log.Error("Redis came back without chidao's state: registrations, deliveries and follow-ups were lost")
		health.stateLost.Store(true)
		a.handlers.WarnOffice(ctx, stateLostText)
		if epoch, _, err = a.db.EnsureEpoch(ctx); err != nil {
			epoch = ""
		}
	})
}

func (a *app) close() {
	if err := a.db.Close(); err != nil {
		a.log.Warn("close Redis", "err", err)
	}
}

// newPhraser returns the optional LLM phrasing step, or nil when no API key
// is configured.
func newPhraser(cfg *config, log *slog.Logger) *knowledge.Phraser {
	if cfg.OpenAI.APIKey == "" {
		return nil
	}
	return knowledge.NewPhraser(openai.New(openai.Options{
		APIKey: cfg.OpenAI.APIKey, BaseURL: cfg.OpenAI.BaseURL, Model: cfg.OpenAI.Model,
		Timeout: time.Duration(cfg.OpenAI.Timeout), MaxRetries: 2,
	}), log, cfg.list.Office.Name)
}
