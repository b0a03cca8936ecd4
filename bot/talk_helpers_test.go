package bot

import (
	"strings"
	"testing"

	"github.com/ganshi/ganshi/bot/telegram"
	"github.com/ganshi/ganshi/models"
)

// lastTo is the last message written to the named person's chat, and
// whether there was one.
func (h *harness) lastTo(name string) (telegram.Message, bool) {
	h.t.Helper()
	var n models.Notification
	err := h.st.DB().Where("chat_id = ?", h.user(name)).Order("id DESC").Take(&n).Error
	if err != nil {
		return telegram.Message{}, false
	}
	ms := h.rendered(n)
	if len(ms) == 0 {
		h.t.Fatalf("render %s: no message", n.Kind)
	}
	return ms[len(ms)-1], true
}

// countTo counts the messages written to the named person's chat.
func (h *harness) countTo(name string) int64 {
	var n int64
	h.st.DB().Model(&models.Notification{}).Where("chat_id = ?", h.user(name)).Count(&n)
	return n
}

func mustLack(t *testing.T, what string, ms []telegram.Message, unwanted ...string) {
	t.Helper()
	got := joined(ms)
	for _, u := range unwanted {
		if strings.Contains(got, u) {
			t.Fatalf("%s shows %q:\n%s", what, u, got)
		}
	}
}

// alert tells whether the replies are a refused or stale tap.
func alert(ms []telegram.Message) bool { return len(ms) == 1 && ms[0].Alert }

// A day gone, typed the way people say it, is answered as past, with the
// day it was read as.
func TestTalkTimeInThePast(t *testing.T) {
	h := talkHarness(t)
	mustContain(t, "/talk", h.say("李书记", "/talk 张三 家庭变故"), "请发送谈话时间")
	for in, day := range map[string]string{"昨天下午3点": "2026年11月25日（周三）15:00", "上周五上午10点": "2026年11月20日（周五）10:00"} {
		got := h.say("李书记", in)
		mustContain(t, in, got, day, "已经过去")
		mustLack(t, in, got, "没能看懂")
	}
}
