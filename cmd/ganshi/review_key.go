package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/ganshi/ganshi/models"
)

// reviewKey is the key of anonymous check-up answers' slots (models,
// review_answer.go): GANSHI_REVIEW_KEY, else a key file beside a SQLite
// database, made on first use with mode 0600. On PostgreSQL without the
// variable it is nil: a random key for the life of the process.
func reviewKey(getenv func(string) string, dsn string) ([]byte, error) {
	if k := getenv("GANSHI_REVIEW_KEY"); k != "" {
		return []byte(k), nil
	}
	if models.IsPostgresDSN(dsn) || dsn == ":memory:" {
		return nil, nil
	}
	path, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	path += ".review-key"
	b, err := os.ReadFile(path)
	if err == nil && len(strings.TrimSpace(string(b))) >= 32 {
		return []byte(strings.TrimSpace(string(b))), nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read review key %s: %w", path, err)
	}
	var k [32]byte
	if _, err := rand.Read(k[:]); err != nil {
		return nil, err
	}
	key := hex.EncodeToString(k[:])
	if err := os.WriteFile(path, []byte(key+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("write review key %s: %w", path, err)
	}
	return []byte(key), nil
}
