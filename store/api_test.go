package store

import (
	"context"
	"time"

	"chidao"
)

// contract is the API other packages are written against (STORE_API.md):
// the build fails if a signature drifts.
type contract interface {
	Close() error
	Ping(ctx context.Context) error
	RoundTrips() int64
	PutUnits(ctx context.Context, units []chidao.Unit) error
	Units(ctx context.Context) ([]chidao.Unit, error)
	PutMember(ctx context.Context, m chidao.Member) error
	Member(ctx context.Context, p chidao.Platform, userID string) (chidao.Member, error)
	Members(ctx context.Context) ([]chidao.Member, error)
	UnitMembers(ctx context.Context, unit string) ([]chidao.Member, error)
	SetActive(ctx context.Context, memberKey string, active bool) error
	RemoveMember(ctx context.Context, memberKey string) error
	NewInvite(ctx context.Context, unit string, role chidao.Role, createdBy string, now time.Time, ttl time.Duration) (Invite, error)
	Redeem(ctx context.Context, code string, m chidao.Member, now time.Time) (chidao.Member, error)
	PutDirective(ctx context.Context, d *chidao.Directive, at time.Time) error
	Directive(ctx context.Context, id string) (*chidao.Directive, error)
	Directives(ctx context.Context) ([]*chidao.Directive, error)
	PutFile(ctx context.Context, id, name string, data []byte) error
	File(ctx context.Context, id string) (name string, data []byte, err error)
	PutBroadcast(ctx context.Context, b Broadcast) error
	Broadcast(ctx context.Context, id string) (Broadcast, error)
	SaveButtons(ctx context.Context, chat chidao.ChatRef, data []string, ttl time.Duration) error
	Buttons(ctx context.Context, chat chidao.ChatRef) ([]string, error)
	PutSession(ctx context.Context, chat chidao.ChatRef, key, value string, ttl time.Duration) error
	Session(ctx context.Context, chat chidao.ChatRef, key string) (string, error)
	DeleteSession(ctx context.Context, chat chidao.ChatRef, key string) error
	FirstSeen(ctx context.Context, platform chidao.Platform, updateID string, ttl time.Duration) (bool, error)
	Enqueue(ctx context.Context, directive string, ds []Delivery, now time.Time) (added int, err error)
	Claim(ctx context.Context, now time.Time, lease time.Duration, max int) ([]Delivery, error)
	Delivered(ctx context.Context, d Delivery, messageID string, at time.Time) error
	Retry(ctx context.Context, d Delivery, at time.Time, reason string) error
	Failed(ctx context.Context, d Delivery, reason string, at time.Time) error
	Deliveries(ctx context.Context, directive string) ([]Delivery, error)
	Queued(ctx context.Context) (int, error)
	Acknowledge(ctx context.Context, a chidao.Ack) (chidao.Ack, bool, error)
	Acks(ctx context.Context, directive string) ([]chidao.Ack, error)
	PutReport(ctx context.Context, r chidao.Report) error
	Reports(ctx context.Context, directive string) ([]chidao.Report, error)
	ReturnReport(ctx context.Context, directive, task, occurrence, unit, reason string, at time.Time) (chidao.Report, error)
	FollowUps(ctx context.Context, directives []string) (map[string]FollowUp, error)
	SetExtension(ctx context.Context, directive, task, unit string, until chidao.Date) error
	ClaimMarks(ctx context.Context, marks []Mark, ttl time.Duration) ([]bool, error)
	ReleaseMarks(ctx context.Context, marks []Mark) error
	AcquireLock(ctx context.Context, name, owner string, ttl time.Duration) (bool, error)
	RenewLock(ctx context.Context, name, owner string, ttl time.Duration) (bool, error)
	ReleaseLock(ctx context.Context, name, owner string) error
	Mute(ctx context.Context, m Mute) error
	Unmute(ctx context.Context, unit, directive string) (bool, error)
	Mutes(ctx context.Context, now time.Time) ([]Mute, error)
	LastTick(ctx context.Context) (time.Time, error)
	SetLastTick(ctx context.Context, t time.Time) error
	Audit(ctx context.Context, entries ...AuditEntry) error
	AuditLog(ctx context.Context, since time.Time, limit int) ([]AuditEntry, error)
}

var (
	_ contract = (*DB)(nil)
	_          = Open
	_          = New
	_          = Options{Prefix: ""}
	_          = Delivery{Directive: "", Member: "", Unit: "", Chat: chidao.ChatRef{}, Group: false, State: "", Attempts: 0, MessageID: "", Error: "", UpdatedAt: time.Time{}, SentAt: time.Time{}}
	_          = Invite{Code: "", Unit: "", Role: "", CreatedBy: "", CreatedAt: time.Time{}, ExpiresAt: time.Time{}}
	_          = Broadcast{Directive: "", By: "", At: time.Time{}, Deliveries: 0}
	_          = FollowUp{Acks: nil, Reports: nil, Extensions: map[string]chidao.Date{}, Broadcast: Broadcast{}}
	_          = Mark{Directive: "", Task: "", Unit: "", Stage: "", Occurrence: ""}
	_          = Mute{Unit: "", Directive: "", Until: time.Time{}}
	_          = AuditEntry{At: time.Time{}, Action: "", Directive: "", Task: "", Unit: "", Member: "", Stage: "", Reason: "", Detail: ""}
	_          = []error{ErrNotFound, ErrInviteUnknown, ErrInviteUsed, ErrInviteExpired}
)
