package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

func TestLeaseOneHolderUntilExpiry(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		must := func(name, holder string, want bool) {
			t.Helper()
			got, err := st.AcquireLease(ctx, name, holder, 30*time.Second)
			if err != nil || got != want {
				t.Fatalf("%s acquires %s: %v, %v; want %v", holder, name, got, err, want)
			}
		}
		must("poller", "a", true)
		must("poller", "b", false)
		clock.Advance(20 * time.Second)
		must("poller", "a", true) // renewal
		clock.Advance(20 * time.Second)
		must("poller", "b", false) // renewed lease still runs
		clock.Advance(11 * time.Second)
		must("poller", "b", true) // a stopped renewing: b takes over
		must("poller", "a", false)
		if err := st.ReleaseLease(ctx, "poller", "b"); err != nil {
			t.Fatal(err)
		}
		must("poller", "a", true)
	})
}
