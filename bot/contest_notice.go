package bot

import (
	"strconv"
	"strings"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// contestPromptMessage asks a unit's reporter for this week's progress.
func contestPromptMessage(p models.ContestPrompt, _ *time.Location) telegram.Message {
	lines := make([]string, len(p.Tasks))
	for i, t := range p.Tasks {
		lines[i] = esc(t)
	}
	return telegram.Message{Text: texts.T(p.Lang, "pg_weekly", esc(p.Contest), strings.Join(lines, "\n"))}
}

// meetingMessages is the meeting reminder: the group's chart as a photo,
// the caption naming the units and tasks the chart letters and numbers.
func meetingMessages(p models.ContestMeetingNotice, loc *time.Location) ([]telegram.Message, error) {
	if z, err := time.LoadLocation(p.Zone); err == nil && p.Zone != "" {
		loc = z
	}
	png, err := groupChartPNG(p.Chart)
	if err != nil {
		return nil, err
	}
	var units, tasks []string
	for i, u := range p.Chart.Units {
		units = append(units, unitLetter(i)+" "+esc(u.Name))
	}
	for i, t := range p.Chart.Tasks {
		tasks = append(tasks, strconv.Itoa(i+1)+" "+esc(t))
	}
	caption := texts.T(p.Lang, "pg_meeting", p.StartsAt.In(loc).Format("15:04"), esc(p.Kind), esc(p.Place), esc(p.Chart.Group),
		strings.Join(units, "；"), strings.Join(tasks, "；"))
	return []telegram.Message{{Text: caption, Photo: &telegram.Photo{Name: "standing.png", Data: png}}}, nil
}
