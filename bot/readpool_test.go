package bot

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	tgmodels "github.com/go-telegram/bot/models"
	"gorm.io/gorm"

	"github.com/ganshi/ganshi/models"
)

// While the county's digest is being composed for an admin — held in the
// middle of its reading, at 100,000 cadres (2,000 with -short) — another
// person's message is handled and answered: the digest reads on the read
// pool, never on SQLite's one writer.
func TestReplyWhileCountyDigestBuilds(t *testing.T) {
	units, perUnit := 1000, 100
	if testing.Short() {
		units, perUnit = 120, 17
	}
	cb := newCountyBench(t, units, perUnit)
	ctx := context.Background()
	handle := func(from int64, text string) error {
		cb.next++
		u := &tgmodels.Update{ID: cb.next, Message: &tgmodels.Message{Text: text, From: &tgmodels.User{ID: from},
			Chat: tgmodels.Chat{ID: from, Type: tgmodels.ChatTypePrivate}}}
		return cb.st.Tx(ctx, func(tx *models.Store) error { return cb.r.Handle(ctx, tx, u) })
	}
	if err := handle(cb.admin, "/digest"); err != nil {
		t.Fatal(err)
	}
	var digest models.Notification
	if err := cb.st.DB().Where("kind = ?", models.KindDigestAdmin).Take(&digest).Error; err != nil {
		t.Fatal(err)
	}

	// Hold the digest's first query open, its rows not yet read.
	started, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	hold := func(*gorm.DB) {
		once.Do(func() {
			close(started)
			<-release
		})
	}
	if err := cb.st.Reads().DB().Callback().Row().After("gorm:row").Register("test:hold", hold); err != nil {
		t.Fatal(err)
	}
	built := make(chan string, 1)
	go func() {
		ms, err := Renderer(cb.r.loc)(ctx, cb.st.Reads(), digest)
		if err != nil || len(ms) == 0 {
			built <- "error: " + fmtErr(err)
			return
		}
		built <- ms[0].Text
	}()
	select {
	case <-started:
	case <-time.After(time.Minute):
		t.Fatal("the digest did not start")
	}

	leader := int64(1*10000 + 0) // unit 1's leader, bound by SeedCounty
	replied := make(chan error, 1)
	go func() { replied <- handle(leader, "/help") }()
	select {
	case err := <-replied:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		close(release)
		t.Fatal("a reply waited behind the county's digest")
	}
	var n int64
	if err := cb.st.DB().Model(&models.Notification{}).Where("chat_id = ?", leader).Count(&n).Error; err != nil || n == 0 {
		t.Fatalf("no reply written for the leader: %d, %v", n, err)
	}
	close(release)
	if text := <-built; !strings.Contains(text, "全县") {
		t.Errorf("the digest after the hold: %s", text)
	}
}

func fmtErr(err error) string {
	if err == nil {
		return "no messages"
	}
	return err.Error()
}
