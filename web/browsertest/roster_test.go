package browsertest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ganshi/ganshi/examples"
)

// upload chooses a file in the roster form and sends it.
func (tb *tab) upload(name string, data []byte) int64 {
	tb.w.t.Helper()
	path := filepath.Join(tb.w.t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.w.t.Fatal(err)
	}
	tb.do(chromedp.SetUploadFiles(chromedp.CSS(`input[type=file]`), []string{path}))
	// The file is set in the renderer; wait until the input has it, or a
	// loaded machine may click before and the form refuses an empty input.
	ctx, cancel := tb.step()
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector("input[type=file]").files.length === 1`)); err != nil {
		tb.w.t.Fatalf("the file was never chosen: %v", err)
	}
	return tb.press(`form.upload button.primary`)
}

// A roster with a mistake is refused whole, the line named; the same
// roster saved by Excel in GBK is previewed, confirmed and applied.
func TestRosterUploadInTheBrowser(t *testing.T) {
	w := newWorld(t)
	tb := w.login("周部长")
	tb.open("/roster")
	bad := "单位,单位类型,类别,姓名,职务,分工,角色,工号\n" +
		"城关镇,乡镇,乡镇一类,张建国,党委书记,主持全面工作,主要负责同志,GS0001\n" +
		"城关镇,乡镇,乡镇一类,刘志强,镇长,主持政府工作,副主任,GS0002\n"
	if status := tb.upload("名册.csv", []byte(bad)); status != 422 {
		t.Errorf("a roster with a mistake answered %d", status)
	}
	tb.sees("the refused roster", "名册.csv未导入：发现1处问题", "第3行", "副主任")
	tb.keep("admin-roster-problems")

	if status := tb.upload("名册-gbk.csv", examples.RosterGBK); status != 200 {
		t.Fatalf("the GBK roster answered %d: %s", status, tb.text())
	}
	tb.sees("the preview", "名册导入预览", "检查无误", "城关镇", "确认导入")
	tb.keep("admin-roster-preview")
	if status := tb.press(`form[action$="/apply"] button.primary`); status != 200 {
		t.Fatalf("applying answered %d", status)
	}
	tb.sees("after applying", "名册已导入")
	if _, err := w.st.CadreByExternalID(t.Context(), "GS0001"); err != nil {
		t.Errorf("the roster was not applied: %v", err)
	}
}
