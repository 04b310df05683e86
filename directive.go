// Package chidao holds the domain of chidao, a Telegram and Zalo bot that
// carries a Vietnamese People's Committee's directives to the units that must
// act on them: directives and their tasks, units, members, acknowledgments and
// completion reports. It imports nothing outside the standard library; every
// other package builds on it.
package chidao

import (
	"fmt"
	"strings"
	"time"
)

// DeadlineKind tells when a dated task falls due.
type DeadlineKind string

// Deadline kinds.
const (
	// DeadlineNone marks a task without a deadline.
	DeadlineNone DeadlineKind = ""
	// DeadlineBefore is "trước ngày X": the task is due when day X begins.
	DeadlineBefore DeadlineKind = "before"
	// DeadlineBy is "chậm nhất ngày X", "đến ngày X", "trong tháng X": the task
	// is due when day X ends.
	DeadlineBy DeadlineKind = "by"
)

// Recurrence words, as a task's Recurrence holds them.
const (
	RecurWeekly     = "hằng tuần"
	RecurMonthly    = "hằng tháng"
	RecurQuarterly  = "hằng quý"
	RecurHalfYearly = "6 tháng"
	RecurYearly     = "hằng năm"
	RecurOngoing    = "thường xuyên"
)

// Directive is one document the office issues: a công văn, thông báo, kế
// hoạch, chỉ thị or quyết định, with its numbered tasks.
type Directive struct {
	// ID is a short stable identifier built from the number and year, or
	// from the text when the number is blank.
	ID string `json:"id"`
	// Number is the document number as written ("227/TB-UBND"); a draft may
	// carry only its suffix ("/UBND-NV").
	Number string `json:"number"`
	// Kind is the document type: "Công văn", "Kế hoạch", "Thông báo", …
	Kind string `json:"kind"`
	// Issuer is the issuing body ("UBND huyện Văn Quan").
	Issuer string `json:"issuer"`
	// Place is the place of issue ("Văn Quan").
	Place string `json:"place"`
	// Issued is the date of issue; zero when the day is left blank.
	Issued Date `json:"issued"`
	// IssuedText is the date line as written ("ngày tháng 6 năm 2024").
	IssuedText string `json:"issued_text"`
	// Year is the year of issue, known even when the day is blank; dates
	// written without a year take it.
	Year int `json:"year"`
	// Subject is the "V/v …" line or the title of a plan.
	Subject string `json:"subject"`
	// Recipients are the raw lines of "Kính gửi" (or of "Nơi nhận" when
	// there is no "Kính gửi").
	Recipients []string `json:"recipients"`
	// Units are the codes of the recipient units the recipients resolve to.
	Units []string `json:"units"`
	// Unresolved are recipient lines that named no known unit.
	Unresolved []string `json:"unresolved"`
	// Signer is who signed it.
	Signer Signer `json:"signer"`
	// References are other documents cited ("147/KH-UBND").
	References []string `json:"references"`
	// Tasks are the numbered items, in document order.
	Tasks []Task `json:"tasks"`
	// Footnotes are the document's footnotes in order.
	Footnotes []Footnote `json:"footnotes"`
	// Context is what the text says besides its tasks, a paragraph each:
	// its preamble and closing, the headings and sections that give no
	// task (an assessment, the funding). Answers search it; nil for a
	// directive parsed before it was kept.
	Context []string `json:"context,omitempty"`
	// Secrecy is the độ mật marked on it ("MẬT", "TỐI MẬT", "TUYỆT MẬT"),
	// or "": a secret document may not travel over the Internet.
	Secrecy string `json:"secrecy,omitempty"`
	// Urgency is its độ khẩn ("HỎA TỐC", "THƯỢNG KHẨN", "KHẨN"), or "".
	Urgency string `json:"urgency,omitempty"`
	// Signatures are the digital-signature stamps read from its file.
	Signatures []Signature `json:"signatures,omitempty"`
	// Reading says how its file was read.
	Reading Reading `json:"reading,omitzero"`
	// File is the base name of the file it was read from.
	File string `json:"file"`
	// Received is when the office first stored it (imported or broadcast);
	// zero until then. Deadlines that had already passed are not chased.
	Received time.Time `json:"received,omitzero"`
	// Source is the directive's text as read.
	Source string `json:"-"`
}

// Signature is a digital-signature stamp on a directive's file, as a
// document system prints it ("Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi /
// Cơ quan: Tỉnh Quảng Ngãi / Thời gian ký: 21/01/2025 09:08:01"). The
// signing time is often days after the date of issue, so it never stands
// for that date.
type Signature struct {
	// By is who signed ("Ủy ban nhân dân tỉnh Quảng Ngãi", "Trung tâm Công
	// báo và Tin học").
	By string `json:"by,omitempty"`
	// Agency is the "Cơ quan:" line ("Tỉnh Quảng Ngãi").
	Agency string `json:"agency,omitempty"`
	// Email is the signer's address when the stamp shows one.
	Email string `json:"email,omitempty"`
	// At is the signing time; zero when the stamp shows none.
	At time.Time `json:"at,omitzero"`
}

// Reading says how a directive's file was read.
type Reading struct {
	// Format is what the file was: "pdf", "docx", "doc", "image", "text".
	Format string `json:"format,omitempty"`
	// Pages is the number of pages of a PDF or image file; 0 otherwise.
	Pages int `json:"pages,omitempty"`
	// OCRPages are the pages (from 1) read by optical character
	// recognition: their numbers, dates and names may be misread.
	OCRPages []int `json:"ocr_pages,omitempty"`
}

// Signer is the person who signed a directive.
type Signer struct {
	// Name is the signer's name ("Triệu Đức Dũng").
	Name string `json:"name"`
	// Title is the signer's own title ("PHÓ CHỦ TỊCH").
	Title string `json:"title"`
	// Authority is the line of signing authority ("KT. CHỦ TỊCH",
	// "TM. ỦY BAN NHÂN DÂN", "TL. CHỦ TỊCH"); empty when signed in person.
	Authority string `json:"authority"`
}

// Footnote is a note at the foot of a directive, attached to the task that
// cites it.
type Footnote struct {
	// Mark is the footnote's number as written ("1").
	Mark string `json:"mark"`
	// Text is the footnote's text.
	Text string `json:"text"`
	// Task is the ID of the task citing it, or "" when none does.
	Task string `json:"task"`
}

// Task is one numbered item of a directive.
type Task struct {
	// ID is the numbering path as written: "5", "II.3", "II.1.a".
	ID string `json:"id"`
	// Section is the heading path above the item ("II. NHIỆM VỤ CỤ THỂ / 1. Hoàn thiện thể chế, chính sách").
	Section string `json:"section,omitempty"`
	// Text is the item's text without its number.
	Text string `json:"text"`
	// Deadline is the due date; zero when there is none or it recurs.
	Deadline Date `json:"deadline"`
	// DeadlineKind says whether the task is due when Deadline begins or ends.
	DeadlineKind DeadlineKind `json:"deadline_kind"`
	// DeadlineText is the deadline as written ("trước ngày 07/6/2024").
	DeadlineText string `json:"deadline_text"`
	// Recurrence is how often the task repeats (RecurMonthly, …), or "".
	Recurrence string `json:"recurrence"`
	// RecurDay is the day of the period a recurring task falls due on
	// ("trước ngày 20 hằng tháng" → 20); 0 means the period's last day.
	RecurDay int `json:"recur_day,omitempty"`
	// Assignees are the names of the units the item assigns it to, as written.
	Assignees []string `json:"assignees"`
	// AssigneeUnits are the codes of the units that must do it: the named
	// assignees, or every recipient unit when none is named.
	AssigneeUnits []string `json:"assignee_units"`
	// Footnotes are the texts of the footnotes the item cites.
	Footnotes []string `json:"footnotes,omitempty"`
}

// Task returns the task with the given ID.
func (d *Directive) Task(id string) (Task, bool) {
	for _, t := range d.Tasks {
		if t.ID == id {
			return t, true
		}
	}
	return Task{}, false
}

// Title names the directive for people: "Công văn số 227/TB-UBND"; for a
// signed scan whose number is handwritten and unread, by its kind and the
// day it was signed, "Chỉ thị ký ngày 27/12/2021"; for a draft whose
// number is still blank, "Công văn số …/UBND-NV".
func (d *Directive) Title() string {
	kind := d.Kind
	if kind == "" {
		kind = "Văn bản"
	}
	n := d.Number
	if !strings.ContainsAny(n, "0123456789") {
		if at := d.SignedAt(); !at.IsZero() {
			return kind + " ký ngày " + DateOf(at).Vietnamese()
		}
	}
	switch {
	case n == "":
		return kind
	case n[0] == '/':
		return kind + " số …" + n
	default:
		return kind + " số " + n
	}
}

// SignedAt is when the directive's file was first signed, from its
// stamps; zero when none tells.
func (d *Directive) SignedAt() time.Time {
	var first time.Time
	for _, s := range d.Signatures {
		if !s.At.IsZero() && (first.IsZero() || s.At.Before(first)) {
			first = s.At
		}
	}
	return first
}

// Concerns reports whether the task falls to the unit.
func (t Task) Concerns(unit string) bool {
	for _, u := range t.AssigneeUnits {
		if u == unit {
			return true
		}
	}
	return false
}

// Addressed reports whether the directive was sent to the unit.
func (d *Directive) Addressed(unit string) bool {
	for _, u := range d.Units {
		if u == unit {
			return true
		}
	}
	return false
}

// UnreadableError reports stored directives that could not be read back
// (damaged or written by an incompatible version), by ID. It comes with
// the directives that could: one bad record never hides the rest.
type UnreadableError struct {
	IDs []string
	Err error // the first failure
}

func (e *UnreadableError) Error() string {
	return fmt.Sprintf("%d stored directive(s) unreadable (%s): %v", len(e.IDs), strings.Join(e.IDs, ", "), e.Err)
}

func (e *UnreadableError) Unwrap() error { return e.Err }
