package items

import (
	"fmt"
	"strings"
	"testing"
)

// benchMessage is a full month's report in one message: the most a cadre
// may send at once.
func benchMessage() string {
	lines := []string{
		"完成棚户区改造征收 35 户，签约率 92%",
		"争取上级资金 1,200 万元，新建道路 3.5 公里",
		"走访群众80余户，收集意见三十五条",
		"流转土地两千亩；2026年11月20日前完成验收",
	}
	var b strings.Builder
	for i := range MaxItemsPerMessage {
		fmt.Fprintf(&b, "%d. %s\n", i+1, lines[i%len(lines)])
	}
	return b.String()
}

func BenchmarkSplitFigures(b *testing.B) {
	msg := benchMessage()
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	for b.Loop() {
		for _, item := range Split(msg) {
			Figures(item)
		}
	}
}
