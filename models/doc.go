// Package models owns Ganshi's data: the GORM entities, opening the
// database (SQLite by default, PostgreSQL by DSN), the ordered migrations,
// the queries, and the domain rules that change state. Nothing here knows
// about Telegram types; chat ids are plain int64.
//
// Every method takes a context first and returns ErrNotFound or ErrConflict
// instead of GORM's own errors. Times are stored in UTC and read from the
// injected clock, which is also GORM's NowFunc.
package models
