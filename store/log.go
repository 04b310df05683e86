package store

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/redis/go-redis/v9"
)

// BridgeLibraryLog sends go-redis's own log lines (a failed dial while Redis
// is away, …) to logger at warn level instead of standard error in the
// library's format. go-redis keeps one logger for the process, so main calls
// this once.
func BridgeLibraryLog(logger *slog.Logger) {
	redis.SetLogger(libraryLog{logger})
}

type libraryLog struct{ l *slog.Logger }

func (b libraryLog) Printf(ctx context.Context, format string, v ...any) {
	b.l.WarnContext(ctx, "redis client", "detail", fmt.Sprintf(format, v...))
}
