package bot

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// stateOrder is how /reports groups people: what needs action first.
var stateOrder = []string{models.StateSubmitted, models.StateReturned, models.StateInProgress,
	models.StateNotStarted, models.StateExempt, models.StateSigned}

// maxButtons keeps a list's keyboard usable.
const maxButtons = 20

// runReports is /reports [YYYY-MM] [UNIT]: cadres see their unit's signed
// reports; leaders see every state in their unit; admins see the county
// by unit, or one unit when named.
func runReports(r *request) ([]telegram.Message, error) {
	p, unitName, err := r.viewArgs(r.in.args)
	if err != nil {
		return r.say("report_bad_month", esc(r.in.args)), nil
	}
	if out, err := r.viewMonth(p); out != nil || err != nil {
		return out, err
	}
	if r.me.Role == models.RoleAdmin {
		if unitName == "" {
			return countyReports(r, p)
		}
		u, err := r.tx.UnitByName(r.ctx, unitName)
		if errors.Is(err, models.ErrNotFound) {
			return r.say("bindgroup_unknown", esc(unitName)), nil
		}
		if err != nil {
			return nil, err
		}
		return unitReports(r, p, u.ID, true)
	}
	if r.me.UnitID == nil {
		return r.say("report_no_unit"), nil
	}
	return unitReports(r, p, *r.me.UnitID, r.me.MayActOnUnit(*r.me.UnitID))
}

// viewArgs reads an optional month and an optional unit name.
func (r *request) viewArgs(args string) (models.Period, string, error) {
	now := r.tx.Now().In(r.loc)
	p := models.PeriodOf(now, r.loc)
	if now.Day() <= 15 {
		p = p.Prev() // early in a month, last month's reports are the live ones
	}
	first, rest := cutWord(args)
	if first == "" {
		return p, "", nil
	}
	if q, err := models.ParsePeriod(first); err == nil {
		return q, rest, nil
	}
	if first[0] >= '0' && first[0] <= '9' {
		return p, "", fmt.Errorf("bad month %q", first)
	}
	return p, strings.TrimSpace(args), nil
}

func unitReports(r *request, p models.Period, unitID int64, all bool) ([]telegram.Message, error) {
	rows, err := r.tx.Board(r.ctx, p, &unitID)
	if err != nil {
		return nil, err
	}
	byState := map[string][]models.BoardRow{}
	for _, row := range rows {
		byState[row.State()] = append(byState[row.State()], row)
	}
	var b strings.Builder
	b.WriteString(r.t("reports_head", periodText(r.lang, p), len(rows)))
	var buttons [][]telegram.Button
	for _, st := range stateOrder {
		if !all && st != models.StateSigned {
			continue
		}
		list := byState[st]
		b.WriteString("\n" + r.t("reports_state", r.t("state_"+st), len(list)))
		if len(list) > 0 && st != models.StateSigned {
			b.WriteString("\n  " + boardNames(r.lang, list))
		}
		for _, row := range list {
			if row.ReportID != nil && (st == models.StateSigned || st == models.StateSubmitted) && len(buttons) < maxButtons {
				buttons = append(buttons, []telegram.Button{{Text: r.t("btn_view", row.Name), Data: viewReportData(*row.ReportID)}})
			}
		}
	}
	return []telegram.Message{{Text: b.String(), Buttons: buttons}}, nil
}

func boardNames(lang string, rows []models.BoardRow) string {
	var n []string
	for _, row := range rows {
		n = append(n, esc(row.Name))
	}
	return strings.Join(n, texts.T(lang, "digest_sep"))
}

// countyReports is the county by unit, in the report categories the
// digests and the export use, counted by the database (BoardTally): no
// name is shown, so no cadre is loaded.
func countyReports(r *request, p models.Period) ([]telegram.Message, error) {
	ts, err := r.tx.BoardTally(r.ctx, p)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(r.t("county_head", periodText(r.lang, p), tallyLegend(r.lang)))
	category := "\x00"
	for _, t := range ts {
		if t.Category != category {
			category = t.Category
			fmt.Fprintf(&b, "\n<b>%s</b>", esc(orDash(category)))
		}
		b.WriteString("\n" + tallyUnit(r.lang, esc(t.UnitName), t))
	}
	b.WriteString("\n\n" + r.t("county_hint"))
	return []telegram.Message{{Text: b.String()}}, nil
}

// runView is /view REPORT_ID; the "rv:ID" button is its shortcut.
func runView(r *request) ([]telegram.Message, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(r.in.args, "#"), 10, 64)
	if err != nil {
		return r.say("view_usage"), nil
	}
	return viewReport(r, id)
}

// viewReport shows a report to whoever may see it: its owner, the unit's
// leader and admins always; colleagues in the unit once it is signed.
func viewReport(r *request, id int64) ([]telegram.Message, error) {
	rep, err := r.tx.GetReport(r.ctx, id)
	if errors.Is(err, models.ErrNotFound) {
		return r.stale(), nil
	}
	if err != nil {
		return nil, err
	}
	owner, err := r.tx.GetCadre(r.ctx, rep.CadreID)
	if err != nil {
		return nil, err
	}
	public := rep.Status == models.ReportSigned && r.me.InUnit(rep.UnitID)
	if !r.me.MayActOnCadre(owner) && !public {
		return r.refuse(fmt.Sprintf("view report %d", id)), nil
	}
	d, err := loadDoc(r, rep)
	if err != nil {
		return nil, err
	}
	m := telegram.Message{Text: d.format(r.lang, r.loc)}
	if r.me.MayReadCase(owner) {
		if m.Text, err = withCaseLinks(r, m.Text, rep.ID); err != nil {
			return nil, err
		}
	}
	if rep.Status == models.ReportSubmitted && d.unit.PrincipalID != nil && *d.unit.PrincipalID == r.me.ID {
		m.Buttons = [][]telegram.Button{{
			{Text: r.t("btn_sign"), Data: signData(rep.ID, rep.Version)},
			{Text: r.t("btn_return"), Data: returnData(rep.ID, rep.Version)},
		}}
	}
	return []telegram.Message{m}, nil
}
