package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/ganshi/ganshi/models"
)

// talkView is one talk as its page shows it to the visitor: the cadre
// sees when, where and with whom; leaders also why; the record only its
// holder and admins (models.OpenTalkRecord audits an admin's read).
type talkView struct {
	models.TalkRow
	ShowReason bool
	Record     bool // the record (and the note) is shown
	Secret     bool // a record exists that the visitor may not read
}

// showTalk is GET /talks/{id}.
func (s *Server) showTalk(w http.ResponseWriter, r *http.Request, v *visitor) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	row, err := s.st.TalkRowByID(r.Context(), id)
	if errors.Is(err, models.ErrNotFound) {
		s.notFound(w, r)
		return
	} else if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	cadre, err := s.st.GetCadre(r.Context(), row.CadreID)
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	if !v.me.MaySeeTalk(row.Talk, cadre) {
		s.refuse(w, r, v, fmt.Sprintf("view talk %d", id))
		return
	}
	view := talkView{TalkRow: row, ShowReason: v.me.ID != row.CadreID || v.me.MayReadTalkRecord(row.Talk)}
	if view.ShowReason && (row.HasRecord() || row.Note != "") {
		if view.Record, err = s.st.OpenTalkRecord(r.Context(), v.me, row); err != nil {
			s.serverError(w, r, v, err)
			return
		}
	}
	view.Secret = !view.Record && row.HasRecord()
	p := s.newPage(v, "web_talk_title", "talks", view)
	p.Title = p.T("web_talk_heading", row.CadreName, row.ID)
	s.render(w, r, http.StatusOK, "talk", p)
}
