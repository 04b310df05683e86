package handlers

import (
	"slices"
	"strings"
	"testing"
)

func TestParseDone(t *testing.T) {
	for _, tc := range []struct {
		in    string
		tasks []string
		all   bool
		note  string
		ok    bool
	}{
		{"xong 5", []string{"5"}, false, "", true},
		{"Xong nv5", []string{"5"}, false, "", true},
		{"đã hoàn thành nhiệm vụ II.1.a: đã ban hành quy chế", []string{"II.1.a"}, false, "đã ban hành quy chế", true},
		{"bao cao hoan thanh 3 - gui kem bao cao", []string{"3"}, false, "gui kem bao cao", true},
		{"xong 2, 3", []string{"2", "3"}, false, "", true},
		{"xong 2 và 3", []string{"2", "3"}, false, "", true},
		{"Xong nv 2, nv 3 và 5: đã gửi báo cáo, kèm biểu mẫu", []string{"2", "3", "5"}, false, "đã gửi báo cáo, kèm biểu mẫu", true},
		{"xong 5, 12 bản kế hoạch đã gửi", []string{"5"}, false, "12 bản kế hoạch đã gửi", true},
		{"xong tất cả", nil, true, "", true},
		{"Đã hoàn thành hết các nhiệm vụ", nil, true, "", true},
		{"hoàn thành nhiệm vụ 5 khi nào?", nil, false, "", false},
		{"hạn hoàn thành nhiệm vụ 5", nil, false, "", false},
		{"xong", nil, false, "", false},
		{"nhiệm vụ 5 xong chưa", nil, false, "", false},
		{"xong 5 rồi mà sao vẫn nhắc", nil, false, "", false},
	} {
		d, ok := parseDone(tc.in)
		if ok != tc.ok || !slices.Equal(d.tasks, tc.tasks) || d.all != tc.all || d.note != tc.note {
			t.Errorf("parseDone(%q) = %+v, %v; want %q all=%v note %q, %v", tc.in, d, ok, tc.tasks, tc.all, tc.note, tc.ok)
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
