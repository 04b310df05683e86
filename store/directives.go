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

// envelope is how a directive is stored: chidao.Directive leaves its Source
// out of JSON, so it travels beside it.
type envelope struct {
	Directive *chidao.Directive `json:"directive"`
	Source    string            `json:"source"`
}

// Broadcast records that a directive was sent out.
type Broadcast struct {
	// Directive is the directive's ID.
	Directive string `json:"directive"`
	// By is the member key of the admin who sent it, or "cli".
	By string `json:"by"`
	// At is when it was sent.
	At time.Time `json:"at"`
	// Deliveries is how many deliveries were enqueued.
	Deliveries int `json:"deliveries"`
}

// PutDirective stores the whole directive, its Source included, and indexes
// it by at (Directives lists newest first). The same ID again replaces it.
// Directive keys have no TTL: they are the knowledge base.
func (db *DB) PutDirective(ctx context.Context, d *chidao.Directive, at time.Time) error {
	if d == nil || !validID(d.ID) {
		return errors.New("store: put directive: a directive with an ID (without braces) is required")
	}
	b, err := json.Marshal(envelope{Directive: d, Source: d.Source})
	if err != nil {
		return fmt.Errorf("store: put directive %s: %w", d.ID, err)
	}
	pipe := db.c.Pipeline()
	pipe.Set(ctx, db.k.doc(d.ID), b, 0)
	pipe.ZAdd(ctx, db.k.directives(), redis.Z{Score: float64(ms(at)), Member: d.ID})
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("store: put directive %s: %w", d.ID, err)
	}
	return nil
}

// Directive returns the directive with that ID, Source included, or
// ErrNotFound.
func (db *DB) Directive(ctx context.Context, id string) (*chidao.Directive, error) {
	if !validID(id) {
		return nil, fmt.Errorf("store: directive %q: %w", id, ErrNotFound)
	}
	b, err := db.c.Get(ctx, db.k.doc(id)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("store: directive %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: read directive %s: %w", id, err)
	}
	return decodeDirective(id, b)
}

// Directives returns every stored directive, newest first, in two round trips.
func (db *DB) Directives(ctx context.Context) ([]*chidao.Directive, error) {
	ids, err := db.c.ZRevRange(ctx, db.k.directives(), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("store: list directives: %w", err)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	pipe := db.c.Pipeline()
	cmds := make([]*redis.StringCmd, len(ids))
	for i, id := range ids {
		cmds[i] = pipe.Get(ctx, db.k.doc(id))
	}
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("store: read directives: %w", err)
	}
	out := make([]*chidao.Directive, 0, len(ids))
	for i, cmd := range cmds {
		b, err := cmd.Bytes()
		if errors.Is(err, redis.Nil) {
			continue // indexed but gone: nothing to list
		}
		if err != nil {
			return nil, fmt.Errorf("store: read directive %s: %w", ids[i], err)
		}
		d, err := decodeDirective(ids[i], b)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func decodeDirective(id string, b []byte) (*chidao.Directive, error) {
	var e envelope
	if err := json.Unmarshal(b, &e); err != nil {
		return nil, fmt.Errorf("store: decode directive %s: %w", id, err)
	}
	if e.Directive == nil {
		return nil, fmt.Errorf("store: decode directive %s: empty envelope", id)
	}
	e.Directive.Source = e.Source
	return e.Directive, nil
}

// PutFile stores the directive's original file (replacing any earlier one).
func (db *DB) PutFile(ctx context.Context, id, name string, data []byte) error {
	if !validID(id) {
		return fmt.Errorf("store: put file: directive id %q is not valid", id)
	}
	if data == nil {
		data = []byte{}
	}
	if err := db.c.HSet(ctx, db.k.file(id), "name", name, "data", data).Err(); err != nil {
		return fmt.Errorf("store: put file of directive %s: %w", id, err)
	}
	return nil
}

// File returns the directive's original file, or ErrNotFound.
func (db *DB) File(ctx context.Context, id string) (string, []byte, error) {
	if !validID(id) {
		return "", nil, fmt.Errorf("store: file of directive %q: %w", id, ErrNotFound)
	}
	vs, err := db.c.HMGet(ctx, db.k.file(id), "name", "data").Result()
	if err != nil {
		return "", nil, fmt.Errorf("store: read file of directive %s: %w", id, err)
	}
	name, ok1 := vs[0].(string)
	data, ok2 := vs[1].(string)
	if !ok1 || !ok2 {
		return "", nil, fmt.Errorf("store: file of directive %s: %w", id, ErrNotFound)
	}
	return name, []byte(data), nil
}

// PutBroadcast records a directive's broadcast (replacing an earlier record).
func (db *DB) PutBroadcast(ctx context.Context, b Broadcast) error {
	if !validID(b.Directive) {
		return fmt.Errorf("store: put broadcast: directive id %q is not valid", b.Directive)
	}
	v, err := json.Marshal(b)
	if err != nil {
		return fmt.Errorf("store: put broadcast of %s: %w", b.Directive, err)
	}
	if err := db.c.Set(ctx, db.k.broadcast(b.Directive), v, 0).Err(); err != nil {
		return fmt.Errorf("store: put broadcast of %s: %w", b.Directive, err)
	}
	return nil
}

// Broadcast returns a directive's broadcast record; ErrNotFound when it was
// never broadcast.
func (db *DB) Broadcast(ctx context.Context, id string) (Broadcast, error) {
	if !validID(id) {
		return Broadcast{}, fmt.Errorf("store: broadcast of %q: %w", id, ErrNotFound)
	}
	v, err := db.c.Get(ctx, db.k.broadcast(id)).Bytes()
	if errors.Is(err, redis.Nil) {
		return Broadcast{}, fmt.Errorf("store: broadcast of %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return Broadcast{}, fmt.Errorf("store: read broadcast of %s: %w", id, err)
	}
	return decodeBroadcast(id, v)
}

func decodeBroadcast(id string, v []byte) (Broadcast, error) {
	var b Broadcast
	if err := json.Unmarshal(v, &b); err != nil {
		return Broadcast{}, fmt.Errorf("store: decode broadcast of %s: %w", id, err)
	}
	return b, nil
}
