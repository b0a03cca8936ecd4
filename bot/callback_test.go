package bot

import (
	"math"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// wire pins the data of each action as it stands in people's chats: a
// button sent last month must still work after any change to this code.
var wire = []struct{ got, want string }{
	{langData(texts.EN), "lang:en"},
	{openReportData("2026-11"), "rp:2026-11"},
	{viewReportData(7), "rv:7"},
	{reopenData(7), "ro:7"},
	{reportStepData(7, stepPlan), "rn:7:plan"},
	{checkData(7, 8, models.ProgressPartly), "rc:7:8:partly"},
	{submitData(7, 2), "rsub:7:2"},
	{signData(7, 2), "rsg:7:2"},
	{returnData(7, 2), "rrt:7:2"},
	{unbindData(7), "unbind:7"},
	{talkCadreData(7), "tk:c:7"},
	{talkReasonData(7, models.TalkFamily), "tk:r:7:family"},
	{arrangeTalkData(7), "tk:s:7"},
	{planConfirmData(3), "tk:ok:3"},
	{planRetimeData(3), "tk:t:3"},
	{planPlaceData(3), "tk:p:3"},
	{planDropData(), "tk:no"},
	{attendData(7, 2), "tk:y:7:2"},
	{laterData(7, 2), "tk:l:7:2"},
	{cancelTalkData(7), "tk:x:7"},
	{recordData(7), "tk:rec:7"},
	{attentionData(7, true), "tk:a:7:yes"},
	{attentionData(7, false), "tk:a:7:no"},
	{noFollowUpData(7), "tk:f:7"},
	{viewTalkData(7), "tk:v:7"},
	{reviewSheetData(), "rw:s"},
	{reviewOKData(7), "rw:ok:7"},
	{reviewPickData(7), "rw:p:7"},
	{reviewDimData(7, models.DimStyle), "rw:d:7:style"},
	{reviewDisposeData(7, 4), "rw:x:7:4"},
	{reviewDecideData(7, 4, models.DispAdmonish), "rw:c:7:4:admonish"},
	{findCadreData(7), "fd:c:7"},
	{findDimData(models.DimDiscipline), "fd:d:discipline"},
	{findSevData(models.SevSerious), "fd:s:serious"},
	{findNoneData(), "fd:n"},
	{progressConfirmData(), "pg:ok"},
	{verifyData(7), "pg:v:7"},
	{trainingConfirmData(7, 2), "tr:y:7:2"},
	{trainingLeaveData(7, 2), "tr:l:7:2"},
	{trainingApproveData(7), "tr:a:7"},
	{trainingRefuseData(7), "tr:r:7"},
	{trainingPresentData(7), "tr:p:7"},
	{trainingViewData(7), "tr:v:7"},
	{careMuteData(2026, models.CareLeave), "cr:m:2026:leave"},
	{checkupDoneData(2026), "cr:d:2026"},
	{restAnswerData(7, true), "cr:r:7:yes"},
	{leaveAnswerData(7, false), "cr:l:7:no"},
	{viewCaseData(7), "tol:v:7"},
	{assessData(7), "an:7"},
}

func TestCallbackWireFormat(t *testing.T) {
	seen := map[action]bool{}
	for _, w := range wire {
		if w.got != w.want {
			t.Errorf("encoded %q, people's chats hold %q", w.got, w.want)
		}
		c, ok := decodeCallback(w.want)
		if !ok {
			t.Errorf("%q does not decode", w.want)
		}
		seen[c.act] = true
	}
	for act := range layouts {
		if !seen[act] {
			t.Errorf("action %q has no pinned example", act)
		}
		if onTap[act] == nil {
			t.Errorf("action %q has no handler", act)
		}
	}
	if len(onTap) != len(layouts) {
		t.Errorf("%d handlers for %d actions", len(onTap), len(layouts))
	}
}

// words are the longest words each action carries.
var words = map[action][]string{
	actLang:        {texts.ZH, texts.EN},
	actOpenReport:  {"2026-11", "9999-12"},
	actReportStep:  {stepAch, stepPlan, stepPreview, stepEdit, stepDelete},
	actCheck:       {models.ProgressDone, models.ProgressPartly, models.ProgressNotDone, progressSkip},
	actTalkReason:  models.TalkReasons,
	actAttention:   {"yes", "no"},
	actRvDim:       models.ReviewDims,
	actRvDecide:    append(append([]string{}, models.Dispositions...), "none"),
	actFindDim:     models.ReviewDims,
	actFindSev:     {models.SevRemind, models.SevWarn, models.SevSerious},
	actCareMute:    models.CareItems,
	actRestAnswer:  {"yes", "no"},
	actLeaveAnswer: {"yes", "no"},
}

// Every action with the largest ids fits Telegram's 64 bytes and decodes to
// what was encoded.
func TestCallbackFitsAndRoundTrips(t *testing.T) {
	for act, layout := range layouts {
		ws := words[act]
		if strings.Contains(layout, "w") != (len(ws) > 0) {
			t.Fatalf("action %q: layout %q, words %q", act, layout, ws)
		}
		if len(ws) == 0 {
			ws = []string{""}
		}
		for _, w := range ws {
			for _, n := range []int64{0, 1, math.MaxInt64} {
				c := callback{act: act, word: w}
				if strings.Contains(layout, "i") {
					c.id = n
				}
				if strings.Contains(layout, "n") {
					c.n = n
				}
				d := c.data()
				if len(d) > 64 {
					t.Errorf("%q is %d bytes", d, len(d))
				}
				if got, ok := decodeCallback(d); !ok || got != c {
					t.Errorf("decode(%q) = %+v, %v; want %+v", d, got, ok, c)
				}
			}
		}
	}
}

// garbled is data no button of ours sends.
var garbled = []string{
	"", ":", "rv", "rv:", "rv:x", "rv:1:2", "rv:05", "rv:+5", "rv:99999999999999999999",
	"rsg:1", "rsg:1:", "rsg:1:x", "rc:1:2", "rn:1", "lang", "zz:1", "tk", "tk:", "tk:zz:1",
	"tk:no:1", "tk:s", "tk:y:1", "tk:a:1", "tk:rec:1:2", "unbind:1:2", "RV:1",
}

func TestGarbledCallbackDoesNotDecode(t *testing.T) {
	for _, d := range garbled {
		if c, ok := decodeCallback(d); ok {
			t.Errorf("%q decoded to %+v", d, c)
		}
	}
}

// A garbled tap is answered with the stale-button alert and changes nothing.
func TestGarbledTapIsStale(t *testing.T) {
	h := newHarness(t)
	for _, d := range garbled {
		if got := h.tap("张三", d); !alert(got) || got[0].Text != texts.T(texts.ZH, "stale_button") {
			t.Errorf("tap %q: %+v", d, got)
		}
	}
}

// Whatever decodes is exactly what the encoder writes: one spelling per tap.
func FuzzDecodeCallback(f *testing.F) {
	for _, w := range wire {
		f.Add(w.want)
	}
	for _, d := range garbled {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, d string) {
		c, ok := decodeCallback(d)
		if ok && c.data() != d {
			t.Errorf("%q decoded to %+v, which encodes as %q", d, c, c.data())
		}
	})
}

// The simulator tells buttons apart through these, never by their data.
func TestButtonReaders(t *testing.T) {
	if r, v, ok := SignButton(signData(9223372036854775807, 41)); !ok || r != 9223372036854775807 || v != 41 {
		t.Errorf("SignButton(sign) = %d, %d, %v", r, v, ok)
	}
	for _, d := range []string{returnData(5, 2), submitData(5, 2), checkData(5, 7, "done"), "rsg:5", "rsg:5:2:1"} {
		if _, _, ok := SignButton(d); ok {
			t.Errorf("SignButton(%q) reads a sign button", d)
		}
	}
	if !ChecklistButton(checkData(5, 7, "done")) || ChecklistButton(signData(5, 2)) || ChecklistButton("rc:5") {
		t.Error("ChecklistButton tells the checklist apart wrongly")
	}
}
