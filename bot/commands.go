package bot

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// command is a typed command: every chat action has one; buttons are only
// shortcuts for them.
type command struct {
	name    string // without the slash
	minRole string
	group   bool // used inside group chats, not in the private menu
	run     func(r *request) ([]telegram.Message, error)
}

// commandList is the one table behind routing, /help and the menus.
func commandList() []command {
	return []command{
		{name: "report", minRole: models.RoleCadre, run: runReport},
		{name: "submit", minRole: models.RoleCadre, run: runSubmit},
		{name: "edit", minRole: models.RoleCadre, run: runEdit},
		{name: "delete", minRole: models.RoleCadre, run: runDelete},
		{name: "reports", minRole: models.RoleCadre, run: runReports},
		{name: "view", minRole: models.RoleCadre, run: runView},
		{name: "sign", minRole: models.RoleLeader, run: runSign},
		{name: "return", minRole: models.RoleLeader, run: runReturn},
		{name: "reopen", minRole: models.RoleLeader, run: runReopen},
		{name: "discussed", minRole: models.RoleLeader, run: runDiscussed},
		{name: "exempt", minRole: models.RoleLeader, run: runExempt},
		{name: "unexempt", minRole: models.RoleLeader, run: runUnexempt},
		{name: "talk", minRole: models.RoleLeader, run: runTalk},
		{name: "talks", minRole: models.RoleCadre, run: runTalks},
		{name: "record", minRole: models.RoleLeader, run: runRecord},
		{name: "event", minRole: models.RoleLeader, run: runEvent},
		{name: "digest", minRole: models.RoleLeader, run: runDigest},
		{name: "help", minRole: models.RoleCadre, run: runHelp},
		{name: "me", minRole: models.RoleCadre, run: runMe},
		{name: "lang", minRole: models.RoleCadre, run: runLang},
		{name: "cancel", minRole: models.RoleCadre, run: runCancel},
		{name: "web", minRole: models.RoleCadre, run: runWeb},
		{name: "onboarding", minRole: models.RoleLeader, run: runOnboarding},
		{name: "unbind", minRole: models.RoleAdmin, run: runUnbind},
		{name: "export", minRole: models.RoleAdmin, run: runExport},
		{name: "holiday", minRole: models.RoleAdmin, run: runHoliday},
		{name: "schedules", minRole: models.RoleAdmin, run: runSchedules},
		{name: "schedule", minRole: models.RoleAdmin, run: runSchedule},
		{name: "quiet", minRole: models.RoleAdmin, run: runQuiet},
		{name: "due", minRole: models.RoleAdmin, run: runDue},
		{name: "bindgroup", minRole: models.RoleAdmin, group: true, run: runBindGroupPrivate},
	}
}

func findCommand(name string) (command, bool) {
	for _, c := range commandList() {
		if "/"+c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// menu is the command menu for a role in a language.
func menu(role, lang string) []telegram.Command {
	cmds := []telegram.Command{{Name: "start", Description: texts.T(lang, "cmd_start")}}
	probe := models.Cadre{Role: role, Active: true}
	for _, c := range commandList() {
		if !c.group && probe.AtLeast(c.minRole) {
			cmds = append(cmds, telegram.Command{Name: c.name, Description: texts.T(lang, "cmd_"+c.name)})
		}
	}
	return cmds
}

func runHelp(r *request) ([]telegram.Message, error) {
	var b strings.Builder
	b.WriteString(r.t("help_header"))
	for _, c := range menu(r.me.Role, r.lang)[1:] {
		b.WriteString("\n/" + c.Name + " — " + c.Description)
	}
	if r.me.AtLeast(models.RoleAdmin) {
		b.WriteString("\n/bindgroup — " + r.t("cmd_bindgroup"))
	}
	return []telegram.Message{{Text: b.String()}}, nil
}

// menuMessages set a person's own command menu, for their role in their
// language (the default menu is the cadre's, in the app's language).
func menuMessages(c models.Cadre) []telegram.Message {
	return []telegram.Message{{Menu: &telegram.Menu{Commands: menu(c.Role, c.Lang)}}}
}

// DefaultMenus are the menus everyone sees before a chat has its own:
// the cadre's commands, in Chinese and in English.
func DefaultMenus() []telegram.Message {
	return []telegram.Message{
		{Menu: &telegram.Menu{Commands: menu(models.RoleCadre, texts.ZH)}},
		{Menu: &telegram.Menu{Language: texts.EN, Commands: menu(models.RoleCadre, texts.EN)}},
	}
}

// InstallMenus queues the default command menus. The dedup key carries a
// hash of the menu, so a new release with new commands installs them once
// and a restart changes nothing.
func InstallMenus(ctx context.Context, st *models.Store) error {
	for _, m := range DefaultMenus() {
		b, _ := json.Marshal(m)
		key := fmt.Sprintf("menu:default:%s:%x", m.Menu.Language, sha256.Sum256(b))
		if err := enqueue(ctx, st, 0, key[:min(len(key), 80)], m); err != nil {
			return fmt.Errorf("install menus: %w", err)
		}
	}
	return nil
}
