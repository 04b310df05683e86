// Package telegramtest is a fake Telegram Bot API server for tests. It speaks
// the real JSON envelope ({"ok":true,"result":…} and {"ok":false,
// "error_code":…,"description":…,"parameters":{"retry_after":…}}), keeps
// updates until a getUpdates offset confirms them, long-polls, enforces the
// 4096-character text limit, stores uploaded documents, serves files, and
// lets a test play the users, inspect what the bot sent, and inject failures
// and rate limits. It is safe for concurrent use.
package telegramtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"chidao/bot/internal/ratejudge"
)

// MaxTextLen is the longest text sendMessage and editMessageText accept.
const MaxTextLen = 4096

// Who getMe says the bot is.
const (
	BotID       int64 = 7000000001
	BotUsername       = "chidao_test_bot"
)

// User is a Telegram user played by a test.
type User struct {
	ID        int64
	FirstName string
	LastName  string
	Username  string
}

// Group is a group chat played by a test; its ID is negative.
type Group struct {
	ID         int64
	Title      string
	Supergroup bool
}

// Button is one inline keyboard button of a sent message.
type Button struct {
	Text string
	Data string
}

// Document is a file the bot sent.
type Document struct {
	FileID string
	Name   string
	MIME   string
	Data   []byte
	// Uploaded is true when the request carried the bytes, false when it
	// named a file_id Telegram had already.
	Uploaded bool
}

// SentMessage is a message the bot sent, as it stands now (after edits).
type SentMessage struct {
	MessageID int
	ChatID    int64
	// Method is sendMessage or sendDocument.
	Method string
	// Text is the text, or a document's caption.
	Text      string
	ParseMode string
	Buttons   [][]Button
	Document  *Document
	// Edits counts editMessageText and editMessageReplyMarkup calls on it.
	Edits int
	At    time.Time
}

// AnsweredCallback is an answerCallbackQuery call.
type AnsweredCallback struct {
	ID        string
	Text      string
	ShowAlert bool
}

// Command is one entry of setMyCommands.
type Command struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// WebhookInfo is the webhook the bot set.
type WebhookInfo struct {
	URL         string
	SecretToken string
}

// failure is an injected error answer.
type failure struct {
	code        int
	description string
	retryAfter  int
}

// storedMessage is a message of either side, kept for edits and callbacks.
type storedMessage struct {
	msg  apiMessage
	sent *SentMessage // nil for the users' messages
}

// file is a file the server can serve.
type file struct {
	id   string
	path string
	name string
	mime string
	data []byte
}

// Server is the fake Bot API.
type Server struct {
	tb    testing.TB
	srv   *httptest.Server
	token string
	quit  chan struct{}
	once  sync.Once

	mu         sync.Mutex
	changed    chan struct{} // closed and replaced on every change
	nextUpdate int
	confirmed  int // highest offset a getUpdates sent
	pending    []pendingUpdate
	pollGen    int
	nextMsg    map[int64]int
	messages   map[int64]map[int]*storedMessage
	sent       []*SentMessage
	files      map[string]*file // by id
	paths      map[string]*file // by path
	nextFile   int
	nextQuery  int
	queries    map[string]bool // callback query id -> answered
	answered   []AnsweredCallback
	commands   map[string][]Command
	webhook    WebhookInfo
	calls      map[string]int
	failChat   map[int64]failure
	failNext   map[string][]failure
	fail5xx    int
	limits     ratejudge.Judge[int64]
}

// pendingUpdate is an update not yet confirmed.
type pendingUpdate struct {
	id  int
	raw json.RawMessage
}

// New starts a server; the test's cleanup closes it.
func New(tb testing.TB) *Server {
	s := &Server{
		tb:         tb,
		token:      "7000000001:AAE-fake_token_for_tests_only_0123456789",
		quit:       make(chan struct{}),
		changed:    make(chan struct{}),
		nextUpdate: 100000,
		nextMsg:    map[int64]int{},
		messages:   map[int64]map[int]*storedMessage{},
		files:      map[string]*file{},
		paths:      map[string]*file{},
		queries:    map[string]bool{},
		commands:   map[string][]Command{},
		calls:      map[string]int{},
		failChat:   map[int64]failure{},
		failNext:   map[string][]failure{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/file/") {
			s.serveFile(w, r)
			return
		}
		s.serveAPI(w, r)
	}))
	tb.Cleanup(s.Close)
	return s
}

// Close ends open long polls and stops the server.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.quit)
		s.srv.Close()
	})
}

// URL is the server's base URL.
func (s *Server) URL() string { return s.srv.URL }

// Endpoint is the API endpoint in tgbotapi's format, for telegram.Options
// and CHIDAO_TELEGRAM_API_ENDPOINT: "http://127.0.0.1:port/bot%s/%s".
func (s *Server) Endpoint() string { return s.srv.URL + "/bot%s/%s" }

// Token is the only token the server accepts.
func (s *Server) Token() string { return s.token }

// Client returns an HTTP client for the server.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// ---- the users' side ----

// SendText makes u send text to the bot in their private chat and returns
// the message id. A leading "/word" is marked as a bot_command entity, as
// Telegram does.
func (s *Server) SendText(u User, text string) int {
	return s.userMessage(privateChat(u), u, func(m *apiMessage) { m.setText(text) })
}

// SendGroupText makes u send text in group g and returns the message id.
func (s *Server) SendGroupText(g Group, u User, text string) int {
	return s.userMessage(groupChat(g), u, func(m *apiMessage) { m.setText(text) })
}

// SendDocument makes u send a document (with a caption) and returns the
// message id. The bot can fetch it with getFile and the file URL.
func (s *Server) SendDocument(u User, name string, data []byte, caption string) int {
	s.mu.Lock()
	f := s.addFileLocked(name, data)
	s.mu.Unlock()
	return s.userMessage(privateChat(u), u, func(m *apiMessage) {
		m.Document = &apiDocument{FileID: f.id, FileUniqueID: "u" + f.id, FileName: name, MimeType: f.mime, FileSize: len(data)}
		m.Caption = caption
	})
}

// SendSticker makes u send a sticker and returns the message id.
func (s *Server) SendSticker(u User) int {
	return s.userMessage(privateChat(u), u, func(m *apiMessage) {
		m.Sticker = &apiSticker{FileID: "CAACAgIAAxkBAAIBsticker", FileUniqueID: "AgADsticker", Width: 512, Height: 512, Emoji: "👍", Type: "regular"}
	})
}

// EditText makes u edit their message messageID to text (an
// edited_message update).
func (s *Server) EditText(u User, messageID int, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := privateChat(u)
	m := apiMessage{MessageID: messageID, From: userJSON(u), Chat: c, Date: time.Now().Unix()}
	if old := s.messages[c.ID][messageID]; old != nil {
		m = old.msg
	}
	m.setText(text)
	m.EditDate = time.Now().Unix()
	s.enqueueLocked(apiUpdate{EditedMessage: &m})
}

// PressButton makes u press the button with data under the bot's message
// messageID in their private chat, and returns the callback query id the
// bot must answer.
func (s *Server) PressButton(u User, messageID int, data string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := privateChat(u)
	s.nextQuery++
	id := strconv.FormatInt(4382000000000000+int64(s.nextQuery), 10)
	s.queries[id] = false
	msg := apiMessage{MessageID: messageID, Chat: c, Date: time.Now().Unix(), From: botUser()}
	if old := s.messages[c.ID][messageID]; old != nil {
		msg = old.msg
	}
	s.enqueueLocked(apiUpdate{CallbackQuery: &apiCallback{
		ID: id, From: *userJSON(u), Message: &msg, ChatInstance: "-" + strconv.FormatInt(c.ID, 10), Data: data,
	}})
	return id
}

// InjectRaw queues an update given as raw JSON (without update_id, which it
// assigns) and returns its update id: for updates the helpers above do not
// make, such as channel posts.
func (s *Server) InjectRaw(raw string) int {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &obj); err != nil {
		s.tb.Errorf("telegramtest: InjectRaw: %v", err)
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextUpdate++
	obj["update_id"] = json.RawMessage(strconv.Itoa(s.nextUpdate))
	b, _ := json.Marshal(obj)
	s.pending = append(s.pending, pendingUpdate{id: s.nextUpdate, raw: b})
	s.notifyLocked()
	return s.nextUpdate
}

// userMessage stores and queues a message from u in chat c.
func (s *Server) userMessage(c apiChat, u User, fill func(*apiMessage)) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := apiMessage{MessageID: s.nextMessageLocked(c.ID), From: userJSON(u), Chat: c, Date: time.Now().Unix()}
	fill(&m)
	s.storeLocked(&storedMessage{msg: m})
	s.enqueueLocked(apiUpdate{Message: &m})
	return m.MessageID
}

// ---- inspection ----

// Sent returns every message the bot sent, in order.
func (s *Server) Sent() []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]SentMessage, len(s.sent))
	for i, m := range s.sent {
		out[i] = copySent(m)
	}
	return out
}

// SentTo returns the messages the bot sent to chatID, in order.
func (s *Server) SentTo(chatID int64) []SentMessage {
	var out []SentMessage
	for _, m := range s.Sent() {
		if m.ChatID == chatID {
			out = append(out, m)
		}
	}
	return out
}

// WaitSent waits until a message sent (or edited) to chatID satisfies match
// (any message when match is nil) and returns the first that does, or
// ctx's error.
func (s *Server) WaitSent(ctx context.Context, chatID int64, match func(SentMessage) bool) (SentMessage, error) {
	for {
		s.mu.Lock()
		for _, m := range s.sent {
			if m.ChatID == chatID && (match == nil || match(copySent(m))) {
				c := copySent(m)
				s.mu.Unlock()
				return c, nil
			}
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return SentMessage{}, fmt.Errorf("telegramtest: no matching message to %d: %w", chatID, ctx.Err())
		case <-s.quit:
			return SentMessage{}, errors.New("telegramtest: server closed")
		}
	}
}

// Calls returns how many requests method has received (with a valid token).
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// Answered returns the answerCallbackQuery calls, in order.
func (s *Server) Answered() []AnsweredCallback {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.answered)
}

// Commands returns the commands set for scope: "default", or a chat id.
func (s *Server) Commands(scope string) []Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.commands[scope])
}

// Webhook returns the webhook set (zero when none).
func (s *Server) Webhook() WebhookInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook
}

// Offset returns the highest offset a getUpdates call confirmed with.
func (s *Server) Offset() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.confirmed
}

// Pending returns how many updates are not confirmed yet.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pending)
}

// TooManyRequests returns how many 429 answers the limits mode gave.
func (s *Server) TooManyRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.limits.Refused()
}

// ---- failure injection ----

// FailChat makes every send and edit to chatID fail with code and
// description, e.g. FailChat(id, 403, "Forbidden: bot was blocked by the
// user") or FailChat(id, 400, "Bad Request: chat not found"), until
// ClearFailures.
func (s *Server) FailChat(chatID int64, code int, description string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failChat[chatID] = failure{code: code, description: description}
}

// FailNext makes the next call of method fail with code, with Telegram's
// usual description for it; retryAfter (seconds) goes into the 429's
// parameters. Calls queue up: two FailNext fail the next two calls.
func (s *Server) FailNext(method string, code, retryAfter int) {
	s.FailNextWith(method, code, defaultDescription(code, retryAfter), retryAfter)
}

// FailNextWith is FailNext with a description of the test's own.
func (s *Server) FailNextWith(method string, code int, description string, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext[method] = append(s.failNext[method], failure{code: code, description: description, retryAfter: retryAfter})
}

// Fail5xx makes the next n requests, whatever the method, fail with 502 Bad
// Gateway and an HTML body, as a proxy in front of the Bot API does.
func (s *Server) Fail5xx(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail5xx = n
}

// ClearFailures removes every injected failure and limit.
func (s *Server) ClearFailures() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failChat = map[int64]failure{}
	s.failNext = map[string][]failure{}
	s.fail5xx = 0
	s.limits.Set(0, 0)
}

// EnforceLimits answers sendMessage and sendDocument with 429 and a
// retry_after when the bot sends more than perSecond messages in a second
// overall or two messages to one chat less than perChat apart, as Telegram
// does, counting the 429s (TooManyRequests). Like Telegram it tolerates a
// little: 10% of perChat, and perSecond/10 (at least 1) extra messages in a
// second. Zero turns a limit off.
func (s *Server) EnforceLimits(perSecond int, perChat time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits.Set(perSecond, perChat)
}

func defaultDescription(code, retryAfter int) string {
	switch code {
	case 400:
		return "Bad Request"
	case 401:
		return "Unauthorized"
	case 403:
		return "Forbidden: bot was blocked by the user"
	case 404:
		return "Not Found"
	case 409:
		return "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
	case 429:
		return fmt.Sprintf("Too Many Requests: retry after %d", retryAfter)
	case 500:
		return "Internal Server Error"
	case 502:
		return "Bad Gateway"
	}
	return http.StatusText(code)
}

// ---- HTTP ----

// serveAPI answers /bot<token>/<method>.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	rest, isAPI := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok := strings.Cut(rest, "/")
	if !isAPI || !ok || method == "" || strings.Contains(method, "/") {
		writeError(w, failure{code: 404, description: "Not Found"})
		return
	}
	if token != s.token {
		writeError(w, failure{code: 401, description: "Unauthorized"})
		return
	}
	params, files, err := readParams(w, r)
	if err != nil {
		writeError(w, failure{code: 400, description: "Bad Request: " + err.Error()})
		return
	}

	s.mu.Lock()
	s.calls[method]++
	if s.fail5xx > 0 {
		s.fail5xx--
		s.mu.Unlock()
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		io.WriteString(w, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n")
		return
	}
	if q := s.failNext[method]; len(q) > 0 {
		f := q[0]
		s.failNext[method] = q[1:]
		s.mu.Unlock()
		writeError(w, f)
		return
	}
	s.mu.Unlock()

	switch method {
	case "getMe":
		writeOK(w, apiUser{ID: BotID, IsBot: true, FirstName: "Chỉ đạo (thử)", Username: BotUsername, CanJoinGroups: true})
	case "getUpdates":
		s.getUpdates(w, r, params)
	case "sendMessage":
		s.sendMessage(w, params)
	case "sendDocument":
		s.sendDocument(w, params, files)
	case "editMessageText":
		s.editMessage(w, params, true)
	case "editMessageReplyMarkup":
		s.editMessage(w, params, false)
	case "answerCallbackQuery":
		s.answerCallback(w, params)
	case "setMyCommands":
		s.setMyCommands(w, params)
	case "setWebhook":
		s.setWebhook(w, params)
	case "deleteWebhook":
		s.mu.Lock()
		s.webhook = WebhookInfo{}
		s.notifyLocked()
		s.mu.Unlock()
		writeOKDescription(w, true, "Webhook was deleted")
	case "getWebhookInfo":
		s.mu.Lock()
		info := map[string]any{"url": s.webhook.URL, "has_custom_certificate": false, "pending_update_count": len(s.pending)}
		s.mu.Unlock()
		writeOK(w, info)
	case "getFile":
		s.getFile(w, params)
	default:
		writeError(w, failure{code: 404, description: "Not Found"})
	}
}

// serveFile answers /file/bot<token>/<path>.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot")
	token, p, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 || token != s.token {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	s.calls["file"]++
	f := s.paths[p]
	s.mu.Unlock()
	if f == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(f.data)))
	w.Write(f.data)
}

func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, p map[string]string) {
	offset, _ := strconv.Atoi(p["offset"])
	timeout, _ := strconv.Atoi(p["timeout"])
	limit, _ := strconv.Atoi(p["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	s.mu.Lock()
	if s.webhook.URL != "" {
		s.mu.Unlock()
		writeError(w, failure{code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"})
		return
	}
	if offset > 0 {
		s.confirmed = max(s.confirmed, offset)
		s.pending = slices.DeleteFunc(s.pending, func(u pendingUpdate) bool { return u.id < offset })
	}
	// A newer getUpdates ends an older one still waiting, with a 409.
	s.pollGen++
	gen := s.pollGen
	s.notifyLocked()
	s.mu.Unlock()

	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if s.pollGen != gen {
			s.mu.Unlock()
			writeError(w, failure{code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"})
			return
		}
		if s.webhook.URL != "" {
			s.mu.Unlock()
			writeError(w, failure{code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"})
			return
		}
		if len(s.pending) > 0 || timeout <= 0 {
			n := min(limit, len(s.pending))
			out := make([]json.RawMessage, n)
			for i := range n {
				out[i] = s.pending[i].raw
			}
			s.mu.Unlock()
			writeOK(w, out)
			return
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-deadline.C:
			timeout = 0
		case <-r.Context().Done():
			return
		case <-s.quit:
			return
		}
	}
}

// checkSend applies FailChat and the limits to a send to chatID. Called
// with mu held; it writes the error answer itself and returns false.
func (s *Server) checkSendLocked(w http.ResponseWriter, chatID int64, counts bool) bool {
	if f, ok := s.failChat[chatID]; ok {
		writeError(w, f)
		return false
	}
	if !counts {
		return true
	}
	if wait, ok := s.limits.Allow(chatID, time.Now()); !ok {
		writeError(w, failure{code: 429, description: defaultDescription(429, wait), retryAfter: wait})
		return false
	}
	return true
}

// chatAndKeyboard reads a call's chat_id and reply_markup, answering the
// Bot API's error when either is bad.
func chatAndKeyboard(w http.ResponseWriter, p map[string]string) (int64, [][]Button, bool) {
	chatID, err := strconv.ParseInt(p["chat_id"], 10, 64)
	if err != nil {
		writeError(w, failure{code: 400, description: "Bad Request: chat not found"})
		return 0, nil, false
	}
	kb, err := parseKeyboard(p["reply_markup"])
	if err != nil {
		writeError(w, failure{code: 400, description: "Bad Request: can't parse reply keyboard markup JSON object"})
		return 0, nil, false
	}
	return chatID, kb, true
}

func (s *Server) sendMessage(w http.ResponseWriter, p map[string]string) {
	chatID, kb, ok := chatAndKeyboard(w, p)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.checkSendLocked(w, chatID, true) {
		return
	}
	text := p["text"]
	switch {
	case strings.TrimSpace(text) == "":
		writeError(w, failure{code: 400, description: "Bad Request: message text is empty"})
		return
	case utf8.RuneCountInString(text) > MaxTextLen:
		writeError(w, failure{code: 400, description: "Bad Request: message is too long"})
		return
	}
	sm := &SentMessage{ChatID: chatID, Method: "sendMessage", Text: text, ParseMode: p["parse_mode"], Buttons: kb, At: time.Now()}
	writeOK(w, s.botMessageLocked(sm).msg)
}

func (s *Server) sendDocument(w http.ResponseWriter, p map[string]string, files map[string]upload) {
	chatID, kb, ok := chatAndKeyboard(w, p)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.checkSendLocked(w, chatID, true) {
		return
	}
	var f *file
	up, uploaded := files["document"]
	if uploaded {
		f = s.addFileLocked(up.name, up.data)
	} else if id := p["document"]; id != "" {
		if f = s.files[id]; f == nil {
			writeError(w, failure{code: 400, description: "Bad Request: wrong file identifier/HTTP URL specified"})
			return
		}
	} else {
		writeError(w, failure{code: 400, description: "Bad Request: there is no document in the request"})
		return
	}
	if utf8.RuneCountInString(p["caption"]) > 1024 {
		writeError(w, failure{code: 400, description: "Bad Request: message caption is too long"})
		return
	}
	sm := &SentMessage{ChatID: chatID, Method: "sendDocument", Text: p["caption"], ParseMode: p["parse_mode"], Buttons: kb, At: time.Now(),
		Document: &Document{FileID: f.id, Name: f.name, MIME: f.mime, Data: f.data, Uploaded: uploaded}}
	writeOK(w, s.botMessageLocked(sm).msg)
}

func (s *Server) editMessage(w http.ResponseWriter, p map[string]string, withText bool) {
	chatID, kb, ok := chatAndKeyboard(w, p)
	if !ok {
		return
	}
	msgID, _ := strconv.Atoi(p["message_id"])
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.checkSendLocked(w, chatID, false) {
		return
	}
	st := s.messages[chatID][msgID]
	if st == nil || st.sent == nil {
		writeError(w, failure{code: 400, description: "Bad Request: message to edit not found"})
		return
	}
	text := st.sent.Text
	if withText {
		text = p["text"]
		switch {
		case strings.TrimSpace(text) == "":
			writeError(w, failure{code: 400, description: "Bad Request: message text is empty"})
			return
		case utf8.RuneCountInString(text) > MaxTextLen:
			writeError(w, failure{code: 400, description: "Bad Request: MESSAGE_TOO_LONG"})
			return
		case st.sent.Method != "sendMessage":
			writeError(w, failure{code: 400, description: "Bad Request: there is no text in the message to edit"})
			return
		}
	}
	if text == st.sent.Text && fmt.Sprint(kb) == fmt.Sprint(st.sent.Buttons) {
		writeError(w, failure{code: 400, description: "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"})
		return
	}
	st.sent.Text, st.sent.Buttons = text, kb
	st.sent.Edits++
	if withText {
		st.msg.Text = text
	}
	st.msg.ReplyMarkup = keyboardJSON(kb)
	st.msg.EditDate = time.Now().Unix()
	s.notifyLocked()
	writeOK(w, st.msg)
}

func (s *Server) answerCallback(w http.ResponseWriter, p map[string]string) {
	id := p["callback_query_id"]
	s.mu.Lock()
	defer s.mu.Unlock()
	answered, ok := s.queries[id]
	if !ok || answered {
		writeError(w, failure{code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid"})
		return
	}
	if utf8.RuneCountInString(p["text"]) > 200 {
		writeError(w, failure{code: 400, description: "Bad Request: MESSAGE_TOO_LONG"})
		return
	}
	s.queries[id] = true
	s.answered = append(s.answered, AnsweredCallback{ID: id, Text: p["text"], ShowAlert: p["show_alert"] == "true"})
	s.notifyLocked()
	writeOK(w, true)
}

var commandName = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

func (s *Server) setMyCommands(w http.ResponseWriter, p map[string]string) {
	var cmds []Command
	if err := json.Unmarshal([]byte(p["commands"]), &cmds); err != nil {
		writeError(w, failure{code: 400, description: "Bad Request: can't parse commands JSON object"})
		return
	}
	for _, c := range cmds {
		if !commandName.MatchString(c.Command) {
			writeError(w, failure{code: 400, description: "Bad Request: BOT_COMMAND_INVALID"})
			return
		}
		if n := utf8.RuneCountInString(c.Description); n < 1 || n > 256 {
			writeError(w, failure{code: 400, description: "Bad Request: command description must be non-empty"})
			return
		}
	}
	scope := "default"
	if raw := p["scope"]; raw != "" {
		var sc struct {
			Type   string `json:"type"`
			ChatID int64  `json:"chat_id"`
		}
		if err := json.Unmarshal([]byte(raw), &sc); err != nil {
			writeError(w, failure{code: 400, description: "Bad Request: can't parse BotCommandScope JSON object"})
			return
		}
		switch sc.Type {
		case "default", "":
		case "chat":
			scope = strconv.FormatInt(sc.ChatID, 10)
		default:
			scope = sc.Type
		}
	}
	s.mu.Lock()
	s.commands[scope] = cmds
	s.mu.Unlock()
	writeOK(w, true)
}

var secretToken = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

func (s *Server) setWebhook(w http.ResponseWriter, p map[string]string) {
	if sec := p["secret_token"]; sec != "" && !secretToken.MatchString(sec) {
		writeError(w, failure{code: 400, description: "Bad Request: secret token contains unallowed characters"})
		return
	}
	if u := p["url"]; u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		writeError(w, failure{code: 400, description: "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"})
		return
	}
	s.mu.Lock()
	s.webhook = WebhookInfo{URL: p["url"], SecretToken: p["secret_token"]}
	s.notifyLocked()
	s.mu.Unlock()
	writeOKDescription(w, true, "Webhook was set")
}

func (s *Server) getFile(w http.ResponseWriter, p map[string]string) {
	s.mu.Lock()
	f := s.files[p["file_id"]]
	s.mu.Unlock()
	if f == nil {
		writeError(w, failure{code: 400, description: "Bad Request: invalid file_id"})
		return
	}
	writeOK(w, map[string]any{"file_id": f.id, "file_unique_id": "u" + f.id, "file_size": len(f.data), "file_path": f.path})
}

// ---- state helpers (mu held) ----

func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) nextMessageLocked(chatID int64) int {
	s.nextMsg[chatID]++
	return s.nextMsg[chatID]
}

func (s *Server) storeLocked(m *storedMessage) {
	byID := s.messages[m.msg.Chat.ID]
	if byID == nil {
		byID = map[int]*storedMessage{}
		s.messages[m.msg.Chat.ID] = byID
	}
	byID[m.msg.MessageID] = m
}

func (s *Server) enqueueLocked(u apiUpdate) {
	s.nextUpdate++
	u.UpdateID = s.nextUpdate
	raw, _ := json.Marshal(u)
	s.pending = append(s.pending, pendingUpdate{id: u.UpdateID, raw: raw})
	s.notifyLocked()
}

// botMessageLocked records a message the bot sent.
func (s *Server) botMessageLocked(sm *SentMessage) *storedMessage {
	sm.MessageID = s.nextMessageLocked(sm.ChatID)
	chatType := "private"
	if sm.ChatID < 0 {
		chatType = "group"
	}
	m := apiMessage{MessageID: sm.MessageID, From: botUser(), Chat: apiChat{ID: sm.ChatID, Type: chatType}, Date: sm.At.Unix(), ReplyMarkup: keyboardJSON(sm.Buttons)}
	if sm.Document != nil {
		m.Caption = sm.Text
		m.Document = &apiDocument{FileID: sm.Document.FileID, FileUniqueID: "u" + sm.Document.FileID, FileName: sm.Document.Name, MimeType: sm.Document.MIME, FileSize: len(sm.Document.Data)}
	} else {
		m.Text = sm.Text
	}
	st := &storedMessage{msg: m, sent: sm}
	s.storeLocked(st)
	s.sent = append(s.sent, sm)
	s.notifyLocked()
	return st
}

func (s *Server) addFileLocked(name string, data []byte) *file {
	s.nextFile++
	ext := path.Ext(name)
	typ := mime.TypeByExtension(ext)
	if typ == "" {
		typ = "application/octet-stream"
	}
	f := &file{
		id:   fmt.Sprintf("BQACAgIAAxkBAAI%06d", s.nextFile),
		path: fmt.Sprintf("documents/file_%d%s", s.nextFile, ext),
		name: name, mime: typ, data: slices.Clone(data),
	}
	s.files[f.id] = f
	s.paths[f.path] = f
	return f
}

func copySent(m *SentMessage) SentMessage {
	c := *m
	c.Buttons = make([][]Button, len(m.Buttons))
	for i, row := range m.Buttons {
		c.Buttons[i] = slices.Clone(row)
	}
	if len(m.Buttons) == 0 {
		c.Buttons = nil
	}
	if m.Document != nil {
		d := *m.Document
		c.Document = &d
	}
	return c
}

// ---- wire format ----

type apiUser struct {
	ID            int64  `json:"id"`
	IsBot         bool   `json:"is_bot"`
	FirstName     string `json:"first_name"`
	LastName      string `json:"last_name,omitempty"`
	Username      string `json:"username,omitempty"`
	LanguageCode  string `json:"language_code,omitempty"`
	CanJoinGroups bool   `json:"can_join_groups,omitempty"`
}

type apiChat struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	Username  string `json:"username,omitempty"`
}

type apiEntity struct {
	Type   string `json:"type"`
	Offset int    `json:"offset"`
	Length int    `json:"length"`
}

type apiDocument struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileName     string `json:"file_name,omitempty"`
	MimeType     string `json:"mime_type,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
}

type apiSticker struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Type         string `json:"type"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	IsAnimated   bool   `json:"is_animated"`
	Emoji        string `json:"emoji,omitempty"`
}

type apiButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data,omitempty"`
}

type apiMarkup struct {
	InlineKeyboard [][]apiButton `json:"inline_keyboard"`
}

type apiMessage struct {
	MessageID   int          `json:"message_id"`
	From        *apiUser     `json:"from,omitempty"`
	Date        int64        `json:"date"`
	Chat        apiChat      `json:"chat"`
	EditDate    int64        `json:"edit_date,omitempty"`
	Text        string       `json:"text,omitempty"`
	Entities    []apiEntity  `json:"entities,omitempty"`
	Caption     string       `json:"caption,omitempty"`
	Document    *apiDocument `json:"document,omitempty"`
	Sticker     *apiSticker  `json:"sticker,omitempty"`
	ReplyMarkup *apiMarkup   `json:"reply_markup,omitempty"`
}

// setText sets the text and, for a leading command, its entity.
func (m *apiMessage) setText(text string) {
	m.Text = text
	m.Entities = nil
	if strings.HasPrefix(text, "/") {
		cmd := text
		if i := strings.IndexAny(text, " \n\t"); i >= 0 {
			cmd = text[:i]
		}
		if len(cmd) > 1 {
			m.Entities = []apiEntity{{Type: "bot_command", Offset: 0, Length: utf16Len(cmd)}}
		}
	}
}

type apiCallback struct {
	ID           string      `json:"id"`
	From         apiUser     `json:"from"`
	Message      *apiMessage `json:"message,omitempty"`
	ChatInstance string      `json:"chat_instance"`
	Data         string      `json:"data,omitempty"`
}

type apiUpdate struct {
	UpdateID      int          `json:"update_id"`
	Message       *apiMessage  `json:"message,omitempty"`
	EditedMessage *apiMessage  `json:"edited_message,omitempty"`
	CallbackQuery *apiCallback `json:"callback_query,omitempty"`
}

func userJSON(u User) *apiUser {
	return &apiUser{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName, Username: u.Username, LanguageCode: "vi"}
}

func botUser() *apiUser {
	return &apiUser{ID: BotID, IsBot: true, FirstName: "Chỉ đạo (thử)", Username: BotUsername}
}

func privateChat(u User) apiChat {
	return apiChat{ID: u.ID, Type: "private", FirstName: u.FirstName, LastName: u.LastName, Username: u.Username}
}

func groupChat(g Group) apiChat {
	t := "group"
	if g.Supergroup {
		t = "supergroup"
	}
	return apiChat{ID: g.ID, Type: t, Title: g.Title}
}

func keyboardJSON(kb [][]Button) *apiMarkup {
	if len(kb) == 0 {
		return nil
	}
	m := &apiMarkup{}
	for _, row := range kb {
		var r []apiButton
		for _, b := range row {
			r = append(r, apiButton{Text: b.Text, CallbackData: b.Data})
		}
		m.InlineKeyboard = append(m.InlineKeyboard, r)
	}
	return m
}

// parseKeyboard reads an inline keyboard reply_markup; "" is none.
func parseKeyboard(raw string) ([][]Button, error) {
	if raw == "" || raw == "null" {
		return nil, nil
	}
	var m apiMarkup
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return nil, err
	}
	var kb [][]Button
	for _, row := range m.InlineKeyboard {
		var r []Button
		for _, b := range row {
			if len(b.CallbackData) > 64 {
				return nil, errors.New("BUTTON_DATA_INVALID")
			}
			r = append(r, Button{Text: b.Text, Data: b.CallbackData})
		}
		kb = append(kb, r)
	}
	return kb, nil
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// upload is a file part of a multipart request.
type upload struct {
	name string
	data []byte
}

// readParams reads a request's parameters, whether form-encoded, multipart
// or JSON, as Telegram accepts all three.
func readParams(w http.ResponseWriter, r *http.Request) (map[string]string, map[string]upload, error) {
	params := map[string]string{}
	files := map[string]upload{}
	for k, v := range r.URL.Query() {
		params[k] = v[0]
	}
	if r.Method != http.MethodPost {
		return params, files, nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<20)
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "multipart/form-data":
		if err := r.ParseMultipartForm(64 << 20); err != nil {
			return nil, nil, fmt.Errorf("bad multipart body: %v", err)
		}
		for k, v := range r.MultipartForm.Value {
			params[k] = v[0]
		}
		for k, fhs := range r.MultipartForm.File {
			f, err := fhs[0].Open()
			if err != nil {
				return nil, nil, err
			}
			data, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return nil, nil, err
			}
			files[k] = upload{name: fhs[0].Filename, data: data}
		}
	case "application/json":
		var obj map[string]json.RawMessage
		if err := json.NewDecoder(r.Body).Decode(&obj); err != nil {
			return nil, nil, fmt.Errorf("bad JSON body: %v", err)
		}
		for k, v := range obj {
			var str string
			if json.Unmarshal(v, &str) == nil {
				params[k] = str
			} else {
				params[k] = string(v)
			}
		}
	default:
		if err := r.ParseForm(); err != nil {
			return nil, nil, fmt.Errorf("bad form body: %v", err)
		}
		maps.Copy(params, flatten(r.PostForm))
	}
	return params, files, nil
}

func flatten(v map[string][]string) map[string]string {
	out := make(map[string]string, len(v))
	for k, vs := range v {
		if len(vs) > 0 {
			out[k] = vs[0]
		}
	}
	return out
}

func writeOK(w http.ResponseWriter, result any) {
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": result})
}

func writeOKDescription(w http.ResponseWriter, result any, description string) {
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": result, "description": description})
}

func writeError(w http.ResponseWriter, f failure) {
	body := map[string]any{"ok": false, "error_code": f.code, "description": f.description}
	if f.retryAfter > 0 {
		body["parameters"] = map[string]any{"retry_after": f.retryAfter}
	}
	writeJSON(w, f.code, body)
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	if status < 100 || status > 599 {
		status = http.StatusBadRequest
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}
