package knowledge

import (
	"slices"
	"strings"
	"testing"

	"chidao"
)

// TestParseSloppyCongVan parses a công văn typed in haste: header words
// without diacritics ("So:", "ngay … thang … nam", "Kinh gui", "Noi
// nhan"), offices as "P.YT", items numbered "1/" and "2-", communes listed
// after "UBND các xã" without a colon, a deadline closing the items, and
// one line a paragraph with no blank line before the closing sentence.
func TestParseSloppyCongVan(t *testing.T) {
	units := testUnits(t)
	d := parseFile(t, "testdata/cv-sot-xuat-huyet-2025.txt")
	if d.Number != "77/UBND-VP" || d.Issued.String() != "2025-03-03" || d.Kind != "Công văn" || d.Signer.Name != "Hoang Van Binh" {
		t.Errorf("header = %q %s %q %+v", d.Number, d.Issued, d.Kind, d.Signer)
	}
	want := append([]string{"phong-tai-chinh-ke-hoach", "phong-van-hoa-thong-tin", "phong-y-te"}, unitsOf(units, "xa-thi-tran")...)
	if !slices.Equal(d.Units, want) || len(d.Unresolved) != 0 {
		t.Errorf("units = %v (unresolved %q), want %v", d.Units, d.Unresolved, want)
	}
	if len(d.References) != 0 {
		t.Errorf("references = %q: “1/ P.YT” numbers an item", d.References)
	}
	checkTasks(t, d, []wantTask{
		{id: "1", deadline: "2025-03-15", kind: chidao.DeadlineBefore, dtext: "trước ngày 15/3", assignees: []string{"P.YT"}, units: []string{"phong-y-te"}},
		// The deadline after the items is that of every item giving none.
		{id: "2", deadline: "2025-03-31", kind: chidao.DeadlineBefore, dtext: "trước ngày 31/3/2025",
			assignees: []string{"UBND các xã Hòa Bình, Tân Đoàn và thị trấn Văn Quan"}, units: []string{"thi-tran-van-quan", "xa-hoa-binh", "xa-tan-doan"}},
		{id: "3", deadline: "2025-03-31", kind: chidao.DeadlineBefore, dtext: "trước ngày 31/3/2025", assignees: []string{"P.VH&TT"}, units: []string{"phong-van-hoa-thong-tin"}},
		// "ổ dịch phát sinh trong năm 2025" says which, not when.
		{id: "4", deadline: "2025-03-31", kind: chidao.DeadlineBefore, dtext: "trước ngày 31/3/2025", assignees: []string{"P.TC-KH"}, units: []string{"phong-tai-chinh-ke-hoach"}},
	})
	if last := d.Tasks[len(d.Tasks)-1].Text; strings.Contains(last, "Nhận được") || strings.Contains(last, "Các nội dung trên") {
		t.Errorf("the closing lines ran on into the last item: %q", last)
	}
}

// TestDerivedUnitNames resolves the short names offices go by when the
// configuration lists none: initials ("P.TN&MT", "Phòng TNMT") and a name
// cut after one of its parts ("Phòng Nông nghiệp").
func TestDerivedUnitNames(t *testing.T) {
	units := []chidao.Unit{
		{Code: "tnmt", Name: "Phòng Tài nguyên và Môi trường", Kind: chidao.KindPhong},
		{Code: "nn", Name: "Phòng Nông nghiệp và PTNT", Kind: chidao.KindPhong},
		{Code: "ld", Name: "Phòng Lao động - Thương binh và Xã hội", Kind: chidao.KindPhong},
		{Code: "tc", Name: "Phòng Tài chính - Kế hoạch", Kind: chidao.KindPhong},
		{Code: "tp", Name: "Phòng Tư pháp", Kind: chidao.KindPhong},
		{Code: "tt", Name: "Thanh tra huyện", Kind: chidao.KindPhong, Aliases: []string{"Thanh tra"}},
	}
	r := NewResolver(units, testGroups()...)
	tests := []struct {
		text string
		want []string
	}{
		{"P.TN&MT", []string{"tnmt"}},
		{"Phòng TNMT huyện", []string{"tnmt"}},
		{"P.NN&PTNT", []string{"nn"}},
		{"báo cáo về Phòng Nông nghiệp trước ngày 15/4", []string{"nn"}},
		{"Phòng LĐ-TB&XH", []string{"ld"}},
		{"Phòng Lao động", []string{"ld"}},
		{"P.TC-KH, P.TP", []string{"tc", "tp"}},
		{"Phòng Tài chính", []string{"tc"}},
		// "Phòng Tài" is two units' start: neither.
		{"Phòng Tài", nil},
		// The activity is no inspectorate; the inspectorate is.
		{"Thanh tra, kiểm tra liên ngành về an toàn thực phẩm", nil},
		{"thanh tra công vụ tại các xã", nil},
		{"Thanh tra huyện chủ trì", []string{"tt"}},
		{"Thanh tra chủ trì, phối hợp với Phòng Tư pháp", []string{"tp", "tt"}},
	}
	for _, tt := range tests {
		if got := r.Resolve(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Resolve(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	if u, ok := r.Match("phòng nông nghiệp"); !ok || u.Code != "nn" {
		t.Errorf("Match(phòng nông nghiệp) = %v %v", u.Code, ok)
	}
}

// TestUnitsNamedInTasks reads the units a task names: communes listed
// after "UBND các xã" without a colon, inside a task and in a heading its
// sub-items inherit; an activity heading is no unit's; a heading naming a
// body outside the units gives its sub-items to that body alone.
func TestUnitsNamedInTasks(t *testing.T) {
	units := testUnits(t)
	p := NewParser(units, testGroups()...)
	d, err := p.ParseText("", "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 21/KH-UBND\n\nVăn Quan, ngày 10 tháng 3 năm 2025\n\nKẾ HOẠCH\nPhòng, chống cháy rừng năm 2025\n\n"+
		"I. NHIỆM VỤ\n\n1. Thanh tra, kiểm tra liên ngành\n\n- Kiểm tra việc chấp hành quy định về phòng cháy tại các cơ sở.\n\n"+
		"2. UBND các xã Yên Phúc, Liên Hội:\n\na) Rà soát phương án chữa cháy, báo cáo về Phòng Nông nghiệp và PTNT trước ngày 20/3/2025.\n\nb) Tổ chức lực lượng xung kích.\n\n"+
		"3. Yêu cầu UBND các xã Khánh Khê, Tràng Phái tăng cường tuần tra; báo cáo về Phòng Nông nghiệp và PTNT hằng tuần.\n\n"+
		"4. Nhiệm vụ của Tổ công tác liên ngành:\n\na) Kiểm tra hiện trường trước ngày 25/3/2025.\n\nb) Tổng hợp kết quả.\n\n"+
		"Nơi nhận:\n- Các phòng chuyên môn thuộc UBND huyện;\n- UBND các xã, thị trấn;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nVi Văn Thắng")
	if err != nil {
		t.Fatal(err)
	}
	every := unitsOf(units, "phong-chuyen-mon", "xa-thi-tran")
	checkTasks(t, d, []wantTask{
		{id: "I.1", units: every},
		{id: "I.2.a", deadline: "2025-03-20", kind: chidao.DeadlineBefore, dtext: "trước ngày 20/3/2025",
			assignees: []string{"UBND các xã Yên Phúc, Liên Hội"}, units: []string{"xa-lien-hoi", "xa-yen-phuc"}},
		{id: "I.2.b", assignees: []string{"UBND các xã Yên Phúc, Liên Hội"}, units: []string{"xa-lien-hoi", "xa-yen-phuc"}},
		{id: "I.3", dtext: "hằng tuần", kind: chidao.DeadlineBy, recur: chidao.RecurWeekly,
			assignees: []string{"UBND các xã Khánh Khê, Tràng Phái"}, units: []string{"xa-khanh-khe", "xa-trang-phai"}},
		{id: "I.4.a", deadline: "2025-03-25", kind: chidao.DeadlineBefore, dtext: "trước ngày 25/3/2025", assignees: []string{"Tổ công tác liên ngành"}, units: []string{}},
		{id: "I.4.b", assignees: []string{"Tổ công tác liên ngành"}, units: []string{}},
	})
}

// TestBodyParagraphTasks reads a công văn with no numbered items: two
// paragraphs or more each giving a task to another unit are a task each,
// a paragraph helping the one above stays with it, and one paragraph is
// one task.
func TestBodyParagraphTasks(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	const head = "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 31/UBND-KT\nV/v bảo đảm an toàn giao thông dịp lễ hội\n\nVăn Quan, ngày 02 tháng 02 năm 2025\n\n" +
		"Kính gửi:\n- Phòng Kinh tế và Hạ tầng;\n- Phòng Văn hóa và Thông tin;\n- UBND thị trấn Văn Quan.\n\n" +
		"Thực hiện Kế hoạch số 15/KH-UBND ngày 10/01/2025 của UBND tỉnh, Chủ tịch UBND huyện có ý kiến chỉ đạo như sau:\n\n"
	const foot = "\n\nYêu cầu các cơ quan, đơn vị nghiêm túc thực hiện./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nVi Văn Thắng"
	d, err := p.ParseText("", head+
		"Giao Phòng Kinh tế và Hạ tầng chủ trì kiểm tra hệ thống biển báo trên các tuyến đường vào khu lễ hội, báo cáo UBND huyện trước ngày 10/02/2025.\n\n"+
		"UBND thị trấn Văn Quan có trách nhiệm bố trí lực lượng hỗ trợ Phòng Kinh tế và Hạ tầng.\n\n"+
		"Giao Phòng Văn hóa và Thông tin tuyên truyền về an toàn giao thông trên Trang thông tin điện tử huyện, hoàn thành chậm nhất ngày 12/02/2025."+foot)
	if err != nil {
		t.Fatal(err)
	}
	checkTasks(t, d, []wantTask{
		{id: "1", deadline: "2025-02-10", kind: chidao.DeadlineBefore, dtext: "trước ngày 10/02/2025",
			assignees: []string{"Phòng Kinh tế và Hạ tầng", "UBND thị trấn Văn Quan"}, units: []string{"phong-kinh-te-ha-tang", "thi-tran-van-quan"}},
		{id: "2", deadline: "2025-02-12", kind: chidao.DeadlineBy, dtext: "chậm nhất ngày 12/02/2025",
			assignees: []string{"Phòng Văn hóa và Thông tin"}, units: []string{"phong-van-hoa-thong-tin"}},
	})
	if !strings.Contains(d.Tasks[0].Text, "bố trí lực lượng") || strings.Contains(d.Tasks[1].Text, "nghiêm túc") || strings.Contains(d.Tasks[0].Text, "Thực hiện Kế hoạch") {
		t.Errorf("tasks = %q / %q", d.Tasks[0].Text, d.Tasks[1].Text)
	}
	// One instruction: one task, with the paragraph helping it.
	d, err = p.ParseText("", head+
		"Giao Phòng Kinh tế và Hạ tầng chủ trì kiểm tra hệ thống biển báo trên các tuyến đường vào khu lễ hội, báo cáo UBND huyện trước ngày 10/02/2025.\n\n"+
		"UBND thị trấn Văn Quan có trách nhiệm bố trí lực lượng hỗ trợ Phòng Kinh tế và Hạ tầng."+foot)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Tasks) != 1 || d.Tasks[0].ID != "1" || !strings.Contains(d.Tasks[0].Text, "bố trí lực lượng") {
		t.Errorf("tasks = %+v", d.Tasks)
	}
	// What the body rests on and the sentence announcing the task, each a
	// line of one block, are no part of it.
	d, err = p.ParseText("", "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 640/UBND-VP\nV/v tổ chức trực Tết\n\nKính gửi: Các phòng chuyên môn thuộc UBND huyện.\n\n"+
		"Căn cứ Kế hoạch số 88/KH-UBND ngày 01/12/2025 của UBND huyện.\nChủ tịch UBND huyện có ý kiến chỉ đạo như sau:\n\n"+
		"Thủ trưởng các cơ quan, đơn vị bố trí cán bộ trực Tết, gửi lịch trực về Văn phòng HĐND và UBND huyện trước ngày 29/12/2025."+foot)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Tasks) != 1 || !strings.HasPrefix(d.Tasks[0].Text, "Thủ trưởng các cơ quan") {
		t.Errorf("tasks = %+v", d.Tasks)
	}
}

// TestParseVariants reads the other ways a directive may be typed: the
// date of issue in figures, sections "I-", points "a/", "không quá ngày",
// communes after "UBND xã" sharing the head word, and a deadline for
// "các nội dung nêu trên" that does not open its paragraph, after
// sub-items.
func TestParseVariants(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	d, err := p.ParseText("", "UBND HUYỆN VĂN QUAN\nSố: 88/UBND-NV\nV/v kiện toàn bộ phận một cửa cấp xã\nVăn Quan, ngày 12/5/2025\n\n"+
		"Kính gửi: Phòng Nội vụ; UBND các xã, thị trấn.\n\nI- NHIỆM VỤ\n\n"+
		"1. UBND xã Hữu Lễ, Tràng Các kiện toàn bộ phận một cửa, báo cáo không quá ngày 30/5/2025.\n\n"+
		"2. Phòng Nội vụ:\n\na/ Hướng dẫn các xã bố trí công chức làm việc tại bộ phận một cửa;\n\nb/ Kiểm tra việc bố trí công chức.\n\n"+
		"Đề nghị các đơn vị hoàn thành các nội dung nêu trên trước ngày 15/6/2025./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nVi Văn Thắng")
	if err != nil {
		t.Fatal(err)
	}
	if d.Issued.String() != "2025-05-12" || d.Year != 2025 {
		t.Errorf("issued %s, year %d", d.Issued, d.Year)
	}
	checkTasks(t, d, []wantTask{
		{id: "I.1", deadline: "2025-05-30", kind: chidao.DeadlineBy, dtext: "không quá ngày 30/5/2025",
			assignees: []string{"UBND xã Hữu Lễ, Tràng Các"}, units: []string{"xa-huu-le", "xa-trang-cac"}},
		{id: "I.2.a", deadline: "2025-06-15", kind: chidao.DeadlineBefore, dtext: "trước ngày 15/6/2025", assignees: []string{"Phòng Nội vụ"}, units: []string{"phong-noi-vu"}},
		{id: "I.2.b", deadline: "2025-06-15", kind: chidao.DeadlineBefore, dtext: "trước ngày 15/6/2025", assignees: []string{"Phòng Nội vụ"}, units: []string{"phong-noi-vu"}},
	})
	// "UBND xã An Sơn" alone is one commune.
	if got := p.Resolver().Resolve("UBND xã An Sơn tổ chức hội nghị"); !slices.Equal(got, []string{"xa-an-son"}) {
		t.Errorf("Resolve = %v", got)
	}
}

// TestParseOneLineParagraphs reads a công văn typed one line a paragraph
// with no blank line between and no numbered items: the preamble and the
// closing are no tasks, each "Đề nghị …"/"Giao …" paragraph is a task, and
// "Thời gian hoàn thành các nội dung trên: …" gives those with no date of
// their own their deadline.
func TestParseOneLineParagraphs(t *testing.T) {
	units := testUnits(t)
	d := parseFile(t, "testdata/cv-dich-ta-lon-2025.txt")
	checkTasks(t, d, []wantTask{
		{id: "1", deadline: "2025-07-31", kind: chidao.DeadlineBefore, dtext: "trước ngày 31/7/2025",
			assignees: []string{"UBND các xã, thị trấn"}, units: unitsOf(units, "xa-thi-tran")},
		{id: "2", kind: chidao.DeadlineBy, dtext: "hằng tuần", recur: chidao.RecurWeekly,
			assignees: []string{"Phòng Nông nghiệp và PTNT"}, units: []string{"phong-nong-nghiep-ptnt"}},
		{id: "3", deadline: "2025-07-15", kind: chidao.DeadlineBefore, dtext: "trước ngày 15/7/2025",
			assignees: []string{"Phòng Tài chính - Kế hoạch"}, units: []string{"phong-tai-chinh-ke-hoach"}},
	})
	for _, x := range d.Tasks {
		if strings.Contains(x.Text, "Thực hiện Công văn") || strings.Contains(x.Text, "nghiêm túc") || strings.Contains(x.Text, "Thời gian hoàn thành") {
			t.Errorf("task %s holds the preamble or the closing: %q", x.ID, x.Text)
		}
	}
	// Communes working with an office do not give it their task.
	d, err := NewParser(units, testGroups()...).ParseText("", "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN\nSố: 9/TB-UBND\n\nTHÔNG BÁO\nKết luận\n\n"+
		"1. UBND các xã: Hữu Lễ, Tân Đoàn phối hợp với Phòng Giáo dục và Đào tạo vận động học sinh ra lớp.\n\n"+
		"2. Phòng Y tế chủ trì, phối hợp với UBND xã Hữu Lễ kiểm tra vệ sinh trường học.\n\n"+
		"Nơi nhận:\n- Phòng Giáo dục và Đào tạo;\n- Phòng Y tế;\n- UBND các xã Hữu Lễ, Tân Đoàn;\n- Lưu: VT.")
	if err != nil {
		t.Fatal(err)
	}
	checkTasks(t, d, []wantTask{
		{id: "1", assignees: []string{"UBND các xã: Hữu Lễ, Tân Đoàn"}, units: []string{"xa-huu-le", "xa-tan-doan"}},
		{id: "2", assignees: []string{"Phòng Y tế"}, units: []string{"phong-y-te", "xa-huu-le"}},
	})
}
