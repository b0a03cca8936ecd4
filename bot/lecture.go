package bot

import (
	"strconv"
	"strings"
	"time"

	"github.com/ganshi/ganshi/bot/telegram"
)

// runLecture is /lecture: the lectures the caller owes this year, or
// /lecture DAY TOPIC COUNT to record one given (day as 2026-06-12).
func runLecture(r *request) ([]telegram.Message, error) {
	f := strings.Fields(r.in.args)
	year := r.tx.Now().In(r.loc).Year()
	if len(f) == 0 {
		sts, err := r.tx.LectureDuties(r.ctx, year, r.me.ID)
		if err != nil {
			return nil, err
		}
		if len(sts) == 0 {
			return r.say("lecture_none", year), nil
		}
		return r.say("lecture_status", year, sts[0].Owed, sts[0].Given), nil
	}
	if len(f) < 3 {
		return r.say("lecture_usage"), nil
	}
	day, err := time.ParseInLocation("2006-01-02", f[0], r.loc)
	n, nerr := strconv.Atoi(f[len(f)-1])
	topic := strings.Join(f[1:len(f)-1], " ")
	if err != nil || nerr != nil || n < 0 || day.After(r.tx.Now()) {
		return r.say("lecture_usage"), nil
	}
	if _, err := r.tx.RecordLecture(r.ctx, r.me.ID, day, topic, n); err != nil {
		return nil, err
	}
	return r.say("lecture_recorded", f[0], esc(topic), n), nil
}
