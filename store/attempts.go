package store

import (
	"context"
	"fmt"
	"time"
)

// CountAttempt counts one more attempt of a kind ("invite:telegram:501",
// "invite:all") in a window that starts with the first attempt, and
// returns the attempts so far and how long the window still runs. One
// round trip (INCR, PTTL), two for the first attempt of a window, which
// sets its expiry.
func (db *DB) CountAttempt(ctx context.Context, scope string, window time.Duration) (int64, time.Duration, error) {
	key := db.k.attempts(scope)
	pipe := db.c.Pipeline()
	n := pipe.Incr(ctx, key)
	ttl := pipe.PTTL(ctx, key)
	if _, err := pipe.Exec(ctx); err != nil {
		return 0, 0, fmt.Errorf("store: count attempt %q: %w", scope, err)
	}
	left := ttl.Val()
	if left < 0 { // no expiry yet: the window starts now
		if err := db.c.PExpire(ctx, key, window).Err(); err != nil {
			return 0, 0, fmt.Errorf("store: count attempt %q: %w", scope, err)
		}
		left = window
	}
	return n.Val(), left, nil
}
