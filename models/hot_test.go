package models_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm/schema"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// The inbound path's plain SQL names every column of the structs it reads
// and writes: a field added to Cadre or Notification without its column
// there would be lost silently.
func TestHotColumnsCoverTheModels(t *testing.T) {
	for _, c := range []struct {
		model any
		cols  string
		skip  string
	}{
		{&models.Cadre{}, models.CadreColumns, ""},
		{&models.Notification{}, models.NotificationColumns, "id"},
	} {
		s, err := schema.Parse(c.model, &sync.Map{}, schema.NamingStrategy{})
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, f := range s.Fields {
			if f.DBName != "" && f.DBName != c.skip {
				want = append(want, f.DBName)
			}
		}
		var got []string
		for _, col := range strings.Split(c.cols, ",") {
			got = append(got, strings.TrimSpace(col))
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(want, got) {
			t.Errorf("%T: columns %v, the struct has %v", c.model, got, want)
		}
	}
}

// CadreByTelegram reads a cadre as GORM does, NULL columns included, and
// only an active one.
func TestCadreByTelegramReadsEveryField(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		u := models.Unit{Name: "城关镇", Kind: models.UnitTownship, Category: "乡镇"}
		must(t, st.DB().Create(&u).Error)
		tg, chat, bound := int64(777), int64(778), clock.Now().Add(-time.Hour)
		full := models.Cadre{ExternalID: "A1", Name: "李四", UnitID: &u.ID, Position: "副镇长", Duty: "分管农业",
			BirthDate: "1980-05-01", WorkStartYear: 2002, Role: models.RoleLeader, TelegramUserID: &tg, ChatID: &chat,
			Lang: "en", Active: true, Unreachable: true, UnreachableReason: "blocked", BoundAt: &bound}
		must(t, st.DB().Create(&full).Error)
		want, err := st.GetCadre(ctx, full.ID)
		must(t, err)
		got, err := st.CadreByTelegram(ctx, tg)
		must(t, err)
		if !reflect.DeepEqual(want, got) {
			t.Errorf("CadreByTelegram\n got %+v\nwant %+v", got, want)
		}

		// Columns the schema lets be NULL, as an import by hand leaves them.
		must(t, st.DB().Exec(`INSERT INTO cadres (external_id, name, role, telegram_user_id, lang, active, unreachable)
			VALUES ('B2', '王五', 'cadre', 900, 'zh', ?, ?)`, true, false).Error)
		sparse, err := st.CadreByTelegram(ctx, 900)
		must(t, err)
		if sparse.Name != "王五" || sparse.UnitID != nil || sparse.ChatID != nil || sparse.BoundAt != nil ||
			sparse.Position != "" || sparse.UnreachableReason != "" || !sparse.Active {
			t.Errorf("sparse cadre read as %+v", sparse)
		}

		must(t, st.DB().Model(&models.Cadre{}).Where("id = ?", full.ID).Update("active", false).Error)
		if _, err := st.CadreByTelegram(ctx, tg); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("a departed cadre: err %v, want ErrNotFound", err)
		}
	})
}

// Enqueue writes the row GORM reads back, gives it its id, and keeps the
// first of two with one dedup key.
func TestEnqueueWritesTheWholeRow(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		lease := clock.Now().Add(time.Minute)
		n := models.Notification{ChatID: 5, Kind: "text", Payload: `{"text":"您好"}`, DedupKey: "k1", Lane: models.LaneReply,
			LeaseUntil: &lease, Attempts: 2, PartsSent: 1, TelegramMessageID: 9, LastError: "429"}
		var fresh bool
		err := st.Tx(ctx, func(tx *models.Store) (err error) {
			fresh, err = tx.Enqueue(ctx, &n)
			return err
		})
		must(t, err)
		if !fresh || n.ID == 0 || n.Status != models.OutboxPending || !n.NextAttemptAt.Equal(clock.Now()) || !n.CreatedAt.Equal(clock.Now()) {
			t.Fatalf("enqueued %+v, fresh %v", n, fresh)
		}
		var back models.Notification
		must(t, st.DB().First(&back, n.ID).Error)
		if back.ChatID != n.ChatID || back.Kind != n.Kind || back.Payload != n.Payload || back.Lane != n.Lane ||
			back.LeaseUntil == nil || !back.LeaseUntil.Equal(lease) || back.Attempts != 2 || back.PartsSent != 1 ||
			back.TelegramMessageID != 9 || back.LastError != "429" || back.SentAt != nil || !back.CreatedAt.Equal(n.CreatedAt) {
			t.Errorf("read back %+v, wrote %+v", back, n)
		}
		again := models.Notification{ChatID: 6, Kind: "text", Payload: "{}", DedupKey: "k1"}
		if fresh, err := st.Enqueue(ctx, &again); err != nil || fresh || again.ID != 0 {
			t.Errorf("same dedup key: fresh %v, id %d, err %v", fresh, again.ID, err)
		}
		if _, err := st.Enqueue(ctx, &models.Notification{ChatID: 6, Kind: "text"}); err == nil {
			t.Error("an empty dedup key was accepted")
		}
	})
}

// A nested Tx is a savepoint: its error or panic undoes its own writes
// only, at any depth, and hundreds of them in one transaction go on
// working (each is released).
func TestNestedTxUndoesOnlyItself(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		enq := func(tx *models.Store, key string) error {
			_, err := tx.Enqueue(ctx, &models.Notification{ChatID: 1, Kind: "text", Payload: "{}", DedupKey: key})
			return err
		}
		boom := errors.New("boom")
		err := st.Tx(ctx, func(tx *models.Store) error {
			must(t, enq(tx, "outer"))
			for i := range 300 {
				must(t, tx.Tx(ctx, func(sp *models.Store) error { return enq(sp, "kept-"+string(rune('a'+i%26))+strings.Repeat("x", i/26)) }))
			}
			if err := tx.Tx(ctx, func(sp *models.Store) error {
				must(t, enq(sp, "inner-undone"))
				return boom
			}); !errors.Is(err, boom) {
				t.Errorf("inner error %v, want boom", err)
			}
			must(t, tx.Tx(ctx, func(sp *models.Store) error {
				must(t, enq(sp, "middle"))
				_ = sp.Tx(ctx, func(deep *models.Store) error {
					must(t, enq(deep, "deep-undone"))
					return boom
				})
				return enq(sp, "middle-after")
			}))
			func() {
				defer func() {
					if recover() == nil {
						t.Error("the panic did not go on up")
					}
				}()
				_ = tx.Tx(ctx, func(sp *models.Store) error {
					must(t, enq(sp, "panic-undone"))
					panic("handler bug")
				})
			}()
			return enq(tx, "outer-after")
		})
		must(t, err)
		var keys []string
		must(t, st.DB().Model(&models.Notification{}).Where("dedup_key NOT LIKE ?", "kept-%").Order("dedup_key").Pluck("dedup_key", &keys).Error)
		if want := []string{"middle", "middle-after", "outer", "outer-after"}; !slices.Equal(keys, want) {
			t.Errorf("committed %v, want %v", keys, want)
		}
		var kept int64
		must(t, st.DB().Model(&models.Notification{}).Where("dedup_key LIKE ?", "kept-%").Count(&kept).Error)
		if kept != 300 {
			t.Errorf("%d of 300 savepoints' writes committed", kept)
		}
	})
}

// When the database ends the transaction under a savepoint (SQLite does on
// a full disk), the nested Tx says so with ErrTxLost and nothing of the
// transaction is committed, before or after.
func TestNestedTxReportsALostTransaction(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		enq := func(tx *models.Store, key string) error {
			_, err := tx.Enqueue(ctx, &models.Notification{ChatID: 1, Kind: "text", Payload: "{}", DedupKey: key})
			return err
		}
		err := st.Tx(ctx, func(tx *models.Store) error {
			must(t, enq(tx, "before"))
			err := tx.Tx(ctx, func(sp *models.Store) error {
				must(t, enq(sp, "inside"))
				must(t, sp.DB().Exec("ROLLBACK").Error) // what the database does on its own
				return errors.New("disk full")
			})
			if !errors.Is(err, models.ErrTxLost) {
				t.Errorf("nested Tx: %v, want ErrTxLost", err)
			}
			return err
		})
		if err == nil {
			t.Error("the transaction reported success")
		}
		var n int64
		must(t, st.DB().Model(&models.Notification{}).Count(&n).Error)
		if n != 0 {
			t.Errorf("%d rows committed from a lost transaction", n)
		}
	})
}
