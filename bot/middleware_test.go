package bot

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"chidao"
)

func TestRecoverTurnsPanicIntoError(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	h := Chain(func(context.Context, *Update) error {
		panic("index out of range in a handler")
	}, Recover(logger))

	err := h(context.Background(), &Update{ID: "7", Kind: KindText, Chat: chidao.ChatRef{Platform: chidao.Telegram, ID: "1"}})
	var pe *PanicError
	if !errors.As(err, &pe) {
		t.Fatalf("error = %v, want *PanicError", err)
	}
	if !strings.Contains(logs.String(), "handler panicked") || !strings.Contains(logs.String(), "middleware_test.go") {
		t.Errorf("log lacks the panic and its stack:\n%s", logs.String())
	}
	// The process lives on: the same handler chain runs again.
	if err := h(context.Background(), &Update{}); !errors.As(err, &pe) {
		t.Errorf("second call: error = %v, want *PanicError", err)
	}
}

func TestLoggingHasNoPersonalData(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	fail := errors.New("store unavailable")
	h := Chain(func(_ context.Context, u *Update) error {
		if u.Text == "fail" {
			return fail
		}
		return nil
	}, Logging(logger))

	u := &Update{ID: "42", Kind: KindText, Chat: chidao.ChatRef{Platform: chidao.Zalo, ID: "chat-9876"},
		UserID: "user-5555", DisplayName: "Nguyễn Văn An", Text: "nhiệm vụ 5 hạn khi nào"}
	if err := h(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	u2 := *u
	u2.Text = "fail"
	if err := h(context.Background(), &u2); !errors.Is(err, fail) {
		t.Fatalf("error = %v, want %v", err, fail)
	}
	out := logs.String()
	for _, secret := range []string{"chat-9876", "user-5555", "Nguyễn", "nhiệm vụ"} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains personal data %q:\n%s", secret, out)
		}
	}
	for _, want := range []string{"update handled", "update failed", "kind=text", "platform=zalo", "duration=", "store unavailable", "update_id=42"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}
