package knowledge

import (
	"slices"
	"testing"
)

// taskIDs returns the IDs of a directive's tasks.
func taskIDs(t *testing.T, p *Parser, text string) []string {
	t.Helper()
	d, err := p.ParseText("", text)
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, x := range d.Tasks {
		ids = append(ids, x.ID)
	}
	return ids
}

// TestAssessmentSections keeps the sections that assess what was done out
// of the tasks, and the tasks that open with the same words in.
func TestAssessmentSections(t *testing.T) {
	const head = "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 9/TB-UBND\n\nVăn Quan, ngày 5 tháng 7 năm 2025\n\nTHÔNG BÁO\nKết luận giao ban\n\n"
	tests := []struct {
		name, body string
		want       []string
	}{
		{"upper heading", "I. ĐÁNH GIÁ CHUNG\n\nTrong tháng 6, các đơn vị đã hoàn thành kế hoạch.\n\nII. NHIỆM VỤ THỜI GIAN TỚI\n\n1. Phòng Nội vụ rà soát biên chế trước ngày 20/7/2025.\n\n2. Phòng Y tế kiểm tra an toàn thực phẩm.",
			[]string{"II.1", "II.2"}},
		{"results with parts", "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ 6 THÁNG ĐẦU NĂM\n\n1. Ưu điểm\n\nCác xã đã triển khai kịp thời.\n\n2. Hạn chế\n\nTiến độ còn chậm.\n\nII. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM\n\n1. Phòng Tư pháp rà soát văn bản.",
			[]string{"II.1"}},
		{"heading and colon", "1. Đánh giá chung: Trong quý II năm 2025, các cơ quan đã bám sát chỉ đạo.\n\n2. Phòng Nội vụ rà soát biên chế.",
			[]string{"2"}},
		{"situation", "1. Tình hình thực hiện\n\nCác xã đã hoàn thành 80% kế hoạch.\n\n2. Nhiệm vụ\n\nPhòng Nội vụ rà soát biên chế.",
			[]string{"2"}},
		{"a task about assessing", "1. Đánh giá, xếp loại: Phòng Nội vụ chủ trì đánh giá cán bộ trước ngày 20/12/2025.\n\n2. Phòng Y tế kiểm tra an toàn thực phẩm.",
			[]string{"1", "2"}},
		{"assessment and tasks", "I. TÌNH HÌNH VÀ NHIỆM VỤ\n\n1. Phòng Nội vụ rà soát biên chế.\n\n2. Phòng Y tế kiểm tra an toàn thực phẩm.",
			[]string{"I.1", "I.2"}},
		{"nothing else", "1. KẾT QUẢ ĐẠT ĐƯỢC\n\nCác xã đã hoàn thành kế hoạch.\n\n2. HẠN CHẾ\n\nTiến độ còn chậm.",
			[]string{"1", "2"}},
	}
	p := NewParser(testUnits(t))
	for _, tt := range tests {
		if got := taskIDs(t, p, head+tt.body); !slices.Equal(got, tt.want) {
			t.Errorf("%s: tasks = %q, want %q", tt.name, got, tt.want)
		}
	}
}
