package bot

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// reviewCadre is /review CADRE for admins (组织部门审): the 5×5 matrix of
// the latest round, every concern in full, the cadre's list, and a button
// per raised dimension to decide it. Every such read is audited.
func reviewCadre(r *request, who string) ([]telegram.Message, error) {
	target, out, err := adminFindCadre(r, who)
	if out != nil || err != nil {
		return out, err
	}
	round, err := r.tx.LatestRound(r.ctx)
	if errors.Is(err, models.ErrNoRound) {
		return r.say("review_no_round_admin"), nil
	} else if err != nil {
		return nil, err
	}
	m, err := r.tx.Matrix(r.ctx, round, target.ID)
	if errors.Is(err, models.ErrNotInScope) {
		return r.say("review_cadre_not_in_round", esc(target.Name), round.Code), nil
	} else if err != nil {
		return nil, err
	}
	if err := r.tx.Audit(r.ctx, &r.me.ID, "review.read", target.ExternalID, round.Code); err != nil {
		return nil, err
	}
	links, err := itemCaseLinks(r, m.Items)
	if err != nil {
		return nil, err
	}
	text := matrixText(r, target, round, m, links)
	var rows [][]telegram.Button
	if round.State == models.ReviewConsultation {
		for i, d := range models.ReviewDims {
			if m.Raised(i) {
				rows = append(rows, []telegram.Button{{Text: r.t("btn_review_dispose", r.dimName(d)), Data: reviewDisposeData(target.ID, i)}})
			}
		}
	}
	return []telegram.Message{{Text: text, Buttons: rows}}, nil
}

// matrixText draws the matrix in a monospace block (every label is two
// Chinese characters wide), then the concerns and the list.
func matrixText(r *request, c models.Cadre, round models.ReviewRound, m *models.ReviewMatrix, links map[int64]string) string {
	var b strings.Builder
	b.WriteString(r.t("review_matrix_head", esc(c.Name), esc(r.unitName(c)), round.Code, r.stateName(round.State)))
	b.WriteString("\n" + r.t("review_matrix_counts", m.Colleagues, m.Public))
	if m.Hidden {
		b.WriteString(r.t("review_matrix_hidden", models.MinAnonymous))
	}
	// Columns are two spaces apart: a single space beside Chinese reads
	// as a stray one.
	b.WriteString("\n<pre>" + strings.Repeat(" ", 4))
	for _, s := range models.ReviewSources {
		b.WriteString("  " + r.t("review_srcshort_"+s))
	}
	for i, d := range models.ReviewDims {
		b.WriteString("\n" + r.t("review_dimshort_"+d))
		for j, s := range models.ReviewSources {
			cell := fmt.Sprint(m.Cells[i][j].Count)
			switch {
			case s == models.SrcColleague && m.Hidden:
				cell = "—"
			case m.Cells[i][j].Count == 0:
				cell = "·"
			}
			b.WriteString(fmt.Sprintf("  %-4s", cell))
		}
		if m.Corroborated(i) {
			b.WriteString("★")
		}
	}
	b.WriteString("</pre>")
	for i, d := range models.ReviewDims {
		if m.Corroborated(i) {
			b.WriteString("\n" + r.t("review_corroborated", r.dimName(d)))
		}
	}
	for _, cc := range m.Concerns {
		meta := ""
		if cc.Source == models.SrcDepartment || cc.Source == models.SrcOrg {
			meta = r.t("review_finding_meta", esc(orDash(cc.Dept)), esc(orDash(cc.Ref)), r.t("review_sev_"+cc.Severity))
		}
		b.WriteString("\n" + r.t("review_concern_line", r.dimNames(models.DimList(cc.Dims)), r.srcName(cc.Source), meta, esc(cc.Note)))
	}
	for i, d := range models.ReviewDims {
		for j, s := range models.ReviewSources {
			if s != models.SrcColleague && s != models.SrcPublic {
				continue
			}
			for _, note := range m.Cells[i][j].Notes {
				b.WriteString("\n" + r.t("review_concern_line", r.dimName(d), r.srcName(s), "", esc(note)))
			}
		}
	}
	if len(m.Items) > 0 {
		b.WriteString("\n" + r.t("review_list_head"))
		for _, it := range m.Items {
			b.WriteString("\n" + r.t("review_list_line", it.ID, r.dimName(it.Dim), r.t("review_itemstate_"+it.State), r.dispName(it.Disposition)) + links[it.ID])
		}
	}
	return b.String()
}
