package knowledge

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// adversarialKinds are the kinds of lines a directive has, each made to
// repeat: numbered items repeating their IDs, sections with long headings,
// footnotes cited and defined, dates, assignees, markup, document numbers,
// recipients.
func adversarialKinds() []struct{ name, text string } {
	return []struct{ name, text string }{
		{"numbered", "1. Giao Phòng Nội vụ chủ trì, phối hợp UBND các xã, thị trấn hoàn thành trước ngày 15/3/2025.\n"},
		{"sections", "I. NHIỆM VỤ CỤ THỂ\n1. Về cải cách hành chính, " + strings.Repeat("tăng cường kỷ luật, kỷ cương hành chính ", 30) + "\na) Rà soát thủ tục;\nb) Báo cáo hằng tháng.\n"},
		{"footnotes", "1 Tại Kế hoạch số 147/KH-UBND ngày 16/4/2024 của UBND huyện về phát động thi đua.\n2. Triển khai phong trào thi đua1 nhằm nâng cao chỉ số.\n"},
		{"marks", "3. Thực hiện Kế hoạch<sup>1</sup> và Thông báo[^2] trước ngày 20 hằng tháng.\n<sup>1</sup> Kế hoạch số 12/KH-UBND.\n[^2]: Thông báo số 227/TB-UBND.\n"},
		{"dates", "trước ngày 15/3, chậm nhất ngày 30 tháng 6 năm 2025, hằng tháng, trong quý II năm 2025, 6 tháng đầu năm, trước năm 2026, ngày 12/5/2024 8 giờ 30 phút; "},
		{"assignees", "Giao Phòng Nội vụ, Phòng Tư pháp, Phòng Tài chính - Kế hoạch; - UBND các xã, thị trấn; đề nghị Công an huyện chủ trì, "},
		{"markup", "**2.** *Đẩy mạnh* _cải cách_ <b>hành chính</b> \\*x\\* | ô | bảng |\n|---|---|\n> trích dẫn\n- gạch đầu dòng\n"},
		{"numbers", "Công văn số 227/TB-UBND-VP ngày 25/5/2024, Quyết định 12/2024/QĐ-UBND, "},
		{"recipients", "Kính gửi: Phòng Nội vụ; UBND xã An Sơn; Nơi nhận: - Như trên; - Lưu: VT. KT. CHỦ TỊCH PHÓ CHỦ TỊCH\n"},
	}
}

// repeatTo repeats unit to size bytes of valid UTF-8.
func repeatTo(unit string, size int) string {
	s := strings.Repeat(unit, size/len(unit)+1)[:size]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}

// TestParseLargeInput parses, indexes and asks about large hostile texts:
// each kind of line repeated over 256 KB, all of them mixed over 2 MB, and
// all of them on one 2 MB line. Every step must stay near-linear in the
// text's size, so that a big or hostile file cannot stall the bot or the
// fuzzer: here linear work takes well under a second for 256 KB and a few
// seconds for 2 MB, where anything quadratic takes minutes.
func TestParseLargeInput(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	const head = "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 12/UBND-VP\n"
	type input struct {
		name, text string
		limit      time.Duration
	}
	var (
		inputs     []input
		mixed, one strings.Builder
	)
	for _, k := range adversarialKinds() {
		inputs = append(inputs, input{k.name, head + repeatTo(k.text, 256<<10), 5 * time.Second})
		mixed.WriteString(k.text)
		one.WriteString(strings.ReplaceAll(k.text, "\n", " "))
	}
	inputs = append(inputs,
		input{"mixed", head + repeatTo(mixed.String(), 2<<20), 20 * time.Second},
		input{"one line", head + repeatTo(one.String(), 2<<20), 20 * time.Second},
		input{"one word", head + repeatTo("Nâng", 2<<20), 20 * time.Second},
		input{"spaces", head + "1. trước" + strings.Repeat(" ", 2<<20) + "ngày 1/1/2025", 20 * time.Second})
	units := testUnits(t)
	p := NewParser(units, testGroups()...)
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			start := time.Now()
			d, err := p.ParseText(in.name+".md", in.text)
			if err != nil {
				t.Fatal(err)
			}
			parsed := time.Since(start)
			ix := NewIndex(units, testGroups()...)
			ix.Add(d)
			for _, q := range []string{"nhiệm vụ 1 hạn khi nào", "phòng nội vụ làm gì", "tăng cường kỷ luật hành chính", in.text[len(head) : len(head)+40]} {
				ix.Ask(Query{Text: q, Unit: "phong-noi-vu"})
			}
			FormatDirective(d, p.Resolver())
			total := time.Since(start)
			t.Logf("%d bytes, %d tasks: parse %v, with index, ask and format %v", len(in.text), len(d.Tasks),
				parsed.Round(time.Millisecond), total.Round(time.Millisecond))
			if total > in.limit {
				t.Errorf("%v for %d bytes, want under %v", total, len(in.text), in.limit)
			}
		})
	}
}
