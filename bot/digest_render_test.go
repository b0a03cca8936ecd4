package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// digestAs runs /digest ARGS as the named person. /digest is called
// directly: its line in commandList is added by the command table's owner.
func digestAs(h *harness, name, args string) []telegram.Message {
	h.t.Helper()
	var out []telegram.Message
	loc, _ := time.LoadLocation("Asia/Shanghai")
	err := h.st.Tx(context.Background(), func(tx *models.Store) error {
		me := h.cadres[name]
		r := &request{ctx: context.Background(), tx: tx, log: slog.New(slog.NewTextHandler(io.Discard, nil)), loc: loc,
			cal: models.WeekdayCalendar{}, me: me, lang: me.Lang, in: incoming{updateID: 1, chatID: h.user(name), userID: h.user(name), private: true, command: "/digest", args: args}}
		var err error
		out, err = runDigest(r)
		return err
	})
	if err != nil {
		h.t.Fatalf("/digest %s as %s: %v", args, name, err)
	}
	// The county's digest is written to the outbox, composed when sent.
	out = append(out, h.newReplies()...)
	return out
}

func seedReport(h *harness, name, status string, p models.Period) models.Report {
	h.t.Helper()
	c := h.cadres[name]
	now := h.clock.Now()
	r := models.Report{CadreID: c.ID, Period: p.String(), UnitID: *c.UnitID, Status: status, DueAt: now}
	if status != models.ReportDraft {
		r.SubmittedAt = &now
	}
	if err := h.st.DB().Create(&r).Error; err != nil {
		h.t.Fatal(err)
	}
	return r
}

func TestDigestCommand(t *testing.T) {
	h := newHarness(t)
	loc, _ := time.LoadLocation("Asia/Shanghai")
	p := models.DigestPeriod(h.clock.Now(), loc)
	rep := seedReport(h, "张三", models.ReportSubmitted, p)
	seedReport(h, "孙七", models.ReportSigned, p)

	ms := digestAs(h, "李书记", "")
	if len(ms) != 1 {
		t.Fatalf("leader digest: %d messages", len(ms))
	}
	text := ms[0].Text
	for _, want := range []string{"城关镇", "待您签字1", "待您签字：张三", "尚未提交：李书记、赵六", "已绑定2/3", "未绑定：赵六", "ganshi invite --unit 城关镇"} {
		if !strings.Contains(text, want) {
			t.Errorf("leader digest lacks %q:\n%s", want, text)
		}
	}
	if len(ms[0].Buttons) != 1 || ms[0].Buttons[0][0].Data != fmt.Sprintf("rv:%d", rep.ID) {
		t.Errorf("buttons %+v, want one rv:%d", ms[0].Buttons, rep.ID)
	}

	if got := digestAs(h, "张三", ""); !strings.Contains(joined(got), "面向单位主要负责人") {
		t.Errorf("cadre: %s", joined(got))
	}
	admin := joined(digestAs(h, "周部长", ""))
	for _, want := range []string{"全县", "乡镇一类", "城关镇：", "河西乡：", "绑定覆盖：4/5", "不作排名"} {
		if !strings.Contains(admin, want) {
			t.Errorf("admin digest lacks %q:\n%s", want, admin)
		}
	}
	if got := joined(digestAs(h, "周部长", "河西乡")); !strings.Contains(got, "河西乡") || !strings.Contains(got, "按时签字1") {
		t.Errorf("admin /digest 河西乡:\n%s", got)
	}
	if got := joined(digestAs(h, "周部长", "无此乡")); !strings.Contains(got, "没有名为") {
		t.Errorf("unknown unit: %s", got)
	}

	if got := joined(digestAs(h, "李书记", "at 8:00")); !strings.Contains(got, "08:00") {
		t.Errorf("at: %s", got)
	}
	if got := joined(digestAs(h, "李书记", "off")); !strings.Contains(got, "已关闭") {
		t.Errorf("off: %s", got)
	}
	pref, _ := h.st.GetDigestPref(context.Background(), h.cadres["李书记"].ID)
	if pref != (models.DigestPref{Off: true, At: "08:00"}) {
		t.Errorf("stored preference %+v", pref)
	}
	if got := joined(digestAs(h, "李书记", "at 25:00")); !strings.Contains(got, "用法") {
		t.Errorf("bad time: %s", got)
	}
}

// The digest's figures are models.Tally's, whatever the county's size.
func TestDigestRenderFiguresAndSize(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	d := models.AdminDigest{Period: "2026-10", DueAt: time.Date(2026, 10, 30, 10, 0, 0, 0, time.UTC), PastDue: true, Failed: 3}
	for i := 0; i < 5000; i++ {
		d.Units = append(d.Units, models.ReportTally{UnitID: int64(i + 1), UnitName: fmt.Sprintf("第%04d单位", i),
			Category: fmt.Sprintf("类别%d", i/1000), Due: 20, SignedOnTime: 8, SignedLate: 2, Awaiting: 5, Returned: 2, Missing: 3,
			Signed: 10, Submitted: 15})
		d.Unsigned = append(d.Unsigned, models.UnitUnsigned{UnitID: int64(i + 1), Unit: d.Units[i].UnitName, N: 5})
		d.Coverage = append(d.Coverage, models.UnitCoverage{UnitID: int64(i + 1), Total: 20, Bound: 19})
	}
	for _, r := range models.TalkReasons {
		d.Talks = append(d.Talks, models.TalkReasonCount{Reason: r, Owed: 2, Held: 1})
	}
	payload, _ := json.Marshal(models.DigestPayload{Lang: texts.ZH, Admin: &d})
	ms, err := notices[models.KindDigestAdmin].stored(models.Notification{Kind: models.KindDigestAdmin, Payload: string(payload)}, loc)
	if err != nil || len(ms) != 2 || ms[1].Document == nil {
		t.Fatalf("render: err %v, %d messages", err, len(ms))
	}
	if n := utf8.RuneCountInString(ms[0].Text); n > telegram.MaxText {
		t.Errorf("text of %d characters", n)
	}
	for _, want := range []string{"全县：应报100000，按时签字40000，逾期签字10000，待签字25000，已退回10000，未提交15000，免报0。", "类别0</b>：应报20000，", "逾期仍未签字的单位（5000个）", "绑定覆盖：95000/100000", "投递失败3条", "完整名单见附件"} {
		if !strings.Contains(ms[0].Text, want) {
			t.Errorf("admin digest lacks %q:\n%s", want, ms[0].Text)
		}
	}
	if !strings.HasPrefix(string(ms[1].Document.Data), "PK") || !strings.HasSuffix(ms[1].Document.Name, ".xlsx") {
		t.Errorf("attachment %q is not a workbook", ms[1].Document.Name)
	}

	// A small county fits in one message, every unit listed.
	d.Units, d.Unsigned = d.Units[:3], d.Unsigned[:3]
	ms, err = adminDigestMessages(texts.EN, d, loc)
	if err != nil || len(ms) != 1 || !strings.Contains(ms[0].Text, "第0002单位: 20/8/2/5/2/3/0") {
		t.Errorf("small county: %v %+v", err, ms)
	}
	if _, err := notices[models.KindDigestAdmin].stored(models.Notification{Kind: models.KindDigestAdmin, Payload: `{"lang":"zh"}`}, loc); err == nil {
		t.Error("an empty digest rendered")
	}
}
