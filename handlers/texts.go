package handlers

import (
	"strings"

	"chidao"
)

// Replies that do not depend on the request. Everything a person reads is
// Vietnamese; keep the tone polite and short (a unit head reads on a phone).
const (
	textGroupChat         = "chidao chỉ làm việc trong tin nhắn riêng. Vui lòng nhắn riêng cho bot để đăng ký và nhận văn bản."
	textStoreDownRegister = "Hệ thống đang bảo trì nên chưa đăng ký được lúc này. Vui lòng thử lại sau ít phút."
	textStoreDownWrite    = "Hệ thống đang bảo trì nên chưa ghi nhận được. Vui lòng thử lại sau ít phút."
	textInviteUnknown     = "Mã mời không đúng. Vui lòng kiểm tra lại mã (gồm 8 ký tự) hoặc xin mã mới từ Văn phòng."
	textInviteUsed        = "Mã mời này đã được dùng. Mỗi mã chỉ dùng được một lần; vui lòng xin mã mới từ Văn phòng."
	textInviteExpired     = "Mã mời này đã hết hạn. Vui lòng xin mã mới từ Văn phòng."
	textUnknownCommand    = "Tôi chưa hiểu lệnh này. Gõ /help để xem các lệnh, hoặc hỏi bằng lời thường, ví dụ \"nhiệm vụ 5 hạn khi nào?\"."
	textNonText           = "Tôi chỉ đọc được tin nhắn chữ và tệp văn bản (.docx, .pdf, .txt, .md). Gõ /help để xem hướng dẫn."
	textBadButton         = "Nút bấm này không hợp lệ hoặc đã cũ. Gõ /vanban để xem lại văn bản."
	textNoDirectives      = "Chưa có văn bản nào gửi đơn vị của anh/chị."
)

// The replies that name the office or give examples from the unit list:
// every level (tỉnh, xã, a district of before 2025) reads its own.

func (h *Handlers) textRegisterHow() string {
	o := h.opt.Office
	return "Xin chào! Đây là chidao, trợ lý nhận và theo dõi văn bản chỉ đạo của " + o.Committee + ".\n\n" +
		"Anh/chị chưa đăng ký. Để đăng ký, xin mã mời từ " + o.Short + ", rồi gửi:\n" +
		"/start MÃ-MỜI\n(ví dụ: /start K7PX3QMV). Trên Zalo, chỉ cần gửi mã mời."
}

func (h *Handlers) textAdminOnly() string {
	return "Lệnh này chỉ dành cho cán bộ " + h.opt.Office.Short + "."
}

func (h *Handlers) textHelpHead() string {
	return "📖 Hướng dẫn dùng chidao\n\n" +
		"Hỏi về văn bản bằng lời thường, có dấu hay không dấu đều được, ví dụ:\n" +
		"• nhiệm vụ 5 hạn khi nào?\n• nv5\n• " + strings.ToLower(h.exampleBody().Name) + " phải làm gì?\n• đơn vị tôi cần làm gì?\n• ai ký văn bản?\n\n" +
		"Lệnh:\n/vanban — các văn bản gửi đơn vị mình\n/nv 5 — xem nhiệm vụ số 5\n/huy — hủy thao tác đang dở\n/help — hướng dẫn này\n\n" +
		"Khi nhận văn bản: bấm \"✅ Đã nhận\" (hoặc gõ \"đã nhận\").\n" +
		"Khi làm xong một nhiệm vụ: bấm \"✔️ Báo cáo hoàn thành\" (hoặc gõ \"xong 5\", có thể kèm ghi chú: \"xong 5: đã ban hành KH số 12\")."
}

func (h *Handlers) textHelpAdmin() string {
	code := h.exampleUnit().Code
	return "Dành cho " + h.opt.Office.Short + ":\n" +
		"• Gửi tệp văn bản (.docx, .pdf, .txt, .md) cho bot để xem trước, rồi bấm \"📤 Gửi\".\n" +
		"/tinhhinh [số] — đơn vị nào đã nhận, chưa nhận\n/baocao [số] — tình hình thực hiện nhiệm vụ\n" +
		"/xuat [số] — tải tệp Excel tình hình\n/donvi — đơn vị và người đã đăng ký\n" +
		"/moi MÃ-ĐƠN-VỊ [admin] — tạo mã mời (ví dụ /moi " + code + ")\n" +
		"/giahan SỐ NV ĐƠN-VỊ NGÀY — gia hạn một nhiệm vụ cho một đơn vị (ví dụ /giahan " + h.exampleDirective() + " 5 " + code + " 20/6/2024)\n" +
		"/tatnhac ĐƠN-VỊ|SỐ-VĂN-BẢN [số ngày] — tạm dừng nhắc việc; /batnhac để bật lại\n" +
		"Trả lại báo cáo chưa đạt: bấm \"↩️ Trả lại\" dưới báo cáo của đơn vị."
}

// exampleUnit is the unit the office's examples name: the first current
// commune-level unit, else the first current unit that is not the office.
func (h *Handlers) exampleUnit() chidao.Unit {
	return h.firstUnit(chidao.KindXa, chidao.KindPhuong, chidao.KindDacKhu, chidao.KindThiTran, chidao.KindThon, chidao.KindToDanPho)
}

// exampleBody is the body a head's example question names: a department
// ("Sở Nội vụ", "Phòng Kinh tế") when the list has one.
func (h *Handlers) exampleBody() chidao.Unit {
	return h.firstUnit(chidao.KindSo, chidao.KindPhong, chidao.KindBanNganh, chidao.KindTrungTam)
}

// firstUnit returns the first current unit of the first kind the list has,
// else the first current unit that is not the office.
func (h *Handlers) firstUnit(kinds ...chidao.UnitKind) chidao.Unit {
	if u, ok := chidao.FirstOfKinds(h.opt.Units, kinds...); ok {
		return u
	}
	for _, u := range h.opt.Units {
		if u.Kind != chidao.KindVanPhong && u.Current() {
			return u
		}
	}
	return h.opt.Units[0]
}
