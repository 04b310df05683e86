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

	"chidao"
)

// FollowUp is what the reminder loop reads of one directive before sending.
type FollowUp struct {
	// Acks are the acknowledgments, oldest first.
	Acks []chidao.Ack
	// Reports are the reports, sorted by task, occurrence, unit.
	Reports []chidao.Report
	// Extensions are the new deadlines the office granted, keyed
	// "task|unit".
	Extensions map[string]chidao.Date
	// Broadcast is the broadcast record; zero when never broadcast.
	Broadcast Broadcast
}

// acknowledgeScript stores a member's first acknowledgment of a directive.
//
// KEYS[1] acks hash.
// ARGV[1] member key, ARGV[2] ack JSON.
// Returns 1 when stored, or the JSON of the first acknowledgment.
var acknowledgeScript = redis.NewScript(`
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then return 1 end
return redis.call('HGET', KEYS[1], ARGV[1])
`)

// returnReportScript returns a report to its unit as not done.
//
// KEYS[1] reports hash.
// ARGV[1] field "task|occurrence|unit", ARGV[2] status, ARGV[3] reason,
// ARGV[4] time (RFC 3339).
// Returns the updated report JSON, or nil when there is no report.
var returnReportScript = redis.NewScript(`
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return nil end
local r = cjson.decode(v)
r.status = ARGV[2]
r.reason = ARGV[3]
r.returned_at = ARGV[4]
local enc = cjson.encode(r)
redis.call('HSET', KEYS[1], ARGV[1], enc)
return enc
`)

// Acknowledge stores a member's acknowledgment of a directive. The first one
// is kept: it returns (a, true) the first time and (the first, false) after.
func (db *DB) Acknowledge(ctx context.Context, a chidao.Ack) (chidao.Ack, bool, error) {
	if !validID(a.Directive) || a.Member == "" {
		return chidao.Ack{}, false, errors.New("store: acknowledge: directive and member are required")
	}
	b, err := json.Marshal(a)
	if err != nil {
		return chidao.Ack{}, false, fmt.Errorf("store: acknowledge %s by %s: %w", a.Directive, a.Member, err)
	}
	v, err := acknowledgeScript.Run(ctx, db.c, []string{db.k.acks(a.Directive)}, a.Member, b).Result()
	if err != nil {
		return chidao.Ack{}, false, fmt.Errorf("store: acknowledge %s by %s: %w", a.Directive, a.Member, err)
	}
	first, ok := v.(string)
	if !ok {
		return a, true, nil
	}
	var f chidao.Ack
	if err := json.Unmarshal([]byte(first), &f); err != nil {
		return chidao.Ack{}, false, fmt.Errorf("store: decode acknowledgment of %s by %s: %w", a.Directive, a.Member, err)
	}
	return f, false, nil
}

// Acks returns every member's acknowledgment of a directive, oldest first.
func (db *DB) Acks(ctx context.Context, directive string) ([]chidao.Ack, error) {
	if !validID(directive) {
		return nil, nil
	}
	all, err := db.c.HGetAll(ctx, db.k.acks(directive)).Result()
	if err != nil {
		return nil, fmt.Errorf("store: read acknowledgments of %s: %w", directive, err)
	}
	return decodeAcks(directive, all)
}

// PutReport stores a unit's report on a task, keyed by (task, occurrence,
// unit); a later one replaces it. The occurrence is read from the report's
// JSON field "occurrence" ("" for a one-off task).
func (db *DB) PutReport(ctx context.Context, r chidao.Report) error {
	if !validID(r.Directive) || r.Task == "" || r.Unit == "" {
		return errors.New("store: put report: directive, task and unit are required")
	}
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("store: put report on %s task %s by %s: %w", r.Directive, r.Task, r.Unit, err)
	}
	field := reportField(r.Task, occurrenceOf(b), r.Unit)
	if err := db.c.HSet(ctx, db.k.reports(r.Directive), field, b).Err(); err != nil {
		return fmt.Errorf("store: put report on %s task %s by %s: %w", r.Directive, r.Task, r.Unit, err)
	}
	return nil
}

// Reports returns a directive's reports, sorted by task, occurrence, unit.
func (db *DB) Reports(ctx context.Context, directive string) ([]chidao.Report, error) {
	if !validID(directive) {
		return nil, nil
	}
	all, err := db.c.HGetAll(ctx, db.k.reports(directive)).Result()
	if err != nil {
		return nil, fmt.Errorf("store: read reports of %s: %w", directive, err)
	}
	return decodeReports(directive, all)
}

// ReturnReport returns a unit's report as not done: Status
// chidao.ReportReturned, with the reason and time. ErrNotFound when there is
// no report.
func (db *DB) ReturnReport(ctx context.Context, directive, task, occurrence, unit, reason string, at time.Time) (chidao.Report, error) {
	what := fmt.Sprintf("%s task %s (%s) by %s", directive, task, occurrence, unit)
	if !validID(directive) {
		return chidao.Report{}, fmt.Errorf("store: return report on %s: %w", what, ErrNotFound)
	}
	v, err := returnReportScript.Run(ctx, db.c, []string{db.k.reports(directive)},
		reportField(task, occurrence, unit), chidao.ReportReturned, reason, timeText(at)).Text()
	if errors.Is(err, redis.Nil) {
		return chidao.Report{}, fmt.Errorf("store: return report on %s: %w", what, ErrNotFound)
	}
	if err != nil {
		return chidao.Report{}, fmt.Errorf("store: return report on %s: %w", what, err)
	}
	var r chidao.Report
	if err := json.Unmarshal([]byte(v), &r); err != nil {
		return chidao.Report{}, fmt.Errorf("store: decode report on %s: %w", what, err)
	}
	return r, nil
}

// SetExtension grants a unit a new deadline for a task; the zero Date takes
// the extension back.
func (db *DB) SetExtension(ctx context.Context, directive, task, unit string, until chidao.Date) error {
	if !validID(directive) || task == "" || unit == "" {
		return errors.New("store: set extension: directive, task and unit are required")
	}
	key, field := db.k.extensions(directive), extensionField(task, unit)
	var err error
	if until.IsZero() {
		err = db.c.HDel(ctx, key, field).Err()
	} else {
		err = db.c.HSet(ctx, key, field, until.String()).Err()
	}
	if err != nil {
		return fmt.Errorf("store: set extension of %s task %s for %s: %w", directive, task, unit, err)
	}
	return nil
}

// FollowUps reads the acknowledgments, reports, extensions and broadcast
// record of each directive, in one round trip (one pipeline).
func (db *DB) FollowUps(ctx context.Context, directives []string) (map[string]FollowUp, error) {
	type cmds struct {
		acks, reports, ext *redis.MapStringStringCmd
		broadcast          *redis.StringCmd
	}
	out := make(map[string]FollowUp, len(directives))
	pipe := db.c.Pipeline()
	all := map[string]cmds{}
	for _, id := range directives {
		if !validID(id) {
			out[id] = FollowUp{Extensions: map[string]chidao.Date{}}
			continue
		}
		if _, ok := all[id]; ok {
			continue
		}
		all[id] = cmds{
			acks:      pipe.HGetAll(ctx, db.k.acks(id)),
			reports:   pipe.HGetAll(ctx, db.k.reports(id)),
			ext:       pipe.HGetAll(ctx, db.k.extensions(id)),
			broadcast: pipe.Get(ctx, db.k.broadcast(id)),
		}
	}
	if len(all) == 0 {
		return out, nil
	}
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("store: read follow-up state of %d directives: %w", len(all), err)
	}
	for id, c := range all {
		var f FollowUp
		var err error
		if f.Acks, err = decodeAcks(id, c.acks.Val()); err != nil {
			return nil, err
		}
		if f.Reports, err = decodeReports(id, c.reports.Val()); err != nil {
			return nil, err
		}
		f.Extensions = make(map[string]chidao.Date, len(c.ext.Val()))
		for k, v := range c.ext.Val() {
			d, err := chidao.ParseDate(v)
			if err != nil {
				return nil, fmt.Errorf("store: extension %s of %s: %w", k, id, err)
			}
			f.Extensions[k] = d
		}
		if b, err := c.broadcast.Bytes(); err == nil {
			if f.Broadcast, err = decodeBroadcast(id, b); err != nil {
				return nil, err
			}
		} else if !errors.Is(err, redis.Nil) {
			return nil, fmt.Errorf("store: read broadcast of %s: %w", id, err)
		}
		out[id] = f
	}
	return out, nil
}

func decodeAcks(directive string, all map[string]string) ([]chidao.Ack, error) {
	out := make([]chidao.Ack, 0, len(all))
	for _, v := range all {
		var a chidao.Ack
		if err := json.Unmarshal([]byte(v), &a); err != nil {
			return nil, fmt.Errorf("store: decode acknowledgment of %s: %w", directive, err)
		}
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b chidao.Ack) int {
		return cmp.Or(a.At.Compare(b.At), strings.Compare(a.Member, b.Member))
	})
	return out, nil
}

func decodeReports(directive string, all map[string]string) ([]chidao.Report, error) {
	type keyed struct {
		field string
		r     chidao.Report
	}
	ks := make([]keyed, 0, len(all))
	for f, v := range all {
		var r chidao.Report
		if err := json.Unmarshal([]byte(v), &r); err != nil {
			return nil, fmt.Errorf("store: decode report of %s: %w", directive, err)
		}
		ks = append(ks, keyed{f, r})
	}
	slices.SortFunc(ks, func(a, b keyed) int { return strings.Compare(a.field, b.field) })
	out := make([]chidao.Report, len(ks))
	for i, k := range ks {
		out[i] = k.r
	}
	return out, nil
}

// occurrenceOf reads the "occurrence" field of a report's JSON: the period
// key of a recurring task's report ("" for a one-off task).
func occurrenceOf(reportJSON []byte) string {
	var x struct {
		Occurrence string `json:"occurrence"`
	}
	_ = json.Unmarshal(reportJSON, &x)
	return x.Occurrence
}
