package bot

import (
	"errors"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// runCheckin is /checkin CODE: the code on the session's screen. Sending
// the six digits alone does the same while a check-in is open.
func runCheckin(r *request) ([]telegram.Message, error) {
	code := strings.TrimSpace(r.in.args)
	if !models.IsCheckinCode(code) {
		return r.say("checkin_usage"), nil
	}
	return checkin(r, code)
}

func checkin(r *request, code string) ([]telegram.Message, error) {
	res, err := r.tx.CheckIn(r.ctx, r.me.ID, strings.TrimSpace(code))
	switch {
	case errors.Is(err, models.ErrCheckinClosed):
		return r.say("checkin_closed"), nil
	case errors.Is(err, models.ErrCheckinLocked):
		return r.say("checkin_locked"), nil
	case errors.Is(err, models.ErrCheckinCode):
		return r.say("checkin_bad_code"), nil
	case errors.Is(err, models.ErrNotInvited):
		return r.say("checkin_not_invited", esc(res.Session.Title)), nil
	case errors.Is(err, models.ErrCheckedIn):
		return r.say("checkin_already", esc(res.Session.Title)), nil
	case err != nil:
		return nil, err
	}
	at := res.At.In(r.loc).Format("15:04")
	switch {
	case res.Out:
		return r.say("checkout_done", esc(res.Session.Title), at), nil
	case res.Late:
		return r.say("checkin_late", esc(res.Session.Title), at), nil
	}
	return r.say("checkin_done", esc(res.Session.Title), at), nil
}
