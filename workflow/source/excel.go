package source

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// ErrNoSheet is wrapped when the requested worksheet does not exist.
var ErrNoSheet = errors.New("no such sheet")

// Sheets lists the worksheets of an .xlsx workbook in their order.
func Sheets(path string) (names []string, err error) {
	err = guard(path, func() error {
		f, err := openWorkbook(path)
		if err != nil {
			return err
		}
		defer f.Close()
		names = f.GetSheetList()
		return nil
	})
	return names, err
}

func openWorkbook(path string) (*excelize.File, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot open the workbook (is it a complete .xlsx file?): %w", path, err)
	}
	return f, nil
}

// excelGrid is a worksheet read as raw cell texts, with what the workbook
// says about the cells that need it.
type excelGrid struct {
	f     *excelize.File
	sheet string
	rows  [][]string
	dates map[int]bool // style index -> has a date number format
	d1904 bool
}

func loadExcel(ctx context.Context, spec Spec, report progress.Func) (*data.Table, error) {
	f, err := openWorkbook(spec.Path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheet, err := pickSheet(f, spec)
	if err != nil {
		return nil, err
	}
	where := fmt.Sprintf("%s, sheet %q", spec.Path, sheet)
	report.Send(0.05, "reading the sheet")
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g := &excelGrid{f: f, sheet: sheet, rows: rows, dates: map[int]bool{}}
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		g.d1904 = *p.Date1904
	}
	filled, err := g.fillMerged()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	header := spec.HeaderRow
	if header == 0 {
		header = g.guessHeader(filled)
	}
	if header == 0 {
		return nil, fmt.Errorf("%s: the sheet is empty", where)
	}
	if header > len(g.rows) {
		return nil, fmt.Errorf("%s: the header row %d is below the last row with data (%d)", where, header, len(g.rows))
	}
	report.Send(0.3, "typing columns")
	return g.table(ctx, where, header, spec, report.Scale(0.3, 0.95))
}

func pickSheet(f *excelize.File, spec Spec) (string, error) {
	list := f.GetSheetList()
	if spec.Sheet == "" {
		if len(list) == 0 {
			return "", fmt.Errorf("%s: the workbook has no sheets", spec.Path)
		}
		return list[0], nil
	}
	for _, s := range list {
		if s == spec.Sheet {
			return s, nil
		}
	}
	for _, s := range list {
		if strings.EqualFold(s, spec.Sheet) {
			return s, nil
		}
	}
	return "", fmt.Errorf("%s: %w %q (the sheets are %s)", spec.Path, ErrNoSheet, spec.Sheet, quoteList(list))
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// fillMerged copies the value of every merged range into all its cells, so
// that a header merged over two columns names both and a region merged
// down several rows labels each of them. It returns the cells it filled.
func (g *excelGrid) fillMerged() (map[[2]int]bool, error) {
	merged, err := g.f.GetMergeCells(g.sheet, true)
	if err != nil {
		return nil, err
	}
	filled := map[[2]int]bool{}
	for _, m := range merged {
		c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		v := g.cell(r0-1, c0-1)
		if v == "" {
			continue
		}
		for r := r0 - 1; r < r1 && r < len(g.rows); r++ {
			for c := c0 - 1; c < c1; c++ {
				if r == r0-1 && c == c0-1 {
					continue
				}
				for len(g.rows[r]) <= c {
					g.rows[r] = append(g.rows[r], "")
				}
				g.rows[r][c] = v
				filled[[2]int{r, c}] = true
			}
		}
	}
	return filled, nil
}

func (g *excelGrid) cell(r, c int) string {
	if r < 0 || r >= len(g.rows) || c < 0 || c >= len(g.rows[r]) {
		return ""
	}
	return g.rows[r][c]
}

// guessHeader returns the 1-based row of the header: the first row, among
// the first twenty, whose own (not merged-in) cells number at least half of
// the widest row's. A title merged over the table is so skipped.
func (g *excelGrid) guessHeader(filled map[[2]int]bool) int {
	counts := make([]int, min(len(g.rows), 20))
	widest := 0
	for r := range counts {
		for c, v := range g.rows[r] {
			if strings.TrimSpace(v) != "" && !filled[[2]int{r, c}] {
				counts[r]++
			}
		}
		widest = max(widest, counts[r])
	}
	for r, n := range counts {
		if n > 0 && 2*n >= widest {
			return r + 1
		}
	}
	return 0
}

// dataRows returns the rows below the header that hold any value, with
// their 1-based sheet row numbers, up to limit rows (0 = all).
func (g *excelGrid) dataRows(header, limit int) ([][]string, []int) {
	var rows [][]string
	var nums []int
	for r := header; r < len(g.rows); r++ {
		if limit > 0 && len(rows) == limit {
			break
		}
		empty := true
		for _, v := range g.rows[r] {
			if strings.TrimSpace(v) != "" {
				empty = false
				break
			}
		}
		if !empty {
			rows = append(rows, g.rows[r])
			nums = append(nums, r+1)
		}
	}
	return rows, nums
}

// width is the number of columns that have a header or a value.
func width(header []string, rows [][]string) int {
	w := 0
	for c, v := range header {
		if strings.TrimSpace(v) != "" {
			w = c + 1
		}
	}
	for _, r := range rows {
		for c := len(r) - 1; c >= w; c-- {
			if strings.TrimSpace(r[c]) != "" {
				w = c + 1
				break
			}
		}
	}
	return w
}

// isDateStyle reports whether the cell's number format shows a date,
// caching the answer per style.
func (g *excelGrid) isDateStyle(axis string) bool {
	idx, err := g.f.GetCellStyle(g.sheet, axis)
	if err != nil {
		return false
	}
	if v, ok := g.dates[idx]; ok {
		return v
	}
	v := false
	if st, err := g.f.GetStyle(idx); err == nil {
		code := ""
		if st.CustomNumFmt != nil {
			code = *st.CustomNumFmt
		}
		v = isDateFormat(st.NumFmt, code)
	}
	g.dates[idx] = v
	return v
}

// isDateFormat reports whether a number format shows dates or times: one of
// the built-in date formats (14-22, 27-36, 45-47, 50-58), or a format code
// with day, month, year or hour letters outside quotes and brackets.
func isDateFormat(id int, code string) bool {
	if id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58 {
		return true
	}
	inQuote, inBracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == '[':
			inBracket = true
		case c == ']':
			inBracket = false
		case inBracket:
		case c == '\\' || c == '_' || c == '*':
			i++
		case strings.IndexByte("dmyhsDMYHS", c) >= 0:
			return true
		}
	}
	return false
}

// excelTime converts a serial date.
func (g *excelGrid) excelTime(v float64) (time.Time, error) {
	return excelize.ExcelDateToTime(v, g.d1904)
}
