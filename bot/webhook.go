package bot

import (
	"crypto/subtle"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"chidao"
)

// Refusals counts webhook requests refused for a wrong secret and logs
// them at most once a minute, with the count since the last line: 2,000
// forged requests are one WARN line a minute, not 2,000. The zero value is
// not usable; use NewRefusals.
type Refusals struct {
	log      *slog.Logger
	platform string
	clock    chidao.Clock

	mu      sync.Mutex
	total   int64
	pending int64
	logged  time.Time
}

// NewRefusals returns the refusal counter of a platform's webhook.
func NewRefusals(platform string, log *slog.Logger, clock chidao.Clock) *Refusals {
	if clock == nil {
		clock = chidao.SystemClock{}
	}
	return &Refusals{log: orDiscard(log), platform: platform, clock: clock}
}

// refuse counts one refusal, and logs when a minute has passed since the
// last line.
func (f *Refusals) refuse() {
	now := f.clock.Now()
	f.mu.Lock()
	f.total++
	f.pending++
	n := f.pending
	due := now.Sub(f.logged) >= time.Minute
	if due {
		f.pending, f.logged = 0, now
	}
	f.mu.Unlock()
	if due {
		f.log.Warn("webhook requests with a wrong secret token", "platform", f.platform, "count", n)
	}
}

// Total returns how many requests were refused, for /metrics.
func (f *Refusals) Total() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.total
}

// WebhookAllowed checks a webhook request before its body is read: a POST
// whose header holds the secret (compared in constant time; an empty secret
// accepts nothing). Otherwise it answers 405 or 401, counts a wrong secret
// in refused, and returns false.
func WebhookAllowed(w http.ResponseWriter, r *http.Request, header, secret string, refused *Refusals) bool {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return false
	}
	got := r.Header.Get(header)
	if secret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
		refused.refuse()
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return false
	}
	return true
}
