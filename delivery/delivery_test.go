package delivery

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"chidao"
	"chidao/bot"
	"chidao/internal/redistest"
	"chidao/store"
)

// fakeMessenger answers each send from a script keyed by chat, and records
// what was sent.
type fakeMessenger struct {
	mu     sync.Mutex
	fail   map[string][]error // chat id -> errors to return, in order
	sent   map[string][]bot.Message
	nextID int
}

func newFake() *fakeMessenger {
	return &fakeMessenger{fail: map[string][]error{}, sent: map[string][]bot.Message{}}
}

func (f *fakeMessenger) Send(_ context.Context, m bot.Message) (bot.Sent, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if errs := f.fail[m.Chat.ID]; len(errs) > 0 {
		f.fail[m.Chat.ID] = errs[1:]
		if errs[0] != nil {
			return bot.Sent{}, errs[0]
		}
	}
	f.nextID++
	f.sent[m.Chat.ID] = append(f.sent[m.Chat.ID], m)
	return bot.Sent{MessageID: strconv.Itoa(f.nextID)}, nil
}

func (f *fakeMessenger) Edit(context.Context, chidao.ChatRef, string, bot.Message) error { return nil }
func (f *fakeMessenger) AnswerCallback(context.Context, string, string) error            { return nil }
func (f *fakeMessenger) Download(context.Context, string, int64) ([]byte, error) {
	return nil, bot.ErrNotSupported
}

func (f *fakeMessenger) count(chat string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.sent[chat])
}

// composer writes a fixed message with a file, and records unreachable members.
type composer struct {
	mu          sync.Mutex
	unreachable []string
}

func (c *composer) DeliveryMessage(_ context.Context, d store.Delivery) (bot.Message, error) {
	return bot.Message{Chat: d.Chat, Text: "Văn bản " + d.Directive,
		Buttons: [][]bot.Button{{{Text: "✅ Đã nhận", Data: "a|x|sig"}}},
		File:    &bot.Attachment{Name: "vb.md", Data: []byte("nội dung")}}, nil
}

func (c *composer) Unreachable(_ context.Context, d store.Delivery, _ string) {
	c.mu.Lock()
	c.unreachable = append(c.unreachable, d.Member)
	c.mu.Unlock()
}

// stepClock is a clock tests move by hand.
type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *stepClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *stepClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func openDB(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), redistest.URL(t), store.Options{Prefix: redistest.Prefix(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// queue puts n members of unit u and their deliveries of directive d in the store.
func queue(t *testing.T, db *store.DB, d string, n int, now time.Time) []store.Delivery {
	t.Helper()
	ctx := context.Background()
	var ds []store.Delivery
	for i := range n {
		m := chidao.Member{Platform: chidao.Telegram, UserID: fmt.Sprint(1000 + i), ChatID: fmt.Sprint(1000 + i),
			Unit: "xa-an-son", Role: chidao.RoleHead, Active: true}
		if err := db.PutMember(ctx, m); err != nil {
			t.Fatal(err)
		}
		ds = append(ds, store.Delivery{Directive: d, Member: m.Key(), Unit: m.Unit, Chat: m.Chat(), State: store.StatePending})
	}
	if _, err := db.Enqueue(ctx, d, ds, now); err != nil {
		t.Fatal(err)
	}
	return ds
}

func states(t *testing.T, db *store.DB, d string) map[string]store.Delivery {
	t.Helper()
	ds, err := db.Deliveries(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.Delivery{}
	for _, x := range ds {
		out[x.Chat.ID] = x
	}
	return out
}

func TestSenderOutcomes(t *testing.T) {
	db := openDB(t)
	clock := &stepClock{t: time.Date(2024, 6, 3, 8, 0, 0, 0, time.UTC)}
	queue(t, db, "227-tb-ubnd-2024", 5, clock.Now())
	fake := newFake()
	fake.fail["1001"] = []error{fmt.Errorf("send: %w", bot.ErrForbidden)}
	fake.fail["1002"] = []error{&bot.TemporaryError{Err: errors.New("502 bad gateway")}}
	fake.fail["1003"] = []error{fmt.Errorf("send: %w", bot.ErrChatNotFound)}
	fake.fail["1004"] = []error{errors.New("400 Bad Request: message text is empty")}
	comp := &composer{}
	s := New(db, comp, bot.Messengers{chidao.Telegram: fake}, Options{Unlimited: true, Clock: clock, Idle: time.Millisecond})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	// The first pass: one delivered, two unreachable, one to retry, one refused.
	sendBatch(s, ctx, claim(t, db, clock.Now()))
	st := states(t, db, "227-tb-ubnd-2024")
	want := map[string]string{"1000": store.StateSent, "1001": store.StateFailed, "1002": store.StatePending, "1003": store.StateFailed, "1004": store.StateFailed}
	for chat, w := range want {
		if st[chat].State != w {
			t.Errorf("chat %s: state %q, want %q (error %q)", chat, st[chat].State, w, st[chat].Error)
		}
	}
	if st["1000"].MessageID == "" {
		t.Error("a delivered entry keeps no message id")
	}
	if fake.count("1000") != 2 {
		t.Errorf("member 1000 got %d messages, want the text and the file", fake.count("1000"))
	}
	for _, key := range []string{"telegram:1001", "telegram:1003"} {
		m, err := db.Member(ctx, chidao.Telegram, key[len("telegram:"):])
		if err != nil || m.Active {
			t.Errorf("%s: active=%v err=%v; want marked inactive after a permanent failure", key, m.Active, err)
		}
	}
	if len(comp.unreachable) != 2 {
		t.Errorf("the office heard of %d unreachable members, want 2", len(comp.unreachable))
	}

	// The retry is not claimable at once, then is after its backoff.
	if got := claim(t, db, clock.Now()); len(got) != 0 {
		t.Errorf("claimed %d right after a retry was scheduled; want 0", len(got))
	}
	clock.add(10 * time.Minute)
	if err := s.RunUntilEmpty(ctx); err != nil {
		t.Fatal(err)
	}
	if got := states(t, db, "227-tb-ubnd-2024")["1002"]; got.State != store.StateSent || got.Attempts != 2 {
		t.Errorf("retried entry: state %q attempts %d, want sent after 2 attempts", got.State, got.Attempts)
	}
	if st := s.Stats(); st.Delivered != 2 || st.Failed != 3 || st.Retried != 1 {
		t.Errorf("stats = %+v, want 2 delivered, 3 failed, 1 retried", st)
	}
	log, err := db.AuditLog(ctx, time.Time{}, 100)
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, e := range log {
		actions[e.Action]++
	}
	if actions["deliver"] != 2 || actions["deliver-failed"] != 3 || actions["deliver-retry"] != 1 {
		t.Errorf("audit actions = %v; want every send and failure written", actions)
	}
}

// sendBatch sends a claimed batch one by one and records the outcomes, as
// one turn of the pipeline would.
func sendBatch(s *Sender, ctx context.Context, batch []store.Delivery) {
	results := make(chan outcome, len(batch))
	var pending atomic.Int64
	pending.Add(int64(len(batch)))
	for _, d := range batch {
		a, x := s.deliver(ctx, d)
		results <- outcome{audit: a, sent: x}
	}
	close(results)
	s.collect(ctx, results, &pending, make(chan struct{}, 1))
}

func claim(t *testing.T, db *store.DB, now time.Time) []store.Delivery {
	t.Helper()
	ds, err := db.Claim(context.Background(), now, 2*time.Minute, 100)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestSenderHonoursRetryAfter(t *testing.T) {
	db := openDB(t)
	clock := &stepClock{t: time.Date(2024, 6, 3, 8, 0, 0, 0, time.UTC)}
	queue(t, db, "52-kh-ubnd-20250210", 1, clock.Now())
	fake := newFake()
	// A short retry_after is waited for in place; a long one puts the
	// entry back on the queue for that long rather than hold a worker.
	fake.fail["1000"] = []error{&bot.RetryAfterError{After: 10 * time.Millisecond}, &bot.RetryAfterError{After: 7 * time.Second}}
	s := New(db, &composer{}, bot.Messengers{chidao.Telegram: fake}, Options{Unlimited: true, Clock: clock})
	sendBatch(s, context.Background(), claim(t, db, clock.Now()))
	if st := s.Stats(); st.RateLimited != 2 || st.Retried != 1 {
		t.Fatalf("stats %+v: want 2 rate-limited sends and one retry", st)
	}
	clock.add(6 * time.Second)
	if got := claim(t, db, clock.Now()); len(got) != 0 {
		t.Fatal("claimed before retry_after passed")
	}
	clock.add(2 * time.Second)
	if got := claim(t, db, clock.Now()); len(got) != 1 {
		t.Fatalf("claimed %d after retry_after, want 1", len(got))
	}
}

func TestSenderGivesUpAfterMaxAttempts(t *testing.T) {
	db := openDB(t)
	clock := &stepClock{t: time.Date(2024, 6, 3, 8, 0, 0, 0, time.UTC)}
	queue(t, db, "52-kh-ubnd-20250210", 1, clock.Now())
	fake := newFake()
	for range 10 {
		fake.fail["1000"] = append(fake.fail["1000"], &bot.TemporaryError{Err: errors.New("connection reset")})
	}
	s := New(db, &composer{}, bot.Messengers{chidao.Telegram: fake}, Options{Unlimited: true, Clock: clock, MaxAttempts: 3})
	for range 5 {
		if ds := claim(t, db, clock.Now()); len(ds) > 0 {
			sendBatch(s, context.Background(), ds)
		}
		clock.add(time.Hour)
	}
	got := states(t, db, "52-kh-ubnd-20250210")["1000"]
	if got.State != store.StateFailed || got.Attempts != 3 {
		t.Errorf("state %q after %d attempts; want failed after 3", got.State, got.Attempts)
	}
}

// TestSendersShareTheOutbox runs two senders at once (two replicas, or a CLI
// broadcast beside serve): every member gets the directive exactly once.
func TestSendersShareTheOutbox(t *testing.T) {
	db := openDB(t)
	now := time.Now()
	queue(t, db, "227-tb-ubnd-2024", 300, now)
	fake := newFake()
	ms := bot.Messengers{chidao.Telegram: fake}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for range 2 {
		s := New(db, &composer{}, ms, Options{Unlimited: true, Batch: 16, Idle: 10 * time.Millisecond})
		wg.Go(func() {
			if err := s.RunUntilEmpty(ctx); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i := range 300 {
		if n := fake.count(fmt.Sprint(1000 + i)); n != 2 {
			t.Fatalf("member %d got %d messages, want exactly the text and the file once", 1000+i, n)
		}
	}
}

// BenchmarkOutbox drains an outbox of 5,000 deliveries through real Redis
// with pacing off and a messenger that answers at once: deliveries per
// second is what the outbox and the sender cost, not the platform.
func BenchmarkOutbox(b *testing.B) {
	db, err := store.Open(context.Background(), redistest.URL(b), store.Options{Prefix: redistest.Prefix(b)})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	const n = 5000
	ctx := context.Background()
	var members []store.Delivery
	for i := range n {
		id := fmt.Sprint(100000 + i)
		members = append(members, store.Delivery{Member: "telegram:" + id, Unit: "xa-an-son",
			Chat: chidao.ChatRef{Platform: chidao.Telegram, ID: id}, State: store.StatePending})
	}
	var total time.Duration
	for i := 0; b.Loop(); i++ {
		dir := fmt.Sprintf("bench-%d", i)
		for j := range members {
			members[j].Directive = dir
		}
		if _, err := db.Enqueue(ctx, dir, members, time.Now()); err != nil {
			b.Fatal(err)
		}
		s := New(db, nopComposer{}, bot.Messengers{chidao.Telegram: nopMessenger{}}, Options{Unlimited: true, Batch: 128, Workers: 16})
		start := time.Now()
		if err := s.RunUntilEmpty(ctx); err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		if s.Stats().Delivered != n {
			b.Fatalf("delivered %d of %d", s.Stats().Delivered, n)
		}
	}
	b.ReportMetric(float64(n*b.N)/total.Seconds(), "deliveries/s")
}

type nopComposer struct{}

func (nopComposer) DeliveryMessage(_ context.Context, d store.Delivery) (bot.Message, error) {
	return bot.Message{Chat: d.Chat, Text: "x"}, nil
}
func (nopComposer) Unreachable(context.Context, store.Delivery, string) {}

type nopMessenger struct{}

func (nopMessenger) Send(context.Context, bot.Message) (bot.Sent, error) {
	return bot.Sent{MessageID: "1"}, nil
}
func (nopMessenger) Edit(context.Context, chidao.ChatRef, string, bot.Message) error { return nil }
func (nopMessenger) AnswerCallback(context.Context, string, string) error            { return nil }
func (nopMessenger) Download(context.Context, string, int64) ([]byte, error)         { return nil, nil }
