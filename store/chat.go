package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"chidao"
)

// SaveButtons keeps the buttons last shown to a chat for ttl, so that a typed
// number can press one. Saving no buttons forgets the earlier ones.
func (db *DB) SaveButtons(ctx context.Context, chat chidao.ChatRef, data []string, ttl time.Duration) error {
	key := db.k.buttons(chat)
	if len(data) == 0 {
		if err := db.c.Del(ctx, key).Err(); err != nil {
			return fmt.Errorf("store: clear buttons of %s: %w", chat, err)
		}
		return nil
	}
	if ttl <= 0 {
		return fmt.Errorf("store: save buttons of %s: ttl %v must be positive", chat, ttl)
	}
	b, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("store: save buttons of %s: %w", chat, err)
	}
	if err := db.c.Set(ctx, key, b, ttl).Err(); err != nil {
		return fmt.Errorf("store: save buttons of %s: %w", chat, err)
	}
	return nil
}

// Buttons returns the buttons last shown to a chat; nil when none or expired.
func (db *DB) Buttons(ctx context.Context, chat chidao.ChatRef) ([]string, error) {
	b, err := db.c.Get(ctx, db.k.buttons(chat)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: read buttons of %s: %w", chat, err)
	}
	var data []string
	if err := json.Unmarshal(b, &data); err != nil {
		return nil, fmt.Errorf("store: decode buttons of %s: %w", chat, err)
	}
	return data, nil
}

// PutSession keeps one value of a chat's conversation state for ttl.
func (db *DB) PutSession(ctx context.Context, chat chidao.ChatRef, key, value string, ttl time.Duration) error {
	if ttl <= 0 {
		return fmt.Errorf("store: put session %s of %s: ttl %v must be positive", key, chat, ttl)
	}
	if err := db.c.Set(ctx, db.k.session(chat, key), value, ttl).Err(); err != nil {
		return fmt.Errorf("store: put session %s of %s: %w", key, chat, err)
	}
	return nil
}

// Session returns one value of a chat's conversation state, or ErrNotFound
// when it is unset or expired.
func (db *DB) Session(ctx context.Context, chat chidao.ChatRef, key string) (string, error) {
	v, err := db.c.Get(ctx, db.k.session(chat, key)).Result()
	if errors.Is(err, redis.Nil) {
		return "", fmt.Errorf("store: session %s of %s: %w", key, chat, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("store: read session %s of %s: %w", key, chat, err)
	}
	return v, nil
}

// DeleteSession forgets one value of a chat's conversation state.
func (db *DB) DeleteSession(ctx context.Context, chat chidao.ChatRef, key string) error {
	if err := db.c.Del(ctx, db.k.session(chat, key)).Err(); err != nil {
		return fmt.Errorf("store: delete session %s of %s: %w", key, chat, err)
	}
	return nil
}

// FirstSeen reports whether this is the first time the update id is seen in
// the last ttl (SET NX): webhook retries and several replicas handle each
// update once.
func (db *DB) FirstSeen(ctx context.Context, platform chidao.Platform, updateID string, ttl time.Duration) (bool, error) {
	if ttl <= 0 {
		return false, fmt.Errorf("store: mark update %s:%s seen: ttl %v must be positive", platform, updateID, ttl)
	}
	ok, err := db.c.SetNX(ctx, db.k.seen(platform, updateID), 1, ttl).Result()
	if err != nil {
		return false, fmt.Errorf("store: mark update %s:%s seen: %w", platform, updateID, err)
	}
	return ok, nil
}
