package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestAsk(t *testing.T) {
	vq := devDir + "vanquan-cchc-2024.md"
	kh := devDir + "synthetic-kehoach-cds-2025.md"
	tests := []struct {
		name      string
		args      []string
		directive string
		items     []string
		deadline  any
		found     bool
		contains  string
	}{
		{"task", []string{"--doc", vq, "--json", "Nhiệm vụ 5 là gì?"}, "cong-van-2024-c5d2e4", []string{"5"}, "2024-06-07", true, "trước ngày 07/6/2024"},
		{"flags after", []string{"nv3", "--json", "--doc", vq}, "cong-van-2024-c5d2e4", []string{"3"}, nil, true, "Nhiệm vụ 3"},
		{"refused", []string{"--doc", vq, "--json", "Lương cán bộ xã năm nay tăng bao nhiêu?"}, "cong-van-2024-c5d2e4", []string{}, nil, false, "không đề cập"},
		{"beyond", []string{"--doc", vq, "--json", "nhiệm vụ 9"}, "cong-van-2024-c5d2e4", []string{}, nil, false, "chỉ có 7 nhiệm vụ"},
		{"my unit", []string{"--doc", kh, "--unit", "phong-tai-chinh-ke-hoach", "--json", "đơn vị tôi phải làm gì"}, "52-kh-ubnd-20250210", []string{"III.2"}, "2025-03-31", true, "Phòng Tài chính - Kế hoạch"},
		{"names the directive", []string{"--doc", vq, "--doc", kh, "--json", "kế hoạch 52 vùng lõm sóng"}, "52-kh-ubnd-20250210", []string{"II.2.a"}, "2025-04-30", true, "Kế hoạch số 52/KH-UBND"},
		{"best match", []string{"--doc", vq, "--doc", kh, "--json", "mo hinh chuyen giao cho buu dien"}, "cong-van-2024-c5d2e4", []string{"7"}, nil, true, "Bưu điện"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCmd(t, append([]string{"ask"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var got struct {
				Directive string   `json:"directive"`
				Items     []string `json:"items"`
				Deadline  any      `json:"deadline"`
				Units     []string `json:"units"`
				Found     bool     `json:"found"`
				Answer    string   `json:"answer"`
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			if got.Directive != tt.directive || got.Found != tt.found || got.Deadline != tt.deadline ||
				strings.Join(got.Items[:min(len(got.Items), len(tt.items))], ",") != strings.Join(tt.items, ",") || (len(tt.items) == 0 && len(got.Items) != 0) {
				t.Errorf("got %+v", got)
			}
			if !strings.Contains(got.Answer, tt.contains) || got.Units == nil {
				t.Errorf("answer %q lacks %q (units %v)", got.Answer, tt.contains, got.Units)
			}
		})
	}
}

func TestAskText(t *testing.T) {
	code, out, _ := runCmd(t, "ask", "--doc", devDir+"vanquan-cchc-2024.md", "Ai ký văn bản này?")
	if code != 0 || !strings.Contains(out, "Triệu Đức Dũng") || strings.HasPrefix(out, "{") {
		t.Errorf("exit %d: %s", code, out)
	}
}

func TestAskUsage(t *testing.T) {
	if code, _, errs := runCmd(t, "ask", "--doc", devDir+"vanquan-cchc-2024.md"); code != 2 || !strings.Contains(errs, "thiếu câu hỏi") {
		t.Errorf("no question: exit %d %q", code, errs)
	}
	if code, _, errs := runCmd(t, "ask", "--doc", devDir+"vanquan-cchc-2024.md", "--unit", "phong-khong-co", "x"); code != 1 || !strings.Contains(errs, "phong-khong-co") {
		t.Errorf("unknown unit: exit %d %q", code, errs)
	}
	if code, _, _ := runCmd(t, "ask", "--doc"); code != 2 {
		t.Errorf("--doc without a value: exit %d", code)
	}
}
