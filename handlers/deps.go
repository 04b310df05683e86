package handlers

import (
	"context"
	"time"

	"chidao"
	"chidao/store"
)

// Members is the membership state: who is registered to which unit.
type Members interface {
	Member(ctx context.Context, p chidao.Platform, userID string) (chidao.Member, error)
	PutMember(ctx context.Context, m chidao.Member) error
	Members(ctx context.Context) ([]chidao.Member, error)
	UnitMembers(ctx context.Context, unit string) ([]chidao.Member, error)
	NewInvite(ctx context.Context, unit string, role chidao.Role, createdBy string, now time.Time, ttl time.Duration) (store.Invite, error)
	Redeem(ctx context.Context, code string, m chidao.Member, now time.Time) (chidao.Member, error)
	LookupInvite(ctx context.Context, code string) (store.Invite, bool, error)
}

// Directives is the stored knowledge base and each directive's file.
type Directives interface {
	PutDirective(ctx context.Context, d *chidao.Directive, at time.Time) error
	Directive(ctx context.Context, id string) (*chidao.Directive, error)
	DirectivesSince(ctx context.Context, since time.Time) ([]*chidao.Directive, time.Time, error)
	PutFile(ctx context.Context, id, name string, data []byte) error
	File(ctx context.Context, id string) (string, []byte, error)
}

// Chats is the short-lived state of a conversation: the buttons shown last
// (for platforms without buttons), pending steps, updates already handled.
type Chats interface {
	SaveButtons(ctx context.Context, chat chidao.ChatRef, data []string, ttl time.Duration) error
	Buttons(ctx context.Context, chat chidao.ChatRef) ([]string, error)
	PutSession(ctx context.Context, chat chidao.ChatRef, key, value string, ttl time.Duration) error
	Session(ctx context.Context, chat chidao.ChatRef, key string) (string, error)
	DeleteSession(ctx context.Context, chat chidao.ChatRef, key string) error
	FirstSeen(ctx context.Context, p chidao.Platform, updateID string, ttl time.Duration) (bool, error)
}

// Outbox is where a broadcast is queued, and its deliveries read back.
type Outbox interface {
	Enqueue(ctx context.Context, directive string, ds []store.Delivery, now time.Time) (int, error)
	Deliveries(ctx context.Context, directive string) ([]store.Delivery, error)
	PutBroadcast(ctx context.Context, b store.Broadcast) error
	Broadcast(ctx context.Context, id string) (store.Broadcast, error)
}

// FollowUps is the acknowledgments, reports and mutes.
type FollowUps interface {
	Acknowledge(ctx context.Context, a chidao.Ack) (chidao.Ack, bool, error)
	Acks(ctx context.Context, directive string) ([]chidao.Ack, error)
	PutReport(ctx context.Context, r chidao.Report) error
	Reports(ctx context.Context, directive string) ([]chidao.Report, error)
	ReturnReport(ctx context.Context, directive, task, occurrence, unit, reason string, at time.Time) (chidao.Report, error)
	FollowUps(ctx context.Context, directives []string) (map[string]store.FollowUp, error)
	SetExtension(ctx context.Context, directive, task, unit string, until chidao.Date) error
	Mute(ctx context.Context, m store.Mute) error
	Unmute(ctx context.Context, unit, directive string) (bool, error)
}

// Auditor writes the audit log.
type Auditor interface {
	Audit(ctx context.Context, entries ...store.AuditEntry) error
}

// Attempts counts attempts in a window: invite codes tried.
type Attempts interface {
	CountAttempt(ctx context.Context, scope string, window time.Duration) (int64, time.Duration, error)
}

// Store is everything the handlers keep in Redis; *store.DB implements it.
type Store interface {
	Attempts
	Members
	Directives
	Chats
	Outbox
	FollowUps
	Auditor
}
