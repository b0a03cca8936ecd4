package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/ganshi/ganshi/models"
)

// editContestTask is POST /contest/{id}/tasks: a task's measure,
// direction and weight. A refused value comes back on the page with what
// was typed and why; nothing is written.
func (s *Server) editContestTask(w http.ResponseWriter, r *http.Request, v *visitor) {
	id, ok := pathID(r, "id")
	if v.me.Role != models.RoleAdmin || !ok {
		s.refuse(w, r, v, "contest task")
		return
	}
	taskID, err := strconv.ParseInt(r.PostFormValue("task"), 10, 64)
	if err != nil {
		s.fail(w, r, v, http.StatusBadRequest, "web_err_bad_form")
		return
	}
	e := models.TaskEdit{Measure: r.PostFormValue("measure"), Direction: r.PostFormValue("direction"), Weight: r.PostFormValue("weight")}
	t, err := s.st.EditContestTask(r.Context(), id, taskID, e, &v.me.ID)
	var ref *models.EditRefusal
	switch {
	case errors.As(err, &ref):
		s.renderContestEdit(w, r, v, id, http.StatusUnprocessableEntity, editForm{Problems: ref.Msgs, Task: taskID, Entered: r.PostForm})
	case err != nil:
		s.storeError(w, r, v, err)
	default:
		s.redirectDone(w, r, "/contest/"+r.PathValue("id")+"/edit", "web_done_task", t.Name)
	}
}
