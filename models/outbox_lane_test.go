package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

func enqueueLane(t *testing.T, st *models.Store, chat int64, key string, lane int) int64 {
	t.Helper()
	n := &models.Notification{ChatID: chat, Kind: "text", Payload: `{"text":"hi"}`, DedupKey: key, Lane: lane}
	if ok, err := st.Enqueue(context.Background(), n); err != nil || !ok {
		t.Fatalf("enqueue %s: %v %v", key, ok, err)
	}
	return n.ID
}

func claimed(t *testing.T, rows []models.Notification, err error, want ...int64) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, n := range rows {
		got = append(got, n.ID)
	}
	if len(got) != len(want) {
		t.Fatalf("claimed %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("claimed %v, want %v", got, want)
		}
	}
}

func TestClaimTakesRepliesFirst(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		a := enqueueLane(t, st, 1, "a", models.LaneBulk)
		b := enqueueLane(t, st, 2, "b", models.LaneBulk)
		c := enqueueLane(t, st, 3, "c", models.LaneBulk)
		clock.Advance(time.Second)
		r := enqueueLane(t, st, 4, "r", models.LaneReply)

		rows, err := st.ClaimNotifications(ctx, 2, time.Minute)
		claimed(t, rows, err, r, a)
		rows, err = st.ClaimReplies(ctx, 10, time.Minute)
		claimed(t, rows, err) // b and c are bulk
		r2 := enqueueLane(t, st, 1, "r2", models.LaneReply)
		rows, err = st.ClaimReplies(ctx, 10, time.Minute)
		claimed(t, rows, err, r2)

		// The sender died: its rows come back when their leases end, each
		// in its lane and in its place there, among rows never claimed.
		clock.Advance(time.Minute + time.Second)
		rows, err = st.ClaimNotifications(ctx, 10, time.Minute)
		claimed(t, rows, err, r, r2, a, b, c)
	})
}

func TestRowsThatHadTheirTurnMoveToTheReplyLane(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		long := enqueueLane(t, st, 1, "long", models.LaneBulk)
		retried := enqueueLane(t, st, 2, "retried", models.LaneBulk)
		if _, err := st.ClaimNotifications(ctx, 2, time.Minute); err != nil {
			t.Fatal(err)
		}
		if err := st.MarkPartSent(ctx, long, 1); err != nil {
			t.Fatal(err)
		}
		if err := st.RetryAt(ctx, retried, clock.Now().Add(time.Second), "502", true); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{long, retried} {
			if n, err := st.GetNotification(ctx, id); err != nil || n.Lane != models.LaneReply {
				t.Errorf("row %d lane %d, %v; want the reply lane", id, n.Lane, err)
			}
		}
		// Behind a backlog of bulk rows due earlier, the retry is still
		// claimed first once due.
		backlog := enqueueLane(t, st, 3, "backlog", models.LaneBulk)
		clock.Advance(time.Second)
		rows, err := st.ClaimNotifications(ctx, 1, time.Minute)
		claimed(t, rows, err, retried)
		rows, err = st.ClaimNotifications(ctx, 1, time.Minute)
		claimed(t, rows, err, backlog)
	})
}

// A database made before lanes existed gains the column and its index,
// and what it held stays in the bulk lane.
func TestMigrationAddsOutboxLanes(t *testing.T) { modelstest.EachDSN(t, testMigrationAddsOutboxLanes) }

func testMigrationAddsOutboxLanes(t *testing.T, dsn string) {
	ctx := context.Background()
	clock := modelstest.NewClock(modelstest.Start)
	open := func() *models.Store { return modelstest.Open(t, dsn, clock.Now) }
	st := open()
	old := enqueueLane(t, st, 1, "old", models.LaneBulk)
	for _, q := range []string{
		"DROP INDEX idx_outbox_lane",
		"ALTER TABLE notifications DROP COLUMN lane",
		"DELETE FROM schema_versions WHERE version >= 7",
	} {
		if err := st.DB().Exec(q).Error; err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	st.Close()

	st = open()
	defer st.Close()
	if v, err := st.SchemaVersionNow(ctx); err != nil || v < 7 {
		t.Fatalf("schema version %d, %v", v, err)
	}
	if !st.DB().Migrator().HasIndex(&models.Notification{}, "idx_outbox_lane") {
		t.Error("idx_outbox_lane missing")
	}
	clock.Advance(time.Second)
	reply := enqueueLane(t, st, 2, "reply", models.LaneReply)
	rows, err := st.ClaimNotifications(ctx, 10, time.Minute)
	claimed(t, rows, err, reply, old)
	if rows[1].Lane != models.LaneBulk {
		t.Errorf("old row lane %d", rows[1].Lane)
	}
}
