package main

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/ganshi/ganshi/bot/telegramtest"
	"github.com/ganshi/ganshi/models"
)

// person is one simulated cadre: who they are in the roster and in the
// fake Telegram, and how they behave.
type person struct {
	c       models.Cadre
	unit    string
	user    telegramtest.User
	profile string               // "" for those who owe no monthly report (admins)
	react   time.Duration        // how long they take to act on a reminder
	sign    time.Duration        // how long a principal takes to sign
	offset  time.Duration        // when in the morning they sit down to a planned task
	planned map[string]bool      // months they already mean to file on a reminder
	filed   map[string]time.Time // months they filed in chat during the window, when
}

func (p *person) chat() int64 { return *p.c.ChatID }

// simUserBase is added to a cadre's id to make the Telegram user id of a
// cadre the copy had not bound yet; real user ids stay as they are.
const simUserBase = 7_000_000_000

// bindEveryone gives every active cadre a Telegram account in the fake,
// binding those not yet bound through an invitation, as they would bind
// themselves. A simulation assumes full onboarding.
func (s *sim) bindEveryone(ctx context.Context) (bound int, err error) {
	units, err := s.st.Units(ctx)
	if err != nil {
		return 0, err
	}
	unitName := map[int64]string{}
	for _, u := range units {
		unitName[u.ID] = u.Name
		if u.GroupChatID != nil {
			s.fake.AddGroup(*u.GroupChatID, u.Name)
			s.groups[*u.GroupChatID] = u.Name
		}
	}
	// Who left the roster but is still bound can still be sent something
	// (a report left open); they are in the fake too, without a profile.
	var cadres []models.Cadre
	if err := s.st.DB().WithContext(ctx).Where("active OR chat_id IS NOT NULL").Order("id").Find(&cadres).Error; err != nil {
		return 0, fmt.Errorf("read the roster: %w", err)
	}
	for _, c := range cadres {
		if c.ChatID == nil {
			if c, err = s.bind(ctx, c); err != nil {
				return bound, err
			}
			bound++
		}
		p := &person{c: c, user: telegramtest.User{ID: *c.ChatID, FirstName: c.Name}, planned: map[string]bool{}, filed: map[string]time.Time{}}
		if c.UnitID != nil {
			p.unit = unitName[*c.UnitID]
		}
		s.fake.AddUser(p.user)
		s.people = append(s.people, p)
		s.byChat[p.chat()] = p
	}
	return bound, nil
}

func (s *sim) bind(ctx context.Context, c models.Cadre) (models.Cadre, error) {
	code := models.NewInviteCode()
	if err := s.st.IssueInvite(ctx, c.ID, code, s.clock.Now().Add(24*time.Hour)); err != nil {
		return c, err
	}
	id := simUserBase + c.ID
	return s.st.Redeem(ctx, code, id, id)
}

// assignProfiles gives each reporting person a profile: the shares of the
// mix by largest remainder, shuffled by the seed, in roster order so the
// same roster and seed always give the same people the same profile.
func (s *sim) assignProfiles() {
	var reporting []*person
	for _, p := range s.people {
		if p.c.Active && p.c.UnitID != nil && (p.c.Role == models.RoleCadre || p.c.Role == models.RoleLeader) {
			reporting = append(reporting, p)
		}
	}
	slices.SortFunc(reporting, func(a, b *person) int { return cmp.Compare(a.c.ExternalID, b.c.ExternalID) })
	counts := shares(s.o.profile, len(reporting))
	var deck []string
	for _, name := range profileNames {
		for range counts[name] {
			deck = append(deck, name)
		}
	}
	s.rng.Shuffle(len(deck), func(i, j int) { deck[i], deck[j] = deck[j], deck[i] })
	for i, p := range reporting {
		p.profile = deck[i]
	}
	for _, p := range s.people { // every person draws, reporting or not, so the draws stay in step
		p.react = time.Duration(10+s.rng.IntN(140)) * time.Minute
		p.sign = time.Duration(5+s.rng.IntN(55)) * time.Minute
		p.offset = time.Duration(s.rng.IntN(180)) * time.Minute
	}
}

// shares splits n people by percentages, by largest remainder.
func shares(mix profileMix, n int) map[string]int {
	out := map[string]int{}
	left := n
	type rem struct {
		name string
		frac int
	}
	var rems []rem
	for _, name := range profileNames {
		out[name] = mix[name] * n / 100
		left -= out[name]
		rems = append(rems, rem{name, mix[name] * n % 100})
	}
	slices.SortStableFunc(rems, func(a, b rem) int { return cmp.Compare(b.frac, a.frac) })
	for i := 0; left > 0; i++ {
		out[rems[i%len(rems)].name]++
		left--
	}
	return out
}

// planReports decides, for every reporting person and every month whose
// report the window touches, when they mean to submit it: the late a
// number of workdays after the deadline, the punctual the workday before
// it unless a reminder moves them sooner, the others never. What falls
// before the window already happened: it is written straight into the
// copy, so the window opens on a realistic state.
func (s *sim) planReports(ctx context.Context) error {
	rule, err := s.st.DueRuleNow(ctx)
	if err != nil {
		return err
	}
	first := models.PeriodOf(s.o.from, s.loc).Prev()
	last := models.PeriodOf(s.o.to.Add(-time.Second), s.loc)
	for p := first; p.String() <= last.String(); p = p.Next() {
		due := rule.Due(p, s.loc, s.cal)
		for _, who := range s.people {
			at, ok := s.intended(who, due)
			if !ok {
				continue
			}
			done, err := s.settled(ctx, who, p)
			if err != nil {
				return err
			}
			switch {
			case done:
			case at.Before(s.o.from):
				err = s.fileDirectly(ctx, who, p, due, at)
			case at.Before(s.o.to):
				s.plan(at, who, fileAction(p))
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// intended is when who means to submit the report due at due.
func (s *sim) intended(who *person, due time.Time) (time.Time, bool) {
	d := due.In(s.loc)
	day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, s.loc)
	switch who.profile {
	case profileOnTime:
		day = s.addWorkdays(day, -1)
	case profileLate:
		day = s.addWorkdays(day, s.o.lateWorkdays)
	default:
		return time.Time{}, false
	}
	return day.Add(10*time.Hour + who.offset), true
}

// settled tells whether who's report for p needs nothing more: submitted,
// signed or exempt in the copy already.
func (s *sim) settled(ctx context.Context, who *person, p models.Period) (bool, error) {
	if _, err := s.st.ExemptionFor(ctx, who.c.ID, p); err == nil {
		return true, nil
	}
	rep, err := s.st.ReportFor(ctx, who.c.ID, p)
	if err == models.ErrNotFound {
		return false, nil
	}
	return err == nil && !rep.Editable(), err
}

func (s *sim) addWorkdays(day time.Time, n int) time.Time {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		day = day.AddDate(0, 0, step)
		if s.cal.IsWorkday(day.Year(), day.Month(), day.Day()) {
			n--
		}
	}
	return day
}

// fileDirectly writes a report submitted at at, and signed half an hour
// later by the unit's principal, as history before the window.
func (s *sim) fileDirectly(ctx context.Context, who *person, p models.Period, due, at time.Time) error {
	s.clock.Set(at)
	rep, err := s.st.OpenReport(ctx, who.c, p, due)
	if err != nil {
		return err
	}
	for _, sec := range sampleItems {
		if _, err := s.st.AddItems(ctx, rep.ID, sec.section, sec.items); err != nil {
			return err
		}
	}
	if _, err := s.st.Submit(ctx, rep.ID, who.c.ID); err != nil {
		return fmt.Errorf("%s's report for %s: %w", who.c.Name, p, err)
	}
	u, err := s.st.GetUnit(ctx, *who.c.UnitID)
	if err != nil || u.PrincipalID == nil {
		return err
	}
	s.clock.Set(at.Add(30 * time.Minute))
	_, err = s.st.Sign(ctx, rep.ID, 0, *u.PrincipalID)
	return err
}

// sampleItems is what a simulated person writes: short, itemized and
// with figures, as the practice asks. The same lines are typed in chat.
var sampleItems = []struct {
	section string
	items   []models.NewItem
}{
	{models.SectionAchievement, []models.NewItem{{Text: "完成分管领域重点工作3项"}, {Text: "走访服务对象20户，解决问题5个"}}},
	{models.SectionPlan, []models.NewItem{{Text: "推进重点项目2个"}, {Text: "开展专项检查1次"}}},
}

// whenFree is the first moment at or after t+delay that falls in working
// hours (08:30–17:30 on a workday), when simulated people act.
func (s *sim) whenFree(t time.Time, delay time.Duration) time.Time {
	t = t.Add(delay).In(s.loc)
	for range 400 {
		y, m, d := t.Date()
		open := time.Date(y, m, d, 8, 30, 0, 0, s.loc)
		shut := time.Date(y, m, d, 17, 30, 0, 0, s.loc)
		if s.cal.IsWorkday(y, m, d) && t.Before(shut) {
			if t.Before(open) {
				return open.Add(delay % (30 * time.Minute))
			}
			return t
		}
		t = time.Date(y, m, d+1, 0, 0, 0, 0, s.loc)
	}
	return t
}

// newRand is the simulation's one source of chance.
func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x9a45)) }
