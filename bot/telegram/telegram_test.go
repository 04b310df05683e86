package telegram

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"chidao"
	"chidao/bot"
	"chidao/bot/telegram/telegramtest"
)

var (
	an   = telegramtest.User{ID: 5001, FirstName: "Nguyễn", LastName: "Văn An"}
	binh = telegramtest.User{ID: 5002, FirstName: "Trần Thị Bình"}
)

func tgChat(id int64) chidao.ChatRef {
	return chidao.ChatRef{Platform: chidao.Telegram, ID: strconv.FormatInt(id, 10)}
}

func newClient(t *testing.T, srv *telegramtest.Server, mod ...func(*Options)) *Client {
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
	srv := telegramtest.New(t)
	c := newClient(t, srv)
	if c.Username() != telegramtest.BotUsername {
		t.Errorf("Username = %q", c.Username())
	}

	_, err := New(context.Background(), Options{Token: "123456:wrong-token-wrong-token-wrong-token", Endpoint: srv.Endpoint()})
	if !errors.Is(err, ErrUnauthorized) || bot.Temporary(err) {
		t.Errorf("bad token: err = %v, want ErrUnauthorized", err)
	}

	down := httptest.NewServer(http.NotFoundHandler())
	endpoint := down.URL + "/bot%s/%s"
	down.Close()
	_, err = New(context.Background(), Options{Token: srv.Token(), Endpoint: endpoint})
	if !bot.Temporary(err) || !strings.Contains(err.Error(), "cannot reach") {
		t.Errorf("unreachable API: err = %v, want a temporary 'cannot reach' error", err)
	}
	if strings.Contains(err.Error(), srv.Token()) {
		t.Errorf("error shows the token: %v", err)
	}

	if _, err := New(context.Background(), Options{Token: srv.Token(), Endpoint: srv.URL() + "/api"}); err == nil {
		t.Error("an endpoint without the /bot<token>/<method> pattern was accepted")
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

// wait waits until n updates were accepted in all.
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

// runPoll starts Poll and returns a function that stops it and returns its
// error.
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
	srv := telegramtest.New(t)
	c := newClient(t, srv)
	sent, err := c.Send(timeout(t), bot.Message{Chat: tgChat(an.ID), Text: "Công văn mới", Buttons: [][]bot.Button{{{Text: "✅ Đã nhận", Data: "ack:d1"}}}})
	if err != nil {
		t.Fatal(err)
	}
	botMsg, _ := strconv.Atoi(sent.MessageID)

	textID := srv.SendText(an, "/nv@chidao_test_bot 5")
	queryID := srv.PressButton(an, botMsg, "ack:d1")
	srv.SendDocument(an, "ke-hoach.docx", []byte("PK\x03\x04docx"), "Kế hoạch 147")
	srv.SendSticker(binh)
	srv.EditText(an, textID, "/nv 6")
	srv.InjectRaw(`{"channel_post":{"message_id":1,"date":1700000000,"chat":{"id":-1001,"type":"channel","title":"Tin"},"text":"tin kênh"}}`)
	group := telegramtest.Group{ID: -100200300, Title: "Lãnh đạo các xã", Supergroup: true}
	srv.SendGroupText(group, binh, "nhiệm vụ 5 hạn khi nào")

	col := newCollector()
	stop := runPoll(c, col.sink)
	got := col.wait(t, 6)
	if err := stop(); !errors.Is(err, context.Canceled) {
		t.Errorf("Poll returned %v, want context.Canceled", err)
	}

	want := []struct {
		kind    bot.UpdateKind
		chat    chidao.ChatRef
		private bool
		user    string
		name    string
		text    string
	}{
		{bot.KindText, tgChat(an.ID), true, "5001", "Nguyễn Văn An", "/nv@chidao_test_bot 5"},
		{bot.KindCallback, tgChat(an.ID), true, "5001", "Nguyễn Văn An", ""},
		{bot.KindFile, tgChat(an.ID), true, "5001", "Nguyễn Văn An", "Kế hoạch 147"},
		{bot.KindOther, tgChat(binh.ID), true, "5002", "Trần Thị Bình", ""},
		{bot.KindEdited, tgChat(an.ID), true, "5001", "Nguyễn Văn An", "/nv 6"},
		{bot.KindText, tgChat(group.ID), false, "5002", "Trần Thị Bình", "nhiệm vụ 5 hạn khi nào"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d updates, want %d (the channel post is dropped)", len(got), len(want))
	}
	for i, w := range want {
		u := got[i]
		if u.Kind != w.kind || u.Chat != w.chat || u.Private != w.private || u.UserID != w.user || u.DisplayName != w.name || u.Text != w.text {
			t.Errorf("update %d = %+v, want %+v", i, u, w)
		}
		if i > 0 {
			prev, _ := strconv.Atoi(got[i-1].ID)
			cur, _ := strconv.Atoi(u.ID)
			if cur <= prev {
				t.Errorf("update ids out of order: %s after %s", u.ID, got[i-1].ID)
			}
		}
	}
	if name, args, ok := got[0].Command(); !ok || name != "nv" || args != "5" {
		t.Errorf("command = %q %q %v", name, args, ok)
	}
	if cb := got[1].Callback; cb == nil || cb.ID != queryID || cb.Data != "ack:d1" || got[1].MessageID != sent.MessageID {
		t.Errorf("callback = %+v on message %s, want id %s data ack:d1 on %s", cb, got[1].MessageID, queryID, sent.MessageID)
	}
	if f := got[2].File; f == nil || f.Name != "ke-hoach.docx" || f.Size != 8 || f.ID == "" ||
		f.MIME != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" {
		t.Errorf("file = %+v", f)
	}
	if got[3].Other != "sticker" {
		t.Errorf("other = %q, want sticker", got[3].Other)
	}
	if got[4].MessageID != strconv.Itoa(textID) {
		t.Errorf("edited message id = %s, want %d", got[4].MessageID, textID)
	}
	if got[0].At.IsZero() {
		t.Error("message date not set")
	}
	// Everything handled was confirmed on the way out: nothing is pending.
	if n := srv.Pending(); n != 0 {
		t.Errorf("%d updates still unconfirmed after Poll stopped", n)
	}
}

func TestPollRestartDoesNotRedeliver(t *testing.T) {
	srv := telegramtest.New(t)
	c := newClient(t, srv)
	srv.SendText(an, "một")
	srv.SendText(an, "hai")

	col := newCollector()
	stop := runPoll(c, col.sink)
	col.wait(t, 2)
	stop()

	srv.SendText(an, "ba")
	col2 := newCollector()
	stop = runPoll(newClient(t, srv), col2.sink)
	col2.wait(t, 1)
	// Give a redelivery the chance to show: one more update after it.
	srv.SendText(an, "bốn")
	got := col2.wait(t, 2)
	stop()
	if got[0].Text != "ba" || got[1].Text != "bốn" || len(got) != 2 {
		var texts []string
		for _, u := range got {
			texts = append(texts, u.Text)
		}
		t.Errorf("after a restart got %q, want [ba bốn]", texts)
	}
}

func TestPollRedeliversRefusedUpdate(t *testing.T) {
	srv := telegramtest.New(t)
	c := newClient(t, srv)
	srv.SendText(an, "một")
	srv.SendText(an, "hai")
	srv.SendText(an, "ba")

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
	if strings.Join(texts, ",") != "một,hai,ba" {
		t.Errorf("got %q, want [một hai ba] with hai delivered again", texts)
	}
	if refused != 1 {
		t.Errorf("refused %d times", refused)
	}
}

func TestPollStopsPromptly(t *testing.T) {
	srv := telegramtest.New(t)
	c := newClient(t, srv, func(o *Options) { o.PollTimeout = 30 * time.Second })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Poll(ctx, newCollector().sink) }()
	// Wait for the long poll to be open on the server.
	deadline := time.Now().Add(5 * time.Second)
	for srv.Calls("getUpdates") == 0 {
		if time.Now().After(deadline) {
			t.Fatal("Poll never called getUpdates")
		}
		time.Sleep(time.Millisecond) // polling with a deadline
	}
	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Poll = %v, want context.Canceled", err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("Poll took %v to stop", d)
		}
		t.Logf("Poll stopped %v after cancel", time.Since(start))
	case <-time.After(time.Second):
		t.Fatal("Poll did not stop within 1 s of cancel while a 30 s long poll was open")
	}
}

func TestPollBacksOffAndRecovers(t *testing.T) {
	srv := telegramtest.New(t)
	c := newClient(t, srv)
	srv.Fail5xx(2)
	srv.SendText(an, "vẫn đến")
	col := newCollector()
	stop := runPoll(c, col.sink)
	got := col.wait(t, 1)
	stop()
	if got[0].Text != "vẫn đến" {
		t.Errorf("got %q", got[0].Text)
	}
	if n := srv.Calls("getUpdates"); n < 3 {
		t.Errorf("getUpdates called %d times, want the two failures and a success", n)
	}
}

func TestPollStopsOnRejectedToken(t *testing.T) {
	srv := telegramtest.New(t)
	c := newClient(t, srv)
	srv.FailNext("getUpdates", 401, 0)
	ctx := timeout(t)
	if err := c.Poll(ctx, newCollector().sink); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("Poll = %v, want ErrUnauthorized", err)
	}
}

// paragraphs returns n numbered paragraphs of about size characters.
func paragraphs(n, size int) []string {
	var out []string
	for i := range n {
		p := fmt.Sprintf("%d. ", i+1) + strings.Repeat("Giao Phòng Nội vụ huyện chủ trì thực hiện. ", size/42+1)
		out = append(out, strings.TrimSpace(string([]rune(p)[:size])))
	}
	return out
}

func TestSendSplitsLongTextAtParagraphs(t *testing.T) {
	srv := telegramtest.New(t)
	c := newClient(t, srv)
	paras := paragraphs(40, 252)
	text := strings.Join(paras, "\n\n")
	if n := utf8.RuneCountInString(text); n < 10000 {
		t.Fatalf("text has %d characters", n)
	}
	buttons := [][]bot.Button{{{Text: "✅ Đã nhận", Data: "ack:d1"}, {Text: "📋 Nhiệm vụ", Data: "tasks:d1"}}}
	sent, err := c.Send(timeout(t), bot.Message{Chat: tgChat(an.ID), Text: text, Buttons: buttons})
	if err != nil {
		t.Fatal(err)
	}
	msgs := srv.SentTo(an.ID)
	if len(msgs) != 3 {
		t.Fatalf("sent %d messages, want 3", len(msgs))
	}
	var joined []string
	for i, m := range msgs {
		if n := utf8.RuneCountInString(m.Text); n > MaxTextLen {
			t.Errorf("part %d has %d characters", i, n)
		}
		// Every part is whole paragraphs.
		for _, p := range strings.Split(m.Text, "\n\n") {
			if !strings.Contains("\n\n"+text+"\n\n", "\n\n"+p+"\n\n") {
				t.Errorf("part %d cuts a paragraph: %q…", i, p[:min(40, len(p))])
			}
		}
		joined = append(joined, m.Text)
		if last := i == len(msgs)-1; (len(m.Buttons) > 0) != last {
			t.Errorf("part %d has buttons %v", i, m.Buttons)
		}
		if m.ParseMode != "" {
			t.Errorf("part %d has parse mode %q; text must be plain", i, m.ParseMode)
		}
	}
	if strings.Join(joined, "\n\n") != text {
		t.Error("the parts do not add up to the text")
	}
	if got := msgs[2].Buttons; len(got) != 1 || len(got[0]) != 2 || got[0][0] != (telegramtest.Button{Text: "✅ Đã nhận", Data: "ack:d1"}) {
		t.Errorf("buttons = %v", got)
	}
	if sent.MessageID != strconv.Itoa(msgs[2].MessageID) {
		t.Errorf("Sent.MessageID = %s, want the last part's %d", sent.MessageID, msgs[2].MessageID)
	}
}

func TestSendDocument(t *testing.T) {
	srv := telegramtest.New(t)
	c := newClient(t, srv)
	data := []byte("PK\x03\x04 bảng theo dõi")
	ctx := timeout(t)
	if _, err := c.Send(ctx, bot.Message{Chat: tgChat(an.ID), Text: "Tình hình thực hiện", File: &bot.Attachment{Name: "tinh-hinh.xlsx", Data: data}}); err != nil {
		t.Fatal(err)
	}
	sent, err := c.Send(ctx, bot.Message{Chat: tgChat(an.ID), File: &bot.Attachment{Name: "chi-tiet.xlsx", Data: data},
		Buttons: [][]bot.Button{{{Text: "🔄 Cập nhật", Data: "export:d1"}}}})
	if err != nil {
		t.Fatal(err)
	}
	msgs := srv.SentTo(an.ID)
	if len(msgs) != 3 {
		t.Fatalf("sent %d messages, want text, document, document", len(msgs))
	}
	if msgs[0].Method != "sendMessage" || msgs[0].Text != "Tình hình thực hiện" {
		t.Errorf("first = %+v", msgs[0])
	}
	d := msgs[1].Document
	if msgs[1].Method != "sendDocument" || d == nil || d.Name != "tinh-hinh.xlsx" || !bytes.Equal(d.Data, data) {
		t.Errorf("document = %+v", msgs[1])
	}
	if msgs[2].Document == nil || len(msgs[2].Buttons) != 1 || sent.MessageID != strconv.Itoa(msgs[2].MessageID) {
		t.Errorf("a document alone must carry the buttons: %+v, sent %s", msgs[2], sent.MessageID)
	}
}

// A broadcast sends one directive file to many members: Telegram gets the
// bytes once and a file_id after that; a file_id it refuses is forgotten and
// the bytes go again, while other errors are not retried as uploads.
func TestSendDocumentUploadsEachFileOnce(t *testing.T) {
	srv := telegramtest.New(t)
	c := newClient(t, srv)
	ctx := timeout(t)
	docx := &bot.Attachment{Name: "cong-van-1234.docx", Data: []byte("PK\x03\x04 công văn")}
	send := func(chatID int64, f *bot.Attachment) error {
		_, err := c.Send(ctx, bot.Message{Chat: tgChat(chatID), File: f})
		return err
	}
	lastTo := func(chatID int64) *telegramtest.Document {
		msgs := srv.SentTo(chatID)
		if len(msgs) == 0 {
			t.Fatalf("nothing sent to %d", chatID)
		}
		return msgs[len(msgs)-1].Document
	}

	for _, id := range []int64{an.ID, binh.ID, 5003} {
		if err := send(id, docx); err != nil {
			t.Fatal(err)
		}
		d := lastTo(id)
		if d == nil || d.Name != docx.Name || !bytes.Equal(d.Data, docx.Data) {
			t.Fatalf("chat %d got %+v, want %s", id, d, docx.Name)
		}
		if want := id == an.ID; d.Uploaded != want {
			t.Errorf("chat %d: uploaded = %v, want %v", id, d.Uploaded, want)
		}
	}

	// The same bytes under another name are another document.
	renamed := &bot.Attachment{Name: "ban-sao.docx", Data: docx.Data}
	if err := send(an.ID, renamed); err != nil {
		t.Fatal(err)
	}
	if d := lastTo(an.ID); !d.Uploaded || d.Name != "ban-sao.docx" {
		t.Errorf("renamed file: %+v, want a new upload", d)
	}

	// Telegram refuses the file_id: the bytes are uploaded again, and the
	// new file_id is used from then on.
	srv.FailNextWith("sendDocument", 400, "Bad Request: wrong file identifier/HTTP URL specified", 0)
	if err := send(5004, docx); err != nil {
		t.Fatalf("a refused file_id must fall back to uploading: %v", err)
	}
	if d := lastTo(5004); !d.Uploaded || !bytes.Equal(d.Data, docx.Data) {
		t.Errorf("after a refused file_id: %+v, want the bytes uploaded", d)
	}
	if err := send(5005, docx); err != nil {
		t.Fatal(err)
	}
	if d := lastTo(5005); d.Uploaded {
		t.Error("the new file_id was not remembered")
	}

	// A member who blocked the bot is not sent the file a second time.
	srv.FailChat(5006, 403, "Forbidden: bot was blocked by the user")
	before := srv.Calls("sendDocument")
	if err := send(5006, docx); !errors.Is(err, bot.ErrForbidden) {
		t.Errorf("err = %v, want ErrForbidden", err)
	}
	if n := srv.Calls("sendDocument") - before; n != 1 {
		t.Errorf("%d sendDocument calls for a blocked member, want 1", n)
	}
}

// Sends of one file in flight together upload it once, even when the first
// upload fails for its member (who blocked the bot).
func TestSendDocumentConcurrentSendsUploadOnce(t *testing.T) {
	srv := telegramtest.New(t)
	c := newClient(t, srv)
	ctx := timeout(t)
	docx := &bot.Attachment{Name: "ke-hoach.docx", Data: bytes.Repeat([]byte("kế hoạch "), 20000)}
	const n = 24
	srv.FailChat(6000, 403, "Forbidden: bot was blocked by the user")
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			_, errs[i] = c.Send(ctx, bot.Message{Chat: tgChat(int64(6000 + i)), File: docx})
		})
	}
	wg.Wait()
	if !errors.Is(errs[0], bot.ErrForbidden) {
		t.Errorf("blocked member: err = %v", errs[0])
	}
	uploads := 0
	for i := 1; i < n; i++ {
		if errs[i] != nil {
			t.Errorf("member %d: %v", i, errs[i])
			continue
		}
		msgs := srv.SentTo(int64(6000 + i))
		if len(msgs) != 1 || msgs[0].Document == nil || !bytes.Equal(msgs[0].Document.Data, docx.Data) {
			t.Errorf("member %d got %+v", i, msgs)
			continue
		}
		if msgs[0].Document.Uploaded {
			uploads++
		}
	}
	if uploads != 1 {
		t.Errorf("%d uploads among %d members who got the file, want 1", uploads, n-1)
	}
}

func TestSendErrors(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(*telegramtest.Server)
		file   bool
		check  func(error) bool
		permit bool // whether bot.Permanent must hold
	}{
		{"429 retry after", func(s *telegramtest.Server) { s.FailNext("sendMessage", 429, 3) }, false,
			func(err error) bool {
				d, ok := bot.RetryAfter(err)
				return ok && d == 3*time.Second && bot.Temporary(err)
			}, false},
		{"403 blocked", func(s *telegramtest.Server) { s.FailChat(an.ID, 403, "Forbidden: bot was blocked by the user") }, false,
			func(err error) bool { return errors.Is(err, bot.ErrForbidden) }, true},
		{"400 chat not found", func(s *telegramtest.Server) { s.FailChat(an.ID, 400, "Bad Request: chat not found") }, false,
			func(err error) bool { return errors.Is(err, bot.ErrChatNotFound) }, true},
		{"500", func(s *telegramtest.Server) { s.FailNext("sendMessage", 500, 0) }, false,
			func(err error) bool { var te *bot.TemporaryError; return errors.As(err, &te) }, false},
		{"502 with an HTML page", func(s *telegramtest.Server) { s.Fail5xx(1) }, false,
			func(err error) bool { var te *bot.TemporaryError; return errors.As(err, &te) }, false},
		{"other 400", func(s *telegramtest.Server) {
			s.FailNextWith("sendMessage", 400, "Bad Request: can't parse entities", 0)
		}, false,
			func(err error) bool {
				return err != nil && !bot.Temporary(err) && strings.Contains(err.Error(), "can't parse entities")
			}, false},
		{"document 403", func(s *telegramtest.Server) { s.FailChat(an.ID, 403, "Forbidden: user is deactivated") }, true,
			func(err error) bool { return errors.Is(err, bot.ErrForbidden) }, true},
		{"document 429", func(s *telegramtest.Server) { s.FailNext("sendDocument", 429, 7) }, true,
			func(err error) bool { d, ok := bot.RetryAfter(err); return ok && d == 7*time.Second }, false},
		{"document 502", func(s *telegramtest.Server) { s.Fail5xx(1) }, true,
			func(err error) bool { var te *bot.TemporaryError; return errors.As(err, &te) }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := telegramtest.New(t)
			c := newClient(t, srv)
			tt.setup(srv)
			m := bot.Message{Chat: tgChat(an.ID), Text: "Thông báo"}
			if tt.file {
				m = bot.Message{Chat: tgChat(an.ID), File: &bot.Attachment{Name: "a.pdf", Data: []byte("%PDF")}}
			}
			_, err := c.Send(timeout(t), m)
			if !tt.check(err) {
				t.Errorf("err = %v (%T)", err, errors.Unwrap(err))
			}
			if bot.Permanent(err) != tt.permit {
				t.Errorf("Permanent(%v) = %v, want %v", err, bot.Permanent(err), tt.permit)
			}
		})
	}
}

func TestButtonDataOver64BytesIsRefusedBeforeSending(t *testing.T) {
	srv := telegramtest.New(t)
	c := newClient(t, srv)
	long := "report:" + strings.Repeat("x", 58) // 65 bytes
	_, err := c.Send(timeout(t), bot.Message{Chat: tgChat(an.ID), Text: "x", Buttons: [][]bot.Button{{{Text: "Báo cáo", Data: long}}}})
	if err == nil || srv.Calls("sendMessage") != 0 {
		t.Errorf("Send = %v after %d calls; want an error and no call", err, srv.Calls("sendMessage"))
	}
}

func TestNetworkErrorIsTemporaryWithoutToken(t *testing.T) {
	srv := telegramtest.New(t)
	c := newClient(t, srv)
	srv.Close()
	_, err := c.Send(timeout(t), bot.Message{Chat: tgChat(an.ID), Text: "x"})
	if !bot.Temporary(err) {
		t.Errorf("err = %v, want temporary", err)
	}
	if strings.Contains(err.Error(), srv.Token()) {
		t.Errorf("error shows the token: %v", err)
	}
}

func TestSendCancelled(t *testing.T) {
	srv := telegramtest.New(t)
	c := newClient(t, srv)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Send(ctx, bot.Message{Chat: tgChat(an.ID), Text: "x"}); !errors.Is(err, context.Canceled) || bot.Temporary(err) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// stepClock is a virtual clock whose Sleep advances time.
type stepClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *stepClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *stepClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return ctx.Err()
}

func TestLimiterIsPausedBy429(t *testing.T) {
	srv := telegramtest.New(t)
	clock := &stepClock{now: time.Date(2025, 6, 2, 8, 0, 0, 0, time.UTC)}
	lim := bot.NewLimiter(bot.Limits{}, clock)
	c := newClient(t, srv, func(o *Options) { o.Limiter = lim })
	srv.FailNext("sendMessage", 429, 5)
	start := clock.Now()
	if _, err := c.Send(timeout(t), bot.Message{Chat: tgChat(an.ID), Text: "một"}); err == nil {
		t.Fatal("no error from a 429")
	}
	if _, err := c.Send(timeout(t), bot.Message{Chat: tgChat(binh.ID), Text: "hai"}); err != nil {
		t.Fatal(err)
	}
	if waited := clock.Now().Sub(start); waited < 5*time.Second {
		t.Errorf("the next send went out %v after the 429, want at least retry_after 5s", waited)
	}
}

func TestLimitedSendsStayWithinServerLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("takes 2 s")
	}
	srv := telegramtest.New(t)
	srv.EnforceLimits(30, time.Second)
	c := newClient(t, srv, func(o *Options) { o.Limiter = bot.NewLimiter(bot.Limits{}, nil) })
	ctx := timeout(t)
	// 60 messages over 20 chats, 3 each: 30/s overall and 1/s per chat
	// decide the pace.
	var wg sync.WaitGroup
	errs := make(chan error, 60)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				if _, err := c.Send(ctx, bot.Message{Chat: tgChat(int64(9000 + i)), Text: "Nhắc việc"}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := srv.TooManyRequests(); n != 0 {
		t.Errorf("the server answered 429 %d times", n)
	}
	if n := len(srv.Sent()); n != 60 {
		t.Errorf("sent %d", n)
	}
}

func TestEditAndAnswer(t *testing.T) {
	srv := telegramtest.New(t)
	c := newClient(t, srv)
	ctx := timeout(t)
	sent, err := c.Send(ctx, bot.Message{Chat: tgChat(an.ID), Text: "Công văn 227", Buttons: [][]bot.Button{{{Text: "✅ Đã nhận", Data: "ack:d1"}}}})
	if err != nil {
		t.Fatal(err)
	}
	edit := bot.Message{Text: "Công văn 227\n\n✅ Đã nhận lúc 08:00", Buttons: [][]bot.Button{{{Text: "📋 Nhiệm vụ", Data: "tasks:d1"}}}}
	if err := c.Edit(ctx, tgChat(an.ID), sent.MessageID, edit); err != nil {
		t.Fatal(err)
	}
	if err := c.Edit(ctx, tgChat(an.ID), sent.MessageID, edit); err != nil {
		t.Errorf("editing to the same content: %v, want nil", err)
	}
	if err := c.Edit(ctx, tgChat(an.ID), sent.MessageID, bot.Message{Text: "Công văn 227 (đã xử lý)"}); err != nil {
		t.Fatal(err)
	}
	m := srv.SentTo(an.ID)[0]
	if m.Text != "Công văn 227 (đã xử lý)" || m.Buttons != nil || m.Edits != 2 {
		t.Errorf("after edits: %+v", m)
	}
	if err := c.Edit(ctx, tgChat(an.ID), "999", edit); err == nil {
		t.Error("editing a missing message gave no error")
	}

	msgID, _ := strconv.Atoi(sent.MessageID)
	q := srv.PressButton(an, msgID, "tasks:d1")
	if err := c.AnswerCallback(ctx, q, "Đã ghi nhận"); err != nil {
		t.Fatal(err)
	}
	if err := c.AnswerCallback(ctx, q, "lần hai"); err != nil {
		t.Errorf("answering a query twice (too old): %v, want nil", err)
	}
	if err := c.AnswerCallback(ctx, "", "số"); err != nil {
		t.Errorf("empty callback id: %v", err)
	}
	if got := srv.Answered(); len(got) != 1 || got[0].ID != q || got[0].Text != "Đã ghi nhận" {
		t.Errorf("answered = %+v", got)
	}
	if n := srv.Calls("answerCallbackQuery"); n != 2 {
		t.Errorf("answerCallbackQuery called %d times, want 2 (none for an empty id)", n)
	}
}

func TestDownload(t *testing.T) {
	srv := telegramtest.New(t)
	c := newClient(t, srv)
	data := bytes.Repeat([]byte("văn bản "), 1000)
	srv.SendDocument(an, "cong-van.txt", data, "")
	col := newCollector()
	stop := runPoll(c, col.sink)
	u := col.wait(t, 1)[0]
	stop()

	ctx := timeout(t)
	got, err := c.Download(ctx, u.File.ID, int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data) {
		t.Error("downloaded bytes differ")
	}
	if srv.Calls("file") != 1 {
		t.Errorf("file fetched %d times from the configured host, want 1", srv.Calls("file"))
	}
	if _, err := c.Download(ctx, u.File.ID, int64(len(data))-1); !errors.Is(err, bot.ErrTooLarge) {
		t.Errorf("over the limit: err = %v, want ErrTooLarge", err)
	}
	if _, err := c.Download(ctx, "no-such-file", 1<<20); err == nil || bot.Temporary(err) {
		t.Errorf("unknown file: err = %v, want a permanent error", err)
	}
}

func TestWebhook(t *testing.T) {
	srv := telegramtest.New(t)
	c := newClient(t, srv)
	ctx := timeout(t)
	if err := c.SetWebhook(ctx, "https://chidao.example.vn/telegram", "s3cret-Token_1"); err != nil {
		t.Fatal(err)
	}
	if got := srv.Webhook(); got.URL != "https://chidao.example.vn/telegram" || got.SecretToken != "s3cret-Token_1" {
		t.Errorf("webhook = %+v", got)
	}
	if _, err := c.getUpdates(ctx, 0, 1, 0); err == nil || !strings.Contains(err.Error(), "409") {
		t.Errorf("getUpdates with a webhook set: %v, want 409", err)
	}

	col := newCollector()
	h := c.WebhookHandler("s3cret-Token_1", col.sink)
	body := `{"update_id":900,"message":{"message_id":4,"date":1700000000,"from":{"id":5001,"is_bot":false,"first_name":"An"},"chat":{"id":5001,"type":"private","first_name":"An"},"text":"đã nhận"}}`
	tests := []struct {
		name   string
		method string
		secret string
		want   int
	}{
		{"missing secret", http.MethodPost, "", http.StatusUnauthorized},
		{"wrong secret", http.MethodPost, "s3cret-Token_2", http.StatusUnauthorized},
		{"prefix of the secret", http.MethodPost, "s3cret", http.StatusUnauthorized},
		{"GET", http.MethodGet, "s3cret-Token_1", http.StatusMethodNotAllowed},
		{"right secret", http.MethodPost, "s3cret-Token_1", http.StatusOK},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(tt.method, "/telegram", strings.NewReader(body))
		if tt.secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", tt.secret)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, rec.Code, tt.want)
		}
		col.mu.Lock()
		n := len(col.got)
		col.mu.Unlock()
		if wantN := map[bool]int{true: 1, false: 0}[tt.want == http.StatusOK]; n != wantN {
			t.Errorf("%s: %d updates reached the sink, want %d", tt.name, n, wantN)
		}
	}
	if u := col.got[0]; u.Text != "đã nhận" || u.Chat != tgChat(5001) || u.ID != "900" {
		t.Errorf("update = %+v", u)
	}

	// A sink that refuses makes Telegram try again later.
	refusing := c.WebhookHandler("s3cret-Token_1", func(context.Context, *bot.Update) error { return bot.ErrPoolClosed })
	req := httptest.NewRequest(http.MethodPost, "/telegram", strings.NewReader(body))
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "s3cret-Token_1")
	rec := httptest.NewRecorder()
	refusing.ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("refused update: status %d, want 503", rec.Code)
	}
	// An empty secret accepts nothing.
	rec = httptest.NewRecorder()
	c.WebhookHandler("", col.sink).ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/telegram", strings.NewReader(body)))
	if rec.Code != http.StatusUnauthorized {
		t.Errorf("empty secret: status %d, want 401", rec.Code)
	}

	if err := c.DeleteWebhook(ctx); err != nil {
		t.Fatal(err)
	}
	if got := srv.Webhook(); got.URL != "" {
		t.Errorf("webhook still set: %+v", got)
	}
}

func TestSetCommands(t *testing.T) {
	srv := telegramtest.New(t)
	c := newClient(t, srv)
	ctx := timeout(t)
	heads := []Command{{"start", "Bắt đầu, đăng ký bằng mã mời"}, {"nv", "Xem một nhiệm vụ: /nv 5"}}
	admins := append(heads, Command{"guivanban", "Gửi văn bản mới"})
	if err := c.SetCommands(ctx, heads, ""); err != nil {
		t.Fatal(err)
	}
	if err := c.SetCommands(ctx, admins, "5001"); err != nil {
		t.Fatal(err)
	}
	if got := srv.Commands("default"); len(got) != 2 || got[1].Command != "nv" || got[1].Description != "Xem một nhiệm vụ: /nv 5" {
		t.Errorf("default commands = %+v", got)
	}
	if got := srv.Commands("5001"); len(got) != 3 || got[2].Command != "guivanban" {
		t.Errorf("admin commands = %+v", got)
	}
	if err := c.SetCommands(ctx, []Command{{"Gửi", "x"}}, ""); err == nil {
		t.Error("an invalid command name was accepted")
	}
}

func TestLibraryLogMasksTokens(t *testing.T) {
	var buf bytes.Buffer
	l := libraryLogger{slog.New(slog.NewTextHandler(&buf, nil))}
	l.Printf("Post %q failed", "https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getUpdates")
	l.Println("token", "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")
	if strings.Contains(buf.String(), "AAHdqTcv") || strings.Count(buf.String(), "<token>") != 2 {
		t.Errorf("log = %s", buf.String())
	}
}
