package bot

import (
	"strings"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// The report categories of models.ReportTally as every view writes them:
// the county and leader digests, /reports and the digests' workbooks.

// tallyLine is a tally in words: 应报, the five parts, 免报.
func tallyLine(lang string, t models.ReportTally) string {
	p := t.Parts()
	return texts.T(lang, "tally_line", t.Due, p[0], p[1], p[2], p[3], p[4], t.Exempt)
}

// tallyUnit is a unit's tally in figures, in tallyLegend's order.
func tallyUnit(lang, name string, t models.ReportTally) string {
	p := t.Parts()
	return texts.T(lang, "tally_unit", name, t.Due, p[0], p[1], p[2], p[3], p[4], t.Exempt)
}

// tallyLegend names tallyUnit's figures.
func tallyLegend(lang string) string {
	return strings.Join(tallyHeads(lang), "/")
}

// tallyHeads are the names of 应报, the five parts and 免报.
func tallyHeads(lang string) []string {
	out := []string{texts.T(lang, "tally_due")}
	for _, part := range models.TallyParts {
		out = append(out, texts.T(lang, "tally_"+part))
	}
	return append(out, texts.T(lang, "tally_exempt"))
}
