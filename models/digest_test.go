package models_test

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"sync/atomic"
	"testing"

	"gorm.io/gorm"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// seedCounty is modelstest.SeedCounty.
func seedCounty(tb testing.TB, st *models.Store, units, perUnit int, last models.Period, periods int) {
	tb.Helper()
	modelstest.SeedCounty(tb, st, units, perUnit, last, periods)
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
		// /digest composes it on the read pool, its reads side by side:
		// the same digest.
		dr, err := st.Reads().AdminDigest(ctx, clock.Now(), shanghai, models.WeekdayCalendar{})
		must(t, err)
		if !reflect.DeepEqual(d, dr) {
			t.Errorf("the digest from the read pool differs:\nwriter %+v\nreads  %+v", d, dr)
		}
	})
}

// The digest's onboarding figures are what the roster page lists, unit by
// unit: departed cadres and cadres without a unit left out, a unit nobody
// is in still shown.
func TestCoverageEqualsOnboarding(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		seedCounty(t, st, 4, 8, models.DigestPeriod(clock.Now(), shanghai), 1)
		db := st.DB()
		must(t, db.Exec("UPDATE cadres SET active = ? WHERE id IN (2, 9)", false).Error)
		must(t, db.Create(&models.Unit{Name: "新设单位", Kind: models.UnitTownship, Category: "类别0"}).Error)
		must(t, db.Create(&models.Cadre{Name: "周部长", ExternalID: "ADM", Role: models.RoleAdmin, Active: true, Lang: "zh"}).Error)
		got, err := st.Coverage(ctx)
		must(t, err)
		on, err := st.Onboarding(ctx, nil)
		must(t, err)
		want := make([]models.UnitCoverage, len(on))
		for i, o := range on {
			want[i] = models.UnitCoverage{UnitID: o.Unit.ID, Unit: o.Unit.Name, Category: o.Unit.Category,
				Total: o.Total, Bound: o.Bound, Unreachable: len(o.Unreachable)}
		}
		if !reflect.DeepEqual(want, got) {
			t.Errorf("coverage differs from Onboarding:\nonboarding %+v\ncoverage   %+v", want, got)
		}
		if len(got) != 5 || got[0].Total != 7 || got[0].Unreachable != 1 {
			t.Errorf("coverage %+v: want 5 units, the first with 7 active cadres, one unreachable", got)
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

// BenchmarkAdminDigest composes the county digest over a year of history,
// on the read pool as /digest and every digest sent are composed (the
// tally beside the rest), and on the writer as the monthly job's
// transaction does. GANSHI_TEST_POSTGRES runs it on PostgreSQL as well.
//
//	go test ./models -run '^$' -bench AdminDigest -benchmem
func BenchmarkAdminDigest(b *testing.B) {
	for _, size := range []struct{ units, perUnit int }{{120, 17}, {500, 20}, {5000, 20}} {
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
	for _, on := range []struct {
		name string
		st   *models.Store
	}{{"read_pool", st.Reads()}, {"writer", st}} {
		b.Run(on.name, func(b *testing.B) { benchCompose(b, on.st, units) })
	}
}

func benchCompose(b *testing.B, st *models.Store, units int) {
	n := countQueries(b, st)
	ctx := context.Background()
	var peak uint64
	b.ReportAllocs()
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
