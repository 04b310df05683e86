package openai

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	goopenai "github.com/sashabaranov/go-openai"

	"chidao"
	"chidao/knowledge"
)

// fakeAPI is an OpenAI chat-completions server replying with the scripted
// responses in turn.
type fakeAPI struct {
	mu      sync.Mutex
	replies []reply
	calls   int
	last    goopenai.ChatCompletionRequest
}

type reply struct {
	status     int
	retryAfter string
	body       string
}

func okBody(content string) string {
	b, _ := json.Marshal(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000, "model": "gpt-4o-mini",
		"choices": []map[string]any{{"index": 0, "message": map[string]any{"role": "assistant", "content": content}, "finish_reason": "stop"}},
		"usage":   map[string]any{"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
	})
	return string(b)
}

func errBody(code, typ, msg string) string {
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": msg, "type": typ, "param": nil, "code": code}})
	return string(b)
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.URL.Path != "/v1/chat/completions" || r.Method != http.MethodPost {
		http.NotFound(w, r)
		return
	}
	if r.Header.Get("Authorization") != "Bearer test-key" {
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(errBody("invalid_api_key", "invalid_request_error", "Incorrect API key provided")))
		return
	}
	json.NewDecoder(r.Body).Decode(&f.last)
	rep := f.replies[min(f.calls, len(f.replies)-1)]
	f.calls++
	w.Header().Set("Content-Type", "application/json")
	if rep.retryAfter != "" {
		w.Header().Set("Retry-After", rep.retryAfter)
	}
	w.WriteHeader(rep.status)
	w.Write([]byte(rep.body))
}

func newClient(t *testing.T, f *fakeAPI, key string, retries int) (*Client, *[]time.Duration) {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c := New(Options{APIKey: key, BaseURL: srv.URL + "/v1", Model: "gpt-4o-mini", MaxRetries: retries, HTTPClient: srv.Client()})
	var waits []time.Duration
	c.wait = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	return c, &waits
}

func TestComplete(t *testing.T) {
	tests := []struct {
		name      string
		key       string
		replies   []reply
		want      string
		wantCalls int
		wantWaits []time.Duration
		wantCode  int // HTTP status of the error, 0 for success
	}{
		{name: "ok", key: "test-key", replies: []reply{{200, "", okBody("Xin chào")}}, want: "Xin chào", wantCalls: 1},
		{name: "401 is not retried", key: "wrong", replies: []reply{{200, "", okBody("x")}}, wantCalls: 0, wantCode: 401},
		{name: "429 obeys Retry-After", key: "test-key",
			replies: []reply{{429, "3", errBody("rate_limit_exceeded", "requests", "Rate limit reached")}, {200, "", okBody("Được")}},
			want:    "Được", wantCalls: 2, wantWaits: []time.Duration{3 * time.Second}},
		{name: "500 retried with backoff", key: "test-key",
			replies: []reply{{500, "", errBody("server_error", "server_error", "boom")}, {502, "", "<html>bad gateway</html>"}, {200, "", okBody("Rồi")}},
			want:    "Rồi", wantCalls: 3, wantWaits: []time.Duration{500 * time.Millisecond, time.Second}},
		{name: "500 until retries run out", key: "test-key",
			replies:   []reply{{500, "", errBody("server_error", "server_error", "boom")}},
			wantCalls: 3, wantWaits: []time.Duration{500 * time.Millisecond, time.Second}, wantCode: 500},
		{name: "400 is not retried", key: "test-key",
			replies:   []reply{{400, "", errBody("context_length_exceeded", "invalid_request_error", "too long")}},
			wantCalls: 1, wantCode: 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeAPI{replies: tt.replies}
			c, waits := newClient(t, f, tt.key, 2)
			got, err := c.Complete(context.Background(), "hệ thống", "người dùng")
			if tt.wantCode != 0 {
				var apiErr *goopenai.APIError
				var reqErr *goopenai.RequestError
				code := 0
				switch {
				case errors.As(err, &apiErr):
					code = apiErr.HTTPStatusCode
				case errors.As(err, &reqErr):
					code = reqErr.HTTPStatusCode
				}
				if code != tt.wantCode {
					t.Fatalf("err = %v (status %d), want status %d", err, code, tt.wantCode)
				}
			} else if err != nil || got != tt.want {
				t.Fatalf("Complete = %q, %v; want %q", got, err, tt.want)
			}
			if f.calls != tt.wantCalls {
				t.Errorf("calls = %d, want %d", f.calls, tt.wantCalls)
			}
			if len(*waits) != len(tt.wantWaits) {
				t.Fatalf("waits = %v, want %v", *waits, tt.wantWaits)
			}
			for i := range tt.wantWaits {
				if (*waits)[i] != tt.wantWaits[i] {
					t.Errorf("wait %d = %v, want %v", i, (*waits)[i], tt.wantWaits[i])
				}
			}
			if tt.wantCalls > 0 && (len(f.last.Messages) != 2 || f.last.Messages[0].Role != "system" || f.last.Messages[1].Content != "người dùng") {
				t.Errorf("request messages = %+v", f.last.Messages)
			}
		})
	}
}

func TestCompleteStopsOnCancel(t *testing.T) {
	f := &fakeAPI{replies: []reply{{503, "", errBody("overloaded", "server_error", "busy")}}}
	c, _ := newClient(t, f, "test-key", 5)
	ctx, cancel := context.WithCancel(context.Background())
	c.wait = func(ctx context.Context, d time.Duration) error { cancel(); return sleep(ctx, d) }
	if _, err := c.Complete(ctx, "s", "u"); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if f.calls != 1 {
		t.Errorf("calls = %d, want 1", f.calls)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{"": 0, "7": 7 * time.Second, "x": 0,
		now.Add(90 * time.Second).Format(http.TimeFormat): 90 * time.Second} {
		if got := parseRetryAfter(v, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestPhraser runs the phraser end to end through this client: a faithful
// rephrasing replaces the text, an invented date or unit falls back to the
// grounded answer, and so does a model error.
func TestPhraser(t *testing.T) {
	units := []chidao.Unit{{Code: "phong-noi-vu", Name: "Phòng Nội vụ", Kind: chidao.KindPhong, Groups: []string{"phong-chuyen-mon"}}}
	p := knowledge.NewParser(units)
	d, err := p.ParseText("cv.md", "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\n\nSố: 12/UBND-NV\n\nVăn Quan, ngày 03 tháng 6 năm 2024\n\nV/v đánh giá CCHC\n\nKính gửi: Phòng Nội vụ huyện.\n\n1. Phòng Nội vụ tổng hợp kết quả đánh giá, báo cáo UBND huyện trước ngày 07/6/2024.\n\n2. Phòng Nội vụ rà soát hồ sơ.\n")
	if err != nil {
		t.Fatal(err)
	}
	ix := knowledge.NewIndex(units)
	ix.Add(d)
	q := knowledge.Query{Text: "nhiệm vụ 1 hạn khi nào"}
	grounded := ix.Ask(q)
	if !grounded.Found || grounded.Deadline.String() != "2024-06-07" {
		t.Fatalf("grounded answer = %+v", grounded)
	}
	tests := []struct {
		name     string
		reply    reply
		phrased  bool
		contains string
	}{
		{"faithful", reply{200, "", okBody("Theo Công văn số 12/UBND-NV, nhiệm vụ 1 (Phòng Nội vụ tổng hợp kết quả đánh giá) phải xong trước ngày 07/6/2024.")}, true, "phải xong trước ngày 07/6/2024"},
		{"invented date", reply{200, "", okBody("Theo Công văn số 12/UBND-NV, nhiệm vụ 1 phải xong trước ngày 15/6/2024.")}, false, ""},
		{"invented unit", reply{200, "", okBody("Theo Công văn số 12/UBND-NV, Phòng Tư pháp làm nhiệm vụ 1 trước ngày 07/6/2024.")}, false, ""},
		{"invented task", reply{200, "", okBody("Theo Công văn số 12/UBND-NV, nhiệm vụ 3 hạn trước ngày 07/6/2024.")}, false, ""},
		{"model down", reply{500, "", errBody("server_error", "server_error", "boom")}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeAPI{replies: []reply{tt.reply}}
			c, _ := newClient(t, f, "test-key", 0)
			got := knowledge.NewPhraser(c, nil, "Văn phòng UBND tỉnh").Phrase(context.Background(), q, grounded)
			if tt.phrased {
				if !strings.Contains(got.Text, tt.contains) {
					t.Fatalf("text = %q, want the rephrasing", got.Text)
				}
			} else if got.Text != grounded.Text {
				t.Fatalf("text = %q, want the grounded answer", got.Text)
			}
			if got.Deadline != grounded.Deadline || len(got.Items) != len(grounded.Items) {
				t.Errorf("facts changed: %+v", got)
			}
		})
	}
	// Never called for an answer that was not found.
	f := &fakeAPI{replies: []reply{{200, "", okBody("bịa")}}}
	c, _ := newClient(t, f, "test-key", 0)
	refused := ix.Ask(knowledge.Query{Text: "lương cán bộ tăng bao nhiêu"})
	if got := knowledge.NewPhraser(c, nil, "Văn phòng UBND tỉnh").Phrase(context.Background(), knowledge.Query{Text: "x"}, refused); got.Text != refused.Text || f.calls != 0 {
		t.Errorf("phrased a refusal: calls=%d text=%q", f.calls, got.Text)
	}
}
