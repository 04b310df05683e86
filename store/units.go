package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"

	"chidao"
)

// PutUnits replaces the stored unit list (synced from the config file at
// start).
func (db *DB) PutUnits(ctx context.Context, units []chidao.Unit) error {
	if units == nil {
		units = []chidao.Unit{}
	}
	b, err := json.Marshal(units)
	if err != nil {
		return fmt.Errorf("store: put units: %w", err)
	}
	if err := db.c.Set(ctx, db.k.units(), b, 0).Err(); err != nil {
		return fmt.Errorf("store: put units: %w", err)
	}
	return nil
}

// Units returns the stored unit list in the order put; nil when none was put.
func (db *DB) Units(ctx context.Context) ([]chidao.Unit, error) {
	b, err := db.c.Get(ctx, db.k.units()).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: read units: %w", err)
	}
	var units []chidao.Unit
	if err := json.Unmarshal(b, &units); err != nil {
		return nil, fmt.Errorf("store: decode units: %w", err)
	}
	return units, nil
}
