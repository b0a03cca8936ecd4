package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	"github.com/ganshi/ganshi/metrics"
	"github.com/ganshi/ganshi/models"
	"github.com/ganshi/ganshi/models/modelstest"
)

// BenchmarkScrapeAfterAYear fills a SQLite database with a year of a
// 10,000-cadre county's chat history — 1,300 updates and 2,000
// notifications a day, a few hundred bytes each, the last ones still
// pending — then measures a /metrics scrape: "all_statuses" is what the
// gauges read before (COUNT over every row, by status), "backlog" what
// they read now (pending rows only, through the status indexes). The
// prune sub-benchmark reports the first run of the default retention and
// the database's size before and after (in use: pages minus free pages;
// SQLite reuses the free pages, so the file stops growing), and what a
// later run costs.
//
//	go test ./cmd/ganshi -run '^$' -bench ScrapeAfterAYear -benchtime 20x
func BenchmarkScrapeAfterAYear(b *testing.B) {
	now := modelstest.Start
	path := modelstest.SQLitePath(b)
	st, err := models.Open(context.Background(), path, models.Options{Now: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	seedYear(b, st, now, 365, 1300, 2000)
	ctx := context.Background()
	b.Run("all_statuses", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.InboxCounts(ctx); err != nil {
				b.Fatal(err)
			}
			if _, err := st.OutboxCounts(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	reg := metrics.NewSet().Registry
	registerGauges(reg, st)
	b.Run("backlog", func(b *testing.B) {
		for b.Loop() {
			reg.WriteText(io.Discard)
		}
	})
	// The first run deletes eleven months and clears a week's payloads
	// (first_s); every later run, like serve's hourly one, finds little to
	// do (ns/op).
	before, _ := dbSize(b, st, path)
	t0 := time.Now()
	if _, err := st.Prune(ctx, now, models.Retention{}); err != nil {
		b.Fatal(err)
	}
	first := time.Since(t0)
	disk, inUse := dbSize(b, st, path)
	b.Run("prune", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.Prune(ctx, now, models.Retention{}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(first.Seconds(), "first_s")
		b.ReportMetric(float64(before)/(1<<20), "MB_year")
		b.ReportMetric(float64(disk)/(1<<20), "MB_file_after")
		b.ReportMetric(float64(inUse)/(1<<20), "MB_in_use_after")
	})
	b.Run("backlog_after_prune", func(b *testing.B) {
		for b.Loop() {
			reg.WriteText(io.Discard)
		}
	})
}

// seedYear writes days of history ending at now, perDayIn updates and
// perDayOut notifications a day, in SQL (a Go loop would take minutes).
func seedYear(b *testing.B, st *models.Store, now time.Time, days, perDayIn, perDayOut int) {
	b.Helper()
	start := now.Add(-time.Duration(days) * 24 * time.Hour).Unix()
	stamp := func(step float64) string {
		return fmt.Sprintf("strftime('%%Y-%%m-%%d %%H:%%M:%%S+00:00', %d + CAST(i * %f AS INTEGER), 'unixepoch')", start, step)
	}
	nIn, nOut := days*perDayIn, days*perDayOut
	seq := "WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM seq WHERE i < %d) "
	for _, q := range []string{
		fmt.Sprintf("INSERT INTO inbox_updates (update_id, chat_id, payload, status, received_at) "+seq+
			"SELECT i, 10000 + i %% 10000, printf('{\"update_id\":%%d,\"message\":{\"text\":\"%%s\"}}', i, hex(randomblob(120))), "+
			"CASE WHEN i > %d THEN 'pending' ELSE 'done' END, %s FROM seq", nIn, nIn-20, stamp(86400/float64(perDayIn))),
		fmt.Sprintf("INSERT INTO notifications (chat_id, kind, payload, dedup_key, status, lane, next_attempt_at, attempts, parts_sent, telegram_message_id, created_at) "+seq+
			"SELECT 10000 + i %% 10000, 'text', printf('{\"text\":\"%%s\"}', hex(randomblob(150))), 'k' || i, "+
			"CASE WHEN i > %d THEN 'pending' ELSE 'sent' END, 0, %s, 1, 1, i, %s FROM seq", nOut, nOut-200, stamp(86400/float64(perDayOut)), stamp(86400/float64(perDayOut))),
	} {
		if err := st.DB().Exec(q).Error; err != nil {
			b.Fatal(err)
		}
	}
	if err := st.DB().Exec("ANALYZE").Error; err != nil {
		b.Fatal(err)
	}
}

// dbSize is the database's size on disk (with its WAL) and in use.
func dbSize(b *testing.B, st *models.Store, path string) (onDisk, inUse int64) {
	b.Helper()
	if err := st.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error; err != nil {
		b.Fatal(err)
	}
	var pages, free, size int64
	db := st.DB()
	if err := db.Raw("PRAGMA page_count").Scan(&pages).Error; err != nil {
		b.Fatal(err)
	}
	if err := db.Raw("PRAGMA freelist_count").Scan(&free).Error; err != nil {
		b.Fatal(err)
	}
	if err := db.Raw("PRAGMA page_size").Scan(&size).Error; err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return fi.Size(), (pages - free) * size
}
