package bot

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
)

// fakeScheduler stands in for the job engine, which cmd wires in.
type fakeScheduler struct {
	ran  []string
	busy bool // the run's second is taken: the engine says ErrConflict
}

func (f *fakeScheduler) NextFires(spec, tz string, after time.Time, n int) ([]time.Time, error) {
	out := make([]time.Time, n)
	for i := range out {
		out[i] = after.Add(time.Duration(i+1) * 24 * time.Hour).Truncate(time.Hour)
	}
	return out, nil
}

func (f *fakeScheduler) RunNow(ctx context.Context, tx *models.Store, name string, actor *int64) (int, error) {
	if _, err := tx.ScheduleByName(ctx, name); err != nil {
		return 0, err
	}
	if f.busy {
		return 0, fmt.Errorf("run %s now: it already ran: %w", name, models.ErrConflict)
	}
	f.ran = append(f.ran, name)
	return 7, nil
}

func TestScheduleCommands(t *testing.T) {
	h := newHarness(t)
	fake := &fakeScheduler{}
	h.r = NewRouter(Options{Location: h.r.loc, Scheduler: fake})
	ctx := context.Background()
	sc := models.Schedule{Name: "report-overdue", Kind: "report_overdue", Spec: "30 9 * * *", TZ: "Asia/Shanghai", Enabled: true}
	if _, err := h.st.EnsureSchedule(ctx, &sc); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "list", h.say("周部长", "/schedules"), "report-overdue", "30 9 * * *", "已启用", "接下来：")
	mustContain(t, "bad spec", h.say("周部长", "/schedule set report-overdue 0 9 * *"), "不能作为日程时间", "应为5段，这里有4段", "0 9 * * 1-5")
	mustContain(t, "panicking spec", h.say("周部长", "/schedule set report-overdue TZ=0"), "时间之前只能写CRON_TZ=时区")
	mustContain(t, "set", h.say("周部长", "/schedule set report-overdue 0 10 * * 1-5"), "已更新")
	if got, _ := h.st.ScheduleByName(ctx, "report-overdue"); got.Spec != "0 10 * * 1-5" {
		t.Fatalf("spec = %q", got.Spec)
	}
	mustContain(t, "off", h.say("周部长", "/schedule off report-overdue"), "已更新")
	mustContain(t, "listed off", h.say("周部长", "/schedules"), "已停用")
	mustContain(t, "run", h.say("周部长", "/schedule run report-overdue"), "手动运行", "7 条")
	mustContain(t, "unknown", h.say("周部长", "/schedule on nope"), "没有名为“nope”")
	mustContain(t, "usage", h.say("周部长", "/schedule"), "用法")
	if len(fake.ran) != 1 {
		t.Fatalf("runs = %v", fake.ran)
	}
	if es, _ := h.st.AuditEntries(ctx, "schedule.set", 5); len(es) != 1 {
		t.Fatalf("spec change not audited: %+v", es)
	}
	mustContain(t, "quiet default", h.say("周部长", "/quiet"), "免打扰时段：21:00–08:00")
	mustContain(t, "quiet set", h.say("周部长", "/quiet 21:30-07:30"), "21:30–07:30")
	mustContain(t, "quiet bad", h.say("周部长", "/quiet late"), "格式不对")
	for _, bad := range []string{"-5:-30-08:00", "24:00-08:00", "21:00-08:00:00"} {
		got := h.say("周部长", "/quiet "+bad)
		mustContain(t, bad, got, "格式不对")
		mustLack(t, bad, got, "免打扰时段：")
	}
	mustContain(t, "unchanged", h.say("周部长", "/quiet"), "21:30–07:30")
	mustContain(t, "full-width", h.say("周部长", "/quiet ２２：００－０７：００"), "22:00–07:00")
	mustContain(t, "leader refused", h.say("李书记", "/schedule off report-overdue"), "没有权限")
}

// /schedule's usage shows a command that works, quotes copied from the
// command line are read, and every refusal is said in the reader's
// language, never in the engine's English.
func TestScheduleRefusalsInTheReadersLanguage(t *testing.T) {
	h := newHarness(t)
	fake := &fakeScheduler{}
	h.r = NewRouter(Options{Location: h.r.loc, Scheduler: fake})
	ctx := context.Background()
	sc := models.Schedule{Name: "report-overdue", Kind: "report_overdue", Spec: "30 9 * * *", TZ: "Asia/Shanghai", Enabled: true}
	if _, err := h.st.EnsureSchedule(ctx, &sc); err != nil {
		t.Fatal(err)
	}
	usage := joined(h.say("周部长", "/schedule"))
	example := regexp.MustCompile(`<code>(/schedule set [^<]+)</code>`).FindStringSubmatch(usage)
	if example == nil || strings.Contains(usage, `"`) {
		t.Fatalf("usage shows no example, or quotes:\n%s", usage)
	}
	mustContain(t, "the usage's example", h.say("周部长", example[1]), "已更新")
	for _, quoted := range []string{`"0 10 * * 1-5"`, "“0 11 * * 1-5”", "'0 12 * * 1-5'"} {
		mustContain(t, quoted, h.say("周部长", "/schedule set report-overdue "+quoted), "已更新")
	}
	english := regexp.MustCompile(`(?i)\b(field|expected|e\.g|never|may only|unknown|descriptor|allowed|range|conflict)\b`)
	for spec, want := range map[string]string{
		"0 9 * *":                               "应为5段，这里有4段",
		"0 25 * * *":                            "“时”一段的“25”超出范围",
		"0 9 * * 1-5;rm":                        "“周”一段的“1-5;rm”只能使用数字",
		"0 0 30 2 *":                            "永远不会运行",
		"@every 5m":                             "不支持@every",
		"@sometimes":                            "无法识别“@sometimes”",
		"CRON_TZ=Mars/Base 0 9 * * *":           "无法识别时区“Mars/Base”",
		"TZ=UTC 0 9 * * *":                      "时间之前只能写CRON_TZ=时区",
		strings.Repeat("1,", 120) + "1 * * * *": "超过200个字符",
	} {
		got := h.say("周部长", "/schedule set report-overdue "+spec)
		mustContain(t, spec, got, want)
		if w := english.FindString(joined(got)); w != "" {
			t.Errorf("%q: the Chinese refusal says %q:\n%s", spec, w, joined(got))
		}
	}
	fake.busy = true
	got := h.say("周部长", "/schedule run report-overdue")
	mustContain(t, "busy", got, "刚刚运行过")
	if w := english.FindString(joined(got)); w != "" {
		t.Errorf("conflict said in English: %s", joined(got))
	}
	h.say("周部长", "/lang en")
	mustContain(t, "in English", h.say("周部长", "/schedule set report-overdue 0 25 * * *"), "the hour field “25” is out of range")
}
