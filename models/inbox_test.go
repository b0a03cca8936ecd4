package models_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

func TestSaveUpdatesStoresOnceAndRaisesOffset(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		batch := []models.InboxUpdate{{UpdateID: 7, ChatID: 1, Payload: `{"update_id":7}`}, {UpdateID: 8, ChatID: 2, Payload: `{"update_id":8}`}}
		n, err := st.SaveUpdates(ctx, batch, 9)
		if err != nil || n != 2 {
			t.Fatalf("first save: n=%d err=%v", n, err)
		}
		// The same batch again (Telegram resends when the offset was lost) adds nothing.
		again := []models.InboxUpdate{{UpdateID: 8, ChatID: 2, Payload: `{"update_id":8}`}, {UpdateID: 9, ChatID: 1, Payload: `{"update_id":9}`}}
		n, err = st.SaveUpdates(ctx, again, 10)
		if err != nil || n != 1 {
			t.Fatalf("second save: n=%d err=%v", n, err)
		}
		// An older offset never moves it back.
		if _, err := st.SaveUpdates(ctx, nil, 3); err != nil {
			t.Fatal(err)
		}
		off, err := st.UpdateOffset(ctx)
		if err != nil || off != 10 {
			t.Fatalf("offset = %d, %v; want 10", off, err)
		}
		ups, err := st.PendingUpdates(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, u := range ups {
			ids = append(ids, u.UpdateID)
		}
		if len(ids) != 3 || ids[0] != 7 || ids[1] != 8 || ids[2] != 9 {
			t.Fatalf("pending ids = %v, want [7 8 9]", ids)
		}
	})
}

func TestFinishUpdateOnlyOnce(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		if _, err := st.SaveUpdate(ctx, models.InboxUpdate{UpdateID: 1, ChatID: 5, Payload: "{}"}); err != nil {
			t.Fatal(err)
		}
		err := st.Tx(ctx, func(tx *models.Store) error {
			if err := tx.ClaimUpdate(ctx, 1); err != nil {
				return err
			}
			return tx.FinishUpdate(ctx, 1, models.InboxDone, "")
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.FinishUpdate(ctx, 1, models.InboxFailed, "again"); !errors.Is(err, models.ErrConflict) {
			t.Fatalf("second finish: %v, want ErrConflict", err)
		}
		if err := st.ClaimUpdate(ctx, 1); !errors.Is(err, models.ErrNotFound) {
			t.Fatalf("claim of a done update: %v, want ErrNotFound", err)
		}
		counts, err := st.InboxCounts(ctx)
		if err != nil || counts[models.InboxDone] != 1 || counts[models.InboxPending] != 0 {
			t.Fatalf("counts = %v, %v", counts, err)
		}
	})
}

func TestFailedHandlerLeavesUpdatePending(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		st.SaveUpdate(ctx, models.InboxUpdate{UpdateID: 1, ChatID: 5, Payload: "{}"})
		boom := errors.New("boom")
		err := st.Tx(ctx, func(tx *models.Store) error {
			if _, err := tx.Enqueue(ctx, &models.Notification{ChatID: 5, Kind: "text", Payload: "{}", DedupKey: "reply:1"}); err != nil {
				return err
			}
			if err := tx.FinishUpdate(ctx, 1, models.InboxDone, ""); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("tx err = %v", err)
		}
		ups, _ := st.PendingUpdates(ctx, 10)
		counts, _ := st.OutboxCounts(ctx)
		if len(ups) != 1 || counts[models.OutboxPending] != 0 {
			t.Fatalf("after rollback: pending updates %d, outbox %v; want 1 and empty", len(ups), counts)
		}
	})
}
