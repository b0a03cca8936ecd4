package bot

import (
	"encoding/json"
	"errors"
	"fmt"
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

// adminDigestNow answers with the county's digest composed when it is
// sent, as the weekly one is (models.RefreshDigest): the sender composes
// it on the read pool, so the handler's transaction — SQLite's one writer
// — is held only for writing the row, and at a province's size every
// other chat is answered while the figures are counted.
func adminDigestNow(r *request) ([]telegram.Message, error) {
	b, err := json.Marshal(models.DigestPayload{ReaderID: r.me.ID, Lang: r.lang, Admin: &models.AdminDigest{}})
	if err != nil {
		return nil, err
	}
	_, err = r.tx.Enqueue(r.ctx, &models.Notification{ChatID: r.in.chatID, Kind: models.KindDigestAdmin, Payload: string(b),
		DedupKey: fmt.Sprintf("reply:%d:digest", r.in.updateID), Lane: models.LaneReply})
	return nil, err
}
