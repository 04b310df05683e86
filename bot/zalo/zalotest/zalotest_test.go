package zalotest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

func post(t *testing.T, s *Server, method, body string) (int, map[string]any) {
	t.Helper()
	resp, err := s.Client().Post(fmt.Sprintf("%s/bot%s/%s", s.Endpoint(), s.Token(), method), "application/json", bytes.NewBufferString(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var env map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, env
}

func TestGetUpdatesOneAtATimeThen408(t *testing.T) {
	s := New(t)
	s.SendText(User{ID: "1", Name: "An"}, "một")
	s.SendText(User{ID: "1", Name: "An"}, "hai")
	for _, want := range []string{"một", "hai"} {
		code, env := post(t, s, "getUpdates", `{"timeout":"1"}`)
		msg := env["result"].(map[string]any)["message"].(map[string]any)
		if code != 200 || msg["text"] != want {
			t.Errorf("getUpdates: %d %v, want %q", code, env, want)
		}
	}
	start := time.Now()
	code, env := post(t, s, "getUpdates", `{"timeout":"1"}`)
	if code != 408 || env["ok"] != false || env["error_code"] != 408.0 {
		t.Errorf("empty poll: %d %v, want 408", code, env)
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("empty poll answered after %v, before its timeout", d)
	}
}

func TestLimitsAndTextLimit(t *testing.T) {
	s := New(t)
	s.EnforceLimits(0, time.Second)
	if code, _ := post(t, s, "sendMessage", `{"chat_id":"1","text":"a"}`); code != 200 {
		t.Errorf("first send: %d", code)
	}
	if code, env := post(t, s, "sendMessage", `{"chat_id":"1","text":"b"}`); code != 429 || s.TooManyRequests() != 1 {
		t.Errorf("second send within a second: %d %v", code, env)
	}
	long, _ := json.Marshal(map[string]string{"chat_id": "2", "text": string(bytes.Repeat([]byte("ư"), MaxTextLen+1))})
	if code, _ := post(t, s, "sendMessage", string(long)); code != 400 {
		t.Errorf("2001 characters: %d, want 400", code)
	}
}
