// Package ratejudge is the limits check shared by the fake platform servers
// (telegramtest, zalotest): it decides, as the real platform would, whether
// a send arriving now exceeds the overall rate or a chat's spacing.
package ratejudge

import (
	"slices"
	"time"
)

// Judge checks sends against a rate overall and a spacing per chat. It
// tolerates a little, as the platforms do: 10% of the spacing, and
// perSecond/10 (at least one) extra messages in a second. The zero Judge
// allows everything. It is not safe for concurrent use: the fake servers
// call it under their own lock.
type Judge[K comparable] struct {
	perSecond int
	perChat   time.Duration
	recent    []time.Time
	last      map[K]time.Time
	refused   int
}

// Set sets the limits; zero turns a limit off.
func (j *Judge[K]) Set(perSecond int, perChat time.Duration) {
	j.perSecond, j.perChat = perSecond, perChat
}

// Allow records a send to chat at now and reports whether it is within the
// limits; when it is not, it returns the whole seconds to wait (at least 1)
// and counts a refusal. A refused send is not recorded.
func (j *Judge[K]) Allow(chat K, now time.Time) (retryAfter int, ok bool) {
	if j.perChat > 0 {
		if last, seen := j.last[chat]; seen {
			if since := now.Sub(last); since < j.perChat*9/10 {
				j.refused++
				return max(1, int((j.perChat-since+time.Second-1)/time.Second)), false
			}
		}
	}
	if j.perSecond > 0 {
		j.recent = slices.DeleteFunc(j.recent, func(t time.Time) bool { return now.Sub(t) >= time.Second })
		if len(j.recent) >= j.perSecond+max(1, j.perSecond/10) {
			j.refused++
			return 1, false
		}
	}
	j.recent = append(j.recent, now)
	if j.last == nil {
		j.last = make(map[K]time.Time)
	}
	j.last[chat] = now
	return 0, true
}

// Refused returns how many sends were refused.
func (j *Judge[K]) Refused() int { return j.refused }
