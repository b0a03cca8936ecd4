package models

import (
	"errors"
	"math"
	"strings"

	"github.com/ganshi/ganshi/models/items"
)

// Why a typed figure is not taken as a task's progress; the bot asks again.
var (
	ErrFigureMissing   = errors.New("no figure in the text")
	ErrFigureUnitless  = errors.New("a money figure needs its unit")
	ErrFigureOtherUnit = errors.New("figure in a unit the task does not use")
)

// moneyScale is each money unit in yuan: 万元 and 亿元 convert into each
// other, whichever the task is measured in.
var moneyScale = map[string]float64{"元": 1, "万元": 1e4, "亿元": 1e8}

// ReadProgressFigure reads the first figure of text as people type it
// (35户, 1.2亿元, 三十五户, 3500万元) in the task's measure. Money
// converts between 元, 万元 and 亿元; a bare number counts in the
// measure except for money, where 3500 could be 万元 or 亿元 and the
// reporter is asked. A percent task takes 92% or 92.
func ReadProgressFigure(text, measure string) (value float64, raw string, err error) {
	fs := items.Figures(text)
	if len(fs) == 0 {
		return 0, "", ErrFigureMissing
	}
	f := fs[0]
	unit := strings.TrimSpace(f.Unit)
	switch {
	case measure == "%":
		if unit != "" {
			return 0, f.Raw, ErrFigureOtherUnit
		}
		return f.Value, f.Raw, nil
	case f.Percent:
		return 0, f.Raw, ErrFigureOtherUnit
	case unit == measure:
		return f.Value, f.Raw, nil
	case unit == "":
		if _, money := moneyScale[measure]; money {
			return 0, f.Raw, ErrFigureUnitless
		}
		return f.Value, f.Raw, nil
	}
	from, ok1 := moneyScale[unit]
	to, ok2 := moneyScale[measure]
	if ok1 && ok2 {
		return math.Round(f.Value*from/to*1e6) / 1e6, f.Raw, nil
	}
	return 0, f.Raw, ErrFigureOtherUnit
}
