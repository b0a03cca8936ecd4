package models_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// Finished history older than the retention is deleted, its payloads
// cleared earlier; pending rows, failed notifications, the audit log and
// business records stay; a second run finds nothing to do; a row that
// was pending when the clearing passed it is cleared once it finishes.
func TestPruneKeepsWhatMatters(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		db := st.DB()
		now := clock.Now()
		day := 24 * time.Hour
		ago := func(d int) time.Time { return now.Add(-time.Duration(d) * day).UTC() }
		id := int64(0)
		update := func(status string, age int) int64 {
			id++
			must(t, db.Create(&models.InboxUpdate{UpdateID: id, ChatID: 7, Payload: "私人消息", Status: status, ReceivedAt: ago(age)}).Error)
			return id
		}
		note := func(status string, age int) int64 {
			n := models.Notification{ChatID: 7, Kind: "text", Payload: "私人通知", DedupKey: fmt.Sprint(status, age, id),
				Status: status, NextAttemptAt: ago(age), CreatedAt: ago(age)}
			id++
			must(t, db.Create(&n).Error)
			return n.ID
		}
		oldDone, oldFailed, weekDone, newDone, stuck := update(models.InboxDone, 40), update(models.InboxFailed, 40), update(models.InboxDone, 10), update(models.InboxDone, 1), update(models.InboxPending, 20)
		oldSent, oldLapsed, oldFailedN, weekSent, newSent, pending := note(models.OutboxSent, 40), note(models.OutboxLapsed, 40), note(models.OutboxFailed, 40), note(models.OutboxSent, 10), note(models.OutboxSent, 1), note(models.OutboxPending, 40)
		must(t, st.Audit(ctx, nil, "cadre.bind", "X1", "kept"))

		got, err := st.Prune(ctx, now, models.Retention{Batch: 2})
		must(t, err)
		if want := (models.Pruned{Updates: 2, Notifications: 2, UpdatesCleared: 1, NotificationsCleared: 2}); got != want {
			t.Errorf("pruned %+v, want %+v", got, want)
		}
		inbox := map[int64]string{}
		var ups []models.InboxUpdate
		must(t, db.Find(&ups).Error)
		for _, u := range ups {
			inbox[u.UpdateID] = u.Payload
		}
		for uid, want := range map[int64]string{weekDone: "", newDone: "私人消息", stuck: "私人消息"} {
			if p, ok := inbox[uid]; !ok || p != want {
				t.Errorf("update %d: payload %q (kept %v), want %q", uid, p, ok, want)
			}
		}
		for _, uid := range []int64{oldDone, oldFailed} {
			if _, ok := inbox[uid]; ok {
				t.Errorf("update %d older than the retention is kept", uid)
			}
		}
		outbox := map[int64]string{}
		var ns []models.Notification
		must(t, db.Find(&ns).Error)
		for _, n := range ns {
			outbox[n.ID] = n.Payload
		}
		for nid, want := range map[int64]string{oldFailedN: "", weekSent: "", newSent: "私人通知", pending: "私人通知"} {
			if p, ok := outbox[nid]; !ok || p != want {
				t.Errorf("notification %d: payload %q (kept %v), want %q", nid, p, ok, want)
			}
		}
		for _, nid := range []int64{oldSent, oldLapsed} {
			if _, ok := outbox[nid]; ok {
				t.Errorf("notification %d older than the retention is kept", nid)
			}
		}
		if es, _ := st.AuditEntries(ctx, "cadre.bind", 10); len(es) != 1 {
			t.Errorf("audit log: %d entries", len(es))
		}

		again, err := st.Prune(ctx, now, models.Retention{Batch: 2})
		must(t, err)
		if again != (models.Pruned{}) {
			t.Errorf("second run did %+v", again)
		}
		// The update stuck since 20 days ago is handled at last: the next
		// run clears it, though the clearing had passed its age.
		must(t, st.FinishUpdate(ctx, stuck, models.InboxDone, ""))
		later, err := st.Prune(ctx, now.Add(time.Hour), models.Retention{Batch: 2})
		must(t, err)
		if later.UpdatesCleared != 1 {
			t.Errorf("the late-finished update was not cleared: %+v", later)
		}
	})
}

func TestBacklogCountsOnlyUnfinished(t *testing.T) {
	st := modelstest.SQLite(t, modelstest.NewClock(modelstest.Start).Now)
	ctx := context.Background()
	must(t, st.DB().Create(&models.InboxUpdate{UpdateID: 1, Payload: "{}", Status: models.InboxDone}).Error)
	must(t, st.DB().Create(&models.InboxUpdate{UpdateID: 2, Payload: "{}", Status: models.InboxPending}).Error)
	for i, s := range []string{models.OutboxSent, models.OutboxPending, models.OutboxPending, models.OutboxFailed} {
		must(t, st.DB().Create(&models.Notification{ChatID: 1, Kind: "text", Payload: "{}", DedupKey: fmt.Sprint(i), Status: s, NextAttemptAt: modelstest.Start}).Error)
	}
	in, out, err := st.Backlog(ctx)
	must(t, err)
	if len(in) != 1 || in[models.InboxPending] != 1 || len(out) != 2 || out[models.OutboxPending] != 2 || out[models.OutboxSending] != 0 {
		t.Errorf("backlog inbox %v outbox %v", in, out)
	}
}
