package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"chidao"
	"chidao/bot/telegram/telegramtest"
	"chidao/internal/redistest"
)

const (
	sampleDirective   = "../../configs/directives/vanquan-cchc-2024.md"
	sampleDirectiveID = "cong-van-2024-c5d2e4"
	adminID           = 900
)

var inviteInReply = regexp.MustCompile(`/start ([A-Z0-9-]+)`)

// commandNames lists the names of a command menu.
func commandNames(cs []telegramtest.Command) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Command
	}
	return out
}

// TestRegistrationInvitesAndRestart follows the invites through the bot: a
// used or expired code is refused, a head cannot make invites, an admin
// named in CHIDAO_ADMINS gets a working code from /moi; serve is restarted
// on the same Redis in the middle of a conversation and every registration
// is kept. The command menus are set: the heads' for everyone, the
// office's for the admin's chat.
func TestRegistrationInvitesAndRestart(t *testing.T) {
	h := newHarness(t, map[string]string{"CHIDAO_ADMINS": fmt.Sprintf("telegram:%d", adminID)})
	if out, code := h.cli("import", sampleDirective); code != 0 {
		t.Fatalf("import: %d %s", code, out)
	}
	h.start()

	heads := commandNames(h.tg.Commands("default"))
	for _, want := range []string{"start", "help", "vanban", "nv"} {
		if !slices.Contains(heads, want) {
			t.Errorf("default command menu %v lacks /%s", heads, want)
		}
	}
	for _, adminOnly := range []string{"moi", "tinhhinh", "xuat"} {
		if slices.Contains(heads, adminOnly) {
			t.Errorf("default command menu %v offers the office's /%s to everyone", heads, adminOnly)
		}
	}
	if got := commandNames(h.tg.Commands(fmt.Sprint(adminID))); !slices.Contains(got, "moi") || !slices.Contains(got, "tinhhinh") {
		t.Errorf("admin %d (CHIDAO_ADMINS) has command menu %v, want the office's (with /moi, /tinhhinh)", adminID, got)
	}

	head := telegramtest.User{ID: 501, FirstName: "Nguyễn Văn An"}
	code := h.invite("xa-an-son", "head")
	h.say(head, "/start "+code, "Đăng ký thành công")
	h.say(head, "nv5", "07/6/2024")

	// The same code again, from someone else: refused, and they stay
	// unregistered.
	other := telegramtest.User{ID: 502, FirstName: "Trần Bình"}
	h.say(other, "/start "+code, "đã được dùng")
	h.say(other, "nv5", "chưa đăng ký")

	// An expired code: made an hour ago, valid for a minute.
	db := h.db()
	expired, err := db.NewInvite(context.Background(), "xa-binh-phuc", chidao.RoleHead, "test", time.Now().Add(-time.Hour), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	h.say(other, "/start "+expired.Code, "hết hạn")
	h.say(other, "nv5", "chưa đăng ký")
	// A code that never existed.
	h.say(other, "/start ZZZZ9999", "không đúng")

	// A head may not make invites, and nothing is created.
	h.say(head, "/moi xa-an-son", "chỉ dành cho cán bộ Văn phòng")

	// The configured admin may, from their first message.
	admin := telegramtest.User{ID: adminID, FirstName: "Lê Thị Văn Phòng"}
	m := h.say(admin, "/moi xa-binh-phuc", "Mã mời")
	got := inviteInReply.FindStringSubmatch(m.Text)
	if got == nil {
		t.Fatalf("/moi reply has no /start CODE: %s", m.Text)
	}
	h.say(other, "/start "+got[1], "Đăng ký thành công")
	h.say(other, "nv5", "07/6/2024")

	// Restart in the middle of a conversation: while serve is down a third
	// person sends their code and the head asks again.
	third := telegramtest.User{ID: 503, FirstName: "Hoàng Cúc"}
	code3 := h.invite("phong-noi-vu", "head")
	h.stop(h.serve)
	mark3, markHead := h.mark(third.ID), h.mark(head.ID)
	h.tg.SendText(third, "/start "+code3)
	h.tg.SendText(head, "nhiệm vụ 5 hạn khi nào?")
	h.start()
	h.replyAfter(third.ID, mark3, "/start while down", "Đăng ký thành công")
	h.replyAfter(head.ID, markHead, "question while down", "07/6/2024")
	for _, u := range []telegramtest.User{head, other, third} {
		m := h.say(u, "nv5", "Nhiệm vụ 5")
		if strings.Contains(m.Text, "chưa đăng ký") {
			t.Errorf("member %d told to register after the restart: %s", u.ID, m.Text)
		}
	}
	members, err := db.Members(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	units := map[string]string{}
	for _, m := range members {
		units[m.UserID] = m.Unit
	}
	want := map[string]string{"501": "xa-an-son", "502": "xa-binh-phuc", "503": "phong-noi-vu", fmt.Sprint(adminID): "van-phong"}
	for id, unit := range want {
		if units[id] != unit {
			t.Errorf("member %s: unit %q after the restart, want %q (members: %v)", id, units[id], unit, units)
		}
	}
	if len(units) != len(want) {
		t.Errorf("members %v, want exactly %v", units, want)
	}
	// After the restart the admin, now a stored member, keeps the office's menu.
	if got := commandNames(h.tg.Commands(fmt.Sprint(adminID))); !slices.Contains(got, "moi") {
		t.Errorf("admin's command menu after the restart: %v, want the office's", got)
	}
}

// TestBadInputKeepsAnswering sends what a bot meets in the wild: a huge
// message, a sticker, an edit, button data that is unknown or forged, and
// chatter in a group. Each gets a clear reply (or, in a group, silence or a
// polite pointer), nothing is recorded from forged data, and the bot keeps
// answering.
func TestBadInputKeepsAnswering(t *testing.T) {
	h := newHarness(t, nil)
	if out, code := h.cli("import", sampleDirective); code != 0 {
		t.Fatalf("import: %d %s", code, out)
	}
	r := h.start()
	head := h.register(601, []string{"xa-an-son"})[0]

	h.say(head, strings.Repeat("nhiệm vụ năm hạn khi nào ", 400), "dài quá")

	mark := h.mark(head.ID)
	h.tg.SendSticker(head)
	h.replyAfter(head.ID, mark, "sticker", "chỉ đọc được tin nhắn chữ")

	mark = h.mark(head.ID)
	msgID := h.tg.SendText(head, "nhiệm vụ 1 là gì")
	h.replyAfter(head.ID, mark, "question", "Nhiệm vụ 1")
	mark = h.mark(head.ID)
	h.tg.EditText(head, msgID, "nhiệm vụ 5 hạn khi nào")
	if m := h.replyAfter(head.ID, mark, "edited question", "câu hỏi đã sửa"); !strings.Contains(m.Text, "07/6/2024") {
		t.Errorf("the edited question (task 5) is answered with: %s", m.Text)
	}

	// A real button, then the same data with one character changed.
	answer := h.say(head, "nv5", "07/6/2024")
	if len(answer.Buttons) == 0 {
		t.Fatalf("the answer to nv5 has no report button: %+v", answer)
	}
	real := answer.Buttons[0][0].Data
	forged := []byte(real)
	i := strings.IndexByte(real, '|') + 1 + 2 // inside the directive's key
	forged[i] = map[bool]byte{true: '1', false: '0'}[forged[i] == '0']
	answers := len(h.tg.Answered())
	mark = h.mark(head.ID)
	h.tg.PressButton(head, answer.MessageID, string(forged))
	h.replyAfter(head.ID, mark, "forged button", "không hợp lệ")
	// Data of no known shape: the press is answered, nothing else.
	h.tg.PressButton(head, answer.MessageID, "xyz")
	waitUntil(t, 10*time.Second, "both presses answered", func() bool { return len(h.tg.Answered()) >= answers+2 })
	for _, a := range h.tg.Answered()[answers:] {
		if !strings.Contains(a.Text, "không hợp lệ") {
			t.Errorf("a bad button press answered %q, want it called not valid", a.Text)
		}
	}
	reports, err := h.db().Reports(context.Background(), sampleDirectiveID)
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 0 {
		t.Errorf("forged button data recorded reports: %+v", reports)
	}

	// A group: a question gets no answer, /start a polite pointer to the
	// private chat. The group's updates are handled in order, so once the
	// pointer is there the question has been handled too.
	group := telegramtest.Group{ID: -100500, Title: "Lãnh đạo các xã", Supergroup: true}
	h.tg.SendGroupText(group, head, "nv5")
	h.tg.SendGroupText(group, head, "/start")
	h.replyAfter(group.ID, 0, "/start in a group", "tin nhắn riêng")
	if got := h.tg.SentTo(group.ID); len(got) != 1 {
		t.Errorf("the bot sent %d messages to the group, want only the pointer to the private chat: %+v", len(got), got)
	}

	// Still answering, and nothing panicked.
	h.say(head, "nv5", "07/6/2024")
	if s := r.stderr.String(); strings.Contains(s, "panic") {
		t.Errorf("serve logged a panic: %s", s)
	}
}

// TestRedisOutage stops the Redis serve uses: a registered member's
// question is still answered (from memory), someone registering is told the
// system is under maintenance; once Redis is back, registration works and
// no member was lost. The Redis keeps its data across the restart as a
// production Redis with persistence does (SAVE before the kill).
func TestRedisOutage(t *testing.T) {
	srv := redistest.Start(t)
	h := newHarness(t, map[string]string{"CHIDAO_REDIS_URL": srv.URL})
	if out, code := h.cli("import", sampleDirective); code != 0 {
		t.Fatalf("import: %d %s", code, out)
	}
	h.start()
	members := h.register(701, []string{"xa-an-son", "phong-noi-vu"})
	code := h.invite("xa-chu-tuc", "head")
	newcomer := telegramtest.User{ID: 799, FirstName: "Phạm Minh"}

	db := h.db()
	if err := db.Client().Save(context.Background()).Err(); err != nil {
		t.Fatalf("SAVE: %v", err)
	}
	srv.Stop()

	h.say(members[0], "nv5", "07/6/2024")
	h.say(newcomer, "/start "+code, "bảo trì")

	srv.Restart()
	waitUntil(t, 10*time.Second, "the store answers again", func() bool { return db.Ping(context.Background()) == nil })
	h.say(newcomer, "/start "+code, "Đăng ký thành công")
	for _, u := range append(members, newcomer) {
		h.say(u, "nv5", "07/6/2024")
	}
	all, err := db.Members(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 {
		t.Errorf("%d members after the outage, want 3: %+v", len(all), all)
	}
}

// TestWebhook runs serve in webhook mode: it sets the webhook with its
// secret, refuses a request without the secret (401, nothing handled),
// handles one with it, and handles an update Telegram delivers twice once.
func TestWebhook(t *testing.T) {
	const secret = "webhook_secret-0123456789"
	h := newHarness(t, map[string]string{
		"CHIDAO_TELEGRAM_MODE":           "webhook",
		"CHIDAO_TELEGRAM_WEBHOOK_URL":    "https://chidao.example.gov.vn/telegram/webhook",
		"CHIDAO_TELEGRAM_WEBHOOK_SECRET": secret,
	})
	r := h.start()
	if wh := h.tg.Webhook(); wh.URL != "https://chidao.example.gov.vn/telegram/webhook" || wh.SecretToken != secret {
		t.Fatalf("webhook set to %+v, want the configured URL and secret", wh)
	}
	url := "http://" + r.addr + "/telegram/webhook"
	const user = 801
	update := func(id int, text string) []byte {
		return []byte(fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"from":{"id":%d,"is_bot":false,"first_name":"Đỗ Hà","language_code":"vi"},"chat":{"id":%d,"type":"private","first_name":"Đỗ Hà"},"date":%d,"text":%q}}`,
			id, id, user, user, time.Now().Unix(), text))
	}
	post := func(body []byte, withSecret string) int {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		if withSecret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", withSecret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}

	if code := post(update(1, "/start"), ""); code != http.StatusUnauthorized {
		t.Errorf("no secret: HTTP %d, want 401", code)
	}
	if code := post(update(2, "/start"), "wrong_secret-0123456789"); code != http.StatusUnauthorized {
		t.Errorf("wrong secret: HTTP %d, want 401", code)
	}
	if code := post(update(3, "/help"), secret); code != http.StatusOK {
		t.Errorf("right secret: HTTP %d, want 200", code)
	}
	if code := post(update(3, "/help"), secret); code != http.StatusOK {
		t.Errorf("the same update again: HTTP %d, want 200 (Telegram stops retrying)", code)
	}
	if code := post(update(4, "nv5"), secret); code != http.StatusOK {
		t.Errorf("next update: HTTP %d, want 200", code)
	}
	// One chat's updates are handled in order: once update 4 is answered,
	// the ones before it have been handled (or dropped).
	waitUntil(t, 10*time.Second, "two replies", func() bool { return len(h.tg.SentTo(user)) >= 2 })
	h.replyAfter(user, 0, "update 4", "chưa đăng ký")
	if got := h.tg.SentTo(user); len(got) != 2 {
		var texts []string
		for _, m := range got {
			texts = append(texts, m.Text[:min(len(m.Text), 60)])
		}
		t.Errorf("%d replies, want 2 (the unauthorised updates ignored, the repeated one handled once): %q", len(got), texts)
	}
	if n := h.tg.Calls("getUpdates"); n != 0 {
		t.Errorf("webhook mode called getUpdates %d times", n)
	}
}

// TestOneFlooderHoldsUpNoOne: a registered member sends 60 messages at
// once; two others then ask a question each and a new user registers. They
// are answered within seconds, and the flooder is told once to slow down.
// (Telegram's real per-chat pace is not enforced by the fake; the budget
// is what keeps the flooder's backlog from forming.)
func TestOneFlooderHoldsUpNoOne(t *testing.T) {
	h := newHarness(t, map[string]string{"CHIDAO_ADMINS": fmt.Sprintf("telegram:%d", adminID)})
	if out, code := h.cli("import", sampleDirective); code != 0 {
		t.Fatalf("import: %d %s", code, out)
	}
	h.start()
	flooder := telegramtest.User{ID: 601, FirstName: "Người gửi nhiều"}
	asker := telegramtest.User{ID: 602, FirstName: "Người hỏi"}
	h.say(flooder, "/start "+h.invite("xa-an-son", "head"), "Đăng ký thành công")
	h.say(asker, "/start "+h.invite("xa-tri-le", "head"), "Đăng ký thành công")
	mark := h.mark(flooder.ID)
	for i := 0; i < 60; i++ {
		h.tg.SendText(flooder, "nv5")
	}
	h.say(asker, "nv5", "07/6/2024")
	newcomer := telegramtest.User{ID: 603, FirstName: "Người mới"}
	h.say(newcomer, "/start "+h.invite("xa-chu-tuc", "head"), "Đăng ký thành công")
	h.waitText(flooder, "gửi nhanh quá")
	answers, notices := 0, 0
	for _, m := range h.sentAfter(flooder.ID, mark) {
		switch {
		case strings.Contains(m.Text, "gửi nhanh quá"):
			notices++
		case strings.Contains(m.Text, "07/6/2024"):
			answers++
		}
	}
	if notices != 1 || answers > 20 {
		t.Errorf("the flooder got %d answers and %d notices; want at most 20 answers (the budget) and one notice", answers, notices)
	}
}

// TestRedisComesBackEmpty: a Redis without persistence restarts and holds
// nothing of chidao; serve says so in /healthz and tells the admin it
// knows, instead of carrying on as if nobody had ever registered.
func TestRedisComesBackEmpty(t *testing.T) {
	h := newHarness(t, map[string]string{"CHIDAO_ADMINS": fmt.Sprintf("telegram:%d", adminID)})
	h.config("redis:\n  state_check: 100ms\n")
	r := h.start()
	admin := telegramtest.User{ID: adminID, FirstName: "Văn phòng"}
	h.say(admin, "/help", "Dành cho")
	db := h.db()
	ctx := context.Background()
	keys, err := db.Client().Keys(ctx, h.vars["CHIDAO_REDIS_PREFIX"]+"*").Result()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Client().Del(ctx, keys...).Err(); err != nil { // what a restart without persistence leaves
		t.Fatal(err)
	}
	h.waitText(admin, "không còn dữ liệu của chidao")
	resp, err := http.Get("http://" + r.addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body bytes.Buffer
	body.ReadFrom(resp.Body)
	if !strings.Contains(body.String(), `"redis_state":"lost`) || resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/healthz after the loss: %d %s", resp.StatusCode, body.String())
	}
	time.Sleep(300 * time.Millisecond)
	warned := 0
	for _, m := range h.tg.SentTo(adminID) {
		if strings.Contains(m.Text, "không còn dữ liệu của chidao") {
			warned++
		}
	}
	if warned != 1 {
		t.Errorf("the admin was warned %d times, want once", warned)
	}
}
