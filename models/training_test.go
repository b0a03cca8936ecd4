package models_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// trainingWorld is a township with its principal and a cadre (both in
// chat), an admin organiser and a lecture tomorrow 09:00–11:00.
type trainingWorld struct {
	unit           models.Unit
	lead, cad, adm models.Cadre
	lecture        models.TrainingSession
}

func seedTraining(t *testing.T, st *models.Store, county bool) trainingWorld {
	t.Helper()
	ctx := context.Background()
	u, lead, cad := seedUnit(t, st, "城关镇")
	adm := models.Cadre{Name: "组织部", ExternalID: "ADM", Role: models.RoleAdmin, Active: true, Lang: "zh"}
	if err := st.DB().Create(&adm).Error; err != nil {
		t.Fatal(err)
	}
	for i, c := range []*models.Cadre{&lead, &cad, &adm} {
		chat := int64(100 + i)
		if err := st.DB().Model(c).Update("chat_id", chat).Error; err != nil {
			t.Fatal(err)
		}
		c.ChatID = &chat
	}
	n := models.NewTraining{Kind: models.TrainingLecture, Title: "学习贯彻专题党课", Place: "镇政府三楼会议室", Bring: "笔记本",
		StartsAt: at("2026-11-03 09:00"), EndsAt: at("2026-11-03 11:00"), OrganiserID: adm.ID, Lecturer: lead.Name,
		LecturerID: &lead.ID, Hours: 2, UnitID: &u.ID}
	if county {
		n.UnitID = nil
	}
	lec, err := st.CreateTraining(ctx, n)
	if err != nil {
		t.Fatal(err)
	}
	return trainingWorld{u, lead, cad, adm, lec}
}

func outboxKinds(t *testing.T, st *models.Store, kind string) []models.Notification {
	t.Helper()
	var ns []models.Notification
	if err := st.DB().Where("kind = ?", kind).Order("id").Find(&ns).Error; err != nil {
		t.Fatal(err)
	}
	return ns
}

func TestTrainingInviteLeaveAndCheckin(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		w := seedTraining(t, st, false)
		stranger := models.Cadre{Name: "未绑定", ExternalID: "X1", UnitID: &w.unit.ID, Role: models.RoleCadre, Active: true, Lang: "zh"}
		if err := st.DB().Create(&stranger).Error; err != nil {
			t.Fatal(err)
		}
		sum, err := st.InviteToTraining(ctx, w.lecture.ID, []int64{w.cad.ID, w.lead.ID, stranger.ID, w.cad.ID}, "Asia/Shanghai")
		if err != nil || sum.Added != 3 || len(sum.Unreachable) != 1 || sum.Unreachable[0] != "未绑定" {
			t.Fatalf("invite: %+v %v", sum, err)
		}
		if ns := outboxKinds(t, st, models.KindTrainingInvite); len(ns) != 2 {
			t.Fatalf("invitations in the outbox: %d, want 2 (the unbound one is unreachable)", len(ns))
		}
		again, err := st.InviteToTraining(ctx, w.lecture.ID, []int64{w.cad.ID}, "Asia/Shanghai")
		if err != nil || again.Added != 0 || again.Known != 1 || len(outboxKinds(t, st, models.KindTrainingInvite)) != 2 {
			t.Fatalf("inviting again: %+v %v", again, err)
		}
		list, err := st.TrainingAttendance(ctx, w.lecture.ID)
		if err != nil || list.Invited != 3 || list.Unreachable != 1 {
			t.Fatalf("list: %+v %v", list, err)
		}
		var inv models.TrainingInvitation
		if err := st.DB().Where("cadre_id = ?", w.cad.ID).Take(&inv).Error; err != nil {
			t.Fatal(err)
		}
		// Leave in a unit's session goes to the principal, who approves.
		_, _, approver, err := st.AskTrainingLeave(ctx, inv.ID, w.cad.ID, "下乡处置防汛险情")
		if err != nil || approver != w.lead.ID {
			t.Fatalf("leave: approver %d %v", approver, err)
		}
		if _, _, err := st.DecideTrainingLeave(ctx, inv.ID, w.cad, true); !errors.Is(err, models.ErrTrainingNotAllowed) {
			t.Errorf("the cadre approved their own leave: %v", err)
		}
		got, _, err := st.DecideTrainingLeave(ctx, inv.ID, w.lead, false)
		if err != nil || got.Answer != models.TrainingLeaveRefused {
			t.Fatalf("refuse: %+v %v", got, err)
		}
		if _, _, err := st.ConfirmTraining(ctx, inv.ID, w.cad.ID); err != nil {
			t.Fatal(err)
		}
		// Check-in: the screen's code, at the start.
		clock.Set(at("2026-11-03 08:50"))
		lec, _ := st.GetTraining(ctx, w.lecture.ID)
		scr := lec.Screen(clock.Now())
		if !scr.Open || len(scr.Code) != 6 {
			t.Fatalf("screen: %+v", scr)
		}
		if _, err := st.CheckIn(ctx, w.adm.ID, scr.Code); !errors.Is(err, models.ErrNotInvited) {
			t.Errorf("someone not invited checked in: %v", err)
		}
		res, err := st.CheckIn(ctx, w.cad.ID, scr.Code)
		if err != nil || res.Session.ID != lec.ID || res.Late {
			t.Fatalf("check in: %+v %v", res, err)
		}
		if _, err := st.CheckIn(ctx, w.cad.ID, lec.Screen(clock.Now()).Code); !errors.Is(err, models.ErrCheckedIn) {
			t.Errorf("checked in twice: %v", err)
		}
		// The lead reads a code that has just turned: the previous one still counts.
		clock.Advance(models.CheckinSlot)
		if _, err := st.CheckIn(ctx, w.lead.ID, scr.Code); err != nil {
			t.Errorf("the code of the slot before was refused: %v", err)
		}
		clock.Set(at("2026-11-03 11:00"))
		list, _ = st.TrainingAttendance(ctx, w.lecture.ID)
		if list.Present != 2 || list.Absent != 1 {
			t.Errorf("after the end: %+v", list)
		}
		h, err := st.CadreTrainingHours(ctx, w.cad.ID, 2026, shanghai)
		if err != nil || h.YearHours != 2 || h.PeriodHours != 2 || h.PeriodFrom != 2024 || len(h.Sessions) != 1 {
			t.Errorf("hours: %+v %v", h, err)
		}
		all, err := st.TrainingHoursAll(ctx, 2026, shanghai)
		if err != nil || len(all) != 3 {
			t.Fatalf("everyone's hours: %+v %v", all, err)
		}
		for _, a := range all {
			want := map[string]float64{w.cad.Name: 2, w.lead.Name: 2, "未绑定": 0}[a.Name]
			if a.Year != want || a.Period != want || a.Sessions != 1 {
				t.Errorf("%s: %+v, want %v hours", a.Name, a, want)
			}
		}
		// The annual profile's hours name the session behind them.
		for who, want := range map[models.Cadre]int{w.cad: 1, stranger: 0} {
			p, _, err := st.AnnualProfileOf(ctx, who.ID, 2026, shanghai)
			if err != nil {
				t.Fatal(err)
			}
			in := indicator(t, p, models.AnnualTraining, "training_hours")
			if len(in.Sources) != want || in.Value != float64(2*want) {
				t.Errorf("%s's training in the profile: %+v", who.Name, in)
			}
			if want == 1 {
				if ref := in.Sources[0]; ref.Kind != models.RefTraining || ref.ID != w.lecture.ID || ref.Label != "2026-11-03 学习贯彻专题党课" {
					t.Errorf("the session behind the hours: %+v", ref)
				}
			}
		}
	})
}

// Bad input: a code from a screenshot reused the next minute.
func TestTrainingScreenshotCodeRefused(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		w := seedTraining(t, st, false)
		if _, err := st.InviteToTraining(ctx, w.lecture.ID, []int64{w.cad.ID}, "UTC"); err != nil {
			t.Fatal(err)
		}
		clock.Set(at("2026-11-03 09:00"))
		code := w.lecture.Screen(clock.Now()).Code
		clock.Advance(time.Minute)
		if _, err := st.CheckIn(ctx, w.cad.ID, code); !errors.Is(err, models.ErrCheckinCode) {
			t.Errorf("a minute-old code: %v", err)
		}
	})
}

// Bad input: a code sent after the window.
func TestTrainingCodeAfterWindow(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		w := seedTraining(t, st, false)
		if _, err := st.InviteToTraining(ctx, w.lecture.ID, []int64{w.cad.ID}, "UTC"); err != nil {
			t.Fatal(err)
		}
		clock.Set(at("2026-11-03 10:59").Add(59 * time.Second))
		code := w.lecture.Screen(clock.Now()).Code
		clock.Advance(5 * time.Second) // 11:00:04, the session is over
		if _, err := st.CheckIn(ctx, w.cad.ID, code); !errors.Is(err, models.ErrCheckinClosed) {
			t.Errorf("a code after the window: %v", err)
		}
	})
}

// Bad input: a leave request after the session started.
func TestTrainingLeaveAfterStart(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		w := seedTraining(t, st, true)
		if _, err := st.InviteToTraining(ctx, w.lecture.ID, []int64{w.cad.ID}, "UTC"); err != nil {
			t.Fatal(err)
		}
		var inv models.TrainingInvitation
		st.DB().Where("cadre_id = ?", w.cad.ID).Take(&inv)
		if _, _, approver, err := st.AskTrainingLeave(ctx, inv.ID, w.cad.ID, "病假"); err != nil || approver != w.adm.ID {
			t.Errorf("county-wide leave goes to the organiser: %d %v", approver, err)
		}
		clock.Set(at("2026-11-03 09:01"))
		if _, _, _, err := st.AskTrainingLeave(ctx, inv.ID, w.cad.ID, "临时有事"); !errors.Is(err, models.ErrTrainingStarted) {
			t.Errorf("leave after the start: %v", err)
		}
	})
}

// Bad input: a batch over capacity, and a cadre in two batches.
func TestTrainingBatchCapacity(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		w := seedTraining(t, st, true)
		mk := func(batch int) models.TrainingSession {
			s, err := st.CreateTraining(ctx, models.NewTraining{Kind: models.TrainingMilitary, Title: fmt.Sprintf("集中军训第%d批", batch),
				Place: "县人武部训练基地", StartsAt: at("2026-11-10 08:00"), EndsAt: at("2026-11-12 17:00"), OrganiserID: w.adm.ID,
				Hours: 24, Capacity: 1, Series: "2026冬训", Batch: batch})
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		b1, b2 := mk(1), mk(2)
		if _, err := st.InviteToTraining(ctx, b1.ID, []int64{w.cad.ID, w.lead.ID}, "UTC"); !errors.Is(err, models.ErrOverCapacity) {
			t.Errorf("two in a batch of one: %v", err)
		}
		if _, err := st.InviteToTraining(ctx, b1.ID, []int64{w.cad.ID}, "UTC"); err != nil {
			t.Fatal(err)
		}
		if _, err := st.InviteToTraining(ctx, b2.ID, []int64{w.cad.ID}, "UTC"); !errors.Is(err, models.ErrOtherBatch) {
			t.Errorf("the same cadre in a second batch: %v", err)
		}
	})
}

// Bad input: a session moved, then cancelled, after invitations: every
// invitee told once per change, however often the change is written.
func TestTrainingMovedAndCancelledToldOnce(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		w := seedTraining(t, st, false)
		if _, err := st.InviteToTraining(ctx, w.lecture.ID, []int64{w.cad.ID, w.lead.ID}, "UTC"); err != nil {
			t.Fatal(err)
		}
		if _, n, err := st.MoveTraining(ctx, w.lecture.ID, at("2026-11-04 15:00"), at("2026-11-04 17:00"), "", "UTC"); err != nil || n != 2 {
			t.Fatalf("move: told %d, %v", n, err)
		}
		if _, n, err := st.CancelTraining(ctx, w.lecture.ID, "与县委全会冲突", "UTC"); err != nil || n != 2 {
			t.Fatalf("cancel: told %d, %v", n, err)
		}
		if _, _, err := st.CancelTraining(ctx, w.lecture.ID, "again", "UTC"); !errors.Is(err, models.ErrTrainingCancelled) {
			t.Errorf("cancelled twice: %v", err)
		}
		if ns := outboxKinds(t, st, models.KindTrainingChange); len(ns) != 4 {
			t.Errorf("change notices: %d, want 4 (2 people × 2 changes)", len(ns))
		}
		// The invitation of the old time lapses before it is sent.
		inv := outboxKinds(t, st, models.KindTrainingInvite)[0]
		var p models.TrainingNotice
		mustJSON(t, inv.Payload, &p)
		if _, err := st.RefreshTrainingInvite(ctx, models.Recheck{ChatID: inv.ChatID}, p); !errors.Is(err, models.ErrLapsed) {
			t.Errorf("the invitation of a cancelled session: %v", err)
		}
	})
}

func TestTrainingRemindersOncePerDay(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		w := seedTraining(t, st, false)
		clock.Set(at("2026-11-01 10:00"))
		if _, err := st.InviteToTraining(ctx, w.lecture.ID, []int64{w.cad.ID}, "UTC"); err != nil {
			t.Fatal(err)
		}
		before := []time.Duration{24 * time.Hour, time.Hour}
		now := at("2026-11-02 09:00")
		ns, err := st.TrainingReminders(ctx, now, now, before, shanghai)
		if err != nil || len(ns) != 1 {
			t.Fatalf("day before: %d %v", len(ns), err)
		}
		// A day-before reminder held by quiet hours to the session's own
		// morning is not sent: the hour-before one comes that day.
		ns, _ = st.TrainingReminders(ctx, now, at("2026-11-03 08:00"), before, shanghai)
		if len(ns) != 0 {
			t.Errorf("two reminders on the session's day: %d", len(ns))
		}
		ns, _ = st.TrainingReminders(ctx, at("2026-11-03 08:00"), at("2026-11-03 08:00"), before, shanghai)
		if len(ns) != 1 || ns[0].DedupKey == "" {
			t.Errorf("hour before: %+v", ns)
		}
	})
}

func TestTrainingAudienceUnder50(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		w := seedTraining(t, st, true)
		st.DB().Model(&w.cad).Update("birth_date", "1985-06-01")
		st.DB().Model(&w.lead).Update("birth_date", "1970-01-01")
		ids, err := st.AudienceCadres(ctx, models.Audience{UnitIDs: []int64{w.unit.ID}, UnderAge: 50, On: clock.Now()})
		if err != nil || len(ids) != 1 || ids[0] != w.cad.ID {
			t.Errorf("under 50: %v %v", ids, err)
		}
		ids, _ = st.AudienceCadres(ctx, models.Audience{Roles: []string{models.RoleLeader}})
		if len(ids) != 1 || ids[0] != w.lead.ID {
			t.Errorf("leaders: %v", ids)
		}
	})
}

func TestLectureDuty(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		w := seedTraining(t, st, false)
		if err := st.SetLectureDuty(ctx, w.lead.ID, 2026, 1); err != nil {
			t.Fatal(err)
		}
		ns, err := st.LectureDueNotifications(ctx, 2026, "w45")
		if err != nil || len(ns) != 1 {
			t.Fatalf("owed: %d %v", len(ns), err)
		}
		var p models.LectureDue
		mustJSON(t, ns[0].Payload, &p)
		if _, err := st.RecordLecture(ctx, w.lead.ID, at("2026-11-03 09:00"), "学习贯彻全会精神", 85); err != nil {
			t.Fatal(err)
		}
		if _, err := st.RefreshLectureDue(ctx, models.Recheck{ChatID: ns[0].ChatID}, p); !errors.Is(err, models.ErrLapsed) {
			t.Errorf("a given lecture is still asked for: %v", err)
		}
	})
}

func mustJSON(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatal(err)
	}
}

// The roster's optional birth date reaches the cadre and an "under 50"
// audience; a file without the column keeps it.
func TestRosterBirthDateForAudience(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		rows := []models.RosterRow{
			{Line: 2, ExternalID: "A1", Name: "张建国", Unit: "城关镇", UnitKind: models.UnitTownship, Category: "乡镇一类", Position: "书记", Duty: "全面", Role: models.RoleLeader, BirthDate: "1972-03-08"},
			{Line: 3, ExternalID: "A2", Name: "陈晓燕", Unit: "城关镇", UnitKind: models.UnitTownship, Category: "乡镇一类", Position: "副镇长", Duty: "城建", Role: models.RoleCadre, BirthDate: "1988-06-01"},
		}
		if _, err := st.ApplyRoster(ctx, rows, models.ApplyOptions{}); err != nil {
			t.Fatal(err)
		}
		rows[1].BirthDate, rows[1].Position = "", "镇长"
		if _, err := st.ApplyRoster(ctx, rows, models.ApplyOptions{}); err != nil {
			t.Fatal(err)
		}
		ids, err := st.AudienceCadres(ctx, models.Audience{UnderAge: 50, On: clock.Now()})
		c, _ := st.CadreByExternalID(ctx, "A2")
		if err != nil || len(ids) != 1 || ids[0] != c.ID || c.BirthDate != "1988-06-01" {
			t.Errorf("under 50: %v %v, %q", ids, err, c.BirthDate)
		}
	})
}

// A session with a second check-in at the end records late arrivals and
// early departures; hours are credited to whoever checked in.
func TestTrainingLateAndLeftEarly(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		w := seedTraining(t, st, true)
		s, err := st.CreateTraining(ctx, models.NewTraining{Kind: models.TrainingCourse, Title: "专题研修班", Place: "党校",
			StartsAt: at("2026-11-03 09:00"), EndsAt: at("2026-11-03 11:00"), OrganiserID: w.adm.ID, Hours: 2, CheckOut: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.InviteToTraining(ctx, s.ID, []int64{w.cad.ID, w.lead.ID}, "UTC"); err != nil {
			t.Fatal(err)
		}
		clock.Set(at("2026-11-03 08:55"))
		if _, err := st.CheckIn(ctx, w.cad.ID, s.Screen(clock.Now()).Code); err != nil {
			t.Fatal(err)
		}
		clock.Set(at("2026-11-03 09:20"))
		if res, err := st.CheckIn(ctx, w.lead.ID, s.Screen(clock.Now()).Code); err != nil || !res.Late {
			t.Fatalf("late: %+v %v", res, err)
		}
		clock.Set(at("2026-11-03 10:55"))
		scr := s.Screen(clock.Now())
		if !scr.Out {
			t.Fatalf("the screen at the end: %+v", scr)
		}
		if res, err := st.CheckIn(ctx, w.cad.ID, scr.Code); err != nil || !res.Out {
			t.Fatalf("check out: %+v %v", res, err)
		}
		clock.Set(at("2026-11-03 11:30"))
		l, err := st.TrainingAttendance(ctx, s.ID)
		if err != nil || l.Present != 2 || l.LeftEarly != 1 {
			t.Fatalf("list: %+v %v", l, err)
		}
		for _, r := range l.Rows {
			if want := map[string]string{w.cad.Name: models.AttendPresent, w.lead.Name: models.AttendLeftEarly}[r.Cadre]; r.Attendance != want {
				t.Errorf("%s: %s, want %s", r.Cadre, r.Attendance, want)
			}
		}
	})
}

// Guessing is cut short: after ten wrong codes even the right one is
// refused for a while.
func TestTrainingCheckinGuessingLocked(t *testing.T) {
	modelstest.Each(t, func(t *testing.T, st *models.Store, clock *modelstest.Clock) {
		ctx := context.Background()
		w := seedTraining(t, st, false)
		if _, err := st.InviteToTraining(ctx, w.lecture.ID, []int64{w.cad.ID}, "UTC"); err != nil {
			t.Fatal(err)
		}
		clock.Set(at("2026-11-03 09:00"))
		right := w.lecture.Screen(clock.Now()).Code
		for i := 0; i < 10; i++ {
			guess := fmt.Sprintf("%06d", i)
			if guess == right {
				continue
			}
			if _, err := st.CheckIn(ctx, w.cad.ID, guess); !errors.Is(err, models.ErrCheckinCode) {
				t.Fatalf("guess %s: %v", guess, err)
			}
		}
		if right >= "000010" {
			if _, err := st.CheckIn(ctx, w.cad.ID, right); !errors.Is(err, models.ErrCheckinLocked) {
				t.Errorf("the right code after ten guesses: %v", err)
			}
		}
		clock.Advance(31 * time.Minute)
		if _, err := st.CheckIn(ctx, w.cad.ID, w.lecture.Screen(clock.Now()).Code); err != nil {
			t.Errorf("after the lock: %v", err)
		}
	})
}
