package main

import (
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

// runAnnualExport is `ganshi export annual --year 2026 --xlsx FILE`: every
// cadre's year and judgement, a sheet per unit, and each category's
// statistics, computed one category at a time. The file holds talk-record
// flags, so the export is audited.
func runAnnualExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "export annual"
	lang := cliLang(getenv)
	flags := flag.NewFlagSet(cmd, flag.ContinueOnError)
	year := flags.Int("year", 0, texts.T(lang, "cli_annual_flag_year"))
	xlsx := flags.String("xlsx", "", texts.T(lang, "cli_annual_flag_xlsx"))
	tz := tzFlag(flags, getenv)
	db := dbFlag(flags, getenv)
	setUsage(flags, stderr, lang, "cli_annual_usage")
	pos, err := parseArgs(flags, args, lang)
	switch {
	case err != nil:
		return err
	case len(pos) > 0:
		return usageT(lang, "cli_unexpected_unit", cmd, pos[0])
	case *year < 2000 || *year > 2100 || *xlsx == "":
		return usageT(lang, "cli_annual_need")
	}
	loc, err := time.LoadLocation(*tz)
	if err != nil {
		return usageT(lang, "cli_bad_tz", cmd, *tz)
	}
	if err := mustExist(lang, cmd, *db); err != nil {
		return err
	}
	st, err := models.Open(ctx, *db, models.Options{})
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	defer st.Close()
	cadres := 0
	err = writeFileAtomically(*xlsx, func(w io.Writer) error {
		aw, err := sheets.NewAnnualWorkbook(*year)
		if err != nil {
			return err
		}
		cats, err := st.AnnualCategories(ctx)
		if err != nil {
			return err
		}
		for _, c := range cats {
			ps, stats, err := st.CategoryProfiles(ctx, *year, c, loc)
			if err != nil {
				return err
			}
			cadres += len(ps)
			if err := aw.AddCategory(c, ps, stats); err != nil {
				return err
			}
		}
		_, err = aw.WriteTo(w)
		return err
	})
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	if err := st.Audit(ctx, nil, "export.annual", fmt.Sprint(*year), fmt.Sprintf("%s: %d cadres", filepath.Base(*xlsx), cadres)); err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_annual_done", *xlsx, *year, cadres))
	return nil
}
