package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets"
)

// inviteTTL is how long the codes issued from the console stay valid, as
// `ganshi invite` by default.
const inviteTTL = 30 * 24 * time.Hour

// issueInvites is POST /roster/invites: a new code for every active cadre
// not yet bound (in one unit, or all), returned at once as the sheet to
// print, as `ganshi invite --xlsx` writes it. The codes exist nowhere else
// in clear, so the sheet is the response, not a file kept on the server.
func (s *Server) issueInvites(w http.ResponseWriter, r *http.Request, v *visitor) {
	if v.me.Role != models.RoleAdmin || s.botName == nil {
		s.refuse(w, r, v, "invitations")
		return
	}
	var unitID *int64
	target := "all units"
	if id, err := strconv.ParseInt(r.PostFormValue("unit"), 10, 64); err == nil && id > 0 {
		u, err := s.st.GetUnit(r.Context(), id)
		if errors.Is(err, models.ErrNotFound) {
			s.notFound(w, r)
			return
		} else if err != nil {
			s.serverError(w, r, v, err)
			return
		}
		unitID, target = &u.ID, u.Name
	}
	bot, err := s.botName(r.Context())
	if err != nil {
		s.serverError(w, r, v, fmt.Errorf("bot username for invitations: %w", err))
		return
	}
	link := func(code string) string { return models.InviteLink(bot, code) }
	until := s.st.Now().Add(inviteTTL)
	var sheet bytes.Buffer
	invs, err := s.st.IssueInvitations(r.Context(), unitID, until, &v.me.ID, target, func(invs []models.Invitation) error {
		return sheets.InvitesXLSX(&sheet, invs, link, until.In(s.loc))
	})
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	if len(invs) == 0 {
		s.redirectDone(w, r, "/roster", "web_done_all_bound")
		return
	}
	name := fmt.Sprintf("邀请码-%s.xlsx", s.st.Now().In(s.loc).Format("20060102-1504"))
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename=\"invitations.xlsx\"; filename*=UTF-8''"+url.PathEscape(name))
	_, _ = sheet.WriteTo(w)
}
