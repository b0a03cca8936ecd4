package models_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// reviewUnit is a unit with a principal and n cadres (干部1…干部n).
func reviewUnit(t *testing.T, st *models.Store, name string, n int) (models.Unit, models.Cadre, []models.Cadre) {
	t.Helper()
	u, lead, first := seedUnit(t, st, name)
	cs := []models.Cadre{first}
	for i := 2; i <= n; i++ {
		c := models.Cadre{Name: fmt.Sprintf("%s干部%d", name, i), ExternalID: fmt.Sprintf("%s-c%d", name, i), UnitID: &u.ID, Role: models.RoleCadre, Active: true, Lang: "zh"}
		if err := st.DB().Create(&c).Error; err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	return u, lead, cs
}

func openRound(t *testing.T, st *models.Store) models.ReviewRound {
	t.Helper()
	r, err := st.OpenRound(context.Background(), models.NewRound{Code: "2026Q4"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestReviewRoundDutiesAndStates(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, cs := reviewUnit(t, st, "城关镇", 3)
		r := openRound(t, st)
		if r.State != models.ReviewCollecting || r.OpensOn != "2026-11-02" || r.ClosesOn != "2026-11-13" {
			t.Errorf("round: %+v", r)
		}
		ds, err := st.Duties(ctx, r.ID, lead.ID)
		if err != nil || len(ds) != 1 || ds[0].Source != models.SrcPrincipal || ds[0].Owed != 3 {
			t.Errorf("principal's duty: %+v %v", ds, err)
		}
		ds, _ = st.Duties(ctx, r.ID, cs[0].ID)
		if len(ds) != 1 || ds[0].Source != models.SrcColleague || ds[0].Owed != 3 {
			t.Errorf("colleague's duty: %+v", ds)
		}
		if _, err := st.OpenRound(ctx, models.NewRound{Code: "2026Q4"}); !errors.Is(err, models.ErrConflict) {
			t.Errorf("the same quarter twice: %v", err)
		}
		if _, err := st.OpenRound(ctx, models.NewRound{Code: "2026Q5"}); !errors.Is(err, models.ErrBadRoundCode) {
			t.Errorf("a bad code: %v", err)
		}
		if r, err = st.ExtendRound(ctx, "2026Q4", 2, nil); err != nil || r.ClosesOn != "2026-11-17" {
			t.Errorf("extend: %+v %v", r, err)
		}
		if _, err := st.SetRoundState(ctx, "2026Q4", models.ReviewConfirmed, nil); !errors.Is(err, models.ErrRoundState) {
			t.Errorf("collecting straight to confirmed: %v", err)
		}
		if r, err = st.SetRoundState(ctx, "2026Q4", models.ReviewClosed, nil); err != nil || r.State != models.ReviewClosed {
			t.Fatalf("close: %v", err)
		}
		err = st.AnswerAsColleague(ctx, models.Answer{Round: r, By: cs[0], Cadre: cs[1]})
		if !errors.Is(err, models.ErrRoundState) {
			t.Errorf("an answer in a closed round: %v", err)
		}
		if r, err = st.SetRoundState(ctx, "2026Q4", models.ReviewCollecting, nil); err != nil {
			t.Fatalf("reopen: %v", err)
		}
		if err := st.AnswerAsColleague(ctx, models.Answer{Round: r, By: cs[0], Cadre: cs[1]}); err != nil {
			t.Errorf("an answer in the reopened round: %v", err)
		}
	})
}

func TestReviewColleagueBadInput(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, _, cs := reviewUnit(t, st, "城关镇", 3)
		_, _, other := reviewUnit(t, st, "河西乡", 2)
		r := openRound(t, st)
		if err := st.AnswerAsColleague(ctx, models.Answer{Round: r, By: cs[0], Cadre: cs[0]}); !errors.Is(err, models.ErrSelfReview) {
			t.Errorf("about oneself: %v", err)
		}
		if err := st.AnswerAsColleague(ctx, models.Answer{Round: r, By: cs[0], Cadre: other[0]}); !errors.Is(err, models.ErrOtherUnit) {
			t.Errorf("about another unit's cadre: %v", err)
		}
		long := strings.Repeat("长", models.MaxReviewNote+1)
		if err := st.AnswerAsColleague(ctx, models.Answer{Round: r, By: cs[0], Cadre: cs[1], Dims: []string{models.DimStyle}, Note: long}); !errors.Is(err, models.ErrNoteTooLong) {
			t.Errorf("an oversized answer: %v", err)
		}
	})
}

// TestReviewAnonymity: the ballot table has no column that joins an
// answer to its respondent, a second answer replaces the first in place,
// ids do not follow the order of answering, and nothing shows below three.
func TestReviewAnonymity(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, _, cs := reviewUnit(t, st, "城关镇", 4)
		r := openRound(t, st)
		about := cs[3]
		answer := func(by models.Cadre, dims []string, note string) {
			t.Helper()
			if err := st.AnswerAsColleague(ctx, models.Answer{Round: r, By: by, Cadre: about, Dims: dims, Note: note}); err != nil {
				t.Fatal(err)
			}
		}
		answer(cs[0], []string{models.DimStyle}, "开会常迟到")
		answer(cs[1], []string{models.DimStyle}, "<script>alert(1)</script>")
		m, err := st.Matrix(ctx, r, about.ID)
		if err != nil || !m.Hidden || m.Colleagues != 2 || m.Raised(4) {
			t.Fatalf("two answers must show nothing: %+v %v", m, err)
		}
		answer(cs[0], []string{models.DimStyle, models.DimLaw}, "改：开会常迟到") // replaces, still anonymous
		answer(cs[2], nil, "")
		m, _ = st.Matrix(ctx, r, about.ID)
		if m.Hidden || m.Colleagues != 3 || m.Cells[4][1].Count != 2 || m.Cells[3][1].Count != 1 {
			t.Fatalf("three answers, one replaced: %+v", m)
		}
		if got := m.Cells[4][1].Notes; !contains(got, "<script>alert(1)</script>") || !contains(got, "改：开会常迟到") || contains(got, "开会常迟到") {
			t.Errorf("notes are stored as written and replaced: %q", got)
		}
		cols, err := st.DB().Migrator().ColumnTypes(&models.ReviewBallot{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cols {
			switch c.Name() {
			case "id", "round_id", "source", "unit_id", "cadre_id", "slot", "no_issue", "dims", "note", "satisfaction", "day":
			default:
				t.Errorf("ballots gained column %q: does it join an answer to a person?", c.Name())
			}
		}
		var ballots []models.ReviewBallot
		st.DB().Order("id").Find(&ballots)
		for _, b := range ballots {
			if len(b.ID) != 32 || b.Day != "2026-11-02" || b.Slot == nil {
				t.Errorf("ballot %+v", b)
			}
			for _, c := range cs {
				if strings.Contains(*b.Slot, fmt.Sprint(c.ID)) && len(*b.Slot) < 64 {
					t.Errorf("slot names a respondent: %q", *b.Slot)
				}
			}
		}
		var sameDay int64
		st.DB().Model(&models.ReviewDuty{}).Where("answered_on = ?", "2026-11-02").Count(&sameDay)
		if sameDay != 3 {
			t.Errorf("three colleagues answered: %d duties say so", sameDay)
		}
	})
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TestReviewCorroboratedIntoTalk runs a round: the principal's one-tap
// answers, a finding, two sources on one dimension (多方印证), an admin
// confirming it into a talk the principal owes, the cadre told, the
// promotion guard until it is resolved, and the item carried over.
func TestReviewCorroboratedIntoTalk(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		u, lead, cs := reviewUnit(t, st, "城关镇", 2)
		chat := int64(777)
		st.DB().Model(&cs[0]).Update("chat_id", chat)
		cs[0].ChatID = &chat
		admin := models.Cadre{Name: "周部长", ExternalID: "ADM", Role: models.RoleAdmin, Active: true, Lang: "zh"}
		liaison := models.Cadre{Name: "纪委联络员", ExternalID: "LJ", Role: models.RoleLiaison, UnitID: &u.ID, Active: true, Lang: "zh"}
		st.DB().Create(&admin)
		st.DB().Create(&liaison)
		r := openRound(t, st)
		if err := st.AnswerAsPrincipal(ctx, models.Answer{Round: r, By: lead, Cadre: cs[1]}); err != nil {
			t.Fatal(err)
		}
		if err := st.AnswerAsPrincipal(ctx, models.Answer{Round: r, By: lead, Cadre: cs[0], Dims: []string{models.DimStyle}, Note: "推诿"}); err != nil {
			t.Fatal(err)
		}
		if err := st.AnswerAsPrincipal(ctx, models.Answer{Round: r, By: cs[1], Cadre: cs[0]}); !errors.Is(err, models.ErrOtherUnit) {
			t.Errorf("a cadre answering as principal: %v", err)
		}
		if _, err := st.FileFinding(ctx, models.Answer{Round: r, By: liaison, Cadre: cs[0], Dims: []string{models.DimStyle},
			Note: "信访件反映服务态度差", Ref: "信访〔2026〕12号", Sev: "警示", Dept: "县信访局", Finding: true}); err != nil {
			t.Fatal(err)
		}
		m, _ := st.Matrix(ctx, r, cs[0].ID)
		if !m.Corroborated(4) || m.Corroborated(0) {
			t.Errorf("work style from two sources is corroborated: %v", m.Sources(4))
		}
		_, err := st.Decide(ctx, models.Decision{Round: r, CadreID: cs[0].ID, Dim: models.DimStyle, Disposition: models.DispTalk, Actor: admin})
		if !errors.Is(err, models.ErrRoundState) {
			t.Errorf("deciding while collecting: %v", err)
		}
		r, _ = st.SetRoundState(ctx, r.Code, models.ReviewConsultation, nil)
		if _, err := st.Decide(ctx, models.Decision{Round: r, CadreID: cs[0].ID, Dim: models.DimStyle, Disposition: models.DispTalk, Actor: liaison}); !errors.Is(err, models.ErrOtherUnit) {
			t.Errorf("a liaison deciding: %v", err)
		}
		if _, err := st.Decide(ctx, models.Decision{Round: r, CadreID: cs[0].ID, Dim: models.DimStyle, Disposition: models.DispReject, Actor: admin}); !errors.Is(err, models.ErrNeedReason) {
			t.Errorf("不予采纳 without a reason: %v", err)
		}
		it, err := st.Decide(ctx, models.Decision{Round: r, CadreID: cs[0].ID, Dim: models.DimStyle, Disposition: models.DispTalk, Actor: admin})
		if err != nil || it.State != models.ItemOpen || !it.Corroborated || it.TalkID == nil || it.Sources != "principal,department" {
			t.Fatalf("confirmed: %+v %v", it, err)
		}
		tk, err := st.GetTalk(ctx, *it.TalkID)
		if err != nil || tk.LeaderID != lead.ID || tk.Status != models.TalkDue || tk.CadreID != cs[0].ID {
			t.Errorf("the principal owes a talk: %+v %v", tk, err)
		}
		var told models.Notification
		if err := st.DB().Where("kind = ? AND chat_id = ?", models.KindReviewItem, chat).Take(&told).Error; err != nil {
			t.Errorf("the cadre is told: %v", err)
		} else if strings.Contains(told.Payload, "信访") || strings.Contains(told.Payload, "推诿") {
			t.Errorf("the cadre's notice says who raised it: %s", told.Payload)
		}
		guard, _ := st.PromotionGuard(ctx)
		if guard[cs[0].ID] != 1 || len(guard) != 1 {
			t.Errorf("guard: %v", guard)
		}
		if d, err := st.AdminDigest(ctx, clock.Now(), shanghai, models.WeekdayCalendar{}); err != nil || d.ReviewGuard != 1 {
			t.Errorf("the department's digest flags the cadre: %d %v", d.ReviewGuard, err)
		}
		// Carried over: next quarter's matrix still lists the open item.
		st.SetRoundState(ctx, r.Code, models.ReviewConfirmed, nil)
		st.SetRoundState(ctx, r.Code, models.ReviewClosed, nil)
		next, err := st.OpenRound(ctx, models.NewRound{Code: "2027Q1"})
		if err != nil {
			t.Fatal(err)
		}
		m, _ = st.Matrix(ctx, next, cs[0].ID)
		if m.OpenItems() != 1 {
			t.Errorf("the open item carries over: %+v", m.Items)
		}
		if _, err := st.ResolveItem(ctx, it.ID, admin, "已整改"); err != nil {
			t.Fatal(err)
		}
		guard, _ = st.PromotionGuard(ctx)
		if len(guard) != 0 {
			t.Errorf("resolved, no guard: %v", guard)
		}
		if _, err := st.ResolveItem(ctx, it.ID, admin, "again"); !errors.Is(err, models.ErrConflict) {
			t.Errorf("resolving twice: %v", err)
		}
	})
}

func TestReviewRoles(t *testing.T) {
	liaison := models.Cadre{Role: models.RoleLiaison, Active: true}
	cadre := models.Cadre{ID: 1, Role: models.RoleCadre, Active: true}
	if liaison.MayReadReviewAnswers() || liaison.AtLeast(models.RoleCadre) || liaison.MayActOnCadre(cadre) || !liaison.MayFileFindings() {
		t.Error("a liaison files findings and reads nothing")
	}
	if cadre.MayReadReviewAnswers() || cadre.MayFileFindings() {
		t.Error("a cadre cannot see who flagged them, nor file findings")
	}
}

func TestReviewPublicCodes(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		u, _, cs := reviewUnit(t, st, "伊山镇", 2)
		r := openRound(t, st)
		codes, err := st.IssueCodes(ctx, r, u.ID, 3, 0, nil)
		if err != nil || len(codes) != 3 {
			t.Fatal(err)
		}
		var stored models.ReviewCode
		st.DB().First(&stored)
		if stored.Hash == codes[0] || strings.Contains(stored.Hash, codes[0]) {
			t.Error("a code is stored in the clear")
		}
		ok := models.PublicAnswer{Code: codes[0], Satisfaction: 4, CadreID: cs[0].ID, Dims: []string{models.DimStyle}, Note: "<b>态度</b>"}
		if err := st.SubmitPublic(ctx, ok); err != nil {
			t.Fatal(err)
		}
		if err := st.SubmitPublic(ctx, ok); !errors.Is(err, models.ErrCodeUsed) {
			t.Errorf("a reused code: %v", err)
		}
		if err := st.SubmitPublic(ctx, models.PublicAnswer{Code: "forged-code-123", Satisfaction: 5}); !errors.Is(err, models.ErrCodeUnknown) {
			t.Errorf("a forged code: %v", err)
		}
		clock.Advance(models.ReviewCodeTTL + 1)
		if err := st.SubmitPublic(ctx, models.PublicAnswer{Code: codes[1], Satisfaction: 5}); !errors.Is(err, models.ErrCodeExpired) {
			t.Errorf("an expired code: %v", err)
		}
		sums, err := st.Summaries(ctx, r, map[int64]*models.ReviewMatrix{})
		if err != nil || sums[0].SatAnswers != 1 || sums[0].Satisfaction != 4 {
			t.Errorf("satisfaction: %+v %v", sums[0], err)
		}
	})
}

func TestReviewFindingsImport(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		reviewUnit(t, st, "城关镇", 2)
		_, _, other := reviewUnit(t, st, "河西乡", 2)
		st.DB().Model(&other[1]).Update("name", "城关镇干部2") // two cadres of one name
		r := openRound(t, st)
		_, err := models.ParseFindingsCSV([]byte("cadre,dimension,fact,ref,severity\n城关镇干部,作风,事实,文号,提醒\n城关镇干部,天气,事实,文号,提醒\n城关镇干部,作风,,文号,很严重\n"))
		var probs models.LineProblems
		if !errors.As(err, &probs) || len(probs) != 2 || probs[0].Line != 3 || probs[1].Line != 4 {
			t.Fatalf("whole-file check with line numbers: %v", err)
		}
		lines, err := models.ParseFindingsCSV([]byte("城关镇干部,作风,事实,文号,提醒\n城关镇干部2,遵纪,事实,文号,严重\n城管镇干部,守法,事实,,警示\n"))
		if err != nil {
			t.Fatal(err)
		}
		admin := models.Cadre{Role: models.RoleAdmin, Active: true}
		_, err = st.ImportFindings(ctx, r, admin, "县审计局", lines)
		if !errors.As(err, &probs) || len(probs) != 2 || !strings.Contains(probs[0].String(), "河西乡") && !strings.Contains(probs[0].String(), "城关镇干部2") {
			t.Fatalf("two cadres of a name, and none: %v", err)
		}
		n, err := st.ImportFindings(ctx, r, admin, "县审计局", lines[:1])
		if err != nil || n != 1 {
			t.Fatalf("import: %d %v", n, err)
		}
		_, near, err := st.MatchCadre(ctx, r, "城管镇干部")
		if !errors.Is(err, models.ErrNotFound) || len(near) == 0 {
			t.Errorf("a mistyped name gets suggestions: %v %v", near, err)
		}
	})
}
