package main

import (
	"testing"
	"time"

	"github.com/ganshi/ganshi/bot"
	"github.com/ganshi/ganshi/jobs"
)

// Every notification a job writes can be shown: a kind bot cannot render
// would sit in the outbox failing. And each registry entry is whole: a
// name of its own, defaults of its kind with specs that parse.
func TestRegistryIsWholeAndRendered(t *testing.T) {
	kinds, schedules := map[string]bool{}, map[string]bool{}
	for _, k := range jobs.Registry() {
		if k.Name == "" || k.Run == nil || len(k.Writes) == 0 || kinds[k.Name] {
			t.Errorf("entry %q: a unique name, a job and the kinds it writes are required", k.Name)
		}
		kinds[k.Name] = true
		for _, w := range k.Writes {
			if !bot.Renders(w) {
				t.Errorf("job %s writes %q notifications, which bot has no renderer for", k.Name, w)
			}
		}
		for _, sc := range k.Defaults {
			if sc.Kind != k.Name || schedules[sc.Name] {
				t.Errorf("default schedule %q of %s: kind %q, or its name is taken", sc.Name, k.Name, sc.Kind)
			}
			schedules[sc.Name] = true
			if _, err := jobs.ParseSpec(sc.Spec, time.UTC); err != nil {
				t.Errorf("default schedule %q: %v", sc.Name, err)
			}
		}
	}
}
