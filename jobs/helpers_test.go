package jobs_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

var shanghai = mustZone("Asia/Shanghai")

func mustZone(name string) *time.Location {
	loc, err := models.LoadZone(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// local is a wall-clock time in Shanghai.
func local(y int, m time.Month, d, h, mi int) time.Time {
	return time.Date(y, m, d, h, mi, 0, 0, shanghai)
}

// eachShared runs fn on SQLite and PostgreSQL (when configured) with two
// stores on one database, as two replicas would have.
func eachShared(t *testing.T, fn func(t *testing.T, a, b *models.Store, clock *modelstest.Clock)) {
	t.Helper()
	run := func(t *testing.T, dsn string) {
		clock := modelstest.NewClock(modelstest.Start)
		a, b := open(t, dsn, clock), open(t, dsn, clock)
		fn(t, a, b, clock)
	}
	t.Run("sqlite", func(t *testing.T) { run(t, modelstest.SQLitePath(t)) })
	if modelstest.PostgresDSN() != "" {
		t.Run("postgres", func(t *testing.T) { run(t, modelstest.PostgresSchemaDSN(t)) })
	}
}

func open(t testing.TB, dsn string, clock *modelstest.Clock) *models.Store {
	t.Helper()
	st, err := models.Open(context.Background(), dsn, models.Options{Now: clock.Now})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// counter is a job that writes one notification per fire and counts its
// calls; fail, when set, decides whether a call fails after writing.
type counter struct {
	calls atomic.Int64
	fail  func(call int64) error
	mu    sync.Mutex
	runs  []jobs.Run
}

func (c *counter) job(ctx context.Context, tx *models.Store, run jobs.Run) (int, error) {
	n := c.calls.Add(1)
	_, err := tx.Enqueue(ctx, &models.Notification{ChatID: 1, Kind: "text", Payload: "{}",
		DedupKey: fmt.Sprintf("%s:%s:%v", run.Schedule.Name, run.FireAt.Format(time.RFC3339), run.Manual)})
	if err != nil {
		return 0, err
	}
	if c.fail != nil {
		if err := c.fail(n); err != nil {
			return 0, err
		}
	}
	c.mu.Lock()
	c.runs = append(c.runs, run)
	c.mu.Unlock()
	return 1, nil
}

func (c *counter) fired() []jobs.Run {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]jobs.Run(nil), c.runs...)
}

// logBuffer collects log lines from several goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func (l *logBuffer) count(s string) int { return strings.Count(l.String(), s) }

func newEngine(st *models.Store, clock *modelstest.Clock, c *counter, log *logBuffer) *jobs.Engine {
	opts := jobs.Options{Jobs: map[string]jobs.Job{"count": c.job}, Now: clock.Now, DefaultTZ: shanghai}
	if log != nil {
		opts.Logger = slog.New(slog.NewTextHandler(log, nil))
	}
	return jobs.NewEngine(st, opts)
}

func ensure(t testing.TB, st *models.Store, name, spec string) models.Schedule {
	t.Helper()
	sc := &models.Schedule{Name: name, Kind: "count", Spec: spec, TZ: "Asia/Shanghai", Enabled: true}
	if _, err := st.EnsureSchedule(context.Background(), sc); err != nil {
		t.Fatal(err)
	}
	return *sc
}

func tick(t *testing.T, e *jobs.Engine) {
	t.Helper()
	if err := e.Tick(context.Background()); err != nil {
		t.Fatalf("tick: %v", err)
	}
}

// ledger lists a schedule's runs as "status@local time", oldest first.
func ledger(t *testing.T, st *models.Store, id int64) []string {
	t.Helper()
	recs, err := st.RunRecords(context.Background(), id, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(recs) - 1; i >= 0; i-- {
		out = append(out, recs[i].Status+"@"+recs[i].FireAt.In(shanghai).Format("01-02 15:04"))
	}
	return out
}

func equal(a, b []string) bool { return strings.Join(a, "|") == strings.Join(b, "|") }

// checkedJobs is every job of the registry, each checked to write only the
// notification kinds its entry declares (bot renders exactly those).
func checkedJobs(t testing.TB) map[string]jobs.Job {
	out := map[string]jobs.Job{}
	for _, k := range jobs.Registry() {
		out[k.Name] = func(ctx context.Context, tx *models.Store, run jobs.Run) (int, error) {
			var before int64
			if err := tx.DB().WithContext(ctx).Model(&models.Notification{}).Select("COALESCE(MAX(id), 0)").Scan(&before).Error; err != nil {
				return 0, err
			}
			n, err := k.Run(ctx, tx, run)
			var kinds []string
			if qerr := tx.DB().WithContext(ctx).Model(&models.Notification{}).Where("id > ?", before).Distinct().Pluck("kind", &kinds).Error; qerr != nil {
				return n, qerr
			}
			for _, kind := range kinds {
				if !slices.Contains(k.Writes, kind) {
					t.Errorf("job %s wrote a %s notification; its registry entry declares %q", k.Name, kind, k.Writes)
				}
			}
			return n, err
		}
	}
	return out
}
