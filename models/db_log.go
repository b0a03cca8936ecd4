package models

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
	"gorm.io/gorm/utils"
)

// slowQuery is how long a query may take before it is logged at warn.
const slowQuery = 200 * time.Millisecond

// sqlLog is GORM's logger over slog. A query slower than slowQuery is a
// warning naming the line of this package that ran it; a failed query is
// logged at debug only, since its error is returned to a caller that
// decides. The SQL text, which carries people's names and answers, is
// added only at debug level.
type sqlLog struct {
	log   *slog.Logger
	since func(time.Time) time.Duration // time.Since; tests make queries slow
}

func (l sqlLog) LogMode(logger.LogLevel) logger.Interface { return l }

func (l sqlLog) Info(ctx context.Context, msg string, args ...any) {
	l.log.DebugContext(ctx, fmt.Sprintf(msg, args...))
}

func (l sqlLog) Warn(ctx context.Context, msg string, args ...any) {
	l.log.DebugContext(ctx, fmt.Sprintf(msg, args...))
}

func (l sqlLog) Error(ctx context.Context, msg string, args ...any) {
	l.log.DebugContext(ctx, fmt.Sprintf(msg, args...))
}

// Trace is called after every statement.
func (l sqlLog) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	elapsed := l.since(begin)
	failed := err != nil && !errors.Is(err, gorm.ErrRecordNotFound)
	if !failed && elapsed <= slowQuery {
		return
	}
	level, msg := slog.LevelWarn, "slow query"
	if failed {
		level, msg = slog.LevelDebug, "query failed"
	}
	if !l.log.Enabled(ctx, level) {
		return
	}
	attrs := []any{"source", utils.FileWithLineNum(), "elapsed", elapsed}
	if failed {
		attrs = append(attrs, "error", err)
	}
	if l.log.Enabled(ctx, slog.LevelDebug) {
		sql, rows := fc()
		attrs = append(attrs, "rows", rows, "sql", sql)
	}
	l.log.Log(ctx, level, msg, attrs...)
}
