package models

import (
	"fmt"
	"time"
	_ "time/tzdata" // CRON_TZ and schedule zones load on hosts without a zone database
)

// DefaultZone is the time zone of deadlines and reminders unless GANSHI_TZ
// says otherwise, and of schedules stored without one.
const DefaultZone = "Asia/Shanghai"

// LoadZone loads an IANA time zone. "" and "Local" are refused: a
// schedule must not change meaning with the host it runs on.
func LoadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("time zone %q: give an IANA name such as Asia/Shanghai", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q (for example Asia/Shanghai)", name)
	}
	return loc, nil
}
