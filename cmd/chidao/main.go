// Command chidao runs the chidao bot and its tools: the terminal demo,
// parsing and asking about directives, serving Telegram and Zalo, invites,
// broadcasts and reminders. It only parses flags and wires the packages
// together; what each command does lives in the packages.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"chidao/bot/telegram"
	"chidao/store"
)

// env is what a command may touch of the process: its streams and variables.
// Tests run commands with their own.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// errUsage marks a command line that could not be understood; main exits 2.
var errUsage = errors.New("usage")

func commands() []command {
	return []command{
		{"demo", "trò chuyện thử với bot trong cửa sổ dòng lệnh (không cần token, không cần máy chủ)", runDemo},
		{"parse", "đọc văn bản và in các nhiệm vụ: parse FILE… [--json]", runParse},
		{"ask", "hỏi về văn bản: ask [--doc FILE]… [--unit CODE] [--json] CÂU HỎI", runAsk},
		{"serve", "chạy bot (Telegram, Zalo), nhắc việc và HTTP: serve [--config FILE]", runServe},
		{"invite", "tạo mã mời: invite --unit CODE [--role head|admin]", runInvite},
		{"units", "liệt kê đơn vị: units [--json]", runUnits},
		{"import", "lưu văn bản vào kho tra cứu, không gửi: import FILE…", runImport},
		{"broadcast", "xem trước và gửi văn bản: broadcast FILE [--yes]", runBroadcast},
		{"reminders", "nhắc việc: reminders plan --at RFC3339 [--json] | reminders run [--at RFC3339]", runReminders},
		{"health", "kiểm tra máy chủ đang chạy (dùng cho Docker HEALTHCHECK)", runHealth},
	}
}

func main() {
	// The Telegram and Redis libraries each keep one logger for the process:
	// send their lines to JSON logs on stderr, once, before anything runs.
	libLog := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	store.BridgeLibraryLog(libLog)
	if err := telegram.BridgeLibraryLog(libLog); err != nil {
		fmt.Fprintln(os.Stderr, "chidao:", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}

// run runs one command line and returns the exit status: 0 on success, 1 when
// the command failed, 2 when the command line was wrong.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errUsage):
			fmt.Fprintf(e.stderr, "chidao %s: %v\n", c.name, err)
			return 2
		default:
			fmt.Fprintf(e.stderr, "chidao %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(e.stderr, "chidao: không có lệnh %q\n\n", args[0])
	usage(e.stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "chidao — đưa chỉ đạo của UBND đến đúng người, nhận xác nhận, trả lời câu hỏi, nhắc hạn.")
	fmt.Fprintln(w, "\nCách dùng: chidao LỆNH [tham số]")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
}
