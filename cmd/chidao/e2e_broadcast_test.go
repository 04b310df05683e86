package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chidao"
	"chidao/bot/telegram/telegramtest"
	"chidao/configs"
	"chidao/store"
)

// units40 returns the absolute path of the 40-unit district, its units and
// their codes.
func units40(t testing.TB) (string, []chidao.Unit, []string) {
	t.Helper()
	path, err := filepath.Abs("testdata/units40.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	us, err := configs.LoadUnits(f)
	if err != nil {
		t.Fatal(err)
	}
	codes := make([]string, len(us))
	for i, u := range us {
		codes[i] = u.Code
	}
	return path, us, codes
}

// isDelivery reports whether a sent message is a directive's delivery text.
func isDelivery(m telegramtest.SentMessage) bool {
	return m.Method == "sendMessage" && strings.Contains(m.Text, "VĂN BẢN MỚI")
}

// deliveryCounts counts, per chat, the delivery texts and the documents
// named file the bot sent.
func deliveryCounts(tg *telegramtest.Server, file string) (texts, docs map[int64]int) {
	texts, docs = map[int64]int{}, map[int64]int{}
	for _, m := range tg.Sent() {
		switch {
		case isDelivery(m):
			texts[m.ChatID]++
		case m.Document != nil && m.Document.Name == file:
			docs[m.ChatID]++
		}
	}
	return texts, docs
}

// button returns the data of the first button whose text starts with text.
func button(t testing.TB, m telegramtest.SentMessage, text string) string {
	t.Helper()
	for _, row := range m.Buttons {
		for _, b := range row {
			if strings.HasPrefix(b.Text, text) {
				return b.Data
			}
		}
	}
	t.Fatalf("no button %q under message %d: %+v", text, m.MessageID, m.Buttons)
	return ""
}

// TestBroadcastAcknowledgeExport is issue 4's main road: 200 heads of 40
// units registered through the bot; the office uploads the directive,
// checks the preview and presses "📤 Gửi"; each head gets the text and the
// file exactly once; heads of 30 units press "✅ Đã nhận" (recorded, the
// button turns into "Đã nhận lúc …", a second press changes nothing);
// /tinhhinh counts right; /xuat's workbook has a row per unit with the
// acknowledgments.
func TestBroadcastAcknowledgeExport(t *testing.T) {
	unitsPath, units, codes := units40(t)
	h := newHarness(t, map[string]string{
		"CHIDAO_ADMINS": fmt.Sprintf("telegram:%d", adminID),
		"CHIDAO_UNITS":  unitsPath,
	})
	// Pacing is not the point here: a faster sender keeps the test short.
	h.config("delivery:\n  per_second: 200\n  per_chat: 10ms\n  workers: 64\n")
	h.start()
	var perMember []string
	for range 5 {
		perMember = append(perMember, codes...)
	}
	heads := h.register(10000, perMember) // heads[i] is in codes[i%40]

	admin := telegramtest.User{ID: adminID, FirstName: "Lê Thị Văn Phòng"}
	data, err := os.ReadFile(sampleDirective)
	if err != nil {
		t.Fatal(err)
	}
	mark := h.mark(admin.ID)
	h.tg.SendDocument(admin, "vanquan-cchc-2024.md", data, "")
	// A long preview comes in parts; the buttons sit under the last.
	preview := h.replyAfter(admin.ID, mark, "upload", "Bấm \"📤 Gửi\" để gửi")
	if all := h.textAfter(admin.ID, mark); !strings.Contains(all, "XEM TRƯỚC") || !strings.Contains(all, "Sẽ gửi tới 201 người ở 40/40 đơn vị") {
		t.Errorf("the preview does not announce 201 people (200 heads and the admin) in 40/40 units:\n%s", all)
	}
	if texts, _ := deliveryCounts(h.tg, "vanquan-cchc-2024.md"); len(texts) != 0 {
		t.Fatalf("the preview already sent %d deliveries", len(texts))
	}
	mark = h.mark(admin.ID)
	h.tg.PressButton(admin, preview.MessageID, button(t, preview, "📤 Gửi"))
	if m := h.replyAfter(admin.ID, mark, "📤 Gửi", "Đã đưa"); !strings.Contains(m.Text, "201 tin tới 201 người ở 40/40 đơn vị") {
		t.Errorf("send confirmation: %s", m.Text)
	}

	// Every head gets the text with its buttons, then the file.
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	start := time.Now()
	for _, u := range heads {
		if _, err := h.tg.WaitSent(ctx, u.ID, func(m telegramtest.SentMessage) bool { return m.Document != nil }); err != nil {
			texts, docs := deliveryCounts(h.tg, "vanquan-cchc-2024.md")
			t.Fatalf("head %d got no document: %v (%d texts, %d documents so far)", u.ID, err, len(texts), len(docs))
		}
	}
	t.Logf("200 deliveries (400 messages) in %s", time.Since(start).Round(time.Millisecond))
	db := h.db()
	waitUntil(t, 10*time.Second, "every delivery recorded sent", func() bool {
		ds, err := db.Deliveries(context.Background(), sampleDirectiveID)
		if err != nil || len(ds) != 201 {
			return false
		}
		for _, d := range ds {
			if d.State != store.StateSent {
				return false
			}
		}
		return true
	})
	texts, docs := deliveryCounts(h.tg, "vanquan-cchc-2024.md")
	for _, u := range heads {
		if texts[u.ID] != 1 || docs[u.ID] != 1 {
			t.Errorf("head %d got %d texts and %d documents, want 1 and 1", u.ID, texts[u.ID], docs[u.ID])
		}
	}
	if texts[admin.ID] != 1 {
		t.Errorf("the admin (a member of van-phong) got %d deliveries, want 1", texts[admin.ID])
	}
	for _, m := range h.tg.SentTo(heads[0].ID) {
		if m.Document != nil && !bytes.Equal(m.Document.Data, data) {
			t.Errorf("the document sent is not the uploaded file (%d bytes, want %d)", len(m.Document.Data), len(data))
		}
	}
	// The file's bytes go up once, then by file_id.
	uploads := 0
	for _, m := range h.tg.Sent() {
		if m.Document != nil && m.Document.Name == "vanquan-cchc-2024.md" && m.Document.Uploaded {
			uploads++
		}
	}
	t.Logf("the directive's file was uploaded %d times for 201 deliveries", uploads)
	if uploads != 1 {
		t.Errorf("the directive's file was uploaded %d times for 201 deliveries, want once", uploads)
	}

	// Heads of the first 30 units acknowledge, one head each; unit 0's
	// second head too.
	deliveryOf := func(u telegramtest.User) telegramtest.SentMessage {
		for _, m := range h.tg.SentTo(u.ID) {
			if isDelivery(m) {
				return m
			}
		}
		t.Fatalf("no delivery to %d", u.ID)
		return telegramtest.SentMessage{}
	}
	ackers := append(slices.Clone(heads[:30]), heads[40])
	ackData := map[int64]string{}
	for _, u := range ackers {
		m := deliveryOf(u)
		ackData[u.ID] = button(t, m, "✅ Đã nhận")
		h.tg.PressButton(u, m.MessageID, ackData[u.ID])
	}
	for _, u := range ackers {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		_, err := h.tg.WaitSent(ctx, u.ID, func(m telegramtest.SentMessage) bool {
			return isDelivery(m) && len(m.Buttons) > 0 && strings.HasPrefix(m.Buttons[0][0].Text, "Đã nhận lúc ")
		})
		cancel()
		if err != nil {
			t.Fatalf("head %d pressed ✅ Đã nhận; the button did not become \"Đã nhận lúc …\": %+v", u.ID, deliveryOf(u).Buttons)
		}
	}
	acks, err := db.Acks(context.Background(), sampleDirectiveID)
	if err != nil {
		t.Fatal(err)
	}
	if len(acks) != 31 {
		t.Errorf("%d acknowledgments stored, want 31 (heads of 30 units, one unit twice)", len(acks))
	}

	// A second press of the same data (a double tap, an old client):
	// answered "already", the message and the record stay as they are.
	first := deliveryOf(heads[1])
	answered := len(h.tg.Answered())
	h.tg.PressButton(heads[1], first.MessageID, ackData[heads[1].ID])
	waitUntil(t, 10*time.Second, "the second press answered", func() bool { return len(h.tg.Answered()) > answered })
	if a := h.tg.Answered()[answered]; !strings.Contains(a.Text, "đã xác nhận") {
		t.Errorf("a second press was answered %q, want \"already acknowledged\"", a.Text)
	}
	// The pressed "Đã nhận lúc …" button does nothing either.
	h.tg.PressButton(heads[1], first.MessageID, first.Buttons[0][0].Data)
	waitUntil(t, 10*time.Second, "the noop press answered", func() bool { return len(h.tg.Answered()) > answered+1 })
	if after := deliveryOf(heads[1]); after.Edits != first.Edits || after.Text != first.Text {
		t.Errorf("pressing again edited the message: %d edits, want %d", after.Edits, first.Edits)
	}
	again, err := db.Acks(context.Background(), sampleDirectiveID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(again, acks) {
		t.Errorf("pressing again changed the acknowledgments:\n%+v\nwant\n%+v", again, acks)
	}

	// /tinhhinh: 201 delivered, 30 of 40 units acknowledged, 10 waiting.
	mark = h.mark(admin.ID)
	h.tg.SendText(admin, "/tinhhinh")
	h.replyAfter(admin.ID, mark, "/tinhhinh", "Tình hình nhận")
	status := h.textAfter(admin.ID, mark)
	for _, want := range []string{"đã chuyển 201/201 tin", "đã xác nhận 30/40 đơn vị", "✅ Đã nhận (30)", "⏳ Chưa xác nhận (10)"} {
		if !strings.Contains(status, want) {
			t.Errorf("/tinhhinh lacks %q:\n%s", want, status)
		}
	}
	for _, u := range units[30:] {
		if !strings.Contains(status, "• "+u.Name+" (đã chuyển 5/5 người)") {
			t.Errorf("/tinhhinh does not list %s as waiting with 5/5 delivered:\n%s", u.Name, status)
		}
	}

	// /xuat: the workbook has a row per recipient unit.
	mark = h.mark(admin.ID)
	h.tg.SendText(admin, "/xuat")
	ctx, cancel = context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	x, err := h.tg.WaitSent(ctx, admin.ID, func(m telegramtest.SentMessage) bool {
		return m.MessageID > mark && m.Document != nil && strings.HasSuffix(m.Document.Name, ".xlsx")
	})
	if err != nil {
		t.Fatalf("/xuat sent no .xlsx: %v; got %q", err, h.textAfter(admin.ID, mark))
	}
	rows := workbookRows(t, x.Document.Data)
	header := -1
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Đơn vị" {
			header = i
			break
		}
	}
	if header < 0 {
		t.Fatalf("no header row starting with \"Đơn vị\" in the workbook: %q", rows)
	}
	col := map[string]int{}
	for i, c := range rows[header] {
		col[c] = i
	}
	for _, c := range []string{"Người nhận", "Đã chuyển", "Xác nhận lúc", "Người xác nhận", "NV 5"} {
		if _, ok := col[c]; !ok {
			t.Fatalf("the workbook's header %q lacks %q", rows[header], c)
		}
	}
	byUnit := map[string][]string{}
	for _, r := range rows[header+1:] {
		if len(r) > 0 && r[0] != "" {
			byUnit[r[0]] = append(r, make([]string, len(rows[header]))...) // pad empty trailing cells
		}
	}
	ackedBy := map[string]string{} // unit -> first acknowledger's name
	for _, a := range acks {
		if _, ok := ackedBy[a.Unit]; !ok {
			ackedBy[a.Unit] = a.Name
		}
	}
	for i, u := range units {
		r, ok := byUnit[u.Name]
		if !ok {
			t.Errorf("the workbook has no row for %s", u.Name)
			continue
		}
		members := "5"
		if u.Code == "van-phong" {
			members = "6" // and the admin
		}
		if r[col["Người nhận"]] != members || r[col["Đã chuyển"]] != members {
			t.Errorf("%s: %s recipients, %s delivered in the workbook, want %s and %s", u.Name, r[col["Người nhận"]], r[col["Đã chuyển"]], members, members)
		}
		at, who := r[col["Xác nhận lúc"]], r[col["Người xác nhận"]]
		switch {
		case i < 30 && (at == "" || who != ackedBy[u.Code]):
			t.Errorf("%s acknowledged (by %q) but the workbook says %q by %q", u.Name, ackedBy[u.Code], at, who)
		case i >= 30 && (at != "" || who != ""):
			t.Errorf("%s did not acknowledge but the workbook says %q by %q", u.Name, at, who)
		}
	}
	if len(byUnit) < len(units) {
		t.Errorf("the workbook has %d unit rows, want %d", len(byUnit), len(units))
	}
}

// workbookRows reads the first sheet of an .xlsx file.
func workbookRows(t testing.TB, data []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the export is not a workbook excelize can read: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		t.Fatal("the workbook has no sheet")
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// queueBroadcast queues a directive's deliveries with `chidao broadcast
// --yes` run without a platform, so that nothing is sent until a serve
// starts.
func (h *harness) queueBroadcast(file string) {
	h.t.Helper()
	out, code := h.cliWith(map[string]string{"CHIDAO_TELEGRAM_TOKEN": ""}, "broadcast", file, "--yes")
	if code != 0 || !strings.Contains(out, "serve` sẽ gửi") {
		h.t.Fatalf("broadcast --yes without a platform: exit %d: %s", code, out)
	}
}

// TestBroadcastSurvivesKill queues 500 deliveries, starts the real binary,
// kills it with SIGKILL about half way, starts it again and waits until the
// outbox is empty: every member has the directive, and the duplicates are
// no more than the deliveries that can be sent but not yet recorded when it
// dies: one per worker, as many waiting in the results queue, and the
// collector's unflushed batch (64).
func TestBroadcastSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and sends 1,000 messages")
	}
	const n, workers = 500, 32
	const window = 2*workers + 64 // see delivery.Sender: workers, their results queue, the collector's batch
	h := newHarness(t, nil)
	// per_chat is short so that the run is quick; lease short so that the
	// batch the dead process held is sent again within the test.
	h.config(fmt.Sprintf("delivery:\n  per_second: 300\n  per_chat: 10ms\n  workers: %d\n  lease: 3s\nreminders:\n  enabled: false\n", workers))
	codes := []string{}
	units, err := configs.DefaultUnits()
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units {
		codes = append(codes, u.Code)
	}
	members := h.putMembers(20000, n, codes)
	h.queueBroadcast(sampleDirective)

	cmd, out := h.startProcess()
	// Only deliveries are sent in this test: their texts are the sendMessage calls.
	waitUntil(t, 60*time.Second, "half the deliveries sent before the kill", func() bool {
		return h.tg.Calls("sendMessage") >= n/2
	})
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	texts, _ := deliveryCounts(h.tg, "vanquan-cchc-2024.md")
	atKill := len(texts)
	if atKill >= n {
		t.Fatalf("all %d deliveries were sent before the kill; nothing to resume: %s", n, out.String())
	}

	cmd, out = h.startProcess()
	db := h.db()
	waitUntil(t, 90*time.Second, "every delivery recorded sent after the restart", func() bool {
		ds, err := db.Deliveries(context.Background(), sampleDirectiveID)
		if err != nil || len(ds) != n {
			return false
		}
		for _, d := range ds {
			if d.State != store.StateSent {
				return false
			}
		}
		return true
	})
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve after SIGTERM: %v: %s", err, out.String())
	}

	texts, docs := deliveryCounts(h.tg, "vanquan-cchc-2024.md")
	dups, lost := 0, 0
	for _, m := range members {
		id, _ := strconv.ParseInt(m.ChatID, 10, 64)
		switch {
		case texts[id] == 0 || docs[id] == 0:
			lost++
			t.Errorf("member %s got %d texts and %d documents", m.ChatID, texts[id], docs[id])
		case texts[id] > 1:
			dups += texts[id] - 1
		}
	}
	t.Logf("killed after %d of %d deliveries; after the restart: %d lost, %d sent twice (in-flight window %d)", atKill, n, lost, dups, window)
	if dups > window {
		t.Errorf("%d deliveries sent twice, more than the %d that can be in flight", dups, window)
	}
}

// TestBroadcastRate sends to 1,000 members against a fake Telegram that
// answers 429 past 300 messages/s or 1 message/s per chat, with
// delivery.per_second 300: every member gets the text and the file, the
// 429s retried, never dropped. It logs the sustained rate and the 429s
// (go test -v -run TestBroadcastRate ./cmd/chidao) for the README.
func TestBroadcastRate(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 2,000 messages")
	}
	const n, perSecond = 1000, 300
	h := newHarness(t, nil)
	h.config(fmt.Sprintf("delivery:\n  per_second: %d\n  per_chat: 1s\nreminders:\n  enabled: false\n", perSecond))
	units, err := configs.DefaultUnits()
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, u := range units {
		codes = append(codes, u.Code)
	}
	h.putMembers(30000, n, codes)
	h.queueBroadcast(sampleDirective)
	h.tg.EnforceLimits(perSecond, time.Second)

	h.start()
	// The 429s of the first second are allowed: note how many there were
	// one second after the first message.
	early := make(chan int, 1)
	go func() {
		deadline := time.Now().Add(60 * time.Second)
		for h.tg.Calls("sendMessage") == 0 && time.Now().Before(deadline) {
			time.Sleep(2 * time.Millisecond)
		}
		time.Sleep(time.Second) // the measuring window, not a synchronisation
		early <- h.tg.TooManyRequests()
	}()
	// Counting the calls is cheap; reading every message only at the end.
	waitUntil(t, 120*time.Second, "2,000 messages sent", func() bool {
		if h.tg.Calls("sendDocument") < n {
			return false
		}
		texts, docs := deliveryCounts(h.tg, "vanquan-cchc-2024.md")
		return len(texts) == n && len(docs) == n
	})
	var at []time.Time
	for _, m := range h.tg.Sent() {
		at = append(at, m.At)
	}
	slices.SortFunc(at, func(a, b time.Time) int { return a.Compare(b) })
	first, last := at[0], at[len(at)-1]
	// The sustained rate: messages after the first second over the time
	// they took.
	after := 0
	for _, a := range at {
		if a.After(first.Add(time.Second)) {
			after++
		}
	}
	rate := float64(after) / last.Sub(first.Add(time.Second)).Seconds()
	firstSecond, total := <-early, h.tg.TooManyRequests()
	t.Logf("%d messages in %s: %.0f messages/s sustained (allowed %d/s); 429 answers: %d in the first second, %d after",
		len(at), last.Sub(first).Round(time.Millisecond), rate, perSecond, firstSecond, total-firstSecond)
	// The rate and the 429s depend on the machine's load, so they are
	// reported, not asserted; what is asserted is that every member got
	// the text and the file, 429s and all.
}

// TestBroadcastRefusals checks what must be refused with nothing recorded:
// a forged acknowledgment, an acknowledgment from a unit the directive was
// not sent to, a head sending a file, a file over 20 MB, and a file that is
// not a directive.
func TestBroadcastRefusals(t *testing.T) {
	h := newHarness(t, map[string]string{"CHIDAO_ADMINS": fmt.Sprintf("telegram:%d", adminID)})
	h.config("delivery:\n  per_chat: 10ms\n")
	h.start()
	heads := h.register(40000, []string{"phong-noi-vu", "xa-an-son", "xa-binh-phuc"})
	noiVu, anSon, binhPhuc := heads[0], heads[1], heads[2]
	admin := telegramtest.User{ID: adminID, FirstName: "Lê Thị Văn Phòng"}
	h.say(admin, "/start", "Xin chào")
	const small, smallID = "testdata/ra-soat-ho-so-2024.md", "88-ubnd-nv-20240603"

	h.upload(admin, small)
	delivered := func(u telegramtest.User) telegramtest.SentMessage {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		m, err := h.tg.WaitSent(ctx, u.ID, isDelivery)
		if err != nil {
			t.Fatalf("no delivery to %d: %v", u.ID, err)
		}
		return m
	}
	m := delivered(noiVu)
	delivered(anSon)
	if texts, _ := deliveryCounts(h.tg, "ra-soat-ho-so-2024.md"); texts[binhPhuc.ID] != 0 || texts[admin.ID] != 0 {
		t.Errorf("the directive went to units it is not addressed to: %v", texts)
	}
	db := h.db()
	acks := func() []chidao.Ack {
		t.Helper()
		as, err := db.Acks(context.Background(), smallID)
		if err != nil {
			t.Fatal(err)
		}
		return as
	}

	// A forged press: one character of the signed data changed.
	real := button(t, m, "✅ Đã nhận")
	forged := []byte(real)
	forged[len(forged)-1] ^= 1
	mark := h.mark(noiVu.ID)
	h.tg.PressButton(noiVu, m.MessageID, string(forged))
	h.replyAfter(noiVu.ID, mark, "forged ack", "không hợp lệ")
	if as := acks(); len(as) != 0 {
		t.Errorf("a forged press recorded %+v", as)
	}

	// The real data, pressed from the chat of a unit the directive was not
	// sent to.
	mark = h.mark(binhPhuc.ID)
	h.tg.PressButton(binhPhuc, m.MessageID, real)
	h.replyAfter(binhPhuc.ID, mark, "ack from another unit", "không cần xác nhận")
	if as := acks(); len(as) != 0 {
		t.Errorf("a press from a unit not addressed recorded %+v", as)
	}

	// A head sends a directive file: a polite no, no preview.
	data, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	mark = h.mark(anSon.ID)
	h.tg.SendDocument(anSon, "ra-soat-ho-so-2024.md", data, "")
	h.replyAfter(anSon.ID, mark, "file from a head", "Chỉ Văn phòng")
	if strings.Contains(h.textAfter(anSon.ID, mark), "XEM TRƯỚC") {
		t.Error("a head's file got a preview")
	}

	// The office: a file over 20 MB, then a shopping list.
	previewed := h.mark(admin.ID)
	mark = previewed
	h.tg.SendDocument(admin, "ke-hoach-lon.docx", bytes.Repeat([]byte("x"), 21<<20), "")
	h.replyAfter(admin.ID, mark, "21 MB file", "Tệp lớn quá")
	mark = h.mark(admin.ID)
	h.tg.SendDocument(admin, "danh-sach-di-cho.txt", []byte("Danh sách đi chợ\n- 2 kg gạo\n- 1 chai nước mắm\n- rau muống, cà chua\n- 1 hộp trứng\n"), "")
	if r := h.replyAfter(admin.ID, mark, "shopping list", "Không đọc được"); !strings.Contains(r.Text, "không giống một văn bản chỉ đạo") || !strings.Contains(r.Text, "Chưa có gì được gửi") {
		t.Errorf("the shopping list's reply does not say it is not a directive and nothing was sent: %s", r.Text)
	}
	for _, chat := range []int64{admin.ID, anSon.ID} {
		for _, m := range h.sentAfter(chat, previewed) {
			if strings.Contains(m.Text, "XEM TRƯỚC") || len(m.Buttons) > 0 && strings.HasPrefix(m.Buttons[0][0].Text, "📤") {
				t.Errorf("a refused file got a preview in chat %d: %s", chat, m.Text)
			}
		}
	}

	// Nothing stored but the one directive broadcast; the real
	// acknowledgment still works.
	ds, err := db.Directives(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].ID != smallID { // the head's upload stored nothing either
		var ids []string
		for _, d := range ds {
			ids = append(ids, d.ID)
		}
		t.Errorf("stored directives %v, want only %s", ids, smallID)
	}
	if texts, _ := deliveryCounts(h.tg, ""); len(texts) != 2 {
		t.Errorf("deliveries went to %d chats, want 2", len(texts))
	}
	h.tg.PressButton(noiVu, m.MessageID, real)
	waitUntil(t, 10*time.Second, "the real acknowledgment recorded", func() bool { return len(acks()) == 1 })
	if as := acks(); as[0].Unit != "phong-noi-vu" {
		t.Errorf("acknowledgment recorded for %q, want phong-noi-vu", as[0].Unit)
	}
}

// upload makes the office upload a directive, checks the preview and
// presses "📤 Gửi"; it returns the confirmation.
func (h *harness) upload(admin telegramtest.User, file string) telegramtest.SentMessage {
	h.t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		h.t.Fatal(err)
	}
	mark := h.mark(admin.ID)
	h.tg.SendDocument(admin, filepath.Base(file), data, "")
	preview := h.replyAfter(admin.ID, mark, "upload "+file, "Bấm \"📤 Gửi\" để gửi")
	mark = h.mark(admin.ID)
	h.tg.PressButton(admin, preview.MessageID, button(h.t, preview, "📤 Gửi"))
	return h.replyAfter(admin.ID, mark, "📤 Gửi", "Đã đưa")
}

// TestBroadcastFromCLIBesideServe sends a directive with `chidao broadcast
// --yes` while serve runs, as the office may do on the server: the heads
// must then be able to acknowledge it and ask about it through serve.
func TestBroadcastFromCLIBesideServe(t *testing.T) {
	h := newHarness(t, nil)
	h.config("delivery:\n  per_chat: 10ms\n")
	h.start()
	head := h.register(45000, []string{"xa-an-son"})[0]
	if out, code := h.cli("broadcast", "testdata/ra-soat-ho-so-2024.md", "--yes"); code != 0 || !strings.Contains(out, "Đã gửi 1 tin") {
		t.Fatalf("broadcast --yes: exit %d: %s", code, out)
	}
	m := h.waitText(head, "📢 VĂN BẢN MỚI")
	h.tg.PressButton(head, m.MessageID, button(t, m, "✅ Đã nhận"))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := h.tg.WaitSent(ctx, head.ID, func(m telegramtest.SentMessage) bool {
		return isDelivery(m) && len(m.Buttons) > 0 && strings.HasPrefix(m.Buttons[0][0].Text, "Đã nhận lúc ")
	}); err != nil {
		t.Errorf("the acknowledgment of a directive sent by the CLI was not taken: %q", h.textAfter(head.ID, m.MessageID))
	}
	h.say(head, "nhiệm vụ 2 hạn khi nào", "20/6/2024")
}
