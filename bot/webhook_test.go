package bot

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestWebhookRefusalsLogOnceAMinute: 2,000 requests with a wrong secret
// are counted, answered 401, and logged once a minute with their count.
func TestWebhookRefusalsLogOnceAMinute(t *testing.T) {
	var logs bytes.Buffer
	clock := &budgetClock{t: time.Date(2026, 12, 8, 9, 0, 0, 0, time.UTC)}
	f := NewRefusals("telegram", slog.New(slog.NewTextHandler(&logs, nil)), clock)
	try := func(secret string) int {
		w := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodPost, "/telegram/webhook", nil)
		r.Header.Set("X-Secret", secret)
		WebhookAllowed(w, r, "X-Secret", "the-right-secret-123", f)
		return w.Code
	}
	for i := 0; i < 2000; i++ {
		if code := try("wrong"); code != http.StatusUnauthorized {
			t.Fatalf("wrong secret: HTTP %d", code)
		}
		clock.t = clock.t.Add(10 * time.Millisecond) // 20 s in all
	}
	clock.t = clock.t.Add(time.Minute)
	try("wrong")
	if code := try("the-right-secret-123"); code != http.StatusOK {
		t.Errorf("right secret: HTTP %d", code)
	}
	lines := strings.Count(logs.String(), "wrong secret")
	if f.Total() != 2001 || lines != 2 || !strings.Contains(logs.String(), "count=2000") {
		t.Errorf("total %d, %d log lines, want 2001 and 2 (the first, then the other 2,000 a minute later):\n%s", f.Total(), lines, logs.String())
	}
}
