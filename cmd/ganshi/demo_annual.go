package main

import (
	"context"
	"time"
)

// annual plays the annual round opening on December's first workday: the
// principal's prompt, a short assessment, the cadre's own profile.
func (d *demo) annual(ctx context.Context, _ map[string]string) error {
	d.later(time.Date(2026, 12, 1, 10, 5, 0, 0, d.loc), "12月1日上午，年度对标研判开始", "1 December, the annual judgement begins")
	d.scene("年度对标研判", "Annual benchmarking")
	return doAll([]func() error{
		func() error { return d.say(ctx, zhou, "/schedule run annual-round") },
		func() error { return d.say(ctx, zhang, "/assess") },
		func() error {
			return d.say(ctx, zhang, d.zh("/assess 陈晓燕 到任后很快进入角色，征收工作推进有力",
				"/assess 陈晓燕 settled into the new post fast; the relocation work moves well"))
		},
		func() error {
			d.note("陈晓燕查看本人的年度画像：体检、打擂等尚未接入的数据显示“暂无数据”", "陈晓燕 reads her own profile: sources not connected yet read “no data”")
			return d.say(ctx, chen, "/profile")
		},
	})
}
