package bot

import (
	"strconv"
	"strings"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// dayText shows a stored day (2006-01-02) as people write it: 6月30日.
func dayText(lang, day string) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	return texts.T(lang, "care_day", int(t.Month()), t.Day())
}

func muteButton(lang string, year int, item string) telegram.Button {
	return telegram.Button{Text: texts.T(lang, "care_btn_mute"), Data: careMuteData(year, item)}
}

func careLeaveMessage(p models.CareLeaveNotice) telegram.Message {
	return telegram.Message{Text: texts.T(p.Lang, "care_leave_notice", p.Year, p.Left, p.Entitled, dayText(p.Lang, yearEnd(p.Year))),
		Buttons: [][]telegram.Button{{muteButton(p.Lang, p.Year, models.CareLeave)}}}
}

func careLeaveUnitMessage(p models.CareLeaveUnitNotice) telegram.Message {
	var lines []string
	for _, r := range p.People {
		lines = append(lines, texts.T(p.Lang, "care_days_line", esc(r.Name), r.Left))
	}
	return telegram.Message{Text: texts.T(p.Lang, "care_leave_unit_notice", p.Year, dayText(p.Lang, yearEnd(p.Year)), strings.Join(lines, "\n"))}
}

func careCheckupMessage(p models.CareCheckupNotice) telegram.Message {
	return telegram.Message{Text: texts.T(p.Lang, "care_checkup_"+p.Stage, p.Year, dayText(p.Lang, p.ClosesOn)),
		Buttons: [][]telegram.Button{{
			{Text: texts.T(p.Lang, "care_btn_checkup_done"), Data: checkupDoneData(p.Year)},
			muteButton(p.Lang, p.Year, models.CareCheckup),
		}}}
}

func careRestMessage(p models.CareRestNotice) telegram.Message {
	y, _ := strconv.Atoi(p.StartsOn[:min(4, len(p.StartsOn))])
	return telegram.Message{Text: texts.T(p.Lang, "care_rest_notice", dayText(p.Lang, p.StartsOn), dayText(p.Lang, p.EndsOn), p.RestID),
		Buttons: [][]telegram.Button{{
			{Text: texts.T(p.Lang, "care_btn_rest_yes"), Data: restAnswerData(p.RestID, true)},
			{Text: texts.T(p.Lang, "care_btn_rest_no"), Data: restAnswerData(p.RestID, false)},
		}, {muteButton(p.Lang, y, models.CareRest)}}}
}

func correctionMessage(p models.CorrectionNotice) telegram.Message {
	key := "correction_notice"
	if p.Overdue {
		key = "correction_overdue"
	}
	return telegram.Message{Text: texts.T(p.Lang, key, esc(p.Text), dayText(p.Lang, p.Deadline), p.MeasureID)}
}

func yearEnd(year int) string {
	return time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}
