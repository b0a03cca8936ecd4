package models

import (
	"context"
	"fmt"
)

// FindUnits lists units whose name contains q, by category and name, at
// most limit of them: how an admin picks one of thousands.
func (s *Store) FindUnits(ctx context.Context, q string, limit int) ([]Unit, error) {
	var us []Unit
	err := s.with(ctx).Where("name LIKE ?", "%"+escapeLike(q)+"%").Order("category, name").Limit(limit).Find(&us).Error
	if err != nil {
		return nil, fmt.Errorf("find units %q: %w", q, err)
	}
	return us, nil
}
