package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// secret is the deployment's button-signing secret (string, kept).
func (k keys) secret() string { return k.p + "secret" }

// Secret returns the deployment's secret for signing button data: generated
// at random the first time (SET NX, so every replica gets the same one) and
// kept. A configured secret takes precedence and never reaches the store.
func (db *DB) Secret(ctx context.Context) ([]byte, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, fmt.Errorf("store: generate secret: %w", err)
	}
	fresh := hex.EncodeToString(b[:])
	if err := db.c.SetArgs(ctx, db.k.secret(), fresh, redis.SetArgs{Mode: "NX"}).Err(); err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("store: save secret: %w", err)
	}
	v, err := db.c.Get(ctx, db.k.secret()).Result()
	if err != nil {
		return nil, fmt.Errorf("store: read secret: %w", err)
	}
	return []byte(v), nil
}
