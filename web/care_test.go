package web_test

import (
	"context"
	"testing"

	"github.com/ganshi/ganshi/models"
)

// 关心关爱: a cadre sees their own year, the principal the unit's, the
// department the county's; another unit's people are not on a
// principal's page.
func TestCarePage(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.must(e.st.DB().Model(&models.Cadre{}).Where("id = ?", e.cadres["张三"].ID).Update("work_start_year", 2020).Error)
	_, err := e.st.AddLeave(ctx, e.cadres["张三"].ID, e.cadres["张三"].ID, "2026-11-02", "2026-11-04", nil)
	e.must(err)
	_, body := e.login("张三").get("/care")
	mustHave(t, "the cadre's page", body, "关心关爱", "剩余2天（应休5天）", "未体检", "/care")
	_, body = e.login("李书记").get("/care")
	mustHave(t, "the principal's page", body, "本单位", "张三", "剩余2天（应休5天）")
	mustLack(t, "the principal's page", body, "孙七")
	_, body = e.login("周部长").get("/care")
	mustHave(t, "the department's page", body, "全县", "张三", "孙七", "应休天数未知")
}
