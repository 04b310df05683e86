package reminders

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"chidao"
	"chidao/internal/redistest"
	"chidao/store"
)

// recorder is a Notifier that keeps what it delivered; fail, when set, may
// refuse a notice (i counts every call).
type recorder struct {
	mu      sync.Mutex
	calls   int
	notices []Notice
	fail    func(n Notice, i int) error
}

func (r *recorder) Notify(ctx context.Context, n Notice) error {
	r.mu.Lock()
	i := r.calls
	r.calls++
	fail := r.fail
	r.mu.Unlock()
	if fail != nil {
		if err := fail(n, i); err != nil {
			return err
		}
	}
	r.mu.Lock()
	r.notices = append(r.notices, n)
	r.mu.Unlock()
	return nil
}

func (r *recorder) sent() []Notice {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.notices)
}

// byMember counts the delivered notices per member.
func byMember(ns ...[]Notice) map[string]int {
	out := map[string]int{}
	for _, list := range ns {
		for _, n := range list {
			out[n.Member]++
		}
	}
	return out
}

// testEnv is a real Redis under a prefix of the test's own, with the sample
// district stored.
type testEnv struct {
	t      *testing.T
	url    string
	prefix string
	db     *store.DB
	loc    *time.Location
	dist   district
	ctx    context.Context
}

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	e := &testEnv{t: t, url: redistest.URL(t), prefix: redistest.Prefix(t), loc: loadLoc(t), dist: sampleDistrict(t), ctx: context.Background()}
	e.db = e.open()
	if err := e.db.PutUnits(e.ctx, e.dist.units); err != nil {
		t.Fatalf("PutUnits: %v", err)
	}
	return e
}

// open connects again to the same state, as another process would.
func (e *testEnv) open() *store.DB {
	e.t.Helper()
	db, err := store.Open(e.ctx, e.url, store.Options{Prefix: e.prefix})
	if err != nil {
		e.t.Fatalf("store.Open: %v", err)
	}
	e.t.Cleanup(func() { _ = db.Close() })
	return db
}

func (e *testEnv) at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, e.loc)
}

func (e *testEnv) putDirective(d *chidao.Directive) {
	e.t.Helper()
	if err := e.db.PutDirective(e.ctx, d, e.at(2024, 6, 3, 8, 0)); err != nil {
		e.t.Fatalf("PutDirective: %v", err)
	}
}

func (e *testEnv) broadcast(id string, at time.Time) {
	e.t.Helper()
	if err := e.db.PutBroadcast(e.ctx, store.Broadcast{Directive: id, By: "telegram:900", At: at, Deliveries: 30}); err != nil {
		e.t.Fatalf("PutBroadcast: %v", err)
	}
}

// member registers an active member of a unit.
func (e *testEnv) member(unit, id string, role chidao.Role) chidao.Member {
	e.t.Helper()
	m := chidao.Member{Platform: chidao.Telegram, UserID: id, ChatID: id, DisplayName: "Người " + id, Unit: unit, Role: role, Active: true, Joined: e.at(2024, 5, 1, 8, 0)}
	if err := e.db.PutMember(e.ctx, m); err != nil {
		e.t.Fatalf("PutMember: %v", err)
	}
	return m
}

func (e *testEnv) service(st Store, n Notifier, cfg Config, now time.Time) *Service {
	e.t.Helper()
	s, err := New(st, n, cfg, chidao.ClockFunc(func() time.Time { return now }), nil)
	if err != nil {
		e.t.Fatalf("New: %v", err)
	}
	return s
}

func (e *testEnv) audit() []store.AuditEntry {
	e.t.Helper()
	entries, err := e.db.AuditLog(e.ctx, time.Time{}, 100000)
	if err != nil {
		e.t.Fatalf("AuditLog: %v", err)
	}
	return entries
}

// countAudit counts the audit entries with the action (and reason, if given).
func countAudit(entries []store.AuditEntry, action, reason string) int {
	n := 0
	for _, a := range entries {
		if a.Action == action && (reason == "" || a.Reason == reason) {
			n++
		}
	}
	return n
}

func TestTickSendsOneMessagePerMemberListingEverything(t *testing.T) {
	e := newTestEnv(t)
	e.putDirective(vanquanDirective(e.dist))
	e.putDirective(planDirective(e.dist))
	e.broadcast(vanquanID, e.at(2024, 6, 3, 9, 0))
	heads := []chidao.Member{
		e.member("xa-an-son", "101", chidao.RoleHead),
		e.member("xa-an-son", "102", chidao.RoleHead),
		e.member("phong-noi-vu", "201", chidao.RoleHead),
	}
	if _, _, err := e.db.Acknowledge(e.ctx, chidao.Ack{Directive: vanquanID, Unit: "phong-noi-vu", Member: heads[2].Key(), At: e.at(2024, 6, 3, 10, 0)}); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	at := e.at(2024, 6, 5, 8, 0)
	s := e.service(e.db, rec, Config{}, at)

	res, err := s.Tick(e.ctx, at)
	if err != nil {
		t.Fatalf("Tick: %v", err)
	}
	if !res.Leader || res.Messages != 3 {
		t.Fatalf("Tick = %+v, want the leader to deliver 3 messages (one per member)", res)
	}
	got := map[string]Notice{}
	for _, n := range rec.sent() {
		if _, dup := got[n.Member]; dup {
			t.Fatalf("member %s got two messages in one tick", n.Member)
		}
		got[n.Member] = n
	}
	an := got[heads[0].Key()]
	for _, want := range []string{
		"📌 Nhắc việc ngày 05/6/2024 — UBND xã An Sơn",
		"Công văn số …/UBND-NV (V/v triển khai Thông báo số 227/TB-UBND",
		"• Đơn vị chưa xác nhận đã nhận văn bản (gửi ngày 03/6/2024).",
		"• Nhiệm vụ 5 (hạn trước ngày 07/6/2024 — còn 1 ngày): Căn cứ chức năng, nhiệm vụ được giao",
		"Bấm nút dưới đây hoặc trả lời \"xong 5\" khi đã hoàn thành.",
		"trả lời \"đã nhận\"",
	} {
		if !strings.Contains(an.Text, want) {
			t.Errorf("message to xa-an-son lacks %q:\n%s", want, an.Text)
		}
	}
	wantActions := []Action{{Kind: ActionAck, Directive: vanquanID}, {Kind: ActionDone, Directive: vanquanID, Task: "5"}}
	if !slices.Equal(an.Actions, wantActions) {
		t.Errorf("actions = %+v, want %+v", an.Actions, wantActions)
	}
	if an.Chat != heads[0].Chat() {
		t.Errorf("chat = %v, want %v", an.Chat, heads[0].Chat())
	}
	if got[heads[1].Key()].Text != an.Text {
		t.Errorf("the two heads of xa-an-son got different texts")
	}
	nv := got[heads[2].Key()].Text
	if strings.Contains(nv, "chưa xác nhận") || !strings.Contains(nv, "Nhiệm vụ 5") {
		t.Errorf("Phòng Nội vụ acknowledged: its message should list task 5 only:\n%s", nv)
	}

	// 30 units × task 5 + 29 units not acknowledged; two units have
	// members: xa-an-son (two reminders) and phong-noi-vu (one).
	if res.Due != 59 || res.Sent != 3 || res.Skipped != 56 {
		t.Errorf("Tick = %+v, want 59 due, 3 sent, 56 skipped for want of a recipient", res)
	}
	entries := e.audit()
	if n := countAudit(entries, AuditRemind, ""); n != 3 {
		t.Errorf("audit has %d %q entries, want 3", n, AuditRemind)
	}
	if n := countAudit(entries, AuditRemindSkip, ReasonNoRecipient); n != 56 {
		t.Errorf("audit has %d skips %q, want 56", n, ReasonNoRecipient)
	}
	for _, a := range entries {
		if a.Action == AuditRemind && a.Unit == "xa-an-son" && a.Member != heads[0].Key()+","+heads[1].Key() {
			t.Errorf("audit of xa-an-son names members %q, want both heads", a.Member)
		}
	}

	// The same instant again (a re-run, a restart): nothing more.
	res2, err := s.Tick(e.ctx, at)
	if err != nil {
		t.Fatalf("second Tick: %v", err)
	}
	if res2.Messages != 0 || res2.Claimed != 0 || len(rec.sent()) != 3 {
		t.Errorf("second tick at the same instant = %+v (%d messages in all), want nothing sent", res2, len(rec.sent()))
	}
	if last, _ := e.db.LastTick(e.ctx); !last.Equal(at) {
		t.Errorf("LastTick = %v, want %v", last, at)
	}
}

func TestTickSkipsWeekendsHolidaysAndHours(t *testing.T) {
	e := newTestEnv(t)
	e.putDirective(vanquanDirective(e.dist))
	e.member("xa-an-son", "101", chidao.RoleHead)
	cfg := Config{Holidays: []chidao.Date{chidao.NewDate(2024, 6, 4)}}
	tests := []struct {
		at   time.Time
		want string
	}{
		{e.at(2024, 6, 1, 8, 0), ReasonWeekend},
		{e.at(2024, 6, 4, 8, 0), ReasonHoliday},
		{e.at(2024, 6, 5, 6, 0), ReasonOffHours},
		{e.at(2024, 6, 5, 19, 0), ReasonOffHours},
	}
	rec := &recorder{}
	for _, tt := range tests {
		s := e.service(e.db, rec, cfg, tt.at)
		res, err := s.Tick(e.ctx, tt.at)
		if err != nil {
			t.Fatalf("Tick(%v): %v", tt.at, err)
		}
		if res.Off != tt.want || res.Messages != 0 {
			t.Errorf("Tick(%v) = %+v, want nothing sent because %q", tt.at, res, tt.want)
		}
	}
	if len(rec.sent()) != 0 {
		t.Errorf("messages sent on days off: %v", rec.sent())
	}
	entries := e.audit()
	for _, r := range []string{ReasonWeekend, ReasonHoliday, ReasonOffHours} {
		if countAudit(entries, AuditRemindSkip, r) == 0 {
			t.Errorf("no audit entry skipping for %q", r)
		}
	}
}

func TestTickMutedUnitIsSkippedWithReason(t *testing.T) {
	e := newTestEnv(t)
	e.putDirective(vanquanDirective(e.dist))
	e.member("xa-an-son", "101", chidao.RoleHead)
	e.member("xa-binh-phuc", "102", chidao.RoleHead)
	if err := e.db.Mute(e.ctx, store.Mute{Unit: "xa-binh-phuc"}); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	at := e.at(2024, 6, 5, 8, 0)
	if _, err := e.service(e.db, rec, Config{}, at).Tick(e.ctx, at); err != nil {
		t.Fatal(err)
	}
	if got := byMember(rec.sent()); got["telegram:101"] != 1 || got["telegram:102"] != 0 {
		t.Errorf("messages per member = %v, want xa-an-son only", got)
	}
	found := false
	for _, a := range e.audit() {
		if a.Action == AuditRemindSkip && a.Unit == "xa-binh-phuc" && a.Reason == ReasonMuted && a.Task == "5" {
			found = true
		}
	}
	if !found {
		t.Errorf("no audit entry skipping xa-binh-phuc for %q", ReasonMuted)
	}
}

// reportingStore lets a unit report a task done while the tick is claiming,
// as a reply arriving in the middle of a tick would.
type reportingStore struct {
	*store.DB
	report chidao.Report
	once   sync.Once
}

func (r *reportingStore) ClaimMarks(ctx context.Context, marks []store.Mark, ttl time.Duration) ([]bool, error) {
	var err error
	r.once.Do(func() { err = r.PutReport(ctx, r.report) })
	if err != nil {
		return nil, err
	}
	return r.DB.ClaimMarks(ctx, marks, ttl)
}

func TestTickRereadsStateJustBeforeSending(t *testing.T) {
	e := newTestEnv(t)
	e.putDirective(vanquanDirective(e.dist))
	e.member("xa-an-son", "101", chidao.RoleHead)
	e.member("xa-binh-phuc", "102", chidao.RoleHead)
	at := e.at(2024, 6, 5, 8, 0)
	st := &reportingStore{DB: e.db, report: chidao.Report{Directive: vanquanID, Task: "5", Unit: "xa-binh-phuc", Member: "telegram:102", Status: chidao.ReportDone, At: at}}
	rec := &recorder{}
	res, err := e.service(st, rec, Config{}, at).Tick(e.ctx, at)
	if err != nil {
		t.Fatal(err)
	}
	if got := byMember(rec.sent()); got["telegram:101"] != 1 || got["telegram:102"] != 0 {
		t.Errorf("messages per member = %v, want none for the unit that reported meanwhile", got)
	}
	if res.Sent != 1 || res.Skipped < 1 {
		t.Errorf("Tick = %+v, want 1 sent and the resolved one skipped", res)
	}
	if countAudit(e.audit(), AuditRemindSkip, ReasonResolved) != 1 {
		t.Errorf("no audit entry for the reminder resolved before sending")
	}
}

func TestTickFailedSendIsRetriedNextTick(t *testing.T) {
	e := newTestEnv(t)
	e.putDirective(vanquanDirective(e.dist))
	e.member("xa-an-son", "101", chidao.RoleHead)
	e.member("xa-binh-phuc", "102", chidao.RoleHead)
	at := e.at(2024, 6, 5, 8, 0)
	rec := &recorder{fail: func(n Notice, _ int) error {
		if n.Member == "telegram:102" {
			return errors.New("telegram: 502 Bad Gateway")
		}
		return nil
	}}
	s := e.service(e.db, rec, Config{}, at)
	res, err := s.Tick(e.ctx, at)
	if err != nil {
		t.Fatal(err)
	}
	if res.Sent != 1 || res.Failed != 1 {
		t.Errorf("Tick = %+v, want 1 sent, 1 failed", res)
	}
	if countAudit(e.audit(), AuditRemindFailed, "") != 1 {
		t.Errorf("no audit entry for the failed send")
	}
	rec.mu.Lock()
	rec.fail = nil
	rec.mu.Unlock()
	if _, err := s.Tick(e.ctx, at.Add(4*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := byMember(rec.sent()); got["telegram:101"] != 1 || got["telegram:102"] != 1 {
		t.Errorf("messages per member = %v, want each exactly once", got)
	}
}

func TestConcurrentTicksDeliverEachReminderOnce(t *testing.T) {
	e := newTestEnv(t)
	e.putDirective(vanquanDirective(e.dist))
	e.putDirective(planDirective(e.dist))
	var members []chidao.Member
	for i, u := range e.dist.all() {
		members = append(members, e.member(u, fmt.Sprint(300+i), chidao.RoleHead))
	}
	at := e.at(2025, 2, 26, 8, 0) // III.3 due-1 for the communes, II.3.a overdue for all

	t.Run("through the lock", func(t *testing.T) {
		recs := make([]*recorder, 4)
		results := make([]TickResult, 4)
		var wg sync.WaitGroup
		for i := range recs {
			recs[i] = &recorder{}
			s := e.service(e.open(), recs[i], Config{}, at) // four processes
			wg.Go(func() {
				res, err := s.Tick(e.ctx, at)
				if err != nil {
					t.Error(err)
				}
				results[i] = res
			})
		}
		wg.Wait()
		var all [][]Notice
		for _, r := range recs {
			all = append(all, r.sent())
		}
		got := byMember(all...)
		for _, m := range members {
			if got[m.Key()] != 1 {
				t.Errorf("member %s (%s) got %d messages, want 1", m.Key(), m.Unit, got[m.Key()])
			}
		}
		if len(got) != len(members) {
			t.Errorf("%d members got messages, want %d", len(got), len(members))
		}
	})

	t.Run("marks alone, ticks overlapping", func(t *testing.T) {
		// Past the lock: two processes run the tick body at once, each
		// sending slowly, so their claims and sends interleave.
		later := e.at(2025, 2, 27, 8, 0)
		var wg sync.WaitGroup
		recs := []*recorder{{}, {}}
		start := make(chan struct{})
		for i := range recs {
			recs[i].fail = func(Notice, int) error { <-start; return nil }
			s := e.service(e.open(), recs[i], Config{}, later)
			wg.Go(func() {
				if _, err := s.tick(e.ctx, later); err != nil {
					t.Error(err)
				}
			})
		}
		close(start)
		wg.Wait()
		plan, err := e.service(e.db, &recorder{}, Config{}, later).Plan(e.ctx, later)
		if err != nil {
			t.Fatal(err)
		}
		sent := map[string]int{}
		for _, a := range e.audit() {
			if (a.Action == AuditRemind || a.Action == AuditEscalate) && strings.HasPrefix(a.Detail, "lượt nhắc 2025-02-27") {
				sent[strings.Join([]string{a.Directive, a.Task, a.Unit, a.Stage, a.Detail}, " ")]++
			}
		}
		for k, n := range sent {
			if n != 1 {
				t.Errorf("reminder delivered %d times: %s", n, k)
			}
		}
		wantSent := 0
		for _, x := range plan {
			if x.Stage != StageEscalated { // escalated once already, the day before
				wantSent++
			}
		}
		if len(sent) != wantSent {
			t.Errorf("%d reminders delivered, want the %d planned", len(sent), wantSent)
		}
		got := byMember(recs[0].sent(), recs[1].sent())
		for _, m := range members {
			if got[m.Key()] == 0 {
				t.Errorf("member %s got nothing", m.Key())
			}
		}
	})
}

func TestCrashMidTickNothingTwiceNothingMissing(t *testing.T) {
	e := newTestEnv(t)
	e.putDirective(vanquanDirective(e.dist))
	var members []chidao.Member
	for i, u := range e.dist.xa {
		members = append(members, e.member(u, fmt.Sprint(400+i), chidao.RoleHead))
	}
	at := e.at(2024, 6, 5, 8, 0)

	// The first process dies after delivering three messages: its context
	// ends while it sends the fourth.
	ctx, kill := context.WithCancel(e.ctx)
	first := &recorder{fail: func(_ Notice, i int) error {
		if i == 3 {
			kill()
			return context.Canceled
		}
		return nil
	}}
	res, err := e.service(e.db, first, Config{}, at).Tick(ctx, at)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("the killed tick returned %v, want context.Canceled", err)
	}
	if res.Messages != 3 || len(first.sent()) != 3 {
		t.Fatalf("the killed tick delivered %d messages (%+v), want 3", len(first.sent()), res)
	}
	if last, _ := e.db.LastTick(e.ctx); !last.IsZero() {
		t.Fatalf("a killed tick was recorded as done (%v)", last)
	}

	// The restart, ten minutes later, catches the tick up.
	restart := at.Add(10 * time.Minute)
	second := &recorder{}
	ticked, err := e.service(e.open(), second, Config{}, restart).CatchUp(e.ctx)
	if err != nil || !ticked {
		t.Fatalf("CatchUp = %v, %v; want a catch-up tick", ticked, err)
	}
	got := byMember(first.sent(), second.sent())
	for _, m := range members {
		if got[m.Key()] != 1 {
			t.Errorf("member %s got %d messages over the crash, want 1", m.Key(), got[m.Key()])
		}
	}
}

func TestHardKillAfterClaimIsSentByTheRestart(t *testing.T) {
	e := newTestEnv(t)
	e.putDirective(vanquanDirective(e.dist))
	var members []chidao.Member
	for i, u := range e.dist.xa[:5] {
		members = append(members, e.member(u, fmt.Sprint(500+i), chidao.RoleHead))
	}
	at := e.at(2024, 6, 5, 8, 0)
	const lease = 300 * time.Millisecond

	// A process took the lock, claimed every reminder, delivered the first
	// unit's and confirmed it, then was killed outright: no release, no
	// audit, no recorded tick; its lock and leases run out by themselves.
	dead := e.service(e.db, &recorder{}, Config{}, at)
	dues, err := dead.Plan(e.ctx, at)
	if err != nil {
		t.Fatal(err)
	}
	var marks []store.Mark
	for _, x := range dues {
		for _, m := range members {
			if x.Unit == m.Unit {
				marks = append(marks, x.mark())
			}
		}
	}
	if ok, err := e.db.AcquireLock(e.ctx, lockName, "dead-process", time.Second); err != nil || !ok {
		t.Fatalf("AcquireLock = %v, %v", ok, err)
	}
	if ok, err := e.db.ClaimMarks(e.ctx, marks, lease); err != nil || slices.Contains(ok, false) {
		t.Fatalf("ClaimMarks = %v, %v", ok, err)
	}
	if err := e.db.ConfirmMarks(e.ctx, marks[:1], DefaultMarkTTL); err != nil {
		t.Fatal(err)
	}
	delivered := map[string]int{members[0].Key(): 1}

	// The restart, ten minutes later: its catch-up finds the lock and the
	// claims taken, and ticks again once they have run out.
	got := make(chan Notice, 10)
	restart := at.Add(10 * time.Minute)
	s := e.service(e.open(), NotifierFunc(func(_ context.Context, n Notice) error { got <- n; return nil }),
		Config{Lease: lease, LockTTL: time.Second}, restart)
	ctx, cancel := context.WithCancel(e.ctx)
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	timeout := time.After(15 * time.Second)
	for n := 1; n < len(members); n++ {
		select {
		case msg := <-got:
			delivered[msg.Member]++
		case <-timeout:
			t.Fatalf("after the restart only %d of %d messages arrived: %v", n-1, len(members)-1, delivered)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v", err)
	}
	close(got)
	for msg := range got {
		delivered[msg.Member]++
	}
	for _, m := range members {
		if delivered[m.Key()] != 1 {
			t.Errorf("member %s got %d messages, want 1", m.Key(), delivered[m.Key()])
		}
	}
}

func TestEscalationGoesToAdminsOnce(t *testing.T) {
	e := newTestEnv(t)
	e.putDirective(vanquanDirective(e.dist))
	head := e.member("xa-an-son", "101", chidao.RoleHead)
	admin := e.member("van-phong", "900", chidao.RoleAdmin)
	if err := e.db.PutReport(e.ctx, chidao.Report{Directive: vanquanID, Task: "5", Unit: "van-phong", Member: admin.Key(), Status: chidao.ReportDone, At: e.at(2024, 6, 6, 9, 0)}); err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	day4 := e.at(2024, 6, 12, 8, 0)
	if _, err := e.service(e.db, rec, Config{}, day4).Tick(e.ctx, day4); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, n := range rec.sent() {
		got[n.Member] = n.Text
	}
	if len(got) != 2 {
		t.Fatalf("messages to %d members, want the head and the admin: %v", len(got), got)
	}
	if !strings.Contains(got[head.Key()], "đã quá hạn 6 ngày") || strings.Contains(got[head.Key()], "⚠️") {
		t.Errorf("the head's message should say overdue, without escalations:\n%s", got[head.Key()])
	}
	adm := got[admin.Key()]
	for _, want := range []string{"📌 Báo cáo đôn đốc ngày 12/6/2024", "⚠️ Quá hạn trên 3 ngày làm việc", "• Nhiệm vụ 5 (hạn trước ngày 07/6/2024 — đã quá hạn 6 ngày): 29 đơn vị: Phòng Nội vụ, Phòng Tư pháp,", "và 19 đơn vị khác."} {
		if !strings.Contains(adm, want) {
			t.Errorf("the admin's message lacks %q:\n%s", want, adm)
		}
	}
	if n := countAudit(e.audit(), AuditEscalate, ""); n != 29 {
		t.Errorf("%d escalate audit entries, want 29 (one per late unit)", n)
	}

	// The next working day: overdue again for the unit, no new escalation.
	day5 := e.at(2024, 6, 13, 8, 0)
	if _, err := e.service(e.db, rec, Config{}, day5).Tick(e.ctx, day5); err != nil {
		t.Fatal(err)
	}
	count := byMember(rec.sent())
	if count[head.Key()] != 2 || count[admin.Key()] != 1 {
		t.Errorf("messages per member over two days = %v, want the head twice, the admin once", count)
	}
}

func TestRunCatchesUpAMissedTickAndStops(t *testing.T) {
	e := newTestEnv(t)
	e.putDirective(vanquanDirective(e.dist))
	e.member("xa-an-son", "101", chidao.RoleHead)
	if err := e.db.SetLastTick(e.ctx, e.at(2024, 6, 4, 8, 0)); err != nil {
		t.Fatal(err)
	}
	now := e.at(2024, 6, 5, 9, 30) // the 08:00 tick was missed
	delivered := make(chan Notice, 10)
	s := e.service(e.db, NotifierFunc(func(_ context.Context, n Notice) error { delivered <- n; return nil }), Config{}, now)
	ctx, cancel := context.WithCancel(e.ctx)
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	select {
	case n := <-delivered:
		if !strings.Contains(n.Text, "Nhiệm vụ 5") {
			t.Errorf("catch-up message:\n%s", n.Text)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no catch-up tick at start")
	}
	// Wait for the catch-up tick to finish before stopping.
	for deadline := time.Now().Add(10 * time.Second); ; {
		if last, _ := e.db.LastTick(e.ctx); last.Equal(now) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the catch-up tick was not recorded")
		}
		select {
		case <-time.After(5 * time.Millisecond):
		case <-e.ctx.Done():
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v, want nil after cancel", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}

	// Started again the same morning: nothing was missed, nothing is sent.
	ticked, err := e.service(e.db, &recorder{}, Config{}, now.Add(time.Hour)).CatchUp(e.ctx)
	if err != nil || ticked {
		t.Errorf("CatchUp after a recorded tick = %v, %v; want no tick", ticked, err)
	}
}

func TestDigestAndSummary(t *testing.T) {
	e := newTestEnv(t)
	e.putDirective(vanquanDirective(e.dist))
	e.broadcast(vanquanID, e.at(2024, 6, 3, 9, 0))
	admin := e.member("van-phong", "900", chidao.RoleAdmin)
	e.member("xa-an-son", "101", chidao.RoleHead)
	for _, u := range without(e.dist.all(), "xa-an-son", "xa-binh-phuc") {
		if _, _, err := e.db.Acknowledge(e.ctx, chidao.Ack{Directive: vanquanID, Unit: u, Member: "telegram:a-" + u, Name: "Trưởng " + u, At: e.at(2024, 6, 3, 10, 0)}); err != nil {
			t.Fatal(err)
		}
	}
	// Task 5 (before 07/6): most units done in time, one late, one returned, two not done.
	for _, u := range without(e.dist.all(), "xa-an-son", "xa-binh-phuc", "xa-chu-tuc", "xa-dai-an") {
		if err := e.db.PutReport(e.ctx, chidao.Report{Directive: vanquanID, Task: "5", Unit: u, Member: "telegram:a-" + u, Status: chidao.ReportDone, At: e.at(2024, 6, 6, 10, 0)}); err != nil {
			t.Fatal(err)
		}
	}
	late := chidao.Report{Directive: vanquanID, Task: "5", Unit: "xa-chu-tuc", Member: "telegram:x", Name: "Chủ tịch xã Chu Túc", Status: chidao.ReportDone, At: e.at(2024, 6, 10, 9, 0)}
	returned := chidao.Report{Directive: vanquanID, Task: "5", Unit: "xa-dai-an", Member: "telegram:y", Status: chidao.ReportDone, At: e.at(2024, 6, 5, 9, 0)}
	for _, r := range []chidao.Report{late, returned} {
		if err := e.db.PutReport(e.ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.db.ReturnReport(e.ctx, vanquanID, "5", "", "xa-dai-an", "Chưa ban hành kế hoạch", e.at(2024, 6, 6, 9, 0)); err != nil {
		t.Fatal(err)
	}
	at := e.at(2024, 6, 11, 16, 0)
	rec := &recorder{}
	s := e.service(e.db, rec, Config{}, at)

	sum, err := s.Summary(e.ctx, vanquanID, at)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Recipients != 30 || sum.Acked != 28 {
		t.Errorf("acknowledged %d of %d, want 28 of 30", sum.Acked, sum.Recipients)
	}
	// Task 5 for 30 units; tasks 1-4 (30 units each), 6 and 7 have no deadline.
	wantCounts := map[chidao.Progress]int{chidao.ProgressDoneOnTime: 26, chidao.ProgressDoneLate: 1, chidao.ProgressOpen: 4*30 + 2, chidao.ProgressOverdue: 3}
	for p, n := range wantCounts {
		if sum.Counts[p] != n {
			t.Errorf("%s: %d, want %d", p, sum.Counts[p], n)
		}
	}
	for _, u := range sum.Units {
		if u.Unit != "xa-dai-an" {
			continue
		}
		for _, ts := range u.Tasks {
			if ts.Task == "5" && (!ts.Returned || ts.Reason != "Chưa ban hành kế hoạch" || ts.Progress != chidao.ProgressOverdue) {
				t.Errorf("xa-dai-an task 5 = %+v, want returned, overdue", ts)
			}
		}
	}
	if _, err := s.Summary(e.ctx, "khong-co", at); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Summary of an unknown directive = %v, want store.ErrNotFound", err)
	}

	text := sum.Text(e.loc)
	for _, want := range []string{
		"Tình hình đến 16:00 ngày 11/6/2024.",
		"Đã nhận: 28/30 đơn vị (93%). Chưa xác nhận: UBND xã An Sơn, UBND xã Bình Phúc.",
		"• Hoàn thành đúng hạn: 26",
		"• Hoàn thành quá hạn: 1 — UBND xã Chu Túc (5)",
		"• Chưa hoàn thành còn trong hạn: 122",
		"• Chưa hoàn thành quá hạn: 3 — UBND xã An Sơn (5); UBND xã Bình Phúc (5); UBND xã Đại An (5)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("summary text lacks %q:\n%s", want, text)
		}
	}

	n, err := s.SendDigest(e.ctx, at)
	if err != nil || n != 1 {
		t.Fatalf("SendDigest = %d, %v; want 1 message (one admin)", n, err)
	}
	msgs := rec.sent()
	if len(msgs) != 1 || msgs[0].Member != admin.Key() {
		t.Fatalf("digest sent to %v, want the admin", byMember(msgs))
	}
	for _, want := range []string{"📊 Tổng hợp tình hình thực hiện văn bản — 16:00 ngày 11/6/2024", "1. Công văn số …/UBND-NV (V/v triển khai", "Chưa hoàn thành quá hạn: 3 — UBND xã An Sơn (5)"} {
		if !strings.Contains(msgs[0].Text, want) {
			t.Errorf("digest lacks %q:\n%s", want, msgs[0].Text)
		}
	}
	if n, err := s.SendDigest(e.ctx, at.Add(time.Minute)); err != nil || n != 0 {
		t.Errorf("a second digest the same day = %d, %v; want none", n, err)
	}
	if n, err := s.SendDigest(e.ctx, e.at(2024, 6, 15, 16, 0)); err != nil || n != 0 {
		t.Errorf("a digest on Saturday = %d, %v; want none", n, err)
	}
	if countAudit(e.audit(), AuditDigest, "") != 1 {
		t.Errorf("want one digest audit entry")
	}
}

func TestPlanReadsTheStore(t *testing.T) {
	e := newTestEnv(t)
	e.putDirective(vanquanDirective(e.dist))
	at := e.at(2024, 6, 5, 8, 0)
	rec := &recorder{}
	s := e.service(e.db, rec, Config{}, at)
	dues, err := s.Plan(e.ctx, at)
	if err != nil {
		t.Fatal(err)
	}
	if len(dues) != 30 || dues[0].Stage != StageDue1 || dues[0].Due != chidao.NewDate(2024, 6, 7) {
		t.Errorf("Plan = %d dues (first %+v), want 30 due-1 for task 5", len(dues), dues[0])
	}
	if len(rec.sent()) != 0 {
		t.Errorf("Plan sent messages")
	}
	weekend, err := s.Plan(e.ctx, e.at(2024, 6, 8, 8, 0))
	if err != nil || weekend == nil || len(weekend) != 0 {
		t.Errorf("Plan on Saturday = %v, %v; want an empty, non-nil list", weekend, err)
	}
}

func TestTickLeaderLock(t *testing.T) {
	e := newTestEnv(t)
	e.putDirective(vanquanDirective(e.dist))
	e.member("xa-an-son", "101", chidao.RoleHead)
	at := e.at(2024, 6, 5, 8, 0)

	// Another process is ticking: this one does nothing.
	if ok, err := e.db.AcquireLock(e.ctx, lockName, "other-process", time.Minute); err != nil || !ok {
		t.Fatalf("AcquireLock = %v, %v", ok, err)
	}
	rec := &recorder{}
	res, err := e.service(e.db, rec, Config{}, at).Tick(e.ctx, at)
	if err != nil || res.Leader || len(rec.sent()) != 0 {
		t.Fatalf("Tick beside a lock holder = %+v, %v (%d messages); want nothing done", res, err, len(rec.sent()))
	}
	if err := e.db.ReleaseLock(e.ctx, lockName, "other-process"); err != nil {
		t.Fatal(err)
	}

	// A notifier that panics: the panic goes up (cron.Recover reports it)
	// and the lock is handed on at once.
	panicky := NotifierFunc(func(context.Context, Notice) error { panic("notifier bug") })
	func() {
		defer func() {
			if r := recover(); r == nil {
				t.Errorf("the notifier's panic was swallowed")
			}
		}()
		_, _ = e.service(e.db, panicky, Config{}, at).Tick(e.ctx, at)
	}()
	if ok, err := e.db.AcquireLock(e.ctx, lockName, "next-process", time.Minute); err != nil || !ok {
		t.Errorf("after a panicking tick the lock is still held (%v, %v)", ok, err)
	}
}

func TestTickMonthlyReportCoversItsPeriod(t *testing.T) {
	e := newTestEnv(t)
	e.putDirective(planDirective(e.dist))
	head := e.member("xa-an-son", "101", chidao.RoleHead)
	if err := e.db.PutReport(e.ctx, chidao.Report{Directive: planID, Task: "II.3.a", Occurrence: "2025-03", Unit: "xa-an-son", Member: head.Key(), Status: chidao.ReportDone, At: e.at(2025, 3, 14, 9, 0)}); err != nil {
		t.Fatal(err)
	}
	at := e.at(2025, 3, 17, 8, 0)
	rec := &recorder{}
	if _, err := e.service(e.db, rec, Config{}, at).Tick(e.ctx, at); err != nil {
		t.Fatal(err)
	}
	msgs := rec.sent()
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(msgs))
	}
	text := msgs[0].Text
	if !strings.Contains(text, "• Nhiệm vụ II.3.a, kỳ tháng 2/2025 (hạn trước ngày 20/02/2025 — đã quá hạn 26 ngày)") {
		t.Errorf("February, not reported, should be chased:\n%s", text)
	}
	if strings.Contains(text, "kỳ tháng 3/2025") {
		t.Errorf("March, reported done, should not be:\n%s", text)
	}
	if !slices.Contains(msgs[0].Actions, Action{Kind: ActionDone, Directive: planID, Task: "II.3.a", Occurrence: "2025-02"}) {
		t.Errorf("no done button for February: %+v", msgs[0].Actions)
	}
}
