package texts

import (
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/when"
)

// The times and dates the texts give as examples are ones the bot reads,
// in both languages: an example that is refused teaches the wrong thing.
func TestTimeExamplesAreRead(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, loc)
	times := map[string][]string{
		ZH: {"明天下午3点", "12月3日15:00", "下周三上午10点半", "后天上午10点半", "下周三15:00", "2026-12-03 15:00"},
		EN: {"tomorrow 3pm", "Dec 3 15:00", "next Wed 10:30am", "2026-12-03 15:00"},
	}
	dates := map[string][]string{
		ZH: {"2027-01-15", "1月15日", "两周后"},
		EN: {"2027-01-15", "Jan 15", "in 2 weeks"},
	}
	for lang, examples := range times {
		shown := T(lang, "ask_time") + T(lang, "when_unreadable")
		for _, ex := range examples {
			if !strings.Contains(shown, ex) {
				t.Errorf("%s: %q is not among the examples shown", lang, ex)
			}
			if _, err := when.Parse(ex, now, loc); err != nil {
				t.Errorf("%s: the example %q is not read: %v", lang, ex, err)
			}
		}
	}
	for lang, examples := range dates {
		for _, ex := range examples {
			if !strings.Contains(T(lang, "ask_follow_up"), ex) {
				t.Errorf("%s: %q is not among the follow-up examples", lang, ex)
			}
			if _, err := when.ParseDate(ex, now, loc); err != nil {
				t.Errorf("%s: the example %q is not read: %v", lang, ex, err)
			}
		}
	}
}
