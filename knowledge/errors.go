package knowledge

import (
	"errors"
	"fmt"
)

// MaxFileSize is the largest directive file read, in bytes; larger input
// gives ErrTooLarge.
const MaxFileSize = 20 << 20

// Errors returned for input that is not a readable directive. Each message
// is a sentence the command line can print as it is; the bot maps them to
// its own replies with errors.Is.
var (
	// ErrEmpty is returned for a file with no text.
	ErrEmpty = errors.New("tệp rỗng, không có nội dung văn bản")
	// ErrBinary is returned for a file that holds binary data, not text.
	ErrBinary = errors.New("tệp không phải văn bản (dữ liệu nhị phân); hãy gửi tệp PDF, ảnh chụp văn bản, .docx, .doc, .txt hoặc .md")
	// ErrTooLarge is returned for input larger than MaxFileSize.
	ErrTooLarge = errors.New("tệp quá lớn (tối đa 20 MB)")
	// ErrUnsupported is returned for a format that cannot be read.
	ErrUnsupported = errors.New("không đọc được định dạng tệp này; hãy gửi tệp PDF, ảnh chụp văn bản, .docx, .doc, .txt hoặc .md")
	// ErrBadDocx is returned for a .docx file that is damaged or not a Word document.
	ErrBadDocx = errors.New("tệp .docx bị hỏng hoặc không phải tài liệu Word")
	// ErrEncoding is returned for text that is not valid UTF-8 (or UTF-16 with a byte-order mark).
	ErrEncoding = errors.New("tệp văn bản không dùng bảng mã UTF-8 (có thể là TCVN3 hoặc VNI); hãy lưu lại bằng Unicode UTF-8")
	// ErrNotDirective is returned for text with no structure of a directive:
	// no number, no recipients, no subject and no numbered tasks.
	ErrNotDirective = errors.New("nội dung không phải văn bản chỉ đạo (không thấy số văn bản, nơi nhận, trích yếu hay các nhiệm vụ)")
	// ErrMissingTool is wrapped by the error of a file that needs a program
	// this machine lacks (knowledge/files); the message names the Debian
	// package to install.
	ErrMissingTool = errors.New("máy chủ thiếu chương trình đọc tệp")
	// ErrTimeout is wrapped by the error of a file whose reading took
	// longer than its budget.
	ErrTimeout = errors.New("đọc tệp quá thời gian cho phép")
	// ErrInternal is returned when reading or indexing one document failed
	// in a way no input should cause (a bug met by this input): the
	// document is refused, the process goes on.
	ErrInternal = errors.New("không xử lý được văn bản này do lỗi của chương trình; hãy báo cán bộ kỹ thuật")
)

// recovered turns a panic met while doing what into an error wrapping
// ErrInternal, so that one bad input is an error for that input and never
// takes the process down. Call it deferred: defer recovered(&err, "…").
func recovered(err *error, what string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: %w (%v)", what, ErrInternal, r)
	}
}
