// Package store keeps all of chidao's Redis state behind plain methods:
// units, members and invites, directives and their files, chat state, the
// durable outbox, acknowledgments and reports, reminder marks, locks, mutes
// and the audit log.
//
// It works on a single server, Sentinel or Cluster (redis.UniversalClient).
// Every step that must be atomic is one Lua script, and every script touches
// one cluster slot: keys of one directive share the hash tag {d:<ID>},
// member and invite keys the tag {members}, the outbox work index the tag
// {outbox}. Key names are built in keys.go.
//
// # Key layout
//
// Every key starts with the prefix (Options.Prefix, default "chidao:").
//
//	key                             type    holds                                            lifetime
//	units                           string  the unit list, JSON                              until replaced
//	{members}:all                   hash    member key -> member JSON                        kept
//	{members}:by-unit               zset    "<unit>\x00<member key>", score 0 (lex index)    kept, one per member
//	{members}:invite:<CODE>         hash    unit, role, created_by/_at, expires_at, used_*   TTL: expiry + 30 days; 30 days once used
//	directives                      zset    directive ID -> time put (unix ms)               kept, one per directive
//	{d:<ID>}:doc                    string  the directive with its source, JSON envelope     kept (the knowledge base)
//	{d:<ID>}:file                   hash    name, data: the original file                    kept
//	{d:<ID>}:broadcast              string  who broadcast it, when, how many deliveries      kept
//	{d:<ID>}:acks                   hash    member key -> first acknowledgment JSON          kept, bounded by members
//	{d:<ID>}:reports                hash    "task|occurrence|unit" -> report JSON            kept, bounded by tasks x periods x units
//	{d:<ID>}:ext                    hash    "task|unit" -> new deadline "YYYY-MM-DD"         kept, bounded by tasks x units
//	{d:<ID>}:outbox                 hash    member key -> delivery JSON (any state)          kept, bounded by members
//	{d:<ID>}:ready                  zset    member key -> next claimable time (unix ms)      entries leave when sent or failed
//	{d:<ID>}:mark:<t>|<u>|<s>|<o>   string  a reminder mark (task, unit, stage, occurrence)  TTL given to ClaimMarks, then ConfirmMarks
//	{outbox}:work                   zset    directive ID -> lower bound of next ready time   entries leave when the outbox empties
//	{outbox}:version                hash    directive ID -> version of its work entry        as {outbox}:work
//	{outbox}:seq                    string  the counter versions come from                   kept, one integer
//	chat:<platform:id>:buttons      string  the last buttons shown, JSON                     TTL given to SaveButtons
//	chat:<platform:id>:session:<k>  string  one value of conversation state                  TTL given to PutSession
//	seen:<platform>:<update id>     string  an update already handled                        TTL given to FirstSeen
//	lock:<name>                     string  the owner                                        TTL given to AcquireLock/RenewLock
//	mutes                           hash    "unit|directive" -> mute JSON                    ended mutes dropped on each Mute
//	tick:last                       string  last reminder tick, fixed-width UTC time         kept, one value
//	audit                           stream  audit entries, JSON in field "e"                 capped: XADD MAXLEN ~ Options.AuditCap
//	filetext:<version>:<sha256>     string  what was read from a file (OCR), JSON            TTL 90 days
//
// Directive keys have no TTL on purpose: directives, their acknowledgments,
// reports and deliveries are the office's record and the knowledge base the
// bot answers from; they grow with the number of directives, not with
// traffic. Everything driven by traffic (buttons, sessions, seen updates,
// marks, invites, locks) expires, and the audit log is capped.
//
// # The outbox
//
// A broadcast is written to the outbox (Enqueue) before the first message
// leaves. Senders Claim deliveries under a lease, then report each one
// Delivered (or DeliveredBatch), Retry or Failed. A sender that dies leaves
// its deliveries to be claimed again when the lease ends; a late report from
// it never turns a sent delivery back into a pending one. See outbox.go for
// how the work index stays correct across slots.
//
// # Failures
//
// Open sets short timeouts (dial 2 s, read and write 3 s, one retry), so that
// every method fails within seconds while Redis is away and works again when
// it is back. Errors say what was being done and wrap the cause; ErrNotFound
// and the invite errors match with errors.Is.
package store
