package sheets_test

import (
	"context"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

var (
	nov      = models.Period{Year: 2026, Month: time.November}
	shanghai = mustLoc("Asia/Shanghai")
	due      = time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC) // 18:00 in Shanghai
	signTime = time.Date(2026, 11, 27, 2, 30, 0, 0, time.UTC) // 10:30 in Shanghai
)

// Two units whose names only differ past Excel's 31 characters, with
// characters Excel forbids in sheet names; and a unit called like the
// summary sheet.
const (
	longA = "县委办公室/县政府办公室[合署办公]:机关事务服务中心综合保障科甲"
	longB = "县委办公室/县政府办公室[合署办公]:机关事务服务中心综合保障科乙"
)

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// board is a seeded month: every state a report can be in.
type board struct {
	st    *models.Store
	rows  []models.BoardRow
	items map[int64][]models.ReportItem
}

type seeder struct {
	t     *testing.T
	st    *models.Store
	clock *modelstest.Clock
	ctx   context.Context
}

func seedBoard(t *testing.T) board {
	t.Helper()
	clock := modelstest.NewClock(signTime)
	s := seeder{t: t, st: modelstest.SQLite(t, clock.Now), clock: clock, ctx: context.Background()}
	town := s.unit("城关镇", "乡镇一类")
	lead := s.cadre(town, "李书记", models.RoleLeader, "党委书记", "主持全面工作")
	s.principal(town, lead)
	s.signed(s.report(lead, []models.NewItem{{Text: "召开党委会 4 次"}}, "研究部署12月工作"), lead)
	zhang := s.cadre(town, "张三", models.RoleCadre, "副镇长", "分管城建")
	s.signed(s.report(zhang, []models.NewItem{
		{Text: "完成棚户区改造征收 35 户", Progress: models.ProgressDone, Remark: "提前两天"},
		{Text: "签约率 92%"}, {Text: "新修村道 3.5 公里"},
	}, "完成剩余 12 户签约"), lead)
	s.submit(s.report(s.cadre(town, "赵六", models.RoleCadre, "副镇长", "分管农业"), []models.NewItem{{Text: "春耕备耕"}}, "秋收"))
	rep := s.report(s.cadre(town, "孙七", models.RoleCadre, "武装部长", "民兵"), []models.NewItem{{Text: "民兵训练"}}, "征兵")
	s.must(s.st.Return(s.ctx, s.submit(rep).ID, 0, lead.ID, "请补充数字"))
	s.report(s.cadre(town, "钱八", models.RoleCadre, "组织委员", "党建"), []models.NewItem{{Text: "党员发展"}}, "")
	s.cadre(town, "吴九", models.RoleCadre, "宣传委员", "宣传")
	s.exempt(s.cadre(town, "郑十", models.RoleCadre, "纪委书记", "纪检"), "病假")
	s.clock.Set(due.Add(24 * time.Hour)) // late from here on
	s.submit(s.report(s.cadre(town, "王五", models.RoleCadre, "副镇长", "分管招商"), []models.NewItem{{Text: "招商 2 个"}}, "签约"))
	for _, name := range []string{longA, longB} {
		s.cadre(s.unit(name, "县直单位"), name[len(name)-3:]+"主任", models.RoleLeader, "主任", "")
	}
	s.cadre(s.unit("汇总", ""), "汇总员", models.RoleCadre, "干事", "")
	return s.board()
}

func (s seeder) board() board {
	rows, err := s.st.Board(s.ctx, nov, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	items, err := s.st.ItemsForPeriod(s.ctx, nov, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	return board{st: s.st, rows: rows, items: items}
}

func (s seeder) must(_ any, err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatal(err)
	}
}

func (s seeder) unit(name, category string) models.Unit {
	u := models.Unit{Name: name, Kind: models.UnitTownship, Category: category}
	s.must(nil, s.st.DB().Create(&u).Error)
	return u
}

func (s seeder) principal(u models.Unit, c models.Cadre) {
	s.must(nil, s.st.DB().Model(&u).Update("principal_id", c.ID).Error)
}

func (s seeder) cadre(u models.Unit, name, role, position, duty string) models.Cadre {
	c := models.Cadre{Name: name, ExternalID: "GS-" + name, UnitID: &u.ID, Role: role,
		Position: position, Duty: duty, Active: true, Lang: "zh"}
	s.must(nil, s.st.DB().Create(&c).Error)
	return c
}

// report opens c's November report with achievements and, unless plan is
// empty, one plan item.
func (s seeder) report(c models.Cadre, ach []models.NewItem, plan string) models.Report {
	s.t.Helper()
	rep, err := s.st.OpenReport(s.ctx, c, nov, due)
	s.must(nil, err)
	_, err = s.st.AddItems(s.ctx, rep.ID, models.SectionAchievement, ach)
	s.must(nil, err)
	if plan != "" {
		_, err = s.st.AddItems(s.ctx, rep.ID, models.SectionPlan, []models.NewItem{{Text: plan}})
		s.must(nil, err)
	}
	return rep
}

func (s seeder) submit(rep models.Report) models.Report {
	s.t.Helper()
	rep, err := s.st.Submit(s.ctx, rep.ID, rep.CadreID)
	s.must(nil, err)
	return rep
}

func (s seeder) signed(rep models.Report, by models.Cadre) {
	s.t.Helper()
	s.must(s.st.Sign(s.ctx, s.submit(rep).ID, 0, by.ID))
}

func (s seeder) exempt(c models.Cadre, reason string) {
	s.must(nil, s.st.Exempt(s.ctx, c.ID, nov, reason, c.ID))
}
