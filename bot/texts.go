package bot

import (
	"fmt"
	"html"
)

// Languages the bot speaks. Chinese comes first everywhere.
const (
	LangZH = "zh"
	LangEN = "en"
)

var texts = map[string]map[string]string{LangZH: textsZH, LangEN: textsEN}

// T returns the text for key in lang (Chinese when lang is unknown or the
// key is missing there), formatted with args. Texts are HTML: pass user
// data through esc first.
func T(lang, key string, args ...any) string {
	s, ok := texts[lang][key]
	if !ok {
		s = textsZH[key]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// esc makes a user-supplied string safe inside HTML parse mode.
func esc(s string) string { return html.EscapeString(s) }

// both gives a text in Chinese and then English, for people whose language
// we do not know yet.
func both(key string, args ...any) string {
	return T(LangZH, key, args...) + "\n\n" + T(LangEN, key, args...)
}
