package files

import (
	"bytes"
	"chidao/knowledge"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"syscall"
	"time"
)

// The errors of reading, knowledge's so that its consumers need not know
// this package.
var (
	ErrMissingTool = knowledge.ErrMissingTool
	ErrTimeout     = knowledge.ErrTimeout
)

// tool is one external program and the Debian package that has it.
type tool struct {
	name, pkg string
	path      string // "" when not installed
}

// missing is the error for a file that needs t when it is not installed.
func (t tool) missing(what string) error {
	return fmt.Errorf("%w: để đọc %s cần gói %s (apt-get install %s); hãy báo cán bộ kỹ thuật", ErrMissingTool, what, t.pkg, t.pkg)
}

// lookTools finds the programs on PATH.
func lookTools() map[string]*tool {
	ts := map[string]*tool{}
	for _, t := range []tool{
		{name: "pdfinfo", pkg: "poppler-utils"}, {name: "pdftotext", pkg: "poppler-utils"},
		{name: "pdftoppm", pkg: "poppler-utils"}, {name: "tesseract", pkg: "tesseract-ocr tesseract-ocr-vie"},
		{name: "soffice", pkg: "libreoffice-writer-nogui"},
	} {
		if p, err := exec.LookPath(t.name); err == nil {
			t.path = p
		}
		ts[t.name] = &t
	}
	return ts
}

// run runs a program with stdin, under ctx and a time limit, with its
// address space limited to memMB megabytes (0: no limit) and its output
// cut at maxOut bytes (an error). The program and any it starts are killed
// when ctx ends.
func run(ctx context.Context, t *tool, stdin []byte, limit time.Duration, memMB, maxOut int, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	var cmd *exec.Cmd
	if memMB > 0 {
		// ulimit -v is in KiB; exec keeps the program's own PID.
		script := "ulimit -v " + strconv.Itoa(memMB*1024) + ` && exec "$@"`
		cmd = exec.CommandContext(ctx, "/bin/sh", append([]string{"-c", script, "sh", t.path}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, t.path, args...)
	}
	cmd.Env = []string{"OMP_THREAD_LIMIT=1", "LC_ALL=C.UTF-8", "PATH=/usr/bin:/bin"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 2 * time.Second
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	out := &capped{max: maxOut, stop: cancel}
	stderr := &capped{max: 4 << 10}
	cmd.Stdout, cmd.Stderr = out, stderr
	err := cmd.Run()
	switch {
	case out.over:
		return nil, fmt.Errorf("%s: output over %d bytes", t.name, maxOut)
	case err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, fmt.Errorf("%s: %w (%v)", t.name, ErrTimeout, limit)
	case err != nil && ctx.Err() != nil:
		return nil, fmt.Errorf("%s: %w", t.name, ctx.Err())
	case err != nil:
		return nil, fmt.Errorf("%s: %w: %s", t.name, err, bytes.TrimSpace(stderr.b.Bytes()))
	}
	return out.b.Bytes(), nil
}

// capped keeps up to max bytes written to it; past them it notes the
// overflow, stops the program (stop, when set) and drops the rest.
type capped struct {
	b    bytes.Buffer
	max  int
	over bool
	stop func()
}

func (c *capped) Write(p []byte) (int, error) {
	if c.over || c.b.Len()+len(p) > c.max {
		if !c.over && c.stop != nil {
			c.stop()
		}
		c.over = true
		return len(p), nil
	}
	return c.b.Write(p)
}
