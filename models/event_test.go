package models_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

func TestEventsCSVProblems(t *testing.T) {
	file := "external_id,reason,date,note\n" +
		"GS0003,family,2026-11-20,父亲病重住院\n" +
		"GS0004,心情,2026-11-20,\n" +
		"GS0005,setback,2026-02-30,项目未通过\n" +
		",post_change,2026-11-01\n" +
		"GS0003,家庭变故,2026-11-20,重复\n" +
		"GS0006,early_sign\n"
	_, err := models.ParseEventsCSV([]byte(file))
	var probs models.EventProblems
	if !errors.As(err, &probs) {
		t.Fatalf("want problems, got %v", err)
	}
	want := []string{
		`line 3: reason "心情"`,
		`line 4: date "2026-02-30" is not a day`,
		"line 5: external_id is empty",
		"line 6: the same event is already on line 2",
		"line 7: expected external_id,reason,date,note (3 or 4 fields), got 2 fields",
	}
	got := probs.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("problems lack %q:\n%s", w, got)
		}
	}
	if len(probs) != len(want) {
		t.Errorf("%d problems, want %d:\n%s", len(probs), len(want), got)
	}
	if _, err := models.ParseEventsCSV([]byte("external_id,reason,date,note\n")); err == nil {
		t.Error("an empty file was accepted")
	}
	lines, err := models.ParseEventsCSV([]byte("\ufeffGS0003,岗位变动,2026-11-20\n# a comment\nGS0004,苗头,2026-11-21,\"迟到, 早退\"\n"))
	if err != nil || len(lines) != 2 || lines[0].Reason != models.TalkPostChange || lines[1].Note != "迟到, 早退" || lines[1].Line != 3 {
		t.Errorf("good file: %+v %v", lines, err)
	}
}

func TestImportEvents(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, cad := seedUnit(t, st, "城关镇")
		gone := models.Cadre{Name: "离任", ExternalID: "GONE", UnitID: cad.UnitID, Role: models.RoleCadre, Lang: "zh"}
		if err := st.DB().Create(&gone).Error; err != nil {
			t.Fatal(err)
		}
		if err := st.DB().Model(&gone).Update("active", false).Error; err != nil {
			t.Fatal(err)
		}
		bad := []models.EventLine{
			{Line: 2, ExternalID: cad.ExternalID, Reason: models.TalkFamily, Day: "2026-11-01"},
			{Line: 3, ExternalID: "NOBODY", Reason: models.TalkFamily, Day: "2026-11-01"},
			{Line: 4, ExternalID: lead.ExternalID, Reason: models.TalkSetback, Day: "2026-11-01"},
			{Line: 5, ExternalID: "GONE", Reason: models.TalkSetback, Day: "2026-11-01"},
		}
		_, err := st.ImportEvents(ctx, bad, nil)
		var probs models.EventProblems
		if !errors.As(err, &probs) || len(probs) != 3 || probs[0].Line != 3 || probs[1].Line != 4 || probs[2].Line != 5 {
			t.Fatalf("problems: %v", err)
		}
		if due, _ := st.TalksDueUnscheduled(ctx); len(due) != 0 {
			t.Fatalf("a refused file wrote talks: %+v", due)
		}
		good := []models.EventLine{
			{Line: 2, ExternalID: cad.ExternalID, Reason: models.TalkFamily, Day: "2026-10-20", Note: "父亲病重"},
			{Line: 3, ExternalID: cad.ExternalID, Reason: models.TalkFamily, Day: "2026-10-28", Note: "母亲住院"},
			{Line: 4, ExternalID: cad.ExternalID, Reason: models.TalkPostChange, Day: "2026-11-16", Note: "调任城建办"},
		}
		sum, err := st.ImportEvents(ctx, good, nil)
		if err != nil || sum.New != 3 || sum.Known != 0 || sum.Talks != 2 {
			t.Fatalf("import: %+v %v", sum, err)
		}
		talks, _ := st.OpenTalksOfCadre(ctx, cad.ID)
		if len(talks) != 2 {
			t.Fatalf("talks: %+v", talks)
		}
		// An old event is owed from today; a coming one from its day.
		if talks[0].Reason != models.TalkFamily || talks[0].DueFrom != "2026-11-02" || talks[0].Note != "父亲病重；母亲住院" {
			t.Errorf("family talk: %+v", talks[0].Talk)
		}
		if talks[1].DueFrom != "2026-11-16" || talks[1].DueBy != "2026-11-25" {
			t.Errorf("post change talk: %+v", talks[1].Talk)
		}
		sum, err = st.ImportEvents(ctx, good, nil)
		if err != nil || sum.New != 0 || sum.Known != 3 || sum.Talks != 0 {
			t.Errorf("import again: %+v %v", sum, err)
		}
		if es, _ := st.AuditEntries(ctx, "events.import", 5); len(es) != 2 {
			t.Errorf("audit: %+v", es)
		}
		evs, err := st.CadreEvents(ctx, cad.ID)
		if err != nil || len(evs) != 3 || evs[0].TalkID == nil || evs[0].Source != models.EventFromImport {
			t.Errorf("events: %+v %v", evs, err)
		}
	})
}

func TestRecordEvent(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		_, lead, cad := seedUnit(t, st, "城关镇")
		rec, err := st.RecordEvent(ctx, models.NewEvent{CadreID: cad.ID, Reason: models.TalkSetback, Note: "项目未获批", Source: models.EventFromChat, ActorID: &lead.ID})
		if err != nil || rec.Known || !rec.NewTalk || rec.Event.Day != "2026-11-02" || rec.Talk.LeaderID != lead.ID || *rec.Talk.CreatedByID != lead.ID {
			t.Fatalf("record: %+v %v", rec, err)
		}
		again, err := st.RecordEvent(ctx, models.NewEvent{CadreID: cad.ID, Reason: models.TalkSetback, Source: models.EventFromChat})
		if err != nil || !again.Known || again.Talk.ID != rec.Talk.ID {
			t.Errorf("again: %+v %v", again, err)
		}
		if _, err := st.RecordEvent(ctx, models.NewEvent{CadreID: cad.ID, Reason: models.TalkRoutine}); err == nil {
			t.Error("a routine talk is not a life event")
		}
		if _, err := st.RecordEvent(ctx, models.NewEvent{CadreID: lead.ID, Reason: models.TalkFamily}); !errors.Is(err, models.ErrNoPrincipal) {
			t.Errorf("principal's own event: %v", err)
		}
	})
}
