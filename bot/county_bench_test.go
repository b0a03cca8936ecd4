package bot

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	tgmodels "github.com/go-telegram/bot/models"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
	"github.com/ganshi/ganshi/texts"
)

// countyBench is a county of the given size with a bound admin, and the
// router that answers them, on SQLite.
type countyBench struct {
	st      *models.Store
	r       *Router
	admin   int64 // the admin's Telegram user id
	queries atomic.Int64
	next    int64
	seen    int64 // the last outbox row rendered
}

func newCountyBench(tb testing.TB, units, perUnit int) *countyBench {
	tb.Helper()
	clock := modelstest.NewClock(modelstest.Start)
	st := modelstest.SQLite(tb, clock.Now)
	loc, _ := time.LoadLocation(models.DefaultZone)
	modelstest.SeedCounty(tb, st, units, perUnit, models.DigestPeriod(modelstest.Start, loc), 3)
	cb := &countyBench{st: st, r: NewRouter(Options{Location: loc}), admin: 1 << 40}
	now := clock.Now()
	a := models.Cadre{Name: "周部长", ExternalID: "ADM", Role: models.RoleAdmin, Active: true, Lang: texts.ZH,
		TelegramUserID: &cb.admin, ChatID: &cb.admin, BoundAt: &now}
	if err := st.DB().Create(&a).Error; err != nil {
		tb.Fatal(err)
	}
	// Every statement is traced to the store's logger, GORM's and the
	// inbound path's plain ones alike: count them there.
	for _, db := range []*gorm.DB{st.DB(), st.Reads().DB()} {
		db.Config.Logger = statementCounter{&cb.queries}
	}
	return cb
}

// statementCounter is a GORM logger that counts the statements traced.
type statementCounter struct{ n *atomic.Int64 }

func (c statementCounter) LogMode(logger.LogLevel) logger.Interface { return c }
func (statementCounter) Info(context.Context, string, ...any)       {}
func (statementCounter) Warn(context.Context, string, ...any)       {}
func (statementCounter) Error(context.Context, string, ...any)      {}
func (c statementCounter) Trace(context.Context, time.Time, func() (string, int64), error) {
	c.n.Add(1)
}

// say handles one private message from the admin, as the inbox does.
func (cb *countyBench) say(tb testing.TB, text string) {
	cb.next++
	u := &tgmodels.Update{ID: cb.next, Message: &tgmodels.Message{Text: text, From: &tgmodels.User{ID: cb.admin},
		Chat: tgmodels.Chat{ID: cb.admin, Type: tgmodels.ChatTypePrivate}}}
	ctx := context.Background()
	if err := cb.st.Tx(ctx, func(tx *models.Store) error { return cb.r.Handle(ctx, tx, u) }); err != nil {
		tb.Fatal(err)
	}
	// What the sender does next: render each reply, the county's digest
	// composed there, on the read pool.
	var rows []models.Notification
	if err := cb.st.DB().Where("id > ?", cb.seen).Order("id").Find(&rows).Error; err != nil {
		tb.Fatal(err)
	}
	for _, n := range rows {
		if _, err := Renderer(cb.r.loc)(ctx, cb.st.Reads(), n); err != nil {
			tb.Fatal(err)
		}
		cb.seen = n.ID
	}
}

// BenchmarkCountyCommands is an admin's /digest and /reports for the
// whole county at 2k, 10k and 100k cadres, handled and rendered as the
// sender renders them: time, allocations, statements run (on the writer
// and the read pool) and the heap in use after each, which must not
// follow the cadres.
//
//	go test ./bot -run '^$' -bench CountyCommands -benchmem -benchtime 10x
func BenchmarkCountyCommands(b *testing.B) {
	for _, size := range []struct{ units, perUnit int }{{120, 17}, {500, 20}, {1000, 100}} {
		cadres := size.units * size.perUnit
		b.Run(fmt.Sprintf("%dcadres_%dunits", cadres, size.units), func(b *testing.B) {
			cb := newCountyBench(b, size.units, size.perUnit)
			for _, cmd := range []string{"/digest", "/reports"} {
				b.Run(cmd[1:], func(b *testing.B) {
					cb.queries.Store(0)
					var peak uint64
					b.ReportAllocs()
					b.ResetTimer()
					for b.Loop() {
						cb.say(b, cmd)
						var m runtime.MemStats
						runtime.ReadMemStats(&m)
						peak = max(peak, m.HeapInuse)
					}
					b.ReportMetric(float64(cb.queries.Load())/float64(b.N), "queries/op")
					b.ReportMetric(float64(peak)/(1<<20), "heapMB")
				})
			}
		})
	}
}
