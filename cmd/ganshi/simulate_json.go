package main

import (
	"encoding/json"
	"io"
	"time"
)

// The --json shapes: the same findings as the text, for scripts.
type simJSON struct {
	From       string         `json:"from"`
	To         string         `json:"to"`
	TZ         string         `json:"tz"`
	Source     string         `json:"source"`
	Seed       uint64         `json:"seed"`
	Quiet      string         `json:"quiet_hours"`
	Messages   []simJSONLine  `json:"messages"`
	People     []simJSONTally `json:"people"`
	Violations []simJSONBreak `json:"violations"`
	Waiting    int            `json:"waiting_at_end"`
	OK         bool           `json:"ok"`
	Budget     map[string]int `json:"budget"`
}

type simJSONLine struct {
	At     string   `json:"at"`     // local time, RFC 3339
	Origin string   `json:"origin"` // job, event or reply
	Kind   string   `json:"kind"`   // the notification kind
	Stage  string   `json:"stage,omitempty"`
	Period string   `json:"period,omitempty"`
	Label  string   `json:"label"`
	Held   string   `json:"written_at,omitempty"`
	Count  int      `json:"count"`
	To     []string `json:"to"`
}

type simJSONTally struct {
	Name       string `json:"name"`
	ExternalID string `json:"external_id"`
	Unit       string `json:"unit"`
	Profile    string `json:"profile,omitempty"`
	Month      string `json:"month"`
	Reminders  int    `json:"reminders"`
	Role       int    `json:"role_messages"`
	Events     int    `json:"after_others"`
	Replies    int    `json:"replies"`
}

type simJSONBreak struct {
	Kind string `json:"kind"` // budget, night, rest_day, failed
	Who  string `json:"who"`
	At   string `json:"at,omitempty"`
	Text string `json:"text"`
}

func writeSimJSON(w io.Writer, r *simResult) error {
	out := simJSON{From: r.o.from.Format(time.DateOnly), To: r.o.to.AddDate(0, 0, -1).Format(time.DateOnly), TZ: r.o.loc.String(),
		Source: r.source, Seed: r.o.seed, Quiet: clock(r.quiet[0]) + "-" + clock(r.quiet[1]), Waiting: r.waiting, OK: len(r.violations) == 0, Budget: budget,
		Messages: []simJSONLine{}, People: []simJSONTally{}, Violations: []simJSONBreak{}}
	for _, l := range r.lines() {
		j := simJSONLine{At: l.at.Format(time.RFC3339), Origin: l.d.origin, Kind: l.d.kind, Stage: l.d.stage, Period: l.d.period,
			Label: l.label, Count: l.count, To: l.names}
		if !l.held.IsZero() {
			j.Held = l.held.Format(time.RFC3339)
		}
		out.Messages = append(out.Messages, j)
	}
	for _, t := range r.tallies {
		out.People = append(out.People, simJSONTally{Name: t.who.c.Name, ExternalID: t.who.c.ExternalID, Unit: t.who.unit,
			Profile: t.who.profile, Month: t.month.String(), Reminders: t.reminders, Role: t.role, Events: t.events, Replies: t.replies})
	}
	for _, v := range r.violations {
		b := simJSONBreak{Kind: v.kind, Who: v.who, Text: r.describe(v)}
		if !v.at.IsZero() {
			b.At = v.at.In(r.o.loc).Format(time.RFC3339)
		}
		out.Violations = append(out.Violations, b)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
