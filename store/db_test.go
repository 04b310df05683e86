package store

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"chidao"
	"chidao/internal/redistest"
)

// newDB opens a DB on the test Redis under a prefix of the test's own.
func newDB(t testing.TB) *DB {
	t.Helper()
	return openOn(t, redistest.URL(t))
}

func openOn(t testing.TB, url string) *DB {
	t.Helper()
	db, err := Open(context.Background(), url, Options{Prefix: redistest.Prefix(t)})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// trips runs f and returns the round trips it made.
func trips(db *DB, f func()) int64 {
	before := db.RoundTrips()
	f()
	return db.RoundTrips() - before
}

var t0 = time.Date(2024, 6, 3, 8, 0, 0, 0, time.UTC)

func TestOpenRejectsBadURLs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, url, want string
	}{
		{"empty", "", "no Redis URL"},
		{"unknown scheme", "http://127.0.0.1:6379", "unsupported Redis URL scheme"},
		{"host without port", "localhost", "want host:port"},
		{"bad db number", "redis://127.0.0.1:6379/abc", "invalid database number"},
		{"sentinel without master", "redis-sentinel://127.0.0.1:26379", "names no master"},
		{"sentinel bad db", "redis-sentinel://127.0.0.1:26379/mymaster?db=x", "want a number"},
		{"password hidden", "http://user:secret@127.0.0.1:6379", "user:xxx@"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Open(context.Background(), tt.url, Options{})
			if err == nil {
				t.Fatalf("Open(%q) succeeded", tt.url)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Open(%q) = %v, want it to say %q", tt.url, err, tt.want)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("Open(%q) error shows the password: %v", tt.url, err)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("Open(%q) took %v", tt.url, d)
			}
		})
	}
}

// TestHungServerTimesOut: a server that accepts connections and never
// answers fails calls after the read timeout, or sooner at the caller's
// deadline.
func TestHungServerTimesOut(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { close(done); _ = l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() { <-done; _ = c.Close() }()
		}
	}()
	url := "redis://" + l.Addr().String() + "/0"

	start := time.Now()
	_, err = Open(context.Background(), url, Options{})
	if err == nil || !strings.Contains(err.Error(), "timeout") {
		t.Errorf("Open on a hung server = %v, want a timeout", err)
	}
	if d := time.Since(start); d > 2*(dialTimeout+readTimeout) {
		t.Errorf("Open on a hung server took %v", d)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start = time.Now()
	if _, err := Open(ctx, url, Options{}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Open on a hung server with a deadline = %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Open with a 300ms deadline took %v", d)
	}
}

func TestParseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url        string
		addrs      []string
		db         int
		master     string
		password   string
		sentinelPW string
	}{
		{url: "redis://:pw@127.0.0.1:6380/2", addrs: []string{"127.0.0.1:6380"}, db: 2, password: "pw"},
		{url: "127.0.0.1:6379", addrs: []string{"127.0.0.1:6379"}},
		{url: "10.0.0.1:7000, 10.0.0.2:7000,10.0.0.3:7000", addrs: []string{"10.0.0.1:7000", "10.0.0.2:7000", "10.0.0.3:7000"}},
		{url: "redis-sentinel://:pw@s1:26379,s2:26380/mymaster?db=3&sentinel_password=spw", addrs: []string{"s1:26379", "s2:26380"}, db: 3, master: "mymaster", password: "pw", sentinelPW: "spw"},
		{url: "redis-sentinel://s1,s2/m", addrs: []string{"s1:26379", "s2:26379"}, master: "m"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			o, err := parseURL(tt.url)
			if err != nil {
				t.Fatalf("parseURL: %v", err)
			}
			if strings.Join(o.Addrs, " ") != strings.Join(tt.addrs, " ") || o.DB != tt.db || o.MasterName != tt.master ||
				o.Password != tt.password || o.SentinelPassword != tt.sentinelPW {
				t.Errorf("parseURL = addrs %v db %d master %q password %q sentinel password %q, want %v %d %q %q %q",
					o.Addrs, o.DB, o.MasterName, o.Password, o.SentinelPassword, tt.addrs, tt.db, tt.master, tt.password, tt.sentinelPW)
			}
			if o.DialTimeout != dialTimeout || o.ReadTimeout != readTimeout || o.WriteTimeout != writeTimeout || o.MaxRetries != maxRetries {
				t.Errorf("timeouts = %v %v %v retries %d, want the short ones", o.DialTimeout, o.ReadTimeout, o.WriteTimeout, o.MaxRetries)
			}
		})
	}
}

func TestOpenDeadServerFailsFast(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close() // nothing listens there now
	start := time.Now()
	_, err = Open(context.Background(), "redis://"+addr+"/0", Options{})
	if err == nil {
		t.Fatal("Open on a dead server succeeded")
	}
	if !strings.Contains(err.Error(), addr) || !strings.Contains(err.Error(), "ping") {
		t.Errorf("Open error %q should name the address and say it was pinging", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Open on a dead server took %v, want a quick failure", d)
	}
}

// TestOutageAndRecovery stops Redis mid-way: calls fail within the timeouts
// and work again once it is back.
func TestOutageAndRecovery(t *testing.T) {
	t.Parallel()
	srv := redistest.Start(t)
	db := openOn(t, srv.URL)
	ctx := context.Background()
	m := chidao.Member{Platform: chidao.Telegram, UserID: "1", ChatID: "1", DisplayName: "An", Unit: "phong-noi-vu", Role: chidao.RoleHead, Active: true}
	if err := db.PutMember(ctx, m); err != nil {
		t.Fatal(err)
	}

	srv.Stop()
	calls := []struct {
		name string
		call func() error
	}{
		{"Member", func() error { _, err := db.Member(ctx, chidao.Telegram, "1"); return err }},
		{"PutMember", func() error { return db.PutMember(ctx, m) }},
		{"Claim", func() error { _, err := db.Claim(ctx, t0, time.Minute, 10); return err }},
		{"ClaimMarks", func() error {
			_, err := db.ClaimMarks(ctx, []Mark{{Directive: "d", Task: "1", Unit: "u", Stage: "due-1"}}, time.Hour)
			return err
		}},
		{"Ping", func() error { return db.Ping(ctx) }},
	}
	for _, c := range calls {
		start := time.Now()
		err := c.call()
		if err == nil {
			t.Errorf("%s with Redis down succeeded", c.name)
		} else if !strings.HasPrefix(err.Error(), "store: ") {
			t.Errorf("%s error %q does not say what the store was doing", c.name, err)
		}
		if errors.Is(err, ErrNotFound) {
			t.Errorf("%s with Redis down says not found: %v", c.name, err)
		}
		if d := time.Since(start); d > 2*(dialTimeout+readTimeout) {
			t.Errorf("%s with Redis down took %v", c.name, d)
		}
	}

	srv.Restart() // an empty server: the data was in memory only
	deadline := time.Now().Add(10 * time.Second)
	for db.Ping(ctx) != nil {
		if time.Now().After(deadline) {
			t.Fatal("Ping still fails after Restart")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := db.PutMember(ctx, m); err != nil {
		t.Fatalf("PutMember after Restart: %v", err)
	}
	got, err := db.Member(ctx, chidao.Telegram, "1")
	if err != nil || got.DisplayName != "An" {
		t.Fatalf("Member after Restart = %+v, %v", got, err)
	}
	// Scripts are gone from the restarted server's cache: they load again.
	if _, err := db.ClaimMarks(ctx, []Mark{{Directive: "d", Task: "1", Unit: "u", Stage: "due-1"}}, time.Hour); err != nil {
		t.Fatalf("ClaimMarks after Restart: %v", err)
	}
	if ok, err := db.AcquireLock(ctx, "tick", "a", time.Minute); err != nil || !ok {
		t.Fatalf("AcquireLock after Restart = %t, %v", ok, err)
	}
	if ok, err := db.RenewLock(ctx, "tick", "a", time.Minute); err != nil || !ok {
		t.Fatalf("RenewLock (a script) after Restart = %t, %v", ok, err)
	}
}

func TestRoundTripsCountsCommandsAndPipelines(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	if n := trips(db, func() { _ = db.Ping(ctx) }); n != 1 {
		t.Errorf("Ping = %d round trips, want 1", n)
	}
	marks := make([]Mark, 100)
	for i := range marks {
		marks[i] = Mark{Directive: "d", Task: string(rune('a' + i%26)), Unit: "u", Stage: "s", Occurrence: string(rune('A' + i/26))}
	}
	_, _ = db.ClaimMarks(ctx, marks[:1], time.Hour) // opens the pipeline connection (HELLO, CLIENT SETINFO)
	if n := trips(db, func() { _, _ = db.ClaimMarks(ctx, marks, time.Hour) }); n != 1 {
		t.Errorf("ClaimMarks of 100 = %d round trips, want 1 (one pipeline)", n)
	}
}

func TestKeysCarryHashTags(t *testing.T) {
	t.Parallel()
	k := keys{p: "chidao:"}
	for _, key := range []string{k.doc("x"), k.outbox("x"), k.ready("x"), k.acks("x"), k.reports("x"), k.extensions("x"),
		k.broadcast("x"), k.file("x"), k.mark(Mark{Directive: "x", Task: "1", Unit: "u", Stage: "s"})} {
		if !strings.HasPrefix(key, "chidao:{d:x}:") {
			t.Errorf("directive key %q lacks the {d:x} tag", key)
		}
	}
	for _, key := range []string{k.members(), k.unitIndex(), k.invite("ABCDEFGH")} {
		if !strings.HasPrefix(key, "chidao:{members}:") {
			t.Errorf("member key %q lacks the {members} tag", key)
		}
	}
	for _, key := range []string{k.work(), k.workVersion(), k.workSeq()} {
		if !strings.HasPrefix(key, "chidao:{outbox}:") {
			t.Errorf("outbox index key %q lacks the {outbox} tag", key)
		}
	}
}
