package models_test

import (
	"testing"

	"github.com/ganshi/ganshi/models"
)

func TestAuthorization(t *testing.T) {
	u1, u2 := int64(1), int64(2)
	cadre := models.Cadre{ID: 10, UnitID: &u1, Role: models.RoleCadre, Active: true}
	peer := models.Cadre{ID: 11, UnitID: &u1, Role: models.RoleCadre, Active: true}
	leader := models.Cadre{ID: 12, UnitID: &u1, Role: models.RoleLeader, Active: true}
	otherLeader := models.Cadre{ID: 13, UnitID: &u2, Role: models.RoleLeader, Active: true}
	admin := models.Cadre{ID: 14, Role: models.RoleAdmin, Active: true}
	gone := models.Cadre{ID: 15, UnitID: &u1, Role: models.RoleAdmin, Active: false}
	tests := []struct {
		name   string
		actor  models.Cadre
		target models.Cadre
		want   bool
	}{
		{"cadre on self", cadre, cadre, true},
		{"cadre on a colleague", cadre, peer, false},
		{"cadre on their leader", cadre, leader, false},
		{"leader on own unit", leader, cadre, true},
		{"leader on another unit", otherLeader, cadre, false},
		{"admin on anyone", admin, otherLeader, true},
		{"deactivated admin", gone, cadre, false},
	}
	for _, tt := range tests {
		if got := tt.actor.MayActOnCadre(tt.target); got != tt.want {
			t.Errorf("%s: MayActOnCadre = %v, want %v", tt.name, got, tt.want)
		}
	}
	if cadre.MayActOnUnit(u1) || !leader.MayActOnUnit(u1) || otherLeader.MayActOnUnit(u1) || !admin.MayActOnUnit(u2) {
		t.Error("MayActOnUnit: only the unit's leader and admins act for a unit")
	}
	if !cadre.AtLeast(models.RoleCadre) || cadre.AtLeast(models.RoleLeader) || !admin.AtLeast(models.RoleLeader) || gone.AtLeast(models.RoleCadre) {
		t.Error("AtLeast ranks cadre < leader < admin and refuses the inactive")
	}
}
