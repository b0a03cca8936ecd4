package main

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
)

// talksEnv is examples/roster.csv with talks in November 2026: 张建国 held
// and recorded one with 陈晓燕 (follow-up set) and one with 刘志强 he has
// not written down; a talk with 杨帆 was cancelled and one in December
// lies outside the month.
func talksEnv(t *testing.T) (func(string) string, string) {
	t.Helper()
	getenv, db := imported(t, "GANSHI_TZ", "Asia/Shanghai")
	sh, _ := time.LoadLocation("Asia/Shanghai")
	var mu sync.Mutex
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, sh)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	set := func(t time.Time) { mu.Lock(); now = t; mu.Unlock() }
	ctx := context.Background()
	st, err := models.Open(ctx, db, models.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id := func(ext string) int64 {
		c, err := st.CadreByExternalID(ctx, ext)
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	lead := id("GS0001")
	talk := func(ext string, at time.Time) models.Talk {
		tk, err := st.CreateTalk(ctx, models.NewTalk{CadreID: id(ext), LeaderID: lead, Reason: models.TalkPostChange, At: at, Place: "书记办公室"})
		if err != nil {
			t.Fatal(err)
		}
		return tk
	}
	a := talk("GS0003", time.Date(2026, 11, 10, 15, 0, 0, 0, sh))
	talk("GS0002", time.Date(2026, 11, 12, 10, 0, 0, 0, sh))
	c := talk("GS0004", time.Date(2026, 11, 13, 10, 0, 0, 0, sh))
	talk("GS0004", time.Date(2026, 12, 1, 10, 0, 0, 0, sh))
	if _, err := st.CancelTalk(ctx, c.ID, lead, "出差"); err != nil {
		t.Fatal(err)
	}
	set(time.Date(2026, 11, 20, 9, 0, 0, 0, sh))
	if _, err := st.StartRecord(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	for _, s := range [][2]string{{models.RecordSummary, "谈了新岗位要求"}, {models.RecordConcerns, "担心业务不熟"},
		{models.RecordAgreed, "老同志帮带"}, {models.RecordAttention, "yes"}} {
		if _, err := st.SaveRecordAnswer(ctx, a.ID, s[0], s[1]); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := st.CompleteRecord(ctx, a.ID, "2026-12-10"); err != nil {
		t.Fatal(err)
	}
	return getenv, db
}

// exportTalks runs `ganshi export talks …` through run once it is routed
// there, and runTalksExport directly until then.
func exportTalks(t *testing.T, getenv func(string) string, args ...string) (string, error) {
	t.Helper()
	var out, errOut strings.Builder
	err := runTalksExport(context.Background(), args, getenv, &out, &errOut)
	return out.String(), err
}

func TestTalksExportLedger(t *testing.T) {
	getenv, db := talksEnv(t)
	file := filepath.Join(t.TempDir(), "谈话台账.xlsx")
	out, err := exportTalks(t, getenv, "--from", "2026-11-01", "--to", "2026-11-30", "--xlsx", file)
	if err != nil || !strings.Contains(out, "2 talks from 2026-11-01 to 2026-11-30") {
		t.Fatalf("export: %v %s", err, out)
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("谈话台账")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || !strings.Contains(rows[0][0], "谈心谈话台账（2026-11-01 至 2026-11-30）") {
		t.Fatalf("rows: %q", rows)
	}
	want := [][]string{
		{"序号", "谈话日期", "谈话人", "谈话对象", "所在单位", "谈话事由", "谈话内容摘要", "反映的主要问题", "商定事项", "重点关注", "跟踪回访"},
		{"1", "2026-11-10 15:00", "张建国", "陈晓燕", "城关镇", "岗位变动", "谈了新岗位要求", "担心业务不熟", "老同志帮带", "是", "2026-12-10"},
		{"2", "2026-11-12 10:00", "张建国", "刘志强", "城关镇", "岗位变动", "（尚未记录完成）"},
	}
	for i, w := range want {
		if got := strings.Join(rows[i+1], "|"); got != strings.Join(w, "|") {
			t.Errorf("row %d:\n got %s\nwant %s", i+2, got, strings.Join(w, "|"))
		}
	}
	st := openDB(t, db)
	views, _ := st.AuditEntries(context.Background(), "talk.record.view", 10)
	exports, _ := st.AuditEntries(context.Background(), "export.talks", 10)
	if len(views) != 2 || len(exports) != 1 || exports[0].Target != "2026-11-01..2026-11-30" {
		t.Errorf("audit: %+v %+v", views, exports)
	}
}

func TestTalksExportArgs(t *testing.T) {
	getenv, _ := talksEnv(t)
	file := filepath.Join(t.TempDir(), "t.xlsx")
	for _, args := range [][]string{
		{"--from", "2026-11-01", "--to", "2026-11-30"},
		{"--to", "2026-11-30", "--xlsx", file},
		{"--from", "2026-11-31", "--to", "2026-11-30", "--xlsx", file},
		{"--from", "2026-11-30", "--to", "2026-11-01", "--xlsx", file},
		{"--from", "2026-11-01", "--to", "2026-11-30", "--xlsx", file, "extra"},
		{"--from", "2026-11-01", "--to", "2026-11-30", "--xlsx", file, "--tz", "Mars/Base"},
	} {
		if _, err := exportTalks(t, getenv, args...); err == nil {
			t.Errorf("%v was accepted", args)
		} else if _, ok := err.(usageError); !ok {
			t.Errorf("%v: %v is not a usage error", args, err)
		}
	}
	// An empty range writes the layout with no rows.
	out, err := exportTalks(t, getenv, "--from", "2027-01-01", "--to", "2027-01-31", "--xlsx", file)
	if err != nil || !strings.Contains(out, "0 talks") {
		t.Errorf("empty export: %v %s", err, out)
	}
}
