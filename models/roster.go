package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// RosterRow is one person as the roster file lists them, already checked
// and normalized by package roster: every row of a unit carries the same
// kind and category, a unit has at most one leader.
type RosterRow struct {
	Line       int // in the file, for messages
	ExternalID string
	Name       string
	Unit       string // "" only for admins
	UnitKind   string // UnitTownship, UnitPark or UnitCountyBody
	Category   string // "" keeps the unit's category
	Position   string
	Duty       string
	Role       string // RoleCadre, RoleLeader or RoleAdmin
	Lang       string // "zh", "en", or "" to keep what the cadre chose
	BirthDate  string // 2006-01-02, or "" to keep what the roster had
	// WorkStartYear (参加工作年份) or ServiceYears (工龄, as of the import)
	// set the cadre's year of joining work; both 0 keep what was known.
	WorkStartYear int
	ServiceYears  int
}

// ApplyOptions tune ApplyRoster.
type ApplyOptions struct {
	DeactivateMissing bool   // set Active=false on cadres the file no longer lists
	DryRun            bool   // work out the summary, write nothing
	Source            string // the file, named in the audit entry
	Actor             *int64 // who applied it (the web console's admin); nil: the command line
}

// RosterTally counts what an import does to cadres.
type RosterTally struct{ Added, Updated, Unchanged, Deactivated int }

// UnitTally is one unit's share of an import; Unit "" holds cadres
// without a unit (admins).
type UnitTally struct {
	Unit string
	RosterTally
}

// RosterSummary is what an import did, or would do in a dry run.
type RosterSummary struct {
	Units        []UnitTally // as the file first names them, then units that only lost cadres
	Total        RosterTally
	UnitsAdded   int
	UnitsChanged int // kind, category or principal changed
	Missing      int // active cadres the file leaves out, kept active
}

// rosterBatch rows per INSERT keep the statement under SQLite's and
// PostgreSQL's limits on bound parameters.
const rosterBatch = 500

// ApplyRoster makes the database match the roster in one transaction: it
// adds and updates cadres by external id, creates and updates units, sets
// each listed unit's principal to its leader (none when the file names no
// leader), and with DeactivateMissing deactivates active cadres the file
// no longer lists. Telegram bindings are never touched, so a deactivated
// cadre's history stays attributable. Everything is read once into maps
// and written in batches: a county's roster takes well under a second.
func (s *Store) ApplyRoster(ctx context.Context, rows []RosterRow, opts ApplyOptions) (RosterSummary, error) {
	if err := checkRosterRows(rows); err != nil {
		return RosterSummary{}, fmt.Errorf("apply roster: %w", err)
	}
	var sum RosterSummary
	err := s.Tx(ctx, func(tx *Store) error {
		p, err := tx.planRoster(ctx, rows, opts)
		if err != nil || opts.DryRun {
			sum = p.sum
			return err
		}
		if err := tx.writeRoster(ctx, p); err != nil {
			return err
		}
		sum = p.sum
		t := sum.Total
		return tx.Audit(ctx, opts.Actor, "roster.import", opts.Source, fmt.Sprintf(
			"added=%d updated=%d unchanged=%d deactivated=%d units_added=%d units_changed=%d",
			t.Added, t.Updated, t.Unchanged, t.Deactivated, sum.UnitsAdded, sum.UnitsChanged))
	})
	if err != nil {
		return RosterSummary{}, fmt.Errorf("apply roster: %w", translate(err))
	}
	return sum, nil
}

// checkRosterRows refuses rows that would leave the database inconsistent;
// package roster reports these to people, this is the last guard.
func checkRosterRows(rows []RosterRow) error {
	if len(rows) == 0 {
		return fmt.Errorf("no rows: an empty roster would deactivate everyone")
	}
	seen := make(map[string]bool, len(rows))
	leaders := map[string]bool{}
	for _, r := range rows {
		kindOK := r.UnitKind == UnitTownship || r.UnitKind == UnitPark || r.UnitKind == UnitCountyBody
		switch {
		case r.ExternalID == "" || r.Name == "":
			return fmt.Errorf("line %d: external id and name are required", r.Line)
		case seen[r.ExternalID]:
			return fmt.Errorf("line %d: external id %s is listed twice", r.Line, r.ExternalID)
		case !KnownRole(r.Role):
			return fmt.Errorf("line %d: unknown role %q", r.Line, r.Role)
		case r.Unit == "" && r.Role != RoleAdmin:
			return fmt.Errorf("line %d: only admins may have no unit", r.Line)
		case r.Unit != "" && !kindOK:
			return fmt.Errorf("line %d: unknown unit kind %q", r.Line, r.UnitKind)
		case r.Lang != "" && r.Lang != "zh" && r.Lang != "en":
			return fmt.Errorf("line %d: unknown language %q", r.Line, r.Lang)
		case r.Role == RoleLeader && leaders[r.Unit]:
			return fmt.Errorf("line %d: unit %s has a second leader", r.Line, r.Unit)
		}
		seen[r.ExternalID] = true
		leaders[r.Unit] = leaders[r.Unit] || r.Role == RoleLeader
	}
	return nil
}

// rosterPlan is the difference between the file and the database.
type rosterPlan struct {
	rows    []RosterRow
	units   []*Unit          // existing by id, then new ones (ID 0)
	byName  map[string]*Unit // the same units
	nameOf  map[int64]string // existing unit id → name
	inFile  map[string]bool  // units the file names
	cadres  map[string]Cadre // existing, by external id
	extOf   map[int64]string // existing cadre id → external id
	leader  map[string]string
	dirty   map[*Unit]string // unit → external id of its principal-to-be
	write   []int            // rows that add or change a cadre
	gone    []Cadre          // to deactivate
	sum     RosterSummary
	tallyAt map[string]int // unit name → index in sum.Units
	year    int            // this year, where 工龄 is counted from
}

// workStart is the year r says the cadre began work, 0 when it says nothing.
func (p *rosterPlan) workStart(r RosterRow) int {
	if r.WorkStartYear != 0 {
		return r.WorkStartYear
	}
	if r.ServiceYears != 0 {
		return p.year - r.ServiceYears
	}
	return 0
}

func (s *Store) planRoster(ctx context.Context, rows []RosterRow, opts ApplyOptions) (*rosterPlan, error) {
	p := &rosterPlan{rows: rows, byName: map[string]*Unit{}, nameOf: map[int64]string{}, inFile: map[string]bool{}, cadres: make(map[string]Cadre, len(rows)),
		extOf: make(map[int64]string, len(rows)), leader: map[string]string{}, dirty: map[*Unit]string{},
		tallyAt: map[string]int{}, year: s.Now().Year()}
	var units []Unit
	if err := s.with(ctx).Order("id").Find(&units).Error; err != nil {
		return p, fmt.Errorf("load units: %w", err)
	}
	for i := range units {
		p.units = append(p.units, &units[i])
		p.byName[units[i].Name], p.nameOf[units[i].ID] = &units[i], units[i].Name
	}
	var cadres []Cadre
	if err := s.with(ctx).Order("id").Find(&cadres).Error; err != nil {
		return p, fmt.Errorf("load cadres: %w", err)
	}
	for _, c := range cadres {
		p.cadres[c.ExternalID], p.extOf[c.ID] = c, c.ExternalID
	}
	p.planUnits()
	listed := p.planCadres()
	for _, c := range cadres {
		switch {
		case listed[c.ExternalID] || !c.Active:
		case opts.DeactivateMissing:
			p.tally(p.unitNameOf(c)).Deactivated++
			p.gone = append(p.gone, c)
		default:
			p.sum.Missing++
		}
	}
	p.planPrincipals(listed)
	for _, u := range p.sum.Units {
		t := u.RosterTally
		p.sum.Total.Added += t.Added
		p.sum.Total.Updated += t.Updated
		p.sum.Total.Unchanged += t.Unchanged
		p.sum.Total.Deactivated += t.Deactivated
	}
	p.sum.UnitsChanged = len(p.dirty) - p.sum.UnitsAdded
	return p, nil
}

// planUnits adds the units the file names for the first time and updates
// kind and category; p.dirty collects every unit to write.
func (p *rosterPlan) planUnits() {
	for _, r := range p.rows {
		if r.Unit == "" {
			continue
		}
		p.inFile[r.Unit] = true
		if r.Role == RoleLeader {
			p.leader[r.Unit] = r.ExternalID
		}
		u, ok := p.byName[r.Unit]
		if !ok {
			u = &Unit{Name: r.Unit, Kind: r.UnitKind, Category: r.Category}
			p.units, p.byName[r.Unit], p.dirty[u] = append(p.units, u), u, ""
			p.sum.UnitsAdded++
			continue
		}
		if u.Kind != r.UnitKind || (r.Category != "" && u.Category != r.Category) {
			u.Kind = r.UnitKind
			if r.Category != "" {
				u.Category = r.Category
			}
			p.dirty[u] = "" // planPrincipals decides
		}
	}
}

// planCadres sorts rows into added, updated and unchanged.
func (p *rosterPlan) planCadres() map[string]bool {
	listed := make(map[string]bool, len(p.rows))
	for i, r := range p.rows {
		listed[r.ExternalID] = true
		t := p.tally(r.Unit)
		c, ok := p.cadres[r.ExternalID]
		switch {
		case !ok:
			t.Added++
		case c.Name != r.Name || p.unitNameOf(c) != r.Unit || c.Position != r.Position || c.Duty != r.Duty ||
			c.Role != r.Role || (r.Lang != "" && r.Lang != c.Lang) || !c.Active || (r.BirthDate != "" && r.BirthDate != c.BirthDate) ||
			(p.workStart(r) != 0 && p.workStart(r) != c.WorkStartYear):
			t.Updated++
		default:
			t.Unchanged++
			continue
		}
		p.write = append(p.write, i)
	}
	return listed
}

// planPrincipals gives every unit the file names its leader, or none. A
// unit the file does not name keeps its principal unless that person was
// listed elsewhere or deactivated.
func (p *rosterPlan) planPrincipals(listed map[string]bool) {
	gone := make(map[string]bool, len(p.gone))
	for _, c := range p.gone {
		gone[c.ExternalID] = true
	}
	for _, u := range p.units {
		cur := p.principalExt(u)
		want := p.leader[u.Name]
		if !p.inFile[u.Name] && !listed[cur] && !gone[cur] {
			want = cur
		}
		if _, ok := p.dirty[u]; ok || want != cur {
			p.dirty[u] = want
		}
	}
}

// principalExt is the external id of the unit's current principal; "?"
// for an id that names no cadre, so that it differs from any wish.
func (p *rosterPlan) principalExt(u *Unit) string {
	if u.PrincipalID == nil {
		return ""
	}
	if ext, ok := p.extOf[*u.PrincipalID]; ok {
		return ext
	}
	return "?"
}

// unitNameOf names an existing cadre's unit.
func (p *rosterPlan) unitNameOf(c Cadre) string {
	if c.UnitID == nil {
		return ""
	}
	return p.nameOf[*c.UnitID]
}

// tally is the unit's line of the summary; use it before the next call.
func (p *rosterPlan) tally(unit string) *RosterTally {
	i, ok := p.tallyAt[unit]
	if !ok {
		i = len(p.sum.Units)
		p.tallyAt[unit] = i
		p.sum.Units = append(p.sum.Units, UnitTally{Unit: unit})
	}
	return &p.sum.Units[i].RosterTally
}

// writeRoster carries out the plan: new units, then cadres (their unit ids
// are known now), then deactivations, then units' kinds, categories and
// principals (the leaders' ids are known now).
func (s *Store) writeRoster(ctx context.Context, p *rosterPlan) error {
	now := s.Now()
	var fresh []*Unit
	for _, u := range p.units {
		if u.ID == 0 {
			fresh = append(fresh, u)
		}
	}
	if len(fresh) > 0 {
		if err := s.with(ctx).CreateInBatches(fresh, rosterBatch).Error; err != nil {
			return fmt.Errorf("create units: %w", err)
		}
	}
	ids, err := s.writeCadres(ctx, p)
	if err != nil {
		return err
	}
	if err := s.deactivate(ctx, p.gone, now); err != nil {
		return err
	}
	var units []Unit
	for _, u := range p.units {
		ext, ok := p.dirty[u]
		if !ok {
			continue
		}
		// A fresh value without id or group chat: the upsert then conflicts
		// on the name alone and cannot disturb a bound group.
		v := Unit{Name: u.Name, Kind: u.Kind, Category: u.Category, UpdatedAt: now}
		if id, ok := ids[ext]; ok {
			v.PrincipalID = &id
		}
		units = append(units, v)
	}
	return upsert(ctx, s, units, "name", "kind", "category", "principal_id", "updated_at")
}

// deactivate sets Active=false and ends the cadres' web sessions, in
// batches of ids.
func (s *Store) deactivate(ctx context.Context, gone []Cadre, now time.Time) error {
	for i := 0; i < len(gone); i += rosterBatch {
		ids := make([]int64, 0, rosterBatch)
		for _, c := range gone[i:min(i+rosterBatch, len(gone))] {
			ids = append(ids, c.ID)
		}
		if err := s.with(ctx).Model(&Cadre{}).Where("id IN ?", ids).
			Updates(map[string]any{"active": false, "updated_at": now}).Error; err != nil {
			return fmt.Errorf("deactivate cadres: %w", err)
		}
		if _, err := s.endSessionsOf(ctx, ids); err != nil {
			return fmt.Errorf("deactivate cadres: end web sessions: %w", err)
		}
	}
	return nil
}

// writeCadres inserts new cadres and updates changed ones, and returns the
// id of every cadre by external id.
func (s *Store) writeCadres(ctx context.Context, p *rosterPlan) (map[string]int64, error) {
	var add, change []Cadre
	for _, i := range p.write {
		r := p.rows[i]
		c := Cadre{ExternalID: r.ExternalID, Name: r.Name, Position: r.Position, Duty: r.Duty,
			Role: r.Role, Lang: r.Lang, BirthDate: r.BirthDate, Active: true, UpdatedAt: s.Now()}
		if u := p.byName[r.Unit]; u != nil {
			c.UnitID = &u.ID
		}
		old, ok := p.cadres[r.ExternalID]
		if c.WorkStartYear = p.workStart(r); c.WorkStartYear == 0 && ok {
			c.WorkStartYear = old.WorkStartYear
		}
		switch {
		case c.Lang == "" && ok:
			c.Lang = old.Lang
		case c.Lang == "":
			c.Lang = "zh"
		}
		if c.BirthDate == "" && ok {
			c.BirthDate = old.BirthDate
		}
		if ok {
			change = append(change, c)
		} else {
			add = append(add, c)
		}
	}
	if len(add) > 0 {
		if err := s.with(ctx).CreateInBatches(&add, rosterBatch).Error; err != nil {
			return nil, fmt.Errorf("add cadres: %w", err)
		}
	}
	// Binding fields stay out of the update list: an import never unbinds.
	if err := upsert(ctx, s, change, "external_id", "name", "unit_id", "position", "duty",
		"role", "lang", "birth_date", "work_start_year", "active", "updated_at"); err != nil {
		return nil, err
	}
	ids := make(map[string]int64, len(p.cadres)+len(add))
	for ext, c := range p.cadres {
		ids[ext] = c.ID
	}
	for _, c := range add {
		ids[c.ExternalID] = c.ID
	}
	return ids, nil
}

// upsert writes rows in batches, updating the named columns of those that
// already exist by key.
func upsert[T any](ctx context.Context, s *Store, rows []T, key string, cols ...string) error {
	if len(rows) == 0 {
		return nil
	}
	err := s.with(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: key}},
		DoUpdates: clause.AssignmentColumns(cols),
	}).CreateInBatches(&rows, rosterBatch).Error
	if err != nil {
		return fmt.Errorf("update %T by %s: %w", rows, key, err)
	}
	return nil
}

// InvitableCadres lists active cadres not yet bound to Telegram, in one
// unit or in all: who still needs an invitation. Within a unit they come
// in roster order (ids follow the file), which puts the leader first in
// most rosters; Chinese names have no useful code-point order.
func (s *Store) InvitableCadres(ctx context.Context, unitID *int64) ([]Cadre, error) {
	db := s.with(ctx).Where("active AND telegram_user_id IS NULL")
	if unitID != nil {
		db = db.Where("unit_id = ?", *unitID)
	}
	var cs []Cadre
	if err := db.Order("unit_id, id").Find(&cs).Error; err != nil {
		return nil, fmt.Errorf("list cadres to invite: %w", err)
	}
	return cs, nil
}
