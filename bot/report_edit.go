package bot

import (
	"errors"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// runEdit is /edit A2 new text: a typed shortcut for the edit step.
func runEdit(r *request) ([]telegram.Message, error) {
	return editOrDelete(r, stepEdit)
}

// runDelete is /delete A2.
func runDelete(r *request) ([]telegram.Message, error) {
	return editOrDelete(r, stepDelete)
}

func editOrDelete(r *request, step string) ([]telegram.Message, error) {
	rep, d, out, err := openInConv(r)
	if rep.ID == 0 {
		return out, err
	}
	if !rep.Editable() {
		return showReport(r, rep, "report_not_editable")
	}
	if r.in.args == "" {
		return promptStep(r, rep, step, d)
	}
	if step == stepEdit {
		return editItem(r, rep, d, r.in.args)
	}
	return deleteItem(r, rep, d, r.in.args)
}

// findItem resolves "A2" to the item in the report.
func findItem(r *request, rep models.Report, ref string) (models.ReportItem, string, bool, error) {
	section, seq, rest, ok := itemRef(ref)
	if !ok {
		return models.ReportItem{}, "", false, nil
	}
	its, err := r.tx.ReportItems(r.ctx, rep.ID)
	if err != nil {
		return models.ReportItem{}, "", false, err
	}
	for _, it := range its {
		if it.Section == section && it.Seq == seq {
			return it, rest, true, nil
		}
	}
	return models.ReportItem{}, rest, false, nil
}

func editItem(r *request, rep models.Report, d convData, text string) ([]telegram.Message, error) {
	it, rest, ok, err := findItem(r, rep, text)
	if err != nil {
		return nil, err
	}
	if !ok || rest == "" {
		return r.say("edit_bad_ref"), nil
	}
	if err := r.tx.EditItem(r.ctx, rep.ID, it.ID, rest); errors.Is(err, models.ErrTooLong) {
		return r.say("item_too_long", 1, len([]rune(rest)), models.MaxItemRunes, esc(clip(rest, 30))), nil
	} else if err != nil {
		return nil, err
	}
	out, err := promptStep(r, rep, stepPreview, d)
	return append(r.say("item_edited", itemLabel(it)), out...), err
}

func deleteItem(r *request, rep models.Report, d convData, text string) ([]telegram.Message, error) {
	it, _, ok, err := findItem(r, rep, text)
	if err != nil {
		return nil, err
	}
	if !ok {
		return r.say("delete_bad_ref"), nil
	}
	if err := r.tx.DeleteItem(r.ctx, rep.ID, it.ID); err != nil {
		return nil, err
	}
	out, err := promptStep(r, rep, stepPreview, d)
	return append(r.say("item_deleted", itemLabel(it), esc(clip(it.Text, 30))), out...), err
}
