package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"chidao/bot/telegram/telegramtest"
)

// TestLLMPhrasingStaysGrounded points serve at a fake OpenAI-compatible
// server: a rephrasing that keeps to the directive's facts is sent; one that
// invents a date is thrown away for the grounded answer; a model that fails
// (401) leaves the grounded answer too.
func TestLLMPhrasingStaysGrounded(t *testing.T) {
	var mu sync.Mutex
	reply := ""
	status := http.StatusOK
	llm := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer sk-test" {
			http.Error(w, `{"error":{"message":"not found","type":"invalid_request_error"}}`, http.StatusNotFound)
			return
		}
		mu.Lock()
		text, code := reply, status
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if code != http.StatusOK {
			w.WriteHeader(code)
			_, _ = w.Write([]byte(`{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}`))
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{
			"id": "chatcmpl-1", "object": "chat.completion", "created": 1717000000, "model": "test-model",
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
				"message": map[string]any{"role": "assistant", "content": text}}},
			"usage": map[string]any{"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
		})
	}))
	defer llm.Close()
	set := func(text string, code int) {
		mu.Lock()
		reply, status = text, code
		mu.Unlock()
	}

	h := newHarness(t, map[string]string{
		"CHIDAO_OPENAI_API_KEY": "sk-test", "CHIDAO_OPENAI_BASE_URL": llm.URL + "/v1", "CHIDAO_OPENAI_MODEL": "test-model",
	})
	if out, code := h.cli("import", "../../configs/directives/vanquan-cchc-2024.md"); code != 0 {
		t.Fatalf("import: %s", out)
	}
	h.start()
	head := telegramtest.User{ID: 801, FirstName: "Hà"}
	h.say(head, "/start "+h.invite("xa-an-son", "head"), "Đăng ký thành công")

	set("Thưa anh/chị, nhiệm vụ 5 cần ban hành kế hoạch trước ngày 07/6/2024.", http.StatusOK)
	m := h.say(head, "nhiệm vụ 5 hạn khi nào", "Thưa anh/chị")
	if !strings.Contains(m.Text, "07/6/2024") {
		t.Errorf("grounded rephrasing lost the date: %s", m.Text)
	}

	set("Thưa anh/chị, nhiệm vụ 5 được gia hạn đến ngày 20/6/2024.", http.StatusOK)
	m = h.say(head, "nv5 han khi nao", "07/6/2024")
	if strings.Contains(m.Text, "20/6/2024") || strings.Contains(m.Text, "gia hạn") {
		t.Errorf("an invented date reached the user: %s", m.Text)
	}

	set("", http.StatusUnauthorized)
	h.say(head, "nhiem vu 5", "07/6/2024")
}
