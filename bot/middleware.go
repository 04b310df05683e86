package bot

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"
)

// PanicError is what Recover returns for a handler that panicked.
type PanicError struct {
	// Value is what the handler panicked with.
	Value any
}

// Error names the panic value.
func (e *PanicError) Error() string { return fmt.Sprintf("bot: handler panicked: %v", e.Value) }

// Recover turns a panic in the handler into a *PanicError, logging the stack,
// so that one bad update never takes the process down.
func Recover(logger *slog.Logger) Middleware {
	logger = orDiscard(logger)
	return func(next HandlerFunc) HandlerFunc {
		return func(ctx context.Context, u *Update) (err error) {
			defer func() {
				if v := recover(); v != nil {
					logger.ErrorContext(ctx, "handler panicked",
						"update_id", u.ID, "kind", string(u.Kind), "platform", string(u.Chat.Platform),
						"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
					err = &PanicError{Value: v}
				}
			}()
			return next(ctx, u)
		}
	}
}

// Logging logs each handled update: its id, kind, platform, how long it took
// and the error. It never logs texts, names or chat ids (personal data).
// Successes are logged at debug level, failures at warn.
func Logging(logger *slog.Logger) Middleware {
	logger = orDiscard(logger)
	return func(next HandlerFunc) HandlerFunc {
		return func(ctx context.Context, u *Update) error {
			start := time.Now()
			err := next(ctx, u)
			attrs := []any{
				"update_id", u.ID, "kind", string(u.Kind), "platform", string(u.Chat.Platform),
				"private", u.Private, "duration", time.Since(start),
			}
			if err != nil {
				logger.WarnContext(ctx, "update failed", append(attrs, "err", err)...)
			} else {
				logger.DebugContext(ctx, "update handled", attrs...)
			}
			return err
		}
	}
}

// orDiscard returns l, or a logger that drops everything when l is nil.
func orDiscard(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}
