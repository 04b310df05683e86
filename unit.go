package chidao

import "time"

// UnitKind is the kind of a recipient unit.
type UnitKind string

// Unit kinds.
const (
	KindSo       UnitKind = "so"         // a provincial department (Sở Nội vụ)
	KindBanNganh UnitKind = "ban-nganh"  // another provincial body (Ban Quản lý, Thanh tra tỉnh, Công an tỉnh)
	KindHuyen    UnitKind = "huyen"      // a district People's Committee (before 1/7/2025)
	KindXa       UnitKind = "xa"         // a commune People's Committee (UBND xã)
	KindPhuong   UnitKind = "phuong"     // a ward People's Committee (UBND phường)
	KindDacKhu   UnitKind = "dac-khu"    // a special zone People's Committee (UBND đặc khu)
	KindThiTran  UnitKind = "thi-tran"   // a town People's Committee (UBND thị trấn, before 1/7/2025)
	KindPhong    UnitKind = "phong"      // a department of a district or commune (Phòng Nội vụ, Phòng Kinh tế)
	KindTrungTam UnitKind = "trung-tam"  // a centre (Trung tâm Phục vụ hành chính công)
	KindThon     UnitKind = "thon"       // a village (thôn, bản, ấp)
	KindToDanPho UnitKind = "to-dan-pho" // a residential group of a ward (tổ dân phố, khu phố)
	KindVanPhong UnitKind = "van-phong"  // the office itself (Văn phòng UBND, Văn phòng HĐND và UBND)
)

// UnitKinds are the kinds a unit list may use, in the order they are
// listed.
var UnitKinds = []UnitKind{KindSo, KindBanNganh, KindHuyen, KindXa, KindPhuong, KindDacKhu, KindThiTran,
	KindPhong, KindTrungTam, KindThon, KindToDanPho, KindVanPhong}

// Known reports whether k is one of UnitKinds.
func (k UnitKind) Known() bool {
	for _, x := range UnitKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Unit is a body a directive can be sent to: a department, a commune or town
// People's Committee, or the office.
type Unit struct {
	// Code is the unit's stable identifier ("phong-noi-vu", "xa-an-son").
	Code string `json:"code" yaml:"code"`
	// Name is the unit's full name ("Phòng Nội vụ").
	Name string `json:"name" yaml:"name"`
	// Kind is the unit's kind.
	Kind UnitKind `json:"kind" yaml:"kind"`
	// Aliases are other names directives use for it ("Phòng NV").
	Aliases []string `json:"aliases,omitempty" yaml:"aliases"`
	// Groups are the groups it belongs to ("phong-chuyen-mon", "xa-thi-tran").
	Groups []string `json:"groups" yaml:"groups"`
	// Retired is the day the unit ceased to exist (a district dissolved on
	// 1/7/2025, a department merged); zero while it exists. Older directives
	// still name it, so it stays in the list, but nothing is sent to it.
	Retired Date `json:"retired,omitzero" yaml:"retired"`
	// ReplacedBy are the codes of the units that took it over, where the
	// unit list says so.
	ReplacedBy []string `json:"replaced_by,omitempty" yaml:"replaced_by"`
}

// Current reports whether the unit exists: it has not been retired.
func (u Unit) Current() bool { return u.Retired.IsZero() }

// FirstOfKinds returns the first current unit of the first of the kinds
// the list has: FirstOfKinds(units, KindXa, KindPhuong) is the first commune,
// else the first ward.
func FirstOfKinds(units []Unit, kinds ...UnitKind) (Unit, bool) {
	for _, k := range kinds {
		for _, u := range units {
			if u.Kind == k && u.Current() {
				return u, true
			}
		}
	}
	return Unit{}, false
}

// Group is a named set of units that directives address together ("Các
// sở, ban, ngành tỉnh", "UBND các xã, phường, đặc khu"): units belong to it
// by listing its code in their Groups.
type Group struct {
	Code string `json:"code" yaml:"code"`
	// Name is how the unit list names it.
	Name string `json:"name" yaml:"name"`
	// Aliases are the other ways directives write it.
	Aliases []string `json:"aliases,omitempty" yaml:"aliases"`
}

// Level is the tier of government an office serves.
type Level string

// The levels.
const (
	LevelTinh  Level = "tinh"  // a province (Văn phòng UBND tỉnh)
	LevelXa    Level = "xa"    // a commune or ward (Văn phòng HĐND và UBND xã)
	LevelHuyen Level = "huyen" // a district, before 1/7/2025
)

// Office is who runs the bot: the office that sends directives, named in
// every reply that speaks of it.
type Office struct {
	// Name is its full name ("Văn phòng UBND tỉnh Quảng Ngãi").
	Name string `json:"name" yaml:"name"`
	// Short is how replies name it ("Văn phòng UBND tỉnh").
	Short string `json:"short" yaml:"short"`
	// Level is the tier it serves.
	Level Level `json:"level" yaml:"level"`
	// Committee is the People's Committee it serves ("UBND tỉnh Quảng Ngãi").
	Committee string `json:"committee" yaml:"committee"`
	// Source says where the unit list comes from and when.
	Source string `json:"source,omitempty" yaml:"source"`
}

// UnitList is an office's configuration of recipients: who it is, the
// groups directives address, and the units.
type UnitList struct {
	Office Office  `json:"office" yaml:"office"`
	Groups []Group `json:"groups,omitempty" yaml:"groups"`
	Units  []Unit  `json:"units" yaml:"units"`
}

// InGroup reports whether the unit belongs to the group.
func (u Unit) InGroup(g string) bool {
	for _, x := range u.Groups {
		if x == g {
			return true
		}
	}
	return false
}

// Platform is a messaging platform.
type Platform string

// Platforms.
const (
	Telegram Platform = "telegram"
	Zalo     Platform = "zalo"
	Console  Platform = "console"
)

// Role is what a member may do.
type Role string

// Roles.
const (
	RoleHead  Role = "head"  // a unit head or deputy: receives, acknowledges, asks, reports
	RoleAdmin Role = "admin" // office staff: also broadcasts, invites and follows up
)

// ChatRef names one chat on one platform.
type ChatRef struct {
	Platform Platform `json:"platform"`
	ID       string   `json:"id"`
}

// String formats the chat as "platform:id".
func (c ChatRef) String() string { return string(c.Platform) + ":" + c.ID }

// Member is one registered person: a unit head or deputy, or office staff.
type Member struct {
	Platform    Platform  `json:"platform"`
	UserID      string    `json:"user_id"`
	ChatID      string    `json:"chat_id"`
	DisplayName string    `json:"display_name"`
	Unit        string    `json:"unit"`
	Role        Role      `json:"role"`
	Active      bool      `json:"active"`
	Joined      time.Time `json:"joined"`
}

// Key identifies the member across the store: "platform:userID".
func (m Member) Key() string { return string(m.Platform) + ":" + m.UserID }

// Chat returns the member's private chat.
func (m Member) Chat() ChatRef { return ChatRef{Platform: m.Platform, ID: m.ChatID} }

// IsAdmin reports whether the member is office staff.
func (m Member) IsAdmin() bool { return m.Role == RoleAdmin }

// Ack records that a unit received a directive.
type Ack struct {
	Directive string    `json:"directive"`
	Unit      string    `json:"unit"`
	Member    string    `json:"member"` // Member.Key
	Name      string    `json:"name"`   // the member's display name then
	At        time.Time `json:"at"`
}

// Report statuses.
const (
	ReportDone     = "done"     // the unit reports the task done
	ReportReturned = "returned" // the office returned the report as not done
)

// Report is a unit's completion report on a task, and the office's verdict.
type Report struct {
	Directive string `json:"directive"`
	Task      string `json:"task"`
	// Occurrence is the period a report of a recurring task covers ("2025-03"
	// for a monthly one); "" for a one-off task.
	Occurrence string    `json:"occurrence,omitempty"`
	Unit       string    `json:"unit"`
	Member     string    `json:"member"`
	Name       string    `json:"name"`
	Status     string    `json:"status"`
	Note       string    `json:"note,omitempty"`
	File       string    `json:"file,omitempty"` // name of an attached file
	At         time.Time `json:"at"`
	Reason     string    `json:"reason,omitempty"`     // why the office returned it
	ReturnedAt time.Time `json:"returned_at,omitzero"` // when it did
}

// Clock tells the time; tests inject a fixed or stepping one.
type Clock interface {
	Now() time.Time
}

// ClockFunc adapts a function to Clock.
type ClockFunc func() time.Time

// Now calls f.
func (f ClockFunc) Now() time.Time { return f() }

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }
