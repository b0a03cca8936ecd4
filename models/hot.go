package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// The inbound path's statements: every update a person sends runs them,
// one after another on the writer, so their cost is what the bot can take
// in per second. Built by GORM and compiled by the database on each call
// they were half of that cost; here they are plain SQL compiled once per
// connection. Placeholders are $1, $2… in the order they first appear:
// SQLite numbers them by appearance, PostgreSQL by their digits.
//
// They are prepared when the store opens, before any transaction holds
// SQLite's one connection. GORM's own statement cache (PrepareStmt)
// prepares lazily, so a transaction could wait for a statement being
// prepared outside it, which waits for the connection the transaction
// holds: a deadlock. Inside a transaction sql.Tx.StmtContext finds the
// statement prepared on the transaction's connection (SQLite's only one),
// or prepares it there (another of PostgreSQL's pool).
const (
	sqlClaimUpdate = `SELECT update_id FROM inbox_updates WHERE update_id = $1 AND status = $2 LIMIT 1`
	// PostgreSQL: the row stays locked until the commit; another replica
	// skips it instead of waiting.
	sqlClaimUpdatePostgres = sqlClaimUpdate + ` FOR UPDATE SKIP LOCKED`
	sqlFinishUpdate        = `UPDATE inbox_updates SET status = $1, error = $2, handled_at = $3 WHERE update_id = $4 AND status = $5`
	sqlChatReachable       = `UPDATE chats SET unreachable = $1, unreachable_reason = '', unreachable_at = NULL, updated_at = $2 WHERE id = $3 AND unreachable`
	sqlCadreByTelegram     = `SELECT ` + cadreColumns + ` FROM cadres WHERE telegram_user_id = $1 AND active LIMIT 1`
	sqlSavepoint           = `SAVEPOINT ganshi`
	sqlRollbackTo          = `ROLLBACK TO SAVEPOINT ganshi`
	sqlRelease             = `RELEASE SAVEPOINT ganshi`
	sqlEnqueue             = `INSERT INTO notifications (` + notificationColumns + `)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
		ON CONFLICT DO NOTHING RETURNING id`
)

// cadreColumns are Cadre's columns in the order cadreRow reads them;
// notificationColumns Notification's but its id, in enqueue's order.
// TestHotColumnsCoverTheModels holds both to the structs.
const (
	cadreColumns = `id, external_id, name, unit_id, position, duty, birth_date, work_start_year, role,
		telegram_user_id, chat_id, lang, active, unreachable, unreachable_reason, bound_at, created_at, updated_at`
	notificationColumns = `chat_id, kind, payload, dedup_key, status, lane, next_attempt_at, lease_until,
		attempts, parts_sent, telegram_message_id, last_error, created_at, sent_at`
)

// hotStmts are the statements above prepared on the writer's pool, by
// their SQL text.
type hotStmts map[string]*sql.Stmt

func prepareHot(ctx context.Context, db *sql.DB, postgres bool) (hotStmts, error) {
	h := hotStmts{}
	for _, q := range []string{claimSQL(postgres), sqlFinishUpdate, sqlChatReachable, sqlCadreByTelegram, sqlEnqueue, sqlSavepoint, sqlRollbackTo, sqlRelease} {
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			h.close()
			return nil, fmt.Errorf("prepare %q: %w", q, err)
		}
		h[q] = st
	}
	return h, nil
}

func (h hotStmts) close() {
	for _, st := range h {
		st.Close()
	}
}

// claimSQL is the claim statement of a dialect.
func claimSQL(postgres bool) string {
	if postgres {
		return sqlClaimUpdatePostgres
	}
	return sqlClaimUpdate
}

// hotExec runs one of the statements above where the store writes: in its
// transaction, or on its pool. A store without them (the read pool) runs
// the text as it is. Like GORM's statements, each is traced to the SQL log
// (Options.Logger) and its error translated (ErrConflict).
func (s *Store) hotExec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	begin := time.Now()
	var (
		res sql.Result
		err error
	)
	if st := s.prepared(ctx, q); st != nil {
		res, err = st.ExecContext(ctx, args...)
	} else {
		res, err = s.db.Statement.ConnPool.ExecContext(ctx, q, args...)
	}
	return res, s.hotDone(ctx, begin, q, err)
}

// hotScan is hotExec for a statement that returns at most one row, read
// into dest; sql.ErrNoRows when there is none.
func (s *Store) hotScan(ctx context.Context, q string, dest []any, args ...any) error {
	begin := time.Now()
	var row *sql.Row
	if st := s.prepared(ctx, q); st != nil {
		row = st.QueryRowContext(ctx, args...)
	} else {
		row = s.db.Statement.ConnPool.QueryRowContext(ctx, q, args...)
	}
	return s.hotDone(ctx, begin, q, row.Scan(dest...))
}

// prepared is q as prepared at open, bound to the store's transaction if
// it is in one; nil when the store has no such statement.
func (s *Store) prepared(ctx context.Context, q string) *sql.Stmt {
	st := s.hot[q]
	if st == nil {
		return nil
	}
	switch p := s.db.Statement.ConnPool.(type) {
	case *sql.Tx:
		return p.StmtContext(ctx, st)
	case *sql.DB:
		return st
	}
	return nil
}

// hotDone traces a statement and translates its error.
func (s *Store) hotDone(ctx context.Context, begin time.Time, q string, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		s.db.Logger.Trace(ctx, begin, func() (string, int64) { return q, 0 }, nil)
		return err
	}
	s.db.Logger.Trace(ctx, begin, func() (string, int64) { return q, -1 }, err)
	if t, ok := s.db.Dialector.(gorm.ErrorTranslator); ok && err != nil {
		err = t.Translate(err)
	}
	return translate(err)
}

// cadreRow reads a row of cadreColumns. Columns the schema lets be NULL
// read as their zero value, as GORM reads them.
type cadreRow struct {
	c                       Cadre
	position, duty, reason  sql.NullString
	unit, telegram, chat    sql.NullInt64
	bound, created, updated sql.NullTime
}

func (r *cadreRow) dest() []any {
	c := &r.c
	return []any{&c.ID, &c.ExternalID, &c.Name, &r.unit, &r.position, &r.duty, &c.BirthDate, &c.WorkStartYear, &c.Role,
		&r.telegram, &r.chat, &c.Lang, &c.Active, &c.Unreachable, &r.reason, &r.bound, &r.created, &r.updated}
}

func (r *cadreRow) cadre() Cadre {
	c := r.c
	c.UnitID, c.TelegramUserID, c.ChatID = nullInt(r.unit), nullInt(r.telegram), nullInt(r.chat)
	c.Position, c.Duty, c.UnreachableReason = r.position.String, r.duty.String, r.reason.String
	c.BoundAt, c.CreatedAt, c.UpdatedAt = nullTime(r.bound), r.created.Time, r.updated.Time
	return c
}

func nullInt(v sql.NullInt64) *int64 {
	if !v.Valid {
		return nil
	}
	return &v.Int64
}

func nullTime(v sql.NullTime) *time.Time {
	if !v.Valid {
		return nil
	}
	return &v.Time
}
