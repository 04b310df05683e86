package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"
)

// EnsureEpoch returns the name of the state Redis holds, setting a new one
// when there is none (the first start, or a Redis that came back empty);
// created tells which.
func (db *DB) EnsureEpoch(ctx context.Context) (epoch string, created bool, err error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", false, fmt.Errorf("store: new epoch: %w", err)
	}
	fresh := hex.EncodeToString(b)
	ok, err := db.c.SetNX(ctx, db.k.epoch(), fresh, 0).Result()
	if err != nil {
		return "", false, fmt.Errorf("store: set epoch: %w", err)
	}
	if ok {
		return fresh, true, nil
	}
	epoch, err = db.Epoch(ctx)
	return epoch, false, err
}

// Epoch returns the name of the state Redis holds, "" when it holds none.
func (db *DB) Epoch(ctx context.Context) (string, error) {
	v, err := db.c.Get(ctx, db.k.epoch()).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: read epoch: %w", err)
	}
	return v, nil
}

// Persistent reports whether the Redis server keeps its data across a
// restart (append-only file or snapshots); known is false when the server
// does not say (CONFIG is often disabled on managed Redis).
func (db *DB) Persistent(ctx context.Context) (persistent, known bool) {
	aof, err := db.c.ConfigGet(ctx, "appendonly").Result()
	if err != nil {
		return false, false
	}
	save, err := db.c.ConfigGet(ctx, "save").Result()
	if err != nil {
		return false, false
	}
	return aof["appendonly"] == "yes" || strings.TrimSpace(save["save"]) != "", true
}
