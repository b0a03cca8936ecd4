package web

import (
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ganshi/ganshi/models"
)

// addCalendarDay is POST /calendar: an admin makes a day a holiday or a
// make-up workday (调休), as /holiday add does in chat, audited the same.
// A malformed day comes back on the page with what was entered.
func (s *Server) addCalendarDay(w http.ResponseWriter, r *http.Request, v *visitor) {
	if v.me.Role != models.RoleAdmin {
		s.refuse(w, r, v, "calendar")
		return
	}
	day := models.CalendarDay{Date: strings.TrimSpace(r.PostFormValue("date")), Kind: r.PostFormValue("kind"),
		Name: strings.TrimSpace(r.PostFormValue("name"))}
	t, err := time.Parse(time.DateOnly, day.Date)
	if err != nil || (day.Kind != models.DayHoliday && day.Kind != models.DayWorkday) || utf8.RuneCountInString(day.Name) > 100 {
		year := s.st.Now().In(s.loc).Year()
		if err == nil {
			year = t.Year()
		}
		s.renderCalendar(w, r, v, http.StatusUnprocessableEntity, calendarPage{Year: year, Entered: day, Problem: "web_err_day"})
		return
	}
	if err := s.st.SetCalendarDay(r.Context(), day.Date, day.Kind, day.Name, &v.me.ID); err != nil {
		s.serverError(w, r, v, err)
		return
	}
	s.redirectDone(w, r, "/calendar?year="+day.Date[:4], "web_done_day_set", day.Date)
}
