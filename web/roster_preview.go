package web

import (
	"errors"
	"net/http"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets/roster"
)

// previewPage is what an upload would change, worked out by ApplyRoster
// in a dry run, before the admin confirms.
type previewPage struct {
	ID   int64
	File string
	Rows int
	Sum  models.RosterSummary
}

// previewRoster is GET /roster/uploads/{id}: the upload of this session
// only; another session's id is not found.
func (s *Server) previewRoster(w http.ResponseWriter, r *http.Request, v *visitor) {
	up, rows, ok := s.keptRoster(w, r, v)
	if !ok {
		return
	}
	sum, err := s.st.ApplyRoster(r.Context(), rows, models.ApplyOptions{DryRun: true})
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	data := previewPage{ID: up.ID, File: up.Name, Rows: len(rows), Sum: sum}
	s.render(w, r, http.StatusOK, "roster_preview", s.newPage(v, "web_roster_preview", "roster", data))
}

// keptRoster reads the session's kept upload and parses it again (it
// passed before; the parse is cheap and keeps no second copy).
func (s *Server) keptRoster(w http.ResponseWriter, r *http.Request, v *visitor) (models.WebUpload, []models.RosterRow, bool) {
	if v.me.Role != models.RoleAdmin {
		s.refuse(w, r, v, "roster upload")
		return models.WebUpload{}, nil, false
	}
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return models.WebUpload{}, nil, false
	}
	up, err := s.st.WebUploadOf(r.Context(), v.session.ID, id)
	if errors.Is(err, models.ErrNotFound) {
		s.fail(w, r, v, http.StatusNotFound, "web_err_upload_gone")
		return up, nil, false
	} else if err != nil {
		s.serverError(w, r, v, err)
		return up, nil, false
	}
	rows, err := roster.Parse(up.Name, up.Data, roster.EncodingAuto)
	if err != nil {
		s.serverError(w, r, v, err)
		return up, nil, false
	}
	return up, rows, true
}
