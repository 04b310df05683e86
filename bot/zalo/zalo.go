// Package zalo is chidao's adapter for the Zalo Bot Platform, a
// Telegram-like HTTP API (https://bot-api.zaloplatforms.com/bot<TOKEN>/<method>,
// POST JSON, answers {ok, result, error_code, description}), written with the
// standard library.
//
// What the API looks like was checked against public sources (the platform's
// own documentation at bot.zaloplatforms.com was not reachable here):
//   - the Zalo plugins of OpenClaw and Hanzo Bot (extensions/zalo/src/api.ts
//     and monitor.ts): getUpdates takes {"timeout": "30"} (seconds, as a
//     string), has no offset and returns a single update per call, not an
//     array; error_code 408 means the long poll ended without an update;
//     webhooks POST the update itself ({event_name, message}), some
//     deployments wrap it as {ok, result}; setWebhook takes {url,
//     secret_token}; sendChatAction takes {chat_id, action: "typing"};
//     messages carry from.display_name, chat.chat_type "PRIVATE" or "GROUP",
//     string ids, and event names message.text.received,
//     message.image.received, message.sticker.received and
//     message.unsupported.received;
//   - docs.beeblast.co/channels/zalo: the secret comes back in the
//     X-Bot-Api-Secret-Token header (8 to 256 characters), and replies are
//     split into 2000-character chunks, the sendMessage text limit.
//
// Zalo has no buttons: wrap Client in bot.Numbered. A user can only be
// messaged after writing to the bot first.
package zalo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"chidao"
	"chidao/bot"
)

// Limits and timeouts of the API.
const (
	// DefaultEndpoint is the Zalo Bot Platform's API base.
	DefaultEndpoint = "https://bot-api.zaloplatforms.com"
	// MaxTextLen is the longest text sendMessage accepts.
	MaxTextLen = 2000
	// DefaultPollTimeout is the long-poll timeout when Options leave it zero.
	DefaultPollTimeout = 30 * time.Second

	callTimeout    = 30 * time.Second
	maxAnswer      = 4 << 20
	maxWebhookBody = 1 << 20
	// codePollTimeout is the error_code of a long poll that ended empty.
	codePollTimeout = 408
)

// ErrUnauthorized means the API rejected the token (401).
var ErrUnauthorized = errors.New("zalo: the Bot API rejected the token")

// Options configures a Client.
type Options struct {
	// Token is the bot token from Zalo Bot Manager.
	Token string
	// Endpoint is the API base, DefaultEndpoint when empty; tests give
	// their fake's URL.
	Endpoint string
	// HTTPClient makes the requests; nil means a new http.Client. Requests
	// carry their own deadlines.
	HTTPClient *http.Client
	// Logger receives the adapter's logs (never tokens, texts or names).
	Logger *slog.Logger
	// PollTimeout is the long-poll timeout of getUpdates (30 s), in whole
	// seconds.
	PollTimeout time.Duration
	// Limiter, when set, spaces every send, and is paused by a 429.
	Limiter *bot.Limiter
}

// Client is a Zalo bot. It implements bot.Messenger (without buttons: wrap
// it in bot.Numbered) and is safe for concurrent use.
type Client struct {
	base        string
	token       string
	hc          *http.Client
	logger      *slog.Logger
	pollTimeout time.Duration
	limiter     *bot.Limiter
	name        string
	id          string
	refused     *bot.Refusals // webhook requests with a wrong secret
}

var _ bot.Messenger = (*Client)(nil)

// New checks the token with getMe and returns a client. Its errors tell a
// rejected token (ErrUnauthorized) from an unreachable API (a
// *bot.TemporaryError).
func New(ctx context.Context, opts Options) (*Client, error) {
	if opts.Token == "" {
		return nil, errors.New("zalo: no bot token")
	}
	base := strings.TrimRight(opts.Endpoint, "/")
	if base == "" {
		base = DefaultEndpoint
	}
	u, err := url.Parse(base)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("zalo: endpoint %q is not an absolute URL", opts.Endpoint)
	}
	c := &Client{base: base, token: opts.Token, hc: opts.HTTPClient, logger: opts.Logger,
		pollTimeout: opts.PollTimeout.Round(time.Second), limiter: opts.Limiter}
	if c.hc == nil {
		c.hc = &http.Client{}
	}
	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}
	c.refused = bot.NewRefusals("zalo", c.logger, nil)
	if c.pollTimeout <= 0 {
		c.pollTimeout = DefaultPollTimeout
	}
	var me struct {
		ID          flexString `json:"id"`
		DisplayName string     `json:"display_name"`
		Name        string     `json:"name"`
		AccountName string     `json:"account_name"`
	}
	if err := c.call(ctx, "getMe", nil, &me, callTimeout); err != nil {
		var ae *apiError
		switch {
		case errors.Is(err, ErrUnauthorized), errors.As(err, &ae) && ae.code == http.StatusNotFound:
			return nil, fmt.Errorf("zalo: connect: %w", err)
		case bot.Temporary(err):
			return nil, fmt.Errorf("zalo: cannot reach the Bot API at %s: %w", u.Host, err)
		}
		return nil, fmt.Errorf("zalo: connect: %w", err)
	}
	c.id = string(me.ID)
	c.name = firstNonEmpty(me.DisplayName, me.Name, me.AccountName)
	c.logger.Info("zalo bot connected", "bot_id", c.id)
	return c, nil
}

// Name returns the bot's display name.
func (c *Client) Name() string { return c.name }

// ---- calls ----

// envelope is every answer of the API.
type envelope struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  *struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// apiError is an error answer not mapped to one of the bot package's.
type apiError struct {
	method      string
	code        int
	description string
}

// Error says which call failed and how.
func (e *apiError) Error() string {
	return fmt.Sprintf("zalo %s: %d %s", e.method, e.code, e.description)
}

// call POSTs body as JSON to method and decodes the result into out (when
// not nil), bounded by timeout when ctx has no earlier deadline.
func (c *Client) call(ctx context.Context, method string, body, out any, timeout time.Duration) error {
	payload := []byte("{}")
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return fmt.Errorf("zalo %s: encode: %w", method, err)
		}
	}
	cctx, cancel := withDefaultTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(cctx, http.MethodPost, c.base+"/bot"+c.token+"/"+method, bytes.NewReader(payload))
	if err != nil {
		return fmt.Errorf("zalo %s: %w", method, c.redact(err))
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("zalo %s: %w", method, ctx.Err())
		}
		return fmt.Errorf("zalo %s: %w", method, &bot.TemporaryError{Err: c.redact(err)})
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("zalo %s: %w", method, ctx.Err())
		}
		return fmt.Errorf("zalo %s: %w", method, &bot.TemporaryError{Err: c.redact(err)})
	}
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		if resp.StatusCode >= 500 {
			return fmt.Errorf("zalo %s: %w", method, &bot.TemporaryError{Err: fmt.Errorf("HTTP %d without an API answer", resp.StatusCode)})
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			return c.mapError(method, resp.StatusCode, "Too Many Requests", 0)
		}
		return fmt.Errorf("zalo %s: HTTP %d, unreadable answer: %w", method, resp.StatusCode, err)
	}
	if !env.OK {
		code := env.ErrorCode
		if code == 0 {
			code = resp.StatusCode
		}
		retryAfter := 0
		if env.Parameters != nil {
			retryAfter = env.Parameters.RetryAfter
		}
		return c.mapError(method, code, env.Description, retryAfter)
	}
	if out != nil && len(env.Result) > 0 && string(env.Result) != "null" {
		if err := json.Unmarshal(env.Result, out); err != nil {
			return fmt.Errorf("zalo %s: decode result: %w", method, err)
		}
	}
	return nil
}

// mapError maps an error answer to the bot package's errors.
func (c *Client) mapError(method string, code int, description string, retryAfter int) error {
	switch {
	case code == http.StatusTooManyRequests:
		after := time.Duration(max(retryAfter, 1)) * time.Second
		if c.limiter != nil {
			c.limiter.Pause(after)
		}
		return fmt.Errorf("zalo %s: %w", method, &bot.RetryAfterError{After: after})
	case code == http.StatusUnauthorized:
		return fmt.Errorf("zalo %s: %s: %w", method, description, ErrUnauthorized)
	case code == http.StatusForbidden:
		return fmt.Errorf("zalo %s: %s: %w", method, description, bot.ErrForbidden)
	case code == http.StatusNotFound && method != "getMe":
		return fmt.Errorf("zalo %s: %s: %w", method, description, bot.ErrChatNotFound)
	case code >= 500:
		return fmt.Errorf("zalo %s: %w", method, &bot.TemporaryError{Err: fmt.Errorf("%d %s", code, description)})
	}
	return &apiError{method: method, code: code, description: description}
}

// redact keeps the token out of a transport error.
func (c *Client) redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = strings.ReplaceAll(ue.URL, c.token, "<token>")
	}
	return err
}

// withDefaultTimeout bounds ctx by d unless it ends sooner already.
func withDefaultTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, d)
}

// ---- bot.Messenger ----

// fileNotice tells a Zalo user that a file could not come with the message.
const fileNotice = "📎 Tệp «%s» không gửi được qua Zalo. Vui lòng nhận tệp qua Telegram hoặc liên hệ Văn phòng."

// Send sends m's text, split at paragraph boundaries into parts of at most
// 2000 characters. Zalo takes no files from bots: a file is replaced by a
// notice line saying so. Buttons cannot be shown: they are dropped with a
// warning (wrap the client in bot.Numbered). Sent.MessageID is the last
// part's.
func (c *Client) Send(ctx context.Context, m bot.Message) (bot.Sent, error) {
	if (m.Chat.Platform != "" && m.Chat.Platform != chidao.Zalo) || m.Chat.ID == "" {
		return bot.Sent{}, fmt.Errorf("zalo: chat %s is not a Zalo chat", m.Chat)
	}
	if len(m.Buttons) > 0 {
		c.logger.Warn("zalo cannot show buttons; wrap the client in bot.Numbered")
	}
	text := m.Text
	if m.File != nil {
		text = strings.TrimRight(text, " \n")
		if text != "" {
			text += "\n\n"
		}
		text += fmt.Sprintf(fileNotice, m.File.Name)
	}
	parts := bot.SplitText(text, MaxTextLen)
	if len(parts) == 0 {
		return bot.Sent{}, errors.New("zalo sendMessage: empty message")
	}
	var sent bot.Sent
	for i, p := range parts {
		if c.limiter != nil {
			if err := c.limiter.Wait(ctx, m.Chat, false); err != nil {
				return sent, fmt.Errorf("zalo: %w", err)
			}
		}
		var res struct {
			MessageID flexString `json:"message_id"`
		}
		err := c.call(ctx, "sendMessage", map[string]string{"chat_id": m.Chat.ID, "text": p}, &res, callTimeout)
		if c.limiter != nil {
			c.limiter.Done(m.Chat, false)
		}
		if err != nil {
			if len(parts) > 1 {
				return sent, fmt.Errorf("part %d of %d: %w", i+1, len(parts), err)
			}
			return sent, err
		}
		sent.MessageID = string(res.MessageID)
	}
	return sent, nil
}

// Edit is not possible on Zalo: bot.ErrNotSupported (bot.Numbered sends a
// new message instead).
func (c *Client) Edit(context.Context, chidao.ChatRef, string, bot.Message) error {
	return fmt.Errorf("zalo edit: %w", bot.ErrNotSupported)
}

// AnswerCallback does nothing: Zalo has no buttons to answer.
func (c *Client) AnswerCallback(context.Context, string, string) error { return nil }

// Download is not possible: the Zalo Bot Platform gives bots no files.
func (c *Client) Download(context.Context, string, int64) ([]byte, error) {
	return nil, fmt.Errorf("zalo download: %w", bot.ErrNotSupported)
}

// SendChatAction shows an action such as "typing" in chat.
func (c *Client) SendChatAction(ctx context.Context, chat chidao.ChatRef, action string) error {
	return c.call(ctx, "sendChatAction", map[string]string{"chat_id": chat.ID, "action": action}, nil, callTimeout)
}

// SetWebhook asks Zalo to push updates to webhookURL with secret (8 to 256
// characters) in the X-Bot-Api-Secret-Token header.
func (c *Client) SetWebhook(ctx context.Context, webhookURL, secret string) error {
	return c.call(ctx, "setWebhook", map[string]string{"url": webhookURL, "secret_token": secret}, nil, callTimeout)
}

// DeleteWebhook removes the webhook, so that Poll can be used.
func (c *Client) DeleteWebhook(ctx context.Context) error {
	return c.call(ctx, "deleteWebhook", nil, nil, callTimeout)
}

// ---- receiving ----

// Poll long-polls getUpdates and hands each update to sink (typically
// Pool.Submit; an error means "not taken") until ctx ends, then returns
// ctx's error. Zalo has no offset: an update is gone from the server once
// fetched, so one sink refuses is kept and offered again, after a backoff,
// until sink takes it (it is lost only if ctx ends first, which is logged).
// Failed polls back off exponentially (0.5 s to 30 s); Poll returns early
// only when the token is rejected.
func (c *Client) Poll(ctx context.Context, sink func(context.Context, *bot.Update) error) error {
	backoff := time.Duration(0)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		updates, err := c.getUpdates(ctx)
		if err != nil {
			if err := bot.PollFailed(ctx, &backoff, err, ErrUnauthorized, c.logger, "zalo getUpdates"); err != nil {
				return err
			}
			continue
		}
		backoff = 0
		for _, raw := range updates {
			u, ok := toUpdate(raw)
			if !ok {
				continue
			}
			for {
				err := sink(ctx, u)
				if err == nil {
					break
				}
				if ctx.Err() != nil {
					c.logger.Warn("zalo update lost on shutdown", "update_id", u.ID)
					return ctx.Err()
				}
				backoff = bot.PollBackoff(backoff, err)
				c.logger.Warn("update refused, offering it again", "update_id", u.ID, "err", err, "retry_in", backoff)
				if bot.Sleep(ctx, backoff) != nil {
					c.logger.Warn("zalo update lost on shutdown", "update_id", u.ID)
					return ctx.Err()
				}
			}
			backoff = 0
		}
	}
}

// getUpdates runs one long poll. Zalo answers one update per call; an array
// is accepted too. A poll that ends empty (408) gives none.
func (c *Client) getUpdates(ctx context.Context) ([]apiUpdate, error) {
	var raw json.RawMessage
	secs := strconv.Itoa(int(c.pollTimeout / time.Second))
	err := c.call(ctx, "getUpdates", map[string]string{"timeout": secs}, &raw, c.pollTimeout+10*time.Second)
	var ae *apiError
	if errors.As(err, &ae) && ae.code == codePollTimeout {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return decodeUpdates(raw)
}

// decodeUpdates reads a result holding one update, an array of them, or
// nothing.
func decodeUpdates(raw json.RawMessage) ([]apiUpdate, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || string(raw) == "null" || string(raw) == "{}":
		return nil, nil
	case raw[0] == '[':
		var us []apiUpdate
		if err := json.Unmarshal(raw, &us); err != nil {
			return nil, fmt.Errorf("zalo getUpdates: decode: %w", err)
		}
		return us, nil
	}
	var u apiUpdate
	if err := json.Unmarshal(raw, &u); err != nil {
		return nil, fmt.Errorf("zalo getUpdates: decode: %w", err)
	}
	return []apiUpdate{u}, nil
}

// WebhookHandler receives the updates Zalo pushes once SetWebhook is done.
// A request without the right X-Bot-Api-Secret-Token (compared in constant
// time; an empty secret accepts nothing) gets 401 and reaches nothing. The
// body is the update itself, or {ok, result: update}. A valid update goes
// to sink under the request's context and the answer is 200 once sink took
// it; 503 when sink refused it.
func (c *Client) WebhookHandler(secret string, sink func(context.Context, *bot.Update) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !bot.WebhookAllowed(w, r, "X-Bot-Api-Secret-Token", secret, c.refused) {
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBody))
		if err != nil {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		var wrapped struct {
			OK     bool            `json:"ok"`
			Result json.RawMessage `json:"result"`
		}
		if json.Unmarshal(body, &wrapped) == nil && wrapped.OK && len(wrapped.Result) > 0 {
			body = wrapped.Result
		}
		var raw apiUpdate
		if err := json.Unmarshal(body, &raw); err != nil || raw.EventName == "" {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		if u, ok := toUpdate(raw); ok {
			if err := sink(r.Context(), u); err != nil {
				c.logger.Warn("webhook update refused", "update_id", u.ID, "err", err)
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
		}
		w.WriteHeader(http.StatusOK)
	})
}

// ---- update conversion ----

// flexString reads a JSON string or number as a string: Zalo's ids are
// strings, but nothing is lost if one comes as a number.
type flexString string

// UnmarshalJSON accepts "123", 123 and null.
func (f *flexString) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		if string(b) == "null" {
			return nil
		}
		return fmt.Errorf("zalo: id %s is neither a string nor a number", b)
	}
	*f = flexString(n.String())
	return nil
}

type apiUpdate struct {
	EventName string      `json:"event_name"`
	Message   *apiMessage `json:"message"`
}

type apiMessage struct {
	From struct {
		ID          flexString `json:"id"`
		DisplayName string     `json:"display_name"`
		Name        string     `json:"name"`
		IsBot       bool       `json:"is_bot"`
	} `json:"from"`
	Chat struct {
		ID       flexString `json:"id"`
		ChatType string     `json:"chat_type"`
	} `json:"chat"`
	Text      string     `json:"text"`
	Caption   string     `json:"caption"`
	MessageID flexString `json:"message_id"`
	Date      int64      `json:"date"`
}

// toUpdate converts a Zalo update; ok is false for what chidao ignores
// (events without a message, messages from bots).
func toUpdate(raw apiUpdate) (*bot.Update, bool) {
	m := raw.Message
	if m == nil || m.From.IsBot {
		return nil, false
	}
	chat := string(m.Chat.ID)
	if chat == "" {
		chat = string(m.From.ID)
	}
	if chat == "" {
		return nil, false
	}
	u := &bot.Update{
		ID:          string(m.MessageID),
		Chat:        chidao.ChatRef{Platform: chidao.Zalo, ID: chat},
		Private:     !strings.EqualFold(m.Chat.ChatType, "GROUP"),
		UserID:      string(m.From.ID),
		DisplayName: firstNonEmpty(m.From.DisplayName, m.From.Name),
		MessageID:   string(m.MessageID),
		At:          unixAny(m.Date),
	}
	if u.ID == "" {
		u.ID = raw.EventName + ":" + strconv.FormatInt(m.Date, 10)
	}
	switch raw.EventName {
	case "message.text.received":
		if strings.TrimSpace(m.Text) == "" {
			return nil, false
		}
		u.Kind = bot.KindText
		u.Text = m.Text
	default:
		u.Kind = bot.KindOther
		u.Other = strings.TrimSuffix(strings.TrimPrefix(raw.EventName, "message."), ".received")
		u.Text = m.Caption
	}
	return u, true
}

// unixAny reads a timestamp in milliseconds (Zalo's) or seconds.
func unixAny(v int64) time.Time {
	switch {
	case v <= 0:
		return time.Time{}
	case v > 1e12:
		return time.UnixMilli(v)
	}
	return time.Unix(v, 0)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// RefusedWebhooks returns how many webhook requests were refused for a
// wrong secret.
func (c *Client) RefusedWebhooks() int64 { return c.refused.Total() }
