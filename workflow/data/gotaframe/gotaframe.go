// Package gotaframe converts between Modelbench's data.Frame and gota
// DataFrames, for users and tools that speak gota. It lives apart from
// package data so that nothing which only reads Frames (the scoring
// service, the monitor) links gota. gota boxes every cell: these copies are
// for the edges, on small tables, never in a hot path.
//
// Errors: FromGota returns the DataFrame's own error, or one naming the
// column and row that could not be converted. Functions are pure and safe
// for concurrent use.
package gotaframe

import (
	"fmt"
	"math"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"modelbench/workflow/data"
)

// ToGota copies f into a gota DataFrame. Numeric columns become Float
// series (Int when every present value is a whole number and none is
// missing), booleans Bool, and categorical, text and datetime columns
// String (dates in their column's layout). Missing cells become gota's NA.
// An empty Frame gives an empty DataFrame. It is meant for interop at the
// edges, never in a hot path: gota boxes every cell.
func ToGota(f *data.Frame) dataframe.DataFrame {
	ss := make([]series.Series, 0, f.NumCols())
	for _, c := range f.Columns() {
		ss = append(ss, toSeries(c))
	}
	return dataframe.New(ss...)
}

func toSeries(c data.Column) series.Series {
	switch col := c.(type) {
	case *data.NumericColumn:
		if col.IsInteger() && col.Missing() == 0 {
			vals := make([]int, col.Len())
			for i, v := range col.Values() {
				vals[i] = int(v)
			}
			return series.New(vals, series.Int, c.Name())
		}
		return series.New(append([]float64(nil), col.Values()...), series.Float, c.Name())
	case *data.BooleanColumn:
		vals := make([]interface{}, col.Len())
		for i := range vals {
			if v, ok := col.At(i); ok {
				vals[i] = v
			}
		}
		return series.New(vals, series.Bool, c.Name())
	}
	vals := make([]interface{}, c.Len())
	for i := range vals {
		if !c.IsMissing(i) {
			vals[i] = c.Format(i)
		}
	}
	return series.New(vals, series.String, c.Name())
}

// FromGota copies a gota DataFrame into a data.Frame. Float and Int series
// become numeric columns, Bool series boolean ones; String series are
// typed like a loaded file's text columns (categorical, text, datetime,
// boolean or numeric, whichever fits every value). gota's NA becomes a
// missing cell. A DataFrame carrying an error returns that error.
func FromGota(df dataframe.DataFrame) (*data.Frame, error) {
	if df.Err != nil {
		return nil, fmt.Errorf("gota dataframe: %w", df.Err)
	}
	cols := make([]data.Column, 0, df.Ncol())
	for _, name := range df.Names() {
		col, err := fromSeries(df.Col(name))
		if err != nil {
			return nil, fmt.Errorf("gota column %q: %w", name, err)
		}
		cols = append(cols, col)
	}
	return data.NewFrame(cols...)
}

func fromSeries(s series.Series) (data.Column, error) {
	n := s.Len()
	switch s.Type() {
	case series.Float, series.Int:
		vals := make([]float64, n)
		for i := range vals {
			e := s.Elem(i)
			vals[i] = math.NaN()
			if !e.IsNA() {
				vals[i] = e.Float()
			}
		}
		return data.NewNumeric(s.Name, vals, nil), nil
	case series.Bool:
		vals, miss := make([]bool, n), data.NewMask(n)
		for i := range vals {
			e := s.Elem(i)
			if e.IsNA() {
				miss.Set(i)
				continue
			}
			v, err := e.Bool()
			if err != nil {
				return nil, fmt.Errorf("row %d: %w", i+1, err)
			}
			vals[i] = v
		}
		return data.NewBoolean(s.Name, vals, miss), nil
	}
	cells := make([]string, n)
	for i := range cells {
		if e := s.Elem(i); !e.IsNA() {
			cells[i] = e.String()
		}
	}
	col, _, err := data.BuildColumn(s.Name, cells, data.ParseOptions{MissingTokens: []string{""}}, nil, 1)
	return col, err
}
