package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ganshi/ganshi/examples"
)

// upload sends a file as the roster form does, with the page's token.
func (c *client) upload(name string, body io.Reader) (int, string) {
	c.e.t.Helper()
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		_ = mw.WriteField("csrf", c.csrf)
		part, _ := mw.CreateFormFile("file", name)
		_, err := io.Copy(part, body)
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req, _ := http.NewRequest(http.MethodPost, c.e.ts.URL+"/roster/upload", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// Whatever is not a roster spreadsheet is refused with what to upload.
func TestUploadRefusesWhatIsNotASpreadsheet(t *testing.T) {
	e := newEnv(t)
	admin := e.login("周部长")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
	for _, f := range []struct {
		name string
		data []byte
	}{{"照片.png", png}, {"名册.csv", png}, {"名册.xlsx", []byte("%PDF-1.7 not a workbook")}, {"名册.xls", []byte("\xd0\xcf\x11\xe0")}} {
		status, body := admin.upload(f.name, bytes.NewReader(f.data))
		if status != http.StatusUnsupportedMediaType {
			t.Errorf("%s: %d", f.name, status)
		}
		mustHave(t, f.name, body, "这不是名册表格", ".xlsx")
		admin.get("/roster")
	}
}

// A 50 MB upload is cut off at the limit and answered "too large",
// without the server reading it all.
func TestUploadTooLarge(t *testing.T) {
	e := newEnv(t)
	admin := e.login("周部长")
	status, body := admin.upload("名册.csv", io.LimitReader(zeros{}, 50<<20))
	if status != http.StatusRequestEntityTooLarge {
		t.Errorf("50 MB: %d", status)
	}
	mustHave(t, "the 50 MB upload", body, "文件太大", "10MB")
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

// A roster with mistakes lists every one with its line and writes
// nothing; Excel's GBK CSV is read, previewed and applied under the
// admin's name.
func TestUploadProblemsThenGBK(t *testing.T) {
	e := newEnv(t)
	admin := e.login("周部长")
	bad := string(examples.Roster) + "城关镇,乡镇,乡镇一类,钱八,,,副主任,GS0100\n城关镇,乡镇,乡镇一类,孙九,,,干部,\n"
	lines := strings.Count(string(examples.Roster), "\n")
	status, body := admin.upload("名册.csv", strings.NewReader(bad))
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("a roster with mistakes: %d", status)
	}
	mustHave(t, "the problems", body, "名册.csv未导入：发现2处问题", fmt.Sprintf("第%d行", lines+1), fmt.Sprintf("第%d行", lines+2), "副主任")
	if _, err := e.st.CadreByExternalID(context.Background(), "GS0001"); err == nil {
		t.Fatal("a refused roster wrote rows")
	}

	status, body = admin.upload("名册-gbk.csv", bytes.NewReader(examples.RosterGBK))
	if status != http.StatusSeeOther {
		t.Fatalf("the GBK roster: %d\n%s", status, body)
	}
	preview := admin.redirected(t)
	mustHave(t, "the preview", preview, "名册导入预览", "城关镇", "经济开发区", "确认导入")
	if _, err := e.st.CadreByExternalID(context.Background(), "GS0001"); err == nil {
		t.Fatal("the preview wrote rows")
	}
	// Another session cannot see or apply this upload.
	other := e.login("周部长")
	if status, _ := other.get(admin.lastPath); status != http.StatusNotFound {
		t.Errorf("another session's preview: %d", status)
	}
	status, body = admin.postFollow(admin.lastPath+"/apply", url.Values{})
	if status != http.StatusOK {
		t.Fatalf("apply: %d\n%s", status, body)
	}
	mustHave(t, "after applying", body, "名册已导入：新增")
	c, err := e.st.CadreByExternalID(context.Background(), "GS0001")
	if err != nil || c.Name != "张建国" {
		t.Fatalf("the GBK roster was not applied: %+v %v", c, err)
	}
	if es := e.audits("roster.import"); len(es) != 1 || es[0].ActorID == nil || *es[0].ActorID != e.cadres["周部长"].ID {
		t.Errorf("the import's audit entry: %+v", es)
	}
	if status, _ := admin.postRaw(admin.lastPath+"/apply", url.Values{"csrf": {admin.csrf}}); status != http.StatusNotFound {
		t.Errorf("applying the same upload twice: %d", status)
	}
}
