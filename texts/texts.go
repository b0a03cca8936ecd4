package texts

import (
	"fmt"
	"slices"
	"strings"
)

// The languages Ganshi speaks. Chinese comes first everywhere.
const (
	ZH = "zh"
	EN = "en"
)

// Langs lists the languages, the default first.
var Langs = []string{ZH, EN}

// parts are the feature catalogs that make up each language. The
// completeness test checks that no key is defined twice.
var parts = map[string][]map[string]string{
	ZH: {chatZH, reportZH, adminZH, talkZH, digestZH, digestCmdZH, exportZH, simulateZH, problemsZH,
		cliZH, cliServeZH, cliImportZH, cliExportZH, cliScheduleZH, cliBackupZH, webZH, webPagesZH, reviewZH, contestZH, cliContestZH, trainingZH, careZH, cliCareZH, toleranceZH, annualZH},
	EN: {chatEN, reportEN, adminEN, talkEN, digestEN, digestCmdEN, exportEN, simulateEN, problemsEN,
		cliEN, cliServeEN, cliImportEN, cliExportEN, cliScheduleEN, cliBackupEN, webEN, webPagesEN, reviewEN, contestEN, cliContestEN, trainingEN, careEN, cliCareEN, toleranceEN, annualEN},
}

var catalog = build()

func build() map[string]map[string]string {
	out := make(map[string]map[string]string, len(parts))
	for lang, maps := range parts {
		all := map[string]string{}
		for _, m := range maps {
			for k, v := range m {
				all[k] = v
			}
		}
		out[lang] = all
	}
	return out
}

// T returns the text for key in lang (Chinese when lang is unknown or the
// key is missing there), formatted with args when there are any. An
// argument that is a Msg or a List is rendered in lang first.
func T(lang, key string, args ...any) string {
	s, ok := catalog[lang][key]
	if !ok {
		s = catalog[ZH][key]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, render(lang, args)...)
}

// render says the Msg and List arguments in lang; the others pass as they
// are. args is copied before the first change: it is the caller's.
func render(lang string, args []any) []any {
	out, copied := args, false
	for i, a := range args {
		var s string
		switch v := a.(type) {
		case Msg:
			s = v.Text(lang)
		case List:
			s = strings.Join(v, T(lang, "words_sep"))
		default:
			continue
		}
		if !copied {
			out, copied = slices.Clone(args), true
		}
		out[i] = s
	}
	return out
}

// Msg is a text to be said later, to someone whose language is not known
// where it is made: a key and its arguments. Packages below the edges
// (models, roster) return Msgs, and each edge renders them with Text in
// its reader's language. An argument that is a Msg or a List is rendered
// in the same language.
type Msg struct {
	Key  string
	Args []any
}

// M is a Msg.
func M(key string, args ...any) Msg { return Msg{Key: key, Args: args} }

// Text is the message in lang.
func (m Msg) Text(lang string) string { return T(lang, m.Key, m.Args...) }

// Error makes a Msg an error. It reads in English, the language of logs and
// of errors wrapped on their way up; an edge that shows it to a person
// finds it with errors.As and calls Text.
func (m Msg) Error() string { return m.Text(EN) }

// List is words or phrases listed in a sentence, joined as lang joins
// them: "乡镇、园区" or "township, park".
type List []string

// Has tells whether key exists in the catalog.
func Has(key string) bool {
	_, ok := catalog[ZH][key]
	return ok
}

// Lang returns lang if Ganshi speaks it, else Chinese.
func Lang(lang string) string {
	if _, ok := catalog[lang]; ok {
		return lang
	}
	return ZH
}
