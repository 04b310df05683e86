// Package metrics is a small Prometheus text-format registry: labelled
// counters and gauges read at scrape time. chidao needs a handful of series,
// which does not justify the Prometheus client library and its dependencies.
package metrics

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Registry holds metrics and serves them at /metrics.
type Registry struct {
	mu       sync.Mutex
	counters []*Counter
	gauges   []gauge
}

// New returns an empty registry.
func New() *Registry { return &Registry{} }

// Counter is a monotonically increasing count, split by label values.
type Counter struct {
	name, help string
	labels     []string
	mu         sync.Mutex
	values     map[string]float64 // joined label values -> count
}

type gauge struct {
	name, help string
	read       func() float64
}

// Counter registers a counter with the given label names.
func (r *Registry) Counter(name, help string, labels ...string) *Counter {
	c := &Counter{name: name, help: help, labels: labels, values: make(map[string]float64)}
	r.mu.Lock()
	r.counters = append(r.counters, c)
	r.mu.Unlock()
	return c
}

// Gauge registers a value read when scraped.
func (r *Registry) Gauge(name, help string, read func() float64) {
	r.mu.Lock()
	r.gauges = append(r.gauges, gauge{name: name, help: help, read: read})
	r.mu.Unlock()
}

// Add adds v to the series with these label values (as many as the
// counter's label names).
func (c *Counter) Add(v float64, labelValues ...string) {
	key := strings.Join(labelValues, "\x00")
	c.mu.Lock()
	c.values[key] += v
	c.mu.Unlock()
}

// Inc adds one.
func (c *Counter) Inc(labelValues ...string) { c.Add(1, labelValues...) }

// Value returns the current count of one series.
func (c *Counter) Value(labelValues ...string) float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.values[strings.Join(labelValues, "\x00")]
}

// ServeHTTP writes every metric in the Prometheus text format.
func (r *Registry) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	r.Write(w)
}

// Write writes every metric in the Prometheus text format.
func (r *Registry) Write(w io.Writer) {
	r.mu.Lock()
	counters := append([]*Counter(nil), r.counters...)
	gauges := append([]gauge(nil), r.gauges...)
	r.mu.Unlock()
	for _, c := range counters {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n", c.name, c.help, c.name)
		c.mu.Lock()
		keys := make([]string, 0, len(c.values))
		for k := range c.values {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(w, "%s%s %s\n", c.name, labelText(c.labels, k), num(c.values[k]))
		}
		c.mu.Unlock()
	}
	for _, g := range gauges {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n%s %s\n", g.name, g.help, g.name, g.name, num(g.read()))
	}
}

func labelText(names []string, joined string) string {
	if len(names) == 0 {
		return ""
	}
	values := strings.Split(joined, "\x00")
	parts := make([]string, 0, len(names))
	for i, n := range names {
		v := ""
		if i < len(values) {
			v = values[i]
		}
		parts = append(parts, n+"="+strconv.Quote(v))
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
