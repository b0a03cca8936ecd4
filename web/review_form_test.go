package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/web"
)

// formCodes opens the round and issues n codes for 城关镇.
func (e *env) formCodes(n int) []string {
	e.t.Helper()
	ctx := context.Background()
	r, err := e.st.OpenRound(ctx, models.NewRound{Code: "2026Q4"})
	e.must(err)
	codes, err := e.st.IssueCodes(ctx, r, e.units["城关镇"].ID, n, 0, nil)
	e.must(err)
	return codes
}

// An outside respondent opens the link, answers without logging in, and
// the code is spent; a reused, a forged and an expired code are refused;
// a script in the note is stored as typed and never runs.
func TestReviewFormOnce(t *testing.T) {
	e := newEnv(t)
	codes := e.formCodes(2)
	b := e.browser()
	status, body := b.get("/form/" + codes[0])
	if status != http.StatusOK {
		t.Fatalf("GET form: %d\n%s", status, body)
	}
	mustHave(t, "the form", body, "请评价城关镇的服务", "张三（职务）", "李书记（职务）", "作风", `name="satisfaction"`)
	mustLack(t, "the form", body, "孙七", "<script>")
	form := url.Values{"satisfaction": {"2"}, "cadre": {fmt.Sprint(e.cadres["张三"].ID)}, "dim": {"style"},
		"note": {"<script>alert('x')</script>办事推诿"}}
	status, body = b.post("/form/"+codes[0], form)
	if status != http.StatusOK || !strings.Contains(body, "评价已提交") {
		t.Fatalf("submit: %d\n%s", status, body)
	}
	var ballot models.ReviewBallot
	e.must(e.st.DB().Where("source = ?", models.SrcPublic).Take(&ballot).Error)
	if ballot.Note != "<script>alert('x')</script>办事推诿" || ballot.Satisfaction != 2 || ballot.Dims != "style" || *ballot.CadreID != e.cadres["张三"].ID {
		t.Errorf("stored: %+v", ballot)
	}
	status, body = b.get("/form/" + codes[0])
	if status != http.StatusGone || !strings.Contains(body, "已经用过") {
		t.Errorf("a reused code: %d\n%s", status, body)
	}
	b.get("/form/" + codes[1]) // a fresh token from another page of the form
	form.Del("csrf")
	status, _ = b.post("/form/"+codes[0], form)
	var n int64
	e.st.DB().Model(&models.ReviewBallot{}).Count(&n)
	if status != http.StatusGone || n != 1 {
		t.Errorf("a reused code posted: %d, %d ballots", status, n)
	}
	status, body = b.get("/form/forged-" + codes[1][7:])
	if status != http.StatusNotFound || !strings.Contains(body, "评价码不正确") {
		t.Errorf("a forged code: %d\n%s", status, body)
	}
	e.clock.Advance(models.ReviewCodeTTL)
	if status, _ = b.get("/form/" + codes[1]); status != http.StatusGone {
		t.Errorf("an expired code: %d", status)
	}
}

// A wrong answer shows the form again with what was typed (escaped) and
// leaves the code unspent; an oversized note is refused, not cut.
func TestReviewFormBadAnswers(t *testing.T) {
	e := newEnv(t)
	codes := e.formCodes(1)
	b := e.browser()
	b.get("/form/" + codes[0])
	status, body := b.post("/form/"+codes[0], url.Values{"note": {"<b>没选满意度</b>"}})
	if status != http.StatusBadRequest || !strings.Contains(body, "请选择总体满意度") || !strings.Contains(body, "&lt;b&gt;没选满意度&lt;/b&gt;") {
		t.Fatalf("no satisfaction: %d\n%s", status, body)
	}
	status, body = b.post("/form/"+codes[0], url.Values{"satisfaction": {"4"}, "note": {strings.Repeat("长", models.MaxReviewNote+1)}})
	if status != http.StatusBadRequest || !strings.Contains(body, "说明太长") {
		t.Fatalf("oversized: %d", status)
	}
	status, _ = b.post("/form/"+codes[0], url.Values{"satisfaction": {"4"}, "cadre": {fmt.Sprint(e.cadres["孙七"].ID)}, "dim": {"style"}})
	if status != http.StatusBadRequest {
		t.Errorf("a cadre of another unit: %d", status)
	}
	if status, body = b.post("/form/"+codes[0], url.Values{"satisfaction": {"4"}}); status != http.StatusOK {
		t.Fatalf("the code was spent by a wrong answer: %d\n%s", status, body)
	}
	// Without the page's token (another site posting) nothing is taken.
	other := e.browser()
	if status, _ := other.postRaw("/form/"+codes[0], url.Values{"satisfaction": {"5"}}); status != http.StatusForbidden {
		t.Errorf("a post without the form's token: %d", status)
	}
}

func TestReviewFormRateLimited(t *testing.T) {
	e := newEnvWith(t, func(o *web.Options) { o.FormBurst = 3 })
	codes := e.formCodes(1)
	b := e.browser()
	for i := 0; i < 3; i++ {
		b.get("/form/" + codes[0])
	}
	if status, _ := b.get("/form/" + codes[0]); status != http.StatusTooManyRequests {
		t.Errorf("the fourth request at once: %d", status)
	}
}

// The department's pages: the county by dimension and a cadre's matrix
// with what was said (escaped), audited; anyone else is refused.
func TestReviewAdminPages(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	codes := e.formCodes(1)
	e.must(e.st.SubmitPublic(ctx, models.PublicAnswer{Code: codes[0], Satisfaction: 3, CadreID: e.cadres["张三"].ID,
		Dims: []string{models.DimStyle}, Note: "<script>x()</script>拖沓"}))
	r, _ := e.st.CurrentRound(ctx)
	e.must(e.st.AnswerAsPrincipal(ctx, models.Answer{Round: r, By: e.cadres["李书记"], Cadre: e.cadres["张三"], Dims: []string{models.DimStyle}, Note: "推诿"}))
	item := models.ReviewItem{RoundID: r.ID, CadreID: e.cadres["张三"].ID, State: models.ItemOpen, Dim: models.DimStyle,
		Sources: "principal", Disposition: models.DispAdmonish, DecidedByID: e.cadres["周部长"].ID, DecidedAt: time.Now()}
	e.must(e.st.DB().Create(&item).Error)
	e.must(e.st.DB().Create(&models.ToleranceCase{CadreID: item.CadreID, Year: 2026, Matter: "征收协议条款疏漏", Situations: "3",
		Applicant: models.ApplicantUnit, Step: models.StepApply, AppliedOn: "2026-11-02", ReviewItemID: &item.ID}).Error)
	admin := e.login("周部长")
	status, body := admin.get("/review")
	if status != http.StatusOK {
		t.Fatalf("GET /review: %d\n%s", status, body)
	}
	mustHave(t, "the check-up page", body, "2026Q4季度体检", "服务对象满意度：平均3.0分（1份）", "/review/cadres/"+fmt.Sprint(e.cadres["张三"].ID), "★作风")
	status, body = admin.get("/review/cadres/" + fmt.Sprint(e.cadres["张三"].ID))
	if status != http.StatusOK {
		t.Fatalf("GET matrix: %d\n%s", status, body)
	}
	mustHave(t, "the matrix", body, "推诿", "&lt;script&gt;x()&lt;/script&gt;拖沓", "作答不足3人", "关联容错纠错案例#1：未认定")
	mustLack(t, "the matrix", body, "<script>x()")
	var n int64
	e.st.DB().Model(&models.AuditEntry{}).Where("action = ?", "review.read").Count(&n)
	if n != 1 {
		t.Errorf("%d audited reads", n)
	}
	for _, who := range []string{"张三", "李书记"} {
		b := e.login(who)
		if status, _ := b.get("/review/cadres/" + fmt.Sprint(e.cadres["张三"].ID)); status != http.StatusForbidden {
			t.Errorf("%s reads the matrix: %d", who, status)
		}
		if status, _ := b.get("/review"); status != http.StatusForbidden {
			t.Errorf("%s reads the check-up page: %d", who, status)
		}
	}
}
