package bot

import (
	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// buttonFunc answers a decoded tap.
type buttonFunc func(r *request, b callback) ([]telegram.Message, error)

// onTap answers each action of callback.go. The ids are never trusted:
// each handler re-checks that the caller may act on them.
var onTap = map[action]buttonFunc{
	actLang:        langButton,
	actOpenReport:  openReportButton,
	actViewReport:  func(r *request, b callback) ([]telegram.Message, error) { return viewReport(r, b.id) },
	actReopen:      func(r *request, b callback) ([]telegram.Message, error) { return reopenForFix(r, b.id) },
	actReportStep:  func(r *request, b callback) ([]telegram.Message, error) { return nextStep(r, b.id, b.word) },
	actCheck:       func(r *request, b callback) ([]telegram.Message, error) { return checkButton(r, b.id, b.n, b.word) },
	actSubmit:      func(r *request, b callback) ([]telegram.Message, error) { return submitButton(r, b.id, int(b.n)) },
	actSign:        func(r *request, b callback) ([]telegram.Message, error) { return signReport(r, b.id, int(b.n)) },
	actReturn:      func(r *request, b callback) ([]telegram.Message, error) { return startReturn(r, b.id, int(b.n)) },
	actUnbind:      func(r *request, b callback) ([]telegram.Message, error) { return unbindButton(r, b.id) },
	actTalkCadre:   func(r *request, b callback) ([]telegram.Message, error) { return pickTalkCadre(r, b.id) },
	actTalkReason:  func(r *request, b callback) ([]telegram.Message, error) { return chooseTalkReason(r, b.id, b.word) },
	actTalkArrange: func(r *request, b callback) ([]telegram.Message, error) { return arrangeTalk(r, b.id) },
	actPlanConfirm: func(r *request, b callback) ([]telegram.Message, error) { return confirmTalkPlan(r, int(b.id)) },
	actPlanRetime:  func(r *request, b callback) ([]telegram.Message, error) { return retypeTalkTime(r, int(b.id)) },
	actPlanPlace:   func(r *request, b callback) ([]telegram.Message, error) { return keepTalkPlace(r, int(b.id)) },
	actPlanDrop:    func(r *request, _ callback) ([]telegram.Message, error) { return dropTalkPlan(r) },
	actAttend:      func(r *request, b callback) ([]telegram.Message, error) { return confirmInvitation(r, b.id, int(b.n)) },
	actLater:       func(r *request, b callback) ([]telegram.Message, error) { return askLaterNote(r, b.id, int(b.n)) },
	actCancelTalk:  func(r *request, b callback) ([]telegram.Message, error) { return startCancelTalk(r, b.id, "") },
	actRecord:      func(r *request, b callback) ([]telegram.Message, error) { return startRecord(r, b.id) },
	actAttention: func(r *request, b callback) ([]telegram.Message, error) {
		return recordAnswer(r, b.id, models.RecordAttention, b.word)
	},
	actNoFollowUp: func(r *request, b callback) ([]telegram.Message, error) {
		return recordAnswer(r, b.id, models.RecordFollowUp, "无")
	},
	actViewTalk: func(r *request, b callback) ([]telegram.Message, error) { return viewTalk(r, b.id) },
	actRvSheet:  func(r *request, _ callback) ([]telegram.Message, error) { return reviewSheetButton(r) },
	actRvOK:     func(r *request, b callback) ([]telegram.Message, error) { return reviewOKButton(r, b.id) },
	actRvPick:   func(r *request, b callback) ([]telegram.Message, error) { return reviewPickButton(r, b.id) },
	actRvDim:    func(r *request, b callback) ([]telegram.Message, error) { return reviewDimButton(r, b.id, b.word) },
	actRvDispose: func(r *request, b callback) ([]telegram.Message, error) {
		return reviewDisposeButton(r, b.id, int(b.n))
	},
	actRvDecide: func(r *request, b callback) ([]telegram.Message, error) {
		return reviewDecideButton(r, b.id, int(b.n), b.word)
	},
	actFindCadre: func(r *request, b callback) ([]telegram.Message, error) { return findingCadre(r, b.id) },
	actFindDim:   func(r *request, b callback) ([]telegram.Message, error) { return findingDim(r, b.word) },
	actFindSev:   func(r *request, b callback) ([]telegram.Message, error) { return findingSeverity(r, b.word) },
	actFindNone:  func(r *request, _ callback) ([]telegram.Message, error) { return findingNone(r) },
	actPgConfirm: func(r *request, _ callback) ([]telegram.Message, error) { return confirmProgress(r) },
	actPgVerify:  func(r *request, b callback) ([]telegram.Message, error) { return verifyEntry(r, b.id) },
	actTrConfirm: func(r *request, b callback) ([]telegram.Message, error) { return confirmTraining(r, b.id, int(b.n)) },
	actTrLeave:   func(r *request, b callback) ([]telegram.Message, error) { return askTrainingLeave(r, b.id, int(b.n)) },
	actTrApprove: func(r *request, b callback) ([]telegram.Message, error) { return decideTrainingLeave(r, b.id, true) },
	actTrRefuse:  func(r *request, b callback) ([]telegram.Message, error) { return decideTrainingLeave(r, b.id, false) },
	actTrPresent: func(r *request, b callback) ([]telegram.Message, error) { return markTrainingPresent(r, b.id) },
	actTrView:    func(r *request, b callback) ([]telegram.Message, error) { return trainingList(r, b.id) },
	actCareMute:  func(r *request, b callback) ([]telegram.Message, error) { return careMute(r, int(b.n), b.word, true) },
	actCheckupDone: func(r *request, b callback) ([]telegram.Message, error) {
		return careCheckup(r, int(b.n), models.CheckupDone, "")
	},
	actRestAnswer: func(r *request, b callback) ([]telegram.Message, error) {
		return careRestAnswer(r, b.id, b.word == "yes")
	},
	actLeaveAnswer: func(r *request, b callback) ([]telegram.Message, error) {
		return careLeaveAnswer(r, b.id, b.word == "yes")
	},
	actViewCase: func(r *request, b callback) ([]telegram.Message, error) { return viewCase(r, b.id) },
	actAssess:   func(r *request, b callback) ([]telegram.Message, error) { return askAssessment(r, b.id) },
}

// routeButton answers a tap. Data no button of ours would send gets the
// stale-button alert.
func routeButton(r *request) ([]telegram.Message, error) {
	b, ok := decodeCallback(r.in.data)
	if !ok {
		return r.stale(), nil
	}
	out, err := onTap[b.act](r, b)
	if err != nil {
		return nil, err
	}
	return answered(r, out), nil
}

func langButton(r *request, b callback) ([]telegram.Message, error) {
	if b.word != texts.ZH && b.word != texts.EN {
		return r.stale(), nil
	}
	return setLang(r, b.word)
}

// openReportButton is a reminder's button: it opens the report of that
// month, as /report 2026-11 does.
func openReportButton(r *request, b callback) ([]telegram.Message, error) {
	if _, err := models.ParsePeriod(b.word); err != nil || r.me.UnitID == nil {
		return r.stale(), nil
	}
	r.in.args = b.word
	return runReport(r)
}

// answered makes sure a tap is answered exactly once, so the button stops
// spinning: by the handler's own answer, or by an empty one.
func answered(r *request, out []telegram.Message) []telegram.Message {
	for _, m := range out {
		if m.CallbackID != "" {
			return out
		}
	}
	return append([]telegram.Message{{CallbackID: r.in.callbackID}}, out...)
}

func (r *request) stale() []telegram.Message {
	return []telegram.Message{{CallbackID: r.in.callbackID, Text: r.t("stale_button"), Alert: true}}
}
