package bot

import (
	"html"

	"github.com/ganshi/ganshi/texts"
)

// esc makes a user-supplied string safe inside HTML parse mode.
func esc(s string) string { return html.EscapeString(s) }

// both gives a text in Chinese and then English, for people whose language
// we do not know yet.
func both(key string, args ...any) string {
	return texts.T(texts.ZH, key, args...) + "\n\n" + texts.T(texts.EN, key, args...)
}
