package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets"
	"github.com/ganshi/ganshi/texts"
)

// runExportCare is `ganshi export care --year 2026 --xlsx FILE`: each
// cadre's leave, check-up and 疗养 of the year.
func runExportCare(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "export care"
	lang := cliLang(getenv)
	flags := flag.NewFlagSet(cmd, flag.ContinueOnError)
	year := flags.Int("year", 0, texts.T(lang, "cli_care_flag_year"))
	xlsx := flags.String("xlsx", "", texts.T(lang, "cli_care_flag_xlsx"))
	db := dbFlag(flags, getenv)
	setUsage(flags, stderr, lang, "cli_export_care_usage")
	pos, err := parseArgs(flags, args, lang)
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usageT(lang, "cli_unexpected_arg", cmd, pos[0])
	case *year < 2000 || *year > 2100 || *xlsx == "":
		return usageT(lang, "cli_care_year_xlsx")
	}
	st, err := openExisting(ctx, lang, cmd, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	rows, err := st.CountyCare(ctx, *year)
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	units, err := st.Units(ctx)
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	names := map[int64]string{}
	for _, u := range units {
		names[u.ID] = u.Name
	}
	if err := writeFileAtomically(*xlsx, func(w io.Writer) error { return sheets.CareXLSX(w, *year, rows, names) }); err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	if err := st.Audit(ctx, nil, "export.care", fmt.Sprint(*year), filepath.Base(*xlsx)); err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_care_done", *xlsx, *year, len(rows)))
	return nil
}

// runExportTolerance is `ganshi export tolerance --xlsx FILE`: the
// register of every case. Confidential: the export is audited as a read
// of each case.
func runExportTolerance(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "export tolerance"
	lang := cliLang(getenv)
	flags := flag.NewFlagSet(cmd, flag.ContinueOnError)
	xlsx := flags.String("xlsx", "", texts.T(lang, "cli_care_flag_xlsx"))
	db := dbFlag(flags, getenv)
	setUsage(flags, stderr, lang, "cli_export_tolerance_usage")
	pos, err := parseArgs(flags, args, lang)
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usageT(lang, "cli_unexpected_arg", cmd, pos[0])
	case *xlsx == "":
		return usageT(lang, "cli_tolerance_xlsx")
	}
	st, err := openExisting(ctx, lang, cmd, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	rows, err := st.CaseLedger(ctx)
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	if err := writeFileAtomically(*xlsx, func(w io.Writer) error { return sheets.ToleranceXLSX(w, rows) }); err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	err = st.Tx(ctx, func(tx *models.Store) error {
		name := filepath.Base(*xlsx)
		for _, r := range rows {
			if err := tx.Audit(ctx, nil, "tolerance.case.view", fmt.Sprintf("case:%d", r.ID), "export "+name); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, nil, "export.tolerance", "", fmt.Sprintf("%s: %d cases", name, len(rows)))
	})
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_tolerance_done", *xlsx, len(rows)))
	return nil
}

// runTolerance is `ganshi tolerance situations import FILE`: the county's
// list of situations that may be tolerated, as data.
func runTolerance(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "tolerance situations import"
	lang := cliLang(getenv)
	file, list, st, err := subImport(ctx, args, getenv, stderr, cmd, "situations", "cli_tolerance_usage", "cli_tolerance_what", models.ParseSituationsCSV)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.ImportSituations(ctx, nil, list)
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_tolerance_imported", file, n))
	return nil
}

// runCare is `ganshi care leave import FILE`: leave the department has on
// record (a personnel system's export), confirmed as imported.
func runCare(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "care leave import"
	lang := cliLang(getenv)
	file, lines, st, err := subImport(ctx, args, getenv, stderr, cmd, "leave", "cli_care_usage", "cli_care_what", models.ParseLeaveCSV)
	if err != nil {
		return err
	}
	defer st.Close()
	cal, err := st.LoadCalendar(ctx)
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	n, err := st.ImportLeave(ctx, lines, cal)
	if errors.Is(err, models.ErrBadInput) || errors.Is(err, models.ErrConflict) {
		return usageT(lang, "cli_tolerance_bad_file", file, err)
	}
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_care_imported", file, n))
	return nil
}
