package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An office importing a folder of old directives gets the good ones stored
// even when one file is not a directive, is told which one was skipped,
// and the command fails so that a script notices.
func TestImportSkipsFilesThatAreNotDirectives(t *testing.T) {
	h := newHarness(t, nil)
	dir := t.TempDir()
	notes := filepath.Join(dir, "ghi-chu.txt")
	if err := os.WriteFile(notes, []byte("Danh sách đi chợ\n- 2 kg gạo\n- rau muống\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, code := h.cli("import", notes, sampleDirective, filepath.Join(dir, "khong-co.docx"))
	if code == 0 {
		t.Fatalf("import exited 0 with two bad files:\n%s", out)
	}
	for _, want := range []string{"Đã lưu", "Bỏ qua " + notes, "không lưu được 2/3 tệp: ghi-chu.txt, khong-co.docx"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	answer, code := h.cli("ask", "--json", "nv5")
	if code != 0 || !strings.Contains(answer, `"deadline":"2024-06-07"`) {
		t.Errorf("the good file was not stored: ask exit %d: %s", code, answer)
	}
}
