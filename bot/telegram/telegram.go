// Package telegram is chidao's Telegram adapter over telegram-bot-api v5
// (v5.5.1), the only package that imports it. Client sends plain text
// (split at paragraph boundaries past 4096 characters) with inline keyboards
// and documents (each uploaded once, then sent by the file_id Telegram
// gave it), edits, answers callbacks and downloads files; Poll is a
// context-aware long-poll loop that confirms an update only once the sink
// accepted it; WebhookHandler receives updates pushed by Telegram, checking
// the secret token in constant time. Errors are mapped to the bot package's
// (RetryAfterError, ErrForbidden, ErrChatNotFound, TemporaryError).
package telegram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chidao"
	"chidao/bot"
)

// Limits and timeouts of the Bot API.
const (
	// MaxTextLen is the longest message text Telegram accepts.
	MaxTextLen = 4096
	// maxNoticeLen is the longest callback answer text.
	maxNoticeLen = 200
	// DefaultPollTimeout is the long-poll timeout when Options leave it zero.
	DefaultPollTimeout = 30 * time.Second
	// callTimeout bounds every call whose context has no earlier deadline.
	callTimeout = 30 * time.Second
	// downloadTimeout bounds a file download.
	downloadTimeout = 2 * time.Minute
	// maxWebhookBody is the largest update a webhook accepts.
	maxWebhookBody = 1 << 20
)

// ErrUnauthorized means the Bot API rejected the token (401).
var ErrUnauthorized = errors.New("telegram: the Bot API rejected the token")

// allowedUpdates are the update types chidao asks for.
const allowedUpdates = `["message","edited_message","callback_query"]`

// tokenPattern matches something shaped like a bot token, to mask in logs.
var tokenPattern = regexp.MustCompile(`[0-9]{5,}:[A-Za-z0-9_-]{30,}`)

// Options configures a Client.
type Options struct {
	// Token is the bot token from @BotFather.
	Token string
	// Endpoint is the API endpoint in tgbotapi's format
	// "http://host/bot%s/%s"; empty means the official one. Files are
	// downloaded from the same host under /file/bot<token>/<path>.
	Endpoint string
	// HTTPClient makes the requests; nil means a new http.Client. Requests
	// carry their own deadlines, so it needs no Timeout.
	HTTPClient *http.Client
	// Logger receives the adapter's logs (never tokens, texts or names).
	Logger *slog.Logger
	// PollTimeout is the long-poll timeout of getUpdates (30 s), in whole
	// seconds.
	PollTimeout time.Duration
	// Limiter, when set, spaces every send and edit within Telegram's limits
	// and is paused by each 429's retry_after.
	Limiter *bot.Limiter
}

// Client is a Telegram bot. It implements bot.Messenger and is safe for
// concurrent use.
type Client struct {
	api          *tgbotapi.BotAPI // template: each call runs on a copy
	hc           *http.Client
	token        string
	fileEndpoint string
	logger       *slog.Logger
	pollTimeout  time.Duration
	limiter      *bot.Limiter
	files        knownFiles
	refused      *bot.Refusals // webhook requests with a wrong secret
}

var _ bot.Messenger = (*Client)(nil)

// New checks the token with getMe and returns a client. Its errors tell a
// rejected token (ErrUnauthorized) from an unreachable API (a
// *bot.TemporaryError).
func New(ctx context.Context, opts Options) (*Client, error) {
	if opts.Token == "" {
		return nil, errors.New("telegram: no bot token")
	}
	endpoint := opts.Endpoint
	if endpoint == "" {
		endpoint = tgbotapi.APIEndpoint
	}
	base, ok := strings.CutSuffix(endpoint, "/bot%s/%s")
	if !ok {
		return nil, fmt.Errorf("telegram: endpoint %q does not end in /bot%%s/%%s", endpoint)
	}
	if _, err := url.Parse(base); err != nil {
		return nil, fmt.Errorf("telegram: endpoint: %w", err)
	}
	c := &Client{
		hc:           opts.HTTPClient,
		token:        opts.Token,
		fileEndpoint: base + "/file/bot%s/%s",
		logger:       opts.Logger,
		pollTimeout:  opts.PollTimeout.Round(time.Second),
		limiter:      opts.Limiter,
	}
	if c.hc == nil {
		c.hc = &http.Client{}
	}
	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}
	c.refused = bot.NewRefusals("telegram", c.logger, nil)
	if c.pollTimeout <= 0 {
		c.pollTimeout = DefaultPollTimeout
	}

	cctx, cancel := withDefaultTimeout(ctx, callTimeout)
	defer cancel()
	cl := &call{ctx: cctx, hc: c.hc, token: c.token}
	api, err := tgbotapi.NewBotAPIWithClient(c.token, endpoint, cl)
	if err != nil {
		var te *tgbotapi.Error
		if errors.As(err, &te) && (te.Code == http.StatusUnauthorized || te.Code == http.StatusNotFound) {
			// Telegram answers 404 to a token of the wrong shape.
			return nil, fmt.Errorf("telegram: connect: %d %s: %w", te.Code, te.Message, ErrUnauthorized)
		}
		err = c.classify(ctx, "getMe", cl, err)
		if bot.Temporary(err) {
			return nil, fmt.Errorf("telegram: cannot reach the Bot API at %s: %w", hostOf(base), err)
		}
		return nil, fmt.Errorf("telegram: connect: %w", err)
	}
	api.Client = nil // every call sets its own
	c.api = api
	c.logger.Info("telegram bot connected", "bot", api.Self.UserName)
	return c, nil
}

// Username returns the bot's username, without "@".
func (c *Client) Username() string { return c.api.Self.UserName }

// BridgeLibraryLog sends telegram-bot-api's own log lines to logger at warn
// level, with anything shaped like a bot token masked. The library keeps one
// logger for the whole process, so call this once, from main, before any
// client runs. (Client never turns the library's debug logging on, and
// does not use GetUpdatesChan, so the library has little to say.)
func BridgeLibraryLog(logger *slog.Logger) error {
	if logger == nil {
		return errors.New("telegram: nil logger")
	}
	if err := tgbotapi.SetLogger(libraryLogger{logger}); err != nil {
		return fmt.Errorf("telegram: set library logger: %w", err)
	}
	return nil
}

// libraryLogger adapts slog to tgbotapi.BotLogger.
type libraryLogger struct{ l *slog.Logger }

// Println logs v.
func (b libraryLogger) Println(v ...any) {
	b.l.Warn(maskTokens(strings.TrimSpace(fmt.Sprintln(v...))), "source", "telegram-bot-api")
}

// Printf logs the formatted line.
func (b libraryLogger) Printf(format string, v ...any) {
	b.l.Warn(maskTokens(strings.TrimSpace(fmt.Sprintf(format, v...))), "source", "telegram-bot-api")
}

func maskTokens(s string) string { return tokenPattern.ReplaceAllString(s, "<token>") }

// ---- calls ----

// call is the HTTP client of one API call: it puts the call's context on
// the request (tgbotapi has none), remembers the HTTP status, and keeps the
// token out of errors.
type call struct {
	ctx        context.Context
	hc         *http.Client
	token      string
	status     int
	retryAfter string
}

// Do sends req under the call's context.
func (cl *call) Do(req *http.Request) (*http.Response, error) {
	resp, err := cl.hc.Do(req.WithContext(cl.ctx))
	if err != nil {
		return nil, redact(err, cl.token)
	}
	cl.status = resp.StatusCode
	cl.retryAfter = resp.Header.Get("Retry-After")
	return resp, nil
}

// redact removes the token from a *url.Error's URL.
func redact(err error, token string) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = strings.ReplaceAll(ue.URL, token, "<token>")
	}
	return err
}

// begin prepares one API call under ctx, bounded by timeout when ctx has
// no earlier deadline. Call the returned cancel when done.
func (c *Client) begin(ctx context.Context, timeout time.Duration) (*tgbotapi.BotAPI, *call, context.CancelFunc) {
	cctx, cancel := withDefaultTimeout(ctx, timeout)
	cl := &call{ctx: cctx, hc: c.hc, token: c.token}
	api := *c.api
	api.Client = cl
	return &api, cl, cancel
}

// classify maps a failed call's error to the bot package's errors. ctx is
// the caller's context: when it has ended, its error is what counts.
func (c *Client) classify(ctx context.Context, op string, cl *call, err error) error {
	if err == nil {
		return nil
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("telegram %s: %w", op, ctxErr)
	}
	var te *tgbotapi.Error
	if errors.As(err, &te) {
		code := te.Code
		if code == 0 {
			// UploadFiles (sendDocument) leaves Code unset; the HTTP status
			// is the error code.
			code = cl.status
		}
		return c.apiError(op, code, te.Message, te.RetryAfter)
	}
	switch {
	case cl.status == http.StatusTooManyRequests:
		secs, _ := strconv.Atoi(cl.retryAfter)
		return c.apiError(op, cl.status, "Too Many Requests", secs)
	case cl.status >= 500:
		// A proxy's HTML error page: tgbotapi fails to decode it.
		return fmt.Errorf("telegram %s: %w", op, &bot.TemporaryError{Err: fmt.Errorf("HTTP %d without a Bot API answer: %v", cl.status, err)})
	case cl.status == 0, isNetwork(err):
		return fmt.Errorf("telegram %s: %w", op, &bot.TemporaryError{Err: err})
	default:
		return fmt.Errorf("telegram %s: HTTP %d, unreadable answer: %w", op, cl.status, err)
	}
}

// apiError maps a Bot API error answer.
func (c *Client) apiError(op string, code int, description string, retryAfter int) error {
	switch {
	case code == http.StatusTooManyRequests || retryAfter > 0:
		after := time.Duration(retryAfter) * time.Second
		if after <= 0 {
			after = time.Second
		}
		if c.limiter != nil {
			c.limiter.Pause(after)
		}
		return fmt.Errorf("telegram %s: %w", op, &bot.RetryAfterError{After: after})
	case code == http.StatusUnauthorized:
		return fmt.Errorf("telegram %s: %s: %w", op, description, ErrUnauthorized)
	case code == http.StatusForbidden:
		return fmt.Errorf("telegram %s: %s: %w", op, description, bot.ErrForbidden)
	case code == http.StatusBadRequest && strings.Contains(strings.ToLower(description), "chat not found"):
		return fmt.Errorf("telegram %s: %s: %w", op, description, bot.ErrChatNotFound)
	case code >= 500:
		return fmt.Errorf("telegram %s: %w", op, &bot.TemporaryError{Err: fmt.Errorf("%d %s", code, description)})
	default:
		return fmt.Errorf("telegram %s: %w", op, &requestError{code: code, description: description})
	}
}

// requestError is an error answer of the Bot API that none of the bot
// package's errors names, most often a 400 Bad Request.
type requestError struct {
	code        int
	description string
}

func (e *requestError) Error() string { return fmt.Sprintf("%d %s", e.code, e.description) }

// isNetwork reports whether err is a transport failure worth retrying.
func isNetwork(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, context.DeadlineExceeded)
}

// withDefaultTimeout bounds ctx by d unless it ends sooner already.
func withDefaultTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, d)
}

// hostOf returns the host of a URL, for messages.
func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u.Host
	}
	return raw
}

// ---- bot.Messenger ----

// chatParams reads a chat ref as a numeric chat id or a "@channel" name.
func chatParams(c chidao.ChatRef) (int64, string, error) {
	if c.Platform != "" && c.Platform != chidao.Telegram {
		return 0, "", fmt.Errorf("telegram: chat %s is not a Telegram chat", c)
	}
	if strings.HasPrefix(c.ID, "@") {
		return 0, c.ID, nil
	}
	id, err := strconv.ParseInt(c.ID, 10, 64)
	if err != nil {
		return 0, "", fmt.Errorf("telegram: bad chat id %q", c.ID)
	}
	return id, "", nil
}

// maxCallbackData is the most bytes of data a button may carry.
const maxCallbackData = 64

// checkButtons rejects button data Telegram would refuse, before anything
// is sent.
func checkButtons(rows [][]bot.Button) error {
	for _, row := range rows {
		for _, b := range row {
			if len(b.Data) == 0 || len(b.Data) > maxCallbackData {
				return fmt.Errorf("telegram: button %q has %d bytes of data, want 1 to %d", b.Text, len(b.Data), maxCallbackData)
			}
		}
	}
	return nil
}

// keyboard builds an inline keyboard; nil when there are no buttons.
func keyboard(rows [][]bot.Button) *tgbotapi.InlineKeyboardMarkup {
	var kb [][]tgbotapi.InlineKeyboardButton
	for _, row := range rows {
		var r []tgbotapi.InlineKeyboardButton
		for _, b := range row {
			r = append(r, tgbotapi.NewInlineKeyboardButtonData(b.Text, b.Data))
		}
		if len(r) > 0 {
			kb = append(kb, r)
		}
	}
	if len(kb) == 0 {
		return nil
	}
	return &tgbotapi.InlineKeyboardMarkup{InlineKeyboard: kb}
}

// wait applies the limiter, when there is one, before a send to chat.
func (c *Client) wait(ctx context.Context, chat chidao.ChatRef, chatID int64) error {
	if c.limiter == nil {
		return nil
	}
	if err := c.limiter.Wait(ctx, chat, chatID < 0); err != nil {
		return fmt.Errorf("telegram: %w", err)
	}
	return nil
}

// sendOne sends one chattable to chat and returns the message.
func (c *Client) sendOne(ctx context.Context, op string, chat chidao.ChatRef, chatID int64, msg tgbotapi.Chattable) (tgbotapi.Message, error) {
	if err := c.wait(ctx, chat, chatID); err != nil {
		return tgbotapi.Message{}, err
	}
	api, cl, cancel := c.begin(ctx, callTimeout)
	defer cancel()
	sent, err := api.Send(msg)
	if c.limiter != nil {
		c.limiter.Done(chat, chatID < 0)
	}
	return sent, c.classify(ctx, op, cl, err)
}

// Send sends m as plain text, split at paragraph boundaries into parts of
// at most 4096 characters, with the buttons as an inline keyboard on the
// last part, then m.File as a document (carrying the buttons when there is
// no text). When a part fails, the parts before it have been delivered.
func (c *Client) Send(ctx context.Context, m bot.Message) (bot.Sent, error) {
	chatID, channel, err := chatParams(m.Chat)
	if err != nil {
		return bot.Sent{}, err
	}
	if err := checkButtons(m.Buttons); err != nil {
		return bot.Sent{}, err
	}
	parts := bot.SplitText(m.Text, MaxTextLen)
	if len(parts) == 0 && m.File == nil {
		return bot.Sent{}, errors.New("telegram sendMessage: empty message")
	}
	kb := keyboard(m.Buttons)
	var sent bot.Sent
	for i, p := range parts {
		cfg := tgbotapi.NewMessage(chatID, p)
		cfg.ChannelUsername = channel
		if i == len(parts)-1 && kb != nil {
			cfg.ReplyMarkup = kb
		}
		msg, err := c.sendOne(ctx, "sendMessage", m.Chat, chatID, cfg)
		if err != nil {
			if len(parts) > 1 {
				return sent, fmt.Errorf("part %d of %d: %w", i+1, len(parts), err)
			}
			return sent, err
		}
		sent.MessageID = strconv.Itoa(msg.MessageID)
	}
	if m.File != nil {
		var markup any
		if len(parts) == 0 && kb != nil {
			markup = kb
		}
		msg, err := c.sendDocument(ctx, m.Chat, chatID, channel, m.File, markup)
		if err != nil {
			return sent, err
		}
		if len(parts) == 0 {
			sent.MessageID = strconv.Itoa(msg.MessageID)
		}
	}
	return sent, nil
}

// sendDocument sends f to chat: by the file_id Telegram gave the same
// name and bytes before, when it did, else by uploading them. A file_id
// Telegram refuses is forgotten and the bytes uploaded instead.
func (c *Client) sendDocument(ctx context.Context, chat chidao.ChatRef, chatID int64, channel string, f *bot.Attachment, markup any) (tgbotapi.Message, error) {
	key := keyOf(f.Name, f.Data)
	doc := tgbotapi.NewDocument(chatID, nil)
	doc.ChannelUsername = channel
	doc.ReplyMarkup = markup
	id, upload, err := c.files.claim(ctx, key)
	if err != nil {
		return tgbotapi.Message{}, fmt.Errorf("telegram sendDocument: waiting for the file's upload: %w", err)
	}
	if !upload {
		doc.File = tgbotapi.FileID(id)
		msg, err := c.sendOne(ctx, "sendDocument", chat, chatID, doc)
		var re *requestError
		if !errors.As(err, &re) {
			return msg, err
		}
		c.files.forget(key, id)
		c.logger.Warn("telegram refused a known file_id; uploading the file again", "code", re.code)
	}
	doc.File = tgbotapi.FileBytes{Name: f.Name, Bytes: f.Data}
	msg, err := c.sendOne(ctx, "sendDocument", chat, chatID, doc)
	newID := ""
	if err == nil && msg.Document != nil {
		newID = msg.Document.FileID
	}
	switch {
	case upload:
		c.files.uploaded(key, newID)
	case newID != "":
		c.files.put(key, newID)
	}
	return msg, err
}

// Edit replaces the text and buttons of a message the bot sent (no buttons
// removes the keyboard). A text past 4096 characters is cut, with a
// warning: an edit cannot be split. Editing to the same content is not an
// error.
func (c *Client) Edit(ctx context.Context, chat chidao.ChatRef, messageID string, m bot.Message) error {
	chatID, channel, err := chatParams(chat)
	if err != nil {
		return err
	}
	id, err := strconv.Atoi(messageID)
	if err != nil {
		return fmt.Errorf("telegram editMessageText: bad message id %q", messageID)
	}
	if err := checkButtons(m.Buttons); err != nil {
		return err
	}
	parts := bot.SplitText(m.Text, MaxTextLen-1)
	if len(parts) == 0 {
		return errors.New("telegram editMessageText: empty text")
	}
	text := parts[0]
	if len(parts) > 1 {
		text += "…"
		c.logger.Warn("edited text cut to the Telegram limit", "parts", len(parts))
	}
	cfg := tgbotapi.EditMessageTextConfig{
		BaseEdit: tgbotapi.BaseEdit{ChatID: chatID, ChannelUsername: channel, MessageID: id, ReplyMarkup: keyboard(m.Buttons)},
		Text:     text,
	}
	if err := c.wait(ctx, chat, chatID); err != nil {
		return err
	}
	api, cl, cancel := c.begin(ctx, callTimeout)
	defer cancel()
	_, err = api.Request(cfg)
	var te *tgbotapi.Error
	if errors.As(err, &te) && strings.Contains(te.Message, "message is not modified") {
		return nil
	}
	return c.classify(ctx, "editMessageText", cl, err)
}

// AnswerCallback answers a button press, showing notice (cut to 200
// characters) when not empty. An empty callbackID (a numbered reply) and a
// query too old to answer are not errors.
func (c *Client) AnswerCallback(ctx context.Context, callbackID, notice string) error {
	if callbackID == "" {
		return nil
	}
	if r := []rune(notice); len(r) > maxNoticeLen {
		notice = string(r[:maxNoticeLen-1]) + "…"
	}
	api, cl, cancel := c.begin(ctx, callTimeout)
	defer cancel()
	_, err := api.Request(tgbotapi.NewCallback(callbackID, notice))
	var te *tgbotapi.Error
	if errors.As(err, &te) && strings.Contains(te.Message, "query is too old") {
		c.logger.Debug("callback query too old to answer")
		return nil
	}
	return c.classify(ctx, "answerCallbackQuery", cl, err)
}

// Download fetches a file sent to the bot (getFile, then the file URL on
// the configured endpoint's host), reading at most limit bytes: a bigger
// file gives bot.ErrTooLarge.
func (c *Client) Download(ctx context.Context, fileID string, limit int64) ([]byte, error) {
	api, cl, cancel := c.begin(ctx, callTimeout)
	f, err := api.GetFile(tgbotapi.FileConfig{FileID: fileID})
	cancel()
	if err != nil {
		return nil, c.classify(ctx, "getFile", cl, err)
	}
	if int64(f.FileSize) > limit {
		return nil, fmt.Errorf("telegram download: %d bytes: %w", f.FileSize, bot.ErrTooLarge)
	}
	if f.FilePath == "" {
		return nil, errors.New("telegram download: the Bot API gave no file path")
	}
	dctx, dcancel := withDefaultTimeout(ctx, downloadTimeout)
	defer dcancel()
	req, err := http.NewRequestWithContext(dctx, http.MethodGet, fmt.Sprintf(c.fileEndpoint, c.token, f.FilePath), nil)
	if err != nil {
		return nil, fmt.Errorf("telegram download: %w", redact(err, c.token))
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("telegram download: %w", ctx.Err())
		}
		return nil, fmt.Errorf("telegram download: %w", &bot.TemporaryError{Err: redact(err, c.token)})
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 500:
		return nil, fmt.Errorf("telegram download: %w", &bot.TemporaryError{Err: fmt.Errorf("HTTP %d", resp.StatusCode)})
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("telegram download: HTTP %d", resp.StatusCode)
	case resp.ContentLength > limit:
		return nil, fmt.Errorf("telegram download: %d bytes: %w", resp.ContentLength, bot.ErrTooLarge)
	}
	data, err := bot.ReadAll(resp.Body, limit)
	if err != nil {
		if errors.Is(err, bot.ErrTooLarge) {
			return nil, fmt.Errorf("telegram download: %w", err)
		}
		return nil, fmt.Errorf("telegram download: %w", &bot.TemporaryError{Err: err})
	}
	return data, nil
}

// ---- setup ----

// SetWebhook asks Telegram to push updates to webhookURL, with secret in
// every request's X-Telegram-Bot-Api-Secret-Token header (1-256 characters
// of A-Z, a-z, 0-9, _ and -).
func (c *Client) SetWebhook(ctx context.Context, webhookURL, secret string) error {
	api, cl, cancel := c.begin(ctx, callTimeout)
	defer cancel()
	_, err := api.MakeRequest("setWebhook", tgbotapi.Params{
		"url":             webhookURL,
		"secret_token":    secret,
		"allowed_updates": allowedUpdates,
	})
	return c.classify(ctx, "setWebhook", cl, err)
}

// DeleteWebhook removes the webhook, so that Poll can be used; pending
// updates are kept.
func (c *Client) DeleteWebhook(ctx context.Context) error {
	api, cl, cancel := c.begin(ctx, callTimeout)
	defer cancel()
	_, err := api.MakeRequest("deleteWebhook", nil)
	return c.classify(ctx, "deleteWebhook", cl, err)
}

// Command is one entry of the bot's command menu.
type Command struct {
	// Name is the command without "/": 1-32 of a-z, 0-9 and _.
	Name string
	// Description is shown next to it (3-256 characters).
	Description string
}

// SetCommands sets the command menu: for everyone when chatID is empty,
// otherwise for that chat alone (an admin's private chat).
func (c *Client) SetCommands(ctx context.Context, cmds []Command, chatID string) error {
	scope := &tgbotapi.BotCommandScope{Type: "default"}
	if chatID != "" {
		id, err := strconv.ParseInt(chatID, 10, 64)
		if err != nil {
			return fmt.Errorf("telegram setMyCommands: bad chat id %q", chatID)
		}
		scope = &tgbotapi.BotCommandScope{Type: "chat", ChatID: id}
	}
	cfg := tgbotapi.SetMyCommandsConfig{Scope: scope}
	for _, cmd := range cmds {
		cfg.Commands = append(cfg.Commands, tgbotapi.BotCommand{Command: cmd.Name, Description: cmd.Description})
	}
	api, cl, cancel := c.begin(ctx, callTimeout)
	defer cancel()
	_, err := api.Request(cfg)
	return c.classify(ctx, "setMyCommands", cl, err)
}
