package models_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// The categories a seeded cadre is put in, by what the seed did to them.
const (
	catOnTime = iota
	catLate
	catAwaiting
	catReturned
	catMissing
	catExempt
	nCats
)

// seedRandomBoard writes a random month for p: units of random size whose
// cadres are each put in a random category (in several ways where there
// are several: not started or a draft; returned after an on-time or a late
// submission; exempt with or without a report; some deactivated after
// reporting). It returns what it did per unit name, [nCats]int each.
func seedRandomBoard(t *testing.T, st *models.Store, rnd *rand.Rand, p models.Period) map[string][nCats]int {
	t.Helper()
	db, now := st.DB(), st.Now()
	due := models.DefaultDueRule.Due(p, shanghai, models.WeekdayCalendar{})
	want := map[string][nCats]int{}
	for i := range 1 + rnd.IntN(6) {
		u := models.Unit{Name: fmt.Sprintf("单位%d", i), Kind: models.UnitTownship, Category: fmt.Sprintf("类别%d", rnd.IntN(3))}
		must(t, db.Create(&u).Error)
		var counts [nCats]int
		for j := range 1 + rnd.IntN(15) {
			c := models.Cadre{Name: fmt.Sprintf("%s-%d", u.Name, j), ExternalID: fmt.Sprintf("R%d-%d", u.ID, j), UnitID: &u.ID,
				Role: models.RoleCadre, Lang: "zh", Active: true}
			if j == 0 {
				c.Role = models.RoleLeader
			}
			must(t, db.Create(&c).Error)
			cat := rnd.IntN(nCats)
			counts[cat]++
			r := models.Report{CadreID: c.ID, Period: p.String(), UnitID: u.ID, DueAt: due, Late: rnd.IntN(2) == 0}
			sub := due.Add(-time.Hour)
			if r.Late {
				sub = due.Add(time.Hour)
			}
			r.SubmittedAt = &sub
			switch cat {
			case catOnTime, catLate:
				r.Status, r.Late, r.SignedAt = models.ReportSigned, cat == catLate, &now
			case catAwaiting:
				r.Status = models.ReportSubmitted
			case catReturned:
				r.Status = models.ReportReturned
			case catMissing:
				if rnd.IntN(2) == 0 {
					continue // not started
				}
				r.Status, r.SubmittedAt, r.Late = models.ReportDraft, nil, false
			case catExempt:
				must(t, db.Create(&models.Exemption{CadreID: c.ID, Period: p.String(), Reason: "病假", At: now}).Error)
				if rnd.IntN(2) == 0 {
					continue
				}
				r.Status = models.ReportDraft
			}
			must(t, db.Create(&r).Error)
			if rnd.IntN(8) == 0 { // left the roster after reporting: still on the month's board
				must(t, db.Model(&c).Update("active", false).Error)
			}
		}
		want[u.Name] = counts
	}
	return want
}

// On random boards the five parts add up to Due and each is what the seed
// made; the county digest and every leader digest carry the same tally,
// and their name lists and unsigned counts are as long as its figures.
func TestTallyPartitionsDueOnRandomBoards(t *testing.T) {
	for seed := range uint64(12) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			clock := modelstest.NewClock(modelstest.Start)
			st := modelstest.SQLite(t, clock.Now)
			ctx := context.Background()
			p := models.DigestPeriod(clock.Now(), shanghai)
			want := seedRandomBoard(t, st, rand.New(rand.NewPCG(seed, 1)), p)
			rows, err := st.Board(ctx, p, nil)
			must(t, err)
			tallies := models.Tally(rows)
			for _, tl := range tallies {
				checkTally(t, tl, want[tl.UnitName])
			}
			if len(tallies) != len(want) {
				t.Errorf("%d units tallied, %d seeded", len(tallies), len(want))
			}
			d, err := st.AdminDigest(ctx, clock.Now(), shanghai, models.WeekdayCalendar{})
			must(t, err)
			unsigned := map[int64]int{}
			for _, u := range d.Unsigned {
				unsigned[u.UnitID] = u.N
			}
			for i, tl := range tallies {
				if d.Units[i] != tl {
					t.Errorf("county digest %+v, tally %+v", d.Units[i], tl)
				}
				if d.PastDue && unsigned[tl.UnitID] != tl.Awaiting {
					t.Errorf("%s: %d unsigned after the deadline, %d awaiting signature", tl.UnitName, unsigned[tl.UnitID], tl.Awaiting)
				}
				ld, err := st.LeaderDigest(ctx, tl.UnitID, clock.Now(), shanghai, models.WeekdayCalendar{})
				must(t, err)
				if ld.Tally != tl || len(ld.Awaiting) != tl.Awaiting || len(ld.Returned) != tl.Returned ||
					len(ld.Missing) != tl.Missing || ld.InProgress+ld.NotStarted != tl.Missing {
					t.Errorf("%s: leader digest %+v (lists %d/%d/%d), tally %+v", tl.UnitName, ld.Tally,
						len(ld.Awaiting), len(ld.Returned), len(ld.Missing), tl)
				}
			}
			if !d.PastDue {
				t.Errorf("the digest's month %s is not past its deadline at %s", d.Period, clock.Now())
			}
		})
	}
}

func checkTally(t *testing.T, tl models.ReportTally, want [nCats]int) {
	t.Helper()
	parts := tl.Parts()
	sum := 0
	for _, n := range parts {
		sum += n
	}
	got := [nCats]int{parts[0], parts[1], parts[2], parts[3], parts[4], tl.Exempt}
	if sum != tl.Due || got != want || tl.Signed != parts[0]+parts[1] || tl.Submitted != tl.Signed+parts[2] {
		t.Errorf("%s: tally %+v; parts add up to %d; seeded %v", tl.UnitName, tl, sum, want)
	}
}

// Add keeps the partition: category and county totals add up too.
func TestTallyAddKeepsThePartition(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 7))
	var sum models.ReportTally
	var want [nCats]int
	for range 200 {
		var c [nCats]int
		for k := range c {
			c[k] = rnd.IntN(30)
			want[k] += c[k]
		}
		tl := models.ReportTally{Due: c[0] + c[1] + c[2] + c[3] + c[4], SignedOnTime: c[0], SignedLate: c[1], Awaiting: c[2],
			Returned: c[3], Missing: c[4], Exempt: c[5], Signed: c[0] + c[1], Submitted: c[0] + c[1] + c[2]}
		sum = sum.Add(tl)
	}
	checkTally(t, sum, want)
}
