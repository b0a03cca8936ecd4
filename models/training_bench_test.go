package models_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// benchCadres adds n bound cadres in one unit and returns their ids.
func benchCadres(b *testing.B, st *models.Store, n int) []int64 {
	b.Helper()
	u := models.Unit{Name: "全县", Kind: models.UnitCountyBody}
	if err := st.DB().Create(&u).Error; err != nil {
		b.Fatal(err)
	}
	cs := make([]models.Cadre, n)
	for i := range cs {
		chat := int64(100000 + i)
		cs[i] = models.Cadre{Name: fmt.Sprintf("干部%d", i), ExternalID: fmt.Sprintf("B%05d", i), UnitID: &u.ID,
			Role: models.RoleCadre, Active: true, Lang: "zh", ChatID: &chat}
	}
	if err := st.DB().CreateInBatches(&cs, 500).Error; err != nil {
		b.Fatal(err)
	}
	ids := make([]int64, n)
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

func benchSession(b *testing.B, st *models.Store, start time.Time) models.TrainingSession {
	b.Helper()
	s, err := st.CreateTraining(context.Background(), models.NewTraining{Kind: models.TrainingLecture, Title: "全县专题党课",
		Place: "县会议中心", StartsAt: start, EndsAt: start.Add(2 * time.Hour), OrganiserID: 1, Hours: 2})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// A county-wide lecture for 2,000 invitees: invitations and their 2,000
// outbox rows committed in one transaction. Target < 1 s per op.
func BenchmarkTrainingInvite2000(b *testing.B) {
	clock := modelstest.NewClock(modelstest.Start)
	st := modelstest.SQLite(b, clock.Now)
	ids := benchCadres(b, st, 2000)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		s := benchSession(b, st, clock.Now().Add(24*time.Hour))
		b.StartTimer()
		sum, err := st.InviteToTraining(ctx, s.ID, ids, "Asia/Shanghai")
		if err != nil || sum.Added != 2000 {
			b.Fatalf("%+v %v", sum, err)
		}
	}
	var n int64
	st.DB().Model(&models.Notification{}).Where("kind = ?", models.KindTrainingInvite).Count(&n)
	if n != int64(2000*b.N) {
		b.Fatalf("%d invitations in the outbox, want %d", n, 2000*b.N)
	}
}

// 500 check-ins arriving at once with the screen's code (and 500 repeats):
// every invitee recorded exactly once. One op is the whole wave.
func BenchmarkTrainingCheckin500(b *testing.B) {
	clock := modelstest.NewClock(modelstest.Start)
	st := modelstest.SQLite(b, clock.Now)
	ids := benchCadres(b, st, 500)
	ctx := context.Background()
	for range b.N { // b.Loop here crashes go1.26.8's compiler (internal compiler error in sync/atomic)
		b.StopTimer()
		s := benchSession(b, st, clock.Now().Add(10*time.Minute))
		if _, err := st.InviteToTraining(ctx, s.ID, ids, "UTC"); err != nil {
			b.Fatal(err)
		}
		code := s.Screen(clock.Now()).Code
		b.StartTimer()
		errs := checkinWave(st, ids, code)
		b.StopTimer()
		ok, twice := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case errors.Is(err, models.ErrCheckedIn):
				twice++
			default:
				b.Fatal(err)
			}
		}
		var n int64
		st.DB().Model(&models.TrainingInvitation{}).Where("session_id = ? AND checked_in_at IS NOT NULL", s.ID).Count(&n)
		if ok != len(ids) || twice != len(ids) || n != int64(len(ids)) {
			b.Fatalf("recorded %d, refused as repeats %d, rows %d; want %d each", ok, twice, n, len(ids))
		}
		// The next wave's session opens afterwards: move on past this one.
		clock.Advance(3 * time.Hour)
	}
}

// checkinWave sends every invitee's code twice, all at once.
func checkinWave(st *models.Store, ids []int64, code string) []error {
	errs := make([]error, 2*len(ids))
	done := make(chan struct{}, len(errs))
	for i := range errs {
		go func(i int) {
			_, errs[i] = st.CheckIn(context.Background(), ids[i%len(ids)], code)
			done <- struct{}{}
		}(i)
	}
	for range errs {
		<-done
	}
	return errs
}
