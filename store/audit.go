package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// AuditEntry is one line of the audit log: a send, a skip, an
// acknowledgment, a report, … with its reason.
type AuditEntry struct {
	// At is when it happened; zero means the clock's now.
	At time.Time `json:"at"`
	// Action is what happened: "broadcast", "deliver", "deliver-failed",
	// "ack", "ack-refused", "report", "report-returned", "remind",
	// "remind-skip", "escalate", "digest", "invite", "register", …
	Action string `json:"action"`
	// Directive, Task, Unit, Member and Stage say what it concerned; Reason
	// why (a skip's reason, an error); Detail anything else.
	Directive string `json:"directive,omitempty"`
	Task      string `json:"task,omitempty"`
	Unit      string `json:"unit,omitempty"`
	Member    string `json:"member,omitempty"`
	Stage     string `json:"stage,omitempty"`
	Reason    string `json:"reason,omitempty"`
	Detail    string `json:"detail,omitempty"`
}

// auditScript appends entries to the audit stream, capped.
//
// KEYS[1] audit stream.
// ARGV[1] cap (approximate, MAXLEN ~), then pairs: entry time (unix ms),
// entry JSON.
// Each entry's stream ID is its time, or the last ID's time when that is
// later (IDs must grow), so that reading from a time finds every entry
// at or after it.
// Returns the number of entries added.
var auditScript = redis.NewScript(`
local last = 0
local top = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
if top[1] then last = tonumber(string.match(top[1][1], '^(%d+)')) end
local n = 0
for i = 2, #ARGV, 2 do
  local t = tonumber(ARGV[i])
  if t < last then t = last end
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], string.format('%.0f', t) .. '-*', 'e', ARGV[i + 1])
  last = t
  n = n + 1
end
return n
`)

// Audit appends entries to the audit log in one round trip. The log is a
// stream capped at about Options.AuditCap entries (MAXLEN ~): the oldest
// go first.
func (db *DB) Audit(ctx context.Context, entries ...AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	args := make([]any, 0, 1+2*len(entries))
	args = append(args, db.auditCap)
	for _, e := range entries {
		if e.At.IsZero() {
			e.At = db.clock.Now()
		}
		b, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("store: audit %s: %w", e.Action, err)
		}
		args = append(args, max(ms(e.At), 0), b)
	}
	if err := auditScript.Run(ctx, db.c, []string{db.k.audit()}, args...).Err(); err != nil {
		return fmt.Errorf("store: audit %d entries: %w", len(entries), err)
	}
	return nil
}

// auditPage is how many stream entries AuditLog reads per round trip.
const auditPage = 1000

// AuditLog returns up to limit entries (all when limit <= 0) whose At is at
// or after since, oldest first (in the order they were written).
func (db *DB) AuditLog(ctx context.Context, since time.Time, limit int) ([]AuditEntry, error) {
	start := "-"
	if !since.IsZero() && since.UnixMilli() > 0 {
		start = strconv.FormatInt(since.UnixMilli(), 10) + "-0"
	}
	var out []AuditEntry
	for {
		msgs, err := db.c.XRangeN(ctx, db.k.audit(), start, "+", auditPage).Result()
		if err != nil {
			return nil, fmt.Errorf("store: read audit log: %w", err)
		}
		for _, m := range msgs {
			v, _ := m.Values["e"].(string)
			var e AuditEntry
			if err := json.Unmarshal([]byte(v), &e); err != nil {
				return nil, fmt.Errorf("store: decode audit entry %s: %w", m.ID, err)
			}
			if e.At.Before(since) {
				continue
			}
			out = append(out, e)
			if limit > 0 && len(out) == limit {
				return out, nil
			}
		}
		if len(msgs) < auditPage {
			return out, nil
		}
		start = "(" + msgs[len(msgs)-1].ID
	}
}
