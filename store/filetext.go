package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// fileTextTTL is how long what was read from a file is kept: a scan read
// by OCR is previewed, sent and looked at again within days, re-imported
// within months.
const fileTextTTL = 90 * 24 * time.Hour

// FileText returns what was read from a file, kept under key (the file's
// hash), and whether it was kept.
func (db *DB) FileText(ctx context.Context, key string) ([]byte, bool, error) {
	b, err := db.c.Get(ctx, db.k.fileText(key)).Bytes()
	switch {
	case errors.Is(err, redis.Nil):
		return nil, false, nil
	case err != nil:
		return nil, false, fmt.Errorf("store: read file text: %w", err)
	}
	return b, true, nil
}

// PutFileText keeps what was read from a file under key.
func (db *DB) PutFileText(ctx context.Context, key string, value []byte) error {
	if err := db.c.Set(ctx, db.k.fileText(key), value, fileTextTTL).Err(); err != nil {
		return fmt.Errorf("store: keep file text: %w", err)
	}
	return nil
}
