package main

import (
	"strings"
	"testing"
)

// TestDemoPiped is the first of the README's two commands: the demo reads
// standard input line by line, so it works piped, and ends with status 0 at
// the end of input.
func TestDemoPiped(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  []string
		input string
		want  []string
	}{
		{"head", nil, "1\nnv5\n/help\nđơn vị tôi phải làm gì\n",
			[]string{"VĂN BẢN MỚI", "1. ✅ Đã nhận", "07/6/2024", "Hướng dẫn dùng chidao", "Cảm ơn anh/chị", "Tạm biệt"}},
		{"office", []string{"--admin"}, "/tep ../../configs/directives/synthetic-kehoach-cds-2025.md\n1\n/tinhhinh\n",
			[]string{"XEM TRƯỚC", "52/KH-UBND", "📤 Gửi", "Đã đưa", "Tình hình nhận"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut syncBuffer
			e := &env{stdin: strings.NewReader(tc.input), stdout: &out, stderr: &errOut,
				getenv: func(string) string { return "" }}
			if code := run(t.Context(), e, append([]string{"demo"}, tc.args...)); code != 0 {
				t.Fatalf("demo exited %d: %s", code, errOut.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("demo output lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
}
