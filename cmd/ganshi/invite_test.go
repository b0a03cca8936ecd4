package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets"
)

// imported is an environment whose database holds examples/roster.csv.
func imported(t *testing.T, kv ...string) (func(string) string, string) {
	t.Helper()
	getenv, db := rosterEnv(t, kv...)
	if _, errOut, err := ganshi(getenv, "import", exampleRoster); err != nil {
		t.Fatalf("import: %v\n%s", err, errOut)
	}
	return getenv, db
}

func inviteCSV(t *testing.T, getenv func(string) string, args ...string) (records [][]string, stderr string) {
	t.Helper()
	out, errOut, err := ganshi(getenv, append([]string{"invite", "--format", "csv"}, args...)...)
	if err != nil {
		t.Fatalf("invite: %v\n%s", err, errOut)
	}
	body, ok := strings.CutPrefix(out, "\xEF\xBB\xBF")
	if !ok {
		t.Fatalf("invite csv starts % X, want the UTF-8 BOM EF BB BF", out[:min(len(out), 3)])
	}
	records, err = csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("invite csv does not parse: %v\n%s", err, out)
	}
	if strings.Join(records[0], ",") != "external_id,name,unit,code,link,expires" {
		t.Fatalf("header = %v", records[0])
	}
	return records[1:], errOut
}

// issuedUntil is when the codes of the last invite run expire, as the
// audit log recorded it, shown in zone the way invite shows it.
func issuedUntil(t *testing.T, db, zone string) string {
	t.Helper()
	es, err := openDB(t, db).AuditEntries(context.Background(), "invite.issue", 1)
	if err != nil || len(es) != 1 {
		t.Fatalf("audit: %+v, %v", es, err)
	}
	_, stamp, _ := strings.Cut(es[0].Detail, "expires=")
	until, err := time.Parse(time.RFC3339, stamp)
	if err != nil {
		t.Fatalf("audit detail %q: %v", es[0].Detail, err)
	}
	return until.In(mustZone(t, zone)).Format("2006-01-02 15:04")
}

// TestInviteCSVForExcel checks the bytes Excel on a Chinese Windows
// needs: a BOM first (else the names are read as GBK), CRLF line ends,
// and every row carrying its local expiry.
func TestInviteCSVForExcel(t *testing.T) {
	invs := []models.Invitation{
		{Cadre: models.Cadre{ExternalID: "GS0001", Name: "张建国"}, Unit: "城关镇", Code: "ABCDEFGH23"},
		{Cadre: models.Cadre{ExternalID: "GS0002", Name: "李明"}, Unit: "经济开发区, 二期", Code: "ABCDEFGH24"},
	}
	link := func(code string) string { return models.InviteLink("b", code) }
	until := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC).In(mustZone(t, "Asia/Shanghai"))
	var b strings.Builder
	if err := sheets.InvitesCSV(&b, invs, link, until); err != nil {
		t.Fatal(err)
	}
	want := "\xEF\xBB\xBFexternal_id,name,unit,code,link,expires\r\n" +
		"GS0001,张建国,城关镇,ABCDEFGH23,https://t.me/b?start=ABCDEFGH23,2026-12-01 17:30\r\n" +
		"GS0002,李明,\"经济开发区, 二期\",ABCDEFGH24,https://t.me/b?start=ABCDEFGH24,2026-12-01 17:30\r\n"
	if b.String() != want {
		t.Fatalf("csv =\n%q\nwant\n%q", b.String(), want)
	}
}

// TestInviteExpiryInLocalTime: the CSV and the sheet show the stored
// expiry in the zone asked for (--tz over GANSHI_TZ), the same on both.
func TestInviteExpiryInLocalTime(t *testing.T) {
	getenv, db := imported(t, "GANSHI_BOT_USERNAME", "county_ganshi_bot", "GANSHI_TZ", "Asia/Urumqi")
	path := filepath.Join(t.TempDir(), "邀请码.xlsx")
	rows, errOut := inviteCSV(t, getenv, "--unit", "城关镇", "--expires", "72h", "--xlsx", path, "--tz", "America/New_York")
	want := issuedUntil(t, db, "America/New_York")
	if !strings.Contains(errOut, "valid until "+want+" (America/New_York)") {
		t.Errorf("closing line = %q, want the expiry %s in New York", errOut, want)
	}
	sheet := sheetRows(t, path)
	if len(rows) != 4 || len(sheet) != 5 || sheet[0][6] != "有效期至" {
		t.Fatalf("csv %v, sheet %v", rows, sheet)
	}
	for i, r := range rows {
		if r[5] != want || sheet[i+1][6] != want {
			t.Errorf("row %d expires %q in the csv, %q in the sheet; want %q", i, r[5], sheet[i+1][6], want)
		}
	}
	rows, _ = inviteCSV(t, getenv, "--unit", "城关镇")
	if want := issuedUntil(t, db, "Asia/Urumqi"); rows[0][5] != want {
		t.Errorf("with GANSHI_TZ only: expires %q, want %q (Asia/Urumqi)", rows[0][5], want)
	}
}

func sheetRows(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestInviteCodesRedeemAndReissueRevokes(t *testing.T) {
	getenv, db := imported(t, "GANSHI_BOT_USERNAME", "county_ganshi_bot", "GANSHI_TZ", "Asia/Shanghai")
	rows, errOut := inviteCSV(t, getenv, "--expires", "2w")
	if len(rows) != 14 {
		t.Fatalf("codes for %d cadres, want 14", len(rows))
	}
	until := issuedUntil(t, db, "Asia/Shanghai")
	if !strings.Contains(errOut, "14 invitation codes issued, valid until "+until+" (Asia/Shanghai)") {
		t.Errorf("closing line = %q, want the expiry %s", errOut, until)
	}
	code := map[string]string{}
	for _, r := range rows {
		code[r[0]] = r[3]
		if r[4] != "https://t.me/county_ganshi_bot?start="+r[3] {
			t.Errorf("link = %q", r[4])
		}
	}
	st := openDB(t, db)
	ctx := context.Background()
	if c, err := st.Redeem(ctx, code["GS0003"], 9003, 9003); err != nil || c.ExternalID != "GS0003" {
		t.Fatalf("redeem GS0003: %+v, %v", c, err)
	}
	again, _ := inviteCSV(t, getenv, "--unit", "城关镇")
	if len(again) != 3 {
		t.Fatalf("second round for 城关镇 = %v; want the 3 not yet bound", again)
	}
	if _, err := st.Redeem(ctx, code["GS0001"], 9001, 9001); !errors.Is(err, models.ErrInviteRevoked) {
		t.Fatalf("old code after re-issue: %v, want ErrInviteRevoked", err)
	}
	if _, err := st.Redeem(ctx, code["GS0011"], 9011, 9011); err != nil {
		t.Fatalf("other unit's code revoked too: %v", err)
	}
	if es, _ := st.AuditEntries(ctx, "invite.issue", 10); len(es) != 2 || es[0].Target != "城关镇" || !strings.Contains(es[0].Detail, "count=3") {
		t.Fatalf("audit = %+v", es)
	}
}

func TestInviteText(t *testing.T) {
	getenv, _ := imported(t)
	out, errOut, err := ganshi(getenv, "invite", "--bot", "@county_ganshi_bot")
	if err != nil {
		t.Fatalf("invite: %v\n%s", err, errOut)
	}
	for _, want := range []string{"【使用说明】", "@county_ganshi_bot", "==== 城关镇 ====", "姓名：张建国\n职务：党委书记\n邀请码：",
		"链接：https://t.me/county_ganshi_bot?start=", "==== 无单位（组织部） ====",
		"登录Telegram后", "与机器人@county_ganshi_bot的对话中", "有效期至20"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if strings.Index(out, "==== 城关镇") > strings.Index(out, "==== 无单位") {
		t.Error("cadres without a unit are not last")
	}
}

func TestInviteXLSX(t *testing.T) {
	getenv, _ := imported(t, "GANSHI_BOT_USERNAME", "county_ganshi_bot")
	path := filepath.Join(t.TempDir(), "邀请码.xlsx")
	rows, _ := inviteCSV(t, getenv, "--xlsx", path, "--unit", "经济开发区")
	sheet := sheetRows(t, path)
	if strings.Join(sheet[0], ",") != "编号,姓名,单位,职务,邀请码,链接,有效期至" || len(sheet) != 4 || len(rows) != 3 {
		t.Fatalf("sheet = %v", sheet)
	}
	for i, r := range sheet[1:] {
		if r[0] != rows[i][0] || r[2] != "经济开发区" || r[4] != rows[i][3] || r[5] != rows[i][4] || r[6] != rows[i][5] {
			t.Errorf("sheet row %v, csv row %v", r, rows[i])
		}
	}
}

// getMeServer answers getMe like the Bot API. bot/telegramtest would be
// the natural fake, but it answers 400 to the empty multipart body that
// go-telegram/bot sends for a call without parameters, which Telegram
// accepts.
func getMeServer(t *testing.T, token, username string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/bot"+token+"/getMe" {
			http.Error(w, `{"ok":false,"error_code":404,"description":"Not Found"}`, http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"干事","username":%q}}`, username)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestInviteAsksTelegramForTheUsername(t *testing.T) {
	const token = "123456:TEST"
	fake := getMeServer(t, token, "fake_county_bot")
	getenv, _ := imported(t, "GANSHI_TELEGRAM_TOKEN", token, "GANSHI_TELEGRAM_API_URL", fake.URL)
	rows, _ := inviteCSV(t, getenv, "--unit", "县发改局")
	if len(rows) != 3 || !strings.HasPrefix(rows[0][4], "https://t.me/fake_county_bot?start=") {
		t.Fatalf("rows = %v", rows)
	}
}

func TestInviteUsageErrors(t *testing.T) {
	getenv, _ := imported(t, "GANSHI_BOT_USERNAME", "county_ganshi_bot")
	for name, c := range map[string]struct {
		args []string
		want string
	}{
		"zero days":        {[]string{"--expires", "0d"}, "more than zero"},
		"over a year":      {[]string{"--expires", "53w"}, "at most 365d"},
		"minutes":          {[]string{"--expires", "90m"}, "72h, 30d or 2w"},
		"format":           {[]string{"--format", "pdf"}, "text or csv"},
		"unknown unit":     {[]string{"--unit", "城关"}, "did you mean: 城关镇"},
		"typo in unit":     {[]string{"--unit", "县发改委"}, "县发改局"},
		"nothing close":    {[]string{"--unit", "月球基地管理委员会"}, "no unit has a similar name"},
		"positional":       {[]string{"城关镇"}, "--unit"},
		"bad bot username": {[]string{"--bot", "x/y"}, "not a Telegram bot username"},
		"bad zone":         {[]string{"--tz", "Mars/Base"}, "Mars/Base"},
	} {
		_, _, err := ganshi(getenv, append([]string{"invite"}, c.args...)...)
		var ue usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want a usage error containing %q", name, err, c.want)
		}
	}
	noBot, _ := imported(t)
	_, _, err := ganshi(noBot, "invite")
	if ue := (usageError{}); !errors.As(err, &ue) || !strings.Contains(err.Error(), "--bot") || !strings.Contains(err.Error(), "GANSHI_TELEGRAM_TOKEN") {
		t.Errorf("without a bot username: %v", err)
	}
}

func TestParseTTL(t *testing.T) {
	for in, want := range map[string]time.Duration{"30d": 30 * 24 * time.Hour, "72h": 72 * time.Hour, "2w": 14 * 24 * time.Hour, " 365D ": 365 * 24 * time.Hour} {
		if got, err := parseTTL(in); err != nil || got != want {
			t.Errorf("parseTTL(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0h", "-1d", "366d", "1y", "1.5d", "d"} {
		if _, err := parseTTL(in); err == nil {
			t.Errorf("parseTTL(%q) accepted", in)
		}
	}
}

func TestUnbind(t *testing.T) {
	getenv, db := imported(t, "GANSHI_BOT_USERNAME", "county_ganshi_bot")
	rows, _ := inviteCSV(t, getenv, "--unit", "河西乡")
	st := openDB(t, db)
	ctx := context.Background()
	for _, r := range rows {
		if r[0] == "GS0012" {
			if _, err := st.Redeem(ctx, r[3], 4242, 4242); err != nil {
				t.Fatal(err)
			}
		}
	}
	out, errOut, err := ganshi(getenv, "unbind", "ＧＳ００１２")
	if err != nil {
		t.Fatalf("unbind: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "Unbound 李春梅 (GS0012) from Telegram account 4242") || !strings.Contains(out, `ganshi invite --unit "河西乡"`) {
		t.Errorf("output = %q", out)
	}
	if c, _ := st.CadreByExternalID(ctx, "GS0012"); c.Bound() || !c.Active {
		t.Fatalf("after unbind: %+v", c)
	}
	if es, _ := st.AuditEntries(ctx, "cadre.unbind", 10); len(es) != 1 || es[0].Target != "GS0012" {
		t.Fatalf("audit = %+v", es)
	}
	if out, _, err := ganshi(getenv, "unbind", "GS0012"); err != nil || !strings.Contains(out, "nothing to do") {
		t.Errorf("unbind again: %v, %q", err, out)
	}
	if _, _, err := ganshi(getenv, "unbind", "GS7777"); err == nil || !strings.Contains(err.Error(), "no cadre") {
		t.Errorf("unknown id: %v", err)
	}
	var ue usageError
	if _, _, err := ganshi(getenv, "unbind"); !errors.As(err, &ue) {
		t.Errorf("no id: %v, want a usage error", err)
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
