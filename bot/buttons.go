package bot

import (
	"strconv"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
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
		if arg != LangZH && arg != LangEN {
			return r.stale(), nil
		}
		out, err = setLang(r, arg)
	case "unbind":
		id, perr := strconv.ParseInt(arg, 10, 64)
		if perr != nil {
			return r.stale(), nil
		}
		out, err = unbindButton(r, id)
	default:
		return r.stale(), nil
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
