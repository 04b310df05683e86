// Package redistest gives tests a real Redis: the server named by
// CHIDAO_TEST_REDIS_URL when set (as .ci/run does), otherwise a redis-server
// process of their own on a free loopback port. Tests on a shared server keep
// apart through a key prefix of their own. There is no fake: a machine without
// redis-server and without CHIDAO_TEST_REDIS_URL fails the test rather than
// skipping it.
package redistest

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// EnvURL names the variable that points tests at a running Redis.
const EnvURL = "CHIDAO_TEST_REDIS_URL"

// URL returns a Redis URL for the test: the shared server when EnvURL is set,
// otherwise a server started for this test alone.
func URL(tb testing.TB) string {
	tb.Helper()
	if u := os.Getenv(EnvURL); u != "" {
		return u
	}
	return Start(tb).URL
}

// Prefix returns a key prefix unique to this test ("t:<random>:"), so tests
// sharing one server never see each other's keys.
func Prefix(tb testing.TB) string {
	tb.Helper()
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		tb.Fatalf("random prefix: %v", err)
	}
	return "t" + hex.EncodeToString(b[:]) + ":"
}

// Server is a redis-server process owned by one test.
type Server struct {
	tb   testing.TB
	Addr string // 127.0.0.1:port
	URL  string // redis://127.0.0.1:port/0
	dir  string
	cmd  *exec.Cmd
}

// Start starts redis-server on a free loopback port and stops it when the
// test ends.
func Start(tb testing.TB) *Server {
	tb.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		tb.Fatalf("redis-server is not installed and %s is not set: install it (apt-get install -y redis-server) or point %s at a Redis", EnvURL, EnvURL)
	}
	s := &Server{tb: tb, dir: tb.TempDir()}
	s.Addr = freeAddr(tb)
	s.URL = "redis://" + s.Addr + "/0"
	s.Restart()
	tb.Cleanup(s.Stop)
	return s
}

// Stop kills the server, as a crash or an outage would.
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}

// Restart starts the server again on the same port (a no-op when it runs).
func (s *Server) Restart() {
	s.tb.Helper()
	if s.cmd != nil {
		return
	}
	_, port, _ := net.SplitHostPort(s.Addr)
	cmd := exec.Command("redis-server",
		"--port", port, "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no",
		"--dir", s.dir, "--logfile", filepath.Join(s.dir, "redis.log"))
	if err := cmd.Start(); err != nil {
		s.tb.Fatalf("start redis-server: %v", err)
	}
	s.cmd = cmd
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if ping(s.Addr) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	log, _ := os.ReadFile(filepath.Join(s.dir, "redis.log"))
	s.Stop()
	s.tb.Fatalf("redis-server on %s did not answer PING: %s", s.Addr, log)
}

func ping(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
	if err != nil {
		return false
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(500 * time.Millisecond))
	if _, err := c.Write([]byte("PING\r\n")); err != nil {
		return false
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	return err == nil && strings.HasPrefix(line, "+PONG")
}

func freeAddr(tb testing.TB) string {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("find a free port: %v", err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr())
}
