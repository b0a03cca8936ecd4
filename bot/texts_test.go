package bot

import (
	"strings"
	"testing"
)

// Every text exists in both languages with the same placeholders, so a
// switch of language never shows an empty or garbled message.
func TestTextsComplete(t *testing.T) {
	for key, zh := range textsZH {
		en, ok := textsEN[key]
		if !ok {
			t.Errorf("%s: no English text", key)
			continue
		}
		if strings.Count(zh, "%") != strings.Count(en, "%") {
			t.Errorf("%s: placeholders differ between zh and en", key)
		}
	}
	for key := range textsEN {
		if _, ok := textsZH[key]; !ok {
			t.Errorf("%s: no Chinese text", key)
		}
	}
}
