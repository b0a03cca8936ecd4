package bot

import (
	"errors"
	"fmt"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// inviteErrors maps why a code did not bind to what the person is told.
var inviteErrors = map[error]string{
	models.ErrInviteUnknown: "invite_unknown",
	models.ErrInviteUsed:    "invite_used",
	models.ErrInviteExpired: "invite_expired",
	models.ErrInviteRevoked: "invite_revoked",
	models.ErrAccountTaken:  "account_taken",
	models.ErrCadreBound:    "cadre_bound",
	models.ErrCadreInactive: "cadre_inactive",
}

// runStart binds an account with /start CODE (what the deep link sends).
func runStart(r *request) ([]telegram.Message, error) {
	code := models.NormalizeCode(r.in.args)
	if r.me.ID != 0 && code == "" {
		return r.say("already_bound", esc(r.me.Name)), nil
	}
	if code == "" {
		return []telegram.Message{{Text: both("start_no_code")}}, nil
	}
	c, err := r.tx.Redeem(r.ctx, code, r.in.userID, r.in.chatID)
	for e, key := range inviteErrors {
		if errors.Is(err, e) {
			r.log.Info("invitation refused", "user_id", r.in.userID, "reason", e.Error())
			if r.me.ID != 0 {
				return r.say(key), nil
			}
			return []telegram.Message{{Text: both(key)}}, nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("redeem invitation: %w", err)
	}
	if r.me.ID == c.ID {
		return r.say("already_bound", esc(c.Name)), nil
	}
	r.me, r.lang = c, c.Lang
	if err := r.tx.Audit(r.ctx, &c.ID, "cadre.bind", c.ExternalID, fmt.Sprintf("telegram user %d", r.in.userID)); err != nil {
		return nil, err
	}
	menu, err := r.menuMessages()
	return append([]telegram.Message{{Text: welcome(r, c)}}, menu...), err
}

func welcome(r *request, c models.Cadre) string {
	return r.t("welcome", esc(c.Name), esc(r.unitName(c)), esc(orDash(c.Position)), roleText(r.lang, c.Role), r.t("duties_"+c.Role))
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
