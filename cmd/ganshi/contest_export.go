package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets"
	"github.com/ganshi/ganshi/texts"
)

// runContestExport is `ganshi export contest --xlsx FILE`: standings per
// group and task, and every entry with its history.
func runContestExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "export contest"
	lang := cliLang(getenv)
	f := newContestFlags("export", getenv, stderr)
	xlsx := f.fs.String("xlsx", "", texts.T(lang, "cli_contest_flag_xlsx"))
	if _, err := parseArgs(f.fs, args, lang); err != nil {
		return err
	}
	if *xlsx == "" {
		return usageT(lang, "cli_contest_export_what")
	}
	loc, err := time.LoadLocation(orDefault(*f.zone, models.DefaultZone))
	if err != nil {
		return usageT(lang, "cli_contest_export_what")
	}
	st, c, err := f.openContest(ctx, lang, cmd)
	if err != nil {
		return err
	}
	defer st.Close()
	standing, err := st.Standing(ctx, c.ID)
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	rows, err := st.ProgressRows(ctx, c.ID)
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	if err := writeFileAtomically(*xlsx, func(w io.Writer) error { return sheets.ContestXLSX(w, standing, rows, loc) }); err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	if err := st.Audit(ctx, nil, "export.contest", c.Name, filepath.Base(*xlsx)); err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_contest_exported", *xlsx, c.Name, len(rows)))
	return nil
}
