package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/ganshi/ganshi/models"
)

// calendarPage is the holiday calendar of a year: the days that differ
// from Monday to Friday, official or set by an admin, and a form to add
// one. Problem says why the last day entered was refused.
type calendarPage struct {
	Year       int
	Prev, Next int
	Days       []calendarDay
	Problem    string
	Entered    models.CalendarDay
}

type calendarDay struct {
	models.CalendarDay
	Weekday int
}

// showCalendar is GET /calendar?year=, for admins.
func (s *Server) showCalendar(w http.ResponseWriter, r *http.Request, v *visitor) {
	if v.me.Role != models.RoleAdmin {
		s.refuse(w, r, v, "calendar")
		return
	}
	year := s.st.Now().In(s.loc).Year()
	if y := r.URL.Query().Get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 2000 || n > 2100 {
			s.fail(w, r, v, http.StatusBadRequest, "web_err_filter")
			return
		}
		year = n
	}
	s.renderCalendar(w, r, v, http.StatusOK, calendarPage{Year: year})
}

func (s *Server) renderCalendar(w http.ResponseWriter, r *http.Request, v *visitor, status int, data calendarPage) {
	days, err := s.st.CalendarDays(r.Context(), data.Year)
	if err != nil {
		s.serverError(w, r, v, err)
		return
	}
	data.Prev, data.Next = data.Year-1, data.Year+1
	for _, d := range days {
		t, _ := time.Parse(time.DateOnly, d.Date)
		data.Days = append(data.Days, calendarDay{CalendarDay: d, Weekday: int(t.Weekday())})
	}
	p := s.newPage(v, "web_calendar", "schedules", data)
	p.Title = p.T("web_calendar_year", data.Year)
	s.render(w, r, status, "calendar", p)
}
