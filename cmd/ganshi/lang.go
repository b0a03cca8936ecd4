package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strings"

	"github.com/ganshi/ganshi/texts"
)

// The command line speaks Chinese unless told otherwise: --lang zh|en, a
// global flag taken out of the arguments wherever it stands before "--"
// (before or after the subcommand's name), else GANSHI_LANG, else zh.
// run puts the choice back into the environment the subcommands read, so
// each one asks cliLang(getenv) and nothing else.

// readLang reads a language as people and systems write it: zh, en,
// zh-CN, en_US.UTF-8, any case. ok is false for anything else.
func readLang(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_.@"); i >= 0 {
		s = s[:i]
	}
	switch s {
	case texts.ZH, texts.EN:
		return s, true
	}
	return "", false
}

// pickLang finds the language for this run and returns the arguments
// without --lang. An unknown value is a usage error said in both languages:
// which one the operator reads is what went wrong.
func pickLang(args []string, getenv func(string) string) (string, []string, error) {
	lang, from, given := getenv("GANSHI_LANG"), "GANSHI_LANG", getenv("GANSHI_LANG") != ""
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || strings.HasPrefix(a, "---") || name != "lang" {
			rest = append(rest, a)
			continue
		}
		if !hasVal {
			if i+1 == len(args) {
				return "", nil, bothLangs("cli_lang_missing")
			}
			i++
			val = args[i]
		}
		lang, from, given = val, "--lang", true
	}
	if !given {
		return texts.ZH, rest, nil
	}
	l, ok := readLang(lang)
	if !ok {
		return "", nil, bothLangs("cli_bad_lang", from, lang)
	}
	return l, rest, nil
}

// bothLangs is a usage error in Chinese and then in English, for when the
// language itself is what is wrong.
func bothLangs(key string, args ...any) error {
	return usageError{texts.T(texts.ZH, key, args...) + "\n" + texts.T(texts.EN, key, args...)}
}

// withLang is getenv with GANSHI_LANG set to the language run picked.
func withLang(getenv func(string) string, lang string) func(string) string {
	return func(k string) string {
		if k == "GANSHI_LANG" {
			return lang
		}
		return getenv(k)
	}
}

// cliLang is the language a subcommand speaks. Called directly (tests),
// an unset or unknown GANSHI_LANG reads as Chinese.
func cliLang(getenv func(string) string) string {
	if l, ok := readLang(getenv("GANSHI_LANG")); ok {
		return l
	}
	return texts.ZH
}

// usageT is a usage error (exit status 2) in lang.
func usageT(lang, key string, args ...any) error {
	return usageError{texts.T(lang, key, args...)}
}

// cliError is a failure told in the operator's language that keeps its
// cause for errors.Is and errors.As.
type cliError struct {
	msg   string
	cause error
}

func (e cliError) Error() string { return e.msg }
func (e cliError) Unwrap() error { return e.cause }

// failT is a failure (exit status 1) in lang: key formatted with args and,
// last, the cause in lang's words.
func failT(lang, key string, cause error, args ...any) error {
	return cliError{texts.T(lang, key, append(args, reason(lang, cause))...), cause}
}

// reason is err in lang: the catalog's text when err carries one (a
// texts.Msg from models or roster), else err's own text.
func reason(lang string, err error) string {
	var m texts.Msg
	if errors.As(err, &m) {
		return m.Text(lang)
	}
	return err.Error()
}

// readInput reads a file a subcommand was given, saying in lang what to do
// when it cannot: a missing file is a mistyped path, a usage error.
func readInput(lang, cmd, path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		return data, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, usageT(lang, "cli_no_file", cmd, path)
	}
	return nil, failT(lang, "cli_read_file", err, cmd, path)
}

// setUsage makes fs print, in lang, the text of key, the flags and the
// note on --lang when --help is asked or a flag is wrong.
func setUsage(fs *flag.FlagSet, w io.Writer, lang, key string, args ...any) {
	fs.Usage = func() {
		fmt.Fprintln(w, texts.T(lang, key, args...))
		printFlags(w, fs, lang)
	}
}

// printFlags lists fs's flags with their descriptions and defaults in
// lang, then the global --lang, which every subcommand accepts.
func printFlags(w io.Writer, fs *flag.FlagSet, lang string) {
	fmt.Fprintln(w, "\n"+texts.T(lang, "cli_flags"))
	fs.VisitAll(func(f *flag.Flag) {
		kind, usage := flag.UnquoteUsage(f)
		fmt.Fprintf(w, "  %s\n      %s", strings.TrimSpace("--"+f.Name+" "+kind), usage)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			fmt.Fprint(w, texts.T(lang, "cli_flag_default", f.DefValue))
		}
		fmt.Fprintln(w)
	})
	fmt.Fprintf(w, "  --lang zh|en\n      %s\n", texts.T(lang, "cli_lang_note"))
}

// parseArgs parses fs in lang and lets flags come after the positional
// arguments too ("ganshi import roster.csv --dry-run"): the flag package
// stops at the first argument that is not a flag. Its own English message
// is silenced; a wrong flag prints the usage and comes back in lang.
func parseArgs(fs *flag.FlagSet, args []string, lang string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, err
			}
			return nil, flagError(lang, fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}

// flagMessages are the flag package's errors (Go's flag.go, failf), each
// with the catalog key that says it and which submatch is the flag and
// which the value.
var flagMessages = []struct {
	re          *regexp.Regexp
	key         string
	flag, value int
}{
	{regexp.MustCompile(`^flag provided but not defined: -(.*)$`), "cli_flag_unknown", 1, 0},
	{regexp.MustCompile(`^flag needs an argument: -(.*)$`), "cli_flag_needs_value", 1, 0},
	{regexp.MustCompile(`^invalid value "(.*)" for flag -(\S+): `), "cli_flag_bad_value", 2, 1},
	{regexp.MustCompile(`^invalid boolean value "(.*)" for -(\S+): `), "cli_flag_bad_value", 2, 1},
	{regexp.MustCompile(`^invalid boolean flag (\S+): `), "cli_flag_bad_bool", 1, 0},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`), "cli_flag_syntax", 0, 1},
}

// flagError says a flag package error in lang.
func flagError(lang, cmd string, err error) error {
	for _, m := range flagMessages {
		sub := m.re.FindStringSubmatch(err.Error())
		if sub == nil {
			continue
		}
		args := []any{cmd}
		if m.flag > 0 {
			args = append(args, "--"+sub[m.flag])
		}
		if m.value > 0 {
			args = append(args, sub[m.value])
		}
		return usageT(lang, m.key, args...)
	}
	return usageT(lang, "cli_flag_other", cmd, err)
}
