package main

import (
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// invitation is one code handed to one cadre.
type invitation struct {
	cadre models.Cadre
	unit  string
	code  string
	link  string
}

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
	invs, err := invitees(ctx, st, a.unit, username, lang)
	if err != nil {
		return err
	}
	if len(invs) == 0 {
		fmt.Fprintln(stderr, texts.T(lang, "cli_invite_all_bound"))
		return nil
	}
	until := st.Now().Add(a.ttl)
	if err := issue(ctx, st, invs, until, a); err != nil {
		return failT(lang, "cli_failed", err, "invite")
	}
	if a.format == "csv" {
		err = writeInviteCSV(stdout, invs, until.In(a.loc))
	} else {
		err = writeInviteText(stdout, invs, username, until.In(a.loc))
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
	tz := fs.String("tz", cmp.Or(getenv("GANSHI_TZ"), "Asia/Shanghai"), t("cli_invite_flag_tz"))
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

// invitees lists who gets a code, grouped by unit as the department sorts
// units (category, name), admins without a unit last.
func invitees(ctx context.Context, st *models.Store, unit, username, lang string) ([]invitation, error) {
	units, err := st.Units(ctx)
	if err != nil {
		return nil, failT(lang, "cli_failed", err, "invite")
	}
	var unitID *int64
	if unit != "" {
		u, err := st.UnitByName(ctx, strings.TrimSpace(unit))
		if errors.Is(err, models.ErrNotFound) {
			return nil, unknownUnit(ctx, st, lang, "invite", unit, "cli_invite_no_similar")
		} else if err != nil {
			return nil, failT(lang, "cli_failed", err, "invite")
		}
		unitID = &u.ID
	}
	cadres, err := st.InvitableCadres(ctx, unitID)
	if err != nil {
		return nil, failT(lang, "cli_failed", err, "invite")
	}
	rank, names := map[int64]int{}, map[int64]string{}
	for i, u := range units {
		rank[u.ID], names[u.ID] = i, u.Name
	}
	invs := make([]invitation, len(cadres))
	for i, c := range cadres {
		code := models.NewInviteCode()
		invs[i] = invitation{cadre: c, code: code, link: "https://t.me/" + username + "?start=" + code}
		if c.UnitID != nil {
			invs[i].unit = names[*c.UnitID]
		}
	}
	order := func(c models.Cadre) int {
		if c.UnitID == nil {
			return len(units)
		}
		return rank[*c.UnitID]
	}
	sort.SliceStable(invs, func(i, j int) bool { return order(invs[i].cadre) < order(invs[j].cadre) })
	return invs, nil
}

// issue stores every code and the audit entry in one transaction, and
// writes the sheet inside it: if the sheet cannot be written, no older
// code is revoked for nothing.
func issue(ctx context.Context, st *models.Store, invs []invitation, until time.Time, a inviteArgs) error {
	return st.Tx(ctx, func(tx *models.Store) error {
		for _, inv := range invs {
			if err := tx.IssueInvite(ctx, inv.cadre.ID, inv.code, until); err != nil {
				return err
			}
		}
		target := a.unit
		if target == "" {
			target = "all units"
		}
		if err := tx.Audit(ctx, nil, "invite.issue", target, fmt.Sprintf("count=%d expires=%s", len(invs), until.Format(time.RFC3339))); err != nil {
			return err
		}
		if a.xlsx == "" {
			return nil
		}
		return writeInviteXLSX(a.xlsx, invs, until.In(a.loc))
	})
}

// inviteHowTo is what the department tells each cadre, at the top of the
// list: a document for cadres, in Chinese whatever language the operator
// reads the command line in.
const inviteHowTo = "【使用说明】请将下面每位同志的链接（或邀请码）单独发给本人，不要发到群里。" +
	"本人在手机上安装并登录Telegram后，点击自己的链接，再点“开始”（START），即可与“干事”机器人绑定；" +
	"链接打不开时，可在与机器人@%s的对话中发送“/start 邀请码”。每个邀请码仅限本人使用一次，" +
	"有效期至%s，过期或丢失请联系县委组织部重新发放。"

func writeInviteText(w io.Writer, invs []invitation, username string, until time.Time) error {
	fmt.Fprintf(w, inviteHowTo+"\n", username, until.Format("2006年1月2日15:04"))
	for i, inv := range invs {
		if i == 0 || inv.unit != invs[i-1].unit {
			name := inv.unit
			if name == "" {
				name = "无单位（组织部）"
			}
			fmt.Fprintf(w, "\n==== %s ====\n", name)
		}
		fmt.Fprintf(w, "\n姓名：%s\n职务：%s\n邀请码：%s\n链接：%s\n", inv.cadre.Name, inv.cadre.Position, inv.code, inv.link)
	}
	_, err := fmt.Fprintln(w)
	return err
}

// expiryLayout is how the expiry is shown: local time, to the minute, a
// form Excel reads as a date and time.
const expiryLayout = "2006-01-02 15:04"

// writeInviteCSV writes the list for Excel: a UTF-8 BOM (without it Excel
// on a Chinese Windows reads the names as GBK and shows mojibake), CRLF
// line ends, and the expiry in until's zone on every row, since rows are
// cut out and handed on one by one.
func writeInviteCSV(w io.Writer, invs []invitation, until time.Time) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	cw.Write([]string{"external_id", "name", "unit", "code", "link", "expires"})
	for _, inv := range invs {
		cw.Write([]string{inv.cadre.ExternalID, inv.cadre.Name, inv.unit, inv.code, inv.link, until.Format(expiryLayout)})
	}
	cw.Flush()
	return cw.Error()
}

// writeInviteXLSX writes a sheet the department prints and cuts into slips.
func writeInviteXLSX(path string, invs []invitation, until time.Time) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "邀请码"
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	rows := [][]any{{"编号", "姓名", "单位", "职务", "邀请码", "链接", "有效期至"}}
	for _, inv := range invs {
		rows = append(rows, []any{inv.cadre.ExternalID, inv.cadre.Name, inv.unit, inv.cadre.Position,
			inv.code, inv.link, until.Format(expiryLayout)})
	}
	for i := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &rows[i]); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	for col, w := range map[string]float64{"A": 10, "B": 10, "C": 16, "D": 20, "E": 14, "F": 44, "G": 18} {
		f.SetColWidth(sheet, col, col, w)
	}
	if err := f.SaveAs(path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

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
