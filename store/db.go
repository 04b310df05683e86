package store

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"chidao"
)

// ErrNotFound is returned (wrapped) when the thing asked for is not stored.
var ErrNotFound = errors.New("store: not found")

// DefaultPrefix is the key prefix when Options.Prefix is empty.
const DefaultPrefix = "chidao:"

// DefaultAuditCap is the approximate number of entries the audit stream keeps
// when Options.AuditCap is zero.
const DefaultAuditCap = 200_000

// Connection settings Open uses, so that a Redis that is away fails calls
// within seconds instead of hanging them: the bot keeps answering questions
// from memory meanwhile.
const (
	dialTimeout  = 2 * time.Second
	readTimeout  = 3 * time.Second
	writeTimeout = 3 * time.Second
	poolTimeout  = 4 * time.Second
	maxRetries   = 1
	dialRetries  = 2
)

// Options configures a DB.
type Options struct {
	// Prefix starts every key, so that several deployments (or tests) can
	// share one server. Default DefaultPrefix. A prefix holding a hash tag
	// of its own ("{chidao}:") puts every key in one cluster slot.
	Prefix string
	// Clock tells the time where a method takes none (the UpdatedAt of a
	// retried delivery, the At of an audit entry left zero, expired mutes
	// dropped by Mute). Default the system clock.
	Clock chidao.Clock
	// AuditCap is the approximate number of entries the audit stream keeps.
	// Default DefaultAuditCap.
	AuditCap int64
}

// DB is chidao's Redis state. It is safe for concurrent use.
type DB struct {
	c        redis.UniversalClient
	k        keys
	clock    chidao.Clock
	auditCap int64
	trips    atomic.Int64

	// fixes are outbox work-index corrections found by Claim, sent with the
	// next Claim (see outbox.go), keyed by directive ID.
	mu    sync.Mutex
	fixes map[string]indexFix
}

// Open connects to the Redis named by rawURL and pings it once. rawURL is one of
//
//	redis://[user:pass@]host:port/db   (rediss:// for TLS)
//	host:port                          (a single server)
//	host1:port1,host2:port2,…          (a Redis Cluster seed list)
//	redis-sentinel://[:pass@]h1:p1,h2:p2/MASTERNAME[?db=N]
//
// Dial, read and write timeouts are short (2 s, 3 s, 3 s, one retry) so that
// calls fail fast while Redis is away. A failed ping closes the client and
// returns the error; Open may simply be called again later.
func Open(ctx context.Context, rawURL string, opts Options) (*DB, error) {
	uo, err := parseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", redactURL(rawURL), err)
	}
	db := New(redis.NewUniversalClient(uo), opts)
	if err := db.c.Ping(ctx).Err(); err != nil {
		_ = db.c.Close()
		return nil, fmt.Errorf("store: open %s: ping: %w", redactURL(rawURL), err)
	}
	return db, nil
}

// New wraps an existing client. It adds a hook counting round trips to c; Close
// closes c.
func New(c redis.UniversalClient, opts Options) *DB {
	if opts.Prefix == "" {
		opts.Prefix = DefaultPrefix
	}
	if opts.Clock == nil {
		opts.Clock = chidao.SystemClock{}
	}
	if opts.AuditCap <= 0 {
		opts.AuditCap = DefaultAuditCap
	}
	db := &DB{c: c, k: keys{p: opts.Prefix}, clock: opts.Clock, auditCap: opts.AuditCap, fixes: map[string]indexFix{}}
	c.AddHook(tripHook{n: &db.trips})
	return db
}

// Close closes the client.
func (db *DB) Close() error {
	if err := db.c.Close(); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// Ping checks that Redis answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.c.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// RoundTrips returns the number of network round trips made so far: one per
// command and one per pipeline (a pipeline of any length is one round trip
// on a single server; a cluster splits it by node and sends those at once).
// Setting up a new connection counts too (HELLO, CLIENT SETINFO). Benchmarks
// report it.
func (db *DB) RoundTrips() int64 { return db.trips.Load() }

// Client returns the underlying client, for health checks and metrics.
func (db *DB) Client() redis.UniversalClient { return db.c }

// tripHook counts round trips.
type tripHook struct{ n *atomic.Int64 }

// DialHook leaves dialing alone.
func (h tripHook) DialHook(next redis.DialHook) redis.DialHook { return next }

// ProcessHook counts one round trip per command.
func (h tripHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmd)
	}
}

// ProcessPipelineHook counts one round trip per pipeline.
func (h tripHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmds)
	}
}

// parseURL turns the URL forms Open accepts into client options with the
// short timeouts.
func parseURL(raw string) (*redis.UniversalOptions, error) {
	raw = strings.TrimSpace(raw)
	var uo *redis.UniversalOptions
	switch {
	case raw == "":
		return nil, errors.New("no Redis URL given")
	case strings.HasPrefix(raw, "redis-sentinel://"):
		o, err := parseSentinelURL(raw)
		if err != nil {
			return nil, err
		}
		uo = o
	case strings.HasPrefix(raw, "redis://"), strings.HasPrefix(raw, "rediss://"):
		o, err := redis.ParseURL(raw)
		if err != nil {
			return nil, fmt.Errorf("parse Redis URL: %w", err)
		}
		uo = &redis.UniversalOptions{
			Addrs:        []string{o.Addr},
			DB:           o.DB,
			Username:     o.Username,
			Password:     o.Password,
			TLSConfig:    o.TLSConfig,
			Protocol:     o.Protocol,
			ClientName:   o.ClientName,
			DialTimeout:  o.DialTimeout,
			ReadTimeout:  o.ReadTimeout,
			WriteTimeout: o.WriteTimeout,
			PoolSize:     o.PoolSize,
		}
	case strings.Contains(raw, "://"):
		return nil, fmt.Errorf("unsupported Redis URL scheme in %q (want redis://, rediss://, redis-sentinel:// or host:port[,host:port…])", redactURL(raw))
	default:
		var addrs []string
		for _, a := range strings.Split(raw, ",") {
			a = strings.TrimSpace(a)
			if a == "" {
				continue
			}
			if _, _, err := net.SplitHostPort(a); err != nil {
				return nil, fmt.Errorf("address %q: want host:port: %w", a, err)
			}
			addrs = append(addrs, a)
		}
		if len(addrs) == 0 {
			return nil, errors.New("no Redis address given")
		}
		uo = &redis.UniversalOptions{Addrs: addrs}
	}
	if uo.DialTimeout == 0 {
		uo.DialTimeout = dialTimeout
	}
	if uo.ReadTimeout == 0 {
		uo.ReadTimeout = readTimeout
	}
	if uo.WriteTimeout == 0 {
		uo.WriteTimeout = writeTimeout
	}
	uo.PoolTimeout = poolTimeout
	uo.MaxRetries = maxRetries
	uo.DialerRetries = dialRetries
	uo.ContextTimeoutEnabled = true
	return uo, nil
}

// parseSentinelURL parses "redis-sentinel://[:pass@]h1:p1,h2:p2/MASTER[?db=N]".
// The password is the master's; a sentinel_password query parameter gives
// the sentinels' own.
func parseSentinelURL(raw string) (*redis.UniversalOptions, error) {
	rest := strings.TrimPrefix(raw, "redis-sentinel://")
	var query string
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		rest, query = rest[:i], rest[i+1:]
	}
	uo := &redis.UniversalOptions{}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		user, pass, _ := strings.Cut(rest[:i], ":")
		var err error
		if uo.Username, err = url.PathUnescape(user); err != nil {
			return nil, fmt.Errorf("sentinel URL user: %w", err)
		}
		if uo.Password, err = url.PathUnescape(pass); err != nil {
			return nil, fmt.Errorf("sentinel URL password: %w", err)
		}
		rest = rest[i+1:]
	}
	hosts, master, _ := strings.Cut(rest, "/")
	master = strings.Trim(master, "/")
	if master == "" {
		return nil, errors.New("sentinel URL names no master: want redis-sentinel://host:port,…/MASTERNAME")
	}
	uo.MasterName = master
	for _, h := range strings.Split(hosts, ",") {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		if _, _, err := net.SplitHostPort(h); err != nil {
			h = net.JoinHostPort(h, "26379")
		}
		uo.Addrs = append(uo.Addrs, h)
	}
	if len(uo.Addrs) == 0 {
		return nil, errors.New("sentinel URL names no sentinel")
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		return nil, fmt.Errorf("sentinel URL query: %w", err)
	}
	if v := q.Get("db"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("sentinel URL db %q: want a number", v)
		}
		uo.DB = n
	}
	uo.SentinelPassword = q.Get("sentinel_password")
	return uo, nil
}

// redactURL hides a password in a URL for error messages.
func redactURL(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return raw
	}
	i := strings.LastIndexByte(rest, '@')
	if i < 0 {
		return raw
	}
	user, _, _ := strings.Cut(rest[:i], ":")
	return scheme + "://" + user + ":xxx@" + rest[i+1:]
}

// scriptCall is one run of a Lua script inside a pipeline.
type scriptCall struct {
	s    *redis.Script
	keys []string
	args []any
}

// runScripts runs calls in one pipeline with EVALSHA. Scripts the server does
// not know (a restarted server, a failover) fail with NOSCRIPT without having
// run; they are loaded and only those calls run again. It returns the
// commands in the order of calls; the error is the first command's error
// other than redis.Nil.
func (db *DB) runScripts(ctx context.Context, calls []scriptCall) ([]*redis.Cmd, error) {
	cmds := make([]*redis.Cmd, len(calls))
	if len(calls) == 0 {
		return cmds, nil
	}
	pipe := db.c.Pipeline()
	for i, c := range calls {
		cmds[i] = c.s.EvalSha(ctx, pipe, c.keys, c.args...)
	}
	_, _ = pipe.Exec(ctx)
	var again []int
	for i, cmd := range cmds {
		if isNoScript(cmd.Err()) {
			again = append(again, i)
		}
	}
	if len(again) > 0 {
		pipe := db.c.Pipeline()
		for _, i := range again {
			c := calls[i]
			cmds[i] = c.s.Eval(ctx, pipe, c.keys, c.args...)
		}
		_, _ = pipe.Exec(ctx)
	}
	for _, cmd := range cmds {
		if err := cmd.Err(); err != nil && !errors.Is(err, redis.Nil) {
			return cmds, err
		}
	}
	return cmds, nil
}

func isNoScript(err error) bool {
	return err != nil && strings.HasPrefix(err.Error(), "NOSCRIPT")
}

// ms returns t as unix milliseconds.
func ms(t time.Time) int64 { return t.UnixMilli() }

// timeText formats t for storage: RFC 3339 with nanoseconds, "" for zero.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

// parseTimeText is the inverse of timeText.
func parseTimeText(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse stored time %q: %w", s, err)
	}
	return t, nil
}
