package jobs

import "github.com/ganshi/ganshi/models"

// Schedule kinds: the job a schedule runs (models.Schedule.Kind). They are
// named Job…, for what fires; the notifications a job writes have kinds of
// their own, named Kind… in models, for what is sent. The strings are
// stored in schedules rows: never change one.
const (
	JobReportRemind   = "report_remind"     // before the report's deadline and on its day
	JobReportOverdue  = "report_overdue"    // after it: nudges, then the principal
	JobTalkRemind     = "talk_remind"       // to both people, some hours before a talk
	JobTalkOwed       = "talk_owed"         // to a principal while an owed talk has no time
	JobTalkUnrecorded = "talk_unrecorded"   // to the leader while a held talk is not written down
	JobDigestLeader   = "digest_leader"     // a unit's week, to its leaders
	JobDigestAdmin    = "digest_admin"      // the county's month, to the department
	JobReviewOpen     = "review_open"       // opens the quarter's check-up
	JobReviewPrompt   = "review_prompt"     // the check-up's one prompt and one reminder per respondent
	JobContestWeekly  = "contest_weekly"    // a unit's competition reporter: this week's progress
	JobContestMeeting = "contest_meeting"   // principals: a competition meeting tomorrow
	JobTrainingRemind = "training_remind"   // to invitees, the day before and an hour before a session
	JobLectureDuty    = "lecture_duty"      // to leading cadres who still owe this year's Party lecture
	JobCareLeave      = "care_leave"        // from Q4: unused leave, to the cadre and the principal
	JobCareCheckup    = "care_checkup"      // the year's check-up: when opened, before it closes
	JobCareRest       = "care_rest"         // a 疗养 rotation to confirm or decline
	JobCorrection     = "correction_follow" // a correction measure's deadline, to its owner
	JobAnnualRound    = "annual_round"      // the annual judgement opens: principals asked to assess
)

// Kind is everything the program needs about one kind of job.
type Kind struct {
	Name     string            // the schedules' Kind (Job…)
	Run      Job               // one fire's work
	Defaults []models.Schedule // created on first start, never overwritten; TZ is filled in then
	Writes   []string          // the notification kinds it writes (models.Kind…); bot renders each
}

// Kinds is a list of job kinds.
type Kinds []Kind

// Registry is every kind of job, in the order their default schedules are
// listed. A new reminder is one entry here, its job in a file of this
// package, and its notification's look in bot's table of notices.
func Registry() Kinds {
	return Kinds{
		{Name: JobReportRemind, Run: ReportRemind, Writes: []string{models.KindReportReminder}, Defaults: []models.Schedule{
			{Name: "report-remind-3-workdays-before", Kind: JobReportRemind, Spec: "0 9 * * *", Enabled: true, Params: `{"workdays_before":3}`},
			{Name: "report-remind-due-day", Kind: JobReportRemind, Spec: "0 9 * * *", Enabled: true, Params: `{"workdays_before":0}`},
		}},
		{Name: JobReportOverdue, Run: ReportOverdue, Writes: []string{models.KindReportReminder, models.KindReportMissing}, Defaults: []models.Schedule{
			{Name: "report-overdue", Kind: JobReportOverdue, Spec: "30 9 * * *", Enabled: true, Params: `{"nudges":3}`},
		}},
		{Name: JobTalkRemind, Run: TalkRemind, Writes: []string{models.KindTalkReminder}, Defaults: []models.Schedule{
			{Name: "talk-remind", Kind: JobTalkRemind, Spec: "*/10 * * * *", Enabled: true, Params: `{"before":["24h","1h"]}`},
		}},
		{Name: JobTalkOwed, Run: TalkOwed, Writes: []string{models.KindTalkDue}, Defaults: []models.Schedule{
			{Name: "talk-owed", Kind: JobTalkOwed, Spec: "0 9 * * *", Enabled: true, Params: `{"every_workdays":2}`},
		}},
		{Name: JobTalkUnrecorded, Run: TalkUnrecorded, Writes: []string{models.KindTalkUnrecorded}, Defaults: []models.Schedule{
			{Name: "talk-unrecorded", Kind: JobTalkUnrecorded, Spec: "0 17 * * *", Enabled: true, Params: `{}`},
		}},
		// The leader digest fires every half hour so that each leader's own
		// time (/digest at 08:00) is honoured within the half hour.
		{Name: JobDigestLeader, Run: DigestLeader, Writes: []string{models.KindDigestLeader}, Defaults: []models.Schedule{
			{Name: "digest-leader", Kind: JobDigestLeader, Spec: "*/30 * * * *", Enabled: true, Params: `{"weekday":1,"at":"08:30","window":"30m"}`},
		}},
		{Name: JobDigestAdmin, Run: DigestAdmin, Writes: []string{models.KindDigestAdmin}, Defaults: []models.Schedule{
			{Name: "digest-admin", Kind: JobDigestAdmin, Spec: "0 9 * * *", Enabled: true, Params: `{}`},
		}},
		// Fires on the first days of each quarter; the job acts on the
		// month's first workday only (after New Year or National Day).
		{Name: JobReviewOpen, Run: ReviewOpen, Writes: []string{models.KindReviewPrompt}, Defaults: []models.Schedule{
			{Name: "review-open", Kind: JobReviewOpen, Spec: "0 9 1-10 1,4,7,10 *", Enabled: true, Params: `{"workdays":10}`},
		}},
		{Name: JobReviewPrompt, Run: ReviewPrompt, Writes: []string{models.KindReviewPrompt}, Defaults: []models.Schedule{
			{Name: "review-prompt", Kind: JobReviewPrompt, Spec: "30 9 * * *", Enabled: true, Params: `{"remind_before":2}`},
		}},
		{Name: JobContestWeekly, Run: ContestWeekly, Writes: []string{models.KindContestPrompt}, Defaults: []models.Schedule{
			{Name: "contest-weekly", Kind: JobContestWeekly, Spec: "0 10 * * 5", Enabled: true, Params: `{}`},
		}},
		{Name: JobContestMeeting, Run: ContestMeeting, Writes: []string{models.KindContestMeeting}, Defaults: []models.Schedule{
			{Name: "contest-meeting", Kind: JobContestMeeting, Spec: "0 10 * * *", Enabled: true, Params: `{}`},
		}},
		{Name: JobTrainingRemind, Run: TrainingRemind, Writes: []string{models.KindTrainingReminder}, Defaults: []models.Schedule{
			{Name: "training-remind", Kind: JobTrainingRemind, Spec: "*/10 * * * *", Enabled: true, Params: `{"before":["24h","1h"]}`},
		}},
		{Name: JobLectureDuty, Run: LectureDuty, Writes: []string{models.KindLectureDue}, Defaults: []models.Schedule{
			{Name: "lecture-duty", Kind: JobLectureDuty, Spec: "0 9 * * 1", Enabled: true, Params: `{"from_month":7}`},
		}},
		// Care reminders fire daily; models' ledger keeps each item to one
		// message a month, so the schedule only says when in the day.
		{Name: JobCareLeave, Run: CareLeave, Writes: []string{models.KindCareLeave, models.KindCareLeaveUnit}, Defaults: []models.Schedule{
			{Name: "care-leave", Kind: JobCareLeave, Spec: "0 10 * * *", Enabled: true, Params: `{"from_month":10}`},
		}},
		{Name: JobCareCheckup, Run: CareCheckup, Writes: []string{models.KindCareCheckup}, Defaults: []models.Schedule{
			{Name: "care-checkup", Kind: JobCareCheckup, Spec: "0 10 * * *", Enabled: true, Params: `{"days_before":7}`},
		}},
		{Name: JobCareRest, Run: CareRest, Writes: []string{models.KindCareRest}, Defaults: []models.Schedule{
			{Name: "care-rest", Kind: JobCareRest, Spec: "0 10 * * *", Enabled: true, Params: `{}`},
		}},
		{Name: JobCorrection, Run: CorrectionFollow, Writes: []string{models.KindCorrectionRemind}, Defaults: []models.Schedule{
			{Name: "correction-follow", Kind: JobCorrection, Spec: "0 10 * * *", Enabled: true, Params: `{"days_before":3}`},
		}},
		// Fires daily; acts on the first workday of the month named.
		{Name: JobAnnualRound, Run: AnnualRound, Writes: []string{models.KindAnnualRound}, Defaults: []models.Schedule{
			{Name: "annual-round", Kind: JobAnnualRound, Spec: "0 10 * * *", Enabled: true, Params: `{"month":12}`},
		}},
	}
}

// Jobs maps each kind's name to its job, for Options.Jobs.
func (ks Kinds) Jobs() map[string]Job {
	m := make(map[string]Job, len(ks))
	for _, k := range ks {
		m[k.Name] = k.Run
	}
	return m
}

// Defaults are the default schedules of every kind in ks.
func (ks Kinds) Defaults() []models.Schedule {
	var out []models.Schedule
	for _, k := range ks {
		out = append(out, k.Defaults...)
	}
	return out
}

// Of keeps the kinds with those names, in registry order.
func (ks Kinds) Of(names ...string) Kinds {
	var out Kinds
	for _, k := range ks {
		for _, n := range names {
			if k.Name == n {
				out = append(out, k)
			}
		}
	}
	return out
}
