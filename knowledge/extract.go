package knowledge

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Extract returns the text of a directive file read in process: Markdown
// and plain text as they are, a .docx document's paragraphs with their
// automatic numbering and footnotes. PDFs, images and .doc files are read
// by engines (package files); here they give ErrUnsupported.
// The text is NFC-normalised (Normalize). Input that cannot be read gives
// one of ErrEmpty, ErrBinary, ErrTooLarge, ErrUnsupported, ErrBadDocx or
// ErrEncoding, possibly wrapped with detail.
func Extract(name string, data []byte) (string, error) {
	if len(data) > MaxFileSize {
		return "", ErrTooLarge
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", ErrEmpty
	}
	ext := strings.ToLower(filepath.Ext(name))
	var (
		text string
		err  error
	)
	switch {
	case ext == ".docx" || ext == ".docm" || ext == ".dotx":
		text, err = extractDocx(data)
	case ext == ".pdf" || bytes.HasPrefix(data, []byte("%PDF-")):
		return "", fmt.Errorf("tệp PDF cần bộ đọc tệp (knowledge/files): %w", ErrUnsupported)
	case ext == ".doc" || bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return "", fmt.Errorf("tệp Word 97–2003 (.doc) cần bộ đọc tệp (knowledge/files): %w", ErrUnsupported)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		if ext == ".txt" || ext == ".md" || ext == ".zip" || ext == ".xlsx" || ext == ".pptx" || ext == ".odt" {
			return "", fmt.Errorf("tệp nén hoặc tài liệu không phải Word (%s): %w", extOrNone(ext), ErrUnsupported)
		}
		text, err = extractDocx(data)
	default:
		if ext != "" && isKnownBinaryExt(ext) {
			return "", fmt.Errorf("tệp %s: %w", ext, ErrBinary)
		}
		text, err = decodeText(data)
	}
	if err != nil {
		return "", err
	}
	text = Normalize(text)
	if strings.TrimSpace(text) == "" {
		return "", ErrEmpty
	}
	return text, nil
}

func extOrNone(ext string) string {
	if ext == "" {
		return "không có phần mở rộng"
	}
	return ext
}

func isKnownBinaryExt(ext string) bool {
	switch ext {
	case ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic",
		".mp3", ".mp4", ".wav", ".ogg", ".avi", ".mov", ".exe", ".dll", ".so", ".bin",
		".gz", ".tgz", ".7z", ".rar", ".bz2", ".xz":
		return true
	}
	return false
}

// decodeText decodes plain text: UTF-8 (with or without a byte-order mark)
// or UTF-16 with a byte-order mark.
func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		return decodeUTF16(data)
	}
	if looksBinary(data) {
		return "", ErrBinary
	}
	if !utf8.Valid(data) {
		return "", ErrEncoding
	}
	return string(data), nil
}

// looksBinary reports whether data holds NUL bytes or many control bytes,
// as images, archives and executables do and text never does.
func looksBinary(data []byte) bool {
	sample := data
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
	}
	if bytes.IndexByte(sample, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range sample {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1b {
			ctl++
		}
	}
	return ctl*100 > len(sample)
}

func decodeUTF16(data []byte) (string, error) {
	big := data[0] == 0xfe
	data = data[2:]
	if len(data)%2 != 0 {
		return "", ErrEncoding
	}
	u := make([]uint16, len(data)/2)
	for i := range u {
		if big {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	s := string(utf16.Decode(u))
	if strings.ContainsRune(s, 0) || strings.ContainsRune(s, utf8.RuneError) {
		return "", ErrEncoding
	}
	return s, nil
}
