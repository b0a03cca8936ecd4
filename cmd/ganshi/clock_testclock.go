//go:build testclock

package main

import "time"

// processClock, in test builds only (go build -tags testclock; see
// buildBinary in process_test.go), lets the harness start serve's clock at
// a fixed time so that process tests do not depend on the time of day:
//
//	GANSHI_TEST_CLOCK_START   RFC 3339 time the clock shows at the anchor
//	GANSHI_TEST_CLOCK_ANCHOR  RFC 3339 real time of that moment (default:
//	                          when this process starts), so that replicas
//	                          started one after another share one clock
//
// From there the clock advances in real time: leases, timeouts and rate
// limits behave as in production. Without GANSHI_TEST_CLOCK_START it is the
// real clock.
func processClock(getenv func(string) string) (func() time.Time, error) {
	raw := getenv("GANSHI_TEST_CLOCK_START")
	if raw == "" {
		return time.Now, nil
	}
	start, err := time.Parse(time.RFC3339Nano, raw)
	if err != nil {
		return nil, usagef("GANSHI_TEST_CLOCK_START must be an RFC 3339 time: %v", err)
	}
	anchor := time.Now()
	if a := getenv("GANSHI_TEST_CLOCK_ANCHOR"); a != "" {
		if anchor, err = time.Parse(time.RFC3339Nano, a); err != nil {
			return nil, usagef("GANSHI_TEST_CLOCK_ANCHOR must be an RFC 3339 time: %v", err)
		}
	}
	offset := start.Sub(anchor)
	return func() time.Time { return time.Now().Add(offset) }, nil
}
