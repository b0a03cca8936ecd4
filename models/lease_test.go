package models_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
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

// deadHolder names a process of this machine that has exited: a child that
// ran and was waited for.
func deadHolder(t *testing.T) string {
	t.Helper()
	me := models.NewHolder()
	parts := strings.Split(me, "/")
	if len(parts) != 4 || parts[3] == "" {
		t.Skip("this system has no /proc: a holder's death cannot be proved, leases are waited for")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	parts[1] = strconv.Itoa(cmd.Process.Pid)
	return strings.Join(parts, "/")
}

// After kill -9 the restarted process must not wait out the dead one's
// lease: a holder on this host whose process is gone is replaced at once.
// A holder elsewhere (or alive) is waited for, and the state says whom for
// and until when, once.
func TestLeaseOfAGoneProcessIsTakenAtOnce(t *testing.T) {
	dead := deadHolder(t)
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		me := models.NewHolder()
		claim := func(name, holder string) models.LeaseState {
			t.Helper()
			s, err := st.ClaimLease(ctx, name, holder, 30*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		if s := claim("sender", dead); !s.Held {
			t.Fatalf("dead holder's first claim: %+v", s)
		}
		clock.Advance(time.Second)
		if s := claim("sender", me); !s.Held || s.TakenFrom != dead {
			t.Fatalf("claim over a dead holder = %+v, want it taken at once from %s", s, dead)
		}

		// Our own pid, but started at another time: a previous process
		// (a container's pid 1 after a restart).
		parts := strings.Split(me, "/")
		parts[3] += "0"
		earlier := strings.Join(parts, "/")
		claim("poller", earlier)
		if s := claim("poller", me); !s.Held || s.TakenFrom != earlier {
			t.Fatalf("claim over a reused pid = %+v", s)
		}

		// Another host; this very process under another name (alive).
		for i, other := range []string{"elsewhere/4242/0a0b0c0d/1a2b3c4d.999", strings.Replace(me, parts[2], "ffffffff", 1)} {
			name := fmt.Sprint("wait-", i)
			held := claim(name, other)
			l := models.NewLeased(st, name, me, 30*time.Second, nil)
			s, news, err := l.Claim(ctx)
			if err != nil || s.Held || s.Holder != other || !s.ExpiresAt.Equal(held.ExpiresAt) {
				t.Fatalf("claim over %s (not provably gone) = %+v, %v; want a wait until %v", other, s, err, held.ExpiresAt)
			}
			if want := (models.LeaseNews{WaitFor: other, Until: held.ExpiresAt}); !sameNews(news, want) {
				t.Errorf("news of the wait = %+v, want %+v", news, want)
			}
			if _, again, _ := l.Claim(ctx); !sameNews(again, models.LeaseNews{}) {
				t.Errorf("the same wait reported twice: %+v", again)
			}
		}
		clock.Advance(31 * time.Second)
		if s := claim("wait-0", me); !s.Held || s.TakenFrom != "" {
			t.Fatalf("after expiry = %+v, want held (taken as expired, not as gone)", s)
		}
	})
}
