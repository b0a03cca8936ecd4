package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// Every command, asked by every role: refused exactly when the role is
// below the command's, and never refused silently.
func TestEveryCommandChecksTheRole(t *testing.T) {
	people := map[string]string{"张三": models.RoleCadre, "李书记": models.RoleLeader, "周部长": models.RoleAdmin}
	for _, c := range commandList() {
		for name, role := range people {
			h := newHarness(t)
			got := h.say(name, "/"+c.name+" x")
			if len(got) == 0 {
				t.Errorf("/%s by %s: no answer", c.name, role)
				continue
			}
			refused := strings.Contains(joined(got), "没有权限")
			allowed := models.Cadre{Role: role, Active: true}.AtLeast(c.minRole)
			if refused == allowed {
				t.Errorf("/%s by a %s: refused=%v, want %v:\n%s", c.name, role, refused, !allowed, joined(got))
			}
			if refused {
				if es, _ := h.st.AuditEntries(context.Background(), "refused", 5); len(es) != 1 {
					t.Errorf("/%s by a %s: refusal not in the audit log", c.name, role)
				}
			}
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
		for _, c := range menu(role, lang) {
			out = append(out, c.Name)
		}
		return out
	}
	if has(names(models.RoleCadre, texts.ZH), "unbind") || !has(names(models.RoleAdmin, texts.ZH), "unbind") || !has(names(models.RoleLeader, texts.EN), "onboarding") {
		t.Error("menus do not follow roles")
	}
	if menu(models.RoleCadre, texts.EN)[1].Description == menu(models.RoleCadre, texts.ZH)[1].Description {
		t.Error("English menu is not translated")
	}
	def := DefaultMenus()
	if len(def) != 2 || def[0].Menu.Language != "" || def[1].Menu.Language != texts.EN {
		t.Errorf("default menus = %+v", def)
	}
}

func TestUnknownCommand(t *testing.T) {
	h := newHarness(t)
	if got := joined(h.say("张三", "/frobnicate")); !strings.Contains(got, "未识别的命令 /frobnicate") {
		t.Errorf("unknown command: %s", got)
	}
}
