package store

import (
	"context"
	"fmt"
	"time"
)

// ConfirmMarks keeps the marks of reminders that were delivered for ttl (SET
// EX, all in one pipeline: one round trip whatever the count). It is the
// second step after ClaimMarks' short lease. The SET is unconditional, not
// XX: a reminder that was delivered stays marked even when its lease ran out
// (or a failed duplicate released it) before the confirmation arrived, so a
// later tick does not send it again.
func (db *DB) ConfirmMarks(ctx context.Context, marks []Mark, ttl time.Duration) error {
	if len(marks) == 0 {
		return nil
	}
	if ttl <= 0 {
		return fmt.Errorf("store: confirm reminder marks: ttl %v must be positive", ttl)
	}
	pipe := db.c.Pipeline()
	for _, m := range marks {
		if !validID(m.Directive) {
			return fmt.Errorf("store: confirm reminder marks: directive id %q is not valid", m.Directive)
		}
		pipe.Set(ctx, db.k.mark(m), 1, ttl)
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("store: confirm %d reminder marks: %w", len(marks), err)
	}
	return nil
}
