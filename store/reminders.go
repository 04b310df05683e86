package store

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Mark names one reminder: of a directive's task (empty for "not
// acknowledged"), for a unit, at a stage, for one occurrence of the task.
type Mark struct {
	Directive, Task, Unit, Stage, Occurrence string
}

// Mute silences reminders for a unit, a directive, or a unit on a directive.
type Mute struct {
	// Unit is the unit muted, or "" for every unit.
	Unit string `json:"unit"`
	// Directive is the directive muted, or "" for every directive.
	Directive string `json:"directive"`
	// Until is when the mute ends; zero means until unmuted.
	Until time.Time `json:"until"`
}

// tickLayout is a fixed-width UTC layout, so that stored tick times compare
// as strings in Lua with nanosecond precision.
const tickLayout = "2006-01-02T15:04:05.000000000Z"

// renewLockScript extends a lock held by owner.
//
// KEYS[1] lock.
// ARGV[1] owner, ARGV[2] TTL (ms).
// Returns 1 when renewed, 0 when the lock is someone else's or gone.
var renewLockScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`)

// releaseLockScript deletes a lock held by owner.
//
// KEYS[1] lock.
// ARGV[1] owner.
// Returns 1 when released, 0 when the lock is someone else's or gone.
var releaseLockScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`)

// setLastTickScript moves the last tick time forward only.
//
// KEYS[1] last tick.
// ARGV[1] time in tickLayout (fixed width, so string order is time order).
// Returns 1 when moved, 0 when the stored time is the same or later.
var setLastTickScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if cur and cur >= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
return 1
`)

// muteScript stores a mute and drops mutes that have ended.
//
// KEYS[1] mutes hash.
// ARGV[1] field "unit|directive", ARGV[2] mute JSON, ARGV[3] now (unix ms).
// Stored mutes carry their end as "until_ms" (0 = until unmuted).
// Returns the number of ended mutes dropped.
var muteScript = redis.NewScript(`
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
local all = redis.call('HGETALL', KEYS[1])
local dropped = 0
for i = 1, #all, 2 do
  local m = cjson.decode(all[i + 1])
  local u = tonumber(m.until_ms) or 0
  if u ~= 0 and u <= tonumber(ARGV[3]) then
    redis.call('HDEL', KEYS[1], all[i])
    dropped = dropped + 1
  end
end
return dropped
`)

// ClaimMarks claims each reminder mark with SET NX and the TTL, all in one
// pipeline (one round trip whatever the count): true means claimed now, so
// the reminder may be sent; false means it was sent (or is being sent)
// already.
func (db *DB) ClaimMarks(ctx context.Context, marks []Mark, ttl time.Duration) ([]bool, error) {
	if len(marks) == 0 {
		return nil, nil
	}
	if ttl <= 0 {
		return nil, fmt.Errorf("store: claim reminder marks: ttl %v must be positive", ttl)
	}
	for _, m := range marks {
		if !validID(m.Directive) {
			return nil, fmt.Errorf("store: claim reminder marks: directive id %q is not valid", m.Directive)
		}
	}
	pipe := db.c.Pipeline()
	cmds := make([]*redis.BoolCmd, len(marks))
	for i, m := range marks {
		cmds[i] = pipe.SetNX(ctx, db.k.mark(m), 1, ttl)
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, fmt.Errorf("store: claim %d reminder marks: %w", len(marks), err)
	}
	out := make([]bool, len(marks))
	for i, c := range cmds {
		out[i] = c.Val()
	}
	return out, nil
}

// ReleaseMarks deletes reminder marks (a send failed: the next tick tries
// again), in one round trip.
func (db *DB) ReleaseMarks(ctx context.Context, marks []Mark) error {
	if len(marks) == 0 {
		return nil
	}
	pipe := db.c.Pipeline()
	for _, m := range marks {
		if !validID(m.Directive) {
			return fmt.Errorf("store: release reminder marks: directive id %q is not valid", m.Directive)
		}
		pipe.Del(ctx, db.k.mark(m))
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("store: release %d reminder marks: %w", len(marks), err)
	}
	return nil
}

// AcquireLock takes the named lock for owner for ttl (SET NX PX); false when
// someone holds it.
func (db *DB) AcquireLock(ctx context.Context, name, owner string, ttl time.Duration) (bool, error) {
	if ttl <= 0 || owner == "" {
		return false, fmt.Errorf("store: acquire lock %s: an owner and a positive ttl are required", name)
	}
	ok, err := db.c.SetNX(ctx, db.k.lock(name), owner, ttl).Result()
	if err != nil {
		return false, fmt.Errorf("store: acquire lock %s: %w", name, err)
	}
	return ok, nil
}

// RenewLock extends the named lock to ttl from now if owner holds it; false
// when it is someone else's or has expired.
func (db *DB) RenewLock(ctx context.Context, name, owner string, ttl time.Duration) (bool, error) {
	if ttl <= 0 {
		return false, fmt.Errorf("store: renew lock %s: ttl %v must be positive", name, ttl)
	}
	ok, err := renewLockScript.Run(ctx, db.c, []string{db.k.lock(name)}, owner, ttl.Milliseconds()).Bool()
	if err != nil {
		return false, fmt.Errorf("store: renew lock %s: %w", name, err)
	}
	return ok, nil
}

// ReleaseLock releases the named lock if owner holds it; otherwise it does
// nothing.
func (db *DB) ReleaseLock(ctx context.Context, name, owner string) error {
	if err := releaseLockScript.Run(ctx, db.c, []string{db.k.lock(name)}, owner).Err(); err != nil {
		return fmt.Errorf("store: release lock %s: %w", name, err)
	}
	return nil
}

// storedMute is a mute as stored; until_ms lets the script drop ended ones.
type storedMute struct {
	Mute
	UntilMS int64 `json:"until_ms"`
}

// Mute stores a mute (replacing one for the same unit and directive) and
// drops mutes that ended before the clock's now.
func (db *DB) Mute(ctx context.Context, m Mute) error {
	var until int64
	if !m.Until.IsZero() {
		until = ms(m.Until)
	}
	b, err := json.Marshal(storedMute{Mute: m, UntilMS: until})
	if err != nil {
		return fmt.Errorf("store: mute %q/%q: %w", m.Unit, m.Directive, err)
	}
	err = muteScript.Run(ctx, db.c, []string{db.k.mutes()}, muteField(m.Unit, m.Directive), b, ms(db.clock.Now())).Err()
	if err != nil {
		return fmt.Errorf("store: mute %q/%q: %w", m.Unit, m.Directive, err)
	}
	return nil
}

// Unmute removes the mute for exactly that unit and directive ("" = all),
// and reports whether there was one.
func (db *DB) Unmute(ctx context.Context, unit, directive string) (bool, error) {
	n, err := db.c.HDel(ctx, db.k.mutes(), muteField(unit, directive)).Result()
	if err != nil {
		return false, fmt.Errorf("store: unmute %q/%q: %w", unit, directive, err)
	}
	return n > 0, nil
}

// Mutes returns the mutes active at now (without an end, or ending after
// now), sorted by unit then directive.
func (db *DB) Mutes(ctx context.Context, now time.Time) ([]Mute, error) {
	all, err := db.c.HGetAll(ctx, db.k.mutes()).Result()
	if err != nil {
		return nil, fmt.Errorf("store: read mutes: %w", err)
	}
	out := make([]Mute, 0, len(all))
	for _, v := range all {
		var m storedMute
		if err := json.Unmarshal([]byte(v), &m); err != nil {
			return nil, fmt.Errorf("store: decode mute: %w", err)
		}
		if m.Until.IsZero() || m.Until.After(now) {
			out = append(out, m.Mute)
		}
	}
	slices.SortFunc(out, func(a, b Mute) int {
		return cmp.Or(strings.Compare(a.Unit, b.Unit), strings.Compare(a.Directive, b.Directive))
	})
	return out, nil
}

// LastTick returns the time of the last reminder tick; the zero time when
// there was none.
func (db *DB) LastTick(ctx context.Context) (time.Time, error) {
	v, err := db.c.Get(ctx, db.k.lastTick()).Result()
	if errors.Is(err, redis.Nil) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("store: read last tick: %w", err)
	}
	t, err := time.Parse(tickLayout, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: parse last tick %q: %w", v, err)
	}
	return t, nil
}

// SetLastTick records t as the last tick time, only if it is later than the
// one stored (ticks never move backwards, whatever order replicas write in).
func (db *DB) SetLastTick(ctx context.Context, t time.Time) error {
	if t.IsZero() {
		return nil
	}
	if err := setLastTickScript.Run(ctx, db.c, []string{db.k.lastTick()}, t.UTC().Format(tickLayout)).Err(); err != nil {
		return fmt.Errorf("store: set last tick: %w", err)
	}
	return nil
}
