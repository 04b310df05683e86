package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"

	"chidao"
)

// ErrPoolClosed is returned by Pool.Submit once Close has been called.
var ErrPoolClosed = errors.New("bot: pool closed")

// Pool defaults.
const (
	DefaultPoolWorkers   = 16
	DefaultPoolQueueSize = 64
)

// PoolOptions configures a Pool. Zero values get the defaults.
type PoolOptions struct {
	// Workers is the number of goroutines handling updates (16).
	Workers int
	// QueueSize is how many updates wait for each worker (64); Submit blocks
	// when the queue of the update's chat is full.
	QueueSize int
	// Handler handles each update, typically Router.Serve.
	Handler HandlerFunc
	// Logger receives handler errors and panics (never texts or names).
	Logger *slog.Logger
}

// Pool handles updates on a fixed set of workers. Every chat is bound to one
// worker (by a hash of the chat), so the updates of one chat are handled one
// at a time in the order they were submitted, while different chats run in
// parallel. It runs Workers goroutines, plus one that notes when they have
// all returned, whatever the number of chats or updates.
type Pool struct {
	queues  []chan *Update
	handler HandlerFunc
	logger  *slog.Logger

	// base is the context handlers run under; cancelled when Close gives up.
	base    context.Context
	abandon context.CancelFunc

	mu         sync.Mutex
	closed     bool
	stopping   chan struct{} // closed by Close: intake stops
	submitters sync.WaitGroup
	closeOnce  sync.Once

	workers sync.WaitGroup
	done    chan struct{} // closed when every worker has returned
}

// NewPool starts the workers. Call Close to stop them.
func NewPool(opts PoolOptions) *Pool {
	if opts.Workers <= 0 {
		opts.Workers = DefaultPoolWorkers
	}
	if opts.QueueSize <= 0 {
		opts.QueueSize = DefaultPoolQueueSize
	}
	if opts.Handler == nil {
		opts.Handler = func(context.Context, *Update) error { return nil }
	}
	base, abandon := context.WithCancel(context.Background())
	p := &Pool{
		queues:   make([]chan *Update, opts.Workers),
		handler:  opts.Handler,
		logger:   orDiscard(opts.Logger),
		base:     base,
		abandon:  abandon,
		stopping: make(chan struct{}),
		done:     make(chan struct{}),
	}
	for i := range p.queues {
		p.queues[i] = make(chan *Update, opts.QueueSize)
		p.workers.Add(1)
		go p.work(p.queues[i])
	}
	go func() {
		p.workers.Wait()
		close(p.done)
	}()
	return p
}

// Submit queues u for its chat's worker. It blocks while that queue is full,
// and gives up with ctx's error when ctx ends first, or with ErrPoolClosed
// once Close was called. ctx only bounds the wait: the handler runs under
// the pool's own context.
func (p *Pool) Submit(ctx context.Context, u *Update) error {
	if u == nil {
		return errors.New("bot: submit a nil update")
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return ErrPoolClosed
	}
	p.submitters.Add(1)
	p.mu.Unlock()
	defer p.submitters.Done()

	q := p.queues[chatIndex(u.Chat, len(p.queues))]
	select {
	case q <- u:
		return nil
	case <-p.stopping:
		return ErrPoolClosed
	case <-ctx.Done():
		return fmt.Errorf("submit update: %w", ctx.Err())
	}
}

// Close stops intake, then waits until every queued and running update has
// been handled. When ctx ends first it gives up and returns ctx's error at
// once: running handlers see their context cancelled and the updates still
// queued are dropped. Close may be called more than once.
func (p *Pool) Close(ctx context.Context) error {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.stopping)
	}
	p.mu.Unlock()
	p.closeOnce.Do(func() {
		go func() {
			// No Submit can send once every one running has returned.
			p.submitters.Wait()
			for _, q := range p.queues {
				close(q)
			}
		}()
	})
	select {
	case <-p.done:
		p.abandon()
		return nil
	case <-ctx.Done():
	}
	// Give up: handlers see a cancelled context and the workers drop what
	// is still queued, returning in the background.
	p.abandon()
	p.logger.Warn("pool closed before draining", "err", ctx.Err())
	return fmt.Errorf("close pool: %w", ctx.Err())
}

// work handles the updates of one queue in order.
func (p *Pool) work(q <-chan *Update) {
	defer p.workers.Done()
	for u := range q {
		if p.base.Err() != nil {
			continue // Close gave up: drop what is left
		}
		p.handle(u)
	}
}

// handle runs the handler on u, logging its error or panic.
func (p *Pool) handle(u *Update) {
	defer func() {
		if v := recover(); v != nil {
			p.logger.Error("handler panicked in pool",
				"update_id", u.ID, "kind", string(u.Kind), "platform", string(u.Chat.Platform),
				"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		}
	}()
	if err := p.handler(p.base, u); err != nil {
		p.logger.Warn("handler failed",
			"update_id", u.ID, "kind", string(u.Kind), "platform", string(u.Chat.Platform), "err", err)
	}
}

// chatIndex picks the worker of a chat: FNV-1a of "platform:id" modulo n.
func chatIndex(c chidao.ChatRef, n int) int {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for i := 0; i < len(c.Platform); i++ {
		h ^= uint64(c.Platform[i])
		h *= prime
	}
	h ^= ':'
	h *= prime
	for i := 0; i < len(c.ID); i++ {
		h ^= uint64(c.ID[i])
		h *= prime
	}
	return int(h % uint64(n))
}
