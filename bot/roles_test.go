package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// Every command, asked by every kind of person (a cadre, a unit's leader,
// an admin without a unit and one on a unit's roster), through the real
// router: what /help and their menu list is never refused, everything
// else always is, with the refusal in the audit log. Each command is
// typed bare, with a word, and with the id of an object in the person's
// reach — 张三's submitted report for the report commands, else a talk
// they hold or are invited to — so that a command refused for every
// object shows.
func TestMenuAndHelpListExactlyWhatSucceeds(t *testing.T) {
	h := reportHarness(t)
	h.cadre("吴干事", "城关镇", models.RoleAdmin, true)
	report := fillAndSubmit(t, h)
	talks := map[string]int64{"张三": talkHeldBy(t, h, "李书记", "张三"), "李书记": talkHeldBy(t, h, "李书记", "张三"),
		"周部长": talkHeldBy(t, h, "周部长", "孙七"), "吴干事": talkHeldBy(t, h, "吴干事", "赵六")}
	refusal := texts.T(texts.ZH, "not_allowed")
	// Replies that also mean "not for you", each checked by a handler.
	cannot := []string{refusal, texts.T(texts.ZH, "report_no_unit"), texts.T(texts.ZH, "digest_cadre_only"), texts.T(texts.ZH, "digest_no_unit")}
	for _, name := range []string{"张三", "李书记", "周部长", "吴干事"} {
		listed := map[string]bool{}
		for _, line := range strings.Split(joined(h.say(name, "/help")), "\n") {
			if cmd, _, ok := strings.Cut(line, " — "); ok && strings.HasPrefix(cmd, "/") {
				listed[cmd[1:]] = true
			}
		}
		// The menu their chat shows: its own, or the default private one.
		shown := cadreMenu(texts.ZH)
		if got := h.say(name, "/lang zh"); len(got) == 2 && got[1].Menu != nil {
			shown = got[1].Menu.Commands
		} else if len(got) != 1 || !slices.Equal(menu(h.cadres[name], texts.ZH), shown) {
			t.Fatalf("%s: /lang did not set the menu though theirs differs from the default: %+v", name, got)
		}
		inMenu := map[string]bool{}
		for _, c := range shown[1:] {
			inMenu[c.Name] = true
		}
		for _, c := range commandList() {
			if inMenu[c.name] != (listed[c.name] && !c.group) {
				t.Errorf("%s: /%s in the menu %v, in /help %v", name, c.name, inMenu[c.name], listed[c.name])
			}
			object := fmt.Sprintf(" #%d", talks[name])
			if c.name == "view" || c.name == "sign" || c.name == "return" || c.name == "reopen" {
				object = fmt.Sprintf(" %d", report)
			}
			for _, args := range []string{"", " x", object} {
				text := "/" + c.name + args
				before, _ := h.st.AuditEntries(context.Background(), "refused", 1000)
				got := joined(h.say(name, text))
				h.say(name, "/cancel")
				after, _ := h.st.AuditEntries(context.Background(), "refused", 1000)
				refused := strings.Contains(got, refusal)
				switch {
				case listed[c.name] && slices.ContainsFunc(cannot, func(s string) bool { return strings.Contains(got, s) }):
					t.Errorf("%s: %q is in /help but refused:\n%s", name, text, got)
				case !listed[c.name] && !refused:
					t.Errorf("%s: %q is not in /help but not refused:\n%s", name, text, got)
				case refused && len(after) != len(before)+1:
					t.Errorf("%s: %q refused without an audit entry", name, text)
				}
			}
		}
	}
}

// talkHeldBy writes a talk that took place yesterday, held by holder with
// cadre and not recorded yet, and returns its id.
func talkHeldBy(t *testing.T, h *harness, holder, cadre string) int64 {
	t.Helper()
	at := h.clock.Now().Add(-24 * time.Hour)
	tk := models.Talk{CadreID: h.cadres[cadre].ID, LeaderID: h.cadres[holder].ID, Reason: models.TalkRoutine,
		Status: models.TalkScheduled, Source: "test", DueFrom: "2026-11-20", DueBy: "2026-11-30", StartsAt: &at, Place: "会议室"}
	if err := h.st.DB().Create(&tk).Error; err != nil {
		t.Fatal(err)
	}
	return tk.ID
}

// The rules the table above enforces, for the record: an admin never
// signs but may reopen (as on the web console, models.Cadre.MayReopenReport);
// an admin without a unit has no report; a cadre arranges no talks;
// everyone on the roster may open the web console.
func TestWhoCommandsServe(t *testing.T) {
	unit := int64(1)
	cadre := models.Cadre{Role: models.RoleCadre, UnitID: &unit, Active: true}
	leader := models.Cadre{Role: models.RoleLeader, UnitID: &unit, Active: true}
	adminAlone := models.Cadre{Role: models.RoleAdmin, Active: true}
	adminInUnit := models.Cadre{Role: models.RoleAdmin, UnitID: &unit, Active: true}
	has := func(c models.Cadre, name string) bool {
		for _, m := range menu(c, texts.ZH) {
			if m.Name == name {
				return true
			}
		}
		return false
	}
	for _, tc := range []struct {
		who  models.Cadre
		cmd  string
		want bool
	}{
		{adminAlone, "sign", false}, {adminInUnit, "sign", false}, {leader, "sign", true},
		{adminInUnit, "reopen", true}, {adminAlone, "reopen", true}, {leader, "reopen", true}, {cadre, "reopen", false},
		{cadre, "web", true}, {leader, "web", true}, {adminAlone, "web", true},
		{adminAlone, "report", false}, {adminInUnit, "report", true}, {cadre, "report", true},
		{cadre, "talk", false}, {leader, "talk", true}, {adminAlone, "talk", true},
		{cadre, "digest", false}, {leader, "unbind", false}, {adminAlone, "unbind", true},
		{models.Cadre{Role: models.RoleAdmin}, "help", false}, // deactivated
	} {
		if got := has(tc.who, tc.cmd); got != tc.want {
			t.Errorf("%s (unit %v) has /%s: %v, want %v", tc.who.Role, tc.who.UnitID != nil, tc.cmd, got, tc.want)
		}
	}
}

func TestHelpListsOnlyWhatThePersonMayDo(t *testing.T) {
	h := newHarness(t)
	cadre := joined(h.say("张三", "/help"))
	if strings.Contains(cadre, "/unbind") || strings.Contains(cadre, "/onboarding") || !strings.Contains(cadre, "/me") {
		t.Errorf("cadre's help:\n%s", cadre)
	}
	leader := joined(h.say("李书记", "/help"))
	if !strings.Contains(leader, "/onboarding") || strings.Contains(leader, "/unbind") {
		t.Errorf("leader's help:\n%s", leader)
	}
	admin := joined(h.say("周部长", "/help"))
	for _, want := range []string{"/unbind", "/onboarding", "/bindgroup"} {
		if !strings.Contains(admin, want) {
			t.Errorf("admin's help lacks %s:\n%s", want, admin)
		}
	}
}

func TestMenusPerRoleAndLanguage(t *testing.T) {
	has := func(cmds []string, name string) bool {
		for _, c := range cmds {
			if c == name {
				return true
			}
		}
		return false
	}
	names := func(role, lang string) []string {
		var out []string
		unit := int64(1)
		for _, c := range menu(models.Cadre{Role: role, UnitID: &unit, Active: true}, lang) {
			out = append(out, c.Name)
		}
		return out
	}
	if has(names(models.RoleCadre, texts.ZH), "unbind") || !has(names(models.RoleAdmin, texts.ZH), "unbind") || !has(names(models.RoleLeader, texts.EN), "onboarding") {
		t.Error("menus do not follow roles")
	}
	cadre := models.Cadre{Role: models.RoleCadre, Active: true}
	if menu(cadre, texts.EN)[0].Description == menu(cadre, texts.ZH)[0].Description {
		t.Error("English menu is not translated")
	}
	def := DefaultMenus()
	if len(def) != 4 || def[0].Menu.Language != "" || def[1].Menu.Language != texts.EN || def[0].Menu.Private || !def[2].Menu.Private ||
		def[2].Menu.Language != "" || def[3].Menu.Language != texts.EN || !slices.Equal(def[3].Menu.Commands, cadreMenu(texts.EN)) {
		t.Errorf("default menus = %+v", def)
	}
}

func TestUnknownCommand(t *testing.T) {
	h := newHarness(t)
	if got := joined(h.say("张三", "/frobnicate")); !strings.Contains(got, "未识别的命令“/frobnicate”") {
		t.Errorf("unknown command: %s", got)
	}
}
