package bot

import (
	"errors"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// runDigest is /digest: the reader's digest now (a leader's unit, the
// county for admins, a named unit for admins); leaders also choose when
// the weekly one comes, or mute it.
func runDigest(r *request) ([]telegram.Message, error) {
	args := strings.TrimSpace(r.in.args)
	switch r.me.Role {
	case models.RoleAdmin:
		if args == "" {
			return adminDigestNow(r)
		}
		u, err := r.tx.UnitByName(r.ctx, args)
		if errors.Is(err, models.ErrNotFound) {
			return r.say("digest_unknown_unit", esc(args)), nil
		} else if err != nil {
			return nil, err
		}
		return leaderDigestNow(r, u.ID)
	case models.RoleLeader:
		if r.me.UnitID == nil {
			return r.say("digest_no_unit"), nil
		}
		if args == "" {
			return leaderDigestNow(r, *r.me.UnitID)
		}
		return setDigestPref(r, args)
	}
	return r.say("digest_cadre_only"), nil
}

func setDigestPref(r *request, args string) ([]telegram.Message, error) {
	pref, err := r.tx.GetDigestPref(r.ctx, r.me.ID)
	if err != nil {
		return nil, err
	}
	verb, rest := cutWord(args)
	reply := "usage"
	var at string
	switch strings.ToLower(verb) {
	case "off", "关闭":
		pref.Off, reply = true, "off"
	case "on", "开启":
		pref.Off, reply = false, "on"
	case "at":
		t, ok := models.ParseDigestTime(rest)
		if !ok {
			return r.say("digest_usage"), nil
		}
		pref.Off, pref.At, reply, at = false, t, "set_at", t
	default:
		return r.say("digest_usage"), nil
	}
	if err := r.tx.SetDigestPref(r.ctx, r.me.ID, pref); err != nil {
		return nil, err
	}
	if at != "" {
		return r.say("digest_"+reply, at), nil
	}
	return r.say("digest_" + reply), nil
}

func leaderDigestNow(r *request, unitID int64) ([]telegram.Message, error) {
	cal, err := r.calendar()
	if err != nil {
		return nil, err
	}
	d, err := r.tx.LeaderDigest(r.ctx, unitID, r.tx.Now(), r.loc, cal)
	if err != nil {
		return nil, err
	}
	return leaderDigestMessages(r.lang, d, r.loc)
}

func adminDigestNow(r *request) ([]telegram.Message, error) {
	cal, err := r.calendar()
	if err != nil {
		return nil, err
	}
	d, err := r.tx.AdminDigest(r.ctx, r.tx.Now(), r.loc, cal)
	if err != nil {
		return nil, err
	}
	return adminDigestMessages(r.lang, d, r.loc)
}
