package knowledge

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBadInput(t *testing.T) {
	p := NewParser(testUnits(t), testGroups()...)
	tests := []struct {
		name string
		file string
		data []byte
		want error
	}{
		{"empty", "a.md", nil, ErrEmpty},
		{"blank", "a.txt", []byte(" \n\t\n"), ErrEmpty},
		{"binary", "a.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), ErrBinary},
		{"image by name", "scan.jpg", []byte("\xff\xd8\xff\xe0 JFIF"), ErrBinary},
		{"too large", "a.md", bytes.Repeat([]byte("a"), MaxFileSize+1), ErrTooLarge},
		{"broken docx", "a.docx", []byte("PK\x03\x04 this is not a zip"), ErrBadDocx},
		{"docx without document", "a.docx", docxWithout(t), ErrBadDocx},
		{"invalid utf-8", "a.txt", []byte("Kính g\xe1\xbb\xad\xff\xfei: Ph\xf2ng N\xe9i v\xf9"), ErrEncoding},
		{"word 97", "a.doc", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"), ErrUnsupported},
		{"scanned pdf", "a.pdf", []byte("%PDF-1.4\n1 0 obj\n<< /Type /XObject /Filter /DCTDecode >>\nstream\n\xff\xd8\xff\nendstream\nendobj\n"), ErrUnsupported},
		{"shopping list", "list.txt", []byte("- trứng\n- sữa\n- bánh mì\n"), ErrNotDirective},
		{"novel", "truyen.txt", []byte("Chương một\n\nTrời đã về chiều. Cô bé ngồi bên cửa sổ nhìn ra con đường làng, chờ mẹ đi chợ về.\n\nGió thổi nhẹ qua hàng tre.\n"), ErrNotDirective},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := p.Parse(tt.file, tt.data)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if err.Error() == "" {
				t.Error("empty error message")
			}
		})
	}
}

func docxWithout(t *testing.T) []byte {
	b := docxFixture(t)
	return bytes.Replace(b, []byte("word/document.xml"), []byte("word/documenx.xml"), -1)
}

func TestExtractFormats(t *testing.T) {
	// UTF-16 with a byte-order mark, as Notepad saves.
	u16 := []byte{0xff, 0xfe}
	for _, r := range "Số: 5/UBND\n1. Giao Phòng Nội vụ." {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	if s, err := Extract("a.txt", u16); err != nil || !strings.Contains(s, "Phòng Nội vụ") {
		t.Errorf("utf-16: %q %v", s, err)
	}
	// A PDF is the engines' (package files): refused here, never read as
	// text.
	pdf := "%PDF-1.4\n1 0 obj\n<< /Type /Page /Contents 2 0 R >>\nendobj\n"
	if s, err := Extract("a.pdf", []byte(pdf)); !errors.Is(err, ErrUnsupported) {
		t.Errorf("pdf: %q %v, want ErrUnsupported", s, err)
	}
	// NFD input comes out NFC.
	if s, _ := Extract("a.md", []byte("Ho\u0300a Bi\u0300nh")); s != "Hòa Bình" {
		t.Errorf("nfd: %q", s)
	}
}

// FuzzParse checks that no input makes the parser, the index or the
// formatting panic. An input is either a small file of its own (data, with
// a name ending in one of exts) or a piece spliced into one of the
// directives of testdata: base picks which, at says where, and with over
// set the piece overwrites the text there rather than going in.
//
// Go minimizes every input that finds new coverage, for up to a minute,
// trying a number of candidates that grows with the square of the input's
// length; meanwhile the fuzzer reports 0 execs/s. Mutating whole 7 KB
// directives kept both workers minimizing for whole runs. Splicing keeps
// the fuzzer working inside real directives while what it minimizes is
// never longer than maxPiece (or maxFile) bytes: bytes beyond are ignored,
// so minimizing cuts them at once. An input takes a few milliseconds, so
// minimizing one takes a few seconds at most.
func FuzzParse(f *testing.F) {
	const (
		maxPiece = 48
		maxFile  = 96
	)
	type base struct {
		name string
		data []byte
	}
	var bases []base
	for _, p := range []string{"testdata/dev/vanquan-cchc-2024.md", "testdata/dev/synthetic-kehoach-cds-2025.md",
		"testdata/cv-giao-tnmt-2025.txt", "testdata/qd-ban-chi-dao-2025.md"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		bases = append(bases, base{filepath.Base(p), b})
	}
	bases = append(bases, base{"ngay-sach.docx", docxFixture(f)})
	exts := []string{".md", ".txt", ".docx", ".pdf", "", ".doc", ".png"}
	for k, b := range bases {
		f.Add(uint8(k), uint16(0), false, []byte{})
		f.Add(uint8(k), uint16(len(b.data)/2), false, []byte("\n2. Giao Phòng Nội vụ trước ngày 20 hằng tháng.\n"))
		f.Add(uint8(k), uint16(len(b.data)/3), true, []byte("<sup>1</sup>"))
	}
	for _, s := range []string{"", "Số:", "Kính gửi:", "Nơi nhận:", "1.", "I.\na)", "<sup>1</sup>", "1 Tại", "Điều 1.", "V/v",
		"KT. CHỦ TỊCH", "ngày 32/13/2025", "trước ngày 20 hằng tháng", "\ue000\ue001", "| a | b |", "**", "PK\x03\x04",
		"%PDF-1.4\nstream\nBT (x) Tj ET\nendstream", "P \u0342"} {
		f.Add(uint8(len(bases)), uint16(0), false, []byte(s))
	}
	p := NewParser(testUnits(f), testGroups()...)
	// One index for the whole run, emptied after each input: an index
	// built anew for each input spends most of its time growing its maps.
	ix := newIndex(p.Resolver(), newIntentTable())
	f.Fuzz(func(t *testing.T, which uint8, at uint16, over bool, data []byte) {
		var name string
		if k := int(which) % (len(bases) + len(exts)); k < len(bases) {
			b := bases[k].data
			data = data[:min(len(data), maxPiece)]
			i := int(at) % (len(b) + 1)
			j := i
			if over {
				j = min(len(b), i+len(data))
			}
			data = append(append(append([]byte{}, b[:i]...), data...), b[j:]...)
			name = bases[k].name
		} else {
			data = data[:min(len(data), maxFile)]
			name = "x" + exts[k-len(bases)]
		}
		d, err := p.Parse(name, data)
		if err != nil {
			return
		}
		ix.Add(d)
		for _, q := range []string{"nhiệm vụ 1 hạn khi nào", "ai ký", "phòng nội vụ làm gì", string(data[:min(len(data), 40)])} {
			ix.Ask(Query{Text: q, Unit: "phong-noi-vu"})
		}
		ix.Remove(d.ID)
		if n := ix.Len(); n != 0 {
			t.Fatalf("index holds %d directives after removing the only one", n)
		}
		FormatDirective(d, p.Resolver())
	})
}
