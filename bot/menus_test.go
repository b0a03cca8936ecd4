package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

func menuNames(m *telegram.Menu) []string {
	var out []string
	for _, c := range m.Commands {
		out = append(out, c.Name)
	}
	return out
}

// menusTo reads every command menu queued for the named person's chat.
func (h *harness) menusTo(name string) [][]string {
	h.t.Helper()
	var rows []models.Notification
	if err := h.st.DB().Where("chat_id = ?", h.user(name)).Order("id").Find(&rows).Error; err != nil {
		h.t.Fatal(err)
	}
	var out [][]string
	for _, n := range rows {
		var m telegram.Message
		if err := json.Unmarshal([]byte(n.Payload), &m); err != nil {
			h.t.Fatal(err)
		}
		if m.Menu != nil {
			out = append(out, menuNames(m.Menu))
		}
	}
	return out
}

// Start-up sets every linked person's menu for what they may do (an
// admin's without /sign), once: a restart sends nothing again. Private
// chats without their own show a cadre's menu, other chats only /start.
func TestInstallMenusPerPersonOnce(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	for range 2 {
		if err := InstallMenus(ctx, h.st); err != nil {
			t.Fatal(err)
		}
	}
	def := DefaultMenus()
	if len(def) != 4 || !slices.Equal(menuNames(def[0].Menu), []string{"start"}) || !slices.Equal(menuNames(def[1].Menu), []string{"start"}) ||
		!slices.Contains(menuNames(def[2].Menu), "report") || slices.Contains(menuNames(def[2].Menu), "sign") {
		t.Errorf("default menus = %+v", def)
	}
	admin := h.menusTo("周部长")
	if len(admin) != 1 || slices.Contains(admin[0], "sign") || slices.Contains(admin[0], "report") || !slices.Contains(admin[0], "unbind") {
		t.Errorf("admin's menus: %v", admin)
	}
	if leader := h.menusTo("李书记"); len(leader) != 1 || !slices.Contains(leader[0], "sign") || slices.Contains(leader[0], "unbind") {
		t.Errorf("leader's menus: %v", leader)
	}
	if unbound := h.menusTo("赵六"); len(unbound) != 0 {
		t.Errorf("a person not linked got a menu: %v", unbound)
	}
}

// When a person's role changes (a new roster), their next message brings
// the menu for the new role; messages after that bring none. Back to a
// cadre, the chat's own menu is removed and the default shows again.
func TestMenuFollowsARoleChange(t *testing.T) {
	h := newHarness(t)
	if got := h.say("张三", "/lang zh"); len(got) != 1 {
		t.Fatalf("/lang set a menu of the chat's own for a cadre: %+v", got)
	}
	if got := h.say("张三", "/me"); len(got) != 1 {
		t.Fatalf("an unchanged menu was sent again: %+v", got)
	}
	c := h.cadres["张三"]
	if err := h.st.DB().Model(&c).Update("role", models.RoleLeader).Error; err != nil {
		t.Fatal(err)
	}
	got := h.say("张三", "/me")
	if len(got) != 2 || got[1].Menu == nil || !slices.Contains(menuNames(got[1].Menu), "talk") {
		t.Fatalf("after the role change: %+v", got)
	}
	if got := h.say("张三", "/me"); len(got) != 1 {
		t.Fatalf("the new menu was sent twice: %+v", got)
	}
	if err := h.st.DB().Model(&c).Update("role", models.RoleCadre).Error; err != nil {
		t.Fatal(err)
	}
	got = h.say("张三", "/me")
	if len(got) != 2 || got[1].Menu == nil || len(got[1].Menu.Commands) != 0 {
		t.Fatalf("back to a cadre, the chat's own menu is not removed: %+v", got)
	}
	if got := h.say("张三", "/me"); len(got) != 1 {
		t.Fatalf("the removal was sent twice: %+v", got)
	}
}

// Start-up walks the roster a few hundred at a time: every linked leader
// of a large county gets their menu once, across the batches.
func TestInstallMenusCoversEveryBatch(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	const n = 1203
	now := h.st.Now()
	cs := make([]models.Cadre, n)
	for i := range cs {
		id := int64(500000 + i)
		cs[i] = models.Cadre{Name: fmt.Sprintf("书记%d", i), ExternalID: fmt.Sprintf("L%d", i), UnitID: h.cadres["李书记"].UnitID,
			Role: models.RoleLeader, Lang: "zh", Active: true, TelegramUserID: &id, ChatID: &id, BoundAt: &now}
	}
	if err := h.st.DB().CreateInBatches(&cs, 500).Error; err != nil {
		t.Fatal(err)
	}
	count := func() int64 {
		var k int64
		if err := h.st.DB().Model(&models.Notification{}).Where("chat_id >= ?", 500000).Count(&k).Error; err != nil {
			t.Fatal(err)
		}
		return k
	}
	for range 2 {
		if err := InstallMenus(ctx, h.st); err != nil {
			t.Fatal(err)
		}
		if got := count(); got != n {
			t.Fatalf("%d menus for %d leaders", got, n)
		}
	}
}
