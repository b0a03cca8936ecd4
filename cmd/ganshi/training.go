package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ganshi/ganshi/jobs"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/sheets"
	"github.com/ganshi/ganshi/texts"
)

// runTraining is `ganshi training`: plan sessions, invite, move, cancel,
// and set the lectures leading cadres owe.
func runTraining(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	lang := cliLang(getenv)
	if len(args) == 0 {
		fmt.Fprintln(stderr, texts.T(lang, "cli_training_usage"))
		return usageT(lang, "cli_training_what")
	}
	subs := map[string]func(context.Context, trainingCmd) error{
		"create": trainingCreate, "invite": trainingInvite, "import": trainingImport,
		"move": trainingMove, "cancel": trainingCancel, "duty": trainingDuty,
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stdout, texts.T(lang, "cli_training_usage"))
		return nil
	}
	sub, ok := subs[args[0]]
	if !ok {
		return usageT(lang, "cli_training_unknown_sub", args[0])
	}
	c := trainingCmd{name: "training " + args[0], lang: lang, getenv: getenv, stdout: stdout, stderr: stderr, args: args[1:]}
	c.fs = flag.NewFlagSet(c.name, flag.ContinueOnError)
	c.db = dbFlag(c.fs, getenv)
	c.tz = tzFlag(c.fs, getenv)
	setUsage(c.fs, stderr, lang, "cli_training_usage")
	return sub(ctx, c)
}

// trainingCmd is one `ganshi training SUB` call: its flags are added by
// the subcommand, then parse reads them.
type trainingCmd struct {
	name, lang     string
	getenv         func(string) string
	stdout, stderr io.Writer
	args           []string
	fs             *flag.FlagSet
	db, tz         *string
	loc            *time.Location
}

// t is a text of the catalog in the command's language.
func (c *trainingCmd) t(key string, args ...any) string { return texts.T(c.lang, key, args...) }

func (c *trainingCmd) parse() ([]string, error) {
	pos, err := parseArgs(c.fs, c.args, c.lang)
	if err != nil {
		return nil, err
	}
	if c.loc, err = time.LoadLocation(*c.tz); err != nil {
		return nil, usageT(c.lang, "cli_bad_tz", c.name, *c.tz)
	}
	return pos, nil
}

func (c *trainingCmd) open(ctx context.Context) (*models.Store, error) {
	return openExisting(ctx, c.lang, c.name, *c.db)
}

func (c *trainingCmd) time(s string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(s), c.loc)
	if err != nil {
		return t, usageT(c.lang, "cli_training_bad_time", s)
	}
	return t, nil
}

func (c *trainingCmd) cadre(ctx context.Context, st *models.Store, ext string) (models.Cadre, error) {
	cad, err := st.CadreByExternalID(ctx, strings.TrimSpace(ext))
	if errors.Is(err, models.ErrNotFound) {
		return cad, usageT(c.lang, "cli_training_no_cadre", ext)
	}
	return cad, err
}

func (c *trainingCmd) fail(err error) error {
	var ue usageError
	if errors.As(err, &ue) {
		return err
	}
	return failT(c.lang, "cli_failed", err, c.name)
}

func trainingCreate(ctx context.Context, c trainingCmd) error {
	f := c.fs
	kind := f.String("kind", "专题党课", c.t("cli_training_flag_kind"))
	title, place, bring := f.String("title", "", c.t("cli_training_flag_title")), f.String("place", "", c.t("cli_training_flag_where")), f.String("bring", "", c.t("cli_training_flag_bring"))
	start, end := f.String("start", "", c.t("cli_training_flag_starts")), f.String("end", "", c.t("cli_training_flag_ends"))
	organiser, lecturerID := f.String("organiser", "", c.t("cli_training_flag_organiser")), f.String("lecturer-id", "", c.t("cli_training_flag_lecturer_id"))
	lecturer, unit := f.String("lecturer", "", c.t("cli_training_flag_lecturer")), f.String("unit", "", c.t("cli_training_flag_own_unit"))
	hours := f.Float64("hours", 0, c.t("cli_training_flag_hours"))
	capacity, batch := f.Int("capacity", 0, c.t("cli_training_flag_capacity")), f.Int("batch", 0, c.t("cli_training_flag_batch"))
	series := f.String("series", "", c.t("cli_training_flag_series"))
	checkout := f.Bool("checkout", false, c.t("cli_training_flag_checkout"))
	if _, err := c.parse(); err != nil {
		return err
	}
	k, ok := models.ParseTrainingKind(*kind)
	if !ok {
		return usageT(c.lang, "cli_training_bad_kind", *kind)
	}
	from, err := c.time(*start)
	if err != nil {
		return err
	}
	to, err := c.time(*end)
	if err != nil {
		return err
	}
	st, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	org, err := c.cadre(ctx, st, *organiser)
	if err != nil {
		return c.fail(err)
	}
	n := models.NewTraining{Kind: k, Title: *title, Place: *place, Bring: *bring, Lecturer: *lecturer, StartsAt: from, EndsAt: to,
		OrganiserID: org.ID, Hours: *hours, Capacity: *capacity, Batch: *batch, Series: *series, CheckOut: *checkout}
	if *lecturerID != "" {
		lec, err := c.cadre(ctx, st, *lecturerID)
		if err != nil {
			return c.fail(err)
		}
		n.LecturerID, n.Lecturer = &lec.ID, cmp.Or(n.Lecturer, lec.Name)
	}
	if *unit != "" {
		u, err := st.UnitByName(ctx, strings.TrimSpace(*unit))
		if err != nil {
			return usageT(c.lang, "cli_training_no_unit", *unit)
		}
		n.UnitID = &u.ID
	}
	t, err := st.CreateTraining(ctx, n)
	if err != nil {
		return usageT(c.lang, "cli_training_bad", reason(c.lang, err))
	}
	fmt.Fprintln(c.stdout, texts.T(c.lang, "cli_training_created", t.ID, t.Title, t.StartsAt.In(c.loc).Format("2006-01-02 15:04")))
	return nil
}

// trainingInvite is `ganshi training invite ID` with an audience: units,
// categories, roles, an age limit (the roster's birth dates).
func trainingInvite(ctx context.Context, c trainingCmd) error {
	units, cats := c.fs.String("unit", "", c.t("cli_training_flag_unit")), c.fs.String("category", "", c.t("cli_training_flag_category"))
	roles := c.fs.String("role", "", c.t("cli_training_flag_role"))
	under := c.fs.Int("under", 0, c.t("cli_training_flag_under"))
	all := c.fs.Bool("all", false, c.t("cli_training_flag_all"))
	pos, err := c.parse()
	if err != nil {
		return err
	}
	id, err := sessionArg(c, pos)
	if err != nil {
		return err
	}
	if !*all && *units == "" && *cats == "" && *roles == "" && *under == 0 {
		return usageT(c.lang, "cli_training_no_audience")
	}
	st, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	a := models.Audience{Categories: split(*cats), Roles: split(*roles), UnderAge: *under, On: st.Now()}
	for _, name := range split(*units) {
		u, err := st.UnitByName(ctx, name)
		if err != nil {
			return usageT(c.lang, "cli_training_no_unit", name)
		}
		a.UnitIDs = append(a.UnitIDs, u.ID)
	}
	ids, err := st.AudienceCadres(ctx, a)
	if err != nil {
		return c.fail(err)
	}
	return inviteAndSay(ctx, c, st, id, ids)
}

func inviteAndSay(ctx context.Context, c trainingCmd, st *models.Store, id int64, ids []int64) error {
	at, err := deliverable(ctx, st, c.loc)
	if err != nil {
		return c.fail(err)
	}
	sum, err := st.InviteToTrainingAt(ctx, id, ids, c.loc.String(), at)
	switch {
	case errors.Is(err, models.ErrNotFound):
		return usageT(c.lang, "cli_training_no_session", id)
	case errors.Is(err, models.ErrOverCapacity), errors.Is(err, models.ErrOtherBatch),
		errors.Is(err, models.ErrTrainingStarted), errors.Is(err, models.ErrTrainingCancelled):
		return usageT(c.lang, "cli_training_refused", reason(c.lang, err))
	case err != nil:
		return c.fail(err)
	}
	fmt.Fprintln(c.stdout, texts.T(c.lang, "cli_training_invited", id, sum.Added, sum.Known, len(sum.Unreachable)))
	if len(sum.Unreachable) > 0 {
		fmt.Fprintln(c.stdout, texts.T(c.lang, "cli_training_unreachable", strings.Join(sum.Unreachable, "、")))
	}
	return nil
}

func split(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func sessionArg(c trainingCmd, pos []string) (int64, error) {
	if len(pos) != 1 {
		return 0, usageT(c.lang, "cli_training_one_session")
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(pos[0], "#"), 10, 64)
	if err != nil {
		return 0, usageT(c.lang, "cli_training_one_session")
	}
	return id, nil
}

// trainingImport is `ganshi training import FILE`: an invitee list. The
// whole file is checked first, line by line; a cadre not on the roster
// refuses it.
func trainingImport(ctx context.Context, c trainingCmd) error {
	pos, err := c.parse()
	if err != nil {
		return err
	}
	file, data, err := oneFile(c.lang, c.name, pos)
	if err != nil {
		return err
	}
	lines, err := sheets.ParseInvitees(data)
	st, oerr := c.open(ctx)
	if oerr != nil {
		return oerr
	}
	defer st.Close()
	var probs sheets.LineProblems
	if !errors.As(err, &probs) && err != nil {
		return c.fail(err)
	}
	bySession := map[int64][]int64{}
	var order []int64
	for _, l := range lines {
		cad, err := st.CadreByExternalID(ctx, l.ExternalID)
		switch {
		case errors.Is(err, models.ErrNotFound):
			probs = append(probs, sheets.LineProblem{Line: l.Line, What: texts.T(c.lang, "cli_training_line_no_cadre", l.ExternalID)})
			continue
		case err != nil:
			return c.fail(err)
		case l.Name != "" && l.Name != cad.Name:
			probs = append(probs, sheets.LineProblem{Line: l.Line, What: texts.T(c.lang, "cli_training_line_name", l.ExternalID, cad.Name, l.Name)})
			continue
		}
		if _, err := st.GetTraining(ctx, l.SessionID); err != nil {
			probs = append(probs, sheets.LineProblem{Line: l.Line, What: texts.T(c.lang, "cli_training_line_no_session", l.SessionID)})
			continue
		}
		if bySession[l.SessionID] == nil {
			order = append(order, l.SessionID)
		}
		bySession[l.SessionID] = append(bySession[l.SessionID], cad.ID)
	}
	if len(probs) > 0 {
		slices.SortStableFunc(probs, func(a, b sheets.LineProblem) int { return a.Line - b.Line })
		for _, p := range probs {
			fmt.Fprintln(c.stderr, texts.T(c.lang, "cli_training_line", p.Line, p.What))
		}
		return cliError{msg: texts.T(c.lang, "cli_events_problems", file, len(probs))}
	}
	for _, id := range order {
		if err := inviteAndSay(ctx, c, st, id, bySession[id]); err != nil {
			return err
		}
	}
	return nil
}

func trainingMove(ctx context.Context, c trainingCmd) error {
	start, end := c.fs.String("start", "", c.t("cli_training_flag_start")), c.fs.String("end", "", c.t("cli_training_flag_end"))
	place := c.fs.String("place", "", c.t("cli_training_flag_place"))
	pos, err := c.parse()
	if err != nil {
		return err
	}
	id, err := sessionArg(c, pos)
	if err != nil {
		return err
	}
	from, err := c.time(*start)
	if err != nil {
		return err
	}
	to, err := c.time(*end)
	if err != nil {
		return err
	}
	st, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	t, n, err := st.MoveTraining(ctx, id, from, to, *place, c.loc.String())
	if err != nil {
		return changeRefused(c, id, err)
	}
	fmt.Fprintln(c.stdout, texts.T(c.lang, "cli_training_moved", t.ID, t.StartsAt.In(c.loc).Format("2006-01-02 15:04"), t.Place, n))
	return nil
}

func trainingCancel(ctx context.Context, c trainingCmd) error {
	why := c.fs.String("reason", "", c.t("cli_training_flag_reason"))
	pos, err := c.parse()
	if err != nil {
		return err
	}
	id, err := sessionArg(c, pos)
	if err != nil {
		return err
	}
	st, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	_, n, err := st.CancelTraining(ctx, id, *why, c.loc.String())
	if err != nil {
		return changeRefused(c, id, err)
	}
	fmt.Fprintln(c.stdout, texts.T(c.lang, "cli_training_cancelled", id, n))
	return nil
}

func changeRefused(c trainingCmd, id int64, err error) error {
	if errors.Is(err, models.ErrNotFound) {
		return usageT(c.lang, "cli_training_no_session", id)
	}
	return usageT(c.lang, "cli_training_refused", reason(c.lang, err))
}

// trainingDuty sets the Party lectures owed in a year: by one cadre, or by
// every active leader.
func trainingDuty(ctx context.Context, c trainingCmd) error {
	year, count := c.fs.Int("year", 0, c.t("cli_training_flag_year")), c.fs.Int("count", 1, c.t("cli_training_flag_count"))
	who := c.fs.String("cadre", "", c.t("cli_training_flag_cadre"))
	if _, err := c.parse(); err != nil {
		return err
	}
	if *year < 2000 || *year > 2100 {
		return usageT(c.lang, "cli_training_bad_year", *year)
	}
	st, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	var ids []int64
	if *who != "" {
		cad, err := c.cadre(ctx, st, *who)
		if err != nil {
			return c.fail(err)
		}
		ids = []int64{cad.ID}
	} else if ids, err = st.AudienceCadres(ctx, models.Audience{Roles: []string{models.RoleLeader}}); err != nil {
		return c.fail(err)
	}
	for _, id := range ids {
		if err := st.SetLectureDuty(ctx, id, *year, *count); err != nil {
			return usageT(c.lang, "cli_training_refused", reason(c.lang, err))
		}
	}
	fmt.Fprintln(c.stdout, texts.T(c.lang, "cli_training_duty", *year, len(ids), *count))
	return nil
}

// runExportTraining is `ganshi export training --year 2026 --xlsx FILE`.
func runExportTraining(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	const cmd = "export training"
	lang := cliLang(getenv)
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	year := fs.Int("year", 0, texts.T(lang, "cli_training_flag_year"))
	xlsx := fs.String("xlsx", "", texts.T(lang, "cli_export_flag_xlsx"))
	tz := tzFlag(fs, getenv)
	db := dbFlag(fs, getenv)
	setUsage(fs, stderr, lang, "cli_training_usage")
	if _, err := parseArgs(fs, args, lang); err != nil {
		return err
	}
	loc, err := time.LoadLocation(*tz)
	switch {
	case err != nil:
		return usageT(lang, "cli_bad_tz", cmd, *tz)
	case *year < 2000 || *year > 2100:
		return usageT(lang, "cli_training_bad_year", *year)
	case *xlsx == "":
		return usageT(lang, "cli_export_one_output")
	}
	st, err := openExisting(ctx, lang, cmd, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	ts, err := st.TrainingsOfYear(ctx, *year, loc)
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	var lists []models.AttendanceList
	for _, t := range ts {
		l, err := st.TrainingAttendance(ctx, t.ID)
		if err != nil {
			return failT(lang, "cli_failed", err, cmd)
		}
		lists = append(lists, l)
	}
	hours, err := st.TrainingHoursAll(ctx, *year, loc)
	if err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	if err := writeFileAtomically(*xlsx, func(w io.Writer) error { return sheets.TrainingXLSX(w, *year, lists, hours, loc) }); err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	if err := st.Audit(ctx, nil, "export.training", strconv.Itoa(*year), *xlsx); err != nil {
		return failT(lang, "cli_failed", err, cmd)
	}
	fmt.Fprintln(stdout, texts.T(lang, "cli_training_exported", *xlsx, len(lists), len(hours)))
	return nil
}

// deliverable is the first moment outside quiet hours and holidays: the
// invitations of a list imported at night are read in the morning.
func deliverable(ctx context.Context, st *models.Store, loc *time.Location) (time.Time, error) {
	start, end, err := st.QuietHours(ctx)
	if err != nil {
		return time.Time{}, err
	}
	cal, err := st.LoadCalendar(ctx)
	if err != nil {
		return time.Time{}, err
	}
	return jobs.Deliverable(st.Now(), loc, cal, start, end), nil
}
