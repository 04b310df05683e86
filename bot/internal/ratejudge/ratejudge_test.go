package ratejudge

import (
	"testing"
	"time"
)

func TestJudge(t *testing.T) {
	var j Judge[string]
	t0 := time.Date(2024, 6, 3, 8, 0, 0, 0, time.UTC)
	if _, ok := j.Allow("a", t0); !ok {
		t.Fatal("the zero Judge refused a send")
	}
	j.Set(10, time.Second)
	if wait, ok := j.Allow("a", t0.Add(500*time.Millisecond)); ok || wait != 1 {
		t.Errorf("second send to one chat after 0.5 s: ok=%v wait=%d; want refused, wait 1", ok, wait)
	}
	if _, ok := j.Allow("a", t0.Add(950*time.Millisecond)); !ok {
		t.Error("a send within the 10% tolerance of the spacing was refused")
	}
	// 10/s with one extra tolerated: the 12th distinct chat in a second is refused.
	for i := range 10 {
		if _, ok := j.Allow(string(rune('b'+i)), t0.Add(time.Second+time.Duration(i)*time.Millisecond)); !ok && i < 9 {
			t.Fatalf("send %d refused", i)
		}
	}
	if _, ok := j.Allow("z", t0.Add(time.Second+50*time.Millisecond)); ok {
		t.Error("a send past the overall rate was allowed")
	}
	if j.Refused() != 2 {
		t.Errorf("Refused = %d, want 2", j.Refused())
	}
}
