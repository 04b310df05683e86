package store

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"

	"github.com/redis/go-redis/v9"

	"chidao"
)

// putMemberScript stores a member and moves its unit index entry.
//
// KEYS[1] members hash, KEYS[2] unit index (sorted set).
// ARGV[1] member key, ARGV[2] unit, ARGV[3] member JSON.
// Returns 1.
var putMemberScript = redis.NewScript(`
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old then
  local m = cjson.decode(old)
  redis.call('ZREM', KEYS[2], tostring(m.unit) .. '\0' .. ARGV[1])
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[2], 0, ARGV[2] .. '\0' .. ARGV[1])
return 1
`)

// setActiveScript flips a member's Active flag.
//
// KEYS[1] members hash.
// ARGV[1] member key, ARGV[2] "1" for active, "0" for inactive.
// Returns 1, or 0 when there is no such member.
var setActiveScript = redis.NewScript(`
local old = redis.call('HGET', KEYS[1], ARGV[1])
if not old then return 0 end
local m = cjson.decode(old)
m.active = (ARGV[2] == '1')
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(m))
return 1
`)

// removeMemberScript deletes a member and its unit index entry.
//
// KEYS[1] members hash, KEYS[2] unit index.
// ARGV[1] member key.
// Returns 1, or 0 when there is no such member.
var removeMemberScript = redis.NewScript(`
local old = redis.call('HGET', KEYS[1], ARGV[1])
if not old then return 0 end
local m = cjson.decode(old)
redis.call('ZREM', KEYS[2], tostring(m.unit) .. '\0' .. ARGV[1])
redis.call('HDEL', KEYS[1], ARGV[1])
return 1
`)

// unitMembersScript reads the members of one unit.
//
// KEYS[1] members hash, KEYS[2] unit index.
// ARGV[1] unit.
// Returns the members' JSON (entries whose member is gone are skipped).
var unitMembersScript = redis.NewScript(`
local ids = redis.call('ZRANGEBYLEX', KEYS[2], '[' .. ARGV[1] .. '\0', '(' .. ARGV[1] .. '\1')
local out = {}
for _, e in ipairs(ids) do
  local key = string.sub(e, string.len(ARGV[1]) + 2)
  local v = redis.call('HGET', KEYS[1], key)
  if v then out[#out + 1] = v end
end
return out
`)

// PutMember inserts or updates a member, indexed by unit. Moving a member to
// another unit updates both units' indexes in the same script.
func (db *DB) PutMember(ctx context.Context, m chidao.Member) error {
	if m.Platform == "" || m.UserID == "" {
		return fmt.Errorf("store: put member: platform and user id are required")
	}
	b, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("store: put member %s: %w", m.Key(), err)
	}
	err = putMemberScript.Run(ctx, db.c, []string{db.k.members(), db.k.unitIndex()}, m.Key(), m.Unit, b).Err()
	if err != nil {
		return fmt.Errorf("store: put member %s: %w", m.Key(), err)
	}
	return nil
}

// Member returns the member with that platform and user id, or ErrNotFound.
// One round trip.
func (db *DB) Member(ctx context.Context, p chidao.Platform, userID string) (chidao.Member, error) {
	key := chidao.Member{Platform: p, UserID: userID}.Key()
	b, err := db.c.HGet(ctx, db.k.members(), key).Bytes()
	if errors.Is(err, redis.Nil) {
		return chidao.Member{}, fmt.Errorf("store: member %s: %w", key, ErrNotFound)
	}
	if err != nil {
		return chidao.Member{}, fmt.Errorf("store: read member %s: %w", key, err)
	}
	return decodeMember(b)
}

// Members returns every member, sorted by unit, then display name, then key.
func (db *DB) Members(ctx context.Context) ([]chidao.Member, error) {
	all, err := db.c.HGetAll(ctx, db.k.members()).Result()
	if err != nil {
		return nil, fmt.Errorf("store: read members: %w", err)
	}
	return decodeMembers(maps.Values(all), len(all))
}

// UnitMembers returns the members of one unit, sorted by display name, in one
// round trip.
func (db *DB) UnitMembers(ctx context.Context, unit string) ([]chidao.Member, error) {
	vs, err := unitMembersScript.Run(ctx, db.c, []string{db.k.members(), db.k.unitIndex()}, unit).StringSlice()
	if err != nil {
		return nil, fmt.Errorf("store: read members of unit %s: %w", unit, err)
	}
	return decodeMembers(slices.Values(vs), len(vs))
}

// decodeMembers decodes stored members, sorted by display name.
func decodeMembers(vs iter.Seq[string], n int) ([]chidao.Member, error) {
	out := make([]chidao.Member, 0, n)
	for v := range vs {
		m, err := decodeMember([]byte(v))
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	sortMembers(out)
	return out, nil
}

// SetActive marks a member active or inactive (inactive: the platform
// refused to deliver to them, 403). ErrNotFound when there is no such member.
func (db *DB) SetActive(ctx context.Context, memberKey string, active bool) error {
	flag := "0"
	if active {
		flag = "1"
	}
	n, err := setActiveScript.Run(ctx, db.c, []string{db.k.members()}, memberKey, flag).Int()
	if err != nil {
		return fmt.Errorf("store: set member %s active=%t: %w", memberKey, active, err)
	}
	if n == 0 {
		return fmt.Errorf("store: set member %s active=%t: %w", memberKey, active, ErrNotFound)
	}
	return nil
}

// RemoveMember deletes a member and its unit index entry. ErrNotFound when
// there is no such member.
func (db *DB) RemoveMember(ctx context.Context, memberKey string) error {
	n, err := removeMemberScript.Run(ctx, db.c, []string{db.k.members(), db.k.unitIndex()}, memberKey).Int()
	if err != nil {
		return fmt.Errorf("store: remove member %s: %w", memberKey, err)
	}
	if n == 0 {
		return fmt.Errorf("store: remove member %s: %w", memberKey, ErrNotFound)
	}
	return nil
}

func decodeMember(b []byte) (chidao.Member, error) {
	var m chidao.Member
	if err := json.Unmarshal(b, &m); err != nil {
		return chidao.Member{}, fmt.Errorf("store: decode member: %w", err)
	}
	return m, nil
}

func sortMembers(ms []chidao.Member) {
	slices.SortFunc(ms, func(a, b chidao.Member) int {
		return cmp.Or(
			strings.Compare(a.Unit, b.Unit),
			strings.Compare(a.DisplayName, b.DisplayName),
			strings.Compare(a.Key(), b.Key()),
		)
	})
}
