// Package bot is chidao's platform-neutral conversation surface: the incoming
// Update, the outgoing Message with its buttons, the Messenger interface the
// platform adapters implement (bot/telegram, bot/zalo, bot/console), the
// router with its middleware, the per-chat ordered worker pool and the
// delivery rate limits.
package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"chidao"
)

// UpdateKind says what an update carries.
type UpdateKind string

// Update kinds.
const (
	KindText     UpdateKind = "text"     // a text message (commands included)
	KindCallback UpdateKind = "callback" // a button press
	KindFile     UpdateKind = "file"     // a document
	KindEdited   UpdateKind = "edited"   // an edited message
	KindOther    UpdateKind = "other"    // a sticker, photo, voice, location, …
)

// Update is one incoming event from a chat, the same for every platform.
type Update struct {
	// ID is the platform's update id, used to handle each update once.
	ID string
	// Kind says what it carries.
	Kind UpdateKind
	// Chat is where it came from; replies go there.
	Chat chidao.ChatRef
	// Private is true for a one-to-one chat with the bot.
	Private bool
	// UserID and DisplayName identify the sender on the platform.
	UserID      string
	DisplayName string
	// MessageID is the platform id of the message (for a callback: of the
	// message whose button was pressed).
	MessageID string
	// Text is the message text, the file caption, or for an edit the new text.
	Text string
	// Callback is set for KindCallback.
	Callback *Callback
	// File is set for KindFile.
	File *File
	// Other names what an KindOther update held ("sticker", "photo", …).
	Other string
	// At is when the platform says it was sent.
	At time.Time
}

// Sender returns the member key the sender would have: "platform:userID".
func (u *Update) Sender() string { return string(u.Chat.Platform) + ":" + u.UserID }

// Callback is a button press.
type Callback struct {
	// ID is the platform's callback id, which must be answered (Telegram).
	ID string
	// Data is the button's data.
	Data string
}

// File is a document sent to the bot, to be fetched with Messenger.Download.
type File struct {
	ID   string
	Name string
	MIME string
	Size int64
}

// Button is one button under a message. Data is at most 64 bytes.
type Button struct {
	Text string
	Data string
}

// Attachment is a file sent with a message.
type Attachment struct {
	Name string
	Data []byte
}

// Message is one outgoing message.
type Message struct {
	// Chat is where it goes.
	Chat chidao.ChatRef
	// Text is plain text (no markup); adapters split or trim it to the
	// platform's limit.
	Text string
	// Buttons are rows of buttons; platforms without buttons show them as
	// numbered lines.
	Buttons [][]Button
	// File, when set, is sent as a document after the text.
	File *Attachment
}

// Sent is what a platform returns for a sent message.
type Sent struct {
	// MessageID is the id of the message that carries the buttons (the
	// last one when the text was split).
	MessageID string
}

// Messenger sends to one platform. Adapters return the errors below (wrapped)
// so callers can tell what to do.
type Messenger interface {
	// Send sends the message and returns its id.
	Send(ctx context.Context, m Message) (Sent, error)
	// Edit replaces the text and buttons of a message sent before.
	Edit(ctx context.Context, chat chidao.ChatRef, messageID string, m Message) error
	// AnswerCallback acknowledges a button press, with an optional short notice.
	AnswerCallback(ctx context.Context, callbackID, notice string) error
	// Download fetches a file sent to the bot, reading at most limit bytes;
	// more gives ErrTooLarge.
	Download(ctx context.Context, fileID string, limit int64) ([]byte, error)
}

// Send errors the adapters wrap.
var (
	// ErrForbidden: the user blocked the bot or never started it (403).
	ErrForbidden = errors.New("bot: forbidden by the user")
	// ErrChatNotFound: the chat does not exist (400 chat not found).
	ErrChatNotFound = errors.New("bot: chat not found")
	// ErrTooLarge: a download exceeded its limit.
	ErrTooLarge = errors.New("bot: file too large")
	// ErrNotSupported: the platform cannot do this (edit on Zalo, …).
	ErrNotSupported = errors.New("bot: not supported by the platform")
)

// RetryAfterError is a 429: send again after After.
type RetryAfterError struct {
	After time.Duration
}

// Error says how long to wait.
func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("bot: too many requests, retry after %s", e.After)
}

// TemporaryError wraps a failure worth retrying later: a 5xx or a network error.
type TemporaryError struct {
	Err error
}

// Error describes the cause.
func (e *TemporaryError) Error() string { return "bot: temporary failure: " + e.Err.Error() }

// Unwrap returns the cause.
func (e *TemporaryError) Unwrap() error { return e.Err }

// Permanent reports whether err means the chat cannot be reached at all
// (the member should be marked inactive).
func Permanent(err error) bool {
	return errors.Is(err, ErrForbidden) || errors.Is(err, ErrChatNotFound)
}

// RetryAfter returns how long to wait when err is a 429, and whether it is.
func RetryAfter(err error) (time.Duration, bool) {
	var ra *RetryAfterError
	if errors.As(err, &ra) {
		return ra.After, true
	}
	return 0, false
}

// Temporary reports whether err is worth retrying.
func Temporary(err error) bool {
	var te *TemporaryError
	if errors.As(err, &te) {
		return true
	}
	_, ok := RetryAfter(err)
	return ok
}

// ReadAll reads r up to limit bytes, returning ErrTooLarge past that.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read file: %w", err)
	}
	if int64(len(b)) > limit {
		return nil, ErrTooLarge
	}
	return b, nil
}
