package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"chidao"
	"chidao/bot"
	"chidao/delivery"
	"chidao/internal/metrics"
	"chidao/internal/redistest"
)

// benchMessenger is a Telegram that answers at once: it counts the
// messages and gives each an id.
type benchMessenger struct {
	sent atomic.Int64
	wg   *sync.WaitGroup // Done per message, when set
}

func (m *benchMessenger) Send(ctx context.Context, msg bot.Message) (bot.Sent, error) {
	n := m.sent.Add(1)
	if m.wg != nil {
		m.wg.Done()
	}
	return bot.Sent{MessageID: strconv.FormatInt(n, 10)}, nil
}

func (m *benchMessenger) Edit(ctx context.Context, chat chidao.ChatRef, messageID string, msg bot.Message) error {
	return nil
}

func (m *benchMessenger) AnswerCallback(ctx context.Context, callbackID, notice string) error {
	return nil
}

func (m *benchMessenger) Download(ctx context.Context, fileID string, limit int64) ([]byte, error) {
	return nil, errors.New("bench: no files")
}

// benchApp builds the app as serve does (config from the environment, the
// store on a real Redis with a prefix of its own, the knowledge base, the
// handlers), with out as Telegram, and stores the sample directive.
func benchApp(b *testing.B, out bot.Messenger) *app {
	b.Helper()
	vars := map[string]string{
		"CHIDAO_REDIS_URL":    redistest.URL(b),
		"CHIDAO_REDIS_PREFIX": redistest.Prefix(b),
		"CHIDAO_LOG_LEVEL":    "error",
	}
	e := &env{stdout: &syncBuffer{}, stderr: &syncBuffer{}, getenv: func(k string) string { return vars[k] }}
	cfg, err := loadConfig(e, "")
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	a, err := newApp(ctx, cfg, newLogger(e, cfg.LogLevel), bot.Messengers{chidao.Telegram: out}, false)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(a.close)
	data, err := os.ReadFile(sampleDirective)
	if err != nil {
		b.Fatal(err)
	}
	d, err := a.parser.Parse(filepath.Base(sampleDirective), data)
	if err != nil {
		b.Fatal(err)
	}
	if err := a.handlers.Import(ctx, d, filepath.Base(sampleDirective), data); err != nil {
		b.Fatal(err)
	}
	return a
}

// benchMembers stores n heads, one per chat, over the units in turn.
func benchMembers(b *testing.B, a *app, first, n int) []chidao.Member {
	b.Helper()
	ms := make([]chidao.Member, n)
	for i := range ms {
		id := strconv.Itoa(first + i)
		unit := a.cfg.units[i%len(a.cfg.units)].Code
		ms[i] = chidao.Member{Platform: chidao.Telegram, UserID: id, ChatID: id, DisplayName: "Cán bộ " + id,
			Unit: unit, Role: chidao.RoleHead, Active: true, Joined: time.Now()}
		if err := a.db.PutMember(context.Background(), ms[i]); err != nil {
			b.Fatal(err)
		}
	}
	return ms
}

// BenchmarkQuestionPath pushes "nv5" questions from 1,000 registered heads
// through serve's handler stack (the update counter, the router, member
// lookup, the knowledge base, the reply) on serve's worker pool, with real
// Redis and a Telegram that answers at once. It reports updates/s (target
// ≥ 2,000/s) and Redis round trips per update (target ≤ 2).
func BenchmarkQuestionPath(b *testing.B) {
	const chats = 1000
	var wg sync.WaitGroup
	out := &benchMessenger{wg: &wg}
	a := benchApp(b, out)
	members := benchMembers(b, a, 7_000_000, chats)
	reg := metrics.New()
	updates := reg.Counter("chidao_updates_total", "Updates handled.", "platform", "kind", "outcome")
	pool := bot.NewPool(bot.PoolOptions{Workers: a.cfg.Workers, Handler: a.handlers.Handler(countUpdates(updates))})
	defer pool.Close(context.Background())
	ctx := context.Background()

	// One question per chat first, so that connections are open.
	wg.Add(chats)
	for i, m := range members {
		submitQuestion(b, pool, m, i)
	}
	wg.Wait()

	trips := a.db.RoundTrips()
	b.ResetTimer()
	start := time.Now()
	wg.Add(b.N)
	for i := range b.N {
		submitQuestion(b, pool, members[i%chats], chats+i)
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "updates/s")
	b.ReportMetric(float64(a.db.RoundTrips()-trips)/float64(b.N), "redis-rt/update")
	_ = ctx
}

func submitQuestion(b *testing.B, pool *bot.Pool, m chidao.Member, id int) {
	u := &bot.Update{
		ID: strconv.Itoa(id), Kind: bot.KindText, Chat: m.Chat(), Private: true,
		UserID: m.UserID, DisplayName: m.DisplayName, Text: "nv5", At: time.Now(),
	}
	if err := pool.Submit(context.Background(), u); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkOutboxDrain broadcasts the sample directive to 5,000 heads
// (handlers.Broadcast writes the outbox) and drains it with serve's
// delivery.Sender, pacing off, to a Telegram that answers at once: each
// delivery is composed by the handlers (text, buttons, the stored file) and
// recorded sent. It reports deliveries/s of the drain (target ≥ 5,000/s).
func BenchmarkOutboxDrain(b *testing.B) {
	const n = 5000
	out := &benchMessenger{}
	a := benchApp(b, out)
	benchMembers(b, a, 8_000_000, n)
	d, ok := a.index.Directive(sampleDirectiveID)
	if !ok {
		b.Fatal("the sample directive is not in the knowledge base")
	}
	data, err := os.ReadFile(sampleDirective)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var drain, enqueue time.Duration
	b.ResetTimer()
	for i := range b.N {
		c := *d
		c.ID = fmt.Sprintf("%s-%d", d.ID, i) // a new broadcast each round
		t0 := time.Now()
		res, err := a.handlers.Broadcast(ctx, &c, "vanquan-cchc-2024.md", data, "bench")
		if err != nil {
			b.Fatal(err)
		}
		if res.Queued != n {
			b.Fatalf("queued %d deliveries, want %d", res.Queued, n)
		}
		t1 := time.Now()
		s := delivery.New(a.db, a.handlers, a.out, delivery.Options{Unlimited: true, Workers: a.cfg.Delivery.Workers, Lease: time.Duration(a.cfg.Delivery.Lease)})
		if err := s.RunUntilEmpty(ctx); err != nil {
			b.Fatal(err)
		}
		if st := s.Stats(); st.Delivered != n {
			b.Fatalf("delivered %d, want %d (%+v)", st.Delivered, n, st)
		}
		enqueue += t1.Sub(t0)
		drain += time.Since(t1)
	}
	b.StopTimer()
	b.ReportMetric(float64(n*b.N)/drain.Seconds(), "deliveries/s")
	b.ReportMetric(float64(enqueue.Milliseconds())/float64(b.N), "enqueue-ms/op")
}
