package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets"
	"github.com/ganshi/ganshi/texts"
)

// inviteArgs is what `ganshi invite` was asked to do.
type inviteArgs struct {
	unit, format, xlsx, bot, db string
	ttl                         time.Duration
	loc                         *time.Location
}

// runInvite issues a new single-use code to every active cadre not yet
// bound (in one unit, or all), and prints them for the department to hand
// out. Codes are stored hashed; re-issuing revokes a cadre's older code.
func runInvite(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	lang := cliLang(getenv)
	a, err := parseInviteArgs(args, getenv, stderr)
	if err != nil {
		return err
	}
	username, err := botUsername(ctx, a.bot, getenv)
	if err != nil {
		return err
	}
	st, err := models.Open(ctx, a.db, models.Options{})
	if err != nil {
		return failT(lang, "cli_failed", err, "invite")
	}
	defer st.Close()
	unitID, err := inviteUnit(ctx, st, a.unit, lang)
	if err != nil {
		return err
	}
	until := st.Now().Add(a.ttl)
	link := func(code string) string { return models.InviteLink(username, code) }
	target := a.unit
	if target == "" {
		target = "all units"
	}
	invs, err := st.IssueInvitations(ctx, unitID, until, nil, target, func(invs []models.Invitation) error {
		return writeInviteSheet(a.xlsx, invs, link, until.In(a.loc))
	})
	if err != nil {
		return failT(lang, "cli_failed", err, "invite")
	}
	if len(invs) == 0 {
		fmt.Fprintln(stderr, texts.T(lang, "cli_invite_all_bound"))
		return nil
	}
	if a.format == "csv" {
		err = sheets.InvitesCSV(stdout, invs, link, until.In(a.loc))
	} else {
		err = writeInviteText(stdout, invs, username, link, until.In(a.loc))
	}
	if err != nil {
		return failT(lang, "cli_invite_write_failed", err)
	}
	fmt.Fprintln(stderr, texts.T(lang, "cli_invite_issued", len(invs), until.In(a.loc).Format(expiryLayout), a.loc))
	return nil
}

func parseInviteArgs(args []string, getenv func(string) string, stderr io.Writer) (inviteArgs, error) {
	lang := cliLang(getenv)
	t := func(key string) string { return texts.T(lang, key) }
	fs := flag.NewFlagSet("invite", flag.ContinueOnError)
	var a inviteArgs
	fs.StringVar(&a.unit, "unit", "", t("cli_invite_flag_unit"))
	fs.StringVar(&a.format, "format", "text", t("cli_invite_flag_format"))
	expires := fs.String("expires", "30d", t("cli_invite_flag_expires"))
	fs.StringVar(&a.xlsx, "xlsx", "", t("cli_invite_flag_xlsx"))
	fs.StringVar(&a.bot, "bot", getenv("GANSHI_BOT_USERNAME"), t("cli_invite_flag_bot"))
	tz := fs.String("tz", cmp.Or(getenv("GANSHI_TZ"), models.DefaultZone), t("cli_invite_flag_tz"))
	db := dbFlag(fs, getenv)
	setUsage(fs, stderr, lang, "cli_invite_usage")
	pos, err := parseArgs(fs, args, lang)
	switch {
	case err != nil:
		return a, err
	case len(pos) > 0:
		return a, usageT(lang, "cli_unexpected_unit", "invite", pos[0])
	case a.format != "text" && a.format != "csv":
		return a, usageT(lang, "cli_invite_bad_format", a.format)
	}
	if a.ttl, err = parseTTL(*expires); err != nil {
		return a, usageT(lang, "cli_invite_bad_expires", reason(lang, err))
	}
	if a.loc, err = time.LoadLocation(*tz); err != nil {
		return a, usageT(lang, "cli_bad_tz", "invite", *tz)
	}
	a.db = *db
	return a, nil
}

var ttlRE = regexp.MustCompile(`^(\d{1,4})([hdw])$`)

// parseTTL reads 72h, 30d or 2w: time.ParseDuration knows no days. The
// error is a texts.Msg.
func parseTTL(s string) (time.Duration, error) {
	m := ttlRE.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return 0, texts.M("cli_ttl_shape", s)
	}
	n, _ := strconv.Atoi(m[1])
	d := time.Duration(n) * map[string]time.Duration{"h": time.Hour, "d": 24 * time.Hour, "w": 7 * 24 * time.Hour}[m[2]]
	if d <= 0 || d > 365*24*time.Hour {
		return 0, texts.M("cli_ttl_range", s)
	}
	return d, nil
}

// botNameRE is a Telegram username; checking it keeps the links well formed.
var botNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{3,31}$`)

// botUsername takes --bot or GANSHI_BOT_USERNAME, else asks Telegram.
func botUsername(ctx context.Context, name string, getenv func(string) string) (string, error) {
	lang := cliLang(getenv)
	name = strings.TrimPrefix(strings.TrimSpace(name), "@")
	if name == "" {
		token := getenv("GANSHI_TELEGRAM_TOKEN")
		if token == "" {
			return "", usageT(lang, "cli_invite_need_bot")
		}
		tg, err := telegram.New(token, getenv("GANSHI_TELEGRAM_API_URL"), 10*time.Second)
		if err != nil {
			return "", failT(lang, "cli_failed", err, "invite")
		}
		me, err := tg.GetMe(ctx)
		if err != nil {
			return "", failT(lang, "cli_invite_getme_failed", err)
		}
		name = me.Username
	}
	if !botNameRE.MatchString(name) {
		return "", usageT(lang, "cli_invite_bad_bot", name)
	}
	return name, nil
}

// inviteUnit finds the unit --unit names, suggesting names when none
// matches; nil for every unit.
func inviteUnit(ctx context.Context, st *models.Store, unit, lang string) (*int64, error) {
	if unit == "" {
		return nil, nil
	}
	u, err := st.UnitByName(ctx, strings.TrimSpace(unit))
	if errors.Is(err, models.ErrNotFound) {
		return nil, unknownUnit(ctx, st, lang, "invite", unit, "cli_invite_no_similar")
	} else if err != nil {
		return nil, failT(lang, "cli_failed", err, "invite")
	}
	return &u.ID, nil
}

// writeInviteSheet writes the printable sheet when --xlsx asks for one.
// It runs inside the transaction that issues the codes: if the sheet
// cannot be written, no older code is revoked for nothing.
func writeInviteSheet(path string, invs []models.Invitation, link sheets.InviteLinker, until time.Time) error {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := sheets.InvitesXLSX(f, invs, link, until); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// inviteHowTo is what the department tells each cadre, at the top of the
// list: a document for cadres, in Chinese whatever language the operator
// reads the command line in.
const inviteHowTo = "【使用说明】请将下面每位同志的链接（或邀请码）单独发给本人，不要发到群里。" +
	"本人在手机上安装并登录Telegram后，点击自己的链接，再点“开始”（START），即可与“干事”机器人绑定；" +
	"链接打不开时，可在与机器人@%s的对话中发送“/start 邀请码”。每个邀请码仅限本人使用一次，" +
	"有效期至%s，过期或丢失请联系县委组织部重新发放。"

func writeInviteText(w io.Writer, invs []models.Invitation, username string, link sheets.InviteLinker, until time.Time) error {
	fmt.Fprintf(w, inviteHowTo+"\n", username, until.Format("2006年1月2日15:04"))
	for i, inv := range invs {
		if i == 0 || inv.Unit != invs[i-1].Unit {
			name := inv.Unit
			if name == "" {
				name = "无单位（组织部）"
			}
			fmt.Fprintf(w, "\n==== %s ====\n", name)
		}
		fmt.Fprintf(w, "\n姓名：%s\n职务：%s\n邀请码：%s\n链接：%s\n", inv.Cadre.Name, inv.Cadre.Position, inv.Code, link(inv.Code))
	}
	_, err := fmt.Fprintln(w)
	return err
}

// expiryLayout is how the expiry is shown: local time, to the minute, a
// form Excel reads as a date and time.
const expiryLayout = "2006-01-02 15:04"

// runUnbind removes a cadre's Telegram binding (a new phone, a wrong
// account) so that a fresh invitation can bind them again.
func runUnbind(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	lang := cliLang(getenv)
	fs := flag.NewFlagSet("unbind", flag.ContinueOnError)
	db := dbFlag(fs, getenv)
	setUsage(fs, stderr, lang, "cli_unbind_usage")
	pos, err := parseArgs(fs, args, lang)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageT(lang, "cli_unbind_one_id")
	}
	ext := strings.TrimSpace(norm.NFKC.String(pos[0]))
	st, err := models.Open(ctx, *db, models.Options{})
	if err != nil {
		return failT(lang, "cli_failed", err, "unbind")
	}
	defer st.Close()
	var c models.Cadre
	err = st.Tx(ctx, func(tx *models.Store) error {
		if c, err = tx.CadreByExternalID(ctx, ext); err != nil || !c.Bound() {
			return err
		}
		if err := tx.Unbind(ctx, c.ID); err != nil {
			return err
		}
		return tx.Audit(ctx, nil, "cadre.unbind", ext, fmt.Sprintf("telegram_user_id=%d", *c.TelegramUserID))
	})
	switch {
	case errors.Is(err, models.ErrNotFound):
		return cliError{texts.T(lang, "cli_unbind_no_cadre", ext), err}
	case err != nil:
		return failT(lang, "cli_failed", err, "unbind "+ext)
	case !c.Bound():
		fmt.Fprintln(stdout, texts.T(lang, "cli_unbind_not_bound", c.Name, ext))
		return nil
	}
	return printUnbound(ctx, st, stdout, c, lang)
}

func printUnbound(ctx context.Context, st *models.Store, w io.Writer, c models.Cadre, lang string) error {
	invite := "ganshi invite"
	if c.UnitID != nil {
		u, err := st.GetUnit(ctx, *c.UnitID)
		if err != nil {
			return failT(lang, "cli_failed", err, "unbind "+c.ExternalID)
		}
		invite += " --unit " + strconv.Quote(u.Name)
	}
	fmt.Fprintln(w, texts.T(lang, "cli_unbind_done", c.Name, c.ExternalID, *c.TelegramUserID))
	fmt.Fprintln(w, texts.T(lang, "cli_unbind_next", invite))
	return nil
}
