// Package knowledge reads the directives a People's Committee office sends
// (.md, .txt, .docx and, where it can, .pdf), parses them into the domain's
// Directive with its numbered tasks, deadlines and assignees, and answers the
// questions unit heads ask about them from an index built for Vietnamese:
// NFC, tone-placement and diacritic folding, the usual abbreviations and
// syllable bigrams. It never invents a task, a date or a unit: when the
// directives do not answer, the answer says so.
//
// What is a task: the leaves of the numbered items ("1.", "1)", "1/",
// "3-", "I.", "I-", "a)", "a.", "a/", "Điều 1."), except the sections
// assessing what was done ("ĐÁNH GIÁ CHUNG", "KẾT QUẢ THỰC HIỆN …",
// "Tình hình …"), a section on funding that gives no unit a task ("III.
// KINH PHÍ THỰC HIỆN") and the members of a team listed under an article,
// which stay in the article's text. A body with no numbered items is one
// task "1", or one task a paragraph when two paragraphs or more each give
// a task to another unit ("Giao Phòng A …" then "Giao Phòng B …"), a
// paragraph giving none staying with the task above it. The preamble
// ("Thực hiện … như sau:") and the closing ("Nhận được Công văn này, …",
// "Trên đây là …") are never part of a task, even typed one line a
// paragraph with no blank line between.
//
// A task's units are those its subject names (after a topic and a colon,
// after a semicolon when a verb follows, in a list sharing its head word
// "các phòng: Nội vụ, Tư pháp", "UBND các xã Chu Túc, Tri Lễ và thị trấn
// Văn Quan"), with the recipients it names after "chủ trì, phối hợp với",
// or those its heading names ("1. Phòng Nông nghiệp và PTNT:"), or every
// recipient unit when it names none; a task whose subject is a body outside
// the units (Trung tâm Y tế, Ủy ban MTTQ, an inspection team, a heading
// "Nhiệm vụ của Tổ công tác:"), a decision's own act ("Ban hành kèm theo
// …", "Thành lập …") and its effect clause have no units. Units go by
// their configured names and aliases, by "P." for "Phòng" ("P.NV"), by
// the initials of their name's parts ("Phòng TN&MT") and by their name cut
// after a part ("Phòng Nông nghiệp"); "Thanh tra, kiểm tra" is an
// activity, not "Thanh tra huyện". Header words are read without
// diacritics too ("So:", "Kinh gui:", "ngay 28 thang 11 nam 2024").
//
// What is a deadline: the earliest date governed by the strongest words
// ("trước ngày", "chậm nhất", "hạn chót …:", "hoàn thành …" before "trong
// tháng", "đến ngày" before a bare date); never the end of a period ("từ
// ngày … đến ngày …"), a date things are counted to ("tính đến ngày"), a
// date opening a clause about the past ("Trong tháng 8, … đã …") or a date
// before the directive's issue, nor "trong năm 2024" after words saying
// which things ("hồ sơ tiếp nhận trong năm 2024"). A paragraph after the
// items giving them a deadline ("Các nội dung trên hoàn thành trước ngày
// …", "Thời gian hoàn thành: …") gives it to every item above with none
// of its own. A recurring deadline keeps its day of the
// period in RecurDay: "trước ngày 20 hằng tháng" and "hằng tháng trước
// ngày 05 của tháng sau" give the day of every month, "trước ngày 15 của
// tháng cuối quý" the day of the quarter's last month. A task carries one
// day of one month of its period only, so "ngày 10 tháng đầu quý (sau)"
// keeps its words in DeadlineText and no day: it falls due at the end of
// the quarter. A question about one of several dates of a task ("hạn báo
// cáo năm", "làm việc đến ngày nào", "báo cáo hằng tháng gửi ngày nào") is
// answered with the date, or the recurring day, whose words it shares.
//
// What a unit must do ("X phải làm gì", "X được giao việc gì", "X được đề
// nghị làm gì", "X có nhiệm vụ gì", "nhiệm vụ của X", "đơn vị tôi …") is
// the tasks whose units include it, its own first; none is no answer
// (Found false), and a task naming it only as where a report goes is not
// its task. Asked of several directives, each giving it tasks is listed,
// newest first. Besides its tasks the text answers which documents it
// carries out ("căn cứ văn bản nào"), who the members listed are ("phòng
// Tư pháp có ai trong tổ", "ai là tổ trưởng") and what its paragraphs in
// no task say ("kinh phí lấy từ đâu"); an amount of money it does not
// state is not answered.
package knowledge
