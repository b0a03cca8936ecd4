// Package texts is the one catalog of everything Ganshi says to a person,
// in chat, on the web and on the command line: Simplified Chinese first,
// English second. Each feature keeps its texts in a file of its own here;
// T is the only lookup.
//
// Texts in chat are Telegram HTML: callers escape user data before
// passing it in. A key is namespaced by its feature (talk_, digest_,
// export_, …) where a plain name could mean two things.
package texts

import "fmt"

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
	ZH: {coreZH, talkZH, digestZH, digestCmdZH, exportZH, simulateZH, webZH, webPagesZH},
	EN: {coreEN, talkEN, digestEN, digestCmdEN, exportEN, simulateEN, webEN, webPagesEN},
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
// key is missing there), formatted with args when there are any.
func T(lang, key string, args ...any) string {
	s, ok := catalog[lang][key]
	if !ok {
		s = catalog[ZH][key]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

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
