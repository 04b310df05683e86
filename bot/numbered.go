package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"chidao"
)

// NumberedHint is the line under numbered buttons.
const NumberedHint = "Trả lời bằng số để chọn."

// ButtonMemory keeps the data of the last buttons shown to a chat that
// cannot show buttons, so that a reply with a number can press one.
type ButtonMemory interface {
	// SaveButtons replaces the chat's buttons with data, in display order.
	SaveButtons(ctx context.Context, chat chidao.ChatRef, data []string) error
	// Buttons returns the chat's saved buttons (none when expired or never
	// saved).
	Buttons(ctx context.Context, chat chidao.ChatRef) ([]string, error)
}

// Numbered adapts a Messenger for a platform without buttons (Zalo, the
// console). A message with buttons gets them as numbered lines under its
// text ("1. ✅ Đã nhận", "2. 📋 Nhiệm vụ", then NumberedHint), and their
// data is saved in mem, in order, before it is sent. A message without
// buttons leaves the saved buttons alone. Edit cannot change a message there,
// so it sends the new text as a new message. Use NumberedReplies on the
// update side.
func Numbered(m Messenger, mem ButtonMemory) Messenger {
	return &numbered{next: m, mem: mem}
}

// numbered is the Messenger Numbered returns.
type numbered struct {
	next Messenger
	mem  ButtonMemory
}

// Send renders the buttons as numbered lines and saves their data.
func (n *numbered) Send(ctx context.Context, m Message) (Sent, error) {
	var data []string
	var lines strings.Builder
	for _, row := range m.Buttons {
		for _, b := range row {
			data = append(data, b.Data)
			fmt.Fprintf(&lines, "%d. %s\n", len(data), b.Text)
		}
	}
	if len(data) == 0 {
		m.Buttons = nil
		return n.next.Send(ctx, m)
	}
	lines.WriteString(NumberedHint)
	if strings.TrimSpace(m.Text) == "" {
		m.Text = lines.String()
	} else {
		m.Text = strings.TrimRight(m.Text, " \n") + "\n\n" + lines.String()
	}
	m.Buttons = nil
	if err := n.mem.SaveButtons(ctx, m.Chat, data); err != nil {
		return Sent{}, fmt.Errorf("save numbered buttons: %w", err)
	}
	return n.next.Send(ctx, m)
}

// Edit sends the new text and buttons as a new message.
func (n *numbered) Edit(ctx context.Context, chat chidao.ChatRef, _ string, m Message) error {
	m.Chat = chat
	_, err := n.Send(ctx, m)
	return err
}

// AnswerCallback passes through.
func (n *numbered) AnswerCallback(ctx context.Context, callbackID, notice string) error {
	return n.next.AnswerCallback(ctx, callbackID, notice)
}

// Download passes through.
func (n *numbered) Download(ctx context.Context, fileID string, limit int64) ([]byte, error) {
	return n.next.Download(ctx, fileID, limit)
}

// NumberedReplies turns a text update that is just a number from 1 to N
// ("2", " 2 ", "2.") into a press of the chat's saved button N: a
// KindCallback update with that button's data and an empty Callback.ID
// (nothing to answer). Any other text, and numbers out of range, pass
// through unchanged.
func NumberedReplies(mem ButtonMemory) Middleware {
	return func(next HandlerFunc) HandlerFunc {
		return func(ctx context.Context, u *Update) error {
			if u.Kind != KindText {
				return next(ctx, u)
			}
			n, ok := parseChoice(u.Text)
			if !ok {
				return next(ctx, u)
			}
			data, err := mem.Buttons(ctx, u.Chat)
			if err != nil {
				return fmt.Errorf("read numbered buttons: %w", err)
			}
			if n > len(data) {
				return next(ctx, u)
			}
			pressed := *u
			pressed.Kind = KindCallback
			pressed.Text = ""
			pressed.Callback = &Callback{Data: data[n-1]}
			return next(ctx, &pressed)
		}
	}
}

// parseChoice reads "3", " 3 ", "3." or "3)" as 3.
func parseChoice(s string) (int, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ".)")
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 3 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, false
	}
	return n, true
}
