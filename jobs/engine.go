package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/ganshi/ganshi/models"
)

// Job does the work of one fire of a schedule: it decides who is told what
// and writes those notifications through tx, the transaction that holds
// the fire's claim. An error rolls the claim back, so the fire is retried.
type Job func(ctx context.Context, tx *models.Store, run Run) (produced int, err error)

// Run is what a job is told about the fire it serves.
type Run struct {
	Schedule models.Schedule
	FireAt   time.Time // the scheduled instant (UTC); now, truncated to the second, for a manual run
	Manual   bool
	Now      time.Time
	Loc      *time.Location // the schedule's zone
	Cal      models.Calendar
}

// Options configure an Engine. The zero value of each field has a default.
type Options struct {
	Jobs        map[string]Job   // by models.Schedule.Kind
	Grace       time.Duration    // missed fires younger than this are caught up; default 6h
	Now         func() time.Time // default: the store's clock
	Logger      *slog.Logger     // default: discard
	DefaultTZ   *time.Location   // for schedules without a zone; default models.DefaultZone
	Interval    time.Duration    // between ticks in Run; default and maximum 30s
	MaxAttempts int              // failures of one fire before it is recorded failed; default 3
	Refresh     time.Duration    // reread every schedule at least this often; default 5m
}

// Engine runs schedules. Build it with NewEngine; Tick and RunNow may be
// called from several goroutines.
type Engine struct {
	Store *models.Store
	Options

	poke chan struct{}

	mu       sync.Mutex // one tick at a time; guards what follows
	entries  map[int64]*entry
	fp       models.ScheduleFingerprint
	loadedAt time.Time
	failures map[fireKey]int
}

// entry is what the engine keeps about an enabled schedule between ticks.
type entry struct {
	sch  models.Schedule
	spec *Spec     // nil when the stored spec or zone is broken (logged once)
	next time.Time // no fire before this is unresolved; zero: never
}

type fireKey struct {
	id int64
	at int64
}

// NewEngine builds an engine over st, filling in the defaults.
func NewEngine(st *models.Store, opts Options) *Engine {
	if opts.Grace <= 0 {
		opts.Grace = 6 * time.Hour
	}
	if opts.Now == nil {
		opts.Now = st.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.DefaultTZ == nil {
		loc, err := models.LoadZone(models.DefaultZone)
		if err != nil {
			loc = time.UTC // unreachable: models embeds the zone database
		}
		opts.DefaultTZ = loc
	}
	if opts.Interval <= 0 || opts.Interval > 30*time.Second {
		opts.Interval = 30 * time.Second
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 3
	}
	if opts.Refresh <= 0 {
		opts.Refresh = 5 * time.Minute
	}
	return &Engine{Store: st, Options: opts, poke: make(chan struct{}, 1), failures: map[fireKey]int{}}
}

// Run ticks every Interval, and at once when poked, until ctx ends. A
// failed tick is logged and the next one tries again.
func (e *Engine) Run(ctx context.Context) error {
	t := time.NewTicker(e.Interval)
	defer t.Stop()
	for {
		if err := e.Tick(ctx); err != nil && ctx.Err() == nil {
			e.Logger.Error("scheduler tick failed", "error", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		case <-e.poke:
		}
	}
}

// Poke makes Run tick now, e.g. after an admin changed a schedule.
func (e *Engine) Poke() {
	select {
	case e.poke <- struct{}{}:
	default:
	}
}

// location is a schedule's zone: its TZ, else the default.
func (e *Engine) location(sc models.Schedule) (*time.Location, error) {
	if sc.TZ == "" {
		return e.DefaultTZ, nil
	}
	return models.LoadZone(sc.TZ)
}

func (e *Engine) spec(sc models.Schedule) (*Spec, error) {
	loc, err := e.location(sc)
	if err != nil {
		return nil, fmt.Errorf("schedule %s: %w", sc.Name, err)
	}
	s, err := ParseSpec(sc.Spec, loc)
	if err != nil {
		return nil, fmt.Errorf("schedule %s: %w", sc.Name, err)
	}
	return s, nil
}

// runJob runs job, turning a panic into an error so that the claim rolls
// back and the engine keeps going.
func runJob(ctx context.Context, job Job, tx *models.Store, run Run) (produced int, err error) {
	defer func() {
		if r := recover(); r != nil {
			produced, err = 0, fmt.Errorf("job panicked: %v", r)
		}
	}()
	return job(ctx, tx, run)
}
