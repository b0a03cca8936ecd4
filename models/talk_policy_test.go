package models_test

import (
	"context"
	"testing"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// The later month returned first: the earlier one, returned second, still
// makes two months running, and names its neighbour.
func TestReturnedNextToEitherWay(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, _ *modelstest.Clock) {
		ctx := context.Background()
		_, lead, cad := seedUnit(t, st, "城关镇")
		ret := func(p models.Period) {
			t.Helper()
			rep, err := st.OpenReport(ctx, cad, p, at("2026-11-30 18:00"))
			if err == nil {
				_, err = st.AddItems(ctx, rep.ID, models.SectionAchievement, []models.NewItem{{Text: "完成征收35户"}})
			}
			if err == nil {
				_, err = st.AddItems(ctx, rep.ID, models.SectionPlan, []models.NewItem{{Text: "完成签约"}})
			}
			if err == nil {
				_, err = st.Submit(ctx, rep.ID, cad.ID)
			}
			if err == nil {
				_, err = st.Return(ctx, rep.ID, 0, lead.ID, "数字不准")
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		oct := nov.Prev()
		ret(nov)
		if _, twice, err := st.ReturnedNextTo(ctx, cad.ID, oct); err != nil || twice {
			t.Errorf("October not returned yet: %v %v", twice, err)
		}
		ret(oct)
		if other, twice, err := st.ReturnedNextTo(ctx, cad.ID, oct); err != nil || !twice || other != nov {
			t.Errorf("October returned second: %v %v %v, want November", other, twice, err)
		}
		if other, twice, _ := st.ReturnedNextTo(ctx, cad.ID, nov); !twice || other != oct {
			t.Errorf("from November: %v %v, want October", other, twice)
		}
		if _, twice, _ := st.ReturnedNextTo(ctx, cad.ID, nov.Next()); twice {
			t.Error("December was never returned")
		}
	})
}
