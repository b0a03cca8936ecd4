package models_test

import (
	"context"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// Each change of a replica's hold is news once: taken, kept (nothing),
// lost to another, waited for, taken again after expiry.
func TestLeasedNewsOnce(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		l := models.NewLeased(st, "sender", "a", 30*time.Second, nil)
		step := func(what string, held bool, want models.LeaseNews) {
			t.Helper()
			s, news, err := l.Claim(ctx)
			if err != nil || s.Held != held || !sameNews(news, want) || l.Held() != held {
				t.Errorf("%s: held %v, news %+v, %v; want held %v, news %+v", what, s.Held, news, err, held, want)
			}
		}
		step("first claim", true, models.LeaseNews{Taken: true})
		step("renewal", true, models.LeaseNews{})
		clock.Advance(31 * time.Second)
		other, err := st.ClaimLease(ctx, "sender", "b", 30*time.Second)
		if err != nil || !other.Held {
			t.Fatalf("b takes the expired lease: %+v, %v", other, err)
		}
		step("after b took it", false, models.LeaseNews{Lost: true, WaitFor: "b", Until: other.ExpiresAt})
		step("still b's", false, models.LeaseNews{})
		clock.Advance(31 * time.Second)
		step("b stopped renewing", true, models.LeaseNews{Taken: true})
		l.Release(ctx)
		if s, _ := st.ClaimLease(ctx, "sender", "b", 30*time.Second); !s.Held || l.Held() {
			t.Errorf("after release b claims %+v; a still holds: %v", s, l.Held())
		}
	})
}

// sameNews compares news; times by instant (PostgreSQL reads them back in
// another zone value).
func sameNews(a, b models.LeaseNews) bool {
	ok := a.Until.Equal(b.Until)
	a.Until, b.Until = time.Time{}, time.Time{}
	return ok && a == b
}

// Run runs the role only while the lease is held: it stops the role when
// another replica takes the lease, starts it again when the lease is back,
// and gives the lease up when it ends.
func TestLeasedRunStopsWhenLost(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		runCtx, stop := context.WithCancel(ctx)
		started, ended := make(chan struct{}, 2), make(chan struct{}, 2)
		role := func(ctx context.Context) error {
			started <- struct{}{}
			<-ctx.Done()
			ended <- struct{}{}
			return nil
		}
		done := make(chan error, 1)
		go func() { done <- models.NewLeased(st, "sender", "a", 300*time.Millisecond, nil).Run(runCtx, role) }()
		wait := func(ch chan struct{}, what string) {
			t.Helper()
			select {
			case <-ch:
			case <-ctx.Done():
				t.Fatalf("waiting for the role to %s", what)
			}
		}
		holder := func() models.Lease {
			t.Helper()
			var l models.Lease
			if err := st.DB().Where("name = ?", "sender").Take(&l).Error; err != nil {
				t.Fatal(err)
			}
			return l
		}
		wait(started, "start")
		if h := holder().Holder; h != "a" {
			t.Fatalf("holder %q while the role runs", h)
		}
		// Another replica holds it now (as after a pause longer than the TTL).
		if err := st.DB().Model(&models.Lease{}).Where("name = ?", "sender").
			Updates(map[string]any{"holder": "b", "expires_at": clock.Now().Add(time.Hour)}).Error; err != nil {
			t.Fatal(err)
		}
		wait(ended, "stop once the lease is lost")
		clock.Advance(2 * time.Hour)
		wait(started, "start again once the lease is free")
		stop()
		wait(ended, "stop at shutdown")
		if err := <-done; err != nil {
			t.Fatalf("run: %v", err)
		}
		if l := holder(); l.Holder != "a" || l.ExpiresAt.After(clock.Now()) {
			t.Errorf("after shutdown the lease is %+v; want a's, released", l)
		}
	})
}
