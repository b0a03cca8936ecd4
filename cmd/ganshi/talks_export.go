package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets"
	"github.com/ganshi/ganshi/texts"
)

// talksExportArgs is what `ganshi export talks` was asked to do.
type talksExportArgs struct {
	from, to       time.Time // to is the first instant after the last day
	fromDay, toDay string
	xlsx, db       string
	loc            *time.Location
}

// runTalksExport writes the 谈话台账: every talk held in the days given,
// with its record. The command line is the organization department, the
// only reader of records besides their holders; the export is audited as
// a view of each record.
func runTalksExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "export talks"
	lang := cliLang(getenv)
	a, err := parseTalksExportArgs(args, getenv, stderr)
	if err != nil {
		return err
	}
	if err := mustExist(lang, cmd, a.db); err != nil {
		return err
	}
	st, err := models.Open(ctx, a.db, models.Options{})
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	defer st.Close()
	rows, err := st.TalksHeldBetween(ctx, a.from, a.to)
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	if err := writeFileAtomically(a.xlsx, func(w io.Writer) error { return sheets.TalksLedger(w, a.fromDay, a.toDay, rows, a.loc) }); err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	err = st.Tx(ctx, func(tx *models.Store) error {
		name := filepath.Base(a.xlsx)
		for _, r := range rows {
			if err := tx.Audit(ctx, nil, "talk.record.view", fmt.Sprintf("talk:%d", r.ID), "export "+name); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, nil, "export.talks", a.fromDay+".."+a.toDay, fmt.Sprintf("%s: %d talks", name, len(rows)))
	})
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_talks_done", a.xlsx, len(rows), a.fromDay, a.toDay))
	return nil
}

func parseTalksExportArgs(args []string, getenv func(string) string, stderr io.Writer) (talksExportArgs, error) {
	lang := cliLang(getenv)
	t := func(key string) string { return texts.T(lang, key) }
	flags := flag.NewFlagSet("export talks", flag.ContinueOnError)
	var a talksExportArgs
	flags.StringVar(&a.fromDay, "from", "", t("cli_talks_flag_from"))
	flags.StringVar(&a.toDay, "to", "", t("cli_talks_flag_to"))
	flags.StringVar(&a.xlsx, "xlsx", "", t("cli_talks_flag_xlsx"))
	tz := flags.String("tz", cmp.Or(getenv("GANSHI_TZ"), models.DefaultZone), t("cli_talks_flag_tz"))
	db := dbFlag(flags, getenv)
	setUsage(flags, stderr, lang, "cli_export_talks_usage")
	pos, err := parseArgs(flags, args, lang)
	switch {
	case err != nil:
		return a, err
	case len(pos) > 0:
		return a, usageT(lang, "cli_unexpected_arg", "export talks", pos[0])
	case a.fromDay == "" || a.toDay == "":
		return a, usageT(lang, "cli_talks_days_required")
	case a.xlsx == "":
		return a, usageT(lang, "cli_talks_xlsx_required")
	}
	if a.loc, err = time.LoadLocation(*tz); err != nil {
		return a, usageT(lang, "cli_bad_tz", "export talks", *tz)
	}
	if a.from, err = time.ParseInLocation("2006-01-02", a.fromDay, a.loc); err != nil {
		return a, usageT(lang, "cli_talks_bad_day", "--from", a.fromDay, "2026-11-01")
	}
	last, err := time.ParseInLocation("2006-01-02", a.toDay, a.loc)
	if err != nil {
		return a, usageT(lang, "cli_talks_bad_day", "--to", a.toDay, "2026-11-30")
	}
	if last.Before(a.from) {
		return a, usageT(lang, "cli_talks_reversed", a.toDay, a.fromDay)
	}
	a.to, a.db = last.AddDate(0, 0, 1), *db
	return a, nil
}
