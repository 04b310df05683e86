package knowledge

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

var (
	pdfObjRe      = regexp.MustCompile(`(\d+)\s+\d+\s+obj\b`)
	pdfToUniRe    = regexp.MustCompile(`/ToUnicode\s+(\d+)\s+\d+\s+R`)
	pdfFontDictRe = regexp.MustCompile(`/Font\s*<<((?s:.*?))>>`)
	pdfFontRefRe  = regexp.MustCompile(`/Font\s+(\d+)\s+\d+\s+R`)
	pdfNameRefRe  = regexp.MustCompile(`/([^\s/<>\[\]()]+)\s+(\d+)\s+\d+\s+R`)
	pdfContentsRe = regexp.MustCompile(`/Contents\s*(?:(\d+)\s+\d+\s+R|\[([^\]]*)\])`)
	pdfRefRe      = regexp.MustCompile(`(\d+)\s+\d+\s+R`)
	pdfPageRe     = regexp.MustCompile(`/Type\s*/Page\b`)
	pdfBfRe       = regexp.MustCompile(`(?s)beginbf(char|range)(.*?)endbf(?:char|range)`)
	pdfHexRe      = regexp.MustCompile(`<([0-9A-Fa-f\s]*)>|\[([^\]]*)\]`)
)

// pdfObject is one object of a PDF file: its dictionary and decoded stream.
type pdfObject struct {
	dict   string
	stream []byte
}

// pdfCMap maps character codes of a font to text.
type pdfCMap struct {
	bytes int
	m     map[uint32]string
}

// extractPDF returns the text of a PDF whose content streams are
// uncompressed or Flate-compressed and draw text with Tj/TJ, mapping codes
// through the fonts' ToUnicode tables. Anything else (a scanned PDF, other
// compression, encryption) gives ErrUnsupported.
func extractPDF(data []byte) (string, error) {
	if bytes.Contains(data, []byte("/Encrypt")) {
		return "", fmt.Errorf("tệp PDF được mã hóa: %w", ErrUnsupported)
	}
	objs := map[int]*pdfObject{}
	var order []int
	budget := maxDocxPart
	locs := pdfObjRe.FindAllSubmatchIndex(data, -1)
	for k, m := range locs {
		num, _ := strconv.Atoi(string(data[m[2]:m[3]]))
		end := len(data)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		body := data[m[1]:end]
		if e := bytes.Index(body, []byte("endobj")); e >= 0 {
			body = body[:e]
		}
		o := &pdfObject{dict: string(body)}
		if s := bytes.Index(body, []byte("stream")); s >= 0 {
			o.dict = string(body[:s])
			raw := body[s+len("stream"):]
			raw = bytes.TrimLeft(raw, "\r\n")
			if e := bytes.LastIndex(raw, []byte("endstream")); e >= 0 {
				raw = raw[:e]
			}
			o.stream = pdfDecode(o.dict, raw, &budget)
		}
		if _, dup := objs[num]; !dup {
			order = append(order, num)
		}
		objs[num] = o
		if strings.Contains(o.dict, "/ObjStm") && o.stream != nil {
			for n, d := range pdfObjStm(o.dict, o.stream) {
				if _, ok := objs[n]; !ok {
					objs[n] = &pdfObject{dict: d}
					order = append(order, n)
				}
			}
		}
	}
	if budget < 0 {
		return "", ErrTooLarge
	}
	// Fonts: resource name → ToUnicode map.
	fonts := map[string]*pdfCMap{}
	addFonts := func(pairs string) {
		for _, m := range pdfNameRefRe.FindAllStringSubmatch(pairs, -1) {
			if _, ok := fonts[m[1]]; ok {
				continue
			}
			n, _ := strconv.Atoi(m[2])
			f := objs[n]
			if f == nil {
				continue
			}
			if t := pdfToUniRe.FindStringSubmatch(f.dict); t != nil {
				c, _ := strconv.Atoi(t[1])
				if cm := objs[c]; cm != nil && cm.stream != nil {
					fonts[m[1]] = parseCMap(cm.stream)
				}
			}
		}
	}
	for _, n := range order {
		d := objs[n].dict
		for _, m := range pdfFontDictRe.FindAllStringSubmatch(d, -1) {
			addFonts(m[1])
		}
		for _, m := range pdfFontRefRe.FindAllStringSubmatch(d, -1) {
			r, _ := strconv.Atoi(m[1])
			if o := objs[r]; o != nil {
				addFonts(o.dict)
			}
		}
	}
	// Content streams, page by page.
	var contents []int
	seen := map[int]bool{}
	for _, n := range order {
		d := objs[n].dict
		if !pdfPageRe.MatchString(d) {
			continue
		}
		if m := pdfContentsRe.FindStringSubmatch(d); m != nil {
			refs := m[1]
			if refs == "" {
				refs = m[2]
			} else {
				refs += " 0 R"
			}
			for _, r := range pdfRefRe.FindAllStringSubmatch(refs, -1) {
				c, _ := strconv.Atoi(r[1])
				if !seen[c] {
					seen[c] = true
					contents = append(contents, c)
				}
			}
		}
	}
	if len(contents) == 0 {
		for _, n := range order {
			if s := objs[n].stream; s != nil && bytes.Contains(s, []byte("BT")) {
				contents = append(contents, n)
			}
		}
	}
	var out strings.Builder
	for _, c := range contents {
		if o := objs[c]; o != nil && o.stream != nil {
			pdfText(o.stream, fonts, &out)
			out.WriteString("\n")
		}
	}
	text := out.String()
	letters, bad := 0, 0
	for _, r := range text {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == utf8.RuneError || (unicode.IsControl(r) && r != '\n' && r != '\t') || unicode.Is(unicode.Co, r):
			bad++
		}
	}
	if letters < 20 || bad*5 > letters {
		return "", fmt.Errorf("tệp PDF không có lớp chữ đọc được (có thể là bản quét); hãy gửi bản .docx: %w", ErrUnsupported)
	}
	return text, nil
}

// pdfDecode decodes a stream that is uncompressed or Flate-compressed; nil
// for any other filter.
func pdfDecode(dict string, raw []byte, budget *int) []byte {
	if !strings.Contains(dict, "/Filter") {
		return raw
	}
	if strings.Count(dict, "/Filter") != 1 || !strings.Contains(dict, "/FlateDecode") ||
		strings.Contains(dict, "/DCTDecode") || strings.Contains(dict, "/LZWDecode") || strings.Contains(dict, "/ASCII85Decode") {
		return nil
	}
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil
	}
	defer zr.Close()
	b, _ := io.ReadAll(io.LimitReader(zr, int64(max(*budget, 0))+1))
	*budget -= len(b)
	if *budget < 0 {
		return nil
	}
	return b
}

// pdfObjStm returns the dictionaries of the objects packed in an object stream.
func pdfObjStm(dict string, s []byte) map[int]string {
	out := map[int]string{}
	first := 0
	if m := regexp.MustCompile(`/First\s+(\d+)`).FindStringSubmatch(dict); m != nil {
		first, _ = strconv.Atoi(m[1])
	}
	if first <= 0 || first > len(s) {
		return out
	}
	nums := strings.Fields(string(s[:first]))
	for i := 0; i+1 < len(nums); i += 2 {
		n, err1 := strconv.Atoi(nums[i])
		off, err2 := strconv.Atoi(nums[i+1])
		if err1 != nil || err2 != nil || first+off > len(s) {
			continue
		}
		end := len(s)
		if i+3 < len(nums) {
			if o2, err := strconv.Atoi(nums[i+3]); err == nil && first+o2 <= len(s) && o2 >= off {
				end = first + o2
			}
		}
		out[n] = string(s[first+off : end])
	}
	return out
}

// parseCMap reads the bfchar and bfrange entries of a ToUnicode CMap.
func parseCMap(s []byte) *pdfCMap {
	cm := &pdfCMap{bytes: 1, m: map[uint32]string{}}
	if m := regexp.MustCompile(`begincodespacerange\s*<([0-9A-Fa-f]+)>`).FindSubmatch(s); m != nil {
		cm.bytes = max(len(m[1])/2, 1)
	}
	for _, blk := range pdfBfRe.FindAllSubmatch(s, -1) {
		var toks []string
		for _, t := range pdfHexRe.FindAllSubmatch(blk[2], -1) {
			if t[1] != nil {
				toks = append(toks, "<"+string(t[1]))
			} else {
				toks = append(toks, "["+string(t[2]))
			}
		}
		if string(blk[1]) == "char" {
			for i := 0; i+1 < len(toks); i += 2 {
				cm.m[hexNum(toks[i][1:])] = utf16Hex(toks[i+1][1:])
			}
			continue
		}
		for i := 0; i+2 < len(toks); i += 3 {
			lo, hi := hexNum(toks[i][1:]), hexNum(toks[i+1][1:])
			if hi < lo || hi-lo > 0xffff {
				continue
			}
			if toks[i+2][0] == '[' {
				arr := pdfHexRe.FindAllStringSubmatch(toks[i+2][1:], -1)
				for k, a := range arr {
					cm.m[lo+uint32(k)] = utf16Hex(a[1])
				}
				continue
			}
			base := []rune(utf16Hex(toks[i+2][1:]))
			if len(base) == 0 {
				continue
			}
			for c := lo; c <= hi; c++ {
				r := append([]rune(nil), base...)
				r[len(r)-1] += rune(c - lo)
				cm.m[c] = string(r)
			}
		}
	}
	return cm
}

func hexNum(s string) uint32 {
	n, _ := strconv.ParseUint(strings.Join(strings.Fields(s), ""), 16, 32)
	return uint32(n)
}

func hexBytes(s string) []byte {
	s = strings.Join(strings.Fields(s), "")
	if len(s)%2 == 1 {
		s += "0"
	}
	b := make([]byte, len(s)/2)
	for i := range b {
		v, _ := strconv.ParseUint(s[2*i:2*i+2], 16, 8)
		b[i] = byte(v)
	}
	return b
}

func utf16Hex(s string) string {
	b := hexBytes(s)
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// pdfText writes the text a content stream draws.
func pdfText(s []byte, fonts map[string]*pdfCMap, out *strings.Builder) {
	var font *pdfCMap
	var operands []string
	var strs [][]byte
	var lastY float64
	show := func(b []byte) {
		switch {
		case font != nil && len(font.m) > 0:
			for i := 0; i+font.bytes <= len(b); i += font.bytes {
				var c uint32
				for k := 0; k < font.bytes; k++ {
					c = c<<8 | uint32(b[i+k])
				}
				out.WriteString(font.m[c])
			}
		case len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff:
			u := make([]uint16, (len(b)-2)/2)
			for i := range u {
				u[i] = uint16(b[2+2*i])<<8 | uint16(b[3+2*i])
			}
			out.WriteString(string(utf16.Decode(u)))
		default:
			for _, c := range b {
				out.WriteRune(rune(c))
			}
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '(':
			b, n := pdfLiteral(s[i:])
			strs = append(strs, b)
			i += n
		case c == '<' && i+1 < len(s) && s[i+1] != '<':
			e := bytes.IndexByte(s[i:], '>')
			if e < 0 {
				return
			}
			strs = append(strs, hexBytes(string(s[i+1:i+e])))
			i += e + 1
		case c == '[':
			strs = strs[:0]
			i++
		case c == ']':
			i++
		case c == '%':
			for i < len(s) && s[i] != '\n' && s[i] != '\r' {
				i++
			}
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			i++
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \n\r\t\f\x00()<>[]/%", rune(s[j])) {
				j++
			}
			if j == i {
				j = i + 1
				for j < len(s) && !strings.ContainsRune(" \n\r\t\f\x00()<>[]/%", rune(s[j])) {
					j++
				}
			}
			tok := string(s[i:j])
			i = j
			switch tok {
			case "Tj", "'", "\"", "TJ":
				if tok != "Tj" && tok != "TJ" {
					out.WriteString("\n")
				}
				for _, b := range strs {
					show(b)
				}
				strs = strs[:0]
				operands = operands[:0]
			case "Tf":
				if len(operands) >= 2 {
					font = fonts[strings.TrimPrefix(operands[len(operands)-2], "/")]
				}
				operands = operands[:0]
			case "Td", "TD", "Tm":
				if len(operands) >= 2 {
					y, _ := strconv.ParseFloat(operands[len(operands)-1], 64)
					if tok == "Tm" {
						if y != lastY {
							out.WriteString("\n")
						}
						lastY = y
					} else if y != 0 {
						out.WriteString("\n")
					}
				}
				operands = operands[:0]
			case "T*":
				out.WriteString("\n")
			case "ET":
				out.WriteString("\n")
				strs = strs[:0]
			default:
				if strings.HasPrefix(tok, "/") || tok[0] == '-' || tok[0] == '.' || (tok[0] >= '0' && tok[0] <= '9') {
					operands = append(operands, tok)
				} else {
					operands = operands[:0]
				}
			}
		}
	}
}

// pdfLiteral reads a literal string "(…)" and returns its bytes and length.
func pdfLiteral(s []byte) ([]byte, int) {
	var b []byte
	depth := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '(':
			if depth > 0 {
				b = append(b, c)
			}
			depth++
		case ')':
			depth--
			if depth == 0 {
				return b, i + 1
			}
			b = append(b, c)
		case '\\':
			if i+1 >= len(s) {
				return b, len(s)
			}
			i++
			switch e := s[i]; e {
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'b', 'f':
			case '\r', '\n':
			default:
				if e >= '0' && e <= '7' {
					v := 0
					k := 0
					for k < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7' {
						v = v*8 + int(s[i]-'0')
						i++
						k++
					}
					i--
					b = append(b, byte(v))
				} else {
					b = append(b, e)
				}
			}
		default:
			b = append(b, c)
		}
	}
	return b, len(s)
}
