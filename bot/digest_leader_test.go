package bot

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/texts"
)

// unitDigest is a unit of n people early in the month: awaiting sign the
// principal's signature, returned have a report back for changes,
// notBound never opened their invitation and unreach blocked the bot;
// everyone else has not submitted.
func unitDigest(n, awaiting, returned, notBound, unreach int, name func(int) string) models.LeaderDigest {
	d := models.LeaderDigest{UnitID: 1, Unit: "城关镇", Period: "2026-11",
		DueAt: time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC), Total: n, Bound: n - notBound}
	for i := range n {
		p := models.DigestPerson{CadreID: int64(i + 1), Name: name(i)}
		switch {
		case i < awaiting:
			p.ReportID = int64(100 + i)
			d.Awaiting = append(d.Awaiting, p)
		case i < awaiting+returned:
			d.Returned = append(d.Returned, p)
		default:
			d.Missing = append(d.Missing, p)
			d.NotStarted++
		}
		switch {
		case i >= n-notBound:
			d.NotBound = append(d.NotBound, p)
		case i >= n-notBound-unreach:
			p.Note = "blocked"
			d.Unreach = append(d.Unreach, p)
		}
	}
	d.Tally = models.ReportTally{UnitID: 1, UnitName: d.Unit, Due: n, Awaiting: awaiting, Returned: returned,
		Missing: len(d.Missing), Submitted: awaiting}
	d.TalksDue = []models.DigestTalk{{ID: 1, Cadre: name(n - 1), Leader: "李书记", Reason: models.TalkFamily, DueBy: "2026-12-07"}}
	return d
}

// hanName is a three-character name, different for each i < 8000.
func hanName(i int) string {
	a, b := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"), []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平")
	return string([]rune{a[i%20], b[i/20%20], b[i/400%20]})
}

// pinyinName is a long romanized name, different for each i.
func pinyinName(i int) string { return fmt.Sprintf("Ouyang Xiaoming-%03d", i) }

// digestTexts are the digest's text messages, each within Telegram's
// limit, and its attachment if any.
func digestTexts(t *testing.T, ms []telegram.Message) ([]string, *telegram.Document) {
	t.Helper()
	var out []string
	var doc *telegram.Document
	for i, m := range ms {
		switch {
		case m.Document != nil:
			if doc != nil || i != len(ms)-1 {
				t.Errorf("attachment %d of %d", i+1, len(ms))
			}
			doc = m.Document
		case telegram.Length(m.Text) > telegram.MaxText:
			t.Errorf("message %d has %d characters", i+1, telegram.Length(m.Text))
		default:
			out = append(out, m.Text)
		}
	}
	return out, doc
}

// inOne tells whether some message holds the whole of s.
func inOne(ms []string, s string) bool {
	for _, m := range ms {
		if strings.Contains(m, s) {
			return true
		}
	}
	return false
}

func workbookText(t *testing.T, doc *telegram.Document) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(doc.Data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	return b.String()
}

// A 16-person unit early in the month has 11 names not yet submitted: the
// digest still fits in one message, so it names everyone, says who cannot
// be reached and how to invite them, and attaches nothing.
func TestLeaderDigestSixteenPeople(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	d := unitDigest(16, 2, 1, 2, 1, hanName)
	ms, err := leaderDigestMessages(texts.ZH, d, loc)
	if err != nil {
		t.Fatal(err)
	}
	text, doc := digestTexts(t, ms)
	if len(text) != 1 || doc != nil {
		t.Fatalf("%d messages, attachment %v:\n%s", len(text), doc != nil, strings.Join(text, "\n---\n"))
	}
	for _, want := range []string{
		"待您签字：" + hanName(0) + "、" + hanName(1),
		"已退回待修改：" + hanName(2),
		"无法送达：" + hanName(13),
		"未绑定：" + hanName(14) + "、" + hanName(15),
		"ganshi invite --unit 城关镇",
		"待安排：" + hanName(15) + "（家庭发生重大变故，2026-12-07前）",
		"应报16，按时签字0，逾期签字0，待您签字2，已退回1，未提交13",
	} {
		if !strings.Contains(text[0], want) {
			t.Errorf("the digest lacks %q:\n%s", want, text[0])
		}
	}
	for _, p := range d.Missing {
		if !strings.Contains(text[0], p.Name) {
			t.Errorf("%s, who has not submitted, is not named:\n%s", p.Name, text[0])
		}
	}
	if len(ms[0].Buttons) != 2 || ms[0].Buttons[0][0].Data != "rv:100" {
		t.Errorf("buttons %+v", ms[0].Buttons)
	}
}

// A 300-person unit whose lists fit in 4,096 characters gets them all in
// one message: the number of names does not decide the attachment.
func TestLeaderDigestThreeHundredFits(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	d := unitDigest(300, 60, 20, 25, 5, hanName)
	ms, err := leaderDigestMessages(texts.ZH, d, loc)
	if err != nil {
		t.Fatal(err)
	}
	text, doc := digestTexts(t, ms)
	if len(text) != 1 || doc != nil {
		t.Fatalf("%d messages, attachment %v", len(text), doc != nil)
	}
	for _, ps := range [][]models.DigestPerson{d.Awaiting, d.Returned, d.Missing, d.NotBound, d.Unreach} {
		for _, p := range ps {
			if !strings.Contains(text[0], p.Name) {
				t.Fatalf("%s is not named", p.Name)
			}
		}
	}
	if len(ms[0].Buttons) != maxButtons {
		t.Errorf("%d buttons", len(ms[0].Buttons))
	}
}

// When a 300-person unit's lists pass the limit, those waiting on others
// give way to counts and the attachment, the longest kind first; what
// waits on the principal stays in the text, every name whole.
func TestLeaderDigestThreeHundredTooLong(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	d := unitDigest(300, 60, 20, 25, 5, pinyinName)
	ms, err := leaderDigestMessages(texts.EN, d, loc)
	if err != nil {
		t.Fatal(err)
	}
	text, doc := digestTexts(t, ms)
	if len(text) != 1 || doc == nil {
		t.Fatalf("%d messages, attachment %v", len(text), doc != nil)
	}
	for _, want := range []string{"Not submitted yet: 220, listed in the attachment", "Returned for changes: " + pinyinName(60),
		"ganshi invite --unit 城关镇", "The full lists are attached."} {
		if !strings.Contains(text[0], want) {
			t.Errorf("the digest lacks %q:\n%s", want, text[0])
		}
	}
	for _, ps := range [][]models.DigestPerson{d.Awaiting, d.Returned, d.NotBound, d.Unreach} {
		for _, p := range ps {
			if !strings.Contains(text[0], p.Name) {
				t.Errorf("%s is not named in the text", p.Name)
			}
		}
	}
	book := workbookText(t, doc)
	for _, p := range append(append(d.Missing, d.Awaiting...), d.Unreach...) {
		if !strings.Contains(book, p.Name) {
			t.Fatalf("%s is not in the attachment", p.Name)
		}
	}
}

// Even when what waits on the principal alone passes the limit, none of it
// is left out: it goes on in further messages, no name cut in two, the
// buttons under the last.
func TestLeaderDigestActionsNeverCut(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	d := unitDigest(300, 250, 0, 30, 20, pinyinName)
	ms, err := leaderDigestMessages(texts.EN, d, loc)
	if err != nil {
		t.Fatal(err)
	}
	text, doc := digestTexts(t, ms)
	if len(text) < 2 || doc == nil || !inOne(text, "Not submitted yet: 50, listed in the attachment") {
		t.Fatalf("%d messages, attachment %v:\n%s", len(text), doc != nil, strings.Join(text, "\n---\n"))
	}
	for _, ps := range [][]models.DigestPerson{d.Awaiting, d.NotBound, d.Unreach} {
		for _, p := range ps {
			if !inOne(text, p.Name) {
				t.Errorf("%s is not named whole in any message", p.Name)
			}
		}
	}
	if !inOne(text, "ganshi invite --unit 城关镇") {
		t.Error("no invitation hint")
	}
	if last := ms[len(text)-1]; len(last.Buttons) != maxButtons || len(ms[0].Buttons) != 0 {
		t.Errorf("buttons on the last message: %d, on the first %d", len(last.Buttons), len(ms[0].Buttons))
	}
}
