package web

import (
	"errors"
	"net/http"

	"github.com/ganshi/ganshi/models"
)

// rosterUnitPage lists one unit's active cadres with how the bot reaches
// them: bound, not bound yet, or bound but unreachable (and why).
type rosterUnitPage struct {
	Unit      models.Unit
	Cadres    []models.Cadre
	Bound     int
	CanInvite bool
}

// showRosterUnit is GET /roster/units/{id}: for the unit's principal and
// admins, as /onboarding in chat.
func (s *Server) showRosterUnit(w http.ResponseWriter, r *http.Request, v *visitor) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	u, err := s.st.GetUnit(r.Context(), id)
	if errors.Is(err, models.ErrNotFound) {
		s.notFound(w, r)
		return
	} else if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	if !v.me.MayActOnUnit(u.ID) {
		s.refuse(w, r, v, "roster of unit "+u.Name)
		return
	}
	cs, err := s.st.UnitCadres(r.Context(), u.ID)
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	data := rosterUnitPage{Unit: u, Cadres: cs, CanInvite: v.me.Role == models.RoleAdmin && s.botName != nil}
	for _, c := range cs {
		if c.Bound() {
			data.Bound++
		}
	}
	p := s.newPage(v, "web_nav_roster", "roster", data)
	p.Title = u.Name + " · " + p.T("web_nav_roster")
	s.render(w, r, http.StatusOK, "roster_unit", p)
}
