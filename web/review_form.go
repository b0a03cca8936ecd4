package web

import (
	"errors"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// The outside respondents' form (服务对象评): people a unit serves answer
// with a one-time code, no login. GET never spends the code (chat apps
// fetch links first); the POST spends it and stores the answer in one
// transaction. Both are rate-limited per client.

type formPage struct {
	Code    string
	Unit    string
	Round   string
	Cadres  []formCadre
	Dims    []formDim
	Sat     int
	CadreID int64
	Note    string
	Problem string
}

type formCadre struct {
	ID       int64
	Name     string
	Position string
}

type formDim struct {
	Code, Name, Description string
	Checked                 bool
}

// showForm opens the form a code leads to, or says why it does not.
func (s *Server) showForm(w http.ResponseWriter, r *http.Request) {
	if !s.formLimiter.allow(clientIP(r)) {
		s.formMessage(w, r, http.StatusTooManyRequests, "web_form_rate")
		return
	}
	code := r.PathValue("code")
	open, err := s.st.PeekCode(r.Context(), code)
	if err != nil {
		s.codeProblem(w, r, err)
		return
	}
	data, err := s.formData(r, code, open)
	if err != nil {
		s.serverError(w, r, nil, err)
		return
	}
	s.renderForm(w, r, http.StatusOK, data)
}

func (s *Server) formData(r *http.Request, code string, open models.FormOpen) (formPage, error) {
	data := formPage{Code: code, Unit: open.Unit.Name, Round: open.Round.Code}
	for _, c := range open.Cadres {
		data.Cadres = append(data.Cadres, formCadre{ID: c.ID, Name: c.Name, Position: c.Position})
	}
	dims, err := s.st.ReviewDimensions(r.Context())
	if err != nil {
		return data, err
	}
	for _, d := range dims {
		data.Dims = append(data.Dims, formDim{Code: d.Code, Name: models.DimZH(d.Code), Description: d.Description})
	}
	return data, nil
}

func (s *Server) renderForm(w http.ResponseWriter, r *http.Request, status int, data formPage) {
	p := s.newPage(nil, "web_form_title", "", data)
	p.CSRF = s.setPreToken(w)
	w.Header().Set("X-Robots-Tag", "noindex")
	s.render(w, r, status, "review_form", p)
}

// submitForm spends the code and stores the answer. A wrong answer (no
// satisfaction, too long a note) shows the form again with what was
// typed; the code stays unspent.
func (s *Server) submitForm(w http.ResponseWriter, r *http.Request) {
	if !s.formLimiter.allow(clientIP(r)) {
		s.formMessage(w, r, http.StatusTooManyRequests, "web_form_rate")
		return
	}
	code := r.PathValue("code")
	a := models.PublicAnswer{Code: code, Note: r.PostFormValue("note")}
	a.Satisfaction, _ = strconv.Atoi(r.PostFormValue("satisfaction"))
	a.CadreID, _ = strconv.ParseInt(r.PostFormValue("cadre"), 10, 64)
	for _, d := range r.PostForm["dim"] {
		if dim, ok := models.ParseDim(d); ok {
			a.Dims = append(a.Dims, dim)
		}
	}
	problem := ""
	switch {
	case a.Satisfaction < 1 || a.Satisfaction > 5:
		problem = "web_form_need_sat"
	case utf8.RuneCountInString(a.Note) > models.MaxReviewNote:
		problem = "web_form_too_long"
	case len(a.Dims) > 0 && a.CadreID == 0:
		problem = "web_form_need_cadre"
	}
	if problem == "" {
		err := s.st.SubmitPublic(r.Context(), a)
		if errors.Is(err, models.ErrOtherUnit) {
			problem = "web_form_need_cadre"
		} else if err != nil {
			s.codeProblem(w, r, err)
			return
		}
	}
	if problem != "" {
		// The answer is shown again only to someone holding a good code.
		open, err := s.st.PeekCode(r.Context(), code)
		if err != nil {
			s.codeProblem(w, r, err)
			return
		}
		data, err := s.formData(r, code, open)
		if err != nil {
			s.serverError(w, r, nil, err)
			return
		}
		data.Sat, data.CadreID, data.Note = a.Satisfaction, a.CadreID, a.Note
		for i := range data.Dims {
			for _, d := range a.Dims {
				data.Dims[i].Checked = data.Dims[i].Checked || d == data.Dims[i].Code
			}
		}
		data.Problem = texts.T(texts.ZH, problem, models.MaxReviewNote)
		s.renderForm(w, r, http.StatusBadRequest, data)
		return
	}
	s.clearPreToken(w)
	s.formMessage(w, r, http.StatusOK, "web_form_thanks")
}

// codeProblem says why a code opens nothing; forged, used and expired
// codes are refused alike in what they reveal.
func (s *Server) codeProblem(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, models.ErrCodeUsed):
		s.formMessage(w, r, http.StatusGone, "web_form_used")
	case errors.Is(err, models.ErrCodeExpired):
		s.formMessage(w, r, http.StatusGone, "web_form_expired")
	case errors.Is(err, models.ErrCodeUnknown):
		s.formMessage(w, r, http.StatusNotFound, "web_form_unknown")
	default:
		s.serverError(w, r, nil, err)
	}
}

func (s *Server) formMessage(w http.ResponseWriter, r *http.Request, status int, key string) {
	p := s.newPage(nil, "web_form_title", "", nil)
	p.Data = errorPage{Status: status, Message: p.T(key)}
	w.Header().Set("X-Robots-Tag", "noindex")
	s.render(w, r, status, "review_form_msg", p)
}
