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
	"github.com/ganshi/ganshi/export"
	"github.com/ganshi/ganshi/models"
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
		return fmt.Errorf("invite: %w", err)
	}
	defer st.Close()
	unitID, err := inviteUnit(ctx, st, a.unit)
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
		return fmt.Errorf("invite: %w", err)
	}
	if len(invs) == 0 {
		fmt.Fprintln(stderr, "Every active cadre here is already bound to Telegram; no codes issued.")
		return nil
	}
	if a.format == "csv" {
		err = export.InvitesCSV(stdout, invs, link, until.In(a.loc))
	} else {
		err = writeInviteText(stdout, invs, username, link, until.In(a.loc))
	}
	if err != nil {
		return fmt.Errorf("invite: write the list: %w", err)
	}
	fmt.Fprintf(stderr, "%d invitation codes issued, valid until %s (%s)\n", len(invs), until.In(a.loc).Format(expiryLayout), a.loc)
	return nil
}

func parseInviteArgs(args []string, getenv func(string) string, stderr io.Writer) (inviteArgs, error) {
	fs := flag.NewFlagSet("invite", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var a inviteArgs
	fs.StringVar(&a.unit, "unit", "", "only cadres of this unit (exact name)")
	fs.StringVar(&a.format, "format", "text", "output on stdout: text (grouped by unit, for people) or csv")
	expires := fs.String("expires", "30d", "how long the codes stay valid: e.g. 30d, 72h, 2w (at most 365d)")
	fs.StringVar(&a.xlsx, "xlsx", "", "also write a printable sheet to this .xlsx file")
	fs.StringVar(&a.bot, "bot", getenv("GANSHI_BOT_USERNAME"), "bot username for the links (env GANSHI_BOT_USERNAME; without it the bot is asked with GANSHI_TELEGRAM_TOKEN)")
	tz := fs.String("tz", cmp.Or(getenv("GANSHI_TZ"), "Asia/Shanghai"), "time zone of the expiry shown (env GANSHI_TZ)")
	db := dbFlag(fs, getenv)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: ganshi invite [--unit NAME] [--format text|csv] [--expires 30d] [--xlsx FILE] [--bot USERNAME] [--tz ZONE]\n\n"+
			"Issues a new invitation code and link to every active cadre without a Telegram binding.")
		fs.PrintDefaults()
	}
	pos, err := parseArgs(fs, args)
	switch {
	case err != nil:
		return a, err
	case len(pos) > 0:
		return a, usagef("invite: unexpected argument %q (a unit is given with --unit)", pos[0])
	case a.format != "text" && a.format != "csv":
		return a, usagef("invite: --format must be text or csv, got %q", a.format)
	}
	if a.ttl, err = parseTTL(*expires); err != nil {
		return a, usagef("invite: --expires: %v", err)
	}
	if a.loc, err = time.LoadLocation(*tz); err != nil {
		return a, usagef("invite: --tz: unknown time zone %q (for example Asia/Shanghai)", *tz)
	}
	a.db = *db
	return a, nil
}

var ttlRE = regexp.MustCompile(`^(\d{1,4})([hdw])$`)

// parseTTL reads 72h, 30d or 2w: time.ParseDuration knows no days.
func parseTTL(s string) (time.Duration, error) {
	m := ttlRE.FindStringSubmatch(strings.ToLower(strings.TrimSpace(s)))
	if m == nil {
		return 0, fmt.Errorf("%q is not a number of hours, days or weeks such as 72h, 30d or 2w", s)
	}
	n, _ := strconv.Atoi(m[1])
	d := time.Duration(n) * map[string]time.Duration{"h": time.Hour, "d": 24 * time.Hour, "w": 7 * 24 * time.Hour}[m[2]]
	if d <= 0 || d > 365*24*time.Hour {
		return 0, fmt.Errorf("%q must be more than zero and at most 365d", s)
	}
	return d, nil
}

// botNameRE is a Telegram username; checking it keeps the links well formed.
var botNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{3,31}$`)

// botUsername takes --bot or GANSHI_BOT_USERNAME, else asks Telegram.
func botUsername(ctx context.Context, name string, getenv func(string) string) (string, error) {
	name = strings.TrimPrefix(strings.TrimSpace(name), "@")
	if name == "" {
		token := getenv("GANSHI_TELEGRAM_TOKEN")
		if token == "" {
			return "", usagef("invite: the links need the bot's username: give --bot USERNAME (or set GANSHI_BOT_USERNAME), " +
				"or set GANSHI_TELEGRAM_TOKEN so ganshi can ask Telegram for it")
		}
		tg, err := telegram.New(token, getenv("GANSHI_TELEGRAM_API_URL"), 10*time.Second)
		if err != nil {
			return "", fmt.Errorf("invite: %w", err)
		}
		me, err := tg.GetMe(ctx)
		if err != nil {
			return "", fmt.Errorf("invite: ask Telegram for the bot's username (or give --bot): %w", err)
		}
		name = me.Username
	}
	if !botNameRE.MatchString(name) {
		return "", usagef("invite: %q is not a Telegram bot username", name)
	}
	return name, nil
}

// inviteUnit finds the unit --unit names, suggesting names when none
// matches; nil for every unit.
func inviteUnit(ctx context.Context, st *models.Store, unit string) (*int64, error) {
	if unit == "" {
		return nil, nil
	}
	u, err := st.UnitByName(ctx, strings.TrimSpace(unit))
	if errors.Is(err, models.ErrNotFound) {
		units, lerr := st.Units(ctx)
		if lerr != nil {
			return nil, fmt.Errorf("invite: %w", lerr)
		}
		return nil, usagef("invite: no unit named %q; %s", unit, suggestUnits(unit, units))
	} else if err != nil {
		return nil, fmt.Errorf("invite: %w", err)
	}
	return &u.ID, nil
}

// writeInviteSheet writes the printable sheet when --xlsx asks for one.
func writeInviteSheet(path string, invs []models.Invitation, link export.InviteLinker, until time.Time) error {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := export.InvitesXLSX(f, invs, link, until); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// inviteHowTo is what the department tells each cadre, at the top of the list.
const inviteHowTo = "【使用说明】请将下面每位同志的链接（或邀请码）单独发给本人，不要发到群里。" +
	"本人在手机上安装并登录 Telegram 后，点击自己的链接，再点“开始”（START），即可与“干事”机器人绑定；" +
	"链接打不开时，可在与机器人 @%s 的对话中发送“/start 邀请码”。每个邀请码仅限本人使用一次，" +
	"有效期至 %s，过期或丢失请联系县委组织部重新发放。"

func writeInviteText(w io.Writer, invs []models.Invitation, username string, link export.InviteLinker, until time.Time) error {
	fmt.Fprintf(w, inviteHowTo+"\n", username, until.Format("2006年1月2日 15:04"))
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

// expiryLayout is how the closing line shows the expiry: local time, to
// the minute, as the CSV and the sheet show it.
const expiryLayout = "2006-01-02 15:04"

// runUnbind removes a cadre's Telegram binding (a new phone, a wrong
// account) so that a fresh invitation can bind them again.
func runUnbind(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("unbind", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs, getenv)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: ganshi unbind EXTERNAL_ID\n\nRemoves the cadre's Telegram binding; issue a new invitation afterwards.")
		fs.PrintDefaults()
	}
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("unbind: give one external id (工号), e.g. ganshi unbind GS0002")
	}
	ext := strings.TrimSpace(norm.NFKC.String(pos[0]))
	st, err := models.Open(ctx, *db, models.Options{})
	if err != nil {
		return fmt.Errorf("unbind: %w", err)
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
		return fmt.Errorf("unbind: no cadre has external id %q", ext)
	case err != nil:
		return fmt.Errorf("unbind %s: %w", ext, err)
	case !c.Bound():
		fmt.Fprintf(stdout, "%s (%s) has no Telegram binding; nothing to do.\n", c.Name, ext)
		return nil
	}
	return printUnbound(ctx, st, stdout, c)
}

func printUnbound(ctx context.Context, st *models.Store, w io.Writer, c models.Cadre) error {
	invite := "ganshi invite"
	if c.UnitID != nil {
		u, err := st.GetUnit(ctx, *c.UnitID)
		if err != nil {
			return fmt.Errorf("unbind %s: read unit: %w", c.ExternalID, err)
		}
		invite += " --unit " + strconv.Quote(u.Name)
	}
	fmt.Fprintf(w, "Unbound %s (%s) from Telegram account %d.\n", c.Name, c.ExternalID, *c.TelegramUserID)
	fmt.Fprintf(w, "They need a new invitation to use the bot again: %s\n", invite)
	return nil
}
