package bot

import (
	"context"
	"errors"
	"strings"
	"testing"

	"chidao"
)

func TestUpdateCommand(t *testing.T) {
	tests := []struct {
		name      string
		kind      UpdateKind
		text      string
		wantName  string
		wantArgs  string
		wantFound bool
	}{
		{"plain", KindText, "/nv 5", "nv", "5", true},
		{"bot suffix", KindText, "/nv@SomeBot 5", "nv", "5", true},
		{"upper case", KindText, "/NV 5", "nv", "5", true},
		{"no args", KindText, "/start", "start", "", true},
		{"leading space and newline args", KindText, "  /hoi\nnhiệm vụ 5 hạn khi nào?  ", "hoi", "nhiệm vụ 5 hạn khi nào?", true},
		{"underscore and digits", KindText, "/xuat_excel2", "xuat_excel2", "", true},
		{"not a command", KindText, "nhiệm vụ 5", "", "", false},
		{"slash alone", KindText, "/", "", "", false},
		{"slash space", KindText, "/ nv", "", "", false},
		{"empty bot name", KindText, "/nv@ 5", "", "", false},
		{"path-like", KindText, "/tmp/x", "", "", false},
		{"vietnamese letters", KindText, "/nhiệmvụ", "", "", false},
		{"callback is not a command", KindCallback, "/nv 5", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := &Update{Kind: tt.kind, Text: tt.text}
			name, args, ok := u.Command()
			if name != tt.wantName || args != tt.wantArgs || ok != tt.wantFound {
				t.Errorf("Command(%q) = (%q, %q, %v), want (%q, %q, %v)", tt.text, name, args, ok, tt.wantName, tt.wantArgs, tt.wantFound)
			}
		})
	}
}

func TestRouterFirstMatchWins(t *testing.T) {
	var got []string
	mark := func(name string) HandlerFunc {
		return func(context.Context, *Update) error { got = append(got, name); return nil }
	}
	r := NewRouter()
	r.Command("/nv", mark("nv"))
	r.Command("start", mark("start"))
	r.Callback("ack:", mark("ack"))
	r.Callback("", mark("any-callback"))
	r.Text(mark("text"))
	r.Kind(KindFile, mark("file"))
	r.Text(mark("second-text")) // shadowed by the first Text
	r.Fallback(mark("fallback"))

	tests := []struct {
		u    *Update
		want string
	}{
		{&Update{Kind: KindText, Text: "/nv@ChidaoBot 5"}, "nv"},
		{&Update{Kind: KindText, Text: "/START"}, "start"},
		{&Update{Kind: KindText, Text: "/khong-co"}, "text"},
		{&Update{Kind: KindText, Text: "nhiệm vụ 5 hạn khi nào"}, "text"},
		{&Update{Kind: KindCallback, Callback: &Callback{ID: "1", Data: "ack:d1"}}, "ack"},
		{&Update{Kind: KindCallback, Callback: &Callback{ID: "2", Data: "task:d1:5"}}, "any-callback"},
		{&Update{Kind: KindFile, File: &File{ID: "f"}}, "file"},
		{&Update{Kind: KindOther, Other: "sticker"}, "fallback"},
		{&Update{Kind: KindEdited, Text: "/nv 5"}, "fallback"},
	}
	for _, tt := range tests {
		got = nil
		if err := r.Serve(context.Background(), tt.u); err != nil {
			t.Fatalf("Serve: %v", err)
		}
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("update %+v went to %v, want %s", tt.u, got, tt.want)
		}
	}
}

func TestRouterNoRouteIgnores(t *testing.T) {
	r := NewRouter()
	r.Command("nv", func(context.Context, *Update) error { return errors.New("must not run") })
	if err := r.Serve(context.Background(), &Update{Kind: KindOther}); err != nil {
		t.Fatalf("Serve of an unrouted update = %v, want nil", err)
	}
}

func TestChainOrderAndErrors(t *testing.T) {
	var trace []string
	mw := func(name string) Middleware {
		return func(next HandlerFunc) HandlerFunc {
			return func(ctx context.Context, u *Update) error {
				trace = append(trace, name+">")
				err := next(ctx, u)
				trace = append(trace, "<"+name)
				return err
			}
		}
	}
	boom := errors.New("boom")
	r := NewRouter()
	r.Use(mw("a"), mw("b"))
	r.Use(mw("c"))
	r.Text(func(context.Context, *Update) error { trace = append(trace, "h"); return boom })
	r.Fallback(func(context.Context, *Update) error { trace = append(trace, "fb"); return nil })

	if err := r.Serve(context.Background(), &Update{Kind: KindText, Text: "x"}); !errors.Is(err, boom) {
		t.Fatalf("Serve error = %v, want %v", err, boom)
	}
	if got, want := strings.Join(trace, " "), "a> b> c> h <c <b <a"; got != want {
		t.Errorf("trace = %q, want %q", got, want)
	}
	trace = nil
	if err := r.Serve(context.Background(), &Update{Kind: KindOther}); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(trace, " "), "a> b> c> fb <c <b <a"; got != want {
		t.Errorf("middleware around the fallback: trace = %q, want %q", got, want)
	}
}

func TestMessengersFor(t *testing.T) {
	ms := Messengers{chidao.Telegram: Numbered(nil, nil), chidao.Zalo: nil}
	if _, ok := ms.For(chidao.Telegram); !ok {
		t.Error("For(telegram) not found")
	}
	if _, ok := ms.For(chidao.Zalo); ok {
		t.Error("For(zalo) with a nil messenger reported found")
	}
	if _, ok := ms.For(chidao.Console); ok {
		t.Error("For(console) reported found")
	}
}
