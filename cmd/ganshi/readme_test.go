package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/examples"
	"github.com/ganshi/ganshi/jobs"
)

// readmeCommand is one ganshi command line shown in a code block of
// README.md, with the line it is on.
type readmeCommand struct {
	line int
	args []string
	glob bool // an unquoted * or ?: a shell would expand it to file names
}

// readmeCommands finds every line in README's code blocks (indented or
// fenced without a language other than a shell's) that runs ganshi:
// "ganshi …" or "go run ./cmd/ganshi …". Comments after # are dropped.
func readmeCommands(t *testing.T, readme []byte) []readmeCommand {
	t.Helper()
	var out []readmeCommand
	sc := bufio.NewScanner(bytes.NewReader(readme))
	fenced, shell, prevBlank := false, false, true
	inIndented := false
	for n := 1; sc.Scan(); n++ {
		raw := sc.Text()
		if strings.HasPrefix(raw, "```") {
			if !fenced {
				lang := strings.TrimSpace(strings.TrimPrefix(raw, "```"))
				shell = lang == "" || lang == "sh" || lang == "bash" || lang == "console" || lang == "shell"
			}
			fenced = !fenced
			prevBlank = false
			continue
		}
		code := ""
		switch {
		case fenced && shell:
			code = raw
		case !fenced && strings.HasPrefix(raw, "    ") && (prevBlank || inIndented):
			code, inIndented = raw, true
		case strings.TrimSpace(raw) == "":
			// a blank line may continue an indented block
		default:
			inIndented = false
		}
		prevBlank = strings.TrimSpace(raw) == ""
		if args, ok := ganshiArgs(code); ok {
			out = append(out, readmeCommand{line: n, args: args, glob: unquotedGlob(code)})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// ganshiArgs reads a shell line as ganshi's arguments, if it runs ganshi.
// Quotes are honoured as a shell would for the simple cases README shows.
func ganshiArgs(line string) ([]string, bool) {
	if i := strings.Index(line, " #"); i >= 0 {
		line = line[:i]
	}
	words := shellWords(strings.TrimSpace(line))
	switch {
	case len(words) >= 1 && words[0] == "ganshi":
		return words[1:], true
	case len(words) >= 3 && words[0] == "go" && words[1] == "run" && words[2] == "./cmd/ganshi":
		return words[3:], true
	}
	return nil, false
}

// unquotedGlob tells whether a shell would expand part of line as a
// file name pattern.
func unquotedGlob(line string) bool {
	quote := rune(0)
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote == 0 && (r == '\'' || r == '"'):
			quote = r
		case quote == 0 && (r == '*' || r == '?'):
			return true
		case quote == 0 && r == '#':
			return false
		}
	}
	return false
}

func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	quote, inWord := rune(0), false
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// TestReadmeCommandsRun runs every ganshi command line README shows, in
// order, in a fresh directory holding the examples, against one database
// and the fake Telegram: a README that no longer matches the program
// fails here. serve runs until it has polled once, then stops.
func TestReadmeCommandsRun(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	cmds := readmeCommands(t, readme)
	if len(cmds) < 10 {
		t.Fatalf("found %d ganshi command lines in README; the extraction is broken", len(cmds))
	}
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "examples"), examples.Files); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	fake := telegramtest.New(telegramtest.Options{})
	defer fake.Close()
	env := map[string]string{
		"GANSHI_DB":               filepath.Join(dir, "ganshi.db"),
		"GANSHI_TELEGRAM_TOKEN":   fake.Token(),
		"GANSHI_TELEGRAM_API_URL": fake.URL(),
		"GANSHI_HTTP_ADDR":        "127.0.0.1:0",
	}
	getenv := func(k string) string { return env[k] }
	for _, c := range cmds {
		if c.glob {
			t.Errorf("README.md:%d: an unquoted * or ? would be expanded by the shell; quote it", c.line)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		if len(c.args) > 0 && c.args[0] == "serve" {
			polled := fake.Requests("getUpdates")
			go func() {
				_ = fake.WaitFor(ctx, func(s *telegramtest.Server) bool { return s.Requests("getUpdates") > polled })
				cancel()
			}()
		}
		var stdout, stderr bytes.Buffer
		t.Logf("README.md:%d: ganshi %s", c.line, strings.Join(c.args, " "))
		err := run(ctx, c.args, getenv, &stdout, &stderr)
		cancel()
		if err != nil {
			t.Errorf("README.md:%d: ganshi %s: %v\n%s%s", c.line, strings.Join(c.args, " "), err, stdout.String(), stderr.String())
		}
	}
}

// README's table of schedules names every default schedule the registry
// installs, so an operator reading it knows what will fire.
func TestReadmeListsEverySchedule(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range jobs.Registry().Defaults() {
		if !bytes.Contains(readme, []byte("| `"+sc.Name+"` | `"+sc.Kind+"` |")) {
			t.Errorf("README's schedule table has no row for %s (kind %s)", sc.Name, sc.Kind)
		}
	}
}
