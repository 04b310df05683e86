// Package console is the terminal adapter behind `chidao demo`: the person at
// the keyboard is one chat, each line they type is an update, and the bot's
// messages are printed with a "🤖 " prefix. It has no buttons: wrap it in
// bot.Numbered so they show as numbered lines, and answer with the number.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"chidao"
	"chidao/bot"
)

// maxLine is the longest input line read; the rest of a longer one is
// dropped.
const maxLine = 1 << 20

// Output prefixes.
const (
	botPrefix   = "🤖 "
	indent      = "   "
	promptText  = "> "
	errorNotice = "⚠️ Xin lỗi, đã có lỗi khi xử lý tin nhắn này. Vui lòng thử lại."
)

// Options configures a Console.
type Options struct {
	// User is the chat of the person at the keyboard (console:demo).
	User chidao.ChatRef
	// DisplayName is their name in updates ("Người dùng thử").
	DisplayName string
	// Clock stamps updates (the system clock when nil).
	Clock chidao.Clock
}

// Console prints the bot's messages to a writer and turns typed lines into
// updates. It implements bot.Messenger and is safe for concurrent use.
type Console struct {
	out  io.Writer
	opts Options

	mu      sync.Mutex
	nextMsg int
	nextUpd int
}

var _ bot.Messenger = (*Console)(nil)

// New returns a console printing to out.
func New(out io.Writer, opts Options) *Console {
	if opts.User.ID == "" {
		opts.User = chidao.ChatRef{Platform: chidao.Console, ID: "demo"}
	}
	if opts.User.Platform == "" {
		opts.User.Platform = chidao.Console
	}
	if opts.DisplayName == "" {
		opts.DisplayName = "Người dùng thử"
	}
	if opts.Clock == nil {
		opts.Clock = chidao.SystemClock{}
	}
	return &Console{out: out, opts: opts}
}

// Send prints the message: its text after "🤖 " (later lines indented),
// any buttons as [labels] (wrap the console in bot.Numbered to have them
// answerable by number), and a file as "📎 name (N byte)".
func (c *Console) Send(_ context.Context, m bot.Message) (bot.Sent, error) {
	var b strings.Builder
	writeText(&b, m.Text)
	for _, row := range m.Buttons {
		b.WriteString(indent)
		for i, btn := range row {
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString("[" + btn.Text + "]")
		}
		b.WriteString("\n")
	}
	if m.File != nil {
		prefix := indent
		if strings.TrimSpace(m.Text) == "" {
			prefix = botPrefix
		}
		fmt.Fprintf(&b, "%s📎 %s (%d byte)\n", prefix, m.File.Name, len(m.File.Data))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := io.WriteString(c.out, b.String()); err != nil {
		return bot.Sent{}, fmt.Errorf("console: write: %w", err)
	}
	c.nextMsg++
	return bot.Sent{MessageID: strconv.Itoa(c.nextMsg)}, nil
}

// Edit prints the new text (a terminal cannot change what it printed).
func (c *Console) Edit(ctx context.Context, _ chidao.ChatRef, _ string, m bot.Message) error {
	_, err := c.Send(ctx, m)
	return err
}

// AnswerCallback prints a non-empty notice.
func (c *Console) AnswerCallback(_ context.Context, _, notice string) error {
	if strings.TrimSpace(notice) == "" {
		return nil
	}
	var b strings.Builder
	writeText(&b, "ℹ️ "+notice)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := io.WriteString(c.out, b.String()); err != nil {
		return fmt.Errorf("console: write: %w", err)
	}
	return nil
}

// Download reads the local file whose path is the file id (from "/tep
// PATH"), at most limit bytes: a bigger file gives bot.ErrTooLarge.
func (c *Console) Download(_ context.Context, fileID string, limit int64) ([]byte, error) {
	f, err := os.Open(fileID)
	if err != nil {
		return nil, fmt.Errorf("console: open file: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > limit {
		return nil, fmt.Errorf("console: %s has %d bytes: %w", filepath.Base(fileID), fi.Size(), bot.ErrTooLarge)
	}
	data, err := bot.ReadAll(f, limit)
	if err != nil {
		return nil, fmt.Errorf("console: %w", err)
	}
	return data, nil
}

// writeText writes text after the bot prefix, indenting later lines.
func writeText(b *strings.Builder, text string) {
	text = strings.TrimRight(text, " \n")
	if text == "" {
		return
	}
	for i, line := range strings.Split(text, "\n") {
		if i == 0 {
			b.WriteString(botPrefix)
		} else if line != "" {
			b.WriteString(indent)
		}
		b.WriteString(line)
		b.WriteString("\n")
	}
}

// line is one line read, or the error that ended the input.
type line struct {
	text string
	err  error
}

// Run reads in line by line and hands each line to handle as an update, one
// at a time and in order: a KindText update, or for "/tep PATH" and "/file
// PATH" a KindFile update whose File.ID is the path. Lines may end in CRLF;
// invalid UTF-8 is replaced; a line longer than 1 MiB is cut. A handler error
// prints a short apology and the session goes on. Run returns nil at the end
// of input, or ctx's error once ctx ends (a read already waiting on in is
// left to finish in the background). When in is a terminal, a "> " prompt
// is shown before each line.
func (c *Console) Run(ctx context.Context, in io.Reader, handle bot.HandlerFunc) error {
	interactive := isTerminal(in)
	lines := make(chan line)
	done := make(chan struct{})
	defer close(done)
	go readLines(in, lines, done)

	for {
		if interactive {
			c.write(promptText)
		}
		var l line
		select {
		case <-ctx.Done():
			return ctx.Err()
		case l = <-lines:
		}
		if l.err != nil {
			if errors.Is(l.err, io.EOF) {
				return nil
			}
			return fmt.Errorf("console: read input: %w", l.err)
		}
		u, ok := c.update(l.text)
		if !ok {
			continue
		}
		if err := handle(ctx, u); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			var b strings.Builder
			writeText(&b, errorNotice)
			c.write(b.String())
		}
	}
}

// readLines sends the lines of in, then the error that ended it, until
// done is closed.
func readLines(in io.Reader, out chan<- line, done <-chan struct{}) {
	br := bufio.NewReaderSize(in, 64<<10)
	for {
		text, err := readLine(br)
		if text != "" || (err == nil) {
			select {
			case out <- line{text: text}:
			case <-done:
				return
			}
		}
		if err != nil {
			select {
			case out <- line{err: err}:
			case <-done:
			}
			return
		}
	}
}

// readLine reads one line without its line ending, keeping at most maxLine
// bytes of it.
func readLine(br *bufio.Reader) (string, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf) < maxLine {
			buf = append(buf, chunk[:min(len(chunk), maxLine-len(buf))]...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		s := strings.TrimRight(string(buf), "\r\n")
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "�")
		}
		return s, err
	}
}

// update turns a typed line into an update; ok is false for a blank line or
// a file that cannot be read (which it reports).
func (c *Console) update(text string) (*bot.Update, bool) {
	if strings.TrimSpace(text) == "" {
		return nil, false
	}
	c.mu.Lock()
	c.nextUpd++
	id := strconv.Itoa(c.nextUpd)
	c.mu.Unlock()
	u := &bot.Update{
		ID:          id,
		Kind:        bot.KindText,
		Chat:        c.opts.User,
		Private:     true,
		UserID:      c.opts.User.ID,
		DisplayName: c.opts.DisplayName,
		MessageID:   id,
		Text:        text,
		At:          c.opts.Clock.Now(),
	}
	path, isFile := filePath(text)
	if !isFile {
		return u, true
	}
	fi, err := os.Stat(path)
	if err != nil || fi.IsDir() {
		var b strings.Builder
		writeText(&b, fmt.Sprintf("Không mở được tệp «%s». Hãy kiểm tra lại đường dẫn.", path))
		c.write(b.String())
		return nil, false
	}
	u.Kind = bot.KindFile
	u.Text = ""
	u.File = &bot.File{ID: path, Name: filepath.Base(path), MIME: mime.TypeByExtension(filepath.Ext(path)), Size: fi.Size()}
	return u, true
}

// filePath reads "/tep PATH" or "/file PATH" (quotes around PATH allowed).
func filePath(text string) (string, bool) {
	u := bot.Update{Kind: bot.KindText, Text: text}
	name, args, ok := u.Command()
	if !ok || (name != "tep" && name != "file") || args == "" {
		return "", false
	}
	if len(args) >= 2 && (args[0] == '"' || args[0] == '\'') && args[len(args)-1] == args[0] {
		args = args[1 : len(args)-1]
	}
	return args, true
}

// write prints s.
func (c *Console) write(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	io.WriteString(c.out, s)
}

// isTerminal reports whether in is a character device (a terminal).
func isTerminal(in io.Reader) bool {
	f, ok := in.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
