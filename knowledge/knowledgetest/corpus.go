// Package knowledgetest generates directives and questions for benchmarks:
// the dev directives rewritten with other numbers, dates, units and wording,
// and the questions a unit head would ask of each with the expected answer.
package knowledgetest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"chidao/configs"
)

// Doc is one generated directive.
type Doc struct {
	Name string // file name
	Text string
}

// Question is one generated question with its expected answer.
type Question struct {
	Text      string
	Directive string // expected directive ID
	Item      string // expected first item
}

// Corpus returns n directives built from the sample directives with varied
// numbers, dates and wording, and questions naming each of them.
func Corpus(n int, seed uint64) ([]Doc, []Question, error) {
	vq, err := configs.File("directives/vanquan-cchc-2024.md")
	if err != nil {
		return nil, nil, err
	}
	kh, err := configs.File("directives/synthetic-kehoach-cds-2025.md")
	if err != nil {
		return nil, nil, err
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	swaps := [][2]string{{"Tăng cường", "Đẩy mạnh"}, {"triển khai", "tổ chức thực hiện"}, {"nâng cao", "cải thiện"}, {"rà soát", "kiểm tra, rà soát"}}
	var docs []Doc
	var qs []Question
	for i := 0; i < n; i++ {
		num := 100 + i
		year := 2023 + i%3
		day, month := 1+rng.IntN(27), 1+rng.IntN(12)
		var text, id string
		if i%2 == 0 {
			text = strings.Replace(string(vq), "Số: /UBND-NV", fmt.Sprintf("Số: %d/UBND-NV", num), 1)
			text = strings.Replace(text, "ngày tháng 6 năm 2024", fmt.Sprintf("ngày %d tháng %d năm %d", day, month, year), 1)
			text = strings.Replace(text, "07/6/2024", fmt.Sprintf("%02d/%d/%d", day, month, year), 1)
			id = fmt.Sprintf("%d-ubnd-nv-%04d%02d%02d", num, year, month, day)
			qs = append(qs,
				Question{fmt.Sprintf("công văn %d nhiệm vụ 5 hạn khi nào", num), id, "5"},
				Question{fmt.Sprintf("cv %d mo hinh chuyen giao cho buu dien", num), id, "7"},
				Question{fmt.Sprintf("công văn %d: phòng nội vụ được giao việc gì?", num), id, "6"},
				Question{fmt.Sprintf("cong van %d tuyen truyen ve cai cach hanh chinh", num), id, "2"})
		} else {
			text = strings.Replace(string(kh), "Số: 52/KH-UBND", fmt.Sprintf("Số: %d/KH-UBND", num), 1)
			text = strings.Replace(text, "năm 2025\n\nKẾ HOẠCH", fmt.Sprintf("năm %d\n\nKẾ HOẠCH", year), 1)
			id = fmt.Sprintf("%d-kh-ubnd-%d0210", num, year)
			qs = append(qs,
				Question{fmt.Sprintf("kế hoạch %d vùng lõm sóng", num), id, "II.2.a"},
				Question{fmt.Sprintf("kh %d han xay dung danh muc du lieu dung chung", num), id, "II.1.b"},
				Question{fmt.Sprintf("kế hoạch %d phòng tài chính kế hoạch làm gì", num), id, "III.2"},
				Question{fmt.Sprintf("ke hoach %d II.1.a", num), id, "II.1.a"})
		}
		for _, s := range swaps {
			if rng.IntN(2) == 0 {
				text = strings.ReplaceAll(text, s[0], s[1])
			}
		}
		docs = append(docs, Doc{Name: id + ".md", Text: text})
	}
	return docs, qs, nil
}
