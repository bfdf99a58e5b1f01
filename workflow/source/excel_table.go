package source

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// excelCell is one cell below the header: its text, and its instant when
// the workbook shows it as a date.
type excelCell struct {
	text   string
	when   time.Time
	isDate bool
}

// table types the columns under the 1-based header row.
func (g *excelGrid) table(ctx context.Context, where string, header int, spec Spec, report progress.Func) (*data.Table, error) {
	rows, nums := g.dataRows(header, spec.Limit)
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: there are no data rows below the header row %d", where, header)
	}
	head := g.rows[header-1]
	w := width(head, rows)
	names := make([]string, w)
	for c := range names {
		if c < len(head) {
			names[c] = head[c]
		}
	}
	names, issues := data.FixNames(fmt.Sprintf("%s, row %d", where, header), names)
	opt := spec.parseOptions(data.ParseOptions{})
	cols := make([]data.Column, w)
	infs := make([]data.Inference, w)
	for c := 0; c < w; c++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		cells := make([]excelCell, len(rows))
		for i, r := range rows {
			if c < len(r) {
				cells[i] = g.classify(r[c], c+1, nums[i])
			}
		}
		col, inf, err := excelColumn(where, names[c], cells, opt, nums[0])
		if err != nil {
			return nil, err
		}
		cols[c], infs[c] = col, inf
		report.Send(float64(c+1)/float64(w), "typing columns")
	}
	return assemble(where, cols, infs, issues)
}

// classify reads a raw cell: numbers shown as dates become instants, the
// booleans TRUE and FALSE become "true" and "false", the rest stays text.
func (g *excelGrid) classify(raw string, col, row int) excelCell {
	if strings.TrimSpace(raw) == "" {
		return excelCell{}
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return excelCell{text: raw}
	}
	axis, _ := excelize.CoordinatesToCellName(col, row)
	if raw == "0" || raw == "1" {
		if t, err := g.f.GetCellType(g.sheet, axis); err == nil && t == excelize.CellTypeBool {
			return excelCell{text: strconv.FormatBool(raw == "1")}
		}
	}
	if g.isDateStyle(axis) {
		if t, err := g.excelTime(v); err == nil {
			return excelCell{text: raw, when: t.Round(time.Millisecond), isDate: true}
		}
	}
	return excelCell{text: raw}
}

// excelColumn builds a datetime column when every present cell is a date,
// else hands the texts (dates written out) to the shared inference.
func excelColumn(where, name string, cells []excelCell, opt data.ParseOptions, firstRow int) (data.Column, data.Inference, error) {
	allDates, present, clock := true, 0, false
	for _, c := range cells {
		if c.text == "" {
			continue
		}
		present++
		if !c.isDate {
			allDates = false
		} else if c.when.Hour() != 0 || c.when.Minute() != 0 || c.when.Second() != 0 || c.when.Nanosecond() != 0 {
			clock = true
		}
	}
	layout := "2006-01-02"
	if clock {
		layout = "2006-01-02 15:04:05"
	}
	if allDates && present > 0 {
		vals := make([]int64, len(cells))
		miss := data.NewMask(len(cells))
		for i, c := range cells {
			if c.text == "" {
				miss.Set(i)
				continue
			}
			vals[i] = c.when.UnixNano()
		}
		col := data.NewDatetime(name, vals, miss, layout)
		return col, declaredInference(col, fmt.Sprintf("the workbook formats all %d present cells as dates", present)), nil
	}
	texts := make([]string, len(cells))
	for i, c := range cells {
		texts[i] = c.text
		if c.isDate {
			texts[i] = c.when.Format(layout)
		}
	}
	return textColumn(where, name, texts, opt, firstRow)
}
