package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"chidao"
	"chidao/bot/telegram/telegramtest"
	"chidao/configs"
)

const remindAt = "2024-06-05T08:00:00+07:00"

// reminderCounts counts, per chat, the reminder messages of a day
// ("📌 Nhắc việc ngày 05/6/2024 — …").
func reminderCounts(tg *telegramtest.Server, day string) map[int64]int {
	n := map[int64]int{}
	for _, m := range tg.Sent() {
		if strings.HasPrefix(m.Text, "📌 Nhắc việc ngày "+day) {
			n[m.ChatID]++
		}
	}
	return n
}

// TestRemindersRunTwiceAtOnce registers heads through the bot, broadcasts
// the sample directive with the CLI, checks `reminders plan --json` (task 5
// due tomorrow for every recipient unit, due 2024-06-07), then starts two
// `chidao reminders run --at` processes at once on the same Redis: each head
// gets exactly one reminder between them, and running the tick a third
// time sends nothing.
func TestRemindersRunTwiceAtOnce(t *testing.T) {
	h := newHarness(t, nil)
	h.config("reminders:\n  enabled: false\ndelivery:\n  per_chat: 10ms\n")
	h.start()
	unitsOf := []string{"xa-an-son", "xa-an-son", "phong-noi-vu", "thi-tran-van-quan", "phong-tu-phap", "van-phong"}
	heads := h.register(60000, unitsOf)
	h.stop(h.serve)

	out, code := h.cli("broadcast", sampleDirective, "--yes")
	if code != 0 || !strings.Contains(out, fmt.Sprintf("Đã gửi %d tin", len(heads))) {
		t.Fatalf("broadcast --yes: exit %d: %s", code, out)
	}

	out, code = h.cli("reminders", "plan", "--at", remindAt, "--json")
	if code != 0 {
		t.Fatalf("reminders plan: exit %d: %s", code, out)
	}
	var plan []struct {
		Unit, Directive, Task, Stage string
		Due                          *string
	}
	if err := json.Unmarshal([]byte(out), &plan); err != nil {
		t.Fatalf("reminders plan --json: %v: %s", err, out)
	}
	units, err := configs.DefaultUnits()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{} // every unit receives the sample directive
	for _, u := range units {
		want[u.Code] = true
	}
	got := map[string]bool{}
	for _, p := range plan {
		if p.Directive == sampleDirectiveID && p.Task == "5" && p.Stage == "due-1" {
			if p.Due == nil || *p.Due != "2024-06-07" {
				t.Errorf("plan for %s: task 5 due %v, want 2024-06-07", p.Unit, p.Due)
			}
			got[p.Unit] = true
		}
	}
	if !maps.Equal(got, want) {
		t.Errorf("plan lists due-1 for task 5 for %d units, want the %d recipient units: %v", len(got), len(want), slices.Sorted(maps.Keys(got)))
	}

	// Two processes at the same instant.
	a, outA := h.process("reminders", "run", "--at", remindAt)
	b, outB := h.process("reminders", "run", "--at", remindAt)
	errA, errB := a.Wait(), b.Wait()
	if errA != nil || errB != nil {
		t.Fatalf("reminders run: %v, %v\n%s\n%s", errA, errB, outA.String(), outB.String())
	}
	t.Logf("process A: %s; process B: %s", strings.TrimSpace(lastLine(outA.String())), strings.TrimSpace(lastLine(outB.String())))
	counts := reminderCounts(h.tg, "05/6/2024")
	for _, u := range heads {
		if counts[u.ID] != 1 {
			t.Errorf("head %d got %d reminders from the two runs, want 1", u.ID, counts[u.ID])
		}
	}
	if len(counts) != len(heads) {
		t.Errorf("reminders went to %d chats, want the %d heads", len(counts), len(heads))
	}
	m, err := h.tg.WaitSent(context.Background(), heads[0].ID, func(m telegramtest.SentMessage) bool {
		return strings.HasPrefix(m.Text, "📌 Nhắc việc ngày 05/6/2024")
	})
	if err != nil || !strings.Contains(m.Text, "Nhiệm vụ 5") || !strings.Contains(m.Text, "07/6/2024") {
		t.Errorf("the reminder does not name task 5 and its deadline: %s", m.Text)
	}

	// The same tick again: everything is marked, nothing goes out.
	if out, code := h.cli("reminders", "run", "--at", remindAt); code != 0 {
		t.Fatalf("third run: exit %d: %s", code, out)
	}
	if again := reminderCounts(h.tg, "05/6/2024"); !maps.Equal(again, counts) {
		t.Errorf("a third run of the same tick sent more: %v, was %v", again, counts)
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestRemindersTwoReplicas starts two serve processes at the same moment on
// one Redis; each catches up the morning tick it missed at start, at the
// same instant: every head gets exactly one reminder. The directive's
// deadline is today, so it runs on the wall clock and is skipped on a
// weekend, when no reminder goes out.
func TestRemindersTwoReplicas(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().In(loc)
	if wd := now.Weekday(); wd == time.Saturday || wd == time.Sunday {
		t.Skip("reminders do not go out on a weekend")
	}
	if now.Hour() == 23 && now.Minute() >= 58 {
		t.Skip("too close to midnight in Vietnam for a due-today deadline")
	}
	today := chidao.DateOf(now).Vietnamese()
	src, err := os.ReadFile("testdata/ra-soat-ho-so-2024.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.NewReplacer("trước ngày 14/6/2024", "chậm nhất ngày "+today, "chậm nhất ngày 20/6/2024", "chậm nhất ngày "+today,
		"ngày 03 tháng 6 năm 2024", fmt.Sprintf("ngày %02d tháng %d năm %d", now.Day(), now.Month(), now.Year())).Replace(string(src))
	file := filepath.Join(t.TempDir(), "ra-soat-ho-so.md")
	if err := os.WriteFile(file, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}

	h := newHarness(t, map[string]string{
		"CHIDAO_TELEGRAM_MODE":           "webhook",
		"CHIDAO_TELEGRAM_WEBHOOK_URL":    "https://chidao.example.gov.vn/telegram/webhook",
		"CHIDAO_TELEGRAM_WEBHOOK_SECRET": "replica_secret-0123456789",
	})
	h.config("reminders:\n  work_start: \"00:00\"\n  work_end: \"23:59\"\ndelivery:\n  per_chat: 10ms\n")
	members := h.putMembers(61000, 6, []string{"phong-noi-vu", "xa-an-son"})
	if out, code := h.cli("broadcast", file, "--yes"); code != 0 || !strings.Contains(out, "Đã gửi 6 tin") {
		t.Fatalf("broadcast --yes: exit %d: %s", code, out)
	}

	// Real processes: one process per replica, as deployed.
	h.vars["CHIDAO_LOG_LEVEL"] = "info" // to tell below which replica ticked
	type replica struct {
		cmd  *exec.Cmd
		out  *syncBuffer
		addr string
	}
	rs := make([]replica, 2)
	for i := range rs {
		rs[i].addr = freeAddr(t)
		h.vars["CHIDAO_HTTP_ADDR"] = rs[i].addr
		rs[i].cmd, rs[i].out = h.process("serve")
	}
	// Each replica logs its catch-up tick at start, leader or not.
	ticked := func(r replica) []string {
		var seen []string
		for _, l := range strings.Split(r.out.String(), "\n") {
			var e struct {
				Msg      string `json:"msg"`
				Leader   *bool  `json:"leader"`
				Messages int    `json:"messages"`
			}
			if json.Unmarshal([]byte(l), &e) == nil && strings.Contains(e.Msg, "catch-up tick") && e.Leader != nil {
				seen = append(seen, fmt.Sprintf("catch-up tick, leader %v, %d messages", *e.Leader, e.Messages))
			}
		}
		return seen
	}
	day := chidao.DateOf(now).Vietnamese()
	healthy := func(r replica) bool {
		resp, err := http.Get("http://" + r.addr + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}
	waitUntil(t, 30*time.Second, "both replicas serving and every head reminded", func() bool {
		return healthy(rs[0]) && healthy(rs[1]) && len(reminderCounts(h.tg, day)) == len(members)
	})
	// Normally both catch the tick up at the same instant; a replica that
	// started after the other recorded the tick has nothing to catch up.
	deadline := time.Now().Add(5 * time.Second)
	for (len(ticked(rs[0])) == 0 || len(ticked(rs[1])) == 0) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	for i, r := range rs {
		if err := r.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		if err := r.cmd.Wait(); err != nil {
			t.Errorf("replica %d after SIGTERM: %v: %s", i, err, r.out.String())
		}
		t.Logf("replica %d: %v", i, ticked(r))
	}
	counts := reminderCounts(h.tg, day)
	for _, m := range members {
		if n := counts[mustChatID(t, m)]; n != 1 {
			t.Errorf("member %s got %d reminders from the two replicas, want 1", m.ChatID, n)
		}
	}
}

func mustChatID(t testing.TB, m chidao.Member) int64 {
	t.Helper()
	var id int64
	if _, err := fmt.Sscan(m.ChatID, &id); err != nil {
		t.Fatal(err)
	}
	return id
}
