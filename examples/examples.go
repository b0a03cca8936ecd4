// Package examples holds the sample files shipped with Ganshi — a
// county's roster (UTF-8 and GBK), life events, a county's own days off —
// embedded so that the demo and tests read them without a file path.
// README.md here explains the columns.
//
// Where things go: a file that a `ganshi …` line in the top README reads
// belongs here, since cmd/ganshi/readme_test.go runs those lines from the
// repository root.
package examples

import "embed"

// Roster is roster.csv: a small county in UTF-8 with Chinese headers.
//
//go:embed roster.csv
var Roster []byte

// RosterGBK is roster-gbk.csv: the same roster as Excel on a Chinese
// Windows saves it, GBK-encoded.
//
//go:embed roster-gbk.csv
var RosterGBK []byte

// Files is every sample file, for tests that run commands naming them
// (README's command lines read examples/…).
//
//go:embed *.csv README.md
var Files embed.FS

// Contest is contest.csv: a pair of townships on three tasks, for
// `ganshi contest import` and the demo.
//
//go:embed contest.csv
var Contest []byte
