package models

// The quarterly check-up (季度多维体检). Every quarter a round asks five
// sources about five dimensions of every cadre in scope; the department
// turns what they raise into each cadre's 反向体检清单 (review_item.go).
//
// Files: review.go holds the words, the round and its states;
// review_answer.go what each source answers (and how colleagues stay
// anonymous); review_matrix.go the 5×5 matrix and the summaries;
// review_item.go the reverse check-up list and the promotion guard;
// review_code.go the one-time codes of the outside respondents' form;
// review_import.go a department's findings from a file.

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Round states, in order: collecting → consultation → confirmed → closed.
// A closed round may be reopened (back to collecting).
const (
	ReviewCollecting   = "collecting"   // the sources answer
	ReviewConsultation = "consultation" // the department confirms or dismisses
	ReviewConfirmed    = "confirmed"    // the list is settled; cadres were told
	ReviewClosed       = "closed"
)

// The five dimensions (维度).
const (
	DimPolitics   = "politics"   // 政治
	DimMorality   = "morality"   // 道德
	DimDiscipline = "discipline" // 遵纪
	DimLaw        = "law"        // 守法
	DimStyle      = "style"      // 作风
)

// ReviewDims lists the dimensions in the order every view shows them.
var ReviewDims = []string{DimPolitics, DimMorality, DimDiscipline, DimLaw, DimStyle}

var dimWords = map[string][]string{
	DimPolitics: {"政治"}, DimMorality: {"道德"}, DimDiscipline: {"遵纪", "纪律"}, DimLaw: {"守法", "法律"}, DimStyle: {"作风"},
}

// DimZH is a dimension's Chinese name.
func DimZH(d string) string {
	if w := dimWords[d]; len(w) > 0 {
		return w[0]
	}
	return d
}

// ParseDim reads a dimension written as its code or its Chinese name.
func ParseDim(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, d := range ReviewDims {
		if s == d || slices.Contains(dimWords[d], s) {
			return d, true
		}
	}
	return "", false
}

// ParseDims reads dimensions separated by commas (, ，、).
func ParseDims(s string) ([]string, bool) {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		d, ok := ParseDim(f)
		if !ok {
			return nil, false
		}
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out, len(out) > 0
}

// The five sources (渠道).
const (
	SrcPrincipal  = "principal"  // 主要领导点
	SrcColleague  = "colleague"  // 干部群众议 (anonymous)
	SrcPublic     = "public"     // 服务对象评 (anonymous, web form)
	SrcDepartment = "department" // 职能部门析
	SrcOrg        = "org"        // 组织部门审
)

// ReviewSources lists the sources in the order every view shows them.
var ReviewSources = []string{SrcPrincipal, SrcColleague, SrcPublic, SrcDepartment, SrcOrg}

// Severities of a department's finding.
const (
	SevRemind  = "remind"  // 提醒
	SevWarn    = "warn"    // 警示
	SevSerious = "serious" // 严重
)

var sevWords = map[string]string{"提醒": SevRemind, "警示": SevWarn, "严重": SevSerious}

// ParseSeverity reads a severity written as its code or in Chinese.
func ParseSeverity(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if v, ok := sevWords[s]; ok {
		return v, true
	}
	return s, s == SevRemind || s == SevWarn || s == SevSerious
}

// MinAnonymous is how many colleagues must have answered about a cadre
// before anything they said is shown: fewer could be told apart.
const MinAnonymous = 3

// MaxReviewNote caps what one answer may say, in characters.
const MaxReviewNote = 1000

// Errors of the check-up rules.
var (
	ErrRoundState   = errors.New("the round is not in a state that allows this")
	ErrNoRound      = errors.New("no check-up round is running")
	ErrNotInScope   = errors.New("the cadre is not in this round")
	ErrSelfReview   = errors.New("nobody answers about themselves")
	ErrOtherUnit    = errors.New("the cadre is in another unit")
	ErrNoteTooLong  = errors.New("the text is too long") // an answer, a note, a description
	ErrCodeUnknown  = errors.New("unknown form code")
	ErrCodeUsed     = errors.New("form code already used")
	ErrCodeExpired  = errors.New("form code expired")
	ErrBadRoundCode = errors.New("a round is named like 2026Q4")
)

var roundCodeRE = regexp.MustCompile(`^(20[0-9]{2})Q([1-4])$`)

// ParseRoundCode checks a quarter's code (2026Q4).
func ParseRoundCode(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if !roundCodeRE.MatchString(s) {
		return "", ErrBadRoundCode
	}
	return s, nil
}

// QuarterOf is the code of the quarter holding day.
func QuarterOf(day time.Time) string {
	return fmt.Sprintf("%dQ%d", day.Year(), (int(day.Month())-1)/3+1)
}

// ReviewRound is one quarter's check-up.
type ReviewRound struct {
	ID        int64  `gorm:"primaryKey"`
	Code      string `gorm:"size:6;not null;uniqueIndex"` // 2026Q4
	State     string `gorm:"size:16;not null"`
	Units     string `gorm:"size:2000"`        // unit ids in scope, comma-separated; "": every unit
	OpensOn   string `gorm:"size:10;not null"` // 2006-01-02
	ClosesOn  string `gorm:"size:10;not null"` // answers are taken until the end of this day
	CreatedAt time.Time
	UpdatedAt time.Time
}

// UnitIDs are the units in scope; nil means every unit.
func (r ReviewRound) UnitIDs() []int64 {
	var out []int64
	for _, f := range strings.Split(r.Units, ",") {
		if id, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// Covers tells whether the unit is in the round's scope.
func (r ReviewRound) Covers(unitID *int64) bool {
	if unitID == nil {
		return false
	}
	ids := r.UnitIDs()
	return len(ids) == 0 || slices.Contains(ids, *unitID)
}

// ReviewDimension is a dimension's short description, which admins edit.
type ReviewDimension struct {
	Code        string `gorm:"primaryKey;size:16"`
	Position    int    `gorm:"not null"`
	Description string `gorm:"size:500;not null"`
}

var defaultDimDescriptions = map[string]string{
	DimPolitics:   "政治立场、政治纪律、执行上级决策部署",
	DimMorality:   "社会公德、职业道德、家庭美德、个人品德",
	DimDiscipline: "遵守党的纪律、中央八项规定精神",
	DimLaw:        "遵守法律法规、依法履职用权",
	DimStyle:      "工作作风、担当作为、服务群众",
}

// ReviewDimensions lists the dimensions with their descriptions.
func (s *Store) ReviewDimensions(ctx context.Context) ([]ReviewDimension, error) {
	var out []ReviewDimension
	if err := s.with(ctx).Order("position").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list check-up dimensions: %w", err)
	}
	return out, nil
}

// SetDimensionDescription edits a dimension's description.
func (s *Store) SetDimensionDescription(ctx context.Context, dim, text string, actor *int64) error {
	text = strings.TrimSpace(text)
	if text == "" || len([]rune(text)) > 200 {
		return fmt.Errorf("describe dimension %s: %w", dim, ErrNoteTooLong)
	}
	res := s.with(ctx).Model(&ReviewDimension{}).Where("code = ?", dim).Update("description", text)
	if res.Error != nil {
		return fmt.Errorf("describe dimension %s: %w", dim, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return s.Audit(ctx, actor, "review.dimension", dim, text)
}

// GetRound reads a round by its code.
func (s *Store) GetRound(ctx context.Context, code string) (ReviewRound, error) {
	var r ReviewRound
	if err := s.with(ctx).Where("code = ?", strings.ToUpper(code)).Take(&r).Error; err != nil {
		return ReviewRound{}, translate(err)
	}
	return r, nil
}

// CurrentRound is the latest round not closed, or ErrNoRound.
func (s *Store) CurrentRound(ctx context.Context) (ReviewRound, error) {
	var r ReviewRound
	err := s.with(ctx).Where("state <> ?", ReviewClosed).Order("code DESC").Take(&r).Error
	if err = translate(err); errors.Is(err, ErrNotFound) {
		return r, ErrNoRound
	}
	return r, err
}

// LatestRound is the latest round, closed or not, or ErrNoRound.
func (s *Store) LatestRound(ctx context.Context) (ReviewRound, error) {
	var r ReviewRound
	err := s.with(ctx).Order("code DESC").Take(&r).Error
	if err = translate(err); errors.Is(err, ErrNotFound) {
		return r, ErrNoRound
	}
	return r, err
}

// NewRound is a round to open.
type NewRound struct {
	Code     string
	UnitIDs  []int64 // nil: every unit
	Workdays int     // how many workdays answers are taken, today included; 0: 10
	Actor    *int64
}

// OpenRound opens a quarter's round in state collecting and writes who owes
// answers (review_duties): each principal, each colleague, each liaison.
// A round of that code that exists already is ErrConflict.
func (s *Store) OpenRound(ctx context.Context, n NewRound) (ReviewRound, error) {
	code, err := ParseRoundCode(n.Code)
	if err != nil {
		return ReviewRound{}, err
	}
	if n.Workdays <= 0 {
		n.Workdays = 10
	}
	var out ReviewRound
	err = s.Tx(ctx, func(tx *Store) error {
		today, closes, err := tx.workdaysFromToday(ctx, n.Workdays-1)
		if err != nil {
			return err
		}
		var ids []string
		for _, id := range n.UnitIDs {
			ids = append(ids, strconv.FormatInt(id, 10))
		}
		out = ReviewRound{Code: code, State: ReviewCollecting, Units: strings.Join(ids, ","), OpensOn: today, ClosesOn: closes}
		if err := tx.with(ctx).Create(&out).Error; err != nil {
			return translate(err)
		}
		if err := tx.writeDuties(ctx, out); err != nil {
			return err
		}
		return tx.Audit(ctx, n.Actor, "review.open", code, out.ClosesOn)
	})
	if err != nil {
		return ReviewRound{}, fmt.Errorf("open round %s: %w", code, err)
	}
	return out, nil
}

// workdaysFromToday is today and the day n workdays later.
func (s *Store) workdaysFromToday(ctx context.Context, n int) (string, string, error) {
	today, err := s.Today(ctx)
	if err != nil {
		return "", "", err
	}
	return s.addWorkdays(ctx, today, n)
}

func (s *Store) addWorkdays(ctx context.Context, from string, n int) (string, string, error) {
	cal, err := s.LoadCalendar(ctx)
	if err != nil {
		return "", "", err
	}
	day, err := time.Parse(dateLayout, from)
	if err != nil {
		return "", "", err
	}
	return from, cal.AddWorkdays(day, n).Format(dateLayout), nil
}

// SetRoundState moves a round: consult (collecting → consultation),
// confirm (consultation → confirmed), close (any → closed), reopen
// (closed → collecting).
func (s *Store) SetRoundState(ctx context.Context, code, to string, actor *int64) (ReviewRound, error) {
	allowed := map[string][]string{
		ReviewConsultation: {ReviewCollecting},
		ReviewConfirmed:    {ReviewConsultation},
		ReviewClosed:       {ReviewCollecting, ReviewConsultation, ReviewConfirmed},
		ReviewCollecting:   {ReviewClosed, ReviewConsultation},
	}
	var out ReviewRound
	err := s.Tx(ctx, func(tx *Store) error {
		r, err := tx.GetRound(ctx, code)
		if err != nil {
			return err
		}
		if !slices.Contains(allowed[to], r.State) {
			return fmt.Errorf("%w: %s → %s", ErrRoundState, r.State, to)
		}
		upd := map[string]any{"state": to}
		if to == ReviewCollecting {
			// Reopened: answers are taken for at least three more workdays.
			if today, closes, err := tx.workdaysFromToday(ctx, 2); err == nil && closes > r.ClosesOn {
				_ = today
				upd["closes_on"] = closes
				r.ClosesOn = closes
			}
		}
		if err := tx.with(ctx).Model(&ReviewRound{}).Where("id = ?", r.ID).Updates(upd).Error; err != nil {
			return err
		}
		r.State = to
		out = r
		return tx.Audit(ctx, actor, "review."+to, r.Code, "")
	})
	if err != nil {
		return ReviewRound{}, fmt.Errorf("round %s to %s: %w", code, to, err)
	}
	return out, nil
}

// ExtendRound moves a round's last day n workdays later.
func (s *Store) ExtendRound(ctx context.Context, code string, n int, actor *int64) (ReviewRound, error) {
	var out ReviewRound
	err := s.Tx(ctx, func(tx *Store) error {
		r, err := tx.GetRound(ctx, code)
		if err != nil {
			return err
		}
		if r.State != ReviewCollecting || n < 1 {
			return ErrRoundState
		}
		_, closes, err := tx.addWorkdays(ctx, r.ClosesOn, n)
		if err != nil {
			return err
		}
		r.ClosesOn = closes
		out = r
		if err := tx.with(ctx).Model(&ReviewRound{}).Where("id = ?", r.ID).Update("closes_on", closes).Error; err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "review.extend", r.Code, closes)
	})
	if err != nil {
		return ReviewRound{}, fmt.Errorf("extend round %s: %w", code, err)
	}
	return out, nil
}

// Taking tells whether the round takes answers today.
func (s *Store) taking(ctx context.Context, r ReviewRound) error {
	if r.State != ReviewCollecting {
		return ErrRoundState
	}
	today, err := s.Today(ctx)
	if err != nil {
		return err
	}
	if today > r.ClosesOn {
		return ErrRoundState
	}
	return nil
}

// RoundCadres lists the active cadres the round covers (cadres and
// principals of units in scope), by unit and name.
func (s *Store) RoundCadres(ctx context.Context, r ReviewRound) ([]Cadre, error) {
	db := s.with(ctx).Where("active AND unit_id IS NOT NULL AND role IN ?", []string{RoleCadre, RoleLeader})
	if ids := r.UnitIDs(); len(ids) > 0 {
		db = db.Where("unit_id IN ?", ids)
	}
	var out []Cadre
	if err := db.Order("unit_id, name, id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list cadres of round %s: %w", r.Code, err)
	}
	return out, nil
}

// seedDimensions writes the default descriptions, keeping edited ones.
func seedDimensions(db *gorm.DB) error {
	for i, d := range ReviewDims {
		if err := db.Clauses(clause.OnConflict{DoNothing: true}).Create(&ReviewDimension{Code: d, Position: i + 1, Description: defaultDimDescriptions[d]}).Error; err != nil {
			return err
		}
	}
	return nil
}
