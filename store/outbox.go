package store

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"chidao"
)

// The outbox.
//
// Each directive has its own outbox: a hash of deliveries (one per member)
// and a sorted set "ready" holding the deliveries not yet sent or failed,
// scored by the time they may next be claimed. Both carry the directive's
// hash tag, so every outbox script runs over one directive in one slot.
//
// To find directives with work without scanning, a small index "work" (tag
// {outbox}) maps directive IDs to a lower bound of their earliest ready time.
// It lives in another slot, so it cannot be updated in the same script; the
// protocol keeps it a lower bound at all times:
//
//   - writers that add or move ready entries (Enqueue, Retry) write the
//     directive first, then lower the directive's index score and give it a
//     new version (markWorkScript);
//   - Claim reads candidates with their versions (selectWorkScript), claims
//     in each directive (claimScript, which reports the directive's next
//     ready time), and later sets the index score to that time, or removes
//     the directive when it has nothing left, only if the version is still
//     the one it read. A writer that ran in between has changed the version,
//     so its lower score stands. Those corrections ride on the next Claim's
//     first script, so that Claim costs two round trips, not three.
//
// A stale low score only costs a wasted look; a missing entry would lose
// work, and the version check rules that out. A process dying between the
// two steps of Enqueue leaves entries unindexed: RecoverOutbox re-indexes
// them at start.

// Delivery states.
const (
	StatePending = "pending" // waiting to be claimed
	StateSending = "sending" // claimed; leased to a sender
	StateSent    = "sent"    // delivered; off the queue for good
	StateFailed  = "failed"  // given up; off the queue
)

// claimScan is how many directives one Claim looks at, at most.
const claimScan = 8

// Delivery is one outbox entry: a directive to one member.
type Delivery struct {
	// Directive is the directive's ID.
	Directive string
	// Member is the member key.
	Member string
	// Unit is the member's unit.
	Unit string
	// Chat is where to send it.
	Chat chidao.ChatRef
	// Group is true for a group chat (stricter rate limit).
	Group bool
	// State is StatePending, StateSending, StateSent or StateFailed.
	State string
	// Attempts counts the claims so far.
	Attempts int
	// MessageID is the platform id of the message carrying the buttons,
	// once sent.
	MessageID string
	// Error is the last error, for the office.
	Error string
	// UpdatedAt is when the entry last changed.
	UpdatedAt time.Time
	// SentAt is when it was delivered.
	SentAt time.Time
}

// Sent is one delivery that went out, for DeliveredBatch.
type Sent struct {
	// Delivery is the entry as Claim returned it.
	Delivery Delivery
	// MessageID is the platform id of the message sent.
	MessageID string
	// At is when it was sent.
	At time.Time
}

// record is how a delivery is stored; the scripts read and write these JSON
// field names.
type record struct {
	Directive string         `json:"directive"`
	Member    string         `json:"member"`
	Unit      string         `json:"unit"`
	Chat      chidao.ChatRef `json:"chat"`
	Group     bool           `json:"group"`
	State     string         `json:"state"`
	Attempts  int            `json:"attempts"`
	MessageID string         `json:"message_id"`
	Error     string         `json:"error"`
	UpdatedAt string         `json:"updated_at"`
	SentAt    string         `json:"sent_at"`
}

// indexFix is a correction of one directive's work-index entry: set the
// score to next ("" = remove the entry) if the version is still version.
type indexFix struct {
	version string
	next    string
}

// enqueueScript adds deliveries to a directive's outbox, all at once.
//
// KEYS[1] outbox hash, KEYS[2] ready sorted set.
// ARGV[1] ready time (unix ms), then pairs: member key, delivery JSON.
// Returns the number of entries added (members already present are left
// as they are).
var enqueueScript = redis.NewScript(`
local added = 0
for i = 2, #ARGV, 2 do
  if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
    redis.call('ZADD', KEYS[2], ARGV[1], ARGV[i])
    added = added + 1
  end
end
return added
`)

// markWorkScript lowers a directive's work-index score and gives the entry a
// new version.
//
// KEYS[1] work index, KEYS[2] versions hash, KEYS[3] version counter.
// ARGV[1] directive ID, ARGV[2] ready time (unix ms).
// Returns the new version.
var markWorkScript = redis.NewScript(`
local cur = redis.call('ZSCORE', KEYS[1], ARGV[1])
if (not cur) or tonumber(cur) > tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
end
local v = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], ARGV[1], v)
return v
`)

// selectWorkScript applies index corrections, then picks directives with
// work ready.
//
// KEYS[1] work index, KEYS[2] versions hash.
// ARGV[1] now (unix ms), ARGV[2] most directives to return, then triples:
// directive ID, version read, next ready time (unix ms; "" = nothing left).
// A correction applies only when the version is unchanged.
// Returns pairs: directive ID, its version; oldest work first.
var selectWorkScript = redis.NewScript(`
for i = 3, #ARGV, 3 do
  local v = redis.call('HGET', KEYS[2], ARGV[i])
  if v and v == ARGV[i + 1] then
    if ARGV[i + 2] == '' then
      redis.call('ZREM', KEYS[1], ARGV[i])
      redis.call('HDEL', KEYS[2], ARGV[i])
    else
      redis.call('ZADD', KEYS[1], ARGV[i + 2], ARGV[i])
    end
  end
end
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(ids) do
  out[#out + 1] = id
  out[#out + 1] = redis.call('HGET', KEYS[2], id) or ''
end
return out
`)

// claimScript leases a directive's ready deliveries.
//
// KEYS[1] outbox hash, KEYS[2] ready sorted set.
// ARGV[1] now (unix ms), ARGV[2] lease end (unix ms), ARGV[3] most entries,
// ARGV[4] now (RFC 3339).
// Each entry ready by now becomes "sending" with one more attempt and is
// ready again at the lease end (a sender that dies leaves it to be claimed
// again). Entries found sent or failed are dropped from the queue.
// Returns {next ready time (unix ms, "" when the queue is empty), claimed
// delivery JSON…}.
var claimScript = redis.NewScript(`
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {''}
for _, id in ipairs(ids) do
  local v = redis.call('HGET', KEYS[1], id)
  local d = v and cjson.decode(v)
  if d and d.state ~= 'sent' and d.state ~= 'failed' then
    d.state = 'sending'
    d.attempts = (tonumber(d.attempts) or 0) + 1
    d.updated_at = ARGV[4]
    local enc = cjson.encode(d)
    redis.call('HSET', KEYS[1], id, enc)
    redis.call('ZADD', KEYS[2], ARGV[2], id)
    out[#out + 1] = enc
  else
    redis.call('ZREM', KEYS[2], id)
  end
end
local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
if first[2] then out[1] = first[2] end
return out
`)

// deliveredScript marks deliveries of one directive sent.
//
// KEYS[1] outbox hash, KEYS[2] ready sorted set.
// ARGV: triples member key, message id, sent time (RFC 3339).
// An entry already sent keeps its first message id and time. Every entry
// named leaves the queue.
// Returns {entries marked sent, members not in the outbox}.
var deliveredScript = redis.NewScript(`
local marked, missing = 0, 0
for i = 1, #ARGV, 3 do
  local v = redis.call('HGET', KEYS[1], ARGV[i])
  if v then
    local d = cjson.decode(v)
    if d.state ~= 'sent' then
      d.state = 'sent'
      d.message_id = ARGV[i + 1]
      d.sent_at = ARGV[i + 2]
      d.updated_at = ARGV[i + 2]
      d.error = ''
      redis.call('HSET', KEYS[1], ARGV[i], cjson.encode(d))
      marked = marked + 1
    end
    redis.call('ZREM', KEYS[2], ARGV[i])
  else
    missing = missing + 1
  end
end
return {marked, missing}
`)

// retryScript puts a claimed delivery back on the queue.
//
// KEYS[1] outbox hash, KEYS[2] ready sorted set.
// ARGV[1] member key, ARGV[2] attempts of the caller's claim, ARGV[3] ready
// time (unix ms), ARGV[4] reason, ARGV[5] now (RFC 3339).
// Returns 1 when put back, 0 when ignored (already sent or failed, or
// claimed again since: the caller's claim is stale), -1 when there is no
// such entry.
var retryScript = redis.NewScript(`
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return -1 end
local d = cjson.decode(v)
if d.state == 'sent' or d.state == 'failed' then return 0 end
if tonumber(d.attempts) ~= tonumber(ARGV[2]) then return 0 end
d.state = 'pending'
d.error = ARGV[4]
d.updated_at = ARGV[5]
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(d))
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
return 1
`)

// failedScript gives a claimed delivery up.
//
// KEYS[1] outbox hash, KEYS[2] ready sorted set.
// ARGV[1] member key, ARGV[2] attempts of the caller's claim, ARGV[3]
// reason, ARGV[4] time (RFC 3339).
// Returns 1 when marked failed, 0 when ignored (already sent or failed, or
// claimed again since), -1 when there is no such entry.
var failedScript = redis.NewScript(`
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return -1 end
local d = cjson.decode(v)
if d.state == 'sent' or d.state == 'failed' then return 0 end
if tonumber(d.attempts) ~= tonumber(ARGV[2]) then return 0 end
d.state = 'failed'
d.error = ARGV[3]
d.updated_at = ARGV[4]
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(d))
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
`)

// Enqueue adds one delivery per member of ds to the directive's outbox, all
// in one script, ready at now: none is claimable before all are written. An
// entry already present (same member) is left as it is, so enqueueing twice
// adds 0. Two round trips (the entries, then the work index).
func (db *DB) Enqueue(ctx context.Context, directive string, ds []Delivery, now time.Time) (int, error) {
	if !validID(directive) {
		return 0, fmt.Errorf("store: enqueue: directive id %q is not valid", directive)
	}
	if len(ds) == 0 {
		return 0, nil
	}
	args := make([]any, 0, 1+2*len(ds))
	args = append(args, ms(now))
	for _, d := range ds {
		if d.Member == "" {
			return 0, fmt.Errorf("store: enqueue %s: a delivery without a member", directive)
		}
		b, err := json.Marshal(record{
			Directive: directive, Member: d.Member, Unit: d.Unit, Chat: d.Chat, Group: d.Group,
			State: StatePending, UpdatedAt: timeText(now),
		})
		if err != nil {
			return 0, fmt.Errorf("store: enqueue %s: %w", directive, err)
		}
		args = append(args, d.Member, b)
	}
	added, err := enqueueScript.Run(ctx, db.c, []string{db.k.outbox(directive), db.k.ready(directive)}, args...).Int()
	if err != nil {
		return 0, fmt.Errorf("store: enqueue %d deliveries of %s: %w", len(ds), directive, err)
	}
	// Index even when nothing was added: a retried Enqueue heals an earlier
	// one that died between its two steps.
	if err := db.markWork(ctx, directive, now); err != nil {
		return added, fmt.Errorf("store: enqueue %s: %w", directive, err)
	}
	return added, nil
}

// markWork lowers the directive's work-index score to at.
func (db *DB) markWork(ctx context.Context, directive string, at time.Time) error {
	err := markWorkScript.Run(ctx, db.c, []string{db.k.work(), db.k.workVersion(), db.k.workSeq()}, directive, ms(at)).Err()
	if err != nil {
		return fmt.Errorf("index outbox work: %w", err)
	}
	return nil
}

// Claim takes up to max deliveries whose ready time is <= now, across
// directives with work (oldest first): each becomes "sending" with Attempts
// one higher, and is ready again at now+lease, so that deliveries of a
// sender that dies are claimed again after the lease. Each directive is
// claimed by one script; concurrent claimers never get the same entry while
// its lease holds. Usually two round trips: one to pick directives, one per
// directive claimed from.
//
// If Redis fails after some entries were claimed, those are returned without
// the error (the next call meets it).
func (db *DB) Claim(ctx context.Context, now time.Time, lease time.Duration, max int) ([]Delivery, error) {
	if max <= 0 {
		return nil, nil
	}
	if lease <= 0 {
		return nil, fmt.Errorf("store: claim: lease %v must be positive", lease)
	}
	fixes := db.takeFixes()
	args := make([]any, 0, 2+3*len(fixes))
	args = append(args, ms(now), claimScan)
	for id, f := range fixes {
		args = append(args, id, f.version, f.next)
	}
	cand, err := selectWorkScript.Run(ctx, db.c, []string{db.k.work(), db.k.workVersion()}, args...).StringSlice()
	if err != nil {
		db.restoreFixes(fixes)
		return nil, fmt.Errorf("store: claim: find outbox work: %w", err)
	}
	var out []Delivery
	for i := 0; i+1 < len(cand) && len(out) < max; i += 2 {
		id, version := cand[i], cand[i+1]
		res, err := claimScript.Run(ctx, db.c, []string{db.k.outbox(id), db.k.ready(id)},
			ms(now), ms(now.Add(lease)), max-len(out), timeText(now)).StringSlice()
		if err != nil {
			if len(out) > 0 {
				return out, nil
			}
			return nil, fmt.Errorf("store: claim deliveries of %s: %w", id, err)
		}
		db.addFix(id, indexFix{version: version, next: res[0]})
		for _, v := range res[1:] {
			d, err := decodeDelivery(v)
			if err != nil {
				return out, fmt.Errorf("store: claim deliveries of %s: %w", id, err)
			}
			out = append(out, d)
		}
	}
	return out, nil
}

func (db *DB) takeFixes() map[string]indexFix {
	db.mu.Lock()
	defer db.mu.Unlock()
	f := db.fixes
	db.fixes = map[string]indexFix{}
	return f
}

// restoreFixes puts back corrections that could not be sent, unless a newer
// one for the same directive arrived meanwhile.
func (db *DB) restoreFixes(fixes map[string]indexFix) {
	db.mu.Lock()
	defer db.mu.Unlock()
	for id, f := range fixes {
		if _, ok := db.fixes[id]; !ok {
			db.fixes[id] = f
		}
	}
}

func (db *DB) addFix(id string, f indexFix) {
	db.mu.Lock()
	defer db.mu.Unlock()
	db.fixes[id] = f
}

// Delivered marks a delivery sent and takes it off the queue. A delivery
// already sent keeps its first message id (a late duplicate changes
// nothing). ErrNotFound when there is no such entry.
func (db *DB) Delivered(ctx context.Context, d Delivery, messageID string, at time.Time) error {
	return db.DeliveredBatch(ctx, []Sent{{Delivery: d, MessageID: messageID, At: at}})
}

// DeliveredBatch is Delivered for many deliveries in one round trip: one
// script per directive, pipelined. Entries not in the outbox are skipped and
// reported as ErrNotFound after the others are marked.
func (db *DB) DeliveredBatch(ctx context.Context, sent []Sent) error {
	var calls []scriptCall
	at := map[string]int{}
	for _, s := range sent {
		id := s.Delivery.Directive
		if !validID(id) {
			return fmt.Errorf("store: mark delivered: directive id %q is not valid", id)
		}
		i, ok := at[id]
		if !ok {
			i = len(calls)
			at[id] = i
			calls = append(calls, scriptCall{s: deliveredScript, keys: []string{db.k.outbox(id), db.k.ready(id)}})
		}
		calls[i].args = append(calls[i].args, s.Delivery.Member, s.MessageID, timeText(s.At))
	}
	cmds, err := db.runScripts(ctx, calls)
	if err != nil {
		return fmt.Errorf("store: mark %d deliveries sent: %w", len(sent), err)
	}
	missing := 0
	for _, cmd := range cmds {
		r, err := cmd.Int64Slice()
		if err != nil || len(r) != 2 {
			return fmt.Errorf("store: mark deliveries sent: unexpected reply %v: %w", cmd.Val(), err)
		}
		missing += int(r[1])
	}
	if missing > 0 {
		return fmt.Errorf("store: mark deliveries sent: %d not in the outbox: %w", missing, ErrNotFound)
	}
	return nil
}

// Retry puts a claimed delivery back on the queue, ready at at, with the
// reason as its error. It does nothing to an entry already sent or failed,
// or claimed again since d was claimed (a late caller never resurrects an
// entry). ErrNotFound when there is no such entry.
func (db *DB) Retry(ctx context.Context, d Delivery, at time.Time, reason string) error {
	if !validID(d.Directive) {
		return fmt.Errorf("store: retry delivery: directive id %q is not valid", d.Directive)
	}
	n, err := retryScript.Run(ctx, db.c, []string{db.k.outbox(d.Directive), db.k.ready(d.Directive)},
		d.Member, d.Attempts, ms(at), reason, timeText(db.clock.Now())).Int()
	if err != nil {
		return fmt.Errorf("store: retry delivery of %s to %s: %w", d.Directive, d.Member, err)
	}
	switch n {
	case -1:
		return fmt.Errorf("store: retry delivery of %s to %s: %w", d.Directive, d.Member, ErrNotFound)
	case 1:
		if err := db.markWork(ctx, d.Directive, at); err != nil {
			return fmt.Errorf("store: retry delivery of %s to %s: %w", d.Directive, d.Member, err)
		}
	}
	return nil
}

// Failed gives a claimed delivery up: State "failed" with the reason, off
// the queue. Like Retry it does nothing to an entry already sent or failed,
// or claimed again since. ErrNotFound when there is no such entry.
func (db *DB) Failed(ctx context.Context, d Delivery, reason string, at time.Time) error {
	if !validID(d.Directive) {
		return fmt.Errorf("store: fail delivery: directive id %q is not valid", d.Directive)
	}
	n, err := failedScript.Run(ctx, db.c, []string{db.k.outbox(d.Directive), db.k.ready(d.Directive)},
		d.Member, d.Attempts, reason, timeText(at)).Int()
	if err != nil {
		return fmt.Errorf("store: fail delivery of %s to %s: %w", d.Directive, d.Member, err)
	}
	if n == -1 {
		return fmt.Errorf("store: fail delivery of %s to %s: %w", d.Directive, d.Member, ErrNotFound)
	}
	return nil
}

// Deliveries returns every outbox entry of a directive, in any state, sorted
// by unit then member.
func (db *DB) Deliveries(ctx context.Context, directive string) ([]Delivery, error) {
	if !validID(directive) {
		return nil, nil
	}
	all, err := db.c.HGetAll(ctx, db.k.outbox(directive)).Result()
	if err != nil {
		return nil, fmt.Errorf("store: read deliveries of %s: %w", directive, err)
	}
	out := make([]Delivery, 0, len(all))
	for _, v := range all {
		d, err := decodeDelivery(v)
		if err != nil {
			return nil, fmt.Errorf("store: read deliveries of %s: %w", directive, err)
		}
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b Delivery) int {
		return cmp.Or(strings.Compare(a.Unit, b.Unit), strings.Compare(a.Member, b.Member))
	})
	return out, nil
}

// Queued returns how many entries are not yet sent or failed (pending or
// leased), across directives. Two round trips.
func (db *DB) Queued(ctx context.Context) (int, error) {
	ids, err := db.c.ZRange(ctx, db.k.work(), 0, -1).Result()
	if err != nil {
		return 0, fmt.Errorf("store: count queued deliveries: %w", err)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	pipe := db.c.Pipeline()
	cmds := make([]*redis.IntCmd, len(ids))
	for i, id := range ids {
		cmds[i] = pipe.ZCard(ctx, db.k.ready(id))
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return 0, fmt.Errorf("store: count queued deliveries: %w", err)
	}
	n := 0
	for _, c := range cmds {
		n += int(c.Val())
	}
	return n, nil
}

// RecoverOutbox re-indexes the queued deliveries of every stored directive
// (PutDirective) and returns how many directives have some. Call it once at
// start, before the outbox sender: it heals an Enqueue or Retry that died
// between writing its entries and indexing them. Three round trips.
func (db *DB) RecoverOutbox(ctx context.Context) (int, error) {
	ids, err := db.c.ZRange(ctx, db.k.directives(), 0, -1).Result()
	if err != nil {
		return 0, fmt.Errorf("store: recover outbox: list directives: %w", err)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	pipe := db.c.Pipeline()
	firsts := make([]*redis.ZSliceCmd, len(ids))
	for i, id := range ids {
		firsts[i] = pipe.ZRangeWithScores(ctx, db.k.ready(id), 0, 0)
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return 0, fmt.Errorf("store: recover outbox: read queues: %w", err)
	}
	var calls []scriptCall
	for i, c := range firsts {
		z := c.Val()
		if len(z) == 0 {
			continue
		}
		calls = append(calls, scriptCall{s: markWorkScript,
			keys: []string{db.k.work(), db.k.workVersion(), db.k.workSeq()},
			args: []any{ids[i], int64(z[0].Score)}})
	}
	if _, err := db.runScripts(ctx, calls); err != nil {
		return 0, fmt.Errorf("store: recover outbox: %w", err)
	}
	return len(calls), nil
}

func decodeDelivery(v string) (Delivery, error) {
	var r record
	if err := json.Unmarshal([]byte(v), &r); err != nil {
		return Delivery{}, fmt.Errorf("decode delivery: %w", err)
	}
	updated, err := parseTimeText(r.UpdatedAt)
	if err != nil {
		return Delivery{}, err
	}
	sent, err := parseTimeText(r.SentAt)
	if err != nil {
		return Delivery{}, err
	}
	return Delivery{
		Directive: r.Directive, Member: r.Member, Unit: r.Unit, Chat: r.Chat, Group: r.Group,
		State: r.State, Attempts: r.Attempts, MessageID: r.MessageID, Error: r.Error,
		UpdatedAt: updated, SentAt: sent,
	}, nil
}
