package jobs_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// A manual run in the very second a fire is due does not take the fire's
// place, in either order: both run, the fire as a fire and the manual run
// as a manual run, each in the ledger and in the log.
func TestManualRunInAFiresSecond(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		admin := int64(42)
		for _, manualFirst := range []bool{true, false} {
			name := map[bool]string{true: "manual-first", false: "fire-first"}[manualFirst]
			clock.Set(local(2026, 11, 2, 8, 0))
			sc := ensure(t, st, name, "0 9 * * *")
			var c counter
			var log logBuffer
			e := newEngine(st, clock, &c, &log)
			tick(t, e) // before the fire: nothing
			clock.Set(local(2026, 11, 2, 9, 0))
			manual := func() {
				if _, err := e.RunNow(ctx, name, &admin); err != nil {
					t.Fatalf("%s: run now: %v", name, err)
				}
			}
			if manualFirst {
				manual()
				tick(t, e)
			} else {
				tick(t, e)
				manual()
			}
			var kinds []bool
			for _, r := range c.fired() {
				if !r.FireAt.Equal(local(2026, 11, 2, 9, 0)) {
					t.Errorf("%s: a run at %s", name, r.FireAt)
				}
				kinds = append(kinds, r.Manual)
			}
			if want := []bool{manualFirst, !manualFirst}; !slices.Equal(kinds, want) {
				t.Errorf("%s: runs manual=%v, want %v", name, kinds, want)
			}
			got := ledger(t, st, sc.ID)
			slices.Sort(got)
			if !equal(got, []string{"done@11-02 09:00", "manual@11-02 09:00"}) {
				t.Errorf("%s: ledger %v", name, got)
			}
			if log.count("schedule fired") != 1 || log.count("schedule run by hand") != 1 {
				t.Errorf("%s: log:\n%s", name, log.String())
			}
			clock.Set(local(2026, 11, 3, 9, 0)) // the manual run did not shift the next fire
			tick(t, e)
			if n := len(c.fired()); n != 3 {
				t.Errorf("%s: %d runs after the next day's fire, want 3", name, n)
			}
		}
	})
}

// digest-leader run by hand in the second of its fire keeps manual
// semantics — every leader not muted, whatever their own time — and the
// fire still runs with its own: only leaders whose time it is.
func TestManualDigestBesideItsFire(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		people := county(t, st) // 李书记 leads 城关镇 at the default 08:30
		for i, p := range []struct{ unit, leader, at string }{{"河西乡", "王乡长", "10:00"}, {"东风镇", "陈镇长", "off"}} {
			u := models.Unit{Name: p.unit, Kind: models.UnitTownship, Category: "乡镇一类"}
			must(t, st.DB().Create(&u).Error)
			chat := int64(200 + i)
			c := models.Cadre{Name: p.leader, ExternalID: p.leader, UnitID: &u.ID, Role: models.RoleLeader, Active: true, Lang: "zh",
				TelegramUserID: &chat, ChatID: &chat}
			must(t, st.DB().Create(&c).Error)
			must(t, st.SetDigestPref(ctx, c.ID, models.DigestPref{At: p.at, Off: p.at == "off"}))
			people[p.leader] = c
		}
		names := map[int64]string{}
		for n, c := range people {
			if c.ChatID != nil {
				names[*c.ChatID] = n
			}
		}
		for _, manualFirst := range []bool{true, false} {
			must(t, st.DB().Where("1 = 1").Delete(&models.Notification{}).Error)
			must(t, st.DB().Where("1 = 1").Delete(&models.RunRecord{}).Error)
			must(t, st.DB().Where("1 = 1").Delete(&models.Schedule{}).Error)
			clock.Set(local(2026, 11, 2, 8, 10)) // Monday, after the 08:00 fire
			sc := jobs.Registry().Of(jobs.JobDigestLeader, jobs.JobDigestAdmin).Defaults()[0]
			sc.TZ = "Asia/Shanghai"
			if _, err := st.EnsureSchedule(ctx, &sc); err != nil {
				t.Fatal(err)
			}
			e := jobs.NewEngine(st, jobs.Options{Jobs: checkedJobs(t), Now: clock.Now})
			clock.Set(local(2026, 11, 2, 8, 30))
			var first, second []string
			step := func(manual bool) []string {
				if manual {
					if _, err := e.RunNow(ctx, sc.Name, nil); err != nil {
						t.Fatalf("manual first %v: run now: %v", manualFirst, err)
					}
				} else if err := e.Tick(ctx); err != nil {
					t.Fatal(err)
				}
				return digestsTo(t, st, names)
			}
			first, second = step(manualFirst), step(!manualFirst)
			manual, fire := first, second
			if !manualFirst {
				manual, fire = second, first
			}
			if manualFirst {
				// The manual run told both leaders not muted; the fire, the same
				// day, has no one left to tell.
				if !slices.Equal(manual, []string{"李书记", "王乡长"}) || len(fire) != 0 {
					t.Errorf("manual first: manual run %v, fire %v", manual, fire)
				}
			} else if !slices.Equal(fire, []string{"李书记"}) || !slices.Equal(manual, []string{"王乡长"}) {
				t.Errorf("fire first: fire %v, manual run %v", fire, manual)
			}
			got := ledger(t, st, sc.ID)
			slices.Sort(got)
			if !equal(got, []string{"done@11-02 08:30", "manual@11-02 08:30"}) {
				t.Errorf("manual first %v: ledger %v", manualFirst, got)
			}
		}
	})
}

// digestsTo lists, sorted, who got a leader digest since the last call,
// and forgets them.
func digestsTo(t *testing.T, st *models.Store, names map[int64]string) []string {
	t.Helper()
	var rows []models.Notification
	must(t, st.DB().Where("kind = ? AND status = ?", models.KindDigestLeader, models.OutboxPending).Find(&rows).Error)
	var out []string
	for _, n := range rows {
		var p models.DigestPayload
		must(t, json.Unmarshal([]byte(n.Payload), &p))
		out = append(out, names[n.ChatID])
		must(t, st.DB().Model(&n).Update("status", models.OutboxSent).Error)
	}
	slices.Sort(out)
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
