package files

import (
	"testing"
	"time"
)

// TestStamps reads the signature stamps of the signed files in testdata,
// as their text layers break them into lines.
func TestStamps(t *testing.T) {
	vn := time.FixedZone("", 7*3600)
	tests := []struct {
		name   string
		lines  []string
		by     string
		agency string
		email  string
		at     time.Time
	}{
		{"signer, one line a field", []string{"Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi", "Cơ quan: Tỉnh Quảng Ngãi", "Thời gian ký: 03/02/2025 10:47:25"},
			"Ủy ban nhân dân tỉnh Quảng Ngãi", "Tỉnh Quảng Ngãi", "", time.Date(2025, 2, 3, 10, 47, 25, 0, vn)},
		{"signer wrapped, time on its own line", []string{"Ký bởi: Ủy ban nhân", "dân tỉnh Quảng Ngãi", "Thời gian ký:", "11/05/2021 11:26:39"},
			"Ủy ban nhân dân tỉnh Quảng Ngãi", "", "", time.Date(2021, 5, 11, 11, 26, 39, 0, vn)},
		{"Người ký, zone on its own line", []string{"Người ký: Ủy ban", "nhân dân tỉnh Quảng", "Ngãi", "Cơ quan: Tỉnh Quảng", "Ngãi", "Thời gian ký:", "16.04.2020 07:37:07", "+07:00"},
			"Ủy ban nhân dân tỉnh Quảng Ngãi", "Tỉnh Quảng Ngãi", "", time.Date(2020, 4, 16, 7, 37, 7, 0, vn)},
		{"the Công báo centre, no labels", []string{"TRUNG TÂM CÔNG", "BÁO VÀ TIN HỌC", "ttcbth@quangngai.gov.", "vn", "03.02.2025 14:00:35", "+07:00"},
			"TRUNG TÂM CÔNG BÁO VÀ TIN HỌC", "", "ttcbth@quangngai.gov.vn", time.Date(2025, 2, 3, 14, 0, 35, 0, vn)},
		{"Người ký with an e-mail and an agency", []string{"Người ký: Trung tâm", "Công báo và Tin học", "Email:", "ttcbth@quangngai.gov.vn", "Cơ quan: Văn phòng Ủy", "ban Nhân dân, Tỉnh", "Quảng Ngãi"},
			"Trung tâm Công báo và Tin học", "Văn phòng Ủy ban Nhân dân, Tỉnh Quảng Ngãi", "ttcbth@quangngai.gov.vn", time.Time{}},
		{"a zone other than Vietnam's", []string{"Ký bởi: X", "Thời gian ký: 01/02/2024 08:00:00 +00:00"},
			"X", "", "", time.Date(2024, 2, 1, 8, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !isStamp(tt.lines) {
				t.Fatalf("%q is not read as a stamp", tt.lines)
			}
			s := readStamp(tt.lines)
			if s.By != tt.by || s.Agency != tt.agency || s.Email != tt.email || !s.At.Equal(tt.at) {
				t.Errorf("stamp = %+v, want by %q agency %q email %q at %v", s, tt.by, tt.agency, tt.email, tt.at)
			}
		})
	}
}

// TestNotStamps: the body's text is no stamp, whatever dates and
// addresses it holds.
func TestNotStamps(t *testing.T) {
	for _, lines := range [][]string{
		{"Các đơn vị gửi báo cáo về Sở Nội vụ qua thư điện tử snv@quangngai.gov.vn trước 10 giờ 00 ngày 05/02/2022, đồng thời gửi bản giấy về Văn phòng UBND tỉnh để tổng hợp, báo cáo Chủ tịch UBND tỉnh."},
		{"1. Cục Thuế tỉnh:", "- Tổ chức tuyên truyền, phổ biến về hóa đơn điện tử."},
	} {
		if isStamp(lines) {
			t.Errorf("%q read as a stamp", lines)
		}
	}
}
