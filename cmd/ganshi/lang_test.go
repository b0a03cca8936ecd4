package main

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// langRun is one run of the program: what it printed and returned.
type langRun struct {
	out string // stdout and stderr
	err error
}

func (r langRun) text() string {
	if r.err == nil {
		return r.out
	}
	return r.out + "\n" + r.err.Error()
}

func runWith(getenv func(string) string, args ...string) langRun {
	var out strings.Builder
	err := run(context.Background(), args, getenv, &out, &out)
	return langRun{out.String(), err}
}

// Every subcommand speaks Chinese unless told otherwise: its help (usage
// and every flag's description) and a representative mistake. --lang en,
// before or after the subcommand's name, or GANSHI_LANG=en switch all of
// it to English, which then holds no Chinese at all (none of these runs
// shows a name or a column from data). Help exits 0, mistakes keep their
// exit status (2 for usage errors) in every language.
func TestEverySubcommandSpeaksTheChosenLanguage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "ganshi.db")
	getenv := env("GANSHI_DB", db)
	if r := runWith(getenv, "import", exampleRoster); r.err != nil {
		t.Fatalf("import: %v\n%s", r.err, r.out)
	}
	xlsx := filepath.Join(dir, "out.xlsx")
	missing := filepath.Join(dir, "missing.db")
	cases := []struct {
		name string
		args []string
	}{
		{"help", []string{"--help"}},
		{"no subcommand", nil},
		{"unknown subcommand", []string{"frobnicate"}},
		{"serve help", []string{"serve", "--help"}},
		{"serve without a token", []string{"serve"}},
		{"serve with a bad rate", []string{"serve", "--token", tok, "--send-rate", "NaN"}},
		{"demo help", []string{"demo", "--help"}},
		{"demo unknown flag", []string{"demo", "--fast"}},
		{"import help", []string{"import", "--help"}},
		{"import no file", []string{"import"}},
		{"import missing file", []string{"import", filepath.Join(dir, "none.csv")}},
		{"import old excel", []string{"import", writeFile(t, "r.xls", "x")}},
		{"invite help", []string{"invite", "--help"}},
		{"invite bad format", []string{"invite", "--format", "pdf"}},
		{"invite bad expiry", []string{"invite", "--expires", "90m"}},
		{"unbind help", []string{"unbind", "--help"}},
		{"unbind no id", []string{"unbind"}},
		{"unbind unknown id", []string{"unbind", "GS7777"}},
		{"export help", []string{"export", "--help"}},
		{"export unknown kind", []string{"export", "cadres"}},
		{"export reports help", []string{"export", "reports", "--help"}},
		{"export reports bad month", []string{"export", "reports", "--month", "2026-13", "--xlsx", xlsx}},
		{"export talks help", []string{"export", "talks", "--help"}},
		{"export talks reversed", []string{"export", "talks", "--from", "2026-11-30", "--to", "2026-11-01", "--xlsx", xlsx}},
		{"events help", []string{"events", "--help"}},
		{"events import help", []string{"events", "import", "--help"}},
		{"events workdays out of range", []string{"events", "workdays", "99"}},
		{"schedule help", []string{"schedule", "--help"}},
		{"schedule list help", []string{"schedule", "list", "--help"}},
		{"schedule unknown", []string{"schedule", "run", "nope"}},
		{"schedule no database", []string{"schedule", "list", "--db", missing}},
		{"calendar help", []string{"calendar", "--help"}},
		{"calendar list help", []string{"calendar", "list", "--help"}},
		{"calendar bad date", []string{"calendar", "set", "2026-13-01", "holiday"}},
		{"calendar bad year flag", []string{"calendar", "list", "--year", "soon"}},
		{"simulate help", []string{"simulate", "--help"}},
		{"simulate bad profile", []string{"simulate", "--profile", "ontime=70,late=20"}},
		{"backup help", []string{"backup", "--help"}},
		{"backup exists", []string{"backup", db}},
		{"restore help", []string{"restore", "--help"}},
		{"restore missing backup", []string{"restore", filepath.Join(dir, "none.backup")}},
		{"bad database address", []string{"unbind", "GS0001", "--db", "mysql://x/y"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			zh := runWith(getenv, c.args...)
			if !hasHan(zh.text()) {
				t.Fatalf("default run is not in Chinese:\n%s", zh.text())
			}
			if zh.err != nil && !hasHan(zh.err.Error()) {
				t.Errorf("the error is not in Chinese: %v", zh.err)
			}
			if strings.Contains(c.name, "help") {
				checkChineseHelp(t, zh.out)
			}
			var byEnv langRun
			for i, args := range [][]string{
				append([]string{"--lang", "en"}, c.args...),
				langAfter(c.args),
			} {
				en := runWith(getenv, args...)
				if i == 0 {
					byEnv = runWith(env("GANSHI_DB", db, "GANSHI_LANG", "en"), c.args...)
					if byEnv.text() != en.text() {
						t.Errorf("GANSHI_LANG=en and --lang en differ:\n%s\n----\n%s", byEnv.text(), en.text())
					}
				}
				if hasHan(en.text()) {
					t.Errorf("%v is not all English:\n%s", args, en.text())
				}
				if (en.err == nil) != (zh.err == nil) || isUsage(en.err) != isUsage(zh.err) {
					t.Errorf("%v: exit status differs from Chinese: %v / %v", args, en.err, zh.err)
				}
			}
			if zh.err != nil && !strings.Contains(c.name, "no subcommand") && !strings.Contains(c.name, "help") &&
				!isUsage(zh.err) && !strings.Contains(c.name, "unknown id") {
				t.Errorf("want a usage error (exit status 2), got %v", zh.err)
			}
		})
	}
}

// langAfter puts --lang=en after the subcommand's name (or alone).
func langAfter(args []string) []string {
	if len(args) == 0 {
		return []string{"--lang=en"}
	}
	return append(append([]string{args[0]}, "--lang=en"), args[1:]...)
}

// flagLine is a flag's description in help: indented under "  --name".
var flagLine = regexp.MustCompile(`(?m)^      (.+)$`)

// checkChineseHelp: every flag's description says it in Chinese.
func checkChineseHelp(t *testing.T, help string) {
	t.Helper()
	for _, m := range flagLine.FindAllStringSubmatch(help, -1) {
		if !hasHan(m[1]) && !strings.HasPrefix(strings.TrimSpace(m[1]), "ganshi ") &&
			!strings.HasPrefix(strings.TrimSpace(m[1]), "[--") {
			t.Errorf("flag description not in Chinese: %q", m[1])
		}
	}
}

// A language ganshi does not speak is a usage error said in both
// languages, wherever it was given: the reader may read only one.
func TestUnknownLanguageIsAUsageErrorInBothLanguages(t *testing.T) {
	for _, c := range []struct {
		getenv func(string) string
		args   []string
		names  string
	}{
		{env(), []string{"--lang", "fr", "import"}, "--lang"},
		{env(), []string{"import", "--lang=de", "x.csv"}, "--lang"},
		{env("GANSHI_LANG", "ja"), []string{"--help"}, "GANSHI_LANG"},
		{env(), []string{"schedule", "list", "--lang"}, "--lang"},
	} {
		r := runWith(c.getenv, c.args...)
		if !isUsage(r.err) {
			t.Errorf("%v: %v, want a usage error", c.args, r.err)
			continue
		}
		msg := r.err.Error()
		zhLine, enLine, _ := strings.Cut(msg, "\n")
		if !hasHan(zhLine) || hasHan(enLine) || enLine == "" || !strings.Contains(msg, c.names) {
			t.Errorf("%v: %q, want a Chinese line and an English line naming %s", c.args, msg, c.names)
		}
	}
	// Locale spellings are understood; GANSHI_LANG is overridden by --lang.
	for _, c := range []struct {
		getenv  func(string) string
		args    []string
		chinese bool
	}{
		{env("GANSHI_LANG", "en_US.UTF-8"), []string{"--help"}, false},
		{env("GANSHI_LANG", "zh-CN"), []string{"--help"}, true},
		{env("GANSHI_LANG", "en"), []string{"--help", "--lang", "zh"}, true},
		{env("GANSHI_LANG", "zh"), []string{"-lang", "EN", "--help"}, false},
	} {
		if r := runWith(c.getenv, c.args...); r.err != nil || hasHan(r.out) != c.chinese {
			t.Errorf("%v: %v, Chinese %v, want %v", c.args, r.err, hasHan(r.out), c.chinese)
		}
	}
}

// Every setting serve takes is described in the catalog, in both
// languages: a setting added without its text would show an empty line.
func TestServeSettingsAreDescribed(t *testing.T) {
	for _, s := range serveSettings {
		for _, lang := range []string{"zh", "en"} {
			if h := s.help(lang); strings.HasPrefix(h, " (env") || strings.HasPrefix(h, "（环境变量") {
				t.Errorf("%s has no %s description", s.flag, lang)
			}
		}
	}
	var ue usageError
	if r := runWith(env(), "serve", "--nope"); !errors.As(r.err, &ue) || !strings.Contains(r.out, "--webhook-secret") {
		t.Errorf("a wrong flag: %v, want the usage printed:\n%s", r.err, r.out)
	}
}
