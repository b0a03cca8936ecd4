package models

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// KV holds small pieces of process state that must survive restarts, such
// as the getUpdates offset.
type KV struct {
	Name      string `gorm:"primaryKey;size:64"`
	Value     string `gorm:"type:text"`
	UpdatedAt time.Time
}

// TableName keeps the table name short and plain.
func (KV) TableName() string { return "kv" }

// GetKV reads a value; ErrNotFound when unset.
func (s *Store) GetKV(ctx context.Context, key string) (string, error) {
	var kv KV
	if err := s.with(ctx).Where("name = ?", key).Take(&kv).Error; err != nil {
		if err = translate(err); err == ErrNotFound {
			return "", err
		}
		return "", fmt.Errorf("read %s: %w", key, err)
	}
	return kv.Value, nil
}

// GetKVs reads the values of keys in one query; a key not set is missing
// from the map.
func (s *Store) GetKVs(ctx context.Context, keys []string) (map[string]string, error) {
	var kvs []KV
	if len(keys) > 0 {
		if err := s.with(ctx).Where("name IN ?", keys).Find(&kvs).Error; err != nil {
			return nil, fmt.Errorf("read %d keys: %w", len(keys), err)
		}
	}
	out := make(map[string]string, len(kvs))
	for _, kv := range kvs {
		out[kv.Name] = kv.Value
	}
	return out, nil
}

// PutKV sets a value.
func (s *Store) PutKV(ctx context.Context, key, value string) error {
	err := s.with(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "name"}},
		DoUpdates: clause.AssignmentColumns([]string{"value", "updated_at"}),
	}).Create(&KV{Name: key, Value: value, UpdatedAt: s.Now()}).Error
	if err != nil {
		return fmt.Errorf("write %s: %w", key, err)
	}
	return nil
}
