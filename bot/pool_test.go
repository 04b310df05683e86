package bot

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"chidao"
)

// chat returns a Telegram chat ref for tests.
func chat(id string) chidao.ChatRef { return chidao.ChatRef{Platform: chidao.Telegram, ID: id} }

// waitGoroutines waits until at most n goroutines run, failing at the deadline.
func waitGoroutines(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := runtime.NumGoroutine()
		if got <= n {
			return
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("goroutines leaked: %d running, want <= %d\n%s", got, n, buf[:runtime.Stack(buf, true)])
		}
		runtime.Gosched()
		time.Sleep(time.Millisecond) // polling with a deadline, not synchronising
	}
}

func TestPoolOrderPerChat(t *testing.T) {
	before := runtime.NumGoroutine()
	var mu sync.Mutex
	seen := map[string][]int{}
	p := NewPool(PoolOptions{Workers: 4, QueueSize: 8, Handler: func(_ context.Context, u *Update) error {
		var n int
		fmt.Sscan(u.ID, &n)
		mu.Lock()
		seen[u.Chat.ID] = append(seen[u.Chat.ID], n)
		mu.Unlock()
		return nil
	}})
	const chats, perChat = 20, 200
	var wg sync.WaitGroup
	for c := range chats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perChat {
				if err := p.Submit(context.Background(), &Update{ID: fmt.Sprint(i), Chat: chat(fmt.Sprint(c))}); err != nil {
					t.Errorf("Submit: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := p.Close(context.Background()); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if len(seen) != chats {
		t.Fatalf("saw %d chats, want %d", len(seen), chats)
	}
	for c, ids := range seen {
		if len(ids) != perChat {
			t.Errorf("chat %s: handled %d updates, want %d", c, len(ids), perChat)
		}
		for i, id := range ids {
			if id != i {
				t.Fatalf("chat %s: update %d handled at position %d: out of order", c, id, i)
			}
		}
	}
	waitGoroutines(t, before)
}

func TestPoolParallelAcrossChats(t *testing.T) {
	// Find two chats on different workers.
	const workers = 4
	a := chat("a")
	var b chidao.ChatRef
	for i := 0; ; i++ {
		b = chat(fmt.Sprint("b", i))
		if chatIndex(a, workers) != chatIndex(b, workers) {
			break
		}
	}
	bRan := make(chan struct{})
	p := NewPool(PoolOptions{Workers: workers, Handler: func(ctx context.Context, u *Update) error {
		if u.Chat == a {
			// Chat a's handler can only finish once chat b's has run.
			select {
			case <-bRan:
				return nil
			case <-time.After(5 * time.Second):
				return errors.New("chat b never ran while chat a was busy")
			}
		}
		close(bRan)
		return nil
	}})
	defer p.Close(context.Background())
	if err := p.Submit(context.Background(), &Update{Chat: a}); err != nil {
		t.Fatal(err)
	}
	if err := p.Submit(context.Background(), &Update{Chat: b}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-bRan:
	case <-time.After(5 * time.Second):
		t.Fatal("chat b was not handled while chat a's handler was running")
	}
}

func TestPoolCloseDrainsEverything(t *testing.T) {
	before := runtime.NumGoroutine()
	release := make(chan struct{})
	var mu sync.Mutex
	handled := 0
	p := NewPool(PoolOptions{Workers: 2, QueueSize: 50, Handler: func(context.Context, *Update) error {
		<-release
		mu.Lock()
		handled++
		mu.Unlock()
		return nil
	}})
	const n = 60
	for i := range n {
		if err := p.Submit(context.Background(), &Update{Chat: chat(fmt.Sprint(i % 3))}); err != nil {
			t.Fatal(err)
		}
	}
	closed := make(chan error, 1)
	go func() { closed <- p.Close(context.Background()) }()
	// Intake stops as soon as Close is called, while the queue still drains.
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := p.Submit(context.Background(), &Update{Chat: chat("late")})
		if errors.Is(err, ErrPoolClosed) {
			break
		}
		if err != nil || time.Now().After(deadline) {
			t.Fatalf("Submit during Close = %v, want ErrPoolClosed", err)
		}
		runtime.Gosched()
	}
	close(release)
	if err := <-closed; err != nil {
		t.Fatalf("Close: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	// Submits that won the race with Close were queued, and handled too.
	if handled < n {
		t.Errorf("handled %d updates, want at least %d", handled, n)
	}
	waitGoroutines(t, before)
}

func TestPoolCloseGivesUpAtDeadline(t *testing.T) {
	before := runtime.NumGoroutine()
	started := make(chan struct{})
	sawCancel := make(chan struct{})
	var mu sync.Mutex
	handled := 0
	p := NewPool(PoolOptions{Workers: 1, QueueSize: 10, Handler: func(ctx context.Context, u *Update) error {
		mu.Lock()
		handled++
		mu.Unlock()
		if u.ID == "stuck" {
			close(started)
			<-ctx.Done()
			close(sawCancel)
		}
		return ctx.Err()
	}})
	if err := p.Submit(context.Background(), &Update{ID: "stuck", Chat: chat("1")}); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		if err := p.Submit(context.Background(), &Update{ID: "queued", Chat: chat("1")}); err != nil {
			t.Fatal(err)
		}
	}
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := p.Close(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Close = %v, want DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Close took %v after its deadline", d)
	}
	select {
	case <-sawCancel:
	case <-time.After(5 * time.Second):
		t.Fatal("the running handler's context was not cancelled")
	}
	waitGoroutines(t, before)
	mu.Lock()
	defer mu.Unlock()
	if handled != 1 {
		t.Errorf("handled %d updates after giving up, want only the stuck one", handled)
	}
}

func TestPoolSubmitHonoursContext(t *testing.T) {
	block := make(chan struct{})
	p := NewPool(PoolOptions{Workers: 1, QueueSize: 1, Handler: func(context.Context, *Update) error {
		<-block
		return nil
	}})
	defer func() {
		close(block)
		if err := p.Close(context.Background()); err != nil {
			t.Error(err)
		}
	}()
	// One update runs (blocked), one fills the queue, the third must wait.
	for range 2 {
		if err := p.Submit(context.Background(), &Update{Chat: chat("1")}); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Submit(ctx, &Update{Chat: chat("1")}) }()
	select {
	case err := <-done:
		// The first update had to leave the queue for the second to enter:
		// the worker holds one, the queue the other, so there is no room.
		t.Fatalf("Submit into a full queue returned %v without waiting", err)
	case <-time.After(50 * time.Millisecond):
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Submit after cancel = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Submit did not return after its context was cancelled")
	}
}

func TestPoolSurvivesPanics(t *testing.T) {
	done := make(chan string, 2)
	p := NewPool(PoolOptions{Workers: 1, Handler: func(_ context.Context, u *Update) error {
		if u.ID == "panic" {
			panic("boom")
		}
		done <- u.ID
		return nil
	}})
	defer p.Close(context.Background())
	for _, id := range []string{"panic", "after"} {
		if err := p.Submit(context.Background(), &Update{ID: id, Chat: chat("1")}); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case id := <-done:
		if id != "after" {
			t.Fatalf("handled %q", id)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the worker died with the panicking handler")
	}
}

func TestPoolSubmitAfterClose(t *testing.T) {
	p := NewPool(PoolOptions{})
	if err := p.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(context.Background()); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if err := p.Submit(context.Background(), &Update{}); !errors.Is(err, ErrPoolClosed) {
		t.Fatalf("Submit after Close = %v, want ErrPoolClosed", err)
	}
}
