package telegram

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chidao"
	"chidao/bot"
)

// Poll backoff and the final confirmation.
const (
	confirmTimeout = 2 * time.Second
	pollLimit      = 100
)

// Poll long-polls getUpdates and hands each update to sink (typically
// Pool.Submit; an error means "not taken"), in order, until
// ctx ends; it then returns ctx's error. An update is confirmed (the next
// getUpdates offset passes it) only after sink accepted it: one sink
// refused is fetched again, after a backoff, with those after it. Failed
// polls back off exponentially (0.5 s to 30 s, or a 429's retry_after).
// Poll returns early only when the token is rejected. Updates chidao does
// not handle (channel posts, service messages, …) are confirmed and
// dropped. On the way out Poll confirms what it handled, so a restart does
// not see those updates again. Only one Poll may run per bot, and not while
// a webhook is set.
func (c *Client) Poll(ctx context.Context, sink func(context.Context, *bot.Update) error) error {
	offset, confirmed := 0, 0
	backoff := time.Duration(0)
	defer func() {
		if offset > confirmed {
			c.confirm(ctx, offset)
		}
	}()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		updates, err := c.getUpdates(ctx, offset, pollLimit, c.pollTimeout)
		if err != nil {
			if err := bot.PollFailed(ctx, &backoff, err, ErrUnauthorized, c.logger, "telegram getUpdates"); err != nil {
				return err
			}
			continue
		}
		confirmed = offset
		backoff = 0
		for _, raw := range updates {
			if raw.UpdateID < offset {
				continue
			}
			u, ok := toUpdate(raw)
			if !ok {
				offset = raw.UpdateID + 1
				continue
			}
			if err := sink(ctx, u); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				backoff = bot.PollBackoff(backoff, err)
				c.logger.Warn("update refused, fetching it again", "update_id", u.ID, "err", err, "retry_in", backoff)
				if bot.Sleep(ctx, backoff) != nil {
					return ctx.Err()
				}
				break
			}
			offset = raw.UpdateID + 1
		}
	}
}

// getUpdates runs one long poll.
func (c *Client) getUpdates(ctx context.Context, offset, limit int, timeout time.Duration) ([]tgbotapi.Update, error) {
	api, cl, cancel := c.begin(ctx, timeout+10*time.Second)
	defer cancel()
	resp, err := api.MakeRequest("getUpdates", tgbotapi.Params{
		"offset":          strconv.Itoa(offset),
		"limit":           strconv.Itoa(limit),
		"timeout":         strconv.Itoa(int(timeout / time.Second)),
		"allowed_updates": allowedUpdates,
	})
	if err != nil {
		return nil, c.classify(ctx, "getUpdates", cl, err)
	}
	var updates []tgbotapi.Update
	if err := json.Unmarshal(resp.Result, &updates); err != nil {
		return nil, c.classify(ctx, "getUpdates", cl, err)
	}
	return updates, nil
}

// confirm tells Telegram the updates before offset are handled, with a
// short call of its own since ctx has usually ended by then.
func (c *Client) confirm(ctx context.Context, offset int) {
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), confirmTimeout)
	defer cancel()
	if _, err := c.getUpdates(cctx, offset, 1, 0); err != nil {
		c.logger.Warn("telegram could not confirm the last updates; they will come again", "err", err)
	}
}

// WebhookHandler receives the updates Telegram pushes once SetWebhook is
// done. A request without the right X-Telegram-Bot-Api-Secret-Token
// (compared in constant time; an empty secret accepts nothing) gets 401 and
// reaches nothing. A valid update goes to sink under the request's context,
// and the answer is 200 once sink took it; 503 when sink refused it, so
// Telegram delivers it again. Keep sink quick (Pool.Submit).
func (c *Client) WebhookHandler(secret string, sink func(context.Context, *bot.Update) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !bot.WebhookAllowed(w, r, "X-Telegram-Bot-Api-Secret-Token", secret, c.refused) {
			return
		}
		var raw tgbotapi.Update
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxWebhookBody)).Decode(&raw); err != nil {
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

// toUpdate converts a Telegram update; ok is false for what chidao ignores
// (channel posts, inline queries, membership changes, service messages).
func toUpdate(raw tgbotapi.Update) (*bot.Update, bool) {
	id := strconv.Itoa(raw.UpdateID)
	switch {
	case raw.Message != nil:
		return fromMessage(id, raw.Message, false)
	case raw.EditedMessage != nil:
		return fromMessage(id, raw.EditedMessage, true)
	case raw.CallbackQuery != nil:
		return fromCallback(id, raw.CallbackQuery)
	}
	return nil, false
}

func fromMessage(id string, m *tgbotapi.Message, edited bool) (*bot.Update, bool) {
	if m.Chat == nil || m.Chat.Type == "channel" {
		return nil, false
	}
	u := &bot.Update{
		ID:        id,
		Chat:      chatRef(m.Chat.ID),
		Private:   m.Chat.Type == "private",
		MessageID: strconv.Itoa(m.MessageID),
		At:        time.Unix(int64(m.Date), 0),
	}
	if m.From != nil {
		u.UserID = strconv.FormatInt(m.From.ID, 10)
		u.DisplayName = displayName(m.From)
	}
	switch {
	case edited:
		u.Kind = bot.KindEdited
		u.Text = m.Text
		if u.Text == "" {
			u.Text = m.Caption
		}
		if m.EditDate != 0 {
			u.At = time.Unix(int64(m.EditDate), 0)
		}
	case m.Document != nil && m.Animation == nil:
		u.Kind = bot.KindFile
		u.Text = m.Caption
		u.File = &bot.File{ID: m.Document.FileID, Name: m.Document.FileName, MIME: m.Document.MimeType, Size: int64(m.Document.FileSize)}
	case m.Text != "":
		u.Kind = bot.KindText
		u.Text = m.Text
	default:
		other := otherKind(m)
		if other == "" {
			return nil, false
		}
		u.Kind = bot.KindOther
		u.Other = other
		u.Text = m.Caption
	}
	return u, true
}

// otherKind names what a message without text or document holds; "" for
// service messages.
func otherKind(m *tgbotapi.Message) string {
	switch {
	case m.Sticker != nil:
		return "sticker"
	case len(m.Photo) > 0:
		return "photo"
	case m.Voice != nil:
		return "voice"
	case m.Video != nil:
		return "video"
	case m.VideoNote != nil:
		return "video_note"
	case m.Audio != nil:
		return "audio"
	case m.Animation != nil:
		return "animation"
	case m.Venue != nil:
		return "venue"
	case m.Location != nil:
		return "location"
	case m.Contact != nil:
		return "contact"
	case m.Poll != nil:
		return "poll"
	case m.Dice != nil:
		return "dice"
	case m.Game != nil:
		return "game"
	}
	return ""
}

func fromCallback(id string, q *tgbotapi.CallbackQuery) (*bot.Update, bool) {
	if q.From == nil {
		return nil, false
	}
	u := &bot.Update{
		ID:          id,
		Kind:        bot.KindCallback,
		UserID:      strconv.FormatInt(q.From.ID, 10),
		DisplayName: displayName(q.From),
		Callback:    &bot.Callback{ID: q.ID, Data: q.Data},
		// Telegram gives a button press no date: At stays zero.
	}
	if q.Message != nil && q.Message.Chat != nil {
		u.Chat = chatRef(q.Message.Chat.ID)
		u.Private = q.Message.Chat.Type == "private"
		u.MessageID = strconv.Itoa(q.Message.MessageID)
	} else {
		// A button under an inline message: answer in the user's chat.
		u.Chat = chatRef(q.From.ID)
		u.Private = true
	}
	return u, true
}

func chatRef(id int64) chidao.ChatRef {
	return chidao.ChatRef{Platform: chidao.Telegram, ID: strconv.FormatInt(id, 10)}
}

// displayName is "First Last", or the username when both are empty.
func displayName(u *tgbotapi.User) string {
	if n := strings.TrimSpace(u.FirstName + " " + u.LastName); n != "" {
		return n
	}
	return u.UserName
}

// RefusedWebhooks returns how many webhook requests were refused for a
// wrong secret.
func (c *Client) RefusedWebhooks() int64 { return c.refused.Total() }
