package bot

import (
	"context"
	"time"
)

// Bounds of PollBackoff.
const (
	minPollBackoff = 500 * time.Millisecond
	maxPollBackoff = 30 * time.Second
)

// PollBackoff returns how long a polling loop waits after a failed poll:
// double the last wait within 0.5 s–30 s, or a 429's retry_after when longer.
func PollBackoff(prev time.Duration, err error) time.Duration {
	next := min(max(2*prev, minPollBackoff), maxPollBackoff)
	if after, ok := RetryAfter(err); ok && after > next {
		next = after
	}
	return next
}

// Sleep waits d on a real timer, or until ctx ends (returning its error).
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
