package bot

import (
	"strings"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// command is a typed command: every chat action has one; buttons are only
// shortcuts for them.
type command struct {
	name  string // without the slash
	may   func(models.Cadre) bool
	group bool // used inside group chats, not in the private menu
	run   func(r *request) ([]telegram.Message, error)
}

// commandList is the one table behind routing, /help and the menus: a
// command's may is the person it serves, so routing refuses exactly those
// the menu and /help leave it out for.
func commandList() []command {
	return []command{
		{name: "report", may: reporter, run: runReport},
		{name: "submit", may: reporter, run: runSubmit},
		{name: "edit", may: reporter, run: runEdit},
		{name: "delete", may: reporter, run: runDelete},
		{name: "reports", may: readsReports, run: runReports},
		{name: "view", may: anyone, run: runView},
		{name: "sign", may: principal, run: runSign},
		{name: "return", may: principal, run: runReturn},
		{name: "reopen", may: reopener, run: runReopen},
		{name: "discussed", may: principal, run: runDiscussed},
		{name: "exempt", may: principalOrAdmin, run: runExempt},
		{name: "unexempt", may: principalOrAdmin, run: runUnexempt},
		{name: "talk", may: principalOrAdmin, run: runTalk},
		{name: "talks", may: anyone, run: runTalks},
		{name: "record", may: principalOrAdmin, run: runRecord},
		{name: "event", may: principalOrAdmin, run: runEvent},
		{name: "digest", may: principalOrAdmin, run: runDigest},
		{name: "review", may: anyone, run: runReview},
		{name: "finding", may: filesFindings, run: runFinding},
		{name: "progress", may: reporter, run: runProgress},
		{name: "verify", may: admin, run: runVerify},
		{name: "query", may: admin, run: runQuery},
		{name: "delegate", may: principal, run: runDelegate},
		{name: "training", may: anyone, run: runTraining},
		{name: "checkin", may: anyone, run: runCheckin},
		{name: "lecture", may: principalOrAdmin, run: runLecture},
		{name: "care", may: anyone, run: runCare},
		{name: "tolerance", may: anyone, run: runTolerance},
		{name: "profile", may: anyone, run: runProfile},
		{name: "assess", may: principal, run: runAssess},
		{name: "help", may: everyone, run: runHelp},
		{name: "me", may: everyone, run: runMe},
		{name: "lang", may: everyone, run: runLang},
		{name: "cancel", may: everyone, run: runCancel},
		{name: "web", may: anyone, run: runWeb},
		{name: "onboarding", may: principalOrAdmin, run: runOnboarding},
		{name: "unbind", may: admin, run: runUnbind},
		{name: "export", may: admin, run: runExport},
		{name: "holiday", may: admin, run: runHoliday},
		{name: "schedules", may: admin, run: runSchedules},
		{name: "schedule", may: admin, run: runSchedule},
		{name: "quiet", may: admin, run: runQuiet},
		{name: "due", may: admin, run: runDue},
		{name: "bindgroup", may: admin, group: true, run: runBindGroupPrivate},
	}
}

// Who each command serves, decided by the person alone (role, unit), so
// that a menu can be computed without asking the database. Handlers still
// check the scope of every id an argument or a button names.
func anyone(c models.Cadre) bool { return c.Active && c.Role != models.RoleLiaison }

// everyone includes a department's liaison, who otherwise gets nothing
// but /finding: help, their own card, their language, leaving a flow.
func everyone(c models.Cadre) bool { return c.Active }

// filesFindings is a department's liaison, or the organization department.
func filesFindings(c models.Cadre) bool { return c.MayFileFindings() }

// reporter files a monthly report: everyone on a unit's roster, an admin
// too when listed in a unit; an admin without a unit reports nothing.
func reporter(c models.Cadre) bool {
	return c.Active && c.UnitID != nil && c.Role != models.RoleLiaison
}

// principal is a unit's leader (the roster makes each unit's leader its
// principal): signs, returns and reopens the unit's reports and records
// their discussion. Admins never sign, whatever their unit.
func principal(c models.Cadre) bool { return reporter(c) && c.Role == models.RoleLeader }

// reopener unlocks a signed report for a correction: the unit's principal,
// or the organization department (models.Cadre.MayReopenReport, the rule
// the web console follows too).
func reopener(c models.Cadre) bool { return principalOrAdmin(c) }

func admin(c models.Cadre) bool { return c.Active && c.Role == models.RoleAdmin }

func principalOrAdmin(c models.Cadre) bool { return principal(c) || admin(c) }

// readsReports sees a unit's reports (their own unit) or the county's.
func readsReports(c models.Cadre) bool { return reporter(c) || admin(c) }

func findCommand(name string) (command, bool) {
	for _, c := range commandList() {
		if "/"+c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// menu is a person's command menu in a language: /start, then every
// private command that serves them.
func menu(c models.Cadre, lang string) []telegram.Command {
	cmds := []telegram.Command{{Name: "start", Description: texts.T(lang, "cmd_start")}}
	for _, cmd := range commandList() {
		if !cmd.group && cmd.may(c) {
			cmds = append(cmds, telegram.Command{Name: cmd.name, Description: texts.T(lang, "cmd_"+cmd.name)})
		}
	}
	return cmds
}

// runHelp lists the menu, then the group commands that serve the caller.
func runHelp(r *request) ([]telegram.Message, error) {
	var b strings.Builder
	b.WriteString(r.t("help_header"))
	for _, c := range menu(r.me, r.lang)[1:] {
		b.WriteString("\n/" + c.Name + " — " + c.Description)
	}
	for _, c := range commandList() {
		if c.group && c.may(r.me) {
			b.WriteString("\n/" + c.name + " — " + r.t("cmd_"+c.name))
		}
	}
	return []telegram.Message{{Text: b.String()}}, nil
}
