// Package openai completes chat prompts through any OpenAI-compatible API
// (OpenAI, Azure, Ollama, vLLM, llama.cpp) for knowledge.Phraser. It is the
// only package that imports go-openai.
package openai

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	goopenai "github.com/sashabaranov/go-openai"

	"chidao/knowledge"
)

// Options configure a Client.
type Options struct {
	// APIKey is the bearer token.
	APIKey string
	// BaseURL is the API's base, including /v1 ("https://api.openai.com/v1").
	BaseURL string
	// Model is the chat model's name.
	Model string
	// Timeout bounds each attempt; 0 means 20 seconds.
	Timeout time.Duration
	// MaxRetries is how many times a 429, a 5xx or a network error is
	// retried; 0 means none.
	MaxRetries int
	// HTTPClient sends the requests; nil means a client of its own.
	HTTPClient *http.Client
}

// Client is a chat model behind an OpenAI-compatible API.
type Client struct {
	api     *goopenai.Client
	model   string
	timeout time.Duration
	retries int
	wait    func(ctx context.Context, d time.Duration) error
}

var _ knowledge.Completer = (*Client)(nil)

// New returns a client for the options.
func New(o Options) *Client {
	cfg := goopenai.DefaultConfig(o.APIKey)
	if o.BaseURL != "" {
		cfg.BaseURL = o.BaseURL
	}
	hc := o.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	cfg.HTTPClient = retryAfterDoer{next: hc}
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = 20 * time.Second
	}
	model := o.Model
	if model == "" {
		model = goopenai.GPT4oMini
	}
	return &Client{api: goopenai.NewClientWithConfig(cfg), model: model, timeout: timeout, retries: max(o.MaxRetries, 0), wait: sleep}
}

// Complete sends a system prompt and a user message and returns the
// model's reply. A 429 or 5xx answer, or a network error, is retried with
// exponential backoff (obeying Retry-After); other 4xx answers are not.
// Errors wrap *goopenai.APIError or *goopenai.RequestError.
func (c *Client) Complete(ctx context.Context, system, user string) (string, error) {
	req := goopenai.ChatCompletionRequest{
		Model: c.model,
		Messages: []goopenai.ChatCompletionMessage{
			{Role: goopenai.ChatMessageRoleSystem, Content: system},
			{Role: goopenai.ChatMessageRoleUser, Content: user},
		},
		Temperature: 0.2,
	}
	var lastErr error
	for attempt := 0; attempt <= c.retries; attempt++ {
		hdr := &retryInfo{}
		actx, cancel := context.WithTimeout(context.WithValue(ctx, retryKey{}, hdr), c.timeout)
		resp, err := c.api.CreateChatCompletion(actx, req)
		cancel()
		if err == nil {
			if len(resp.Choices) == 0 {
				return "", fmt.Errorf("chat completion: the model returned no choices")
			}
			return resp.Choices[0].Message.Content, nil
		}
		lastErr = fmt.Errorf("chat completion (attempt %d): %w", attempt+1, err)
		if ctx.Err() != nil || !retryable(err) || attempt == c.retries {
			break
		}
		delay := backoff(attempt)
		if hdr.after > 0 {
			delay = min(hdr.after, time.Minute)
		}
		if err := c.wait(ctx, delay); err != nil {
			return "", fmt.Errorf("chat completion: waiting to retry: %w", err)
		}
	}
	return "", lastErr
}

// retryable reports whether an error may go away on a retry.
func retryable(err error) bool {
	status := 0
	var apiErr *goopenai.APIError
	var reqErr *goopenai.RequestError
	switch {
	case errors.As(err, &apiErr):
		status = apiErr.HTTPStatusCode
	case errors.As(err, &reqErr):
		status = reqErr.HTTPStatusCode
	}
	switch {
	case status == http.StatusTooManyRequests || status >= 500:
		return true
	case status >= 400:
		return false
	}
	return !errors.Is(err, context.Canceled)
}

func backoff(attempt int) time.Duration {
	return min(500*time.Millisecond<<attempt, 8*time.Second)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// retryKey carries a *retryInfo in a request's context.
type retryKey struct{}

// retryInfo is the Retry-After of the last response of one attempt.
type retryInfo struct{ after time.Duration }

// retryAfterDoer records the Retry-After header of each response in the
// request's retryInfo, which go-openai's errors do not carry.
type retryAfterDoer struct{ next *http.Client }

func (d retryAfterDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.next.Do(req)
	if err != nil {
		return resp, err
	}
	if info, ok := req.Context().Value(retryKey{}).(*retryInfo); ok {
		info.after = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	return resp, nil
}

// parseRetryAfter reads Retry-After as seconds or as an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
