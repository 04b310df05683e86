// Package knowledge reads the directives a People's Committee office sends
// (.md, .txt, .docx and, where it can, .pdf), parses them into the domain's
// Directive with its numbered tasks, deadlines and assignees, and answers the
// questions unit heads ask about them from an index built for Vietnamese:
// NFC, tone-placement and diacritic folding, the usual abbreviations and
// syllable bigrams. It never invents a task, a date or a unit: when the
// directives do not answer, the answer says so.
//
// What is a task: the leaves of the numbered items, except the sections
// assessing what was done ("ĐÁNH GIÁ CHUNG", "KẾT QUẢ THỰC HIỆN …",
// "Tình hình …") and the members of a team listed under an article, which
// stay in the article's text. A task's units are those its subject names
// (after a topic and a colon, after a semicolon when a verb follows, in a
// list sharing its head word "các phòng: Nội vụ, Tư pháp"), or every
// recipient unit when it names none; a task whose subject is a body outside
// the units (Trung tâm Y tế, Ủy ban MTTQ, an inspection team), a decision's
// own act ("Ban hành kèm theo …", "Thành lập …") and its effect clause have
// no units.
//
// What is a deadline: the earliest date governed by the strongest words
// ("trước ngày", "chậm nhất", "hạn chót …:", "hoàn thành …" before "trong
// tháng", "đến ngày" before a bare date); never the end of a period ("từ
// ngày … đến ngày …"), a date things are counted to ("tính đến ngày"), a
// date opening a clause about the past ("Trong tháng 8, … đã …") or a date
// before the directive's issue. A recurring deadline keeps its day of the
// period in RecurDay: "trước ngày 20 hằng tháng" and "hằng tháng trước
// ngày 05 của tháng sau" give the day of every month, "trước ngày 15 của
// tháng cuối quý" the day of the quarter's last month. A task carries one
// day of one month of its period only, so "ngày 10 tháng đầu quý (sau)"
// keeps its words in DeadlineText and no day: it falls due at the end of
// the quarter. A question about one of several dates of a task ("hạn báo
// cáo năm", "làm việc đến ngày nào") is answered with the date whose words
// it shares.
package knowledge
