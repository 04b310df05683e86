package handlers

// Replies that do not depend on the request. Everything a person reads is
// Vietnamese; keep the tone polite and short (a unit head reads on a phone).
const (
	textRegisterHow = "Xin chào! Đây là chidao, trợ lý nhận và theo dõi văn bản chỉ đạo của UBND huyện.\n\n" +
		"Anh/chị chưa đăng ký. Để đăng ký, xin mã mời từ Văn phòng HĐND và UBND huyện, rồi gửi:\n" +
		"/start MÃ-MỜI\n(ví dụ: /start K7PX3QMV). Trên Zalo, chỉ cần gửi mã mời."
	textGroupChat         = "chidao chỉ làm việc trong tin nhắn riêng. Vui lòng nhắn riêng cho bot để đăng ký và nhận văn bản."
	textAdminOnly         = "Lệnh này chỉ dành cho cán bộ Văn phòng HĐND và UBND huyện."
	textStoreDownRegister = "Hệ thống đang bảo trì nên chưa đăng ký được lúc này. Vui lòng thử lại sau ít phút."
	textStoreDownWrite    = "Hệ thống đang bảo trì nên chưa ghi nhận được. Vui lòng thử lại sau ít phút."
	textInviteUnknown     = "Mã mời không đúng. Vui lòng kiểm tra lại mã (gồm 8 ký tự) hoặc xin mã mới từ Văn phòng."
	textInviteUsed        = "Mã mời này đã được dùng. Mỗi mã chỉ dùng được một lần; vui lòng xin mã mới từ Văn phòng."
	textInviteExpired     = "Mã mời này đã hết hạn. Vui lòng xin mã mới từ Văn phòng."
	textUnknownCommand    = "Tôi chưa hiểu lệnh này. Gõ /help để xem các lệnh, hoặc hỏi bằng lời thường, ví dụ \"nhiệm vụ 5 hạn khi nào?\"."
	textNonText           = "Tôi chỉ đọc được tin nhắn chữ và tệp văn bản (.docx, .pdf, .txt, .md). Gõ /help để xem hướng dẫn."
	textBadButton         = "Nút bấm này không hợp lệ hoặc đã cũ. Gõ /vanban để xem lại văn bản."
	textNoDirectives      = "Chưa có văn bản nào gửi đơn vị của anh/chị."
	textHelpHead          = "📖 Hướng dẫn dùng chidao\n\n" +
		"Hỏi về văn bản bằng lời thường, có dấu hay không dấu đều được, ví dụ:\n" +
		"• nhiệm vụ 5 hạn khi nào?\n• nv5\n• phòng nội vụ phải làm gì?\n• đơn vị tôi cần làm gì?\n• ai ký văn bản?\n\n" +
		"Lệnh:\n/vanban — các văn bản gửi đơn vị mình\n/nv 5 — xem nhiệm vụ số 5\n/huy — hủy thao tác đang dở\n/help — hướng dẫn này\n\n" +
		"Khi nhận văn bản: bấm \"✅ Đã nhận\" (hoặc gõ \"đã nhận\").\n" +
		"Khi làm xong một nhiệm vụ: bấm \"✔️ Báo cáo hoàn thành\" (hoặc gõ \"xong 5\", có thể kèm ghi chú: \"xong 5: đã ban hành KH số 12\")."
	textHelpAdmin = "Dành cho Văn phòng:\n" +
		"• Gửi tệp văn bản (.docx, .pdf, .txt, .md) cho bot để xem trước, rồi bấm \"📤 Gửi\".\n" +
		"/tinhhinh [số] — đơn vị nào đã nhận, chưa nhận\n/baocao [số] — tình hình thực hiện nhiệm vụ\n" +
		"/xuat [số] — tải tệp Excel tình hình\n/donvi — đơn vị và người đã đăng ký\n" +
		"/moi MÃ-ĐƠN-VỊ [admin] — tạo mã mời (ví dụ /moi xa-an-son)\n" +
		"/giahan SỐ NV ĐƠN-VỊ NGÀY — gia hạn một nhiệm vụ cho một đơn vị (ví dụ /giahan 227 5 xa-an-son 20/6/2024)\n" +
		"/tatnhac ĐƠN-VỊ|SỐ-VĂN-BẢN [số ngày] — tạm dừng nhắc việc; /batnhac để bật lại\n" +
		"Trả lại báo cáo chưa đạt: bấm \"↩️ Trả lại\" dưới báo cáo của đơn vị."
)
