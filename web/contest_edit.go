package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// contestEditPage is 调整结对打擂: a contest's tasks, each unit's targets
// group by group, and which group each unit is in.
type contestEditPage struct {
	Contest  models.Contest
	Problems []string
	Tasks    []taskForm
	Groups   []targetTable
	Members  []memberForm
}

type taskForm struct {
	ID                         int64
	Seq                        int
	Name                       string
	Measure, Direction, Weight string
	Bad                        bool
}

// targetTable is one group: a row per unit, a cell per task.
type targetTable struct {
	Group models.ContestGroup
	Tasks []models.ContestTask
	Rows  []targetRow
	Alone bool
}

type targetRow struct {
	Name  string
	Cells []targetCell
}

type targetCell struct {
	Field, Value, Label string
	Bad                 bool
}

// memberForm is a unit with its group and the groups of its category it
// may join.
type memberForm struct {
	models.LayoutMember
	Choices []models.ContestGroup
}

// editForm is what a refused POST brings back to the page: why, and what
// was typed, so nothing has to be typed again.
type editForm struct {
	Problems []texts.Msg
	Task     int64 // the task whose form was refused
	Entered  url.Values
	Bad      map[string]bool // target fields refused
}

// showContestEdit is GET /contest/{id}/edit, for admins.
func (s *Server) showContestEdit(w http.ResponseWriter, r *http.Request, v *visitor) {
	id, ok := pathID(r, "id")
	if v.me.Role != models.RoleAdmin || !ok {
		s.refuse(w, r, v, "contest edit")
		return
	}
	s.renderContestEdit(w, r, v, id, http.StatusOK, editForm{})
}

func (s *Server) renderContestEdit(w http.ResponseWriter, r *http.Request, v *visitor, id int64, status int, f editForm) {
	l, err := s.st.ContestLayout(r.Context(), id)
	if err != nil {
		s.storeError(w, r, v, err)
		return
	}
	p := s.newPage(v, "web_title_contest_edit", "contest_admin", nil)
	d := contestEditPage{Contest: l.Contest, Tasks: taskForms(l.Tasks, f), Groups: targetTables(l, f)}
	for _, m := range f.Problems {
		d.Problems = append(d.Problems, m.Text(p.Lang))
	}
	for _, m := range l.Members {
		mf := memberForm{LayoutMember: m}
		for _, g := range l.Groups {
			if g.Category == m.Category || g.ID == m.GroupID { // where it is, even when the roster moved it to another category
				mf.Choices = append(mf.Choices, g)
			}
		}
		d.Members = append(d.Members, mf)
	}
	p.Data = d
	s.render(w, r, status, "contest_edit", p)
}

func taskForms(ts []models.ContestTask, f editForm) []taskForm {
	out := make([]taskForm, len(ts))
	for i, t := range ts {
		out[i] = taskForm{ID: t.ID, Seq: t.Seq, Name: t.Name, Measure: t.Measure, Direction: t.Direction,
			Weight: strconv.FormatFloat(t.Weight, 'f', -1, 64)}
		if t.ID == f.Task {
			out[i].Measure, out[i].Direction, out[i].Weight = f.Entered.Get("measure"), f.Entered.Get("direction"), f.Entered.Get("weight")
			out[i].Bad = true
		}
	}
	return out
}

func targetTables(l models.ContestLayout, f editForm) []targetTable {
	out := make([]targetTable, len(l.Groups))
	for i, g := range l.Groups {
		out[i] = targetTable{Group: g, Tasks: l.Tasks}
		for _, m := range l.Members {
			if m.GroupID != g.ID {
				continue
			}
			row := targetRow{Name: m.Name}
			for _, t := range l.Tasks {
				c := targetCell{Field: targetField(t.ID, m.UnitID), Label: m.Name + "·" + t.Name}
				if v, ok := l.Targets[[2]int64{t.ID, m.UnitID}]; ok {
					c.Value = strconv.FormatFloat(v, 'f', -1, 64)
				}
				if e := f.Entered.Get(c.Field); e != "" {
					c.Value = e
				}
				c.Bad = f.Bad[c.Field]
				row.Cells = append(row.Cells, c)
			}
			out[i].Rows = append(out[i].Rows, row)
		}
		out[i].Alone = len(out[i].Rows) < 2
	}
	return out
}

// targetField names the input of a unit's target for a task: t12_34.
func targetField(taskID, unitID int64) string { return fmt.Sprintf("t%d_%d", taskID, unitID) }
