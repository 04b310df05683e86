package bot

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"

	"chidao"
)

// memButtons is a ButtonMemory in a map.
type memButtons struct {
	mu   sync.Mutex
	data map[chidao.ChatRef][]string
	err  error
}

func (m *memButtons) SaveButtons(_ context.Context, c chidao.ChatRef, data []string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return m.err
	}
	if m.data == nil {
		m.data = map[chidao.ChatRef][]string{}
	}
	m.data[c] = append([]string(nil), data...)
	return nil
}

func (m *memButtons) Buttons(_ context.Context, c chidao.ChatRef) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err != nil {
		return nil, m.err
	}
	return m.data[c], nil
}

// recorder is a Messenger that records what it is asked to send.
type recorder struct {
	sent     []Message
	answered []string
}

func (r *recorder) Send(_ context.Context, m Message) (Sent, error) {
	r.sent = append(r.sent, m)
	return Sent{MessageID: "m1"}, nil
}

func (r *recorder) Edit(context.Context, chidao.ChatRef, string, Message) error {
	return errors.New("edit must not reach a platform without buttons")
}

func (r *recorder) AnswerCallback(_ context.Context, id, notice string) error {
	r.answered = append(r.answered, id+"|"+notice)
	return nil
}

func (r *recorder) Download(context.Context, string, int64) ([]byte, error) {
	return []byte("x"), nil
}

var zaloChat = chidao.ChatRef{Platform: chidao.Zalo, ID: "z1"}

func TestNumberedSend(t *testing.T) {
	rec, mem := &recorder{}, &memButtons{}
	m := Numbered(rec, mem)
	buttons := [][]Button{{{Text: "✅ Đã nhận", Data: "ack:d1"}}, {{Text: "📋 Nhiệm vụ", Data: "tasks:d1"}, {Text: "❓ Hỏi", Data: "ask:d1"}}}
	if _, err := m.Send(context.Background(), Message{Chat: zaloChat, Text: "Công văn 227/TB-UBND\n", Buttons: buttons}); err != nil {
		t.Fatal(err)
	}
	want := "Công văn 227/TB-UBND\n\n1. ✅ Đã nhận\n2. 📋 Nhiệm vụ\n3. ❓ Hỏi\nTrả lời bằng số để chọn."
	if len(rec.sent) != 1 || rec.sent[0].Text != want || rec.sent[0].Buttons != nil {
		t.Fatalf("sent %+v, want text %q without buttons", rec.sent, want)
	}
	if got := mem.data[zaloChat]; !reflect.DeepEqual(got, []string{"ack:d1", "tasks:d1", "ask:d1"}) {
		t.Errorf("saved %v", got)
	}

	// A message without buttons keeps the saved ones.
	if _, err := m.Send(context.Background(), Message{Chat: zaloChat, Text: "Nhiệm vụ 5 hạn 07/6/2024."}); err != nil {
		t.Fatal(err)
	}
	if rec.sent[1].Text != "Nhiệm vụ 5 hạn 07/6/2024." || len(mem.data[zaloChat]) != 3 {
		t.Errorf("plain message: sent %q, saved %v", rec.sent[1].Text, mem.data[zaloChat])
	}

	// Edit sends a new message with the new buttons.
	if err := m.Edit(context.Background(), zaloChat, "m1", Message{Text: "Đã ghi nhận.", Buttons: [][]Button{{{Text: "↩️ Hoàn tác", Data: "undo:d1"}}}}); err != nil {
		t.Fatal(err)
	}
	if got := rec.sent[2]; got.Chat != zaloChat || got.Text != "Đã ghi nhận.\n\n1. ↩️ Hoàn tác\nTrả lời bằng số để chọn." {
		t.Errorf("edit sent %+v", got)
	}
	if got := mem.data[zaloChat]; !reflect.DeepEqual(got, []string{"undo:d1"}) {
		t.Errorf("after edit saved %v", got)
	}
}

func TestNumberedSaveFailureSendsNothing(t *testing.T) {
	rec, mem := &recorder{}, &memButtons{err: errors.New("redis down")}
	_, err := Numbered(rec, mem).Send(context.Background(), Message{Chat: zaloChat, Text: "x", Buttons: [][]Button{{{Text: "a", Data: "a"}}}})
	if err == nil || len(rec.sent) != 0 {
		t.Fatalf("Send = %v with %d messages sent; want an error and nothing sent", err, len(rec.sent))
	}
}

func TestNumberedReplies(t *testing.T) {
	mem := &memButtons{data: map[chidao.ChatRef][]string{zaloChat: {"ack:d1", "tasks:d1"}}}
	var got *Update
	h := Chain(func(_ context.Context, u *Update) error { got = u; return nil }, NumberedReplies(mem))
	other := chidao.ChatRef{Platform: chidao.Zalo, ID: "z2"}

	tests := []struct {
		name     string
		u        Update
		wantKind UpdateKind
		wantData string
	}{
		{"first", Update{Kind: KindText, Chat: zaloChat, Text: "1"}, KindCallback, "ack:d1"},
		{"spaces", Update{Kind: KindText, Chat: zaloChat, Text: "  2 "}, KindCallback, "tasks:d1"},
		{"trailing dot", Update{Kind: KindText, Chat: zaloChat, Text: "2."}, KindCallback, "tasks:d1"},
		{"out of range", Update{Kind: KindText, Chat: zaloChat, Text: "3"}, KindText, ""},
		{"zero", Update{Kind: KindText, Chat: zaloChat, Text: "0"}, KindText, ""},
		{"words", Update{Kind: KindText, Chat: zaloChat, Text: "nhiệm vụ 1"}, KindText, ""},
		{"negative", Update{Kind: KindText, Chat: zaloChat, Text: "-1"}, KindText, ""},
		{"no saved buttons", Update{Kind: KindText, Chat: other, Text: "1"}, KindText, ""},
		{"not text", Update{Kind: KindOther, Chat: zaloChat, Text: "1"}, KindOther, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got = nil
			u := tt.u
			if err := h(context.Background(), &u); err != nil {
				t.Fatal(err)
			}
			if got.Kind != tt.wantKind {
				t.Fatalf("kind = %s, want %s", got.Kind, tt.wantKind)
			}
			if tt.wantKind == KindCallback {
				if got.Callback == nil || got.Callback.Data != tt.wantData || got.Callback.ID != "" || got.Text != "" {
					t.Errorf("callback = %+v text %q, want data %q and no id", got.Callback, got.Text, tt.wantData)
				}
				if got.Chat != tt.u.Chat {
					t.Errorf("chat changed to %v", got.Chat)
				}
				if u.Kind != KindText {
					t.Error("the original update was modified")
				}
			} else if got.Text != tt.u.Text {
				t.Errorf("text changed to %q", got.Text)
			}
		})
	}

	mem.err = errors.New("redis down")
	if err := h(context.Background(), &Update{Kind: KindText, Chat: zaloChat, Text: "1"}); err == nil {
		t.Error("a failing memory gave no error")
	}
}
