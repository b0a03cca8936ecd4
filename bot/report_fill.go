package bot

import (
	"errors"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/items"
)

// promptStep moves the report conversation to step and asks for it.
func promptStep(r *request, rep models.Report, step string, d convData) ([]telegram.Message, error) {
	if step == stepCheck && len(d.Checklist) == 0 {
		step = stepAch
	}
	if err := r.setConv(flowReport, step, d); err != nil {
		return nil, err
	}
	switch step {
	case stepCheck:
		return promptCheck(r, rep, d)
	case stepAch:
		return []telegram.Message{{Text: r.t("ask_ach"), Buttons: [][]telegram.Button{
			{{Text: r.t("btn_to_plan"), Data: reportStepData(rep.ID, stepPlan)}}}}}, nil
	case stepPlan:
		return []telegram.Message{{Text: r.t("ask_plan"), Buttons: [][]telegram.Button{
			{{Text: r.t("btn_to_preview"), Data: reportStepData(rep.ID, stepPreview)}}}}}, nil
	case stepEdit:
		return r.say("ask_edit"), nil
	case stepDelete:
		return r.say("ask_delete"), nil
	}
	return preview(r, rep)
}

// ownOpenReport checks that a report id from a button is the caller's
// report that is open in their conversation and still editable. A zero
// report means the button is stale.
func (r *request) ownOpenReport(id int64) (models.Report, models.Conversation, convData, error) {
	c, d, ok, err := r.conv()
	if err != nil || !ok || c.Flow != flowReport || d.ReportID != id {
		return models.Report{}, c, d, err
	}
	rep, err := r.tx.GetReport(r.ctx, id)
	if err != nil || rep.CadreID != r.me.ID || !rep.Editable() {
		return models.Report{}, c, d, ignoreNotFound(err)
	}
	return rep, c, d, nil
}

func ignoreNotFound(err error) error {
	if errors.Is(err, models.ErrNotFound) {
		return nil
	}
	return err
}

// reportText is a message typed inside the report conversation.
func reportText(r *request, step string, d convData) ([]telegram.Message, error) {
	rep, err := r.tx.GetReport(r.ctx, d.ReportID)
	if err != nil {
		return nil, ignoreNotFound(err)
	}
	if !rep.Editable() {
		if err := r.endConv(); err != nil {
			return nil, err
		}
		return showReport(r, rep, "report_not_editable")
	}
	text := strings.TrimSpace(r.in.text)
	if text == "" {
		return r.say("empty_text"), nil
	}
	switch step {
	case stepCheck:
		return checkText(r, rep, d, text)
	case stepPlan:
		return intake(r, rep, d, models.SectionPlan, text)
	case stepEdit:
		return editItem(r, rep, d, text)
	case stepDelete:
		return deleteItem(r, rep, d, text)
	case stepPreview:
		// More text after the preview adds to the plan, the part typed last.
		return intake(r, rep, d, models.SectionPlan, text)
	}
	return intake(r, rep, d, models.SectionAchievement, text)
}

// intake stores the items of one message. Whatever cannot be stored (too
// long, too many) is named so the cadre can send it again; the rest is kept.
func intake(r *request, rep models.Report, d convData, section, text string) ([]telegram.Message, error) {
	lines := items.Split(text)
	if len(lines) == 0 {
		return r.say("empty_text"), nil
	}
	var notes []string
	if len(lines) > items.MaxItemsPerMessage {
		notes = append(notes, r.t("too_many_items", len(lines), items.MaxItemsPerMessage, esc(clip(lines[items.MaxItemsPerMessage], 30))))
		lines = lines[:items.MaxItemsPerMessage]
	}
	var add []models.NewItem
	for i, l := range lines {
		if n := utf8.RuneCountInString(l); n > models.MaxItemRunes {
			notes = append(notes, r.t("item_too_long", i+1, n, models.MaxItemRunes, esc(clip(l, 30))))
			continue
		}
		add = append(add, models.NewItem{Text: l})
	}
	added, err := r.tx.AddItems(r.ctx, rep.ID, section, add)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString(r.t("items_saved_"+section, len(added)))
	for _, it := range added {
		b.WriteString("\n" + itemLabel(it) + " " + esc(it.Text))
	}
	for _, n := range notes {
		b.WriteString("\n\n" + n)
	}
	step, hint, label, next := stepAch, "more_ach_hint", "btn_to_plan", stepPlan
	if section == models.SectionPlan {
		step, hint, label, next = stepPlan, "more_plan_hint", "btn_to_preview", stepPreview
	}
	if err := r.setConv(flowReport, step, d); err != nil {
		return nil, err
	}
	b.WriteString("\n\n" + r.t(hint))
	return []telegram.Message{{Text: b.String(), Buttons: [][]telegram.Button{
		{{Text: r.t(label), Data: reportStepData(rep.ID, next)}}}}}, nil
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// itemLabel is an item's one name wherever it is shown, "A3" or "P1": the
// same form /edit and /delete read back, so what a cadre sees is what they
// type. A label is a code, so a space follows it even in Chinese.
func itemLabel(it models.ReportItem) string {
	letter := "A"
	if it.Section == models.SectionPlan {
		letter = "P"
	}
	return letter + strconv.Itoa(it.Seq)
}

// itemRef reads "A2 text" / "p1" / "Ａ２ text" into a section, a number and
// the rest, which is returned exactly as typed.
func itemRef(s string) (section string, seq int, rest string, ok bool) {
	s = strings.TrimSpace(s)
	var head []rune
	end := len(s)
	for i, c := range s {
		c = []rune(norm.NFKC.String(string(c)))[0]
		if len(head) > 0 && (c < '0' || c > '9') {
			end = i
			break
		}
		head = append(head, unicode.ToUpper(c))
	}
	if len(head) < 2 {
		return "", 0, "", false
	}
	switch head[0] {
	case 'A':
		section = models.SectionAchievement
	case 'P':
		section = models.SectionPlan
	default:
		return "", 0, "", false
	}
	n, err := strconv.Atoi(string(head[1:]))
	if err != nil || n < 1 {
		return "", 0, "", false
	}
	return section, n, strings.TrimSpace(s[end:]), true
}
