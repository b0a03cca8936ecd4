package web

import (
	"net/http"

	"github.com/ganshi/ganshi/models"
)

// applyRoster is POST /roster/uploads/{id}/apply: the admin confirms the
// preview and the roster is applied in one transaction, audited under
// their name; cadres the file drops are deactivated only when asked
// (their web sessions end with it).
func (s *Server) applyRoster(w http.ResponseWriter, r *http.Request, v *visitor) {
	up, rows, ok := s.keptRoster(w, r, v)
	if !ok {
		return
	}
	opts := models.ApplyOptions{DeactivateMissing: r.PostFormValue("deactivate") == "1", Source: "web: " + up.Name, Actor: &v.me.ID}
	sum, err := s.st.ApplyRoster(r.Context(), rows, opts)
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	if err := s.st.DeleteWebUpload(r.Context(), up.ID); err != nil {
		s.serverError(w, r, v, err)
		return
	}
	s.tallies.forget()
	t := sum.Total
	s.redirectDone(w, r, "/roster", "web_done_roster", t.Added, t.Updated, t.Unchanged, t.Deactivated)
}
