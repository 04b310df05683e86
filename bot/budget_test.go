package bot

import (
	"context"
	"sync"
	"testing"
	"time"

	"chidao"
)

type budgetClock struct{ t time.Time }

func (c *budgetClock) Now() time.Time { return c.t }

// noticeBox records what a budget sends.
type noticeBox struct {
	mu   sync.Mutex
	sent []Message
	got  chan struct{}
}

func (n *noticeBox) Send(_ context.Context, m Message) (Sent, error) {
	n.mu.Lock()
	n.sent = append(n.sent, m)
	n.mu.Unlock()
	n.got <- struct{}{}
	return Sent{}, nil
}
func (n *noticeBox) Edit(context.Context, chidao.ChatRef, string, Message) error { return nil }
func (n *noticeBox) AnswerCallback(context.Context, string, string) error        { return nil }
func (n *noticeBox) Download(context.Context, string, int64) ([]byte, error)     { return nil, nil }

// TestBudgetKeepsOneChatFromTheOthers: a chat sending 25 messages in a
// minute gets 20 handled and one notice; another chat is not touched; the
// office has a larger budget; a new minute starts afresh.
func TestBudgetKeepsOneChatFromTheOthers(t *testing.T) {
	clock := &budgetClock{t: time.Date(2026, 12, 8, 9, 0, 0, 0, time.UTC)}
	box := &noticeBox{got: make(chan struct{}, 10)}
	b := NewBudget(BudgetOptions{Admins: []string{"telegram:900"}, Clock: clock})
	handled := map[string]int{}
	dropped := 0
	sink := b.Sink(func(_ context.Context, u *Update) error { handled[u.Chat.ID]++; return nil },
		Messengers{chidao.Telegram: box}, func(*Update) { dropped++ })
	send := func(chat string, n int) {
		for i := 0; i < n; i++ {
			u := &Update{Chat: chidao.ChatRef{Platform: chidao.Telegram, ID: chat}, UserID: chat, Private: true, Kind: KindText, Text: "nv5"}
			if err := sink(context.Background(), u); err != nil {
				t.Fatal(err)
			}
		}
	}
	send("1", 25)
	send("2", 3)
	send("900", 100)
	<-box.got
	if handled["1"] != 20 || dropped != 5 || handled["2"] != 3 || handled["900"] != 100 {
		t.Errorf("handled %v, dropped %d; want 20 of the flooder's, all the others'", handled, dropped)
	}
	box.mu.Lock()
	if len(box.sent) != 1 || box.sent[0].Chat.ID != "1" || box.sent[0].Text != BudgetNotice {
		t.Errorf("notices %+v, want one to the flooder", box.sent)
	}
	box.mu.Unlock()
	clock.t = clock.t.Add(61 * time.Second)
	send("1", 1)
	if handled["1"] != 21 {
		t.Errorf("a new minute: handled %d, want 21", handled["1"])
	}
	if len(b.chats) != 1 {
		t.Errorf("%d chats remembered after a minute, want only the one active", len(b.chats))
	}
}
