package roster

import (
	"strconv"

	"golang.org/x/text/unicode/norm"
	"strings"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// headerSearch is how many rows from the top may be a title above the
// header.
const headerSearch = 10

// Validate finds the header, checks every row and the rules that span rows,
// and returns the rows ready for models.Store.ApplyRoster. The rows are fit
// to write only when there are no problems; all problems are returned, by
// line.
func Validate(recs []Record) ([]models.RosterRow, Problems) {
	if len(recs) == 0 {
		return nil, Problems{models.Problem(0, "roster_no_rows")}
	}
	h := headerAt(recs)
	idx, probs := mapHeader(recs[h])
	if len(probs) > 0 {
		return nil, probs // without the columns the rows cannot be read
	}
	body := recs[h+1:]
	if len(body) == 0 {
		probs.add(recs[h].Line, "roster_no_body")
		return nil, probs
	}
	rows := make([]models.RosterRow, len(body))
	for i, r := range body {
		var ps Problems
		rows[i], ps = checkRow(r, idx)
		probs = append(probs, ps...)
	}
	probs = append(probs, checkIDs(rows)...)
	probs = append(probs, checkUnits(rows)...)
	return rows, probs.sorted()
}

func headerAt(recs []Record) int {
	for i := 0; i < len(recs) && i < headerSearch; i++ {
		if isHeader(recs[i]) {
			return i
		}
	}
	return 0
}

// checkRow reads and checks one row on its own.
func checkRow(r Record, idx [numFields]int) (models.RosterRow, Problems) {
	cell := func(f field) string {
		if i := idx[f]; i >= 0 && i < len(r.Fields) {
			return r.Fields[i]
		}
		return ""
	}
	row := models.RosterRow{
		Line: r.Line, ExternalID: cleanID(cell(fExternalID)), Name: cleanText(cell(fName)),
		Unit: cleanText(cell(fUnit)), Category: cleanText(cell(fCategory)),
		Position: strings.TrimSpace(cell(fPosition)), Duty: strings.TrimSpace(cell(fDuty)),
	}
	var probs Problems
	if row.Name == "" {
		probs.add(r.Line, "roster_empty", label(fName))
	}
	if row.ExternalID == "" {
		probs.add(r.Line, "roster_empty", label(fExternalID))
	}
	for _, f := range []field{fUnit, fCategory, fName, fPosition, fDuty, fExternalID} {
		v := map[field]string{fUnit: row.Unit, fCategory: row.Category, fName: row.Name,
			fPosition: row.Position, fDuty: row.Duty, fExternalID: row.ExternalID}[f]
		if n := len([]rune(v)); columns[f].max > 0 && n > columns[f].max {
			probs.add(r.Line, "roster_too_long", label(f), n, columns[f].max)
		}
	}
	row.UnitKind = word(&probs, r.Line, kinds, cell(fKind), "")
	row.Role = word(&probs, r.Line, roles, cell(fRole), models.RoleCadre)
	row.Lang = word(&probs, r.Line, langs, cell(fLang), "")
	if b := strings.TrimSpace(cell(fBirthDate)); b != "" {
		if row.BirthDate = birthDate(b); row.BirthDate == "" {
			probs.add(r.Line, "roster_bad_birth_date", b)
		}
	}
	row.WorkStartYear = number(&probs, r.Line, fWorkStart, cell(fWorkStart), 1940, 2100, "roster_bad_year")
	row.ServiceYears = number(&probs, r.Line, fServiceYears, cell(fServiceYears), 0, 70, "roster_bad_service")
	if row.Unit == "" && (row.Role == models.RoleCadre || row.Role == models.RoleLeader) {
		probs.add(r.Line, "roster_unit_required", label(fUnit))
	}
	return row, probs
}

// unknown stands for a value already reported as not in its vocabulary,
// so that later checks neither repeat nor compound the problem.
const unknown = "?"

// number reads an optional whole number in [lo, hi]: a year ("1998",
// "1998年", "1998-07": the year) or years of service; empty gives 0.
func number(probs *Problems, line int, f field, s string, lo, hi int, problem string) int {
	t := strings.TrimSpace(norm.NFKC.String(s))
	if t == "" {
		return 0
	}
	digits := t
	if i := strings.IndexFunc(t, func(r rune) bool { return r < '0' || r > '9' }); i > 0 {
		digits = t[:i]
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < lo || n > hi {
		probs.add(line, problem, label(f), t)
		return 0
	}
	return n
}

// word reads a value from a vocabulary; empty gives def.
func word(probs *Problems, line int, v vocab, s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	out, ok := v.lookup(s)
	if !ok {
		probs.add(line, v.unknownKey, strings.TrimSpace(s), v.allowed)
		return unknown
	}
	return out
}

// checkIDs finds external ids used twice: re-import matches people by it.
func checkIDs(rows []models.RosterRow) Problems {
	var probs Problems
	seen := make(map[string]int, len(rows))
	for _, r := range rows {
		if r.ExternalID == "" {
			continue
		}
		if first, ok := seen[r.ExternalID]; ok {
			probs.add(r.Line, "roster_dup_id", label(fExternalID), r.ExternalID, first)
			continue
		}
		seen[r.ExternalID] = r.Line
	}
	return probs
}

// unitFacts is what the rows say about one unit, and where they said it.
type unitFacts struct {
	first              int
	kindTried          bool // a row gave a kind, maybe an unknown one
	kind, category     string
	kindAt, categoryAt int
	leader             string
	leaderAt           int
}

// kindLabel names a unit kind in the reader's language.
func kindLabel(kind string) texts.Msg { return texts.M("roster_kind_" + kind) }

// checkUnits makes sure every row of a unit agrees on its kind and
// category, that it has at most one leader, and copies the kind and
// category to the rows that left them blank (merged or skipped cells).
func checkUnits(rows []models.RosterRow) Problems {
	var probs Problems
	units := map[string]*unitFacts{}
	for _, r := range rows {
		if r.Unit == "" {
			continue
		}
		u := units[r.Unit]
		if u == nil {
			u = &unitFacts{first: r.Line}
			units[r.Unit] = u
		}
		u.observe(r, &probs)
	}
	for name, u := range units {
		if !u.kindTried {
			probs.add(u.first, "roster_no_kind", name, label(fKind))
		}
	}
	for i := range rows {
		if u := units[rows[i].Unit]; u != nil {
			rows[i].UnitKind, rows[i].Category = u.kind, u.category
		}
	}
	return probs
}

// observe takes in what one row says about its unit.
func (u *unitFacts) observe(r models.RosterRow, probs *Problems) {
	u.kindTried = u.kindTried || r.UnitKind != ""
	switch {
	case r.UnitKind == "" || r.UnitKind == unknown:
	case u.kind == "":
		u.kind, u.kindAt = r.UnitKind, r.Line
	case u.kind != r.UnitKind:
		probs.add(r.Line, "roster_two_kinds", r.Unit, kindLabel(r.UnitKind), kindLabel(u.kind), u.kindAt)
	}
	switch {
	case r.Category == "":
	case u.category == "":
		u.category, u.categoryAt = r.Category, r.Line
	case u.category != r.Category:
		probs.add(r.Line, "roster_two_categories", r.Unit, r.Category, u.category, u.categoryAt)
	}
	if r.Role != models.RoleLeader {
		return
	}
	if u.leaderAt > 0 {
		probs.add(r.Line, "roster_two_leaders", r.Unit, r.Name, u.leader, u.leaderAt)
		return
	}
	u.leader, u.leaderAt = r.Name, r.Line
}

// birthDate reads 出生日期 as people type it — 1985-06-01, 1985/6/1,
// 1985.06 (a month: its first day), 19850601 — as 2006-01-02; "" when it
// is not a date of the last 100 years.
func birthDate(s string) string {
	s = strings.NewReplacer("/", "-", ".", "-", "年", "-", "月", "-", "日", "").Replace(s)
	s = strings.TrimSuffix(s, "-")
	for _, layout := range []string{"2006-1-2", "20060102", "2006-1"} {
		if t, err := time.Parse(layout, s); err == nil && t.Year() > 1920 && t.Year() < 2020 {
			return t.Format("2006-01-02")
		}
	}
	return ""
}
