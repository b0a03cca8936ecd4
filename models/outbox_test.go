package models_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

func enqueue(t *testing.T, st *models.Store, chat int64, key string) {
	t.Helper()
	ok, err := st.Enqueue(context.Background(), &models.Notification{ChatID: chat, Kind: "text", Payload: `{"text":"hi"}`, DedupKey: key})
	if err != nil || !ok {
		t.Fatalf("enqueue %s: %v %v", key, ok, err)
	}
}

func TestEnqueueDedup(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		enqueue(t, st, 1, "remind:1:2026-11")
		ok, err := st.Enqueue(context.Background(), &models.Notification{ChatID: 1, Kind: "text", Payload: "{}", DedupKey: "remind:1:2026-11"})
		if err != nil || ok {
			t.Fatalf("duplicate enqueue = %v, %v; want false, nil", ok, err)
		}
		if _, err := st.Enqueue(context.Background(), &models.Notification{ChatID: 1, Kind: "text", Payload: "{}"}); err == nil {
			t.Fatal("empty dedup key accepted")
		}
	})
}

func TestClaimLeaseAndRetry(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		enqueue(t, st, 1, "a")
		enqueue(t, st, 2, "b")
		got, err := st.ClaimNotifications(ctx, 10, time.Minute)
		if err != nil || len(got) != 2 {
			t.Fatalf("claim: %d, %v", len(got), err)
		}
		// Claimed rows are not handed out again while the lease runs.
		if again, _ := st.ClaimNotifications(ctx, 10, time.Minute); len(again) != 0 {
			t.Fatalf("claimed twice: %d", len(again))
		}
		if err := st.MarkSent(ctx, got[0].ID, 1, 77); err != nil {
			t.Fatal(err)
		}
		if err := st.RetryAt(ctx, got[1].ID, clock.Now().Add(10*time.Second), "502", true); err != nil {
			t.Fatal(err)
		}
		if again, _ := st.ClaimNotifications(ctx, 10, time.Minute); len(again) != 0 {
			t.Fatalf("retried before its time: %d", len(again))
		}
		clock.Advance(10 * time.Second)
		again, _ := st.ClaimNotifications(ctx, 10, time.Minute)
		if len(again) != 1 || again[0].ID != got[1].ID || again[0].Attempts != 1 || again[0].LastError != "502" {
			t.Fatalf("retry claim = %+v", again)
		}
		// The sender died holding it: after the lease it is due again.
		clock.Advance(time.Minute + time.Second)
		again, _ = st.ClaimNotifications(ctx, 10, time.Minute)
		if len(again) != 1 {
			t.Fatalf("expired lease not reclaimed: %d", len(again))
		}
		sent, _ := st.GetNotification(ctx, got[0].ID)
		if sent.Status != models.OutboxSent || sent.TelegramMessageID != 77 || sent.SentAt == nil {
			t.Fatalf("sent row = %+v", sent)
		}
	})
}

func TestUnreachableAndMigrate(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		enqueue(t, st, 1, "to-blocked")
		enqueue(t, st, -100, "to-group")
		one := int64(1)
		if err := st.DB().Create(&models.Cadre{Name: "张三", ExternalID: "C1", Role: models.RoleCadre, Active: true, Lang: "zh",
			TelegramUserID: &one, ChatID: &one}).Error; err != nil {
			t.Fatal(err)
		}
		if err := st.MarkUnreachable(ctx, 1, "bot was blocked by the user"); err != nil {
			t.Fatal(err)
		}
		if err := st.MigrateChat(ctx, -100, -1001); err != nil {
			t.Fatal(err)
		}
		got, _ := st.ClaimNotifications(ctx, 10, time.Minute)
		if len(got) != 1 || got[0].ChatID != -1001 {
			t.Fatalf("claimable after block+migrate = %+v; want only the group row, on -1001", got)
		}
		c, err := st.GetChat(ctx, 1)
		if err != nil || !c.Unreachable || c.UnreachableReason == "" {
			t.Fatalf("chat 1 = %+v, %v", c, err)
		}
		writer, err := st.CadreByTelegram(ctx, 1)
		if err != nil || !writer.Unreachable {
			t.Fatalf("cadre of chat 1 = %+v, %v", writer, err)
		}
		if err := st.MarkReachable(ctx, 1, &writer); err != nil {
			t.Fatal(err)
		}
		if c, _ := st.GetChat(ctx, 1); c.Unreachable {
			t.Fatal("still unreachable after MarkReachable")
		}
		if c, _ := st.CadreByTelegram(ctx, 1); c.Unreachable {
			t.Fatal("the cadre is still unreachable after MarkReachable")
		}
	})
}

func TestEnqueueMany(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		enqueue(t, st, 1, "k1")
		var ns []models.Notification
		for i := range 2500 {
			ns = append(ns, models.Notification{ChatID: int64(i), Kind: "text", Payload: "{}", DedupKey: fmt.Sprintf("k%d", i)})
		}
		ns[3].NextAttemptAt = clock.Now().Add(time.Hour).In(time.FixedZone("CST", 8*3600))
		n, err := st.EnqueueMany(ctx, ns)
		if err != nil || n != 2499 {
			t.Fatalf("enqueue many = %d, %v; want 2499 (k1 existed)", n, err)
		}
		if c, _ := st.OutboxCounts(ctx); c[models.OutboxPending] != 2500 {
			t.Fatalf("outbox = %v", c)
		}
		claimed, err := st.ClaimNotifications(ctx, 5000, time.Minute)
		if err != nil || len(claimed) != 2499 {
			t.Fatalf("claimed %d, %v; want all but the held one", len(claimed), err)
		}
		if _, err := st.EnqueueMany(ctx, []models.Notification{{ChatID: 1, Kind: "text"}}); err == nil {
			t.Fatal("empty dedup key accepted")
		}
	})
}
