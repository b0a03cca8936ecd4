package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/ganshi/ganshi/models"
)

// contestAdminRow is one contest on 打擂设置 with its board links.
type contestAdminRow struct {
	Contest models.Contest
	Tokens  []models.BoardToken
}

type contestAdminPage struct {
	Contests []contestAdminRow
	NewURL   string // a link just made: shown this once
}

// showContestAdmin is GET /contest/settings: the department's switches for
// each contest (ordering by progress) and its board links.
func (s *Server) showContestAdmin(w http.ResponseWriter, r *http.Request, v *visitor) {
	s.contestAdmin(w, r, v, "")
}

func (s *Server) contestAdmin(w http.ResponseWriter, r *http.Request, v *visitor, newURL string) {
	if v.me.Role != models.RoleAdmin {
		s.refuse(w, r, v, "contest settings")
		return
	}
	cs, err := s.st.Contests(r.Context())
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	data := contestAdminPage{NewURL: newURL}
	for _, c := range cs {
		ts, err := s.st.BoardTokens(r.Context(), c.ID)
		if err != nil {
			s.serverError(w, r, v, err)
			return
		}
		data.Contests = append(data.Contests, contestAdminRow{Contest: c, Tokens: ts})
	}
	s.render(w, r, http.StatusOK, "contest_admin", s.newPage(v, "web_title_contest_admin", "contest_admin", data))
}

// setContestRanking is POST /contest/{id}/ranking with ranked=on|off.
func (s *Server) setContestRanking(w http.ResponseWriter, r *http.Request, v *visitor) {
	s.contestSwitch(w, r, v, "ranked", "ranking", func(ctx context.Context, id int64, on bool) error {
		if err := s.st.SetContestRanked(ctx, id, on); err != nil {
			return err
		}
		return s.st.Audit(ctx, &v.me.ID, "contest.ranking", r.PathValue("id"), r.PostFormValue("ranked"))
	})
}

// setContestActive is POST /contest/{id}/active with active=on|off.
func (s *Server) setContestActive(w http.ResponseWriter, r *http.Request, v *visitor) {
	s.contestSwitch(w, r, v, "active", "active", func(ctx context.Context, id int64, on bool) error {
		return s.st.SetContestActive(ctx, id, on, &v.me.ID)
	})
}

// contestSwitch turns one of a contest's switches on or off (the form
// field named field, "on" or "off"), admins only, and says so in the
// flash web_done_<name>_on|off.
func (s *Server) contestSwitch(w http.ResponseWriter, r *http.Request, v *visitor, field, name string, set func(context.Context, int64, bool) error) {
	id, ok := pathID(r, "id")
	if v.me.Role != models.RoleAdmin || !ok {
		s.refuse(w, r, v, "contest "+name)
		return
	}
	on := r.PostFormValue(field) == "on"
	if err := set(r.Context(), id, on); err != nil {
		s.storeError(w, r, v, err)
		return
	}
	key := "web_done_" + name + "_off"
	if on {
		key = "web_done_" + name + "_on"
	}
	s.redirectDone(w, r, "/contest/settings", key)
}

// createBoardToken is POST /contest/{id}/tokens: a new board link, shown
// on the page this once (never put in a cookie or a redirect).
func (s *Server) createBoardToken(w http.ResponseWriter, r *http.Request, v *visitor) {
	id, ok := pathID(r, "id")
	if v.me.Role != models.RoleAdmin || !ok {
		s.refuse(w, r, v, "board token")
		return
	}
	label := strings.TrimSpace(r.PostFormValue("label"))
	if len([]rune(label)) > 100 {
		label = string([]rune(label)[:100])
	}
	_, token, err := s.st.CreateBoardToken(r.Context(), id, label)
	if err != nil {
		s.storeError(w, r, v, err)
		return
	}
	s.contestAdmin(w, r, v, s.origin+"/board/"+token)
}

// revokeBoardToken is POST /contest/tokens/{id}/revoke.
func (s *Server) revokeBoardToken(w http.ResponseWriter, r *http.Request, v *visitor) {
	id, ok := pathID(r, "id")
	if v.me.Role != models.RoleAdmin || !ok {
		s.refuse(w, r, v, "board token revoke")
		return
	}
	if err := s.st.RevokeBoardToken(r.Context(), id); err != nil {
		s.storeError(w, r, v, err)
		return
	}
	s.redirectDone(w, r, "/contest/settings", "web_done_token_revoked", id)
}
