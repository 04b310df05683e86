package knowledge

import "strings"

// expandAbbrev returns the words an abbreviation stands for, or nil. Both
// directives and questions are indexed with abbreviations expanded, so that
// "cchc" finds "cải cách hành chính" and the other way round.
func expandAbbrev(w string) []string {
	var s string
	switch w {
	case "cchc":
		s = "cai cach hanh chinh"
	case "tthc":
		s = "thu tuc hanh chinh"
	case "ubnd":
		s = "uy ban nhan dan"
	case "hdnd":
		s = "hoi dong nhan dan"
	case "cds":
		s = "chuyen doi so"
	case "cbcc":
		s = "can bo cong chuc"
	case "cbccvc":
		s = "can bo cong chuc vien chuc"
	case "ccvc":
		s = "cong chuc vien chuc"
	case "bcd":
		s = "ban chi dao"
	case "mttq":
		s = "mat tran to quoc"
	case "dvc":
		s = "dich vu cong"
	case "csdl":
		s = "co so du lieu"
	case "cntt":
		s = "cong nghe thong tin"
	case "attt":
		s = "an toan thong tin"
	case "antt":
		s = "an ninh trat tu"
	case "pccc":
		s = "phong chay chua chay"
	case "ntm":
		s = "nong thon moi"
	case "gpmb":
		s = "giai phong mat bang"
	case "ptnt":
		s = "phat trien nong thon"
	case "tnmt":
		s = "tai nguyen moi truong"
	case "gddt":
		s = "giao duc dao tao"
	case "vhtt":
		s = "van hoa thong tin"
	case "tckh":
		s = "tai chinh ke hoach"
	case "ldtbxh":
		s = "lao dong thuong binh xa hoi"
	case "ktht":
		s = "kinh te ha tang"
	case "hcc":
		s = "hanh chinh cong"
	case "qlvb":
		s = "quan ly van ban"
	case "bhxh":
		s = "bao hiem xa hoi"
	case "bhyt":
		s = "bao hiem y te"
	case "ktxh", "kt-xh":
		s = "kinh te xa hoi"
	case "vp":
		s = "van phong"
	case "qd":
		s = "quyet dinh"
	case "tp":
		s = "thanh pho"
	case "ptth":
		s = "phat thanh truyen hinh"
	case "tx":
		s = "thi xa"
	default:
		return nil
	}
	return strings.Fields(s)
}

// expandQueryAbbrev also expands what people type but directives do not
// write: "nv" (nhiệm vụ), "kh" (kế hoạch), "cv" (công văn), "tb" (thông báo).
func expandQueryAbbrev(w string) []string {
	switch w {
	case "kh":
		return []string{"ke", "hoach"}
	case "cv":
		return []string{"cong", "van"}
	case "tb":
		return []string{"thong", "bao"}
	case "vb":
		return []string{"van", "ban"}
	case "ct":
		return []string{"chu", "tich"}
	case "cq":
		return []string{"co", "quan"}
	case "dv":
		return []string{"don", "vi"}
	}
	return expandAbbrev(w)
}

// isStop reports whether a folded word carries no content in a question.
// Words whose folded form is also a content word ("may": mấy/máy, "dau":
// đâu/đầu, "ban": bạn/bản) are not stop words.
func isStop(w string) bool {
	switch w {
	case "la", "gi", "cua", "va", "cac", "nhung", "cho", "voi", "duoc", "co", "khong", "trong", "ve", "theo",
		"de", "nay", "do", "thi", "ma", "o", "tai", "khi", "nao", "bao", "gio", "ai", "lam", "phai", "noi",
		"hoi", "nhu", "the", "vay", "a", "ah", "nhe", "oi", "ra", "sao", "giup", "toi", "em", "hay", "xin",
		"vui", "long", "biet", "viec", "mot", "cai", "nhieu", "duoi", "tren", "sau", "truoc", "luc", "den",
		"tu", "bang", "thuoc", "roi", "chua", "da", "dang", "se", "vao", "len", "qua", "cung", "con", "moi",
		"thuc", "hien", "nhiem", "vu", "van", "ban", "day", "kia", "ay", "neu", "khac", "rang", "vi", "nen":
		return true
	}
	return false
}

// stopForms are the stop words whose folded form is also a content word,
// each with the forms that are the stop word: "chợ" (market) is not "cho"
// (for), "hội" (association) not "hỏi" (ask), "tư" (Tư pháp) not "từ".
var stopForms = map[string]string{
	"cho": "cho", "co": "có", "do": "do", "de": "để", "the": "thế thể", "ma": "mà", "o": "ở", "tai": "tại", "khi": "khi",
	"bao": "bao", "gio": "giờ", "lam": "làm", "noi": "nói nơi", "hoi": "hỏi", "ra": "ra", "cai": "cái", "tu": "từ tự",
	"luc": "lúc", "den": "đến", "bang": "bằng", "thuoc": "thuộc", "chua": "chưa", "da": "đã", "dang": "đang", "qua": "qua",
	"con": "còn", "moi": "mới mỗi", "thuc": "thực", "van": "văn vẫn", "ban": "bản bạn", "vi": "vì", "nen": "nên", "day": "đây đấy",
	"sau": "sau", "len": "lên", "toi": "tôi tới", "nhung": "những nhưng", "vu": "vụ", "nhiem": "nhiệm",
}

// stopAsTyped reports whether the stop word w (folded), typed as orig, is
// the stop word: typed without marks it may be, typed with marks it must
// be one of its stopForms.
func stopAsTyped(w, orig string) bool {
	forms, ok := stopForms[w]
	if !ok || orig == w {
		return true
	}
	o := strings.ToLower(orig)
	for rest := forms; rest != ""; {
		var f string
		f, rest, _ = strings.Cut(rest, " ")
		if ToneKey(f) == ToneKey(o) {
			return true
		}
	}
	return false
}

// isGeneric reports whether a folded word is common to nearly every
// directive ("triển khai", "báo cáo", "xã"), so that its absence from a
// directive does not by itself mean the directive does not answer.
func isGeneric(w string) bool {
	switch w {
	case "trien", "khai", "cong", "tac", "ke", "hoach", "bao", "cao", "don", "co", "quan", "huyen", "xa", "thi",
		"tran", "tinh", "uy", "nhan", "dan", "hoi", "dong", "phong", "nam", "thang", "ngay", "nop", "gui", "tang",
		"giam", "ho", "tro", "nang", "cuong", "xay", "dung", "to", "chuc", "kiem", "tra", "giao", "phu", "trach",
		"chu", "tri", "phoi", "hop", "hoan", "thanh", "ket", "qua", "dinh", "chi", "dao", "tham", "muu", "dam",
		"can", "bo", "vien", "nguoi", "so", "tot", "hieu", "quy", "che", "han", "chot", "thoi", "gian", "dia",
		"ban", "lien", "yeu", "cau", "de", "xuat", "nghi", "muc", "tieu", "chinh", "sach", "nay", "nhat", "cap",
		"tiep", "tuc", "khan", "truong", "day", "manh", "doi", "moi", "lanh", "chung", "rieng", "ca", "toan",
		"tong", "theo", "doc", "vi", "bi":
		return true
	}
	return false
}

// numeral returns the number a Vietnamese numeral word names, or 0.
func numeral(w string) int {
	switch w {
	case "nhat", "mot":
		return 1
	case "hai":
		return 2
	case "ba":
		return 3
	case "bon", "tu":
		return 4
	case "nam":
		return 5
	case "sau":
		return 6
	case "bay":
		return 7
	case "tam":
		return 8
	case "chin":
		return 9
	case "muoi":
		return 10
	}
	return 0
}
