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
	actAttention: "iw", actNoFollowUp: "i", actViewTalk: "i", actAssess: "i",
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
func assessData(cadre int64) string    { return callback{act: actAssess, id: cadre}.data() }
