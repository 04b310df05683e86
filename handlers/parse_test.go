package handlers

import (
	"strings"
	"testing"
)

func TestParseDone(t *testing.T) {
	for _, tc := range []struct {
		in, task, note string
		ok             bool
	}{
		{"xong 5", "5", "", true},
		{"Xong nv5", "5", "", true},
		{"đã hoàn thành nhiệm vụ II.1.a: đã ban hành quy chế", "II.1.a", "đã ban hành quy chế", true},
		{"bao cao hoan thanh 3 - gui kem bao cao", "3", "gui kem bao cao", true},
		{"hoàn thành nhiệm vụ 5 khi nào?", "", "", false},
		{"hạn hoàn thành nhiệm vụ 5", "", "", false},
		{"xong", "", "", false},
		{"nhiệm vụ 5 xong chưa", "", "", false},
	} {
		task, note, ok := parseDone(tc.in)
		if ok != tc.ok || task != tc.task || note != tc.note {
			t.Errorf("parseDone(%q) = %q, %q, %v; want %q, %q, %v", tc.in, task, note, ok, tc.task, tc.note, tc.ok)
		}
	}
}

func TestLooksLikeInvite(t *testing.T) {
	for in, want := range map[string]bool{
		"K7PX3QMV": true, "k7px-3qmv": true, "Mã mời K7PX3QMV": true, "ABCDEFGH": true,
		"xin chao": false, "xinchao": false, "nv5": false, "nhiệm vụ 5": false, "K7PX3QMV?": false,
	} {
		if got := looksLikeInvite(in); got != want {
			t.Errorf("looksLikeInvite(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestLooksLikeQuestion(t *testing.T) {
	for in, want := range map[string]bool{
		"đơn vị tôi phải làm gì": true, "nv 5": true, "han khi nao": true, "ai ký?": true,
		"Đã ban hành Kế hoạch số 12/KH-UBND": false, "gửi kèm báo cáo kết quả": false,
	} {
		if got := looksLikeQuestion(in); got != want {
			t.Errorf("looksLikeQuestion(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestCodec(t *testing.T) {
	c := codec{secret: []byte("0123456789abcdef")}
	data, err := c.encode(actDone, shortKey("227-tb-ubnd-2024"), "II.1.a", "2025-03")
	if err != nil || len(data) > maxCBBytes {
		t.Fatalf("encode = %q (%d bytes), %v", data, len(data), err)
	}
	act, args, err := c.decode(data)
	if err != nil || act != actDone || strings.Join(args, ",") != shortKey("227-tb-ubnd-2024")+",II.1.a,2025-03" {
		t.Errorf("decode = %q %q %v", act, args, err)
	}
	other := codec{secret: []byte("another secret!!")}
	if _, _, err := other.decode(data); err == nil {
		t.Error("data signed with another secret was accepted")
	}
	if _, _, err := c.decode(strings.Replace(data, "II.1.a", "II.1.b", 1)); err == nil {
		t.Error("altered data was accepted")
	}
	if _, err := c.encode(actDone, strings.Repeat("x", 60)); err == nil {
		t.Error("an over-long button was encoded")
	}
}
