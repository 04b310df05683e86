package metrics

import (
	"net/http/httptest"
	"strings"
	"testing"
)

func TestRegistryText(t *testing.T) {
	r := New()
	c := r.Counter("chidao_updates_total", "Updates handled.", "platform", "kind")
	c.Inc("telegram", "text")
	c.Inc("telegram", "text")
	c.Add(0.5, "zalo", `we"ird`)
	r.Gauge("chidao_outbox_queued", "Deliveries waiting.", func() float64 { return 7 })
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	got := rec.Body.String()
	for _, want := range []string{
		"# TYPE chidao_updates_total counter\n",
		`chidao_updates_total{platform="telegram",kind="text"} 2` + "\n",
		`chidao_updates_total{platform="zalo",kind="we\"ird"} 0.5` + "\n",
		"# TYPE chidao_outbox_queued gauge\nchidao_outbox_queued 7\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("metrics output lacks %q:\n%s", want, got)
		}
	}
	if v := c.Value("telegram", "text"); v != 2 {
		t.Errorf("Value = %v, want 2", v)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("Content-Type = %q", ct)
	}
}
