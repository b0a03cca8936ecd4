package web

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/ganshi/ganshi/models"
)

// reportView is one report as the report page shows it. History is for
// those who may act on its owner; colleagues see the posted report only.
type reportView struct {
	Rep       models.Report
	Owner     models.Cadre
	Unit      models.Unit
	Ach, Plan []models.ReportItem
	Signer    string
	History   []eventView
	CanJudge  bool // sign or return: the principal, while it is submitted
	CanReopen bool // the principal or an admin, once it is signed
}

type eventView struct {
	At      time.Time
	Kind    string
	Actor   string
	Comment string
}

// showReport is GET /reports/{id}, for whoever may see it in chat (/view).
func (s *Server) showReport(w http.ResponseWriter, r *http.Request, v *visitor) {
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r)
		return
	}
	rep, err := s.st.GetReport(r.Context(), id)
	if errors.Is(err, models.ErrNotFound) {
		s.notFound(w, r)
		return
	} else if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	view, err := s.loadReport(r, v, rep)
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	if !v.me.MayViewReport(rep, view.Owner) {
		s.refuse(w, r, v, fmt.Sprintf("view report %d", id))
		return
	}
	p := s.newPage(v, "web_report_title", "reports", view)
	p.Title = view.Owner.Name + " · " + p.Month(rep.Period)
	s.render(w, r, http.StatusOK, "report", p)
}

// loadReport reads the report's owner, unit, items, signer and, for those
// who may act on the owner, its history.
func (s *Server) loadReport(r *http.Request, v *visitor, rep models.Report) (reportView, error) {
	ctx := r.Context()
	view := reportView{Rep: rep}
	var err error
	if view.Owner, err = s.st.GetCadre(ctx, rep.CadreID); err != nil {
		return view, err
	}
	if view.Unit, err = s.st.GetUnit(ctx, rep.UnitID); err != nil {
		return view, err
	}
	its, err := s.st.ReportItems(ctx, rep.ID)
	if err != nil {
		return view, err
	}
	view.Ach, view.Plan = bySection(its)
	names := map[int64]string{}
	name := func(id int64) string {
		if n, ok := names[id]; ok {
			return n
		}
		c, err := s.st.GetCadre(ctx, id)
		if err == nil {
			names[id] = c.Name
		}
		return names[id]
	}
	if rep.SignedByID != nil {
		view.Signer = name(*rep.SignedByID)
	}
	view.CanJudge = rep.Status == models.ReportSubmitted && v.me.MayJudgeReport(view.Unit)
	view.CanReopen = rep.Status == models.ReportSigned && v.me.MayReopenReport(view.Unit)
	if !v.me.MayActOnCadre(view.Owner) {
		return view, nil
	}
	evs, err := s.st.ReportEvents(ctx, rep.ID)
	for _, e := range evs {
		ev := eventView{At: e.At, Kind: e.Kind, Comment: e.Comment}
		if e.ActorID != nil {
			ev.Actor = name(*e.ActorID)
		}
		view.History = append(view.History, ev)
	}
	return view, err
}
