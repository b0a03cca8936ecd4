package models

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// DigestReaders lists who receives a role's digest: active, bound and
// reachable cadres of that role (leaders with a unit).
func (s *Store) DigestReaders(ctx context.Context, role string) ([]Cadre, error) {
	q := s.with(ctx).Where("role = ? AND active AND chat_id IS NOT NULL AND NOT unreachable", role).Order("id")
	if role == RoleLeader {
		q = q.Where("unit_id IS NOT NULL")
	}
	var out []Cadre
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("digest readers (%s): %w", role, err)
	}
	return out, nil
}

// DigestPref is a leader's choice about their digest.
type DigestPref struct {
	Off bool   `json:"off,omitempty"`
	At  string `json:"at,omitempty"` // local "15:04"; "" = the schedule's time
}

const keyDigestPref = "digest_pref:"

// ParseDigestTime reads "8:00" or "08:00" into a clock time "08:00".
func ParseDigestTime(s string) (string, bool) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		h, m, ok = strings.Cut(strings.TrimSpace(s), "：")
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 || len(m) != 2 {
		return "", false
	}
	return fmt.Sprintf("%02d:%02d", hh, mm), true
}

// GetDigestPref reads a cadre's choice; the zero value when none.
func (s *Store) GetDigestPref(ctx context.Context, cadreID int64) (DigestPref, error) {
	v, err := s.GetKV(ctx, keyDigestPref+strconv.FormatInt(cadreID, 10))
	if err == ErrNotFound {
		return DigestPref{}, nil
	} else if err != nil {
		return DigestPref{}, err
	}
	var p DigestPref
	if err := json.Unmarshal([]byte(v), &p); err != nil {
		return DigestPref{}, fmt.Errorf("digest preference of cadre %d: %w", cadreID, err)
	}
	return p, nil
}

// SetDigestPref stores a cadre's choice.
func (s *Store) SetDigestPref(ctx context.Context, cadreID int64, p DigestPref) error {
	b, _ := json.Marshal(p)
	return s.PutKV(ctx, keyDigestPref+strconv.FormatInt(cadreID, 10), string(b))
}

// DigestPrefs reads every stored choice in one query, by cadre id.
func (s *Store) DigestPrefs(ctx context.Context) (map[int64]DigestPref, error) {
	var kvs []KV
	if err := s.with(ctx).Where("name LIKE ?", keyDigestPref+"%").Find(&kvs).Error; err != nil {
		return nil, fmt.Errorf("digest preferences: %w", err)
	}
	out := make(map[int64]DigestPref, len(kvs))
	for _, kv := range kvs {
		id, err := strconv.ParseInt(strings.TrimPrefix(kv.Name, keyDigestPref), 10, 64)
		var p DigestPref
		if err != nil || json.Unmarshal([]byte(kv.Value), &p) != nil {
			continue // a damaged entry falls back to the default
		}
		out[id] = p
	}
	return out, nil
}
