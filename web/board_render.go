package web

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// The live board has templates of its own (templates/board): a display
// page, not the console's layout. Its body is rendered once per change by
// the hub and sent to every screen as it is.

type boardTemplates struct{ page, body *template.Template }

func parseBoardTemplates(loc *time.Location) (*boardTemplates, error) {
	funcs := template.FuncMap{
		"fig": func(v float64, measure string) string { return models.FormatFigure(round(v), measure) },
		"pct": func(v float64) string { return fmt.Sprintf("%.0f%%", v) },
		"delta": func(v float64, measure string) string {
			switch {
			case v > 0:
				return "+" + models.FormatFigure(round(v), measure)
			case v < 0:
				return "−" + models.FormatFigure(round(-v), measure)
			}
			return "±0"
		},
		"when": func(t *time.Time) string {
			if t == nil {
				return "—"
			}
			return t.In(loc).Format("01-02 15:04")
		},
		"T":    func(key string, args ...any) string { return texts.T(texts.ZH, key, args...) },
		"task": func(st models.Standing, i int) models.ContestTask { return st.Tasks[i] },
	}
	body, err := template.New("body").Funcs(funcs).ParseFS(templateFiles, "templates/board/body.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse board body: %w", err)
	}
	page, err := template.New("page").Funcs(funcs).ParseFS(templateFiles, "templates/board/page.html", "templates/board/body.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse board page: %w", err)
	}
	return &boardTemplates{page: page, body: body}, nil
}

func round(v float64) float64 { return math.Round(v*100) / 100 }

// boardBody renders the board's changing part for one category ("" all).
func (bt *boardTemplates) boardBody(st models.Standing, category string) ([]byte, error) {
	if category != "" {
		var ok bool
		if st, ok = st.Category(category); !ok {
			st.Categories = nil
		}
	}
	var b bytes.Buffer
	if err := bt.body.ExecuteTemplate(&b, "board-body", st); err != nil {
		return nil, fmt.Errorf("render board: %w", err)
	}
	return b.Bytes(), nil
}
