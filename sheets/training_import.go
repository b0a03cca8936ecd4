package sheets

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// InviteeLine is one row of a training invitee list: the session's number,
// the cadre's roster id and (optionally) their name, to catch a wrong id.
type InviteeLine struct {
	Line       int
	SessionID  int64
	ExternalID string
	Name       string
}

// LineProblem is what is wrong on one line of a file.
type LineProblem struct {
	Line int
	What string
}

// LineProblems are every problem of a file; nothing is applied while any.
type LineProblems []LineProblem

func (ps LineProblems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "第%d行：%s", p.Line, p.What)
	}
	return b.String()
}

var inviteeHeaders = map[string]string{"场次": "session", "场次编号": "session", "session": "session",
	"工号": "external_id", "编号": "external_id", "external_id": "external_id", "姓名": "name", "name": "name"}

// ParseInvitees reads a training invitee list (CSV, UTF-8, a BOM allowed):
// columns 场次 (the session's number), 工号, and optionally 姓名. Every
// line is checked; the problems come back together, by line, with the
// lines that had none.
func ParseInvitees(data []byte) ([]InviteeLine, error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, LineProblems{{1, "缺少表头（场次,工号,姓名）"}}
	}
	col := map[string]int{}
	for i, h := range head {
		if k, ok := inviteeHeaders[strings.ToLower(strings.TrimSpace(h))]; ok {
			col[k] = i
		}
	}
	if _, ok := col["session"]; !ok {
		return nil, LineProblems{{1, "缺少“场次”列"}}
	}
	if _, ok := col["external_id"]; !ok {
		return nil, LineProblems{{1, "缺少“工号”列"}}
	}
	var out []InviteeLine
	var probs LineProblems
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			probs = append(probs, LineProblem{line, "无法读取：" + err.Error()})
			continue
		}
		get := func(k string) string {
			if i, ok := col[k]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		l := InviteeLine{Line: line, ExternalID: get("external_id"), Name: get("name")}
		id, err := strconv.ParseInt(get("session"), 10, 64)
		switch {
		case err != nil || id <= 0:
			probs = append(probs, LineProblem{line, fmt.Sprintf("场次“%s”不是编号", get("session"))})
			continue
		case l.ExternalID == "":
			probs = append(probs, LineProblem{line, "工号为空"})
			continue
		}
		l.SessionID = id
		out = append(out, l)
	}
	if len(probs) > 0 {
		return out, probs // the good lines too: the caller adds its own checks to the list
	}
	return out, nil
}
