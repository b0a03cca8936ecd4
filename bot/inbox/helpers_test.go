package inbox_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// logSink is a slog.Handler that keeps every record's text so tests can
// wait for the code under test to say something.
type logSink struct {
	mu      *sync.Mutex
	lines   *[]string
	changed *chan struct{}
	attrs   string
}

func newLogSink() *logSink {
	ch := make(chan struct{})
	return &logSink{mu: &sync.Mutex{}, lines: &[]string{}, changed: &ch}
}

func (s *logSink) logger() *slog.Logger { return slog.New(s) }

func (s *logSink) Enabled(context.Context, slog.Level) bool { return true }

func (s *logSink) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s%s", r.Level, r.Message, s.attrs)
	r.Attrs(func(a slog.Attr) bool {
		fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
		return true
	})
	s.mu.Lock()
	*s.lines = append(*s.lines, b.String())
	close(*s.changed)
	*s.changed = make(chan struct{})
	s.mu.Unlock()
	return nil
}

func (s *logSink) WithAttrs(as []slog.Attr) slog.Handler {
	c := *s
	for _, a := range as {
		c.attrs += fmt.Sprintf(" %s=%v", a.Key, a.Value)
	}
	return &c
}

func (s *logSink) WithGroup(string) slog.Handler { return s }

// count is how many lines contain all of the substrings.
func (s *logSink) count(subs ...string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
next:
	for _, l := range *s.lines {
		for _, sub := range subs {
			if !strings.Contains(l, sub) {
				continue next
			}
		}
		n++
	}
	return n
}

func (s *logSink) all() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(*s.lines, "\n")
}

// waitFor blocks until n lines contain all of subs, woken by each new line.
func (s *logSink) waitFor(ctx context.Context, t *testing.T, n int, subs ...string) {
	t.Helper()
	for {
		s.mu.Lock()
		ch := *s.changed
		s.mu.Unlock()
		if s.count(subs...) >= n {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("waiting for %d log lines with %q: %v\nlog:\n%s", n, subs, ctx.Err(), s.all())
		case <-ch:
		}
	}
}

// inboxRows reads every inbox row, for assertions.
func inboxRows(t *testing.T, st *models.Store) []models.InboxUpdate {
	t.Helper()
	var rows []models.InboxUpdate
	if err := st.DB().Order("update_id").Find(&rows).Error; err != nil {
		t.Fatalf("read inbox: %v", err)
	}
	return rows
}

// storePair opens two stores on one database, as two replicas would.
type storePair struct {
	name string
	open func(t *testing.T, clock *modelstest.Clock) (a, b *models.Store)
}

func storePairs() []storePair {
	pairs := []storePair{{"sqlite", func(t *testing.T, clock *modelstest.Clock) (*models.Store, *models.Store) {
		path := modelstest.SQLitePath(t)
		return openStore(t, path, clock), openStore(t, path, clock)
	}}}
	if modelstest.PostgresDSN() != "" {
		pairs = append(pairs, storePair{"postgres", func(t *testing.T, clock *modelstest.Clock) (*models.Store, *models.Store) {
			dsn := modelstest.PostgresSchemaDSN(t)
			return openStore(t, dsn, clock), openStore(t, dsn, clock)
		}})
	}
	return pairs
}

func openStore(t *testing.T, dsn string, clock *modelstest.Clock) *models.Store {
	t.Helper()
	st, err := models.Open(context.Background(), dsn, models.Options{Now: clock.Now})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// runBackground runs fn in a goroutine and returns a stop function that
// cancels it and waits for it to return, failing the test on an error.
func runBackground(t *testing.T, ctx context.Context, fn func(context.Context) error) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- fn(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("run: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	return stop
}
