// Package metrics keeps the process's counters, gauges and histograms and
// writes them in Prometheus' text exposition format for /metrics. It is a
// few dozen lines instead of a client library because Ganshi needs only
// plain counters, callback gauges and one kind of histogram.
//
// metrics.go is the registry and the exposition format; ganshi.go is Set,
// the counters and histograms the parts update; gauges read from the
// database at scrape time are registered in cmd/ganshi/http.go. Where
// things go: a new counter is a field of Set, registered in NewSet and
// updated by the part that knows (nil-safe, so tests pass no Set).
package metrics

import (
	"fmt"
	"io"
	"sort"
	"sync"
	"sync/atomic"
)

// Registry holds named metrics in the order they were registered.
type Registry struct {
	mu    sync.Mutex
	items []item
}

type item struct {
	name, help, kind string
	write            func(w io.Writer, name string)
}

// New returns an empty registry.
func New() *Registry { return &Registry{} }

// Counter is a monotonically increasing count, optionally split by one label.
type Counter struct {
	label string
	mu    sync.Mutex
	vals  map[string]*atomic.Int64
}

// Counter registers a counter. label may be "" for an unlabelled counter.
func (r *Registry) Counter(name, help, label string) *Counter {
	c := &Counter{label: label, vals: map[string]*atomic.Int64{}}
	r.add(item{name, help, "counter", c.write})
	return c
}

// Add increases the counter for a label value ("" when unlabelled).
func (c *Counter) Add(value string, n int64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	v, ok := c.vals[value]
	if !ok {
		v = new(atomic.Int64)
		c.vals[value] = v
	}
	c.mu.Unlock()
	v.Add(n)
}

// Inc adds one.
func (c *Counter) Inc(value string) { c.Add(value, 1) }

// Value reads the count for a label value.
func (c *Counter) Value(value string) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.vals[value]; ok {
		return v.Load()
	}
	return 0
}

func (c *Counter) write(w io.Writer, name string) {
	c.mu.Lock()
	keys := make([]string, 0, len(c.vals))
	for k := range c.vals {
		keys = append(keys, k)
	}
	c.mu.Unlock()
	sort.Strings(keys)
	if len(keys) == 0 && c.label == "" {
		fmt.Fprintf(w, "%s 0\n", name)
	}
	for _, k := range keys {
		fmt.Fprintf(w, "%s%s %d\n", name, labels(c.label, k), c.Value(k))
	}
}

// GaugeFunc registers a gauge read when /metrics is scraped. fn returns
// values by label value.
func (r *Registry) GaugeFunc(name, help, label string, fn func() map[string]float64) {
	r.add(item{name, help, "gauge", func(w io.Writer, name string) {
		vals := fn()
		keys := make([]string, 0, len(vals))
		for k := range vals {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(w, "%s%s %g\n", name, labels(label, k), vals[k])
		}
	}})
}

// Histogram counts observations into fixed buckets (in seconds).
type Histogram struct {
	bounds []float64
	mu     sync.Mutex
	counts []uint64
	sum    float64
	n      uint64
}

// Histogram registers a histogram with the given upper bounds.
func (r *Registry) Histogram(name, help string, bounds []float64) *Histogram {
	h := &Histogram{bounds: bounds, counts: make([]uint64, len(bounds))}
	r.add(item{name, help, "histogram", h.write})
	return h
}

// Observe records one value.
func (h *Histogram) Observe(v float64) {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for i, b := range h.bounds {
		if v <= b {
			h.counts[i]++
		}
	}
	h.sum += v
	h.n++
}

func (h *Histogram) write(w io.Writer, name string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i, b := range h.bounds {
		fmt.Fprintf(w, "%s_bucket{le=\"%g\"} %d\n", name, b, h.counts[i])
	}
	fmt.Fprintf(w, "%s_bucket{le=\"+Inf\"} %d\n", name, h.n)
	fmt.Fprintf(w, "%s_sum %g\n%s_count %d\n", name, h.sum, name, h.n)
}

// DefBuckets suit handler latencies from a millisecond to ten seconds.
var DefBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

func (r *Registry) add(it item) {
	r.mu.Lock()
	r.items = append(r.items, it)
	r.mu.Unlock()
}

// WriteText writes every metric in Prometheus' text format.
func (r *Registry) WriteText(w io.Writer) {
	r.mu.Lock()
	items := append([]item(nil), r.items...)
	r.mu.Unlock()
	for _, it := range items {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", it.name, it.help, it.name, it.kind)
		it.write(w, it.name)
	}
}

func labels(label, value string) string {
	if label == "" {
		return ""
	}
	return fmt.Sprintf("{%s=%q}", label, value)
}
