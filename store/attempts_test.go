package store

import (
	"context"
	"testing"
	"time"
)

func TestCountAttempt(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	for i := int64(1); i <= 3; i++ {
		n, left, err := db.CountAttempt(ctx, "invite:telegram:1", time.Minute)
		if err != nil || n != i || left <= 0 || left > time.Minute {
			t.Fatalf("attempt %d: n=%d left=%v err=%v", i, n, left, err)
		}
	}
	if n, _, _ := db.CountAttempt(ctx, "invite:telegram:2", time.Minute); n != 1 {
		t.Errorf("another chat's count = %d, want 1", n)
	}
	if _, left, _ := db.CountAttempt(ctx, "short", 50*time.Millisecond); left > 50*time.Millisecond {
		t.Errorf("window left %v", left)
	}
	time.Sleep(120 * time.Millisecond)
	if n, _, _ := db.CountAttempt(ctx, "short", 50*time.Millisecond); n != 1 {
		t.Errorf("after the window: n=%d, want a new window", n)
	}
}
