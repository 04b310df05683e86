package store

import (
	"context"
	"sync"
	"testing"
)

func TestSecretIsSharedAndKept(t *testing.T) {
	db := newDB(t)
	ctx := context.Background()
	const n = 8
	got := make([][]byte, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := db.Secret(ctx)
			if err != nil {
				t.Error(err)
			}
			got[i] = s
		}()
	}
	wg.Wait()
	if len(got[0]) < 32 {
		t.Fatalf("secret %q is too short", got[0])
	}
	for i := 1; i < n; i++ {
		if string(got[i]) != string(got[0]) {
			t.Fatalf("replica %d got a different secret", i)
		}
	}
	again, err := db.Secret(ctx)
	if err != nil || string(again) != string(got[0]) {
		t.Errorf("second call = %q, %v; want the same secret", again, err)
	}
}
