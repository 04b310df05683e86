package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"chidao"
	"chidao/bot/telegram/telegramtest"
	"chidao/internal/redistest"
	"chidao/store"
)

// syncBuffer is a bytes.Buffer safe for a running command to write to while
// the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// harness runs chidao's real wiring against a fake Telegram Bot API and a
// real Redis: `serve` in-process (or as a real process, for crash tests) and
// the other commands with the same environment.
type harness struct {
	t     *testing.T
	tg    *telegramtest.Server
	vars  map[string]string
	serve *running
}

// running is one `chidao serve` started by the harness.
type running struct {
	cancel context.CancelFunc
	done   chan int
	stderr *syncBuffer
	addr   string
}

// newHarness starts a fake Telegram and picks a Redis key prefix of the
// test's own. vars are extra environment variables (CHIDAO_ADMINS, …).
func newHarness(t *testing.T, vars map[string]string) *harness {
	t.Helper()
	tg := telegramtest.New(t)
	redisURL := vars["CHIDAO_REDIS_URL"]
	if redisURL == "" {
		redisURL = redistest.URL(t)
	}
	h := &harness{t: t, tg: tg, vars: map[string]string{
		"CHIDAO_REDIS_URL":             redisURL,
		"CHIDAO_REDIS_PREFIX":          redistest.Prefix(t),
		"CHIDAO_TELEGRAM_TOKEN":        tg.Token(),
		"CHIDAO_TELEGRAM_API_ENDPOINT": tg.Endpoint(),
		"CHIDAO_LOG_LEVEL":             "warn",
	}}
	for k, v := range vars {
		h.vars[k] = v
	}
	return h
}

func (h *harness) env(stdout, stderr *syncBuffer) *env {
	return &env{
		stdin:  strings.NewReader(""),
		stdout: stdout,
		stderr: stderr,
		getenv: func(k string) string { return h.vars[k] },
	}
}

// start runs `chidao serve` in-process and waits until /healthz says it is
// serving.
func (h *harness) start() *running {
	h.t.Helper()
	addr := freeAddr(h.t)
	h.vars["CHIDAO_HTTP_ADDR"] = addr
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{cancel: cancel, done: make(chan int, 1), stderr: &syncBuffer{}, addr: addr}
	go func() { r.done <- run(ctx, h.env(&syncBuffer{}, r.stderr), []string{"serve"}) }()
	h.serve = r
	h.t.Cleanup(func() { h.stop(r) })
	waitHealthy(h.t, addr, r)
	return r
}

// stop stops a serve started by start (SIGTERM's path) and checks it exited 0.
func (h *harness) stop(r *running) {
	h.t.Helper()
	if r.cancel == nil {
		return
	}
	r.cancel()
	r.cancel = nil
	select {
	case code := <-r.done:
		if code != 0 {
			h.t.Errorf("serve exited %d: %s", code, r.stderr.String())
		}
	case <-time.After(30 * time.Second):
		h.t.Errorf("serve did not stop within 30s")
	}
}

// cli runs another command in-process with the harness's environment.
func (h *harness) cli(args ...string) (string, int) {
	h.t.Helper()
	var out, errOut syncBuffer
	code := run(context.Background(), h.env(&out, &errOut), args)
	if code != 0 {
		return out.String() + errOut.String(), code
	}
	return out.String(), code
}

// invite makes an invite code for a unit with the CLI.
func (h *harness) invite(unit, role string) string {
	h.t.Helper()
	out, code := h.cli("invite", "--unit", unit, "--role", role)
	if code != 0 {
		h.t.Fatalf("chidao invite: exit %d: %s", code, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// waitText waits for a message to a user whose text contains want.
func (h *harness) waitText(u telegramtest.User, want string) telegramtest.SentMessage {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	m, err := h.tg.WaitSent(ctx, u.ID, func(m telegramtest.SentMessage) bool { return strings.Contains(m.Text, want) })
	if err != nil {
		var got []string
		for _, m := range h.tg.SentTo(u.ID) {
			got = append(got, m.Text)
		}
		h.t.Fatalf("no message to %d containing %q: %v\nsent: %q", u.ID, want, err, got)
	}
	return m
}

// say sends a text as a user and waits for the bot's reply containing want.
func (h *harness) say(u telegramtest.User, text, want string) telegramtest.SentMessage {
	h.t.Helper()
	mark := h.mark(u.ID)
	h.tg.SendText(u, text)
	return h.replyAfter(u.ID, mark, text, want)
}

func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func waitHealthy(t testing.TB, addr string, r *running) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case code := <-r.done:
			t.Fatalf("serve exited %d before it was healthy: %s", code, r.stderr.String())
		default:
		}
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("serve on %s not healthy within 20s: %s", addr, r.stderr.String())
}

// binaryOnce builds the real chidao binary once per test run, for tests that
// kill a process with SIGKILL.
var binaryOnce = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "chidao-bin")
	if err != nil {
		return "", err
	}
	builtDir.Store(dir)
	bin := filepath.Join(dir, "chidao")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v: %s", err, out)
	}
	return bin, nil
})

// process starts the real binary with the harness's environment.
func (h *harness) process(args ...string) (*exec.Cmd, *syncBuffer) {
	h.t.Helper()
	bin, err := binaryOnce()
	if err != nil {
		h.t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), h.environ()...)
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	return cmd, out
}

func (h *harness) environ() []string {
	var out []string
	for k, v := range h.vars {
		out = append(out, k+"="+v)
	}
	return out
}

// mark returns the id of the last message the bot sent to chat (0 when
// none): replyAfter and sentAfter then look only at what comes later.
// Message ids grow within a chat, the users' and the bot's alike.
func (h *harness) mark(chat int64) int {
	last := 0
	for _, m := range h.tg.SentTo(chat) {
		last = max(last, m.MessageID)
	}
	return last
}

// replyAfter waits for a message to chat, sent after mark, whose text
// contains want; what names the cause in the failure.
func (h *harness) replyAfter(chat int64, mark int, what, want string) telegramtest.SentMessage {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	m, err := h.tg.WaitSent(ctx, chat, func(m telegramtest.SentMessage) bool {
		return m.MessageID > mark && strings.Contains(m.Text, want)
	})
	if err != nil {
		var got []string
		for _, m := range h.sentAfter(chat, mark) {
			got = append(got, m.Text)
		}
		h.t.Fatalf("%q: no reply to %d containing %q: %v\nreplies: %q", what, chat, want, err, got)
	}
	return m
}

// sentAfter returns the messages the bot sent to chat after mark.
func (h *harness) sentAfter(chat int64, mark int) []telegramtest.SentMessage {
	var out []telegramtest.SentMessage
	for _, m := range h.tg.SentTo(chat) {
		if m.MessageID > mark {
			out = append(out, m)
		}
	}
	return out
}

// textAfter joins the texts the bot sent to chat after mark.
func (h *harness) textAfter(chat int64, mark int) string {
	var b strings.Builder
	for _, m := range h.sentAfter(chat, mark) {
		b.WriteString(m.Text)
		b.WriteString("\n")
	}
	return b.String()
}

// db opens the store serve uses: the same Redis and key prefix.
func (h *harness) db() *store.DB {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	db, err := store.Open(ctx, h.vars["CHIDAO_REDIS_URL"], store.Options{Prefix: h.vars["CHIDAO_REDIS_PREFIX"]})
	if err != nil {
		h.t.Fatalf("open the store: %v", err)
	}
	h.t.Cleanup(func() { db.Close() })
	return db
}

// config writes a config file in the test's temporary folder and points
// CHIDAO_CONFIG at it.
func (h *harness) config(yaml string) string {
	h.t.Helper()
	path := filepath.Join(h.t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		h.t.Fatal(err)
	}
	h.vars["CHIDAO_CONFIG"] = path
	return path
}

// cliWith runs a command in-process with some variables changed; an empty
// value removes the variable.
func (h *harness) cliWith(vars map[string]string, args ...string) (string, int) {
	h.t.Helper()
	saved := h.vars
	h.vars = map[string]string{}
	for k, v := range saved {
		h.vars[k] = v
	}
	for k, v := range vars {
		if v == "" {
			delete(h.vars, k)
		} else {
			h.vars[k] = v
		}
	}
	defer func() { h.vars = saved }()
	return h.cli(args...)
}

// waitUntil polls cond until it holds, failing the test after timeout.
func waitUntil(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %s: %s", timeout, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// register registers one user per unit code through the bot, as people do:
// an invite made in the store, then "/start CODE" from the user's chat. It
// waits for every "Đăng ký thành công" and returns the users in order.
func (h *harness) register(firstID int64, units []string) []telegramtest.User {
	h.t.Helper()
	db := h.db()
	ctx := context.Background()
	users := make([]telegramtest.User, len(units))
	marks := make([]int, len(units))
	for i, unit := range units {
		inv, err := db.NewInvite(ctx, unit, chidao.RoleHead, "test", time.Now(), time.Hour)
		if err != nil {
			h.t.Fatalf("invite for %s: %v", unit, err)
		}
		users[i] = telegramtest.User{ID: firstID + int64(i), FirstName: "Cán bộ", LastName: fmt.Sprintf("%s %d", unit, i)}
		marks[i] = h.mark(users[i].ID)
		h.tg.SendText(users[i], "/start "+inv.Code)
	}
	for i, u := range users {
		h.replyAfter(u.ID, marks[i], "/start", "Đăng ký thành công")
	}
	return users
}

// putMembers stores members straight in the store (for tests about
// deliveries, where registering each through the bot only costs time):
// user ids from firstID, units in turn.
func (h *harness) putMembers(firstID int64, n int, units []string) []chidao.Member {
	h.t.Helper()
	db := h.db()
	ms := make([]chidao.Member, n)
	for i := range ms {
		id := strconv.FormatInt(firstID+int64(i), 10)
		ms[i] = chidao.Member{
			Platform: chidao.Telegram, UserID: id, ChatID: id, DisplayName: "Cán bộ " + id,
			Unit: units[i%len(units)], Role: chidao.RoleHead, Active: true, Joined: time.Now(),
		}
		if err := db.PutMember(context.Background(), ms[i]); err != nil {
			h.t.Fatalf("put member: %v", err)
		}
	}
	return ms
}

// startProcess starts `chidao serve` as a real process and waits until it
// is healthy.
func (h *harness) startProcess() (*exec.Cmd, *syncBuffer) {
	h.t.Helper()
	addr := freeAddr(h.t)
	h.vars["CHIDAO_HTTP_ADDR"] = addr
	cmd, out := h.process("serve")
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return cmd, out
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	h.t.Fatalf("serve on %s not healthy within 30s: %s", addr, out.String())
	return nil, nil
}

// builtDir is the folder binaryOnce built into, removed when the tests end.
var builtDir atomic.Value

func TestMain(m *testing.M) {
	code := m.Run()
	if dir, ok := builtDir.Load().(string); ok {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}
