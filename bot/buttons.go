package bot

import (
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// Callback data is "action:id" — ids only, never state, and never trusted:
// each action re-checks that the caller may act on that id.
func routeButton(r *request) ([]telegram.Message, error) {
	action, arg, _ := strings.Cut(r.in.data, ":")
	var (
		out []telegram.Message
		err error
	)
	switch action {
	case "lang":
		if arg != texts.ZH && arg != texts.EN {
			return r.stale(), nil
		}
		out, err = setLang(r, arg)
	case "rp":
		// A reminder's button: open the report of that month, as /report 2026-11.
		if _, perr := models.ParsePeriod(arg); perr != nil || r.me.UnitID == nil {
			return r.stale(), nil
		}
		r.in.args = arg
		out, err = runReport(r)
	case "tk":
		out, err = talkButton(r, arg)
	case "unbind":
		id, perr := strconv.ParseInt(arg, 10, 64)
		if perr != nil {
			return r.stale(), nil
		}
		out, err = unbindButton(r, id)
	default:
		var ok bool
		if out, ok, err = reportButton(r, action, arg); !ok && err == nil {
			return r.stale(), nil
		}
	}
	if err != nil {
		return nil, err
	}
	return answered(r, out), nil
}

// answered makes sure a tap is answered exactly once, so the button stops
// spinning: by the handler's own answer, or by an empty one.
func answered(r *request, out []telegram.Message) []telegram.Message {
	for _, m := range out {
		if m.CallbackID != "" {
			return out
		}
	}
	return append([]telegram.Message{{CallbackID: r.in.callbackID}}, out...)
}

func (r *request) stale() []telegram.Message {
	return []telegram.Message{{CallbackID: r.in.callbackID, Text: r.t("stale_button"), Alert: true}}
}

// reportButton routes the report flow's buttons. ok is false for data
// that does not parse.
func reportButton(r *request, action, arg string) ([]telegram.Message, bool, error) {
	parts := strings.Split(arg, ":")
	id, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return nil, false, nil
	}
	num := func(i int) (int, bool) {
		if len(parts) <= i {
			return 0, false
		}
		n, err := strconv.Atoi(parts[i])
		return n, err == nil
	}
	switch action {
	case "rv":
		out, err := viewReport(r, id)
		return out, true, err
	case "ro":
		out, err := reopenForFix(r, id)
		return out, true, err
	case "rn":
		if len(parts) != 2 {
			return nil, false, nil
		}
		out, err := nextStep(r, id, parts[1])
		return out, true, err
	case "rc":
		item, ok := num(1)
		if !ok || len(parts) != 3 {
			return nil, false, nil
		}
		out, err := checkButton(r, id, int64(item), parts[2])
		return out, true, err
	}
	version, ok := num(1)
	if !ok {
		return nil, false, nil
	}
	var out []telegram.Message
	switch action {
	case "rsub":
		out, err = submitButton(r, id, version)
	case "rsg":
		out, err = signReport(r, id, version)
	case "rrt":
		out, err = startReturn(r, id, version)
	default:
		return nil, false, nil
	}
	return out, true, err
}
