package bot

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// digestCmdTexts are /digest's replies, beside the command.
var digestCmdTexts = map[string]map[string]string{
	LangZH: {
		"cadre_only":   "工作提示面向单位主要负责人和组织部，普通干部无需查看。您的月度实绩请用 /report。",
		"usage":        "用法：/digest 查看当前提示；/digest at 08:00 设定每周一（及截止次日）的发送时间；/digest off 关闭；/digest on 恢复。",
		"admin_usage":  "用法：/digest 查看全县汇总；/digest 单位名称 查看该单位的工作提示。",
		"set_at":       "好的，今后在 %s 发送工作提示（每周一及月度实绩截止后的第一个工作日）。",
		"off":          "已关闭定时工作提示。需要时仍可随时发送 /digest 查看，发送 /digest on 恢复。",
		"on":           "已恢复定时工作提示。",
		"unknown_unit": "没有名为“%s”的单位，请核对单位全称。",
		"no_unit":      "您的账号未关联单位，无法生成工作提示。",
	},
	LangEN: {
		"cadre_only":   "Digests are for unit leaders and the organization department. For your own report, use /report.",
		"usage":        "Usage: /digest shows it now; /digest at 08:00 sets when it comes (Mondays and the workday after a deadline); /digest off mutes it; /digest on restores it.",
		"admin_usage":  "Usage: /digest for the county; /digest UNIT for that unit's leader digest.",
		"set_at":       "Done: your digest will come at %s (Mondays and the first workday after a report deadline).",
		"off":          "Scheduled digests are off. /digest still shows one any time; /digest on turns them back on.",
		"on":           "Scheduled digests are on again.",
		"unknown_unit": "There is no unit named “%s”. Please check the full name.",
		"no_unit":      "Your account has no unit, so there is no digest for it.",
	},
}

// digestSay is a /digest reply in the caller's language, else Chinese.
func (r *request) digestSay(key string, args ...any) []telegram.Message {
	s, ok := digestCmdTexts[r.lang][key]
	if !ok {
		s = digestCmdTexts[LangZH][key]
	}
	if len(args) > 0 {
		s = fmt.Sprintf(s, args...)
	}
	return []telegram.Message{{Text: s}}
}

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
			return r.digestSay("unknown_unit", esc(args)), nil
		} else if err != nil {
			return nil, err
		}
		return leaderDigestNow(r, u.ID)
	case models.RoleLeader:
		if r.me.UnitID == nil {
			return r.digestSay("no_unit"), nil
		}
		if args == "" {
			return leaderDigestNow(r, *r.me.UnitID)
		}
		return setDigestPref(r, args)
	}
	return r.digestSay("cadre_only"), nil
}

func setDigestPref(r *request, args string) ([]telegram.Message, error) {
	pref, err := r.tx.GetDigestPref(r.ctx, r.me.ID)
	if err != nil {
		return nil, err
	}
	verb, rest, _ := strings.Cut(args, " ")
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
			return r.digestSay("usage"), nil
		}
		pref.Off, pref.At, reply, at = false, t, "set_at", t
	default:
		return r.digestSay("usage"), nil
	}
	if err := r.tx.SetDigestPref(r.ctx, r.me.ID, pref); err != nil {
		return nil, err
	}
	if at != "" {
		return r.digestSay(reply, at), nil
	}
	return r.digestSay(reply), nil
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
