package knowledge

import "regexp"

var (
	kindNumRe = regexp.MustCompile(`/(KH|TB|QĐ|QD|CT|BC|TTr|HD|NQ|KL|CĐ|GM)\b`)
)

// kinds maps the folded heading of a document type to its name.
func kindOfHeading(folded string) string {
	switch folded {
	case "ke hoach":
		return "Kế hoạch"
	case "thong bao":
		return "Thông báo"
	case "quyet dinh":
		return "Quyết định"
	case "chi thi":
		return "Chỉ thị"
	case "bao cao":
		return "Báo cáo"
	case "to trinh":
		return "Tờ trình"
	case "cong van":
		return "Công văn"
	case "huong dan":
		return "Hướng dẫn"
	case "nghi quyet":
		return "Nghị quyết"
	case "ket luan":
		return "Kết luận"
	case "giay moi":
		return "Giấy mời"
	case "cong dien":
		return "Công điện"
	}
	return ""
}

func kindOfNumber(code string) string {
	switch code {
	case "KH":
		return "Kế hoạch"
	case "TB":
		return "Thông báo"
	case "QĐ", "QD":
		return "Quyết định"
	case "CT":
		return "Chỉ thị"
	case "BC":
		return "Báo cáo"
	case "TTr":
		return "Tờ trình"
	case "HD":
		return "Hướng dẫn"
	case "NQ":
		return "Nghị quyết"
	case "KL":
		return "Kết luận"
	case "CĐ":
		return "Công điện"
	case "GM":
		return "Giấy mời"
	}
	return ""
}
