//go:build !testclock

package main

import "time"

// processClock is the clock serve runs on: the real one. A build with the
// testclock tag (process tests only) replaces this file with one that can
// start the clock at a fixed time; a release build cannot be talked into a
// fake clock by a stray environment variable.
func processClock(func(string) string) (func() time.Time, error) { return time.Now, nil }
