package models

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// The procedure steps of a case, in order (申请 → 核实 → 认定 → 告知 → 备案).
const (
	StepApply     = "apply"
	StepVerify    = "verify"
	StepDetermine = "determine"
	StepNotify    = "notify"
	StepFile      = "file"
)

// Steps lists the procedure in order.
var Steps = []string{StepApply, StepVerify, StepDetermine, StepNotify, StepFile}

// Decisions at 认定.
const (
	DecisionExempt  = "exempt"  // 容错免责: the matter does not count against the cadre
	DecisionLighter = "lighter" // 从轻减轻
	DecisionRefused = "refused" // 不予容错
)

// Decisions lists the decisions.
var Decisions = []string{DecisionExempt, DecisionLighter, DecisionRefused}

// Who applied for a case.
const (
	ApplicantCadre      = "cadre"
	ApplicantUnit       = "unit"
	ApplicantDepartment = "department"
)

// Applicants lists who may apply.
var Applicants = []string{ApplicantCadre, ApplicantUnit, ApplicantDepartment}

// ToleranceCase is one case of the register.
type ToleranceCase struct {
	ID           int64  `gorm:"primaryKey"`
	CadreID      int64  `gorm:"not null;index"`
	Year         int    `gorm:"not null;index"` // the year of the matter
	Matter       string `gorm:"type:text;not null"`
	Situations   string `gorm:"size:200;not null"` // codes of the list, "3,7"
	Applicant    string `gorm:"size:12;not null"`
	Documents    string `gorm:"type:text"`
	ReportID     *int64 `gorm:"index"` // a monthly report the matter concerns (returned, say)
	ReviewItemID *int64 `gorm:"index"` // an item of the reverse check-up list it concerns
	Step         string `gorm:"size:10;not null"`
	AppliedOn    string `gorm:"size:10"`
	VerifiedOn   string `gorm:"size:10"`
	DeterminedOn string `gorm:"size:10"`
	NotifiedOn   string `gorm:"size:10"`
	FiledOn      string `gorm:"size:10"`
	Decision     string `gorm:"size:10"`
	Reason       string `gorm:"type:text"`
	CreatedBy    *int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Codes are the situations claimed.
func (c ToleranceCase) Codes() []string { return strings.Split(c.Situations, ",") }

// Tolerated tells whether the case cleared the cadre (容错免责).
func (c ToleranceCase) Tolerated() bool { return c.Decision == DecisionExempt }

// StepOn is the day a step was taken, "" when not yet.
func (c ToleranceCase) StepOn(step string) string {
	return map[string]string{StepApply: c.AppliedOn, StepVerify: c.VerifiedOn, StepDetermine: c.DeterminedOn,
		StepNotify: c.NotifiedOn, StepFile: c.FiledOn}[step]
}

// NewCase is what opening a case needs.
type NewCase struct {
	CadreID   int64
	Matter    string
	Codes     []string
	Applicant string
	Documents string
	ReportID  *int64
	AppliedOn string // 2006-01-02; "" is today
}

// OpenCase records an application (申请). It refuses a situation not on
// the list, an unknown applicant and an empty matter (ErrBadInput).
func (s *Store) OpenCase(ctx context.Context, actor *int64, n NewCase) (ToleranceCase, error) {
	if strings.TrimSpace(n.Matter) == "" {
		return ToleranceCase{}, fmt.Errorf("%w: the matter is empty", ErrBadInput)
	}
	if !slices.Contains(Applicants, n.Applicant) {
		return ToleranceCase{}, fmt.Errorf("%w: applicant %q", ErrBadInput, n.Applicant)
	}
	if len(n.Codes) == 0 {
		return ToleranceCase{}, fmt.Errorf("%w: no situation claimed", ErrBadInput)
	}
	list, err := s.Situations(ctx)
	if err != nil {
		return ToleranceCase{}, err
	}
	for _, code := range n.Codes {
		if !slices.ContainsFunc(list, func(t ToleranceSituation) bool { return t.Code == code }) {
			return ToleranceCase{}, fmt.Errorf("%w: situation %q is not on the list", ErrBadInput, code)
		}
	}
	day, err := s.caseDay(n.AppliedOn)
	if err != nil {
		return ToleranceCase{}, err
	}
	if _, err := s.GetCadre(ctx, n.CadreID); err != nil {
		return ToleranceCase{}, fmt.Errorf("case for cadre %d: %w", n.CadreID, err)
	}
	c := ToleranceCase{CadreID: n.CadreID, Year: mustYear(day), Matter: strings.TrimSpace(n.Matter),
		Situations: strings.Join(n.Codes, ","), Applicant: n.Applicant, Documents: strings.TrimSpace(n.Documents),
		ReportID: n.ReportID, Step: StepApply, AppliedOn: day, CreatedBy: actor}
	err = s.Tx(ctx, func(tx *Store) error {
		if err := tx.with(ctx).Create(&c).Error; err != nil {
			return fmt.Errorf("open case: %w", err)
		}
		return tx.Audit(ctx, actor, "tolerance.case.open", fmt.Sprintf("case:%d", c.ID), "")
	})
	return c, err
}

func mustYear(day string) int {
	t, _ := time.Parse("2006-01-02", day)
	return t.Year()
}

// caseDay checks a typed day, "" being today (UTC date of the clock).
func (s *Store) caseDay(day string) (string, error) {
	if day == "" {
		return s.Now().Format("2006-01-02"), nil
	}
	if _, err := time.Parse("2006-01-02", day); err != nil {
		return "", fmt.Errorf("%w: date %q", ErrBadInput, day)
	}
	return day, nil
}

// GetCase reads a case.
func (s *Store) GetCase(ctx context.Context, id int64) (ToleranceCase, error) {
	var c ToleranceCase
	if err := s.with(ctx).Where("id = ?", id).Take(&c).Error; err != nil {
		return c, translate(err)
	}
	return c, nil
}

// AdvanceCase takes the next step of the procedure (核实, 告知, 备案) on a
// day. Steps go in order; 认定 is DecideCase, for it needs a decision and
// its reason. ErrConflict when step is not the next one.
func (s *Store) AdvanceCase(ctx context.Context, actor *int64, id int64, step, day string) (ToleranceCase, error) {
	if step == StepDetermine {
		return ToleranceCase{}, fmt.Errorf("%w: 认定 is a decision with its reason", ErrBadInput)
	}
	return s.stepCase(ctx, actor, id, step, day, nil)
}

// DecideCase is 认定: a decision with its reason, which is required.
func (s *Store) DecideCase(ctx context.Context, actor *int64, id int64, decision, reason, day string) (ToleranceCase, error) {
	if !slices.Contains(Decisions, decision) {
		return ToleranceCase{}, fmt.Errorf("%w: decision %q", ErrBadInput, decision)
	}
	if strings.TrimSpace(reason) == "" {
		return ToleranceCase{}, fmt.Errorf("%w: a decision needs its reason", ErrBadInput)
	}
	return s.stepCase(ctx, actor, id, StepDetermine, day, map[string]any{"decision": decision, "reason": strings.TrimSpace(reason)})
}

func (s *Store) stepCase(ctx context.Context, actor *int64, id int64, step, day string, more map[string]any) (ToleranceCase, error) {
	i := slices.Index(Steps, step)
	if i <= 0 {
		return ToleranceCase{}, fmt.Errorf("%w: step %q", ErrBadInput, step)
	}
	day, err := s.caseDay(day)
	if err != nil {
		return ToleranceCase{}, err
	}
	var out ToleranceCase
	err = s.Tx(ctx, func(tx *Store) error {
		c, err := tx.GetCase(ctx, id)
		if err != nil {
			return err
		}
		if c.Step != Steps[i-1] {
			return fmt.Errorf("%w: case %d is at %s, not before %s", ErrConflict, id, c.Step, step)
		}
		if prev := c.StepOn(c.Step); day < prev {
			return fmt.Errorf("%w: %s is before the previous step's %s", ErrBadInput, day, prev)
		}
		fields := map[string]any{"step": step, map[string]string{StepVerify: "verified_on", StepDetermine: "determined_on",
			StepNotify: "notified_on", StepFile: "filed_on"}[step]: day, "updated_at": tx.Now()}
		for k, v := range more {
			fields[k] = v
		}
		if err := tx.with(ctx).Model(&ToleranceCase{}).Where("id = ?", id).Updates(fields).Error; err != nil {
			return fmt.Errorf("case %d %s: %w", id, step, err)
		}
		if err := tx.Audit(ctx, actor, "tolerance.case."+step, fmt.Sprintf("case:%d", id), ""); err != nil {
			return err
		}
		out, err = tx.GetCase(ctx, id)
		return err
	})
	return out, err
}

// MayReadCase tells whether c may read a case about target: an admin, the
// cadre's principal (the leader of their unit), the cadre themselves.
func (c Cadre) MayReadCase(target Cadre) bool {
	switch {
	case !c.Active:
		return false
	case c.Role == RoleAdmin, c.ID == target.ID:
		return true
	case c.Role == RoleLeader:
		return c.UnitID != nil && target.UnitID != nil && *c.UnitID == *target.UnitID
	}
	return false
}

// OpenCaseFor decides whether reader may read the case and, when an admin
// reads it, writes the audit entry first. Refusals are audited too.
func (s *Store) OpenCaseFor(ctx context.Context, reader Cadre, id int64) (ToleranceCase, Cadre, error) {
	c, err := s.GetCase(ctx, id)
	if err != nil {
		return c, Cadre{}, err
	}
	who, err := s.GetCadre(ctx, c.CadreID)
	if err != nil {
		return c, who, err
	}
	if !reader.MayReadCase(who) {
		_ = s.Audit(ctx, &reader.ID, "refused", fmt.Sprintf("case:%d", id), "")
		return ToleranceCase{}, Cadre{}, ErrForbidden
	}
	if reader.Role == RoleAdmin && reader.ID != who.ID {
		if err := s.Audit(ctx, &reader.ID, "tolerance.case.view", fmt.Sprintf("case:%d", id), who.ExternalID); err != nil {
			return c, who, err
		}
	}
	return c, who, nil
}

// ErrForbidden is a read or act outside the reader's scope.
var ErrForbidden = errors.New("forbidden")

// CasesFor lists the cases reader may see, newest first: all for an
// admin, the unit's for its principal, their own for a cadre. An admin's
// listing is audited (names and matters are shown).
func (s *Store) CasesFor(ctx context.Context, reader Cadre) ([]ToleranceCase, error) {
	q := s.with(ctx).Model(&ToleranceCase{})
	switch {
	case !reader.Active:
		return nil, nil
	case reader.Role == RoleAdmin:
		if err := s.Audit(ctx, &reader.ID, "tolerance.case.list", "", ""); err != nil {
			return nil, err
		}
	case reader.Role == RoleLeader && reader.UnitID != nil:
		q = q.Where("cadre_id IN (SELECT id FROM cadres WHERE unit_id = ?) OR cadre_id = ?", *reader.UnitID, reader.ID)
	default:
		q = q.Where("cadre_id = ?", reader.ID)
	}
	var out []ToleranceCase
	if err := q.Order("id DESC").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	return out, nil
}

// AllCases lists every case by id, for the department's export.
func (s *Store) AllCases(ctx context.Context) ([]ToleranceCase, error) {
	var out []ToleranceCase
	if err := s.with(ctx).Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	return out, nil
}

// ToleratedMatter is a matter a case cleared (容错免责): wherever awards
// and judgements are prepared it is shown apart and does not count
// against the cadre.
type ToleratedMatter struct {
	CaseID       int64
	Matter       string
	ReportID     *int64
	DeterminedOn string
}

// ToleratedMatters lists the matters of a year a case cleared the cadre
// of, by case. The annual profile and any 评先评优 export call it.
func (s *Store) ToleratedMatters(ctx context.Context, cadreID int64, year int) ([]ToleratedMatter, error) {
	var cs []ToleranceCase
	if err := s.with(ctx).Where("cadre_id = ? AND year = ? AND decision = ?", cadreID, year, DecisionExempt).
		Order("id").Find(&cs).Error; err != nil {
		return nil, fmt.Errorf("tolerated matters of cadre %d: %w", cadreID, err)
	}
	out := make([]ToleratedMatter, len(cs))
	for i, c := range cs {
		out[i] = ToleratedMatter{CaseID: c.ID, Matter: c.Matter, ReportID: c.ReportID, DeterminedOn: c.DeterminedOn}
	}
	return out, nil
}

// CasesOfReport lists the cases linked to a monthly report.
func (s *Store) CasesOfReport(ctx context.Context, reportID int64) ([]ToleranceCase, error) {
	var out []ToleranceCase
	if err := s.with(ctx).Where("report_id = ?", reportID).Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("cases of report %d: %w", reportID, err)
	}
	return out, nil
}

// LinkCaseReport links a case to a monthly report of its cadre, whose
// view then shows the link to those who may read the case.
func (s *Store) LinkCaseReport(ctx context.Context, actor *int64, id, reportID int64) (ToleranceCase, error) {
	c, err := s.GetCase(ctx, id)
	if err != nil {
		return c, err
	}
	rep, err := s.GetReport(ctx, reportID)
	if err != nil {
		return c, err
	}
	if rep.CadreID != c.CadreID {
		return c, fmt.Errorf("%w: report %d is not the cadre's", ErrBadInput, reportID)
	}
	if err := s.with(ctx).Model(&c).Update("report_id", reportID).Error; err != nil {
		return c, fmt.Errorf("link case %d: %w", id, err)
	}
	c.ReportID = &reportID
	return c, s.Audit(ctx, actor, "tolerance.case.link", fmt.Sprintf("case:%d", id), fmt.Sprint("report:", reportID))
}

// LinkCaseItem links a case to an item of its cadre's reverse check-up
// list (反向体检清单), whose lines then show the link to those who may read
// the case; while the case is 容错免责 the item counts against nothing.
func (s *Store) LinkCaseItem(ctx context.Context, actor *int64, id, itemID int64) (ToleranceCase, error) {
	c, err := s.GetCase(ctx, id)
	if err != nil {
		return c, err
	}
	var it ReviewItem
	if err := s.with(ctx).Where("id = ?", itemID).Take(&it).Error; err != nil {
		return c, translate(err)
	}
	if it.CadreID != c.CadreID {
		return c, fmt.Errorf("%w: check-up item %d is not the cadre's", ErrBadInput, itemID)
	}
	if err := s.with(ctx).Model(&c).Update("review_item_id", itemID).Error; err != nil {
		return c, fmt.Errorf("link case %d: %w", id, err)
	}
	c.ReviewItemID = &itemID
	return c, s.Audit(ctx, actor, "tolerance.case.link", fmt.Sprintf("case:%d", id), fmt.Sprint("checkup item:", itemID))
}

// CasesOfItems lists the cases linked to check-up items, by item.
func (s *Store) CasesOfItems(ctx context.Context, itemIDs []int64) (map[int64][]ToleranceCase, error) {
	out := map[int64][]ToleranceCase{}
	if len(itemIDs) == 0 {
		return out, nil
	}
	var cs []ToleranceCase
	if err := s.with(ctx).Where("review_item_id IN ?", itemIDs).Order("id").Find(&cs).Error; err != nil {
		return nil, fmt.Errorf("cases of check-up items: %w", err)
	}
	for _, c := range cs {
		out[*c.ReviewItemID] = append(out[*c.ReviewItemID], c)
	}
	return out, nil
}

// toleratedLinks are the reports and check-up items that cases decided
// 容错免责 concern: they count against nobody (不影响评先评优、提拔使用).
func (s *Store) toleratedLinks(ctx context.Context) (reports, items map[int64]int64, err error) {
	var cs []ToleranceCase
	if err := s.with(ctx).Select("id, report_id, review_item_id").Where("decision = ? AND (report_id IS NOT NULL OR review_item_id IS NOT NULL)", DecisionExempt).
		Find(&cs).Error; err != nil {
		return nil, nil, fmt.Errorf("tolerated links: %w", err)
	}
	reports, items = map[int64]int64{}, map[int64]int64{}
	for _, c := range cs {
		if c.ReportID != nil {
			reports[*c.ReportID] = c.ID
		}
		if c.ReviewItemID != nil {
			items[*c.ReviewItemID] = c.ID
		}
	}
	return reports, items, nil
}

// CaseRow is a case with the names the register shows.
type CaseRow struct {
	ToleranceCase
	CadreName, ExternalID, UnitName string
	ReportPeriod                    string // the linked report's month, "" when none
	Measures                        []MeasureRow
}

// MeasureRow is a correction measure with its owner's name.
type MeasureRow struct {
	CorrectionMeasure
	OwnerName string
}

// CaseLedger is every case with its names and measures, by id: the
// register the department exports. The caller audits the export.
func (s *Store) CaseLedger(ctx context.Context) ([]CaseRow, error) {
	cs, err := s.AllCases(ctx)
	if err != nil {
		return nil, err
	}
	units, err := s.Units(ctx)
	if err != nil {
		return nil, err
	}
	unitName := map[int64]string{}
	for _, u := range units {
		unitName[u.ID] = u.Name
	}
	out := make([]CaseRow, len(cs))
	for i, c := range cs {
		who, err := s.GetCadre(ctx, c.CadreID)
		if err != nil {
			return nil, err
		}
		out[i] = CaseRow{ToleranceCase: c, CadreName: who.Name, ExternalID: who.ExternalID}
		if who.UnitID != nil {
			out[i].UnitName = unitName[*who.UnitID]
		}
		if c.ReportID != nil {
			if rep, err := s.GetReport(ctx, *c.ReportID); err == nil {
				out[i].ReportPeriod = rep.Period
			}
		}
		ms, err := s.Measures(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			o, err := s.GetCadre(ctx, m.OwnerID)
			if err != nil {
				return nil, err
			}
			out[i].Measures = append(out[i].Measures, MeasureRow{CorrectionMeasure: m, OwnerName: o.Name})
		}
	}
	return out, nil
}

// SetCaseDocuments records the documents a case refers to (申请书、核实
// 报告、认定意见…), by name and number; the files stay where they are kept.
func (s *Store) SetCaseDocuments(ctx context.Context, actor *int64, id int64, docs string) (ToleranceCase, error) {
	c, err := s.GetCase(ctx, id)
	if err != nil {
		return c, err
	}
	c.Documents = strings.TrimSpace(docs)
	if err := s.with(ctx).Model(&ToleranceCase{}).Where("id = ?", id).Updates(map[string]any{"documents": c.Documents, "updated_at": s.Now()}).Error; err != nil {
		return c, fmt.Errorf("documents of case %d: %w", id, err)
	}
	return c, s.Audit(ctx, actor, "tolerance.case.documents", fmt.Sprintf("case:%d", id), "")
}
