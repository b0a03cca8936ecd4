package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ganshi/ganshi/texts"
)

// FindingLine is one line of a department's findings file:
// cadre,dimension,fact,ref,severity (cadre is the roster id or a name that
// matches one cadre only).
type FindingLine struct {
	Line     int
	Cadre    string
	Dim      string
	Fact     string
	Ref      string
	Severity string
}

// ParseFindingsCSV reads a findings file. The whole file is checked: any
// problem returns LineProblems (with line numbers) and no lines.
func ParseFindingsCSV(data []byte) ([]FindingLine, error) {
	var lines []FindingLine
	err := readImport(data, "cadre", "findings", func(line int, rec []string) texts.Msg {
		if len(rec) != 5 {
			return texts.M("review_imp_fields", len(rec))
		}
		l := FindingLine{Line: line, Cadre: strings.TrimSpace(rec[0]), Fact: strings.TrimSpace(rec[2]), Ref: strings.TrimSpace(rec[3])}
		var ok bool
		switch {
		case l.Cadre == "":
			return texts.M("review_imp_no_cadre")
		case l.Fact == "":
			return texts.M("review_imp_no_fact")
		case utf8.RuneCountInString(l.Fact) > MaxReviewNote:
			return texts.M("review_imp_long")
		}
		if l.Dim, ok = ParseDim(rec[1]); !ok {
			return texts.M("review_imp_dim", strings.TrimSpace(rec[1]))
		}
		if l.Severity, ok = ParseSeverity(rec[4]); !ok {
			return texts.M("review_imp_sev", strings.TrimSpace(rec[4]))
		}
		lines = append(lines, l)
		return texts.Msg{}
	})
	if err != nil {
		return nil, err
	}
	if len(lines) == 0 {
		return nil, LineProblems{Problem(1, "review_imp_empty")}
	}
	return lines, nil
}

// MatchCadre finds the one active cadre of the round a liaison means by q
// (roster id or name). None: the closest names as suggestions; several:
// all of them, to ask which.
func (s *Store) MatchCadre(ctx context.Context, r ReviewRound, q string) (Cadre, []Cadre, error) {
	q = strings.TrimSpace(q)
	if c, err := s.CadreByExternalID(ctx, q); err == nil && c.Active && r.Covers(c.UnitID) {
		return c, nil, nil
	}
	var exact []Cadre
	db := s.with(ctx).Where("active AND name = ? AND role IN ?", q, []string{RoleCadre, RoleLeader})
	if ids := r.UnitIDs(); len(ids) > 0 {
		db = db.Where("unit_id IN ?", ids)
	}
	if err := db.Order("id").Limit(10).Find(&exact).Error; err != nil {
		return Cadre{}, nil, err
	}
	if len(exact) == 1 {
		return exact[0], nil, nil
	}
	if len(exact) > 1 {
		return Cadre{}, exact, ErrConflict
	}
	var near []Cadre
	for _, part := range nameParts(q) {
		found, err := s.FindCadres(ctx, part, nil, 5)
		if err != nil {
			return Cadre{}, nil, err
		}
		for _, c := range found {
			if (c.Role == RoleCadre || c.Role == RoleLeader) && r.Covers(c.UnitID) && !containsCadre(near, c.ID) {
				near = append(near, c)
			}
		}
		if len(near) >= 5 {
			break
		}
	}
	return Cadre{}, near, ErrNotFound
}

// nameParts are the pieces of a mistyped name worth searching for: the
// whole, then the surname, then the given name.
func nameParts(q string) []string {
	rs := []rune(q)
	out := []string{q}
	if len(rs) >= 2 {
		out = append(out, string(rs[:1]), string(rs[1:]))
	}
	return out
}

func containsCadre(cs []Cadre, id int64) bool {
	for _, c := range cs {
		if c.ID == id {
			return true
		}
	}
	return false
}

// ImportFindings checks every line against the roster and the round and,
// when all are right, files them in one transaction as the liaison's (or
// the department's, for an admin) findings.
func (s *Store) ImportFindings(ctx context.Context, r ReviewRound, by Cadre, dept string, lines []FindingLine) (int, error) {
	if err := s.taking(ctx, r); err != nil {
		return 0, err
	}
	var probs LineProblems
	cadres := make([]Cadre, len(lines))
	for i, l := range lines {
		c, many, err := s.MatchCadre(ctx, r, l.Cadre)
		switch {
		case errors.Is(err, ErrConflict):
			probs = append(probs, Problem(l.Line, "review_imp_ambiguous", l.Cadre, cadreList(many)))
		case errors.Is(err, ErrNotFound):
			probs = append(probs, Problem(l.Line, "review_imp_unknown", l.Cadre))
		case err != nil:
			return 0, err
		}
		cadres[i] = c
	}
	if len(probs) > 0 {
		return 0, GroupLineProblems(probs)
	}
	err := s.Tx(ctx, func(tx *Store) error {
		for i, l := range lines {
			if _, err := tx.FileFinding(ctx, Answer{Round: r, By: by, Cadre: cadres[i], Dims: []string{l.Dim}, Note: l.Fact,
				Ref: l.Ref, Sev: l.Severity, Dept: dept, Finding: true}); err != nil {
				return fmt.Errorf("line %d: %w", l.Line, err)
			}
		}
		var actor *int64
		if by.ID != 0 {
			actor = &by.ID
		}
		return tx.Audit(ctx, actor, "review.findings.import", r.Code, fmt.Sprintf("%d findings", len(lines)))
	})
	if err != nil {
		return 0, fmt.Errorf("import findings: %w", err)
	}
	return len(lines), nil
}

func cadreList(cs []Cadre) string {
	var names []string
	for _, c := range cs {
		names = append(names, c.Name+"（"+c.ExternalID+"）")
	}
	return strings.Join(names, "、")
}
