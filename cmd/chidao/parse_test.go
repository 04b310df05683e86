package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const devDir = "../../knowledge/testdata/dev/"

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestParseJSON(t *testing.T) {
	code, out, errs := runCmd(t, "parse", devDir+"synthetic-kehoach-cds-2025.md", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var d map[string]any
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	for _, k := range []string{"id", "number", "issuer", "issued", "subject", "recipients", "units", "signer", "references", "tasks"} {
		if _, ok := d[k]; !ok {
			t.Errorf("missing %q", k)
		}
	}
	if d["id"] != "52-kh-ubnd-20250210" || d["issued"] != "2025-02-10" {
		t.Errorf("id %v issued %v", d["id"], d["issued"])
	}
	tasks := d["tasks"].([]any)
	t0 := tasks[2].(map[string]any)
	for _, k := range []string{"id", "text", "deadline", "deadline_kind", "deadline_text", "recurrence", "assignees", "assignee_units"} {
		if _, ok := t0[k]; !ok {
			t.Errorf("task missing %q", k)
		}
	}
	if t0["id"] != "II.1.a" || t0["deadline"] != "2025-03-15" || t0["deadline_kind"] != "before" {
		t.Errorf("task = %v", t0)
	}
	// Several files: an array; flags may come first.
	code, out, _ = runCmd(t, "parse", "--json", devDir+"vanquan-cchc-2024.md", devDir+"synthetic-kehoach-cds-2025.md")
	var arr []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &arr) != nil || len(arr) != 2 || arr[0]["number"] != "/UBND-NV" {
		t.Fatalf("exit %d, array of %d: %s", code, len(arr), out[:min(len(out), 200)])
	}
	// Without --json: what the bot shows.
	code, out, _ = runCmd(t, "parse", devDir+"vanquan-cchc-2024.md")
	if code != 0 || !strings.Contains(out, "Nhiệm vụ 5:") || !strings.Contains(out, "⏰ Hạn: trước ngày 07/6/2024") || !strings.Contains(out, "Triệu Đức Dũng") {
		t.Errorf("text output:\n%s", out)
	}
}

func TestParseBadInput(t *testing.T) {
	big := make([]byte, 50<<20)
	for i := range big {
		big[i] = 'a'
	}
	tests := []struct {
		name string
		file string
		data []byte
		msg  string
	}{
		{"empty", "a.md", nil, "rỗng"},
		{"binary", "a.txt", []byte{0x89, 'P', 'N', 'G', 0, 0, 1, 2, 3, 0}, "nhị phân"},
		{"50 MB", "a.md", big, "quá lớn"},
		{"broken docx", "a.docx", []byte("PK\x03\x04 broken"), ".docx bị hỏng"},
		{"invalid utf-8", "a.txt", []byte("Kính gửi: Ph\xf2ng N\xe9i v\xf9\n1. L\xe0m vi\xeac"), "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, tt.file, tt.data)
			for _, args := range [][]string{{"parse", p}, {"ask", "--doc", p, "nhiệm vụ 1"}} {
				code, out, errs := runCmd(t, args...)
				if code != 1 || !strings.Contains(errs, tt.msg) || out != "" {
					t.Errorf("%v: exit %d, stderr %q, stdout %q", args[0], code, errs, out)
				}
			}
		})
	}
	if code, _, _ := runCmd(t, "parse"); code != 2 {
		t.Errorf("parse without files: exit %d, want 2", code)
	}
	if code, _, errs := runCmd(t, "parse", "/no/such/file.md"); code != 1 || errs == "" {
		t.Errorf("missing file: exit %d %q", code, errs)
	}
}
