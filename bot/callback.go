package bot

import (
	"strconv"
	"strings"
)

// Callback data — what a button sends back when tapped — is written and read
// only here. Its form is "PREFIX:ARG:ARG…": a named prefix, then ids, a
// number and at most one word, all separated by ":". It carries ids only,
// never state (Telegram allows 64 bytes), and it is never trusted: anyone can
// send any data, so every handler checks again that the caller may act on
// those ids. The strings are in people's chats already: a prefix or a layout
// must never change, only new ones be added.

// action names what a button does; its value is the prefix of the data.
type action string

const (
	actLang        action = "lang"   // lang:LANG — /lang
	actOpenReport  action = "rp"     // rp:PERIOD — a reminder's "open the report"
	actViewReport  action = "rv"     // rv:REPORT — /view
	actReopen      action = "ro"     // ro:REPORT — a returned report's "fix it"
	actReportStep  action = "rn"     // rn:REPORT:STEP — go to a part of the open report
	actCheck       action = "rc"     // rc:REPORT:PLAN_ITEM:PROGRESS — last month's checklist
	actSubmit      action = "rsub"   // rsub:REPORT:VERSION
	actSign        action = "rsg"    // rsg:REPORT:VERSION
	actReturn      action = "rrt"    // rrt:REPORT:VERSION
	actUnbind      action = "unbind" // unbind:CADRE
	actTalkCadre   action = "tk:c"   // tk:c:CADRE — whom to talk with
	actTalkReason  action = "tk:r"   // tk:r:CADRE:REASON
	actTalkArrange action = "tk:s"   // tk:s:TALK — arrange or move a talk
	actPlanConfirm action = "tk:ok"  // tk:ok:SEQ — the plan as read back
	actPlanRetime  action = "tk:t"   // tk:t:SEQ — type the time again
	actPlanPlace   action = "tk:p"   // tk:p:SEQ — keep the last place
	actPlanDrop    action = "tk:no"  // tk:no
	actAttend      action = "tk:y"   // tk:y:TALK:VERSION — the cadre will attend
	actLater       action = "tk:l"   // tk:l:TALK:VERSION — the cadre asks for another time
	actCancelTalk  action = "tk:x"   // tk:x:TALK
	actRecord      action = "tk:rec" // tk:rec:TALK — write the record
	actAttention   action = "tk:a"   // tk:a:TALK:yes|no — keep watching the cadre?
	actNoFollowUp  action = "tk:f"   // tk:f:TALK — no follow-up date
	actViewTalk    action = "tk:v"   // tk:v:TALK
	actRvSheet     action = "rw:s"   // rw:s — open one's check-up answer sheet (/review)
	actRvOK        action = "rw:ok"  // rw:ok:CADRE — 无问题 about a cadre
	actRvPick      action = "rw:p"   // rw:p:CADRE — raise a concern: pick a dimension
	actRvDim       action = "rw:d"   // rw:d:CADRE:DIM — the dimension; the note is typed next
	actRvDispose   action = "rw:x"   // rw:x:CADRE:DIM_INDEX — admins: offer the dispositions
	actRvDecide    action = "rw:c"   // rw:c:CADRE:DIM_INDEX:DISPOSITION ("none" dismisses)
	actFindCadre   action = "fd:c"   // fd:c:CADRE — the cadre a finding is about
	actFindDim     action = "fd:d"   // fd:d:DIM
	actFindSev     action = "fd:s"   // fd:s:SEVERITY — files the finding
	actFindNone    action = "fd:n"   // fd:n — no findings this round
	actPgConfirm   action = "pg:ok"  // pg:ok — a figure below the last one, as the conversation holds it
	actPgVerify    action = "pg:v"   // pg:v:ENTRY — the department verifies a progress entry
	actTrConfirm   action = "tr:y"   // tr:y:INVITATION:VERSION — the invitee will come
	actTrLeave     action = "tr:l"   // tr:l:INVITATION:VERSION — the invitee asks for leave
	actTrApprove   action = "tr:a"   // tr:a:INVITATION — the approver grants the leave
	actTrRefuse    action = "tr:r"   // tr:r:INVITATION — the approver refuses it
	actTrPresent   action = "tr:p"   // tr:p:INVITATION — the organiser marks the invitee present
	actTrView      action = "tr:v"   // tr:v:SESSION — the attendance list
	actCareMute    action = "cr:m"   // cr:m:YEAR:ITEM — 不再提醒 for a care item
	actCheckupDone action = "cr:d"   // cr:d:YEAR — the check-up is done
	actRestAnswer  action = "cr:r"   // cr:r:ROTATION:yes|no — a 疗养 rotation
	actLeaveAnswer action = "cr:l"   // cr:l:LEAVE:yes|no — the principal on a leave entry
	actViewCase    action = "tol:v"  // tol:v:CASE — a tolerance case
	actAssess      action = "an"     // an:CADRE — write the annual assessment
)

// layouts says which arguments follow each prefix, in order: i is the id,
// n the number (a version, a plan item, a plan's sequence), w the word.
var layouts = map[action]string{
	actLang: "w", actOpenReport: "w", actViewReport: "i", actReopen: "i",
	actReportStep: "iw", actCheck: "inw", actSubmit: "in", actSign: "in", actReturn: "in",
	actUnbind: "i", actTalkCadre: "i", actTalkReason: "iw", actTalkArrange: "i",
	actPlanConfirm: "i", actPlanRetime: "i", actPlanPlace: "i", actPlanDrop: "",
	actAttend: "in", actLater: "in", actCancelTalk: "i", actRecord: "i",
	actAttention: "iw", actNoFollowUp: "i", actViewTalk: "i",
	actRvSheet: "", actRvOK: "i", actRvPick: "i", actRvDim: "iw", actRvDispose: "in", actRvDecide: "inw",
	actFindCadre: "i", actFindDim: "w", actFindSev: "w", actFindNone: "",
	actPgConfirm: "", actPgVerify: "i",
	actTrConfirm: "in", actTrLeave: "in", actTrApprove: "i", actTrRefuse: "i", actTrPresent: "i", actTrView: "i",
	actCareMute: "nw", actCheckupDone: "n", actRestAnswer: "iw", actLeaveAnswer: "iw", actViewCase: "i",
	actAssess: "i",
}

// callback is callback data decoded.
type callback struct {
	act  action
	id   int64  // the report, talk, cadre or talk plan acted on
	n    int64  // a version or a plan item
	word string // a language, month, step, progress, reason or answer
}

// data encodes b. Words never hold ":" (they are our own constants, a
// language or a month).
func (b callback) data() string {
	var s strings.Builder
	s.WriteString(string(b.act))
	for _, f := range layouts[b.act] {
		s.WriteByte(':')
		switch f {
		case 'i':
			s.WriteString(strconv.FormatInt(b.id, 10))
		case 'n':
			s.WriteString(strconv.FormatInt(b.n, 10))
		case 'w':
			s.WriteString(b.word)
		}
	}
	return s.String()
}

// decodeCallback reads callback data. ok is false for data no button of ours
// would send: an unknown prefix, a missing or extra argument, a number not
// written as data() writes it. Such a tap is answered as a stale button.
func decodeCallback(data string) (b callback, ok bool) {
	parts := strings.Split(data, ":")
	b.act = action(parts[0])
	if len(parts) > 1 {
		if _, two := layouts[action(parts[0]+":"+parts[1])]; two {
			b.act = action(parts[0] + ":" + parts[1])
			parts = parts[1:]
		}
	}
	layout, known := layouts[b.act]
	if !known || len(parts)-1 != len(layout) {
		return callback{}, false
	}
	for i, f := range layout {
		arg := parts[i+1]
		if f == 'w' {
			b.word = arg
			continue
		}
		v, err := strconv.ParseInt(arg, 10, 64)
		if err != nil || strconv.FormatInt(v, 10) != arg {
			return callback{}, false
		}
		if f == 'i' {
			b.id = v
		} else {
			b.n = v
		}
	}
	return b, true
}

// The encoders, one per action: producers call these and nothing else.

func langData(lang string) string { return callback{act: actLang, word: lang}.data() }
func openReportData(period string) string {
	return callback{act: actOpenReport, word: period}.data()
}
func viewReportData(report int64) string { return callback{act: actViewReport, id: report}.data() }
func reopenData(report int64) string     { return callback{act: actReopen, id: report}.data() }
func reportStepData(report int64, step string) string {
	return callback{act: actReportStep, id: report, word: step}.data()
}
func checkData(report, planItem int64, progress string) string {
	return callback{act: actCheck, id: report, n: planItem, word: progress}.data()
}
func submitData(report int64, version int) string {
	return callback{act: actSubmit, id: report, n: int64(version)}.data()
}
func signData(report int64, version int) string {
	return callback{act: actSign, id: report, n: int64(version)}.data()
}
func returnData(report int64, version int) string {
	return callback{act: actReturn, id: report, n: int64(version)}.data()
}
func unbindData(cadre int64) string    { return callback{act: actUnbind, id: cadre}.data() }
func talkCadreData(cadre int64) string { return callback{act: actTalkCadre, id: cadre}.data() }
func talkReasonData(cadre int64, reason string) string {
	return callback{act: actTalkReason, id: cadre, word: reason}.data()
}
func arrangeTalkData(talk int64) string { return callback{act: actTalkArrange, id: talk}.data() }
func planConfirmData(seq int) string    { return callback{act: actPlanConfirm, id: int64(seq)}.data() }
func planRetimeData(seq int) string     { return callback{act: actPlanRetime, id: int64(seq)}.data() }
func planPlaceData(seq int) string      { return callback{act: actPlanPlace, id: int64(seq)}.data() }
func planDropData() string              { return callback{act: actPlanDrop}.data() }
func attendData(talk int64, version int) string {
	return callback{act: actAttend, id: talk, n: int64(version)}.data()
}
func laterData(talk int64, version int) string {
	return callback{act: actLater, id: talk, n: int64(version)}.data()
}
func cancelTalkData(talk int64) string { return callback{act: actCancelTalk, id: talk}.data() }
func recordData(talk int64) string     { return callback{act: actRecord, id: talk}.data() }
func attentionData(talk int64, yes bool) string {
	word := "no"
	if yes {
		word = "yes"
	}
	return callback{act: actAttention, id: talk, word: word}.data()
}
func noFollowUpData(talk int64) string { return callback{act: actNoFollowUp, id: talk}.data() }
func viewTalkData(talk int64) string   { return callback{act: actViewTalk, id: talk}.data() }

// Tools that play a person in chat (ganshi simulate) tap the buttons the
// bot showed, as a person would; these two tell them which button is
// which, so that no data layout is written outside this file.

// SignButton reads the data of a principal's 签字确认 button: the report
// and the version it signs. ok is false for any other button.
func SignButton(data string) (report int64, version int, ok bool) {
	b, ok := decodeCallback(data)
	if !ok || b.act != actSign {
		return 0, 0, false
	}
	return b.id, int(b.n), true
}

// ChecklistButton tells whether data is a button of last month's plan
// checklist, which a report shows before anything else is typed.
func ChecklistButton(data string) bool {
	b, ok := decodeCallback(data)
	return ok && b.act == actCheck
}
func reviewSheetData() string           { return callback{act: actRvSheet}.data() }
func reviewOKData(cadre int64) string   { return callback{act: actRvOK, id: cadre}.data() }
func reviewPickData(cadre int64) string { return callback{act: actRvPick, id: cadre}.data() }
func reviewDimData(cadre int64, dim string) string {
	return callback{act: actRvDim, id: cadre, word: dim}.data()
}
func reviewDisposeData(cadre int64, dim int) string {
	return callback{act: actRvDispose, id: cadre, n: int64(dim)}.data()
}
func reviewDecideData(cadre int64, dim int, disp string) string {
	return callback{act: actRvDecide, id: cadre, n: int64(dim), word: disp}.data()
}
func findCadreData(cadre int64) string { return callback{act: actFindCadre, id: cadre}.data() }
func findDimData(dim string) string    { return callback{act: actFindDim, word: dim}.data() }
func findSevData(sev string) string    { return callback{act: actFindSev, word: sev}.data() }
func findNoneData() string             { return callback{act: actFindNone}.data() }
func progressConfirmData() string      { return callback{act: actPgConfirm}.data() }
func verifyData(entry int64) string    { return callback{act: actPgVerify, id: entry}.data() }
func trainingConfirmData(inv int64, version int) string {
	return callback{act: actTrConfirm, id: inv, n: int64(version)}.data()
}
func trainingLeaveData(inv int64, version int) string {
	return callback{act: actTrLeave, id: inv, n: int64(version)}.data()
}
func trainingApproveData(inv int64) string { return callback{act: actTrApprove, id: inv}.data() }
func trainingRefuseData(inv int64) string  { return callback{act: actTrRefuse, id: inv}.data() }
func trainingPresentData(inv int64) string { return callback{act: actTrPresent, id: inv}.data() }
func trainingViewData(session int64) string {
	return callback{act: actTrView, id: session}.data()
}
func careMuteData(year int, item string) string {
	return callback{act: actCareMute, n: int64(year), word: item}.data()
}
func checkupDoneData(year int) string { return callback{act: actCheckupDone, n: int64(year)}.data() }
func restAnswerData(rest int64, yes bool) string {
	return callback{act: actRestAnswer, id: rest, word: yesWord(yes)}.data()
}
func leaveAnswerData(leave int64, yes bool) string {
	return callback{act: actLeaveAnswer, id: leave, word: yesWord(yes)}.data()
}
func viewCaseData(c int64) string { return callback{act: actViewCase, id: c}.data() }

func yesWord(yes bool) string {
	if yes {
		return "yes"
	}
	return "no"
}
func assessData(cadre int64) string { return callback{act: actAssess, id: cadre}.data() }
