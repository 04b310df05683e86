// Package export writes the office's status tables as an Excel workbook
// (.xlsx): one sheet per directive, a row per unit. It is the only package
// that imports excelize; callers hand it plain rows of text.
package export

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Sheet is one table of the workbook.
type Sheet struct {
	// Name is the tab name; it is shortened to Excel's 31 characters and made
	// unique, and the characters Excel forbids are replaced.
	Name string
	// Title is written above the table (the directive's number and subject).
	Title string
	// Header names the columns.
	Header []string
	// Rows are the table's rows, each as long as Header or shorter.
	Rows [][]string
	// Notes are lines written under the table (totals, the time of export).
	Notes []string
}

// maxSheetName is Excel's limit on a tab name, in characters.
const maxSheetName = 31

// Workbook returns an .xlsx file holding the sheets in order.
func Workbook(sheets []Sheet) ([]byte, error) {
	if len(sheets) == 0 {
		return nil, fmt.Errorf("write workbook: no sheets")
	}
	f := excelize.NewFile()
	defer f.Close()

	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, fmt.Errorf("write workbook: header style: %w", err)
	}
	head, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
		Border:    borders(),
	})
	if err != nil {
		return nil, fmt.Errorf("write workbook: header style: %w", err)
	}
	cell, err := f.NewStyle(&excelize.Style{
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Border:    borders(),
	})
	if err != nil {
		return nil, fmt.Errorf("write workbook: cell style: %w", err)
	}

	used := make(map[string]bool)
	for i, s := range sheets {
		name := sheetName(s.Name, i, used)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, fmt.Errorf("write workbook: name sheet %q: %w", name, err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, fmt.Errorf("write workbook: add sheet %q: %w", name, err)
		}
		if err := writeSheet(f, name, s, bold, head, cell); err != nil {
			return nil, fmt.Errorf("write workbook: sheet %q: %w", name, err)
		}
	}
	f.SetActiveSheet(0)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("write workbook: %w", err)
	}
	return buf.Bytes(), nil
}

func writeSheet(f *excelize.File, name string, s Sheet, bold, head, cell int) error {
	row := 1
	if s.Title != "" {
		if err := f.SetCellStr(name, "A1", s.Title); err != nil {
			return err
		}
		if err := f.SetCellStyle(name, "A1", "A1", bold); err != nil {
			return err
		}
		row = 3
	}
	headerRow := row
	widths := make([]int, len(s.Header))
	for c, h := range s.Header {
		widths[c] = utf8.RuneCountInString(h)
	}
	if err := setRow(f, name, row, s.Header); err != nil {
		return err
	}
	if len(s.Header) > 0 {
		if err := styleRow(f, name, row, len(s.Header), head); err != nil {
			return err
		}
	}
	for _, r := range s.Rows {
		row++
		if err := setRow(f, name, row, r); err != nil {
			return err
		}
		if err := styleRow(f, name, row, max(len(r), len(s.Header)), cell); err != nil {
			return err
		}
		for c, v := range r {
			if c < len(widths) {
				widths[c] = max(widths[c], longestLine(v))
			}
		}
	}
	for c, w := range widths {
		col, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(name, col, col, float64(min(max(w, 8), 60)+2)); err != nil {
			return err
		}
	}
	if len(s.Header) > 0 {
		if err := f.SetPanes(name, &excelize.Panes{
			Freeze: true, XSplit: 1, YSplit: headerRow,
			TopLeftCell: mustCell(2, headerRow+1), ActivePane: "bottomRight",
		}); err != nil {
			return err
		}
	}
	row++
	for _, n := range s.Notes {
		row++
		if err := f.SetCellStr(name, mustCell(1, row), n); err != nil {
			return err
		}
	}
	return nil
}

func setRow(f *excelize.File, sheet string, row int, values []string) error {
	for c, v := range values {
		if err := f.SetCellStr(sheet, mustCell(c+1, row), v); err != nil {
			return err
		}
	}
	return nil
}

func styleRow(f *excelize.File, sheet string, row, cols, style int) error {
	return f.SetCellStyle(sheet, mustCell(1, row), mustCell(cols, row), style)
}

// mustCell names a cell; col and row are always positive here.
func mustCell(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return "A1"
	}
	return name
}

func borders() []excelize.Border {
	var b []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		b = append(b, excelize.Border{Type: side, Color: "BFBFBF", Style: 1})
	}
	return b
}

func longestLine(s string) int {
	n := 0
	for _, line := range strings.Split(s, "\n") {
		n = max(n, utf8.RuneCountInString(line))
	}
	return n
}

// sheetName makes a valid, unique tab name.
func sheetName(want string, i int, used map[string]bool) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(want))
	clean = strings.Trim(clean, "'")
	if clean == "" {
		clean = fmt.Sprintf("Trang %d", i+1)
	}
	name := truncate(clean, maxSheetName)
	for n := 2; used[strings.ToLower(name)]; n++ {
		suffix := fmt.Sprintf(" (%d)", n)
		name = truncate(clean, maxSheetName-utf8.RuneCountInString(suffix)) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
