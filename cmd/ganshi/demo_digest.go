package main

import (
	"context"
	"time"
)

// digests shows what a principal and the department see the morning after
// November's deadline, without asking anyone.
func (d *demo) digests(ctx context.Context, _ map[string]string) error {
	d.later(time.Date(2026, 12, 1, 8, 35, 0, 0, d.loc), "12月1日早上，11月截止后的第一个工作日", "1 December, the morning after November's deadline")
	d.scene("主要负责同志和组织部的工作提示", "The principal's and the department's digests")
	return doAll([]func() error{
		func() error { return d.say(ctx, zhang, "/digest") },
		func() error { return d.say(ctx, zhou, "/digest") },
	})
}
