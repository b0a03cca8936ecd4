package bot

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// exportHarness has 张三's November report signed by 李书记 and 孙七
// exempt; everyone else has not started.
func exportHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	h.clock.Set(time.Date(2026, 11, 27, 2, 30, 0, 0, time.UTC))
	ctx, p := context.Background(), models.Period{Year: 2026, Month: time.November}
	rep, err := h.st.OpenReport(ctx, h.cadres["张三"], p, time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC))
	for _, section := range []string{models.SectionAchievement, models.SectionPlan} {
		if err == nil {
			_, err = h.st.AddItems(ctx, rep.ID, section, []models.NewItem{{Text: section + " 35 户"}})
		}
	}
	if err == nil {
		_, err = h.st.Submit(ctx, rep.ID, rep.CadreID)
	}
	if err == nil {
		_, err = h.st.Sign(ctx, rep.ID, 0, h.cadres["李书记"].ID)
	}
	if err == nil {
		err = h.st.Exempt(ctx, h.cadres["孙七"].ID, p, "病假", h.cadres["王乡长"].ID)
	}
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// sayExport sends /export through the router once the command is in
// commandList, and straight to runExport until then.
func (h *harness) sayExport(name, text string) []telegram.Message {
	h.t.Helper()
	if _, ok := findCommand("/export"); ok {
		return h.say(name, text)
	}
	h.t.Log("/export is not in commandList yet: calling runExport directly")
	me := h.cadres[name]
	cmd, args := splitCommand(text)
	r := &request{ctx: context.Background(), tx: h.st, log: slog.New(slog.DiscardHandler), loc: h.r.loc, cal: h.r.cal,
		in: incoming{chatID: h.user(name), userID: h.user(name), private: true, command: cmd, args: args}, me: me, lang: me.Lang}
	out, err := runExport(r)
	if err != nil {
		h.t.Fatalf("%s: %v", text, err)
	}
	return out
}

func exportedSheets(t *testing.T, m telegram.Message) []string {
	t.Helper()
	if m.Document == nil {
		t.Fatalf("no document: %+v", m)
	}
	f, err := excelize.OpenReader(bytes.NewReader(m.Document.Data))
	if err != nil {
		t.Fatalf("%s does not open as a workbook: %v", m.Document.Name, err)
	}
	defer f.Close()
	return f.GetSheetList()
}

func TestExportSendsWorkbook(t *testing.T) {
	h := exportHarness(t)
	got := h.sayExport("周部长", "/export 2026-11")
	if len(got) != 1 || got[0].Document == nil || got[0].Document.Name != "月度实绩-2026-11.xlsx" {
		t.Fatalf("/export 2026-11: %+v", got)
	}
	if s := exportedSheets(t, got[0]); strings.Join(s, " ") != "汇总 城关镇 河西乡" {
		t.Errorf("sheets = %q", s)
	}
	want := "2026年11月月度实绩：2个单位，5人。已提交1（其中已签字1），已退回0，未提交3，免报1。"
	if c := got[0].Document.Caption; c != want {
		t.Errorf("caption = %q\nwant      %q", c, want)
	}
	got = h.sayExport("周部长", "/export 2026-11 城关镇")
	if len(got) != 1 || got[0].Document == nil || got[0].Document.Name != "月度实绩-2026-11-城关镇.xlsx" {
		t.Fatalf("/export 2026-11 城关镇: %+v", got)
	}
	if s := exportedSheets(t, got[0]); strings.Join(s, " ") != "汇总 城关镇" {
		t.Errorf("sheets = %q", s)
	}
	if es, _ := h.st.AuditEntries(context.Background(), "export.reports", 5); len(es) != 2 || es[0].Target != "2026-11 城关镇" {
		t.Errorf("audit = %+v", es)
	}
}

func TestExportAnswersMistakes(t *testing.T) {
	h := exportHarness(t)
	h.unit("新设单位", models.UnitCountyBody)
	for text, want := range map[string]string{
		"/export 2026-13":      "/export 2026-11",
		"/export 2026-11 城关":   "没有名为“城关”的单位",
		"/export 2026-11 新设单位": "没有需要填报月度实绩的干部",
		"/export 2026-11 <b>x": "&lt;b&gt;x",
	} {
		got := h.sayExport("周部长", text)
		if len(got) != 1 || got[0].Document != nil || !strings.Contains(got[0].Text, want) {
			t.Errorf("%s: %+v, want a text saying %q", text, got, want)
		}
	}
}

// Only the organization department exports: the command table refuses
// the others, and runExport checks again.
func TestExportIsForAdmins(t *testing.T) {
	h := exportHarness(t)
	for _, name := range []string{"张三", "李书记"} {
		got := h.sayExport(name, "/export 2026-11")
		if len(got) != 1 || got[0].Document != nil || !strings.Contains(got[0].Text, "没有权限") {
			t.Errorf("%s: %+v", name, got)
		}
	}
}
