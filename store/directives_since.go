package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"chidao"
)

// DirectivesSince returns the directives put (or put again) after since,
// oldest first, and the time of the newest one, to pass as since next time.
// Several processes share one store (replicas, a CLI broadcast beside
// serve); each keeps its knowledge base current by calling this now and
// then: two round trips, the first one alone when nothing changed. Records
// that cannot be decoded are left out and named in a
// *chidao.UnreadableError returned with the others.
func (db *DB) DirectivesSince(ctx context.Context, since time.Time) ([]*chidao.Directive, time.Time, error) {
	zs, err := db.c.ZRangeByScoreWithScores(ctx, db.k.directives(), &redis.ZRangeBy{
		Min: "(" + strconv.FormatInt(ms(since), 10), Max: "+inf",
	}).Result()
	if err != nil {
		return nil, since, fmt.Errorf("store: list directives since %s: %w", since.Format(time.RFC3339), err)
	}
	if len(zs) == 0 {
		return nil, since, nil
	}
	pipe := db.c.Pipeline()
	cmds := make([]*redis.StringCmd, len(zs))
	for i, z := range zs {
		cmds[i] = pipe.Get(ctx, db.k.doc(fmt.Sprint(z.Member)))
	}
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return nil, since, fmt.Errorf("store: read new directives: %w", err)
	}
	latest := since
	var (
		out []*chidao.Directive
		bad *chidao.UnreadableError
	)
	for i, cmd := range cmds {
		id := fmt.Sprint(zs[i].Member)
		if t := time.UnixMilli(int64(zs[i].Score)); t.After(latest) {
			latest = t
		}
		b, err := cmd.Bytes()
		if errors.Is(err, redis.Nil) {
			continue
		}
		if err != nil {
			return nil, since, fmt.Errorf("store: read directive %s: %w", id, err)
		}
		d, err := decodeDirective(id, b)
		if err != nil {
			if bad == nil {
				bad = &chidao.UnreadableError{Err: err}
			}
			bad.IDs = append(bad.IDs, id)
			continue
		}
		out = append(out, d)
	}
	if bad != nil {
		return out, latest, bad
	}
	return out, latest, nil
}
