package models

import (
	"log/slog"
	"time"

	"gorm.io/gorm/logger"
)

// SQLLogTaking is the GORM logger of Open with a clock by which every
// statement takes d.
func SQLLogTaking(log *slog.Logger, d time.Duration) logger.Interface {
	return sqlLog{log: log, since: func(time.Time) time.Duration { return d }}
}
