package bot

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// randomMonth adds units of random size to the harness whose cadres' November
// reports are in random categories, every category reached in more than one way.
func randomMonth(h *harness, rnd *rand.Rand, p models.Period) {
	h.t.Helper()
	db, now := h.st.DB(), h.clock.Now()
	due := models.DefaultDueRule.Due(p, h.r.loc, models.WeekdayCalendar{})
	surnames, given := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"), []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚")
	for i, name := range []string{"东风镇", "西湖乡", "南山街道", "北岭乡", "青石镇"}[:1+rnd.IntN(5)] {
		h.unit(name, models.UnitTownship)
		for j := range 1 + rnd.IntN(14) {
			person := fmt.Sprintf("%c%c%c", surnames[(i*7+j)%len(surnames)], given[j%len(given)], given[(i+j*3)%len(given)])
			role := models.RoleCadre
			if j == 0 {
				role = models.RoleLeader
			}
			h.cadre(person, name, role, rnd.IntN(3) > 0)
			c := h.cadres[person]
			r := models.Report{CadreID: c.ID, Period: p.String(), UnitID: *c.UnitID, DueAt: due, Late: rnd.IntN(2) == 0}
			sub := due.Add(-time.Hour)
			if r.Late {
				sub = due.Add(time.Hour)
			}
			r.SubmittedAt = &sub
			switch rnd.IntN(6) {
			case 0:
				r.Status, r.SignedAt = models.ReportSigned, &now
			case 1:
				r.Status = models.ReportSubmitted
			case 2:
				r.Status = models.ReportReturned
			case 3:
				if rnd.IntN(2) == 0 {
					continue
				}
				r.Status, r.SubmittedAt, r.Late = models.ReportDraft, nil, false
			case 4:
				if err := db.Create(&models.Exemption{CadreID: c.ID, Period: p.String(), Reason: "借调", At: now}).Error; err != nil {
					h.t.Fatal(err)
				}
				continue
			case 5:
				r.Status, r.SignedAt = models.ReportSigned, &now
			}
			if err := db.Create(&r).Error; err != nil {
				h.t.Fatal(err)
			}
		}
	}
}

// figures is a unit's 应报, five parts and 免报 as a view shows them.
type figures [7]int

func tallyFigures(t models.ReportTally) figures {
	p := t.Parts()
	return figures{t.Due, p[0], p[1], p[2], p[3], p[4], t.Exempt}
}

// addsUp tells whether the five parts add up to 应报.
func (f figures) addsUp() bool { return f[1]+f[2]+f[3]+f[4]+f[5] == f[0] }

func atoi(ss []string) (f figures) {
	for i, s := range ss {
		f[i], _ = strconv.Atoi(s)
	}
	return f
}

var (
	unitFigures   = regexp.MustCompile(`(?m)^(\p{Han}+)：(\d+)/(\d+)/(\d+)/(\d+)/(\d+)/(\d+)/(\d+)$`)
	countyFigures = regexp.MustCompile(`全县：应报(\d+)，按时签字(\d+)，逾期签字(\d+)，待签字(\d+)，已退回(\d+)，未提交(\d+)，免报(\d+)。`)
	leaderFigures = regexp.MustCompile(`月度实绩：应报(\d+)，按时签字(\d+)，逾期签字(\d+)，待您签字(\d+)，已退回(\d+)，未提交(\d+)（填写中(\d+)，未开始(\d+)），免报(\d+)。`)
)

// parseUnits reads every "单位：a/b/c/d/e/f/g" line of a text.
func parseUnits(text string) map[string]figures {
	out := map[string]figures{}
	for _, m := range unitFigures.FindAllStringSubmatch(text, -1) {
		out[m[1]] = atoi(m[2:])
	}
	return out
}

// sheetUnits reads a workbook sheet's rows whose cell nameCol is a unit,
// taking the seven figures from column first on.
func sheetUnits(t *testing.T, data []byte, sheet string, nameCol, first int) map[string]figures {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheet == "" {
		sheet = f.GetSheetName(0)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]figures{}
	for _, r := range rows {
		if len(r) >= first+7 {
			if _, err := strconv.Atoi(r[first]); err == nil {
				out[r[nameCol]] = atoi(r[first : first+7])
			}
		}
	}
	return out
}

// On random months, every view counts each unit in the same categories and
// the five parts add up to 应报: /reports, the county digest and its
// workbook, each unit's digest and /export's summary sheet.
func TestReportCategoriesAgreeEverywhere(t *testing.T) {
	for seed := range uint64(6) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			h := newHarness(t)
			h.clock.Set(time.Date(2026, 12, 1, 0, 30, 0, 0, time.UTC)) // 08:30 in Shanghai, November past its deadline
			p := models.Period{Year: 2026, Month: time.November}
			randomMonth(h, rand.New(rand.NewPCG(seed, 2)), p)
			rows, err := h.st.Board(context.Background(), p, nil)
			if err != nil {
				t.Fatal(err)
			}
			want, total := map[string]figures{}, figures{}
			for _, tl := range models.Tally(rows) {
				want[tl.UnitName] = tallyFigures(tl)
				for i, n := range tallyFigures(tl) {
					total[i] += n
				}
			}
			check := func(view string, got map[string]figures) {
				t.Helper()
				for unit, w := range want {
					if g, ok := got[unit]; !ok || g != w || !g.addsUp() {
						t.Errorf("%s: %s shows %v, the tally is %v", view, unit, g, w)
					}
				}
				if len(got) != len(want) {
					t.Errorf("%s shows %d units, the board has %d", view, len(got), len(want))
				}
			}

			check("/reports", parseUnits(joined(h.say("周部长", "/reports 2026-11"))))

			county := joined(digestAs(h, "周部长", ""))
			check("county digest", parseUnits(county))
			if m := countyFigures.FindStringSubmatch(county); m == nil || atoi(m[1:]) != total || !total.addsUp() {
				t.Errorf("county digest's total %v, want %v:\n%s", m, total, county)
			}
			d, err := h.st.AdminDigest(context.Background(), h.clock.Now(), h.r.loc, models.WeekdayCalendar{})
			if err != nil {
				t.Fatal(err)
			}
			doc, err := adminWorkbook(texts.ZH, d)
			if err != nil {
				t.Fatal(err)
			}
			check("county digest's workbook", sheetUnits(t, doc.Data, "", 1, 2))

			leaders := map[string]figures{}
			for unit := range want {
				text := joined(digestAs(h, "周部长", unit))
				m := leaderFigures.FindStringSubmatch(text)
				if m == nil {
					t.Fatalf("%s's digest has no figures:\n%s", unit, text)
				}
				f := atoi([]string{m[1], m[2], m[3], m[4], m[5], m[6], m[9]})
				if split := atoi(m[7:9]); split[0]+split[1] != f[5] {
					t.Errorf("%s's digest: in progress and not started do not add up to %d", unit, f[5])
				}
				leaders[unit] = f
			}
			check("leader digests", leaders)

			out := h.sayExport("周部长", "/export 2026-11")
			if len(out) != 1 || out[0].Document == nil {
				t.Fatalf("/export: %+v", out)
			}
			summary := sheetUnits(t, out[0].Document.Data, "汇总", 0, 2)
			if summary["合计"] != total {
				t.Errorf("/export total %v, want %v", summary["合计"], total)
			}
			delete(summary, "合计")
			check("/export summary", summary)
		})
	}
}

// The words of the categories are the catalog's, in the same order in
// /reports' legend and the workbooks' headings.
func TestReportCategoryNames(t *testing.T) {
	want := "应报/按时签字/逾期签字/待签字/已退回/未提交/免报"
	if got := tallyLegend(texts.ZH); got != want {
		t.Errorf("legend %q, want %q", got, want)
	}
	if got := strings.Join(tallyHeads(texts.EN), "/"); got != "expected/signed on time/signed late/awaiting signature/returned/not submitted/exempt" {
		t.Errorf("English heads %q", got)
	}
}
