package bot

import (
	"fmt"
	"strings"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// reportDoc is everything needed to show a report, loaded once.
type reportDoc struct {
	rep    models.Report
	owner  models.Cadre
	unit   models.Unit
	items  []models.ReportItem
	signer string
}

func loadDoc(r *request, rep models.Report) (reportDoc, error) {
	d := reportDoc{rep: rep}
	var err error
	if d.owner, err = r.tx.GetCadre(r.ctx, rep.CadreID); err != nil {
		return d, err
	}
	if d.unit, err = r.tx.GetUnit(r.ctx, rep.UnitID); err != nil {
		return d, err
	}
	if d.items, err = r.tx.ReportItems(r.ctx, rep.ID); err != nil {
		return d, err
	}
	if rep.SignedByID != nil {
		if s, err := r.tx.GetCadre(r.ctx, *rep.SignedByID); err == nil {
			d.signer = s.Name
		}
	}
	return d, nil
}

// format renders a report, its items labelled A1/P1 as everywhere (so a
// principal's comment can name the item). It never says whether the
// report was late: postings name nobody as late.
func (d reportDoc) format(lang string, loc *time.Location) string {
	var b strings.Builder
	p := mustPeriod(d.rep.Period)
	fmt.Fprintf(&b, "<b>%s</b>\n", texts.T(lang, "report_title", periodText(lang, p)))
	sep := " · "
	if lang == texts.ZH {
		sep = "·" // the 间隔号 takes no spaces in Chinese
	}
	b.WriteString(esc(d.owner.Name) + sep + esc(d.unit.Name) + sep + esc(orDash(d.owner.Position)) + "\n")
	if d.owner.Duty != "" {
		b.WriteString(texts.T(lang, "duty_line", esc(d.owner.Duty)) + "\n")
	}
	for _, section := range []string{models.SectionAchievement, models.SectionPlan} {
		fmt.Fprintf(&b, "\n<b>%s</b>\n", texts.T(lang, "section_"+section))
		n := 0
		for _, it := range d.items {
			if it.Section != section {
				continue
			}
			n++
			b.WriteString(itemLine(lang, it) + "\n")
		}
		if n == 0 {
			b.WriteString(texts.T(lang, "section_empty") + "\n")
		}
	}
	b.WriteString("\n" + d.statusLine(lang, loc))
	return strings.TrimRight(b.String(), "\n")
}

func itemLine(lang string, it models.ReportItem) string {
	s := itemLabel(it) + " " + esc(it.Text)
	if it.Progress != "" {
		s += texts.T(lang, "from_plan", texts.T(lang, "progress_"+it.Progress))
	}
	if it.Remark != "" {
		s += texts.T(lang, "remark", esc(it.Remark))
	}
	return s
}

func (d reportDoc) statusLine(lang string, loc *time.Location) string {
	s := texts.T(lang, "status_line", texts.T(lang, "status_"+d.rep.Status), d.rep.ID)
	if d.rep.SignedAt != nil {
		who := esc(d.signer)
		if d.rep.SelfSigned {
			who += texts.T(lang, "self_signed")
		}
		s += texts.T(lang, "signed_by", who, d.rep.SignedAt.In(loc).Format("2006-01-02 15:04"))
	}
	if d.rep.DiscussedOn != "" {
		s += "\n" + texts.T(lang, "discussed_on", d.rep.DiscussedOn)
	}
	return s
}

// showReport shows a report with a note (e.g. why it cannot be edited).
func showReport(r *request, rep models.Report, note string) ([]telegram.Message, error) {
	d, err := loadDoc(r, rep)
	if err != nil {
		return nil, err
	}
	return []telegram.Message{{Text: r.t(note) + "\n\n" + d.format(r.lang, r.loc)}}, nil
}

// preview shows the whole draft with what can be done next.
func preview(r *request, rep models.Report) ([]telegram.Message, error) {
	d, err := loadDoc(r, rep)
	if err != nil {
		return nil, err
	}
	id := rep.ID
	return []telegram.Message{{
		Text: d.format(r.lang, r.loc) + "\n\n" + r.t("preview_hint", r.dueText(rep)),
		Buttons: [][]telegram.Button{
			{{Text: r.t("btn_edit"), Data: reportStepData(id, stepEdit)}, {Text: r.t("btn_delete"), Data: reportStepData(id, stepDelete)}},
			{{Text: r.t("btn_more_ach"), Data: reportStepData(id, stepAch)}, {Text: r.t("btn_more_plan"), Data: reportStepData(id, stepPlan)}},
			{{Text: r.t("btn_submit"), Data: submitData(id, rep.Version)}},
		},
	}}, nil
}
