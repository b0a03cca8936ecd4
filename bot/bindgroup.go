package bot

import (
	"errors"
	"fmt"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// runBindGroup (admins, inside a group): /bindgroup UNIT makes this group
// the unit's place for public postings.
func runBindGroup(r *request) ([]telegram.Message, error) {
	if !r.me.AtLeast(models.RoleAdmin) {
		return r.refuse("/bindgroup"), nil
	}
	name := r.in.args
	if name == "" {
		return r.say("bindgroup_usage"), nil
	}
	u, err := r.tx.UnitByName(r.ctx, name)
	if errors.Is(err, models.ErrNotFound) {
		return r.say("bindgroup_unknown", esc(name)), nil
	}
	if err != nil {
		return nil, err
	}
	if err := r.tx.BindGroup(r.ctx, u.ID, r.in.chatID); err != nil {
		return nil, err
	}
	if err := r.tx.Audit(r.ctx, &r.me.ID, "unit.bindgroup", u.Name, fmt.Sprintf("chat %d", r.in.chatID)); err != nil {
		return nil, err
	}
	return r.say("bindgroup_done", esc(u.Name)), nil
}

// runBindGroupPrivate explains that /bindgroup belongs in the group.
func runBindGroupPrivate(r *request) ([]telegram.Message, error) {
	return r.say("bindgroup_private"), nil
}
