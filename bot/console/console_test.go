package console

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"chidao"
	"chidao/bot"
)

// memButtons is a ButtonMemory in a map.
type memButtons struct {
	mu sync.Mutex
	m  map[chidao.ChatRef][]string
}

func (b *memButtons) SaveButtons(_ context.Context, c chidao.ChatRef, d []string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.m[c] = d
	return nil
}

func (b *memButtons) Buttons(_ context.Context, c chidao.ChatRef) ([]string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.m[c], nil
}

func TestScriptedSession(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "cong van 227.txt")
	if err := os.WriteFile(doc, []byte("V/v triển khai nhiệm vụ"), 0o600); err != nil {
		t.Fatal(err)
	}

	var out bytes.Buffer
	con := New(&out, Options{DisplayName: "Chị Hoa"})
	shared := &memButtons{m: map[chidao.ChatRef][]string{}}
	m := bot.Numbered(con, shared)
	var seen []*bot.Update
	r := bot.NewRouter()
	r.Use(bot.NumberedReplies(shared))
	r.Use(func(next bot.HandlerFunc) bot.HandlerFunc {
		return func(ctx context.Context, u *bot.Update) error { seen = append(seen, u); return next(ctx, u) }
	})
	r.Command("start", func(ctx context.Context, u *bot.Update) error {
		_, err := m.Send(ctx, bot.Message{Chat: u.Chat, Text: "Xin chào " + u.DisplayName + "!\nCông văn 227/TB-UBND đã đến.",
			Buttons: [][]bot.Button{{{Text: "✅ Đã nhận", Data: "ack:d1"}, {Text: "📋 Nhiệm vụ", Data: "tasks:d1"}}}})
		return err
	})
	r.Callback("ack:", func(ctx context.Context, u *bot.Update) error {
		if err := m.AnswerCallback(ctx, u.Callback.ID, "Đã ghi nhận"); err != nil {
			return err
		}
		return m.Edit(ctx, u.Chat, u.MessageID, bot.Message{Text: "✅ Đơn vị đã nhận công văn 227/TB-UBND."})
	})
	r.Kind(bot.KindFile, func(ctx context.Context, u *bot.Update) error {
		data, err := m.Download(ctx, u.File.ID, 1<<20)
		if err != nil {
			return err
		}
		_, err = m.Send(ctx, bot.Message{Chat: u.Chat, Text: "Đã đọc «" + u.File.Name + "»: " + string(data),
			File: &bot.Attachment{Name: "tom-tat.xlsx", Data: []byte("12345")}})
		return err
	})
	r.Text(func(ctx context.Context, u *bot.Update) error {
		if u.Text == "lỗi" {
			return errors.New("boom")
		}
		_, err := m.Send(ctx, bot.Message{Chat: u.Chat, Text: "Bạn hỏi: " + u.Text})
		return err
	})
	input := "/start\r\n" +
		"\n" +
		"1\n" +
		"/tep \"" + doc + "\"\n" +
		"/tep " + filepath.Join(dir, "khong-co.docx") + "\n" +
		"lỗi\n" +
		"nhiệm vụ 5 hạn khi nào?" // no final newline
	if err := con.Run(context.Background(), strings.NewReader(input), r.Serve); err != nil {
		t.Fatalf("Run: %v", err)
	}

	want := "🤖 Xin chào Chị Hoa!\n" +
		"   Công văn 227/TB-UBND đã đến.\n" +
		"\n" +
		"   1. ✅ Đã nhận\n" +
		"   2. 📋 Nhiệm vụ\n" +
		"   Trả lời bằng số để chọn.\n" +
		"🤖 ℹ️ Đã ghi nhận\n" +
		"🤖 ✅ Đơn vị đã nhận công văn 227/TB-UBND.\n" +
		"🤖 Đã đọc «cong van 227.txt»: V/v triển khai nhiệm vụ\n" +
		"   📎 tom-tat.xlsx (5 byte)\n" +
		"🤖 Không mở được tệp «" + filepath.Join(dir, "khong-co.docx") + "». Hãy kiểm tra lại đường dẫn.\n" +
		"🤖 " + errorNotice + "\n" +
		"🤖 Bạn hỏi: nhiệm vụ 5 hạn khi nào?\n"
	if got := out.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(out.String(), promptText) {
		t.Error("a prompt was printed for input that is not a terminal")
	}

	kinds := []bot.UpdateKind{bot.KindText, bot.KindCallback, bot.KindFile, bot.KindText, bot.KindText}
	if len(seen) != len(kinds) {
		t.Fatalf("handled %d updates, want %d", len(seen), len(kinds))
	}
	for i, k := range kinds {
		if seen[i].Kind != k {
			t.Errorf("update %d kind %s, want %s", i, seen[i].Kind, k)
		}
		if seen[i].Chat != (chidao.ChatRef{Platform: chidao.Console, ID: "demo"}) || seen[i].UserID != "demo" || !seen[i].Private {
			t.Errorf("update %d from %+v", i, seen[i])
		}
	}
	if seen[0].Text != "/start" {
		t.Errorf("CRLF kept: %q", seen[0].Text)
	}
	if f := seen[2].File; f.ID != doc || f.Name != "cong van 227.txt" || f.Size != int64(len("V/v triển khai nhiệm vụ")) || !strings.HasPrefix(f.MIME, "text/plain") {
		t.Errorf("file = %+v", f)
	}
}

func TestRunLongAndInvalidLines(t *testing.T) {
	long := strings.Repeat("nhiệm vụ ", 30000) // 300 KB, beyond bufio.Scanner's default
	input := long + "\n" + "xin ch\xffào\n" + strings.Repeat("a", maxLine+10) + "\n"
	var got []string
	con := New(io.Discard, Options{})
	err := con.Run(context.Background(), strings.NewReader(input), func(_ context.Context, u *bot.Update) error {
		got = append(got, u.Text)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0] != long || got[1] != "xin ch�ào" || len(got[2]) != maxLine {
		t.Errorf("got %d lines: %d bytes, %q, %d bytes", len(got), len(got[0]), got[1], len(got[2]))
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	con := New(io.Discard, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	handled := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- con.Run(ctx, pr, func(_ context.Context, u *bot.Update) error { handled <- u.Text; return nil })
	}()
	if _, err := io.WriteString(pw, "một\n"); err != nil {
		t.Fatal(err)
	}
	if got := <-handled; got != "một" {
		t.Fatalf("handled %q", got)
	}
	cancel() // the reader is now blocked on the pipe
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

func TestMessengerOutput(t *testing.T) {
	var out bytes.Buffer
	con := New(&out, Options{})
	ctx := context.Background()
	if _, err := con.Send(ctx, bot.Message{Text: "Chọn:", Buttons: [][]bot.Button{{{Text: "Có", Data: "y"}, {Text: "Không", Data: "n"}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := con.Send(ctx, bot.Message{File: &bot.Attachment{Name: "bao-cao.xlsx", Data: make([]byte, 2048)}}); err != nil {
		t.Fatal(err)
	}
	con.AnswerCallback(ctx, "", "")
	con.AnswerCallback(ctx, "", "Đã ghi nhận")
	want := "🤖 Chọn:\n   [Có] [Không]\n🤖 📎 bao-cao.xlsx (2048 byte)\n🤖 ℹ️ Đã ghi nhận\n"
	if out.String() != want {
		t.Errorf("output %q, want %q", out.String(), want)
	}

	path := filepath.Join(t.TempDir(), "a.txt")
	os.WriteFile(path, []byte("0123456789"), 0o600)
	if _, err := con.Download(ctx, path, 9); !errors.Is(err, bot.ErrTooLarge) {
		t.Errorf("Download over the limit: %v", err)
	}
	if data, err := con.Download(ctx, path, 10); err != nil || string(data) != "0123456789" {
		t.Errorf("Download = %q, %v", data, err)
	}
}

func TestPromptOnlyOnTerminals(t *testing.T) {
	// /dev/null is a character device, as a terminal is.
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Skip("no", os.DevNull)
	}
	defer null.Close()
	var out bytes.Buffer
	if err := New(&out, Options{}).Run(context.Background(), null, func(context.Context, *bot.Update) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if out.String() != promptText {
		t.Errorf("output on a character device = %q, want the prompt %q", out.String(), promptText)
	}
	f, err := os.CreateTemp(t.TempDir(), "in")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out.Reset()
	if err := New(&out, Options{}).Run(context.Background(), f, func(context.Context, *bot.Update) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if out.Len() != 0 {
		t.Errorf("output on a regular file = %q, want none", out.String())
	}
}
