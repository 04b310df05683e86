package bot

import (
	"context"
	"strings"
	"unicode"
)

// HandlerFunc handles one update. The error is for logging and metrics: a
// handler replies to the user itself.
type HandlerFunc func(ctx context.Context, u *Update) error

// Middleware wraps a handler with behaviour of its own (recovering panics,
// logging, turning numbered replies into button presses, …).
type Middleware func(HandlerFunc) HandlerFunc

// Chain wraps h in mw so that mw[0] is the outermost: it runs first and sees
// the final error last.
func Chain(h HandlerFunc, mw ...Middleware) HandlerFunc {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

// route is one registered match and its handler.
type route struct {
	match func(*Update) bool
	h     HandlerFunc
}

// Router dispatches each update to the first route that matches it, in the
// order the routes were registered, and to the fallback when none does.
// Register every route and middleware before the first Serve; after that
// the router is read-only and safe for concurrent use.
type Router struct {
	mw       []Middleware
	routes   []route
	fallback HandlerFunc
}

// NewRouter returns an empty router: with no route and no fallback, Serve
// ignores every update.
func NewRouter() *Router { return &Router{} }

// Use adds middleware around every route, the fallback included. The first
// middleware added is the outermost.
func (r *Router) Use(mw ...Middleware) { r.mw = append(r.mw, mw...) }

// Command routes the text command name ("nv" or "/nv"), matched without
// regard to case and with or without the bot's @username: "/nv 5",
// "/NV@ChidaoBot 5". Read the arguments with Update.Command.
func (r *Router) Command(name string, h HandlerFunc) {
	want := strings.ToLower(strings.TrimPrefix(name, "/"))
	r.routes = append(r.routes, route{
		match: func(u *Update) bool {
			got, _, ok := u.Command()
			return ok && got == want
		},
		h: h,
	})
}

// Callback routes button presses whose data starts with prefix.
func (r *Router) Callback(prefix string, h HandlerFunc) {
	r.routes = append(r.routes, route{
		match: func(u *Update) bool {
			return u.Kind == KindCallback && u.Callback != nil && strings.HasPrefix(u.Callback.Data, prefix)
		},
		h: h,
	})
}

// Text routes every text message that no earlier route took, commands
// included: register Command routes before Text, and check Update.Command
// in h to answer unknown commands.
func (r *Router) Text(h HandlerFunc) { r.Kind(KindText, h) }

// Kind routes every update of kind k that no earlier route took.
func (r *Router) Kind(k UpdateKind, h HandlerFunc) {
	r.routes = append(r.routes, route{match: func(u *Update) bool { return u.Kind == k }, h: h})
}

// Fallback handles the updates no route matched.
func (r *Router) Fallback(h HandlerFunc) { r.fallback = h }

// Serve handles u through the middleware and the first matching route. An
// update nothing matches, with no fallback, is ignored (nil).
func (r *Router) Serve(ctx context.Context, u *Update) error {
	return Chain(r.dispatch, r.mw...)(ctx, u)
}

// dispatch runs the first matching route.
func (r *Router) dispatch(ctx context.Context, u *Update) error {
	for _, rt := range r.routes {
		if rt.match(u) {
			return rt.h(ctx, u)
		}
	}
	if r.fallback != nil {
		return r.fallback(ctx, u)
	}
	return nil
}

// Command parses a text update as a command: "/nv@ChidaoBot  5" gives
// ("nv", "5", true). The name is lower-cased and made of letters, digits and
// underscores; ok is false for any other update or text.
func (u *Update) Command() (name, args string, ok bool) {
	if u == nil || u.Kind != KindText {
		return "", "", false
	}
	text := strings.TrimLeftFunc(u.Text, unicode.IsSpace)
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	text = text[1:]
	head, rest := text, ""
	if i := strings.IndexFunc(text, unicode.IsSpace); i >= 0 {
		head, rest = text[:i], text[i:]
	}
	if at := strings.IndexByte(head, '@'); at >= 0 {
		if at == len(head)-1 {
			return "", "", false
		}
		head = head[:at]
	}
	if head == "" {
		return "", "", false
	}
	for _, c := range head {
		if !(c == '_' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')) {
			return "", "", false
		}
	}
	return strings.ToLower(head), strings.TrimSpace(rest), true
}
