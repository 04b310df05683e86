package store

import (
	"strings"

	"chidao"
)

// keys builds every Redis key the store uses. All keys start with the prefix
// (Options.Prefix). Keys of one directive share the hash tag {d:<ID>}, member
// and invite keys the tag {members}, and the outbox work index the tag
// {outbox}, so that each Lua script touches a single cluster slot. The key
// table is in the package documentation (doc.go).
type keys struct {
	p string
}

// units is the configured unit list (string, JSON array).
func (k keys) units() string { return k.p + "units" }

// members is every member by member key (hash: key -> JSON member).
func (k keys) members() string { return k.p + "{members}:all" }

// unitIndex indexes members by unit (sorted set, score 0, member
// "<unit>\x00<member key>", read with ZRANGEBYLEX).
func (k keys) unitIndex() string { return k.p + "{members}:by-unit" }

// invite is one invite code (hash; TTL).
func (k keys) invite(code string) string { return k.p + "{members}:invite:" + code }

// directives indexes every stored directive by the time it was put (sorted
// set: ID -> unix ms).
func (k keys) directives() string { return k.p + "directives" }

// dir builds the key of one part of one directive: "<p>{d:<ID>}:<part>".
func (k keys) dir(id, part string) string { return k.p + "{d:" + id + "}:" + part }

// doc is the directive itself (string, JSON envelope with the source).
func (k keys) doc(id string) string { return k.dir(id, "doc") }

// file is the directive's original file (hash: name, data).
func (k keys) file(id string) string { return k.dir(id, "file") }

// broadcast records the directive's broadcast (string, JSON).
func (k keys) broadcast(id string) string { return k.dir(id, "broadcast") }

// acks holds the directive's acknowledgments (hash: member key -> JSON ack).
func (k keys) acks(id string) string { return k.dir(id, "acks") }

// reports holds the directive's reports (hash: "task|occurrence|unit" -> JSON).
func (k keys) reports(id string) string { return k.dir(id, "reports") }

// extensions holds deadline extensions (hash: "task|unit" -> "YYYY-MM-DD").
func (k keys) extensions(id string) string { return k.dir(id, "ext") }

// outbox holds the directive's deliveries (hash: member key -> JSON delivery).
func (k keys) outbox(id string) string { return k.dir(id, "outbox") }

// ready holds the directive's deliveries not yet sent or failed, by the time
// they may next be claimed (sorted set: member key -> unix ms).
func (k keys) ready(id string) string { return k.dir(id, "ready") }

// mark is one reminder mark (string; TTL).
func (k keys) mark(m Mark) string {
	return k.dir(m.Directive, "mark:"+m.Task+"|"+m.Unit+"|"+m.Stage+"|"+m.Occurrence)
}

// work indexes the directives whose outbox may have work (sorted set:
// directive ID -> a lower bound of its earliest ready time, unix ms).
func (k keys) work() string { return k.p + "{outbox}:work" }

// workVersion holds, per directive in work, the sequence number of the last
// write that added or moved its outbox entries (hash: ID -> number).
func (k keys) workVersion() string { return k.p + "{outbox}:version" }

// workSeq is the counter the versions are drawn from (string, integer).
func (k keys) workSeq() string { return k.p + "{outbox}:seq" }

// buttons are the last buttons shown to a chat (string, JSON array; TTL).
func (k keys) buttons(chat chidao.ChatRef) string { return k.p + "chat:" + chat.String() + ":buttons" }

// session is one value of a chat's conversation state (string; TTL).
func (k keys) session(chat chidao.ChatRef, key string) string {
	return k.p + "chat:" + chat.String() + ":session:" + key
}

// seen marks an update id as handled (string; TTL).
func (k keys) seen(p chidao.Platform, updateID string) string {
	return k.p + "seen:" + string(p) + ":" + updateID
}

// lock is a named lock (string holding the owner; TTL).
func (k keys) lock(name string) string { return k.p + "lock:" + name }

// epoch names the state Redis holds (string): set once when the state
// starts, gone only when Redis lost it.
func (k keys) epoch() string { return k.p + "epoch" }

// attempts counts attempts of one kind in a window (string counter; TTL).
func (k keys) attempts(scope string) string { return k.p + "attempts:" + scope }

// mutes holds the mutes (hash: "unit|directive" -> JSON mute).
func (k keys) mutes() string { return k.p + "mutes" }

// lastTick is the time of the last reminder tick (string, fixed-width UTC time).
func (k keys) lastTick() string { return k.p + "tick:last" }

// audit is the audit log (stream, capped).
func (k keys) audit() string { return k.p + "audit" }

// reportField is the field of a report in a directive's reports hash.
func reportField(task, occurrence, unit string) string {
	return task + "|" + occurrence + "|" + unit
}

// extensionField is the field of an extension in a directive's extensions hash.
func extensionField(task, unit string) string { return task + "|" + unit }

// muteField is the field of a mute in the mutes hash.
func muteField(unit, directive string) string { return unit + "|" + directive }

// validID reports whether s can be part of a key: not empty, and without the
// braces that would break a hash tag.
func validID(s string) bool {
	return s != "" && !strings.ContainsAny(s, "{}")
}

// fileText is what was read from a file, by the file's hash and the
// reader's version (string, JSON; TTL fileTextTTL).
func (k keys) fileText(key string) string { return k.p + "filetext:" + key }
