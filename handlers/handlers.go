// Package handlers is what chidao does with each update from a chat:
// registration with invite codes, questions about directives, the office's
// upload-preview-send of a directive, acknowledgments, completion reports and
// their return, and the office's status commands. Every reply is Vietnamese.
// State goes through the small interfaces in deps.go (implemented by the
// Redis store); directives are read and searched with package knowledge.
package handlers

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"chidao"
	"chidao/bot"
	"chidao/knowledge"
	"chidao/store"
)

// Options tunes the handlers; zero values take the defaults.
type Options struct {
	// Office is who runs the bot, named in replies; empty parts read
	// "Văn phòng" and "UBND".
	Office chidao.Office
	// Units is the office's unit list.
	Units []chidao.Unit
	// Groups are the named groups directives address (see chidao.UnitList).
	Groups []chidao.Group
	// Admins are member keys ("telegram:123456") of office staff named in the
	// configuration (CHIDAO_ADMINS): they are admins without an invite.
	Admins []string
	// Secret signs button data. Required.
	Secret []byte
	// Location is the office's time zone (default Asia/Ho_Chi_Minh).
	Location *time.Location
	// InviteTTL is how long an invite code stays valid (default 7 days).
	InviteTTL time.Duration
	// MaxFileSize is the largest directive file accepted (default 20 MB).
	MaxFileSize int64
	// MaxQuestion is the longest question answered, in characters (default 1,000).
	MaxQuestion int
	// NoticeDelay is how long the office's notice of members a broadcast
	// could not reach waits to gather the others (default 30 s; negative
	// sends each at once).
	NoticeDelay time.Duration
}

// Deps are the handlers' collaborators.
type Deps struct {
	Store      Store
	Index      *knowledge.Index
	Parser     *knowledge.Parser
	Reader     Reader             // reads uploaded files: PDFs, scans, Word, text
	Phraser    *knowledge.Phraser // optional: LLM phrasing of grounded answers
	Messengers bot.Messengers
	Reports    Reporter // optional: /baocao and the status columns of /xuat
	Clock      chidao.Clock
	Logger     *slog.Logger
}

// Reader reads a directive file into its text: a PDF (by OCR where it is a
// scan), a photo, a Word document, plain text. progress, when not nil, is
// told of pages read by OCR.
type Reader interface {
	Read(ctx context.Context, name string, data []byte, progress knowledge.Progress) (knowledge.Source, error)
}

// textReader reads the formats read in process (.md, .txt, .docx) when no
// Reader is given.
type textReader struct{}

func (textReader) Read(_ context.Context, name string, data []byte, _ knowledge.Progress) (knowledge.Source, error) {
	text, err := knowledge.Extract(name, data)
	return knowledge.Source{Text: text}, err
}

// Reporter summarises how a directive's tasks stand, in the four groups of
// government follow-up reports (implemented by the reminders service).
type Reporter interface {
	// Report returns the follow-up report text of one directive at an instant.
	Report(ctx context.Context, directive string, at time.Time) (string, error)
	// TaskStatus returns, per "task|unit", the status label of each task of
	// the directive for each unit at an instant.
	TaskStatus(ctx context.Context, directive string, at time.Time) (map[string]string, error)
}

// Handlers answers updates. Build it with New; it is safe for concurrent use.
type Handlers struct {
	st       Store
	index    *knowledge.Index
	parser   *knowledge.Parser
	reader   Reader
	resolver *knowledge.Resolver
	phraser  *knowledge.Phraser
	out      bot.Messengers
	reports  Reporter
	clock    chidao.Clock
	log      *slog.Logger
	opt      Options
	codec    codec
	units    map[string]chidao.Unit
	office   string // code of the office's own unit
	admins   map[string]bool

	onBroadcast func()
	onAdmin     func(context.Context, chidao.Member)
	cache       *deliveryCache
	lost        lostNotices

	mu          sync.Mutex
	members     map[string]chidao.Member // last known, to answer while Redis is away
	synced      time.Time                // directives put up to then are in the index
	quarantined []string                 // stored directives the index could not read
}

// Durations of short-lived chat state.
const (
	draftTTL   = 24 * time.Hour
	awaitTTL   = 15 * time.Minute
	currentTTL = 30 * 24 * time.Hour
	buttonsTTL = 7 * 24 * time.Hour
	seenTTL    = 24 * time.Hour
)

// New builds the handlers.
func New(d Deps, o Options) (*Handlers, error) {
	if d.Store == nil || d.Index == nil || d.Parser == nil {
		return nil, errors.New("handlers: store, index and parser are required")
	}
	if len(o.Secret) < 16 {
		return nil, errors.New("handlers: a button secret of at least 16 bytes is required")
	}
	if d.Reader == nil {
		d.Reader = textReader{}
	}
	if len(o.Units) == 0 {
		return nil, errors.New("handlers: no units configured")
	}
	if o.Location == nil {
		loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
		if err != nil {
			return nil, fmt.Errorf("handlers: load time zone: %w", err)
		}
		o.Location = loc
	}
	if o.Office.Short == "" {
		o.Office.Short = cmp.Or(o.Office.Name, "Văn phòng")
	}
	o.Office.Committee = cmp.Or(o.Office.Committee, "UBND")
	if o.InviteTTL <= 0 {
		o.InviteTTL = 7 * 24 * time.Hour
	}
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = knowledge.MaxFileSize
	}
	if o.MaxQuestion <= 0 {
		o.MaxQuestion = 1000
	}
	if o.NoticeDelay == 0 {
		o.NoticeDelay = 30 * time.Second
	}
	if d.Clock == nil {
		d.Clock = chidao.SystemClock{}
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	h := &Handlers{
		st: d.Store, index: d.Index, parser: d.Parser, reader: d.Reader, phraser: d.Phraser,
		resolver: knowledge.NewResolver(o.Units, o.Groups...),
		out:      d.Messengers, reports: d.Reports, clock: d.Clock, log: d.Logger,
		opt: o, codec: codec{secret: o.Secret},
		units: make(map[string]chidao.Unit), admins: make(map[string]bool),
		members: make(map[string]chidao.Member),
		cache:   newDeliveryCache(),
	}
	for _, u := range o.Units {
		h.units[u.Code] = u
		if u.Kind == chidao.KindVanPhong && h.office == "" {
			h.office = u.Code
		}
	}
	if h.office == "" {
		h.office = o.Units[0].Code
	}
	for _, a := range o.Admins {
		h.admins[strings.TrimSpace(a)] = true
	}
	return h, nil
}

// Handler returns the full handler chain: panic recovery, logging, numbered
// replies for platforms without buttons, the sender's identity, and the
// routes.
func (h *Handlers) Handler(mw ...bot.Middleware) bot.HandlerFunc {
	r := bot.NewRouter()
	r.Use(bot.Recover(h.log), bot.Logging(h.log))
	r.Use(mw...)
	r.Use(bot.NumberedReplies(h.ButtonMemory()), h.identify)
	r.Kind(bot.KindCallback, h.onCallback)
	for _, c := range h.commandTable() {
		r.Command(c.name, c.run)
	}
	r.Kind(bot.KindFile, h.onFile)
	r.Kind(bot.KindEdited, h.onEdited)
	r.Kind(bot.KindOther, h.onOther)
	r.Text(h.onText)
	r.Fallback(h.onOther)
	return r.Serve
}

// Dedup is a middleware that drops an update already handled, by its
// platform id: Telegram retries webhooks, and several replicas behind one
// load balancer may each receive one. While Redis is away it lets updates
// through rather than drop them.
func (h *Handlers) Dedup(next bot.HandlerFunc) bot.HandlerFunc {
	return func(ctx context.Context, u *bot.Update) error {
		if u.ID == "" {
			return next(ctx, u)
		}
		first, err := h.st.FirstSeen(ctx, u.Chat.Platform, u.ID, seenTTL)
		if err != nil {
			h.log.Warn("update dedup unavailable", "err", err)
			return next(ctx, u)
		}
		if !first {
			h.log.Debug("update already handled", "platform", u.Chat.Platform, "update", u.ID)
			return nil
		}
		return next(ctx, u)
	}
}

// request is one update with the sender as chidao knows them.
type request struct {
	u          *bot.Update
	out        bot.Messenger
	m          chidao.Member
	registered bool
	storeDown  bool // Redis could not be read: registration and writes wait
}

func (rq *request) admin() bool { return rq.registered && rq.m.IsAdmin() }

type reqKey struct{}

func reqFrom(ctx context.Context) *request {
	rq, _ := ctx.Value(reqKey{}).(*request)
	return rq
}

// identify looks the sender up and puts the request in the context.
func (h *Handlers) identify(next bot.HandlerFunc) bot.HandlerFunc {
	return func(ctx context.Context, u *bot.Update) error {
		out, ok := h.out.For(u.Chat.Platform)
		if !ok {
			return fmt.Errorf("no messenger for platform %q", u.Chat.Platform)
		}
		rq := &request{u: u, out: out}
		m, err := h.st.Member(ctx, u.Chat.Platform, u.UserID)
		switch {
		case err == nil:
			rq.m, rq.registered = m, true
			h.remember(m)
		case errors.Is(err, store.ErrNotFound):
			h.forget(u.Sender())
		default:
			rq.storeDown = true
			h.log.Warn("member lookup failed; using the last known", "err", err)
			rq.m, rq.registered = h.recall(u.Sender())
		}
		if u.Private && !rq.storeDown {
			h.refreshMember(ctx, rq)
		}
		return next(context.WithValue(ctx, reqKey{}, rq), u)
	}
}

// refreshMember registers configured admins on first contact, reactivates a
// member who was marked unreachable and now writes again, and keeps the chat
// id and display name current.
func (h *Handlers) refreshMember(ctx context.Context, rq *request) {
	u := rq.u
	want := rq.m
	if !rq.registered && h.admins[u.Sender()] {
		want = chidao.Member{
			Platform: u.Chat.Platform, UserID: u.UserID, Unit: h.office, Role: chidao.RoleAdmin,
			Joined: h.clock.Now(),
		}
	}
	if want.UserID == "" {
		return
	}
	if h.admins[u.Sender()] {
		want.Role = chidao.RoleAdmin
	}
	want.Active = true
	want.ChatID = u.Chat.ID
	if u.DisplayName != "" {
		want.DisplayName = u.DisplayName
	}
	if rq.registered && want == rq.m {
		return
	}
	if err := h.st.PutMember(ctx, want); err != nil {
		h.log.Warn("update member", "err", err)
		return
	}
	if !rq.registered {
		h.audit(ctx, store.AuditEntry{Action: "register", Unit: want.Unit, Member: want.Key(), Detail: "admin from configuration"})
		h.adminJoined(ctx, want)
	}
	rq.m, rq.registered = want, true
	h.remember(want)
}

func (h *Handlers) remember(m chidao.Member) {
	h.mu.Lock()
	h.members[m.Key()] = m
	h.mu.Unlock()
}

func (h *Handlers) forget(key string) {
	h.mu.Lock()
	delete(h.members, key)
	h.mu.Unlock()
}

func (h *Handlers) recall(key string) (chidao.Member, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	m, ok := h.members[key]
	return m, ok
}

// Warm loads every member into memory, so that questions are answered even
// if Redis goes away before a member writes.
func (h *Handlers) Warm(ctx context.Context) error {
	ms, err := h.st.Members(ctx)
	if err != nil {
		return fmt.Errorf("load members: %w", err)
	}
	for _, m := range ms {
		h.remember(m)
	}
	return nil
}

// reply sends text (and buttons) back to the chat the update came from.
func (h *Handlers) reply(ctx context.Context, rq *request, text string, buttons ...[]bot.Button) error {
	_, err := h.send(ctx, rq.out, bot.Message{Chat: rq.u.Chat, Text: text, Buttons: buttons})
	return err
}

// send sends a message; buttons for platforms without them are remembered
// by the Numbered wrapper the wiring puts around those messengers.
func (h *Handlers) send(ctx context.Context, out bot.Messenger, m bot.Message) (bot.Sent, error) {
	s, err := out.Send(ctx, m)
	if err != nil {
		return s, fmt.Errorf("send to %s: %w", m.Chat.Platform, err)
	}
	return s, nil
}

// audit writes audit entries, stamping the time; failures are logged, never
// fatal to the conversation.
func (h *Handlers) audit(ctx context.Context, es ...store.AuditEntry) {
	now := h.clock.Now()
	for i := range es {
		if es[i].At.IsZero() {
			es[i].At = now
		}
	}
	if err := h.st.Audit(ctx, es...); err != nil {
		h.log.Warn("write audit log", "err", err, "entries", len(es))
	}
}

// unitName returns a unit's name, or its code when unknown.
func (h *Handlers) unitName(code string) string {
	if u, ok := h.units[code]; ok {
		return u.Name
	}
	return code
}

// button builds one signed button; a button that cannot be encoded is left
// out (and logged) rather than failing the reply.
func (h *Handlers) button(text, action string, args ...string) []bot.Button {
	data, err := h.codec.encode(action, args...)
	if err != nil {
		h.log.Error("encode button", "err", err)
		return nil
	}
	return []bot.Button{{Text: text, Data: data}}
}

// rows drops empty rows.
func rows(rs ...[]bot.Button) [][]bot.Button {
	var out [][]bot.Button
	for _, r := range rs {
		if len(r) > 0 {
			out = append(out, r)
		}
	}
	return out
}

// directiveByKey finds a directive from a button's short key. A directive
// another process stored since the last refresh (a CLI broadcast, another
// replica) is fetched first.
func (h *Handlers) directiveByKey(ctx context.Context, key string) (*chidao.Directive, bool) {
	find := func() (*chidao.Directive, bool) {
		for _, d := range h.index.Directives() {
			if shortKey(d.ID) == key {
				return d, true
			}
		}
		return nil, false
	}
	if d, ok := find(); ok {
		return d, true
	}
	if n, err := h.Refresh(ctx); err != nil || n == 0 {
		return nil, false
	}
	return find()
}

// Refresh adds to the knowledge base the directives stored since the last
// refresh, by this process or another, and returns how many. The wiring
// calls it at start and every few seconds.
func (h *Handlers) Refresh(ctx context.Context) (int, error) {
	h.mu.Lock()
	since := h.synced
	h.mu.Unlock()
	ds, latest, err := h.st.DirectivesSince(ctx, since)
	var bad []string
	if unreadable := (*chidao.UnreadableError)(nil); errors.As(err, &unreadable) {
		h.log.Error("stored directives quarantined: cannot be decoded", "directives", unreadable.IDs, "err", unreadable.Err)
		bad = append(bad, unreadable.IDs...)
	} else if err != nil {
		return 0, fmt.Errorf("refresh directives: %w", err)
	}
	var good []string
	for _, d := range ds {
		if err := h.index.Add(d); err != nil {
			h.log.Error("stored directive quarantined: the knowledge base cannot read it", "directive", d.ID, "err", err)
			bad = append(bad, d.ID)
			continue
		}
		good = append(good, d.ID)
	}
	h.mu.Lock()
	if latest.After(h.synced) {
		h.synced = latest
	}
	h.quarantined = slices.DeleteFunc(h.quarantined, func(id string) bool { return slices.Contains(good, id) })
	for _, id := range bad {
		if !slices.Contains(h.quarantined, id) {
			h.quarantined = append(h.quarantined, id)
		}
	}
	h.mu.Unlock()
	return len(good), nil
}

// Quarantined lists the stored directives the knowledge base could not
// read: they are left out of answers, broadcasts and reminders, and the
// rest are served.
func (h *Handlers) Quarantined() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.quarantined)
}

// unitByKey finds a unit from a button's short key.
func (h *Handlers) unitByKey(key string) (string, bool) {
	for code := range h.units {
		if shortKey(code) == key {
			return code, true
		}
	}
	return "", false
}

// addressedTo lists the directives sent to a unit, newest first (all of
// them for the office).
func (h *Handlers) addressedTo(rq *request) []*chidao.Directive {
	all := h.index.Directives()
	if rq.admin() {
		return all
	}
	return slices.DeleteFunc(slices.Clone(all), func(d *chidao.Directive) bool { return !d.Addressed(rq.m.Unit) })
}

// findDirective finds a directive the way the office names it in a command:
// its number or part of it ("227", "52/KH-UBND"), or its ID.
func (h *Handlers) findDirective(ctx context.Context, arg string) (*chidao.Directive, bool) {
	if d, ok := h.matchDirective(arg); ok {
		return d, true
	}
	if d, ok := h.directiveAt(arg); ok {
		return d, true
	}
	if n, err := h.Refresh(ctx); err != nil || n == 0 {
		return nil, false
	}
	return h.matchDirective(arg)
}

// directiveAt finds a directive by its place in /vanban: "#2" (newest
// first).
func (h *Handlers) directiveAt(arg string) (*chidao.Directive, bool) {
	place, ok := strings.CutPrefix(strings.TrimSpace(arg), "#")
	n, err := strconv.Atoi(place)
	all := h.index.Directives()
	if !ok || err != nil || n < 1 || n > len(all) {
		return nil, false
	}
	return all[n-1], true
}

// directiveRef is how the office names a directive in a command: the
// number before its code ("227" of "227/TB-UBND"), else its place in
// /vanban ("#1").
func directiveRef(d *chidao.Directive, place int) string {
	if num, _, ok := strings.Cut(d.Number, "/"); ok && num != "" && strings.Trim(num, "0123456789") == "" {
		return num
	}
	return "#" + strconv.Itoa(place)
}

// exampleDirective is the directive reference the office's examples use:
// the newest directive's, or "227" when there is none.
func (h *Handlers) exampleDirective() string {
	if all := h.index.Directives(); len(all) > 0 {
		return directiveRef(all[0], 1)
	}
	return "227"
}

func (h *Handlers) matchDirective(arg string) (*chidao.Directive, bool) {
	arg = strings.TrimSpace(strings.ToUpper(arg))
	if arg == "" {
		return nil, false
	}
	for _, d := range h.index.Directives() {
		n := strings.ToUpper(d.Number)
		if strings.EqualFold(d.ID, arg) || n == arg {
			return d, true
		}
	}
	for _, d := range h.index.Directives() {
		n := strings.ToUpper(d.Number)
		if n != "" && (strings.HasPrefix(n, arg+"/") || strings.HasPrefix(arg, strings.TrimPrefix(n, "/"))) {
			return d, true
		}
	}
	return nil, false
}

// now returns the current time in the office's zone.
func (h *Handlers) now() time.Time { return h.clock.Now().In(h.opt.Location) }

// stamp formats an instant as the office reads it: "08:15 25/6/2024".
func (h *Handlers) stamp(t time.Time) string {
	t = t.In(h.opt.Location)
	return fmt.Sprintf("%02d:%02d %s", t.Hour(), t.Minute(), chidao.DateOf(t).Vietnamese())
}

// shortStamp formats an instant for a button: "08:15 25/6".
func (h *Handlers) shortStamp(t time.Time) string {
	t = t.In(h.opt.Location)
	return fmt.Sprintf("%02d:%02d %d/%d", t.Hour(), t.Minute(), t.Day(), int(t.Month()))
}

// ButtonMemory keeps the buttons last shown to a chat on a platform without
// buttons (Zalo, the console), so that "1" presses the first.
func (h *Handlers) ButtonMemory() bot.ButtonMemory { return buttonMemory{h.st} }

type buttonMemory struct{ st Chats }

func (b buttonMemory) SaveButtons(ctx context.Context, chat chidao.ChatRef, data []string) error {
	return b.st.SaveButtons(ctx, chat, data, buttonsTTL)
}

func (b buttonMemory) Buttons(ctx context.Context, chat chidao.ChatRef) ([]string, error) {
	return b.st.Buttons(ctx, chat)
}

// adminJoined tells the wiring that someone became office staff (to give
// them the office's command menu).
func (h *Handlers) adminJoined(ctx context.Context, m chidao.Member) {
	if h.onAdmin != nil && m.IsAdmin() {
		h.onAdmin(ctx, m)
	}
}
