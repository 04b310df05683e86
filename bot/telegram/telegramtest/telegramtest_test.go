package telegramtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// post posts form params to method and decodes the envelope.
func post(s *Server, method string, params url.Values) (int, map[string]any, error) {
	resp, err := s.Client().PostForm(fmt.Sprintf(s.Endpoint(), s.Token(), method), params)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return resp.StatusCode, nil, fmt.Errorf("%s: undecodable answer: %v", method, err)
	}
	return resp.StatusCode, body, nil
}

// call is post failing the test on a transport error.
func call(t *testing.T, s *Server, method string, params url.Values) (int, map[string]any) {
	t.Helper()
	code, body, err := post(s, method, params)
	if err != nil {
		t.Fatal(err)
	}
	return code, body
}

func TestEnvelopeAndErrors(t *testing.T) {
	s := New(t)
	code, body := call(t, s, "getMe", nil)
	if code != 200 || body["ok"] != true || body["result"].(map[string]any)["username"] != BotUsername {
		t.Errorf("getMe: %d %v", code, body)
	}
	s.FailNext("sendMessage", 429, 3)
	code, body = call(t, s, "sendMessage", url.Values{"chat_id": {"1"}, "text": {"x"}})
	if code != 429 || body["ok"] != false || body["error_code"] != 429.0 ||
		body["description"] != "Too Many Requests: retry after 3" || body["parameters"].(map[string]any)["retry_after"] != 3.0 {
		t.Errorf("429: %d %v", code, body)
	}
	code, body = call(t, s, "sendMessage", url.Values{"chat_id": {"1"}, "text": {strings.Repeat("ư", MaxTextLen+1)}})
	if code != 400 || body["description"] != "Bad Request: message is too long" {
		t.Errorf("too long: %d %v", code, body)
	}
	code, _ = call(t, s, "sendMessage", url.Values{"chat_id": {"1"}, "text": {strings.Repeat("ư", MaxTextLen)}})
	if code != 200 {
		t.Errorf("exactly 4096 characters: %d", code)
	}
	code, _ = call(t, s, "noSuchMethod", nil)
	if code != 404 {
		t.Errorf("unknown method: %d", code)
	}
	resp, err := s.Client().PostForm(fmt.Sprintf(s.Endpoint(), "1:bad", "getMe"), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("bad token: %d", resp.StatusCode)
	}
	if s.Calls("sendMessage") != 3 {
		t.Errorf("sendMessage calls = %d", s.Calls("sendMessage"))
	}
}

func TestLongPollWaitsForAnUpdate(t *testing.T) {
	s := New(t)
	go func() {
		// Land the update once the poll below is waiting.
		deadline := time.Now().Add(5 * time.Second)
		for s.Calls("getUpdates") == 0 && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond) // polling with a deadline
		}
		s.SendText(User{ID: 1, FirstName: "An"}, "chào")
	}()
	start := time.Now()
	code, body := call(t, s, "getUpdates", url.Values{"timeout": {"5"}})
	if code != 200 || len(body["result"].([]any)) != 1 {
		t.Fatalf("getUpdates: %d %v", code, body)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("long poll answered after %v", d)
	}
	id := body["result"].([]any)[0].(map[string]any)["update_id"].(float64)
	// Not confirmed yet: comes again; confirmed by offset: gone.
	_, body = call(t, s, "getUpdates", nil)
	if len(body["result"].([]any)) != 1 {
		t.Errorf("unconfirmed update not returned again: %v", body)
	}
	_, body = call(t, s, "getUpdates", url.Values{"offset": {fmt.Sprint(int(id) + 1)}})
	if len(body["result"].([]any)) != 0 || s.Pending() != 0 || s.Offset() != int(id)+1 {
		t.Errorf("confirmed update returned again: %v", body)
	}
}

func TestGetUpdatesConflicts(t *testing.T) {
	s := New(t)
	first := make(chan int)
	go func() {
		code, _, err := post(s, "getUpdates", url.Values{"timeout": {"5"}})
		if err != nil {
			t.Error(err)
		}
		first <- code
	}()
	deadline := time.Now().Add(5 * time.Second)
	for s.Calls("getUpdates") == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond) // polling with a deadline
	}
	code, _ := call(t, s, "getUpdates", nil)
	if code != 200 {
		t.Errorf("second poller: %d", code)
	}
	if got := <-first; got != 409 {
		t.Errorf("first poller ended with %d, want 409", got)
	}
	call(t, s, "setWebhook", url.Values{"url": {"https://x.example/hook"}, "secret_token": {"abc"}})
	if code, body := call(t, s, "getUpdates", nil); code != 409 || !strings.Contains(body["description"].(string), "webhook is active") {
		t.Errorf("getUpdates with a webhook: %d %v", code, body)
	}
}

func TestEnforceLimits(t *testing.T) {
	s := New(t)
	s.EnforceLimits(5, time.Second)
	for i := range 2 {
		code, body := call(t, s, "sendMessage", url.Values{"chat_id": {"7"}, "text": {"x"}})
		if want := []int{200, 429}[i]; code != want {
			t.Errorf("send %d to one chat: %d %v, want %d", i, code, body, want)
		}
	}
	codes := map[int]int{}
	for i := range 10 {
		code, _ := call(t, s, "sendMessage", url.Values{"chat_id": {fmt.Sprint(100 + i)}, "text": {"x"}})
		codes[code]++
	}
	// 1 sent above, 5 + 1 tolerated in the second, the rest refused.
	if codes[200] != 5 || codes[429] != 5 {
		t.Errorf("codes = %v, want 5 sent and 5 refused", codes)
	}
	if s.TooManyRequests() != 6 {
		t.Errorf("429s counted: %d", s.TooManyRequests())
	}
}

func TestWaitSent(t *testing.T) {
	s := New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	go post(s, "sendMessage", url.Values{"chat_id": {"42"}, "text": {"Đã nhận"},
		"reply_markup": {`{"inline_keyboard":[[{"text":"↩️","callback_data":"undo:1"}]]}`}})
	m, err := s.WaitSent(ctx, 42, func(m SentMessage) bool { return strings.HasPrefix(m.Text, "Đã") })
	if err != nil {
		t.Fatal(err)
	}
	if m.Buttons[0][0].Data != "undo:1" {
		t.Errorf("buttons = %v", m.Buttons)
	}
	short, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	if _, err := s.WaitSent(short, 43, nil); err == nil {
		t.Error("WaitSent for a chat nobody wrote to returned no error")
	}
}
