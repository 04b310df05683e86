package files

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"chidao"
	"chidao/configs"
	"chidao/knowledge"
)

// realFiles are the signed scans in testdata/real with what their
// transcriptions and the set's README say: the kind, the day the file
// was signed (from its stamp, 0–4 days after the issue date, which is
// handwritten) and the ids OCR cannot tell apart from others that are
// valid (misread: the id read → the id written).
var realFiles = []struct {
	name     string
	kind     string
	signed   string // YYYY-MM-DD, the earliest stamp
	misread  map[string]string
	directed bool // a directive to act on (not a Tờ trình, a Báo cáo)
}{
	{"qngai-bc-23-2025", "Báo cáo", "2025-01-24", nil, false},
	{"qngai-ct-01-2021", "Chỉ thị", "2021-01-05", nil, true},
	{"qngai-ct-04-2024", "Chỉ thị", "2024-03-18", nil, true},
	{"qngai-ct-05-2020", "Chỉ thị", "2020-04-16", nil, true},
	// "d)" read as "đ)": a b c đ is a lettering documents use (04/CT).
	{"qngai-ct-07-2018", "Chỉ thị", "2018-03-21", map[string]string{"2.đ": "2.d"}, true},
	{"qngai-ct-08-2018", "Chỉ thị", "2018-04-04", nil, true},
	{"qngai-ct-11-2021", "Chỉ thị", "2021-05-11", nil, true},
	{"qngai-ct-16-2021", "Chỉ thị", "2021-12-27", nil, true},
	{"qngai-cv-575-2025", "Công văn", "2025-02-05", nil, true},
	{"qngai-qd-51-2025", "Quyết định", "2025-01-21", nil, true},
	{"qngai-qd-84-2025", "Quyết định", "2025-02-03", nil, true},
	{"qngai-qd-87-2025", "Quyết định", "2025-02-06", nil, true},
	{"qngai-qd-88-2025", "Quyết định", "2025-02-06", nil, true},
	{"qngai-ttr-01-2025", "Tờ trình", "2025-01-07", nil, false},
}

// maxCER is the most characters in a hundred the reading of a scan may
// get wrong against its transcription, diacritics counted.
const maxCER = 8.0

// TestRealScans reads each signed scan as the office sends it and checks
// the reading against the transcription: the character error rate, the
// stamp read as data, and the directive parsed from it (its kind, issuer,
// tasks, units) against the same facts read from the transcription; no
// number, date or deadline that the text does not give.
func TestRealScans(t *testing.T) {
	needTools(t)
	units := quangNgaiUnits(t)
	p := knowledge.NewParser(units)
	r := New(Options{})
	for _, f := range realFiles {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(filepath.Join("testdata/real", f.name+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			ref, err := os.ReadFile(filepath.Join("testdata/real", f.name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			src, err := r.Read(context.Background(), f.name+".pdf", data, nil)
			if err != nil {
				t.Fatal(err)
			}
			if cer := charErrorRate(string(ref), src.Text); cer > maxCER {
				t.Errorf("character error rate %.1f%%, want at most %.0f%%", cer, maxCER)
			} else {
				t.Logf("character error rate %.1f%%", cer)
			}
			if src.Reading.Format != "pdf" || len(src.Reading.OCRPages) != src.Reading.Pages || src.Reading.Pages == 0 {
				t.Errorf("reading = %+v, want every page read by OCR", src.Reading)
			}
			checkStamp(t, src.Signatures, f.signed)
			d, err := p.ParseSource(f.name+".pdf", src)
			if err != nil {
				t.Fatal(err)
			}
			txt, err := p.ParseText(f.name+".txt", string(ref))
			if err != nil {
				t.Fatal(err)
			}
			checkParsed(t, d, txt, string(ref), f.kind, f.misread)
		})
	}
}

// checkStamp checks that a stamp gives the signing day.
func checkStamp(t *testing.T, sigs []chidao.Signature, day string) {
	t.Helper()
	var first time.Time
	for _, s := range sigs {
		if !s.At.IsZero() && (first.IsZero() || s.At.Before(first)) {
			first = s.At
		}
	}
	if got := first.Format("2006-01-02"); got != day {
		t.Errorf("signed %s (stamps %+v), want %s", got, sigs, day)
	}
}

// checkParsed compares the directive read from a scan with the one read
// from its transcription and the facts the README gives.
func checkParsed(t *testing.T, d, txt *chidao.Directive, ref, kind string, misread map[string]string) {
	t.Helper()
	// The issuer's marks may be misread ("Ngaài"), not its words.
	if d.Kind != kind || charErrorRate("ubnd tinh quang ngai", knowledge.Fold(d.Issuer)) > 10 {
		t.Errorf("kind %q issuer %q, want %q, UBND tỉnh Quảng Ngãi", d.Kind, d.Issuer, kind)
	}
	// The number and the day are handwritten: unread, never guessed.
	if strings.ContainsAny(d.Number, "0123456789") && d.Number != txt.Number {
		t.Errorf("number %q, the text's %q", d.Number, txt.Number)
	}
	if !d.Issued.IsZero() && d.Issued != txt.Issued {
		t.Errorf("issued %v, the text's %v", d.Issued, txt.Issued)
	}
	if d.Year != txt.Year {
		t.Errorf("year %d, want %d", d.Year, txt.Year)
	}
	var ids []string
	for _, tk := range d.Tasks {
		id := tk.ID
		if w, ok := misread[id]; ok {
			id = w
		}
		ids = append(ids, id)
		if !tk.Deadline.IsZero() && !writtenIn(ref, tk.Deadline) {
			t.Errorf("task %s: deadline %v is not in the text", tk.ID, tk.Deadline)
		}
	}
	want := itemIDs(ref)
	switch {
	case !knowledge.Acts(kind):
		want = nil // a Tờ trình, a Báo cáo: no tasks
	case len(want) == 0:
		want = []string{"1"} // a body without items is one task
	}
	if !slices.Equal(ids, want) {
		t.Errorf("tasks %v,\nthe text's items %v", ids, want)
	}
	if !slices.Equal(d.Units, txt.Units) {
		t.Errorf("units %v,\nread from the text %v", d.Units, txt.Units)
	}
}

// writtenIn reports whether a date is written in a text, as Vietnamese
// documents write dates: 5/2/2025, 05/02/2025, ngày 5 tháng 2 năm 2025.
func writtenIn(text string, d chidao.Date) bool {
	re := regexp.MustCompile(`\b0?` + itoa(d.Day) + `\s*[/.-]\s*0?` + itoa(int(d.Month)) + `\b|ngày\s+0?` + itoa(d.Day) + `\s+tháng\s+0?` + itoa(int(d.Month)) + `\b`)
	return re.MatchString(text)
}

func itoa(n int) string { return strconv.Itoa(n) }

// itemIDs reads the items of a transcription by their markers, apart from
// the parser: "Điều 2." with its "1." and "a)" gives "2.1.a", "5." with
// its "a)" "5.a"; the leaves, in order. The numbered items after the
// signature (none here) and the lines of Nơi nhận are not items.
func itemIDs(text string) []string {
	var (
		out       []string
		dieu, num string
		hasChild  = map[string]bool{}
		order     []string
	)
	marker := regexp.MustCompile(`^(?:Điều (\d+)\.|(\d{1,2})\.\s|([a-zđ])\)\s)`)
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "Nơi nhận") {
			break
		}
		m := marker.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		var id string
		switch {
		case m[1] != "":
			dieu, num = m[1], ""
			id = dieu
		case m[2] != "":
			num = m[2]
			id = num
			if dieu != "" {
				id = dieu + "." + num
			}
		default:
			parent := num
			if dieu != "" {
				parent = dieu
				if num != "" {
					parent = dieu + "." + num
				}
			}
			id = parent + "." + m[3]
			hasChild[parent] = true
		}
		if dieu != "" && m[2] != "" {
			hasChild[dieu] = true
		}
		order = append(order, id)
	}
	for _, id := range order {
		if !hasChild[id] {
			out = append(out, id)
		}
	}
	return out
}

// charErrorRate is the edit distance between two texts over the first's
// length, in percent, spaces collapsed, NFC.
func charErrorRate(ref, hyp string) float64 {
	a := []rune(strings.Join(strings.Fields(norm.NFC.String(ref)), " "))
	b := []rune(strings.Join(strings.Fields(norm.NFC.String(hyp)), " "))
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return 100 * float64(prev[len(b)]) / float64(max(len(a), 1))
}

// quangNgaiUnits is the province's unit list of the fixtures.
func quangNgaiUnits(t testing.TB) []chidao.Unit {
	t.Helper()
	f, err := os.Open("testdata/real/units-quangngai.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	u, err := configs.LoadUnits(f)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// needTools fails a test when the engines are missing: scripts/test.sh
// and .ci/run install them. With -short, it skips instead.
func needTools(t testing.TB) {
	t.Helper()
	for _, tl := range lookTools() {
		if tl.path == "" && tl.name != "soffice" {
			if testing.Short() {
				t.Skipf("%s is not installed (package %s)", tl.name, tl.pkg)
			}
			t.Fatalf("%s is not installed: apt-get install %s (scripts/test.sh installs it)", tl.name, tl.pkg)
		}
	}
}
