// Package zalotest is a fake Zalo Bot Platform API server for tests. It
// speaks the platform's JSON envelope ({"ok":true,"result":…} and
// {"ok":false,"error_code":…,"description":…}), serves getUpdates as a long
// poll handing out one update per call (no offset: an update is consumed
// when returned) and answering error_code 408 when the poll ends empty,
// enforces the 2000-character sendMessage limit, and lets a test play the
// users, inspect what the bot sent, and inject failures and rate limits. It
// is safe for concurrent use.
//
// Where the platform's behaviour is not documented publicly the fake makes
// an assumption and says so: error answers use the error_code as HTTP
// status, getUpdates while a webhook is set answers 409, and a too-long text
// answers 400.
package zalotest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"chidao/bot/internal/ratejudge"
)

// MaxTextLen is the longest text sendMessage accepts.
const MaxTextLen = 2000

// Who getMe says the bot is.
const (
	BotID   = "2960000000000000001"
	BotName = "Chỉ đạo (thử)"
)

// User is a Zalo user played by a test.
type User struct {
	ID   string
	Name string
}

// Group is a group chat played by a test.
type Group struct {
	ID string
}

// SentMessage is a message the bot sent.
type SentMessage struct {
	MessageID string
	ChatID    string
	Text      string
	At        time.Time
}

// ChatAction is a sendChatAction call.
type ChatAction struct {
	ChatID string
	Action string
}

// WebhookInfo is the webhook the bot set.
type WebhookInfo struct {
	URL         string
	SecretToken string
}

type failure struct {
	code        int
	description string
	retryAfter  int
}

// Server is the fake Zalo Bot API.
type Server struct {
	tb    testing.TB
	srv   *httptest.Server
	token string
	quit  chan struct{}
	once  sync.Once

	mu             sync.Mutex
	changed        chan struct{}
	nextID         int
	pending        []json.RawMessage
	sent           []SentMessage
	actions        []ChatAction
	webhook        WebhookInfo
	calls          map[string]int
	contacted      map[string]bool
	requireContact bool
	failChat       map[string]failure
	failNext       map[string][]failure
	fail5xx        int
	limits         ratejudge.Judge[string]
}

// New starts a server; the test's cleanup closes it.
func New(tb testing.TB) *Server {
	s := &Server{
		tb:        tb,
		token:     "2960000000000000001:zaloFakeTokenForTestsOnly0123456789",
		quit:      make(chan struct{}),
		changed:   make(chan struct{}),
		nextID:    1000,
		calls:     map[string]int{},
		contacted: map[string]bool{},
		failChat:  map[string]failure{},
		failNext:  map[string][]failure{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
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

// Endpoint is the API base for zalo.Options and CHIDAO_ZALO_API_ENDPOINT
// (the same as URL).
func (s *Server) Endpoint() string { return s.srv.URL }

// Token is the only token the server accepts.
func (s *Server) Token() string { return s.token }

// Client returns an HTTP client for the server.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// RequireContact makes sendMessage to a chat that never wrote to the bot
// fail with 403, as Zalo only lets a bot answer users who wrote first.
func (s *Server) RequireContact(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requireContact = on
}

// ---- the users' side ----

// SendText makes u send text to the bot in their private chat and returns
// the message id.
func (s *Server) SendText(u User, text string) string {
	return s.inject("message.text.received", u, u.ID, "PRIVATE", map[string]any{"text": text})
}

// SendGroupText makes u send text in group g and returns the message id.
func (s *Server) SendGroupText(g Group, u User, text string) string {
	return s.inject("message.text.received", u, g.ID, "GROUP", map[string]any{"text": text})
}

// SendImage makes u send an image with a caption and returns the message id.
func (s *Server) SendImage(u User, photoURL, caption string) string {
	return s.inject("message.image.received", u, u.ID, "PRIVATE", map[string]any{"photo_url": photoURL, "caption": caption})
}

// SendSticker makes u send a sticker and returns the message id.
func (s *Server) SendSticker(u User) string {
	return s.inject("message.sticker.received", u, u.ID, "PRIVATE", map[string]any{"sticker": "bfe4b3d5bd92"})
}

// SendUnsupported makes u send something bots cannot see (a voice message,
// a file) and returns the message id.
func (s *Server) SendUnsupported(u User) string {
	return s.inject("message.unsupported.received", u, u.ID, "PRIVATE", nil)
}

// InjectRaw queues an update given as raw JSON as it is.
func (s *Server) InjectRaw(raw string) {
	if !json.Valid([]byte(raw)) {
		s.tb.Errorf("zalotest: InjectRaw: invalid JSON")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pending = append(s.pending, json.RawMessage(raw))
	s.notifyLocked()
}

func (s *Server) inject(event string, u User, chatID, chatType string, fields map[string]any) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	id := fmt.Sprintf("%032x", s.nextID)
	msg := map[string]any{
		"from":       map[string]any{"id": u.ID, "display_name": u.Name, "is_bot": false},
		"chat":       map[string]any{"id": chatID, "chat_type": chatType},
		"message_id": id,
		"date":       time.Now().UnixMilli(),
	}
	for k, v := range fields {
		msg[k] = v
	}
	raw, _ := json.Marshal(map[string]any{"event_name": event, "message": msg})
	s.pending = append(s.pending, raw)
	s.contacted[chatID] = true
	s.notifyLocked()
	return id
}

// ---- inspection ----

// Sent returns every message the bot sent, in order.
func (s *Server) Sent() []SentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sent)
}

// SentTo returns the messages the bot sent to chatID, in order.
func (s *Server) SentTo(chatID string) []SentMessage {
	var out []SentMessage
	for _, m := range s.Sent() {
		if m.ChatID == chatID {
			out = append(out, m)
		}
	}
	return out
}

// WaitSent waits until a message sent to chatID satisfies match (any when
// match is nil) and returns the first that does, or ctx's error.
func (s *Server) WaitSent(ctx context.Context, chatID string, match func(SentMessage) bool) (SentMessage, error) {
	for {
		s.mu.Lock()
		for _, m := range s.sent {
			if m.ChatID == chatID && (match == nil || match(m)) {
				s.mu.Unlock()
				return m, nil
			}
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return SentMessage{}, fmt.Errorf("zalotest: no matching message to %s: %w", chatID, ctx.Err())
		case <-s.quit:
			return SentMessage{}, errors.New("zalotest: server closed")
		}
	}
}

// Calls returns how many requests method has received (with a valid token).
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// ChatActions returns the sendChatAction calls, in order.
func (s *Server) ChatActions() []ChatAction {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.actions)
}

// Webhook returns the webhook set (zero when none).
func (s *Server) Webhook() WebhookInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook
}

// Pending returns how many updates no getUpdates has taken yet.
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

// FailChat makes every send to chatID fail with code and description, e.g.
// FailChat(id, 403, "Forbidden"), until ClearFailures.
func (s *Server) FailChat(chatID string, code int, description string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failChat[chatID] = failure{code: code, description: description}
}

// FailNext makes the next call of method fail with code; retryAfter
// (seconds) goes into a 429's parameters. Calls queue up.
func (s *Server) FailNext(method string, code, retryAfter int) {
	s.FailNextWith(method, code, http.StatusText(code), retryAfter)
}

// FailNextWith is FailNext with a description of the test's own.
func (s *Server) FailNextWith(method string, code int, description string, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext[method] = append(s.failNext[method], failure{code: code, description: description, retryAfter: retryAfter})
}

// Fail5xx makes the next n requests fail with 502 and an HTML body.
func (s *Server) Fail5xx(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail5xx = n
}

// ClearFailures removes every injected failure and limit.
func (s *Server) ClearFailures() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failChat = map[string]failure{}
	s.failNext = map[string][]failure{}
	s.fail5xx = 0
	s.limits.Set(0, 0)
}

// EnforceLimits answers sendMessage with 429 when the bot sends more than
// perSecond messages in a second overall or two messages to one chat less
// than perChat apart, tolerating 10% of perChat and perSecond/10 (at least
// 1) extra messages a second; TooManyRequests counts them. Zero turns a
// limit off.
func (s *Server) EnforceLimits(perSecond int, perChat time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits.Set(perSecond, perChat)
}

// ---- HTTP ----

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
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
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		writeError(w, failure{code: 405, description: "Method Not Allowed"})
		return
	}
	params := map[string]string{}
	if r.Method == http.MethodPost {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
		if err != nil {
			writeError(w, failure{code: 400, description: "Bad Request: body too large"})
			return
		}
		if len(strings.TrimSpace(string(body))) > 0 {
			var obj map[string]json.RawMessage
			if err := json.Unmarshal(body, &obj); err != nil {
				writeError(w, failure{code: 400, description: "Bad Request: invalid JSON"})
				return
			}
			for k, v := range obj {
				var str string
				if json.Unmarshal(v, &str) == nil {
					params[k] = str
				} else {
					params[k] = string(v)
				}
			}
		}
	}

	s.mu.Lock()
	s.calls[method]++
	if s.fail5xx > 0 {
		s.fail5xx--
		s.mu.Unlock()
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		io.WriteString(w, "<html><body><h1>502 Bad Gateway</h1></body></html>\n")
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
		writeOK(w, map[string]any{"id": BotID, "account_name": "bot.chidao", "account_type": "BASIC", "can_join_groups": true, "display_name": BotName})
	case "getUpdates":
		s.getUpdates(w, r, params)
	case "sendMessage":
		s.sendMessage(w, params)
	case "sendChatAction":
		s.mu.Lock()
		s.actions = append(s.actions, ChatAction{ChatID: params["chat_id"], Action: params["action"]})
		s.notifyLocked()
		s.mu.Unlock()
		writeOK(w, true)
	case "setWebhook":
		sec := params["secret_token"]
		if n := len(sec); n < 8 || n > 256 || !strings.HasPrefix(params["url"], "https://") {
			writeError(w, failure{code: 400, description: "Bad Request: url must be https and secret_token 8-256 characters"})
			return
		}
		s.mu.Lock()
		s.webhook = WebhookInfo{URL: params["url"], SecretToken: sec}
		s.notifyLocked()
		s.mu.Unlock()
		writeOK(w, map[string]any{"url": params["url"], "updated_at": time.Now().UnixMilli()})
	case "deleteWebhook":
		s.mu.Lock()
		s.webhook = WebhookInfo{}
		s.notifyLocked()
		s.mu.Unlock()
		writeOK(w, map[string]any{"url": "", "updated_at": time.Now().UnixMilli()})
	case "getWebhookInfo":
		s.mu.Lock()
		info := map[string]any{"url": s.webhook.URL, "updated_at": time.Now().UnixMilli()}
		s.mu.Unlock()
		writeOK(w, info)
	default:
		writeError(w, failure{code: 404, description: "Not Found"})
	}
}

func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, p map[string]string) {
	timeout, _ := strconv.Atoi(p["timeout"])
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		if s.webhook.URL != "" {
			s.mu.Unlock()
			writeError(w, failure{code: 409, description: "Conflict: webhook is active"})
			return
		}
		if len(s.pending) > 0 {
			u := s.pending[0]
			s.pending = s.pending[1:]
			s.mu.Unlock()
			writeOK(w, u)
			return
		}
		if timeout <= 0 {
			s.mu.Unlock()
			writeError(w, failure{code: 408, description: "Request timeout"})
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

func (s *Server) sendMessage(w http.ResponseWriter, p map[string]string) {
	chatID, text := p["chat_id"], p["text"]
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.failChat[chatID]; ok {
		writeError(w, f)
		return
	}
	switch {
	case chatID == "":
		writeError(w, failure{code: 400, description: "Bad Request: chat_id is required"})
		return
	case s.requireContact && !s.contacted[chatID]:
		writeError(w, failure{code: 403, description: "Forbidden: the user has not messaged the bot"})
		return
	case strings.TrimSpace(text) == "":
		writeError(w, failure{code: 400, description: "Bad Request: text is empty"})
		return
	case utf8.RuneCountInString(text) > MaxTextLen:
		writeError(w, failure{code: 400, description: "Bad Request: text is too long"})
		return
	}
	now := time.Now()
	if wait, ok := s.limits.Allow(chatID, now); !ok {
		writeError(w, failure{code: 429, description: "Too Many Requests", retryAfter: wait})
		return
	}
	s.nextID++
	m := SentMessage{MessageID: fmt.Sprintf("%032x", s.nextID), ChatID: chatID, Text: text, At: now}
	s.sent = append(s.sent, m)
	s.notifyLocked()
	writeOK(w, map[string]any{"message_id": m.MessageID, "date": now.UnixMilli()})
}

func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func writeOK(w http.ResponseWriter, result any) {
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": result})
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
