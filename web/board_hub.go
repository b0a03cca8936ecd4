package web

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/ganshi/ganshi/models"
)

// hub is the live board's one broadcaster. Whatever the number of open
// boards, it reads each watched contest's Version once per poll, and only
// when that changed does it compute the standing (a fixed number of
// queries) and render it once per category shown; every board then gets
// the same bytes. A board that reconnects is served the cached frame, so
// a thousand screens coming back after a restart cost one computation.
type hub struct {
	st     *models.Store
	log    *slog.Logger
	every  time.Duration
	render func(models.Standing, string) ([]byte, error) // standing, category ("" all) → HTML

	mu       sync.Mutex
	subs     map[int64]map[*boardSub]struct{} // by contest
	frames   map[frameKey][]byte
	inflight map[frameKey]chan struct{} // a frame being computed: others wait for it
	versions map[int64]int64
	running  bool
	stop     chan struct{}
	closed   bool
	computed int // standings computed, for tests and benchmarks
}

type frameKey struct {
	contest  int64
	category string
}

// boardSub is one open board's stream.
type boardSub struct {
	contest, token int64
	category       string
	frames         chan []byte   // the latest frame; an older one unread is replaced
	gone           chan struct{} // closed when the token is revoked or the hub closes
	revoked        bool          // why gone is closed; read only after it is
	once           sync.Once
}

// end closes the stream because the server shuts down: the screen keeps
// its link and reconnects to the next server.
func (b *boardSub) end() { b.once.Do(func() { close(b.gone) }) }

// revoke closes the stream because its link was revoked: the screen is
// told so and stops.
func (b *boardSub) revoke() {
	b.once.Do(func() {
		b.revoked = true
		close(b.gone)
	})
}

func newHub(st *models.Store, log *slog.Logger, every time.Duration, render func(models.Standing, string) ([]byte, error)) *hub {
	return &hub{st: st, log: log, every: every, render: render, subs: map[int64]map[*boardSub]struct{}{},
		frames: map[frameKey][]byte{}, inflight: map[frameKey]chan struct{}{}, versions: map[int64]int64{}, stop: make(chan struct{})}
}

// frame is the current HTML of a contest's board (one category or all),
// computed now if the hub has none or the contest changed since.
func (h *hub) frame(ctx context.Context, contest int64, category string) ([]byte, error) {
	c, err := h.st.ContestByID(ctx, contest)
	if err != nil {
		return nil, err
	}
	h.mu.Lock()
	if h.versions[contest] != c.Version {
		h.versions[contest] = c.Version
		for k := range h.frames {
			if k.contest == contest {
				delete(h.frames, k)
			}
		}
	}
	key := frameKey{contest, category}
	for {
		if f, ok := h.frames[key]; ok {
			h.mu.Unlock()
			return f, nil
		}
		wait, busy := h.inflight[key]
		if !busy {
			break
		}
		h.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		h.mu.Lock()
	}
	done := make(chan struct{})
	h.inflight[key] = done
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.inflight, key)
		h.mu.Unlock()
		close(done)
	}()
	st, err := h.st.Standing(ctx, contest)
	if err != nil {
		return nil, err
	}
	f, err := h.render(st, category)
	if err != nil {
		return nil, err
	}
	h.mu.Lock()
	h.computed++
	if h.versions[contest] == st.Contest.Version {
		h.frames[key] = f
	}
	h.mu.Unlock()
	return f, nil
}

// subscribe opens a stream for a board; the caller must unsubscribe.
func (h *hub) subscribe(contest, token int64, category string) *boardSub {
	b := &boardSub{contest: contest, token: token, category: category, frames: make(chan []byte, 1), gone: make(chan struct{})}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		b.end()
		return b
	}
	if h.subs[contest] == nil {
		h.subs[contest] = map[*boardSub]struct{}{}
	}
	h.subs[contest][b] = struct{}{}
	if !h.running {
		h.running = true
		go h.run()
	}
	return b
}

func (h *hub) unsubscribe(b *boardSub) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs[b.contest], b)
	if len(h.subs[b.contest]) == 0 {
		delete(h.subs, b.contest)
	}
}

// close ends every stream and the broadcaster (server shutdown).
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.closed = true
	close(h.stop)
	for _, subs := range h.subs {
		for b := range subs {
			b.end()
		}
	}
}

// run polls while anyone watches; it exits when the last board closed.
func (h *hub) run() {
	t := time.NewTicker(h.every)
	defer t.Stop()
	for {
		select {
		case <-h.stop:
			return
		case <-t.C:
		}
		h.mu.Lock()
		if len(h.subs) == 0 {
			h.running = false
			h.mu.Unlock()
			return
		}
		watched := make(map[int64]int64, len(h.subs))
		for c := range h.subs {
			watched[c] = h.versions[c]
		}
		h.mu.Unlock()
		for c, seen := range watched {
			if err := h.poll(c, seen); err != nil {
				h.log.Error("web: board broadcast", "contest_id", c, "err", err)
			}
		}
	}
}

// poll pushes a contest's new frames when its Version moved, and ends the
// streams of revoked tokens.
func (h *hub) poll(contest, seen int64) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var v int64
	if err := h.st.DB().WithContext(ctx).Model(&models.Contest{}).Where("id = ?", contest).Pluck("version", &v).Error; err != nil {
		return err
	}
	if v == seen {
		return nil
	}
	revoked, err := h.st.RevokedBoardTokens(ctx, contest)
	if err != nil {
		return err
	}
	dead := map[int64]bool{}
	for _, id := range revoked {
		dead[id] = true
	}
	h.mu.Lock()
	subs := make([]*boardSub, 0, len(h.subs[contest]))
	for b := range h.subs[contest] {
		subs = append(subs, b)
	}
	h.mu.Unlock()
	frames := map[string][]byte{}
	for _, b := range subs {
		if dead[b.token] {
			b.revoke()
			continue
		}
		f, ok := frames[b.category]
		if !ok {
			if f, err = h.frame(ctx, contest, b.category); err != nil {
				return err
			}
			frames[b.category] = f
		}
		b.push(f)
	}
	return nil
}

// push hands a frame to the board, replacing one it has not read yet: a
// slow screen skips to the newest figures instead of holding up others.
func (b *boardSub) push(f []byte) {
	for {
		select {
		case b.frames <- f:
			return
		default:
		}
		select {
		case <-b.frames:
		default:
		}
	}
}
