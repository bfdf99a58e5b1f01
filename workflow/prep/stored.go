package prep

import (
	"fmt"
	"math"

	"modelbench/workflow/data"
)

// storedColumn is a column kept in fitted state (the joined table), in a
// JSON form that reads back to identical values.
type storedColumn struct {
	Name    string    `json:"name"`
	Kind    data.Kind `json:"type"`
	Numbers []num     `json:"numbers,omitempty"` // numeric; NaN marks missing
	Codes   []int32   `json:"codes,omitempty"`   // categorical codes; booleans 0/1; -1 missing
	Levels  []string  `json:"levels,omitempty"`  // categorical levels; a boolean's spelling of false and true
	Times   []int64   `json:"times,omitempty"`   // datetime, UTC nanoseconds
	Layout  string    `json:"layout,omitempty"`  // datetime layout
	Texts   []string  `json:"texts,omitempty"`   // text
	Missing []int     `json:"missing,omitempty"` // missing rows of datetime and text columns
}

func storeColumn(c data.Column) storedColumn {
	s := storedColumn{Name: c.Name(), Kind: c.Kind()}
	switch x := c.(type) {
	case *data.NumericColumn:
		s.Numbers = nums(x.Values())
	case *data.CategoricalColumn:
		s.Codes, s.Levels = x.Codes(), x.Levels()
	case *data.BooleanColumn:
		s.Codes = make([]int32, x.Len())
		for i := range s.Codes {
			v, ok := x.At(i)
			switch {
			case !ok:
				s.Codes[i] = -1
			case v:
				s.Codes[i] = 1
			}
		}
		sp := x.Spelling()
		s.Levels = []string{sp.False, sp.True}
	case *data.DatetimeColumn:
		s.Times, s.Layout = x.UnixNanos(), x.Layout()
	case *data.TextColumn:
		s.Texts = x.Values()
	}
	if c.Kind() == data.Datetime || c.Kind() == data.Text {
		for i := 0; i < c.Len(); i++ {
			if c.IsMissing(i) {
				s.Missing = append(s.Missing, i)
			}
		}
	}
	return s
}

func (s storedColumn) length() int {
	switch s.Kind {
	case data.Numeric:
		return len(s.Numbers)
	case data.Categorical, data.Boolean:
		return len(s.Codes)
	case data.Datetime:
		return len(s.Times)
	}
	return len(s.Texts)
}

// validate checks that the stored column can be rebuilt.
func (s storedColumn) validate() error {
	n := s.length()
	for _, k := range s.Codes {
		if k < -1 || s.Kind == data.Categorical && int(k) >= len(s.Levels) || s.Kind == data.Boolean && k > 1 {
			return fmt.Errorf("column %q: code %d out of range", s.Name, k)
		}
	}
	for _, r := range s.Missing {
		if r < 0 || r >= n {
			return fmt.Errorf("column %q: missing row %d out of range", s.Name, r)
		}
	}
	return nil
}

// take builds a column holding, for each entry of rows, that stored row's
// value, or a missing value where the entry is -1.
func (s storedColumn) take(rows []int) data.Column {
	miss := data.NewMask(len(rows))
	stored := data.NewMask(s.length())
	for _, r := range s.Missing {
		stored.Set(r)
	}
	for j, r := range rows {
		if r < 0 || stored.Get(r) {
			miss.Set(j)
		}
	}
	switch s.Kind {
	case data.Numeric:
		out := make([]float64, len(rows))
		for j, r := range rows {
			out[j] = math.NaN()
			if r >= 0 {
				out[j] = float64(s.Numbers[r])
			}
		}
		return data.NewNumeric(s.Name, out, nil)
	case data.Categorical:
		out := make([]int32, len(rows))
		for j, r := range rows {
			out[j] = -1
			if r >= 0 {
				out[j] = s.Codes[r]
			}
		}
		return data.NewCategorical(s.Name, out, s.Levels)
	case data.Boolean:
		out := make([]bool, len(rows))
		for j, r := range rows {
			if r >= 0 && s.Codes[r] < 0 {
				miss.Set(j)
			}
			out[j] = r >= 0 && s.Codes[r] == 1
		}
		b := data.NewBoolean(s.Name, out, miss)
		if len(s.Levels) == 2 && s.Levels[0] != s.Levels[1] {
			b = b.Spelled(data.BoolSpelling{False: s.Levels[0], True: s.Levels[1]})
		}
		return b
	case data.Datetime:
		out := make([]int64, len(rows))
		for j, r := range rows {
			if r >= 0 {
				out[j] = s.Times[r]
			}
		}
		return data.NewDatetime(s.Name, out, miss, s.Layout)
	}
	out := make([]string, len(rows))
	for j, r := range rows {
		if r >= 0 {
			out[j] = s.Texts[r]
		}
	}
	return data.NewText(s.Name, out, miss)
}
