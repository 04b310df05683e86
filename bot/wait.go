package bot

import (
	"context"
	"errors"
	"log/slog"
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

// PollFailed handles a failed poll of a polling loop: it returns the error
// that ends the loop (ctx's, or err when it is fatal, such as a rejected
// token), or nil after waiting the next backoff, which it stores in
// backoff.
func PollFailed(ctx context.Context, backoff *time.Duration, err, fatal error, log *slog.Logger, what string) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(err, fatal) {
		return err
	}
	*backoff = PollBackoff(*backoff, err)
	log.Warn(what+" failed", "err", err, "retry_in", *backoff)
	if Sleep(ctx, *backoff) != nil {
		return ctx.Err()
	}
	return nil
}
