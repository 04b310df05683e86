package store

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"chidao"
)

// Invite errors, returned (wrapped) by Redeem.
var (
	// ErrInviteUnknown: no such code (mistyped, or long gone).
	ErrInviteUnknown = errors.New("store: invite code unknown")
	// ErrInviteUsed: the code was already redeemed.
	ErrInviteUsed = errors.New("store: invite code already used")
	// ErrInviteExpired: the code's time ran out before it was redeemed.
	ErrInviteExpired = errors.New("store: invite code expired")
)

// InviteAlphabet is the characters invite codes are made of: upper-case
// letters and digits without the look-alikes 0/O, 1/I/L.
const InviteAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// InviteCodeLen is the length of an invite code.
const InviteCodeLen = 8

// inviteKeep is how long an invite is kept after it was used or expired, so
// that a second try says "used" or "expired" rather than "unknown".
const inviteKeep = 30 * 24 * time.Hour

// Invite is a one-time, expiring code that registers whoever redeems it as a
// member of a unit.
type Invite struct {
	// Code is InviteCodeLen characters from InviteAlphabet.
	Code string
	// Unit is the unit the member joins.
	Unit string
	// Role is the role the member gets.
	Role chidao.Role
	// CreatedBy is the member key of the admin who made it, or "cli".
	CreatedBy string
	// CreatedAt is when it was made.
	CreatedAt time.Time
	// ExpiresAt is when it stops working.
	ExpiresAt time.Time
}

// newInviteScript stores an invite unless the code is taken.
//
// KEYS[1] invite hash.
// ARGV[1] unit, ARGV[2] role, ARGV[3] created by, ARGV[4] created at (unix ms),
// ARGV[5] expires at (unix ms), ARGV[6] key TTL (ms).
// Returns 1, or 0 when the code exists already.
var newInviteScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'unit', ARGV[1], 'role', ARGV[2], 'created_by', ARGV[3],
  'created_at', ARGV[4], 'expires_at', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1
`)

// redeemScript consumes an invite and stores the member it registers.
//
// KEYS[1] invite hash, KEYS[2] members hash, KEYS[3] unit index.
// ARGV[1] now (unix ms), ARGV[2] member key, ARGV[3] member JSON,
// ARGV[4] joined time (RFC 3339), ARGV[5] how long to keep the used invite (ms).
// Returns {1, stored member JSON}, or {-1} unknown, {-2} already used,
// {-3} expired.
var redeemScript = redis.NewScript(`
local inv = redis.call('HMGET', KEYS[1], 'unit', 'role', 'expires_at', 'used_at')
if not inv[1] then return {-1} end
if inv[4] then return {-2} end
if tonumber(inv[3]) <= tonumber(ARGV[1]) then return {-3} end
redis.call('HSET', KEYS[1], 'used_at', ARGV[1], 'used_by', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
local m = cjson.decode(ARGV[3])
m.unit = inv[1]
m.role = inv[2]
m.active = true
m.joined = ARGV[4]
local old = redis.call('HGET', KEYS[2], ARGV[2])
if old then
  local o = cjson.decode(old)
  redis.call('ZREM', KEYS[3], tostring(o.unit) .. '\0' .. ARGV[2])
end
local enc = cjson.encode(m)
redis.call('HSET', KEYS[2], ARGV[2], enc)
redis.call('ZADD', KEYS[3], 0, inv[1] .. '\0' .. ARGV[2])
return {1, enc}
`)

// NewInvite makes a one-time invite to unit with role, valid for ttl from now.
// The invite is kept (answering "expired") until 30 days after it expires.
func (db *DB) NewInvite(ctx context.Context, unit string, role chidao.Role, createdBy string, now time.Time, ttl time.Duration) (Invite, error) {
	if unit == "" {
		return Invite{}, errors.New("store: new invite: unit is required")
	}
	if role != chidao.RoleHead && role != chidao.RoleAdmin {
		return Invite{}, fmt.Errorf("store: new invite: unknown role %q", role)
	}
	if ttl <= 0 {
		return Invite{}, fmt.Errorf("store: new invite: ttl %v must be positive", ttl)
	}
	inv := Invite{Unit: unit, Role: role, CreatedBy: createdBy, CreatedAt: now, ExpiresAt: now.Add(ttl)}
	for range 5 {
		code, err := newInviteCode()
		if err != nil {
			return Invite{}, fmt.Errorf("store: new invite: %w", err)
		}
		ok, err := newInviteScript.Run(ctx, db.c, []string{db.k.invite(code)},
			unit, string(role), createdBy, ms(now), ms(inv.ExpiresAt), (ttl + inviteKeep).Milliseconds()).Bool()
		if err != nil {
			return Invite{}, fmt.Errorf("store: new invite for %s: %w", unit, err)
		}
		if ok {
			inv.Code = code
			return inv, nil
		}
	}
	return Invite{}, fmt.Errorf("store: new invite for %s: no free code after 5 tries", unit)
}

// Redeem consumes the invite code for m. The code is matched ignoring case,
// spaces and dashes. In one script the code must exist, be unused and
// unexpired; it is marked used (kept 30 days so that a second try gets
// ErrInviteUsed) and m is stored with the invite's Unit and Role, Active and
// Joined=now. It returns the member as stored, or ErrInviteUnknown,
// ErrInviteUsed or ErrInviteExpired.
func (db *DB) Redeem(ctx context.Context, code string, m chidao.Member, now time.Time) (chidao.Member, error) {
	c, ok := NormalizeInviteCode(code)
	if !ok {
		return chidao.Member{}, fmt.Errorf("store: redeem invite: %w", ErrInviteUnknown)
	}
	if m.Platform == "" || m.UserID == "" {
		return chidao.Member{}, errors.New("store: redeem invite: member platform and user id are required")
	}
	b, err := json.Marshal(m)
	if err != nil {
		return chidao.Member{}, fmt.Errorf("store: redeem invite: %w", err)
	}
	res, err := redeemScript.Run(ctx, db.c,
		[]string{db.k.invite(c), db.k.members(), db.k.unitIndex()},
		ms(now), m.Key(), b, timeText(now), inviteKeep.Milliseconds()).Slice()
	if err != nil {
		return chidao.Member{}, fmt.Errorf("store: redeem invite %s: %w", c, err)
	}
	if len(res) == 0 {
		return chidao.Member{}, fmt.Errorf("store: redeem invite %s: empty script reply", c)
	}
	switch status, _ := res[0].(int64); status {
	case -1:
		return chidao.Member{}, fmt.Errorf("store: redeem invite %s: %w", c, ErrInviteUnknown)
	case -2:
		return chidao.Member{}, fmt.Errorf("store: redeem invite %s: %w", c, ErrInviteUsed)
	case -3:
		return chidao.Member{}, fmt.Errorf("store: redeem invite %s: %w", c, ErrInviteExpired)
	}
	enc, _ := res[1].(string)
	return decodeMember([]byte(enc))
}

// LookupInvite returns the invite with that code (matched as Redeem matches
// it), used or not, and whether it was used; ErrInviteUnknown when there is
// none.
func (db *DB) LookupInvite(ctx context.Context, code string) (Invite, bool, error) {
	c, ok := NormalizeInviteCode(code)
	if !ok {
		return Invite{}, false, fmt.Errorf("store: read invite: %w", ErrInviteUnknown)
	}
	h, err := db.c.HGetAll(ctx, db.k.invite(c)).Result()
	if err != nil {
		return Invite{}, false, fmt.Errorf("store: read invite %s: %w", c, err)
	}
	if len(h) == 0 {
		return Invite{}, false, fmt.Errorf("store: read invite %s: %w", c, ErrInviteUnknown)
	}
	created, _ := strconv.ParseInt(h["created_at"], 10, 64)
	expires, _ := strconv.ParseInt(h["expires_at"], 10, 64)
	_, used := h["used_at"]
	return Invite{
		Code:      c,
		Unit:      h["unit"],
		Role:      chidao.Role(h["role"]),
		CreatedBy: h["created_by"],
		CreatedAt: time.UnixMilli(created),
		ExpiresAt: time.UnixMilli(expires),
	}, used, nil
}

// NormalizeInviteCode returns code in upper case without spaces and dashes,
// and whether the result can be an invite code at all.
func NormalizeInviteCode(code string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		switch r {
		case ' ', '\t', '\n', '\r', '-', '\u00a0', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014':
			continue
		}
		if !strings.ContainsRune(InviteAlphabet, r) {
			return "", false
		}
		b.WriteRune(r)
	}
	c := b.String()
	return c, len(c) == InviteCodeLen
}

// newInviteCode draws a random code, without modulo bias.
func newInviteCode() (string, error) {
	const n = len(InviteAlphabet)
	const limit = 256 - 256%n
	out := make([]byte, 0, InviteCodeLen)
	var buf [16]byte
	for len(out) < InviteCodeLen {
		if _, err := rand.Read(buf[:]); err != nil {
			return "", fmt.Errorf("random invite code: %w", err)
		}
		for _, x := range buf {
			if int(x) < limit && len(out) < InviteCodeLen {
				out = append(out, InviteAlphabet[int(x)%n])
			}
		}
	}
	return string(out), nil
}
