package handlers

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"chidao"
	"chidao/bot"
	"chidao/configs"
	"chidao/internal/redistest"
	"chidao/knowledge"
	"chidao/store"
)

// recorder is a Telegram-like messenger that keeps what was sent, edited
// and answered, and serves files the test "uploaded".
type recorder struct {
	mu       sync.Mutex
	next     int
	sent     []bot.Message
	ids      []string
	edits    map[string]bot.Message // message id -> last edit
	answered []string               // callback notices
	files    map[string][]byte
	refuse   map[string]error // chat id -> the error every send to it returns
}

func newRecorder() *recorder {
	return &recorder{edits: map[string]bot.Message{}, files: map[string][]byte{}, refuse: map[string]error{}}
}

func (r *recorder) Send(_ context.Context, m bot.Message) (bot.Sent, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.refuse[m.Chat.ID]; err != nil {
		return bot.Sent{}, err
	}
	r.next++
	id := strconv.Itoa(r.next)
	r.sent = append(r.sent, m)
	r.ids = append(r.ids, id)
	return bot.Sent{MessageID: id}, nil
}

func (r *recorder) Edit(_ context.Context, _ chidao.ChatRef, id string, m bot.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.edits[id] = m
	return nil
}

func (r *recorder) AnswerCallback(_ context.Context, _ string, notice string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.answered = append(r.answered, notice)
	return nil
}

func (r *recorder) Download(_ context.Context, id string, limit int64) ([]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	b, ok := r.files[id]
	if !ok {
		return nil, fmt.Errorf("no file %s", id)
	}
	if int64(len(b)) > limit {
		return nil, bot.ErrTooLarge
	}
	return b, nil
}

// to returns the messages sent to a chat since index from, and their ids.
func (r *recorder) to(chat string) ([]bot.Message, []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ms []bot.Message
	var ids []string
	for i, m := range r.sent {
		if m.Chat.ID == chat {
			ms = append(ms, m)
			ids = append(ids, r.ids[i])
		}
	}
	return ms, ids
}

// last is the last message sent to a chat.
func (r *recorder) last(t *testing.T, chat string) (bot.Message, string) {
	t.Helper()
	ms, ids := r.to(chat)
	if len(ms) == 0 {
		t.Fatalf("nothing was sent to chat %s", chat)
	}
	return ms[len(ms)-1], ids[len(ids)-1]
}

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// rig is the handlers over a real Redis, with a recorder for Telegram.
type rig struct {
	t     *testing.T
	db    *store.DB
	h     *Handlers
	out   *recorder
	clock *clock
	serve bot.HandlerFunc
	seq   int
}

const adminID = "900"

func newRig(t *testing.T, redisURL string) *rig {
	t.Helper()
	return newPresetRig(t, redisURL, "huyen")
}

// newPresetRig is a rig for the office of a built-in unit list ("tinh",
// "xa", "huyen").
func newPresetRig(t *testing.T, redisURL, preset string) *rig {
	t.Helper()
	if redisURL == "" {
		redisURL = redistest.URL(t)
	}
	// The store tells the same time as the handlers: a mute of 7 days is not dropped as ended.
	c := &clock{t: time.Date(2024, 6, 3, 8, 15, 0, 0, time.FixedZone("ICT", 7*3600))}
	db, err := store.Open(context.Background(), redisURL, store.Options{Prefix: redistest.Prefix(t), Clock: c})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	list, err := configs.Preset(preset)
	if err != nil {
		t.Fatal(err)
	}
	units := list.Units
	out := newRecorder()
	h, err := New(Deps{
		Store: db, Index: knowledge.NewIndex(units, list.Groups...), Parser: knowledge.NewParser(units, list.Groups...),
		Messengers: bot.Messengers{chidao.Telegram: out}, Clock: c,
	}, Options{Office: list.Office, Units: units, Groups: list.Groups, Admins: []string{"telegram:" + adminID}, Secret: []byte("test-secret-0123456789")})
	if err != nil {
		t.Fatal(err)
	}
	return &rig{t: t, db: db, h: h, out: out, clock: c, serve: h.Handler()}
}

// update delivers one update from a user's private chat.
func (r *rig) update(user string, u bot.Update) {
	r.t.Helper()
	r.seq++
	u.ID = strconv.Itoa(r.seq)
	u.Chat = chidao.ChatRef{Platform: chidao.Telegram, ID: user}
	if u.UserID == "" {
		u.UserID = user
	}
	if u.Kind == "" {
		u.Kind = bot.KindText
	}
	if !u.Private && u.Chat.ID == user {
		u.Private = true
	}
	if u.DisplayName == "" {
		u.DisplayName = "Người " + user
	}
	if err := r.serve(context.Background(), &u); err != nil {
		r.t.Fatalf("update %+v: %v", u, err)
	}
}

// say sends text and returns the bot's last reply to that user.
func (r *rig) say(user, text string) bot.Message {
	r.t.Helper()
	before, _ := r.out.to(user)
	r.update(user, bot.Update{Text: text})
	after, _ := r.out.to(user)
	if len(after) == len(before) {
		r.t.Fatalf("%q from %s: no reply", text, user)
	}
	return after[len(after)-1]
}

// press presses a button (by its label prefix) under a message.
func (r *rig) press(user string, m bot.Message, msgID, label string) {
	r.t.Helper()
	for _, row := range m.Buttons {
		for _, b := range row {
			if strings.HasPrefix(b.Text, label) {
				r.update(user, bot.Update{Kind: bot.KindCallback, MessageID: msgID, Callback: &bot.Callback{ID: "cb" + strconv.Itoa(r.seq), Data: b.Data}})
				return
			}
		}
	}
	r.t.Fatalf("no button %q under %q (buttons %v)", label, m.Text, m.Buttons)
}

// register makes user a head of unit through an invite from the admin.
func (r *rig) register(user, unit string) {
	r.t.Helper()
	inv, err := r.db.NewInvite(context.Background(), unit, chidao.RoleHead, "test", r.clock.Now(), time.Hour)
	if err != nil {
		r.t.Fatal(err)
	}
	if got := r.say(user, "/start "+inv.Code); !strings.Contains(got.Text, "Đăng ký thành công") {
		r.t.Fatalf("register %s: %s", user, got.Text)
	}
}

// upload sends a file as the admin and returns the preview message.
func (r *rig) upload(user, name string, data []byte) bot.Message {
	r.t.Helper()
	r.out.mu.Lock()
	r.out.files[name] = data
	r.out.mu.Unlock()
	r.update(user, bot.Update{Kind: bot.KindFile, File: &bot.File{ID: name, Name: name, Size: int64(len(data))}})
	m, _ := r.out.last(r.t, user)
	return m
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}
