package metrics

import (
	"strings"
	"testing"
)

func TestWriteText(t *testing.T) {
	s := NewSet()
	s.UpdatesReceived.Inc("poll")
	s.UpdatesReceived.Add("poll", 2)
	s.HandlerSeconds.Observe(0.003)
	s.Registry.GaugeFunc("ganshi_outbox", "Outbox rows by status.", "status", func() map[string]float64 {
		return map[string]float64{"pending": 4}
	})
	var b strings.Builder
	s.Registry.WriteText(&b)
	out := b.String()
	for _, want := range []string{
		"# TYPE ganshi_updates_received_total counter",
		`ganshi_updates_received_total{source="poll"} 3`,
		`ganshi_handler_seconds_bucket{le="0.0025"} 0`,
		`ganshi_handler_seconds_bucket{le="0.005"} 1`,
		`ganshi_handler_seconds_count 1`,
		"ganshi_telegram_429_total 0",
		`ganshi_outbox{status="pending"} 4`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}
