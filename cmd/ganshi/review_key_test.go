package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The key is the variable when set; else a file beside the database, made
// once (owner-only) and read back the same on the next start.
func TestReviewKey(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	db := filepath.Join(t.TempDir(), "ganshi.db")
	a, err := reviewKey(getenv, db)
	if err != nil || len(a) != 64 {
		t.Fatalf("made key: %q %v", a, err)
	}
	info, err := os.Stat(db + ".review-key")
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("key file: %v %v", info, err)
	}
	if b, _ := reviewKey(getenv, db); !bytes.Equal(a, b) {
		t.Error("the key changed between starts")
	}
	env["GANSHI_REVIEW_KEY"] = "from-the-environment"
	if c, _ := reviewKey(getenv, db); string(c) != "from-the-environment" {
		t.Errorf("variable ignored: %q", c)
	}
	if k, err := reviewKey(func(string) string { return "" }, "postgres://x@y/z"); k != nil || err != nil {
		t.Errorf("postgres without a key: %q %v", k, err)
	}
}
