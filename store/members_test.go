package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"chidao"
)

func member(id, unit, name string) chidao.Member {
	return chidao.Member{Platform: chidao.Telegram, UserID: id, ChatID: "c" + id, DisplayName: name, Unit: unit, Role: chidao.RoleHead, Active: true,
		Joined: t0}
}

func TestUnitsRoundTrip(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	if got, err := db.Units(ctx); err != nil || got != nil {
		t.Fatalf("Units before any put = %v, %v, want nil", got, err)
	}
	units := []chidao.Unit{
		{Code: "xa-an-son", Name: "UBND xã An Sơn", Kind: chidao.KindXa, Groups: []string{"xa-thi-tran"}},
		{Code: "phong-noi-vu", Name: "Phòng Nội vụ", Kind: chidao.KindPhong, Aliases: []string{"Phòng NV"}, Groups: []string{"phong-chuyen-mon"}},
	}
	if err := db.PutUnits(ctx, units); err != nil {
		t.Fatal(err)
	}
	got, err := db.Units(ctx)
	if err != nil || !reflect.DeepEqual(got, units) {
		t.Fatalf("Units = %+v, %v, want %+v in the order put", got, err, units)
	}
	if err := db.PutUnits(ctx, units[1:]); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Units(ctx); len(got) != 1 || got[0].Code != "phong-noi-vu" {
		t.Errorf("Units after replacing = %+v, want only phong-noi-vu", got)
	}
}

func TestMembers(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()

	if _, err := db.Member(ctx, chidao.Telegram, "1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Member of nobody = %v, want ErrNotFound", err)
	}
	for _, m := range []chidao.Member{
		member("1", "phong-noi-vu", "Lý Văn Bình"),
		member("2", "phong-noi-vu", "Hoàng Thị Ánh"),
		member("3", "xa-an-son", "Nông Văn Cường"),
	} {
		if err := db.PutMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	var got chidao.Member
	if n := trips(db, func() {
		var err error
		got, err = db.Member(ctx, chidao.Telegram, "2")
		if err != nil {
			t.Fatal(err)
		}
	}); n != 1 {
		t.Errorf("Member = %d round trips, want 1", n)
	}
	if want := member("2", "phong-noi-vu", "Hoàng Thị Ánh"); !reflect.DeepEqual(got, want) {
		t.Errorf("Member = %+v, want %+v", got, want)
	}

	names := func(ms []chidao.Member) string {
		var s []string
		for _, m := range ms {
			s = append(s, m.Unit+"/"+m.DisplayName)
		}
		return strings.Join(s, ", ")
	}
	all, err := db.Members(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(all), "phong-noi-vu/Hoàng Thị Ánh, phong-noi-vu/Lý Văn Bình, xa-an-son/Nông Văn Cường"; got != want {
		t.Errorf("Members = %s, want %s", got, want)
	}

	// Member 1 moves to xa-an-son: both unit indexes follow.
	if err := db.PutMember(ctx, member("1", "xa-an-son", "Lý Văn Bình")); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ unit, want string }{
		{"phong-noi-vu", "phong-noi-vu/Hoàng Thị Ánh"},
		{"xa-an-son", "xa-an-son/Lý Văn Bình, xa-an-son/Nông Văn Cường"},
		{"xa-an", ""}, // a prefix of another unit's code is not that unit
		{"xa-an-son-2", ""},
	}
	for _, tt := range tests {
		ms, err := db.UnitMembers(ctx, tt.unit)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(ms); got != tt.want {
			t.Errorf("UnitMembers(%s) = %q, want %q", tt.unit, got, tt.want)
		}
	}

	if err := db.SetActive(ctx, "telegram:3", false); err != nil {
		t.Fatal(err)
	}
	if m, _ := db.Member(ctx, chidao.Telegram, "3"); m.Active || m.DisplayName != "Nông Văn Cường" || m.Unit != "xa-an-son" {
		t.Errorf("after SetActive(false) member = %+v, want inactive and otherwise unchanged", m)
	}
	if err := db.SetActive(ctx, "telegram:404", true); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetActive of nobody = %v, want ErrNotFound", err)
	}

	if err := db.RemoveMember(ctx, "telegram:1"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Member(ctx, chidao.Telegram, "1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Member after RemoveMember = %v, want ErrNotFound", err)
	}
	if ms, _ := db.UnitMembers(ctx, "xa-an-son"); names(ms) != "xa-an-son/Nông Văn Cường" {
		t.Errorf("UnitMembers after RemoveMember = %s", names(ms))
	}
	if err := db.RemoveMember(ctx, "telegram:1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("RemoveMember twice = %v, want ErrNotFound", err)
	}
}

func TestInvites(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	newInvite := func(unit string, role chidao.Role, ttl time.Duration) Invite {
		t.Helper()
		inv, err := db.NewInvite(ctx, unit, role, "cli", t0, ttl)
		if err != nil {
			t.Fatal(err)
		}
		if len(inv.Code) != InviteCodeLen || strings.Trim(inv.Code, InviteAlphabet) != "" {
			t.Fatalf("invite code %q is not %d characters of %s", inv.Code, InviteCodeLen, InviteAlphabet)
		}
		return inv
	}
	used := newInvite("phong-tu-phap", chidao.RoleHead, time.Hour)
	if _, err := db.Redeem(ctx, used.Code, member("9", "", "Trần Văn Dũng"), t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	expired := newInvite("phong-tu-phap", chidao.RoleHead, time.Hour)
	dashed := newInvite("van-phong", chidao.RoleAdmin, 48*time.Hour)
	plain := newInvite("xa-an-son", chidao.RoleHead, time.Hour)

	tests := []struct {
		name     string
		code     string
		at       time.Time
		want     error
		wantUnit string
		wantRole chidao.Role
	}{
		{"unknown code", "ABCDEFGH", t0, ErrInviteUnknown, "", ""},
		{"not a code at all", "xin chào", t0, ErrInviteUnknown, "", ""},
		{"used twice", used.Code, t0.Add(2 * time.Minute), ErrInviteUsed, "", ""},
		{"expired", expired.Code, t0.Add(time.Hour), ErrInviteExpired, "", ""},
		{"lower case with dashes and spaces", strings.ToLower(dashed.Code[:4] + "- " + dashed.Code[4:]), t0.Add(47 * time.Hour), nil, "van-phong", chidao.RoleAdmin},
		{"plain", plain.Code, t0.Add(59 * time.Minute), nil, "xa-an-son", chidao.RoleHead},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := chidao.Member{Platform: chidao.Zalo, UserID: "u" + string(rune('0'+i)), ChatID: "c", DisplayName: "Người mới", Unit: "forged", Role: chidao.RoleAdmin}
			got, err := db.Redeem(ctx, tt.code, m, tt.at)
			if tt.want != nil {
				if !errors.Is(err, tt.want) {
					t.Fatalf("Redeem(%q) = %v, want %v", tt.code, err, tt.want)
				}
				if _, err := db.Member(ctx, m.Platform, m.UserID); !errors.Is(err, ErrNotFound) {
					t.Errorf("a refused redemption stored the member: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Redeem(%q): %v", tt.code, err)
			}
			if got.Unit != tt.wantUnit || got.Role != tt.wantRole || !got.Active || !got.Joined.Equal(tt.at) || got.DisplayName != "Người mới" {
				t.Errorf("Redeem = %+v, want unit %s role %s active, joined %v", got, tt.wantUnit, tt.wantRole, tt.at)
			}
			stored, err := db.Member(ctx, m.Platform, m.UserID)
			if err != nil || !reflect.DeepEqual(stored, got) {
				t.Errorf("stored member = %+v, %v, want %+v", stored, err, got)
			}
			if ms, _ := db.UnitMembers(ctx, tt.wantUnit); len(ms) != 1 || ms[0].Key() != m.Key() {
				t.Errorf("UnitMembers(%s) = %+v, want the new member", tt.wantUnit, ms)
			}
		})
	}

	// The used invite lives on for a while, so a second try says "used".
	if ttl := db.c.PTTL(ctx, db.k.invite(used.Code)).Val(); ttl <= 29*24*time.Hour || ttl > inviteKeep {
		t.Errorf("used invite TTL = %v, want about 30 days", ttl)
	}
	if ttl := db.c.PTTL(ctx, db.k.invite(expired.Code)).Val(); ttl <= 0 {
		t.Errorf("unused invite has no TTL (%v)", ttl)
	}

	if _, err := db.NewInvite(ctx, "x", "boss", "cli", t0, time.Hour); err == nil {
		t.Error("NewInvite with an unknown role succeeded")
	}
	if _, err := db.NewInvite(ctx, "x", chidao.RoleHead, "cli", t0, 0); err == nil {
		t.Error("NewInvite with no ttl succeeded")
	}
}

func TestInviteRedeemedOnceUnderConcurrency(t *testing.T) {
	t.Parallel()
	db := newDB(t)
	ctx := context.Background()
	inv, err := db.NewInvite(ctx, "phong-noi-vu", chidao.RoleHead, "telegram:1", t0, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	const n = 20
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			_, errs[i] = db.Redeem(ctx, inv.Code, member(string(rune('A'+i)), "", "Người thứ"), t0.Add(time.Minute))
		})
	}
	close(start)
	wg.Wait()
	wins := 0
	for i, err := range errs {
		switch {
		case err == nil:
			wins++
		case !errors.Is(err, ErrInviteUsed):
			t.Errorf("redeemer %d: %v, want ErrInviteUsed", i, err)
		}
	}
	if wins != 1 {
		t.Errorf("%d redeemers won, want exactly 1", wins)
	}
	if ms, _ := db.UnitMembers(ctx, "phong-noi-vu"); len(ms) != 1 {
		t.Errorf("the unit has %d members, want 1", len(ms))
	}
}
