package source

import (
	"context"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// excelMaxRows is the number of rows of a worksheet, header included.
const excelMaxRows = 1 << 20

// excelMaxText is the longest text an Excel cell holds.
const excelMaxText = 32767

// WriteExcel writes f to w as an .xlsx workbook with one worksheet named
// sheet ("" means "Data"): a header row, then one row per Frame row.
// Numbers are number cells, booleans TRUE/FALSE, datetimes date cells
// formatted yyyy-mm-dd (with hh:mm:ss when the column has times of day),
// categorical and text values strings, missing values empty cells. It fails
// for a Frame longer than a worksheet or a text longer than a cell holds,
// naming the row and column.
func WriteExcel(ctx context.Context, w io.Writer, f *data.Frame, sheet string, report progress.Func) error {
	if f.NumCols() == 0 {
		return data.ErrNoColumns
	}
	if f.NumRows() >= excelMaxRows {
		return fmt.Errorf("%w; this table has %d", errTooManyRows, f.NumRows())
	}
	if sheet == "" {
		sheet = "Data"
	}
	book := excelize.NewFile()
	defer book.Close()
	if err := book.SetSheetName(book.GetSheetName(0), sheet); err != nil {
		return err
	}
	sw, err := book.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	enc, err := excelEncoders(book, f)
	if err != nil {
		return err
	}
	header := make([]any, f.NumCols())
	for j, n := range f.Names() {
		header[j] = n
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	row := make([]any, f.NumCols())
	for i := 0; i < f.NumRows(); i++ {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			report.Send(0.9*float64(i)/float64(f.NumRows()), "writing rows")
		}
		for j, e := range enc {
			v, err := e(i)
			if err != nil {
				return &data.ParseError{Line: i + 2, Column: j + 1, ColumnName: f.Col(j).Name(), Err: err}
			}
			row[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return book.Write(w)
}

// excelEncoders returns, per column, a function giving row i as a cell
// value (nil for an empty cell).
func excelEncoders(book *excelize.File, f *data.Frame) ([]func(int) (any, error), error) {
	dayFmt, timeFmt := "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"
	dayStyle, err := book.NewStyle(&excelize.Style{CustomNumFmt: &dayFmt})
	if err != nil {
		return nil, err
	}
	timeStyle, err := book.NewStyle(&excelize.Style{CustomNumFmt: &timeFmt})
	if err != nil {
		return nil, err
	}
	enc := make([]func(int) (any, error), f.NumCols())
	for j, c := range f.Columns() {
		c := c
		switch x := c.(type) {
		case *data.NumericColumn:
			enc[j] = func(i int) (any, error) {
				if x.IsMissing(i) {
					return nil, nil
				}
				return x.At(i), nil
			}
		case *data.BooleanColumn:
			enc[j] = func(i int) (any, error) {
				if v, ok := x.At(i); ok {
					return v, nil
				}
				return nil, nil
			}
		case *data.DatetimeColumn:
			style := timeStyle
			if daysOnly(x) {
				style = dayStyle
			}
			enc[j] = func(i int) (any, error) {
				if t, ok := x.At(i); ok {
					return excelize.Cell{StyleID: style, Value: t}, nil
				}
				return nil, nil
			}
		default:
			enc[j] = func(i int) (any, error) {
				if c.IsMissing(i) {
					return nil, nil
				}
				s := c.Format(i)
				if len(s) > excelMaxText {
					return nil, fmt.Errorf("the text is %d characters long; an Excel cell holds at most %d", len(s), excelMaxText)
				}
				return s, nil
			}
		}
	}
	return enc, nil
}
