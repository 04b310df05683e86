package zalo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"chidao"
	"chidao/bot"
	"chidao/bot/zalo/zalotest"
)

var (
	an   = zalotest.User{ID: "8421000000000000001", Name: "Nguyễn Văn An"}
	binh = zalotest.User{ID: "8421000000000000002", Name: "Trần Thị Bình"}
)

func zChat(id string) chidao.ChatRef { return chidao.ChatRef{Platform: chidao.Zalo, ID: id} }

func newClient(t *testing.T, srv *zalotest.Server, mod ...func(*Options)) *Client {
	t.Helper()
	opts := Options{Token: srv.Token(), Endpoint: srv.Endpoint(), PollTimeout: 2 * time.Second}
	for _, m := range mod {
		m(&opts)
	}
	c, err := New(context.Background(), opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func timeout(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestNew(t *testing.T) {
	srv := zalotest.New(t)
	c := newClient(t, srv)
	if c.Name() != zalotest.BotName {
		t.Errorf("Name = %q", c.Name())
	}
	if _, err := New(context.Background(), Options{Token: "1:bad", Endpoint: srv.Endpoint()}); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("bad token: %v, want ErrUnauthorized", err)
	}
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	_, err := New(context.Background(), Options{Token: srv.Token(), Endpoint: down.URL})
	if !bot.Temporary(err) || !strings.Contains(err.Error(), "cannot reach") || strings.Contains(err.Error(), srv.Token()) {
		t.Errorf("unreachable: %v", err)
	}
	if _, err := New(context.Background(), Options{Token: srv.Token(), Endpoint: "bot-api.example"}); err == nil {
		t.Error("a relative endpoint was accepted")
	}
}

// collector is a sink that records updates and can refuse some.
type collector struct {
	mu     sync.Mutex
	got    []*bot.Update
	refuse func(*bot.Update) bool
	added  chan struct{}
}

func newCollector() *collector { return &collector{added: make(chan struct{}, 1000)} }

func (c *collector) sink(_ context.Context, u *bot.Update) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.refuse != nil && c.refuse(u) {
		return errors.New("queue full")
	}
	c.got = append(c.got, u)
	c.added <- struct{}{}
	return nil
}

func (c *collector) wait(t *testing.T, n int) []*bot.Update {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		c.mu.Lock()
		if len(c.got) >= n {
			out := append([]*bot.Update(nil), c.got...)
			c.mu.Unlock()
			return out
		}
		c.mu.Unlock()
		select {
		case <-c.added:
		case <-deadline:
			t.Fatalf("got %d updates, want %d", len(c.got), n)
		}
	}
}

func runPoll(c *Client, sink func(context.Context, *bot.Update) error) func() error {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Poll(ctx, sink) }()
	return func() error {
		cancel()
		return <-done
	}
}

func TestPollReceivesEveryKindInOrder(t *testing.T) {
	srv := zalotest.New(t)
	c := newClient(t, srv)
	textID := srv.SendText(an, "nhiệm vụ 5 hạn khi nào?")
	srv.SendGroupText(zalotest.Group{ID: "g-77"}, binh, "đã nhận")
	srv.SendImage(an, "https://f.zalo.example/anh.jpg", "ảnh báo cáo")
	srv.SendSticker(binh)
	srv.SendUnsupported(an)
	srv.InjectRaw(`{"event_name":"message.text.received","message":{"from":{"id":"99","display_name":"Bot khác","is_bot":true},"chat":{"id":"99","chat_type":"PRIVATE"},"text":"spam","message_id":"x1","date":1700000000000}}`)
	srv.InjectRaw(`{"event_name":"message.text.received","message":{"from":{"id":12345,"name":"Lê C"},"chat":{"id":12345,"chat_type":"PRIVATE"},"text":"2","message_id":"m9","date":1700000000}}`)

	col := newCollector()
	stop := runPoll(c, col.sink)
	got := col.wait(t, 6)
	if err := stop(); !errors.Is(err, context.Canceled) {
		t.Errorf("Poll = %v, want context.Canceled", err)
	}
	want := []struct {
		kind    bot.UpdateKind
		chat    string
		private bool
		user    string
		name    string
		text    string
		other   string
	}{
		{bot.KindText, an.ID, true, an.ID, an.Name, "nhiệm vụ 5 hạn khi nào?", ""},
		{bot.KindText, "g-77", false, binh.ID, binh.Name, "đã nhận", ""},
		{bot.KindOther, an.ID, true, an.ID, an.Name, "ảnh báo cáo", "image"},
		{bot.KindOther, binh.ID, true, binh.ID, binh.Name, "", "sticker"},
		{bot.KindOther, an.ID, true, an.ID, an.Name, "", "unsupported"},
		{bot.KindText, "12345", true, "12345", "Lê C", "2", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d updates, want %d (the bot's message dropped)", len(got), len(want))
	}
	for i, w := range want {
		u := got[i]
		if u.Kind != w.kind || u.Chat != zChat(w.chat) || u.Private != w.private || u.UserID != w.user ||
			u.DisplayName != w.name || u.Text != w.text || u.Other != w.other {
			t.Errorf("update %d = %+v, want %+v", i, u, w)
		}
	}
	if got[0].ID != textID || got[0].MessageID != textID {
		t.Errorf("ids = %s/%s, want %s", got[0].ID, got[0].MessageID, textID)
	}
	if at := got[5].At; !at.Equal(time.Unix(1700000000, 0)) {
		t.Errorf("a date in seconds read as %v", at)
	}
	if at := got[0].At; at.Year() < 2024 || time.Since(at) > time.Minute {
		t.Errorf("a date in milliseconds read as %v", at)
	}
}

func TestPollOffersRefusedUpdateAgain(t *testing.T) {
	srv := zalotest.New(t)
	c := newClient(t, srv)
	for _, s := range []string{"một", "hai", "ba"} {
		srv.SendText(an, s)
	}
	col := newCollector()
	refused := 0
	col.refuse = func(u *bot.Update) bool {
		if u.Text == "hai" && refused == 0 {
			refused++
			return true
		}
		return false
	}
	stop := runPoll(c, col.sink)
	got := col.wait(t, 3)
	stop()
	var texts []string
	for _, u := range got {
		texts = append(texts, u.Text)
	}
	if strings.Join(texts, ",") != "một,hai,ba" || refused != 1 {
		t.Errorf("got %q after refusing once, want [một hai ba]", texts)
	}
}

func TestPollEmptyPollsAndStop(t *testing.T) {
	srv := zalotest.New(t)
	c := newClient(t, srv, func(o *Options) { o.PollTimeout = time.Second })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Poll(ctx, newCollector().sink) }()
	// Two polls end empty (408) without backing off: a third opens at once.
	deadline := time.Now().Add(5 * time.Second)
	for srv.Calls("getUpdates") < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("getUpdates called %d times in 5 s with 1 s polls", srv.Calls("getUpdates"))
		}
		time.Sleep(5 * time.Millisecond) // polling with a deadline
	}
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Poll = %v", err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("stopped after %v", d)
		}
	case <-time.After(time.Second):
		t.Fatal("Poll did not stop within 1 s while a long poll was open")
	}
}

func TestSendSplitsAt2000(t *testing.T) {
	srv := zalotest.New(t)
	c := newClient(t, srv)
	var paras []string
	for i := range 25 {
		paras = append(paras, fmt.Sprintf("%d. %s", i+1, strings.TrimSpace(strings.Repeat("Báo cáo kết quả thực hiện. ", 7))))
	}
	text := strings.Join(paras, "\n\n")
	sent, err := c.Send(timeout(t), bot.Message{Chat: zChat(an.ID), Text: text})
	if err != nil {
		t.Fatal(err)
	}
	msgs := srv.SentTo(an.ID)
	if len(msgs) < 3 {
		t.Fatalf("%d messages for %d characters", len(msgs), utf8.RuneCountInString(text))
	}
	var parts []string
	for i, m := range msgs {
		if n := utf8.RuneCountInString(m.Text); n > MaxTextLen {
			t.Errorf("part %d: %d characters", i, n)
		}
		parts = append(parts, m.Text)
	}
	if strings.Join(parts, "\n\n") != text {
		t.Error("parts do not add up to the text, cut between paragraphs")
	}
	if sent.MessageID != msgs[len(msgs)-1].MessageID {
		t.Errorf("Sent.MessageID = %s", sent.MessageID)
	}
}

func TestSendFileAndButtons(t *testing.T) {
	srv := zalotest.New(t)
	var logs bytes.Buffer
	c := newClient(t, srv, func(o *Options) { o.Logger = slog.New(slog.NewTextHandler(&logs, nil)) })
	ctx := timeout(t)
	if _, err := c.Send(ctx, bot.Message{Chat: zChat(an.ID), Text: "Tình hình thực hiện", File: &bot.Attachment{Name: "tinh-hinh.xlsx", Data: []byte("x")}}); err != nil {
		t.Fatal(err)
	}
	if got := srv.SentTo(an.ID)[0].Text; !strings.HasPrefix(got, "Tình hình thực hiện\n\n📎 Tệp «tinh-hinh.xlsx» không gửi được qua Zalo") {
		t.Errorf("text = %q", got)
	}
	if _, err := c.Send(ctx, bot.Message{Chat: zChat(an.ID), Text: "x", Buttons: [][]bot.Button{{{Text: "a", Data: "a"}}}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "bot.Numbered") {
		t.Errorf("dropping buttons was not logged: %s", logs.String())
	}
	if err := c.Edit(ctx, zChat(an.ID), "1", bot.Message{Text: "x"}); !errors.Is(err, bot.ErrNotSupported) {
		t.Errorf("Edit = %v", err)
	}
	if _, err := c.Download(ctx, "f", 10); !errors.Is(err, bot.ErrNotSupported) {
		t.Errorf("Download = %v", err)
	}
	if err := c.AnswerCallback(ctx, "", "Đã ghi nhận"); err != nil {
		t.Errorf("AnswerCallback = %v", err)
	}
	if err := c.SendChatAction(ctx, zChat(an.ID), "typing"); err != nil {
		t.Fatal(err)
	}
	if got := srv.ChatActions(); len(got) != 1 || got[0] != (zalotest.ChatAction{ChatID: an.ID, Action: "typing"}) {
		t.Errorf("actions = %+v", got)
	}
}

// memButtons is a ButtonMemory in a map.
type memButtons struct {
	mu sync.Mutex
	m  map[chidao.ChatRef][]string
}

func (b *memButtons) SaveButtons(_ context.Context, c chidao.ChatRef, d []string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.m[c] = d
	return nil
}

func (b *memButtons) Buttons(_ context.Context, c chidao.ChatRef) ([]string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.m[c], nil
}

func TestNumberedRoundTrip(t *testing.T) {
	srv := zalotest.New(t)
	c := newClient(t, srv)
	mem := &memButtons{m: map[chidao.ChatRef][]string{}}
	m := bot.Numbered(c, mem)
	ctx := timeout(t)
	if _, err := m.Send(ctx, bot.Message{Chat: zChat(an.ID), Text: "Công văn 227/TB-UBND",
		Buttons: [][]bot.Button{{{Text: "✅ Đã nhận", Data: "ack:d1"}, {Text: "📋 Nhiệm vụ", Data: "tasks:d1"}}}}); err != nil {
		t.Fatal(err)
	}
	want := "Công văn 227/TB-UBND\n\n1. ✅ Đã nhận\n2. 📋 Nhiệm vụ\nTrả lời bằng số để chọn."
	if got := srv.SentTo(an.ID)[0].Text; got != want {
		t.Errorf("sent %q, want %q", got, want)
	}
	// The user answers "2": the router sees the button press.
	srv.SendText(an, "2")
	var pressed *bot.Update
	r := bot.NewRouter()
	r.Use(bot.NumberedReplies(mem))
	r.Callback("tasks:", func(_ context.Context, u *bot.Update) error { pressed = u; return nil })
	col := newCollector()
	stop := runPoll(c, col.sink)
	u := col.wait(t, 1)[0]
	stop()
	if err := r.Serve(ctx, u); err != nil {
		t.Fatal(err)
	}
	if pressed == nil || pressed.Callback.Data != "tasks:d1" {
		t.Errorf("pressed = %+v", pressed)
	}
}

func TestSendErrors(t *testing.T) {
	tests := []struct {
		name  string
		setup func(*zalotest.Server)
		check func(error) bool
		perm  bool
	}{
		{"429", func(s *zalotest.Server) { s.FailNext("sendMessage", 429, 4) },
			func(err error) bool { d, ok := bot.RetryAfter(err); return ok && d == 4*time.Second }, false},
		{"429 without retry_after", func(s *zalotest.Server) { s.FailNext("sendMessage", 429, 0) },
			func(err error) bool { d, ok := bot.RetryAfter(err); return ok && d == time.Second }, false},
		{"403", func(s *zalotest.Server) { s.FailChat(an.ID, 403, "Forbidden") },
			func(err error) bool { return errors.Is(err, bot.ErrForbidden) }, true},
		{"404", func(s *zalotest.Server) { s.FailChat(an.ID, 404, "User not found") },
			func(err error) bool { return errors.Is(err, bot.ErrChatNotFound) }, true},
		{"500", func(s *zalotest.Server) { s.FailNext("sendMessage", 500, 0) },
			func(err error) bool { var te *bot.TemporaryError; return errors.As(err, &te) }, false},
		{"502 HTML", func(s *zalotest.Server) { s.Fail5xx(1) },
			func(err error) bool { var te *bot.TemporaryError; return errors.As(err, &te) }, false},
		{"other 400", func(s *zalotest.Server) { s.FailNextWith("sendMessage", 400, "Bad Request: invalid chat_id", 0) },
			func(err error) bool {
				return err != nil && !bot.Temporary(err) && strings.Contains(err.Error(), "invalid chat_id")
			}, false},
		{"never wrote first", func(s *zalotest.Server) { s.RequireContact(true) },
			func(err error) bool { return errors.Is(err, bot.ErrForbidden) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := zalotest.New(t)
			c := newClient(t, srv)
			tt.setup(srv)
			_, err := c.Send(timeout(t), bot.Message{Chat: zChat(an.ID), Text: "Thông báo"})
			if !tt.check(err) {
				t.Errorf("err = %v", err)
			}
			if bot.Permanent(err) != tt.perm {
				t.Errorf("Permanent = %v, want %v", bot.Permanent(err), tt.perm)
			}
		})
	}

	srv := zalotest.New(t)
	c := newClient(t, srv)
	srv.Close()
	_, err := c.Send(timeout(t), bot.Message{Chat: zChat(an.ID), Text: "x"})
	if !bot.Temporary(err) || strings.Contains(err.Error(), srv.Token()) {
		t.Errorf("network error = %v, want temporary without the token", err)
	}
	if _, err := c.Send(timeout(t), bot.Message{Chat: chidao.ChatRef{Platform: chidao.Telegram, ID: "1"}, Text: "x"}); err == nil {
		t.Error("a Telegram chat was accepted")
	}
}

func TestWebhook(t *testing.T) {
	srv := zalotest.New(t)
	c := newClient(t, srv)
	ctx := timeout(t)
	if err := c.SetWebhook(ctx, "https://chidao.example.vn/zalo", "zalo-secret-123"); err != nil {
		t.Fatal(err)
	}
	if got := srv.Webhook(); got.SecretToken != "zalo-secret-123" {
		t.Errorf("webhook = %+v", got)
	}
	if _, err := c.getUpdates(ctx); err == nil {
		t.Error("getUpdates with a webhook set gave no error")
	}
	if err := c.DeleteWebhook(ctx); err != nil || srv.Webhook().URL != "" {
		t.Fatalf("DeleteWebhook: %v, %+v", err, srv.Webhook())
	}

	col := newCollector()
	h := c.WebhookHandler("zalo-secret-123", col.sink)
	plain := `{"event_name":"message.text.received","message":{"from":{"id":"1","display_name":"An"},"chat":{"id":"1","chat_type":"PRIVATE"},"text":"đã nhận","message_id":"w1","date":1700000000000}}`
	wrapped := `{"ok":true,"result":` + strings.Replace(plain, "w1", "w2", 1) + `}`
	tests := []struct {
		name, secret, body string
		want               int
		reached            int
	}{
		{"missing secret", "", plain, 401, 0},
		{"wrong secret", "zalo-secret-124", plain, 401, 0},
		{"right secret", "zalo-secret-123", plain, 200, 1},
		{"wrapped in ok/result", "zalo-secret-123", wrapped, 200, 2},
		{"not an update", "zalo-secret-123", `{"hello":1}`, 400, 2},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodPost, "/zalo", strings.NewReader(tt.body))
		if tt.secret != "" {
			req.Header.Set("X-Bot-Api-Secret-Token", tt.secret)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		col.mu.Lock()
		n := len(col.got)
		col.mu.Unlock()
		if rec.Code != tt.want || n != tt.reached {
			t.Errorf("%s: status %d with %d updates, want %d with %d", tt.name, rec.Code, n, tt.want, tt.reached)
		}
	}
	if col.got[0].ID != "w1" || col.got[1].ID != "w2" || col.got[1].Text != "đã nhận" {
		t.Errorf("updates = %+v %+v", col.got[0], col.got[1])
	}
}
