package handlers

import (
	"context"
	"strings"
	"testing"
	"time"

	"chidao"
	"chidao/knowledge"
)

// scanReader reads text as a scan would come out: every page by OCR, with
// a signature stamp, telling its progress.
type scanReader struct{ signed time.Time }

func (s scanReader) Read(ctx context.Context, name string, data []byte, progress knowledge.Progress) (knowledge.Source, error) {
	src, err := textReader{}.Read(ctx, name+".md", data, nil) // the scan's text
	if progress != nil {
		progress(0, 2)
		progress(1, 2)
		progress(2, 2)
	}
	src.Reading = chidao.Reading{Format: "pdf", Pages: 2, OCRPages: []int{1, 2}}
	src.Signatures = []chidao.Signature{{By: "Ủy ban nhân dân huyện Văn Quan", At: s.signed}}
	return src, err
}

// A scan's handwritten number and day, unread: the preview says it was
// read by OCR and asks for them; the office types them; the directive is
// sent under them.
func TestScanAsksForItsNumberAndDay(t *testing.T) {
	r := newRig(t, "")
	r.h.reader = scanReader{signed: time.Date(2024, 6, 4, 9, 0, 0, 0, time.FixedZone("", 7*3600))}
	r.say(adminID, "/help")
	preview := r.upload(adminID, "scan.pdf", readFile(t, sample))
	mustContain(t, "scan preview", preview.Text, "Đã đọc bằng nhận dạng chữ 2 trang", "Không đọc được số và ngày ban hành",
		"16/UBND-NV 04/06/2024", "Công văn ký ngày 04/6/2024")
	sent, _ := r.out.to(adminID)
	progressed := false
	for _, m := range sent {
		progressed = progressed || strings.Contains(m.Text, "Đang đọc văn bản bằng nhận dạng chữ")
	}
	if !progressed {
		t.Error("no progress message while the scan was read")
	}
	if len(r.out.edits) == 0 {
		t.Error("the progress message was not edited page by page")
	}
	// A date after the signing day is refused.
	mustContain(t, "day after signing", r.say(adminID, "227/UBND-NV 10/06/2024").Text, "sau ngày ký số")
	again := r.say(adminID, "227/UBND-NV 03/06/2024")
	mustContain(t, "preview again", again.Text, "Công văn số 227/UBND-NV", "Ngày ban hành: 03/6/2024")
	if strings.Contains(again.Text, "Không đọc được số") {
		t.Errorf("still asks for the number:\n%s", again.Text)
	}
	_, ids := r.out.to(adminID)
	r.press(adminID, again, ids[len(ids)-1], "📤 Gửi")
	if _, err := r.db.Directive(context.Background(), "227-ubnd-nv-20240603"); err != nil {
		t.Errorf("the directive is not stored under the number and day typed: %v", err)
	}
}

// A secret document is refused with the reason and nothing is kept; a
// Tờ trình may be kept for questions, never sent.
func TestSecretAndNonDirectives(t *testing.T) {
	r := newRig(t, "")
	r.register("501", "xa-an-son")
	r.say(adminID, "/help")
	secret := strings.Replace(string(readFile(t, sample)), "Số: /UBND-NV", "Số: 12/UBND-NV\n\nMẬT", 1)
	m := r.upload(adminID, "mat.md", []byte(secret))
	mustContain(t, "secret", m.Text, "độ mật MẬT", "không được gửi hay lưu")
	if len(m.Buttons) != 0 {
		t.Errorf("a secret document offers buttons: %v", m.Buttons)
	}
	ttr := "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 5/TTr-UBND\n\nTỜ TRÌNH\nVề việc đề nghị phân bổ kinh phí\n\nKính gửi: Hội đồng nhân dân huyện\n\n" +
		"Căn cứ Luật Ngân sách nhà nước, UBND huyện kính trình HĐND huyện xem xét phân bổ 2 tỷ đồng cho chương trình chuyển đổi số.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
	m = r.upload(adminID, "totrinh.md", []byte(ttr))
	mustContain(t, "tờ trình", m.Text, "không phải văn bản chỉ đạo", "Lưu để tra cứu")
	for _, row := range m.Buttons {
		for _, b := range row {
			if strings.Contains(b.Text, "Gửi") {
				t.Errorf("a Tờ trình offers %q", b.Text)
			}
		}
	}
	_, ids := r.out.to(adminID)
	r.press(adminID, m, ids[len(ids)-1], "📥 Lưu để tra cứu")
	kept, _ := r.out.last(t, adminID)
	mustContain(t, "kept", kept.Text, "Đã lưu", "không gửi cho ai")
	ds, err := r.db.Directives(context.Background())
	if err != nil || len(ds) != 1 || ds[0].Kind != "Tờ trình" {
		t.Fatalf("stored %v, %v; want the Tờ trình alone", ds, err)
	}
	if dl, _ := r.db.Deliveries(context.Background(), ds[0].ID); len(dl) != 0 {
		t.Errorf("a Tờ trình was queued to %d members", len(dl))
	}
}

// An urgent directive says so in the preview and in every delivery.
func TestUrgentDirective(t *testing.T) {
	r := newRig(t, "")
	r.register("501", "xa-an-son")
	r.say(adminID, "/help")
	urgent := strings.Replace(string(readFile(t, sample)), "Số: /UBND-NV", "Số: 13/UBND-NV\n\nHỎA TỐC", 1)
	m := r.upload(adminID, "hoatoc.md", []byte(urgent))
	mustContain(t, "urgent preview", m.Text, "🔴 HỎA TỐC")
	_, ids := r.out.to(adminID)
	r.press(adminID, m, ids[len(ids)-1], "📤 Gửi")
	ds, _ := r.db.Directives(context.Background())
	if len(ds) != 1 {
		t.Fatalf("stored %d directives", len(ds))
	}
	dl, err := r.db.Deliveries(context.Background(), ds[0].ID)
	if err != nil || len(dl) == 0 {
		t.Fatalf("deliveries %v %v", dl, err)
	}
	msg, err := r.h.DeliveryMessage(context.Background(), dl[0])
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "urgent delivery", msg.Text, "🔴 HỎA TỐC — 📢 VĂN BẢN MỚI")
}
