package knowledge

import (
	"strings"
	"testing"
)

// TestAskedFigure: the number a question asks for, and the words that
// only look like a count ("nhà máy", "bao giờ").
func TestAskedFigure(t *testing.T) {
	tests := []struct {
		q    string
		kind figureKind
		noun string
	}{
		{"Vốn đầu tư nhà máy là bao nhiêu tỷ đồng?", figMoney, ""},
		{"Tổng mức đầu tư tuyến đường là bao nhiêu tiền?", figMoney, ""},
		{"giảm còn bao nhiêu phần trăm", figPercent, ""},
		{"Số điện thoại đường dây nóng là số nào?", figPhone, ""},
		{"Đoàn kiểm tra có bao nhiêu thành viên?", figCount, "thanh vien"},
		{"Phường có mấy khu vực bỏ phiếu?", figCount, "khu vuc"},
		{"được cấp bao nhiêu phao quây dầu", figCount, "phao quay"},
		{"nha may dat o xa nao", figNone, ""},
		{"bao giờ phải xong", figNone, ""},
		{"nhiệm vụ 5 hạn khi nào", figNone, ""},
	}
	for _, tt := range tests {
		fg := askedFigure(foldedWords(tt.q), nil)
		if fg.kind != tt.kind || fg.noun != tt.noun {
			t.Errorf("%q: figure %+v, want %d %q", tt.q, fg, tt.kind, tt.noun)
		}
	}
}

// TestFigureStated: a text states a count when a number stands before
// the things counted, in figures or in words.
func TestFigureStated(t *testing.T) {
	tests := []struct {
		fg   figure
		text string
		want bool
	}{
		{figure{kind: figCount, noun: "thanh vien"}, "Đoàn kiểm tra gồm 05 (năm) thành viên", true},
		{figure{kind: figCount, noun: "thanh vien"}, "Đoàn kiểm tra gồm bảy thành viên", true},
		{figure{kind: figCount, noun: "thanh vien"}, "Các thành viên Đoàn kiểm tra do Trưởng đoàn phân công", false},
		{figure{kind: figCount, noun: "khu vuc"}, "Phường có 12 khu vực bỏ phiếu", true},
		{figure{kind: figCount, noun: "nguoi"}, "bảo đảm có ít nhất là 55 cử tri tham dự", true},
		{figure{kind: figPhone}, "Đường dây nóng: 0205.3870.123", true},
		{figure{kind: figPhone}, "Đường dây nóng của UBND xã", false},
		{figure{kind: figMoney}, "kinh phí 2,5 tỷ đồng", true},
	}
	for _, tt := range tests {
		if got := tt.fg.statedIn(Fold(tt.text)); got != tt.want {
			t.Errorf("%+v in %q: %v, want %v", tt.fg, tt.text, got, tt.want)
		}
	}
}

// TestFigureNotStated: a count the text does not state is refused, the
// task nearest it offered as such; one it states is answered.
func TestFigureNotStated(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	ix := NewIndex(testUnits(t), testGroups()...)
	d, err := p.ParseText("x.txt", "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 21/KH-UBND\n\nKẾ HOẠCH\nKiểm tra công vụ\n\n"+
		"1. Thành lập Đoàn kiểm tra công vụ do Phó Chủ tịch UBND huyện làm Trưởng đoàn; Phòng Nội vụ là thường trực.\n\n"+
		"2. Phòng Nội vụ kiểm tra 12 xã, thị trấn trước ngày 30/11/2025.\n")
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(d); err != nil {
		t.Fatal(err)
	}
	a := ix.Ask(Query{Text: "Đoàn kiểm tra công vụ có bao nhiêu thành viên?"})
	if a.Found || !strings.Contains(a.Text, "không ghi con số này") || !strings.Contains(a.Text, "Gần nhất trong văn bản (không phải câu trả lời): “Thành lập Đoàn") {
		t.Errorf("count not stated: found=%v\n%s", a.Found, a.Text)
	}
	if a := ix.Ask(Query{Text: "Phòng Nội vụ kiểm tra bao nhiêu xã?"}); !a.Found || !strings.Contains(a.Text, "12 xã") {
		t.Errorf("count stated: found=%v\n%s", a.Found, a.Text)
	}
	// "bồn" (a tank) typed with its marks is no "bốn" (four): the count of
	// tanks is asked, and the text does not give it.
	d3, _ := p.ParseText("z.txt", "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 22/KH-UBND\n\nKẾ HOẠCH\nKiểm tra an toàn\n\n"+
		"1. Phòng Kinh tế và Hạ tầng kiểm tra các bồn chứa xăng dầu trên địa bàn trước ngày 30/11/2025.\n\n2. UBND các xã báo cáo kết quả.\n")
	ix3 := NewIndex(testUnits(t), testGroups()...)
	if err := ix3.Add(d3); err != nil {
		t.Fatal(err)
	}
	if a := ix3.Ask(Query{Text: "kiểm tra bao nhiêu bồn chứa xăng dầu?"}); a.Found || !strings.Contains(a.Text, "không ghi con số này") {
		t.Errorf("a count of tanks not stated: found=%v\n%s", a.Found, a.Text)
	}
}

// TestPhoneAsked: a telephone number asked is found where the text gives
// one, abbreviated or not; a text giving none is said to.
func TestPhoneAsked(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	ix := NewIndex(testUnits(t), testGroups()...)
	d, err := p.ParseText("x.txt", "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 31/UBND-NV\nV/v góp ý dự thảo\n\nKính gửi: Phòng Nội vụ.\n\n"+
		"Đề nghị các cơ quan góp ý dự thảo, gửi về Phòng Nội vụ (ĐT 0205.3830.123; Email: pnv@langson.gov.vn) trước ngày 09/01/2026./.\n")
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(d); err != nil {
		t.Fatal(err)
	}
	if a := ix.Ask(Query{Text: "số điện thoại liên hệ"}); !a.Found || !strings.Contains(a.Text, "0205.3830.123") || strings.Contains(a.Text, "Email") {
		t.Errorf("phone: found=%v\n%s", a.Found, a.Text)
	}
	d2, _ := p.ParseText("y.txt", "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 32/UBND-NV\nV/v góp ý\n\nKính gửi: Phòng Nội vụ.\n\nĐề nghị Phòng Nội vụ góp ý dự thảo trước ngày 09/01/2026./.\n")
	ix2 := NewIndex(testUnits(t), testGroups()...)
	if err := ix2.Add(d2); err != nil {
		t.Fatal(err)
	}
	if a := ix2.Ask(Query{Text: "số điện thoại đường dây nóng là số nào"}); a.Found {
		t.Errorf("no phone in the text, yet: %s", a.Text)
	}
}

// TestPlaceAsked: "ở đâu" is answered by the task that states a place,
// not the one that repeats the question's words without one; "về đâu"
// asks for a body, not a place; a text stating no place is said to.
func TestPlaceAsked(t *testing.T) {
	ix := textIndex(t, "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 41/TB-UBND\n\nTHÔNG BÁO\nLịch tiếp công dân\n\n"+
		"1. Tiếp công dân định kỳ vào ngày 10 hằng tháng.\n- Địa điểm: Trụ sở Tiếp công dân huyện, số 12 đường Lê Lợi.\n\n"+
		"2. Công dân có nhu cầu đăng ký tiếp dân thì liên hệ Ban Tiếp công dân huyện.\n")
	for _, q := range []string{"tiếp dân ở đâu", "tiep dan o dau", "địa điểm tiếp công dân"} {
		if a := ix.Ask(Query{Text: q}); !a.Found || a.Items[0] != "1" || !strings.Contains(a.Text, "số 12 đường Lê Lợi") {
			t.Errorf("%q: found=%v items=%v\n%s", q, a.Found, a.Items, a.Text)
		}
	}
	ix2 := textIndex(t, "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 42/TB-UBND\n\nTHÔNG BÁO\nHọp giao ban\n\n1. Các phòng chuyên môn dự họp giao ban tháng 12 vào ngày 05/12/2025.\n")
	if a := ix2.Ask(Query{Text: "họp giao ban ở đâu"}); a.Found || !strings.Contains(a.Text, "không ghi địa điểm") {
		t.Errorf("no place stated: found=%v\n%s", a.Found, a.Text)
	}
}

// TestClockAsked: "mấy giờ" needs a time of day in the answer.
func TestClockAsked(t *testing.T) {
	ix := textIndex(t, "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 43/TB-UBND\n\nTHÔNG BÁO\nLịch tiếp công dân\n\n"+
		"1. Chủ tịch UBND huyện tiếp công dân vào thứ Năm hằng tuần.\n\n2. Buổi sáng từ 7 giờ 30, buổi chiều từ 14h00 tại Trụ sở Tiếp công dân.\n")
	if a := ix.Ask(Query{Text: "buổi sáng bắt đầu lúc mấy giờ"}); !a.Found || !strings.Contains(a.Text, "7 giờ 30") {
		t.Errorf("clock stated: found=%v\n%s", a.Found, a.Text)
	}
	ix2 := textIndex(t, "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 44/TB-UBND\n\nTHÔNG BÁO\nLịch tiếp công dân\n\n1. Chủ tịch UBND huyện tiếp công dân vào thứ Năm hằng tuần.\n")
	if a := ix2.Ask(Query{Text: "Chủ tịch tiếp công dân lúc mấy giờ"}); a.Found || !strings.Contains(a.Text, "không ghi giờ") {
		t.Errorf("no clock stated: found=%v\n%s", a.Found, a.Text)
	}
}
