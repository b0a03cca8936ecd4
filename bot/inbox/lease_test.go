package inbox_test

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/ganshi/ganshi/bot/inbox"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

const testTTL = 1200 * time.Millisecond

// leaseClaims counts the claims of a lease made through st: each claim
// reads the lease row once, whether it is granted or refused.
func leaseClaims(t *testing.T, st *models.Store) *calls {
	t.Helper()
	c := newCalls()
	err := st.DB().Callback().Query().After("gorm:query").Register("test:lease_claims", func(db *gorm.DB) {
		if db.Statement.Table == "leases" {
			c.add()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// leaseHolder reads who holds the poller lease.
func leaseHolder(t *testing.T, st *models.Store) string {
	t.Helper()
	var l models.Lease
	if err := st.DB().Where("name = ?", inbox.LeaseName).Take(&l).Error; err != nil {
		t.Fatalf("poller lease: %v", err)
	}
	return l.Holder
}

// Two replicas on one database: only the lease holder calls getUpdates, and
// when it shuts down the other takes over and nothing is lost.
func TestOnlyTheLeaseHolderPolls(t *testing.T) {
	for _, pair := range storePairs() {
		t.Run(pair.name, func(t *testing.T) {
			ctx := testCtx(t)
			clock := modelstest.NewClock(modelstest.Start)
			stA, stB := pair.open(t, clock)
			fake, client := newFake(t)
			recA, recB := &recorder{inner: client}, &recorder{inner: client}
			claimsA, claimsB := leaseClaims(t, stA), leaseClaims(t, stB)
			cfg := func(holder string) inbox.PollerConfig {
				return inbox.PollerConfig{Holder: holder, LeaseTTL: testTTL, Timeout: time.Second, Backoff: 10 * time.Millisecond}
			}
			stopA := runBackground(t, ctx, inbox.NewPoller(stA, recA, cfg("a")).Run)
			stopB := runBackground(t, ctx, inbox.NewPoller(stB, recB, cfg("b")).Run)
			sendMany(fake, 0, 10)
			waitConfirmed(ctx, t, fake)

			// Whoever claimed first polls. The other is turned away three
			// times more, every third of the TTL, and never polls.
			holder, standby, stopHolder, standbyName, standbyClaims := recA, recB, stopA, "b", claimsB
			if leaseHolder(t, stA) == "b" {
				holder, standby, stopHolder, standbyName, standbyClaims = recB, recA, stopB, "a", claimsA
			}
			standbyClaims.mu.Lock()
			seen := standbyClaims.n
			standbyClaims.mu.Unlock()
			standbyClaims.wait(ctx, t, seen+3)
			if standby.calls() != 0 || holder.calls() == 0 {
				t.Fatalf("getUpdates calls: holder %d, standby %d; want >0 and 0", holder.calls(), standby.calls())
			}

			// The holder shuts down and releases the lease; the standby
			// takes over within a third of the TTL and nothing is lost.
			stopHolder()
			sendMany(fake, 10, 10)
			waitConfirmed(ctx, t, fake)
			if standby.calls() == 0 {
				t.Fatal("standby never polled")
			}
			if h := leaseHolder(t, stA); h != standbyName {
				t.Errorf("the lease is %s's, want the standby %s's", h, standbyName)
			}
			checkInbox(t, stA, 20)
		})
	}
}

// A holder that dies without releasing blocks the others only until its
// lease expires.
func TestPollerTakesOverAnExpiredLease(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := testCtx(t)
		fake, client := newFake(t)
		if held, err := st.AcquireLease(ctx, inbox.LeaseName, "dead-replica", testTTL); err != nil || !held {
			t.Fatalf("acquire: %v, %v", held, err)
		}
		claims := leaseClaims(t, st)
		rec := &recorder{inner: client}
		runBackground(t, ctx, inbox.NewPoller(st, rec, inbox.PollerConfig{Holder: "b", LeaseTTL: testTTL, Timeout: time.Second}).Run)
		sendMany(fake, 0, 3)
		claims.wait(ctx, t, 2)
		if rec.calls() != 0 || leaseHolder(t, st) != "dead-replica" {
			t.Fatalf("polled %d times while another replica held the lease", rec.calls())
		}
		clock.Advance(testTTL + time.Millisecond)
		waitConfirmed(ctx, t, fake)
		checkInbox(t, st, 3)
	})
}

// A holder on this machine whose process is gone (kill -9, then a
// restart) is replaced at once: the clock never moves here, so without the
// takeover nothing would be polled until the test times out.
func TestPollerTakesOverAGoneProcessAtOnce(t *testing.T) {
	parts := strings.Split(models.NewHolder(), "/")
	if len(parts) != 4 || parts[3] == "" {
		t.Skip("no /proc: a holder's death cannot be proved here")
	}
	child := exec.Command(os.Args[0], "-test.run=^$")
	if err := child.Run(); err != nil {
		t.Fatal(err)
	}
	parts[1] = strconv.Itoa(child.Process.Pid)
	dead := strings.Join(parts, "/")
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := testCtx(t)
		fake, client := newFake(t)
		if held, err := st.AcquireLease(ctx, inbox.LeaseName, dead, time.Hour); err != nil || !held {
			t.Fatalf("acquire: %v, %v", held, err)
		}
		runBackground(t, ctx, inbox.NewPoller(st, client, inbox.PollerConfig{LeaseTTL: testTTL, Timeout: time.Second}).Run)
		sendMany(fake, 0, 3)
		waitConfirmed(ctx, t, fake)
		checkInbox(t, st, 3)
	})
}
