package bot

import (
	"context"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
)

// fakeScheduler stands in for the job engine, which cmd wires in.
type fakeScheduler struct{ ran []string }

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
	mustContain(t, "bad spec", h.say("周部长", "/schedule set report-overdue 0 9 * *"), "时间格式不对", "0 9 * * 1-5")
	mustContain(t, "panicking spec", h.say("周部长", "/schedule set report-overdue TZ=0"), "时间格式不对")
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
	mustContain(t, "leader refused", h.say("李书记", "/schedule off report-overdue"), "没有权限")
}
