package models_test

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// seedCounty makes units × perUnit cadres (the first of each unit its
// leader) with reports for the given periods ending at last, cycling
// through every state, one exemption per unit per period, and a few talks.
func seedCounty(tb testing.TB, st *models.Store, units, perUnit int, last models.Period, periods int) {
	tb.Helper()
	db := st.DB()
	now := st.Now()
	us := make([]models.Unit, units)
	for i := range us {
		us[i] = models.Unit{Name: fmt.Sprintf("单位%05d", i), Kind: models.UnitTownship, Category: fmt.Sprintf("类别%d", i%4)}
	}
	must(tb, db.CreateInBatches(&us, 500).Error)
	cs := make([]models.Cadre, 0, units*perUnit)
	for _, u := range us {
		for j := 0; j < perUnit; j++ {
			c := models.Cadre{Name: fmt.Sprintf("%s-%d", u.Name, j), ExternalID: fmt.Sprintf("X%d-%d", u.ID, j),
				UnitID: &u.ID, Role: models.RoleCadre, Lang: "zh", Active: true}
			if j == 0 {
				c.Role = models.RoleLeader
			}
			if j%3 != 2 {
				uid := u.ID*10000 + int64(j)
				c.TelegramUserID, c.ChatID, c.BoundAt = &uid, &uid, &now
				c.Unreachable = j%7 == 4
			}
			cs = append(cs, c)
		}
	}
	must(tb, db.CreateInBatches(&cs, 1000).Error)
	p := last
	for k := 0; k < periods; k++ {
		due := models.DefaultDueRule.Due(p, shanghai, models.WeekdayCalendar{})
		var rs []models.Report
		var es []models.Exemption
		for i, c := range cs {
			switch (i + k) % 7 {
			case 0: // not started
			case 6:
				es = append(es, models.Exemption{CadreID: c.ID, Period: p.String(), Reason: "病假", At: now})
			default:
				r := models.Report{CadreID: c.ID, Period: p.String(), UnitID: *c.UnitID, DueAt: due}
				sub := due.Add(-time.Hour)
				if (i+k)%5 == 0 {
					sub, r.Late = due.Add(time.Hour), true
				}
				r.Status = []string{"", models.ReportDraft, models.ReportSubmitted, models.ReportReturned, models.ReportSigned, models.ReportSigned}[(i+k)%7]
				if r.Status != models.ReportDraft {
					r.SubmittedAt = &sub
				}
				rs = append(rs, r)
			}
		}
		must(tb, db.CreateInBatches(&rs, 1000).Error)
		must(tb, db.CreateInBatches(&es, 1000).Error)
		p = p.Prev()
	}
	var ts []models.Talk
	for i := 0; i < len(cs); i += 5 {
		t := models.Talk{CadreID: cs[i].ID, LeaderID: cs[i-i%perUnit].ID, Reason: models.TalkReasons[i%len(models.TalkReasons)],
			Source: models.TalkFromChat, DueFrom: "2026-10-20", DueBy: "2026-10-29", Status: models.TalkDue}
		switch i % 4 {
		case 1:
			at := now.Add(48 * time.Hour)
			t.Status, t.StartsAt = models.TalkScheduled, &at
		case 2:
			at := now.Add(-48 * time.Hour)
			t.Status, t.StartsAt = models.TalkHeld, &at
		case 3:
			at := now.Add(-72 * time.Hour)
			t.Status, t.StartsAt = models.TalkClosed, &at
		}
		ts = append(ts, t)
	}
	must(tb, db.CreateInBatches(&ts, 1000).Error)
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// countQueries counts every statement GORM runs on st from now on.
func countQueries(tb testing.TB, st *models.Store) *atomic.Int64 {
	tb.Helper()
	var n atomic.Int64
	inc := func(*gorm.DB) { n.Add(1) }
	name := fmt.Sprintf("digest_count_%p", &n)
	must(tb, st.DB().Callback().Query().After("gorm:query").Register(name, inc))
	must(tb, st.DB().Callback().Row().After("gorm:row").Register(name, inc))
	return &n
}

func TestDigestFiguresEqualTally(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		p := models.DigestPeriod(clock.Now(), shanghai)
		seedCounty(t, st, 5, 9, p, 2)
		rows, err := st.Board(ctx, p, nil)
		must(t, err)
		want := models.Tally(rows)
		d, err := st.AdminDigest(ctx, clock.Now(), shanghai, models.WeekdayCalendar{})
		must(t, err)
		if !reflect.DeepEqual(want, d.Units) {
			t.Errorf("admin digest figures differ from Tally:\ntally  %+v\ndigest %+v", want, d.Units)
		}
		if d.Period != p.String() || !d.PastDue {
			t.Errorf("period %s past due %v, want %s past due", d.Period, d.PastDue, p)
		}
		for _, tl := range want {
			ld, err := st.LeaderDigest(ctx, tl.UnitID, clock.Now(), shanghai, models.WeekdayCalendar{})
			must(t, err)
			if ld.Tally != tl {
				t.Errorf("leader digest of %s: %+v, Tally %+v", tl.UnitName, ld.Tally, tl)
			}
			if len(ld.Awaiting) != tl.Awaiting || len(ld.Returned) != tl.Returned || len(ld.Missing) != tl.Missing ||
				ld.InProgress+ld.NotStarted != tl.Missing {
				t.Errorf("%s: names %d/%d/%d do not match the tally %+v", tl.UnitName, len(ld.Awaiting), len(ld.Returned), len(ld.Missing), tl)
			}
			for _, a := range ld.Awaiting {
				if a.ReportID == 0 {
					t.Errorf("%s awaits signature without a report id", a.Name)
				}
			}
			if ld.Total != 9 || ld.Bound != 6 || len(ld.NotBound) != 3 {
				t.Errorf("%s onboarding %d/%d, not bound %d", tl.UnitName, ld.Bound, ld.Total, len(ld.NotBound))
			}
			if len(ld.TalksDue)+len(ld.TalksWeek)+len(ld.Unrecorded) == 0 {
				t.Errorf("%s: no open talks in the digest", tl.UnitName)
			}
		}
		var unsigned int
		for _, u := range d.Unsigned {
			unsigned += u.N
		}
		var submitted int
		for _, tl := range want {
			submitted += tl.Awaiting
		}
		if unsigned != submitted {
			t.Errorf("unsigned past deadline %d, tally says %d", unsigned, submitted)
		}
		var owed, held int64
		for _, r := range d.Talks {
			owed, held = owed+r.Owed, held+r.Held
		}
		if owed == 0 || held == 0 || len(d.Coverage) != 5 || d.Coverage[0].Total != 9 || d.Coverage[0].Bound != 6 {
			t.Errorf("talks owed %d held %d, coverage %+v", owed, held, d.Coverage)
		}
	})
}

// The number of statements must not grow with the county.
func TestDigestQueryCountConstant(t *testing.T) {
	clock := modelstest.NewClock(modelstest.Start)
	{
		counts := map[int][2]int64{}
		for _, units := range []int{2, 40} {
			st := modelstest.SQLite(t, clock.Now)
			seedCounty(t, st, units, 6, models.DigestPeriod(clock.Now(), shanghai), 1)
			n := countQueries(t, st)
			ctx := context.Background()
			if _, err := st.AdminDigest(ctx, clock.Now(), shanghai, models.WeekdayCalendar{}); err != nil {
				t.Fatal(err)
			}
			admin := n.Swap(0)
			ids := make([]int64, units)
			for i := range ids {
				ids[i] = int64(i + 1)
			}
			ds, err := st.LeaderDigests(ctx, ids, clock.Now(), shanghai, models.WeekdayCalendar{})
			if err != nil || len(ds) != units {
				t.Fatalf("%d leader digests, err %v", len(ds), err)
			}
			counts[units] = [2]int64{admin, n.Load()}
		}
		if counts[2] != counts[40] || counts[2][0] > 7 || counts[2][1] > 7 {
			t.Errorf("queries (admin, leaders) for 2 units %v, for 40 units %v: must be equal and at most 7", counts[2], counts[40])
		}
		t.Logf("queries (admin, leaders): %v", counts[40])
	}
}

func TestDigestPrefs(t *testing.T) {
	st := modelstest.SQLite(t, modelstest.NewClock(modelstest.Start).Now)
	ctx := context.Background()
	must(t, st.SetDigestPref(ctx, 7, models.DigestPref{At: "08:00"}))
	must(t, st.SetDigestPref(ctx, 9, models.DigestPref{Off: true}))
	got, err := st.DigestPrefs(ctx)
	must(t, err)
	want := map[int64]models.DigestPref{7: {At: "08:00"}, 9: {Off: true}}
	if !reflect.DeepEqual(want, got) {
		t.Errorf("preferences %+v, want %+v", got, want)
	}
	if p, _ := st.GetDigestPref(ctx, 8); p != (models.DigestPref{}) {
		t.Errorf("unset preference %+v", p)
	}
	for in, want := range map[string]string{"8:00": "08:00", "08:30": "08:30", "7：05": "07:05", "24:00": "", "8": "", "8:5": ""} {
		if got, _ := models.ParseDigestTime(in); got != want {
			t.Errorf("ParseDigestTime(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkAdminDigest composes the county digest over a year of history.
// GANSHI_TEST_POSTGRES runs it on PostgreSQL as well.
//
//	go test ./models -run '^$' -bench AdminDigest -benchmem
func BenchmarkAdminDigest(b *testing.B) {
	for _, size := range []struct{ units, perUnit int }{{120, 17}, {5000, 20}} {
		b.Run(fmt.Sprintf("sqlite/%dcadres_%dunits", size.units*size.perUnit, size.units), func(b *testing.B) {
			benchDigest(b, modelstest.SQLite(b, modelstest.NewClock(modelstest.Start).Now), size.units, size.perUnit)
		})
		if modelstest.PostgresDSN() != "" {
			b.Run(fmt.Sprintf("postgres/%dcadres_%dunits", size.units*size.perUnit, size.units), func(b *testing.B) {
				benchDigest(b, modelstest.Postgres(b, modelstest.NewClock(modelstest.Start).Now), size.units, size.perUnit)
			})
		}
	}
}

func benchDigest(b *testing.B, st *models.Store, units, perUnit int) {
	seedCounty(b, st, units, perUnit, models.DigestPeriod(modelstest.Start, shanghai), 12)
	n := countQueries(b, st)
	ctx := context.Background()
	var peak uint64
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		d, err := st.AdminDigest(ctx, modelstest.Start, shanghai, models.WeekdayCalendar{})
		if err != nil || len(d.Units) != units {
			b.Fatalf("%d units, err %v", len(d.Units), err)
		}
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		peak = max(peak, after.HeapInuse)
	}
	b.ReportMetric(float64(n.Load())/float64(b.N), "queries/op")
	b.ReportMetric(float64(peak)/(1<<20), "heapMB")
}
