package prep

import (
	"fmt"
	"math"
	"strings"
	"time"

	"modelbench/workflow/data"
)

// convertColumn turns c into a column of the given kind through the
// values' text, except for the direct conversions booleans <-> numbers
// (true = 1; non-zero = true) and dates <-> numbers (seconds since
// 1970-01-01 UTC). layout is the Go time layout for text -> datetime.
// When strict, the first value that does not convert is an error naming
// its row; otherwise it becomes missing.
func convertColumn(c data.Column, kind data.Kind, layout string, strict bool) (data.Column, error) {
	if c.Kind() == kind {
		return c, nil
	}
	name, n := c.Name(), c.Len()
	fail := func(i int, what string) error {
		if strict {
			return rowErr(name, i, "%q %s", c.Format(i), what)
		}
		return nil
	}
	switch kind {
	case data.Numeric:
		vals := make([]float64, n)
		for i := range vals {
			v, ok := toNumber(c, i)
			if !ok && !c.IsMissing(i) {
				if err := fail(i, "is not a number"); err != nil {
					return nil, err
				}
			}
			vals[i] = v
		}
		return data.NewNumeric(name, vals, nil), nil
	case data.Categorical:
		vals := make([]string, n)
		for i := range vals {
			vals[i] = strings.TrimSpace(c.Format(i))
		}
		return data.NewCategoricalFromStrings(name, vals, nil), nil
	case data.Boolean:
		return toBoolean(c, fail)
	case data.Datetime:
		return toDatetime(c, layout, fail)
	case data.Text:
		vals := make([]string, n)
		miss := data.NewMask(n)
		for i := range vals {
			if c.IsMissing(i) {
				miss.Set(i)
				continue
			}
			vals[i] = c.Format(i)
		}
		return data.NewText(name, vals, miss), nil
	}
	return nil, colErr(name, "cannot convert to %s", kind)
}

// toNumber reads row i of any column as a number (NaN when missing or
// not convertible, then ok is false).
func toNumber(c data.Column, i int) (float64, bool) {
	if c.IsMissing(i) {
		return math.NaN(), false
	}
	switch x := c.(type) {
	case *data.NumericColumn:
		return x.At(i), true
	case *data.BooleanColumn:
		if v, _ := x.At(i); v {
			return 1, true
		}
		return 0, true
	case *data.DatetimeColumn:
		return float64(x.UnixNanos()[i]) / 1e9, true
	}
	v, ok := data.ParseOptions{}.ParseFloat(c.Format(i))
	if !ok {
		return math.NaN(), false
	}
	return v, true
}

// toBoolean reads numbers as non-zero = true (spelled true and false) and
// text as yes/no words, keeping their most frequent spellings
// (data.SpellingOf).
func toBoolean(c data.Column, fail func(int, string) error) (data.Column, error) {
	n := c.Len()
	vals := make([]bool, n)
	miss := data.NewMask(n)
	num, isNum := c.(*data.NumericColumn)
	count := map[string]int{}
	var texts []string
	for i := range vals {
		if c.IsMissing(i) {
			miss.Set(i)
			continue
		}
		if isNum {
			vals[i] = num.At(i) != 0
			continue
		}
		s := strings.TrimSpace(c.Format(i))
		v, ok := data.ParseBool(s)
		if !ok {
			if err := fail(i, "is not a yes/no value"); err != nil {
				return nil, err
			}
			miss.Set(i)
		} else if count[s]++; count[s] == 1 {
			texts = append(texts, s)
		}
		vals[i] = v
	}
	counts := make([]int, len(texts))
	for k, s := range texts {
		counts[k] = count[s]
	}
	return data.NewBoolean(c.Name(), vals, miss).Spelled(data.SpellingOf(texts, counts)), nil
}

func toDatetime(c data.Column, layout string, fail func(int, string) error) (data.Column, error) {
	n := c.Len()
	vals := make([]int64, n)
	miss := data.NewMask(n)
	num, isNum := c.(*data.NumericColumn)
	for i := range vals {
		if c.IsMissing(i) {
			miss.Set(i)
			continue
		}
		if isNum {
			vals[i] = int64(math.Round(num.At(i) * 1e9))
			continue
		}
		t, err := time.Parse(layout, strings.TrimSpace(c.Format(i)))
		if err != nil {
			if err := fail(i, fmt.Sprintf("is not a date in the form %s", time.Date(2024, 3, 31, 14, 30, 0, 0, time.UTC).Format(layout))); err != nil {
				return nil, err
			}
			miss.Set(i)
			continue
		}
		vals[i] = t.UnixNano()
	}
	return data.NewDatetime(c.Name(), vals, miss, layout), nil
}

// detectLayout finds the date layout that reads every present value of c.
func detectLayout(c data.Column) (string, error) {
	var present []string
	for i := 0; i < c.Len(); i++ {
		if !c.IsMissing(i) {
			present = append(present, strings.TrimSpace(c.Format(i)))
		}
	}
	if len(present) == 0 {
		return data.DateLayouts[0], nil
	}
	layout, ok := data.DetectDateLayout(present)
	if !ok {
		return "", colErr(c.Name(), "the values are not dates in one of the known forms (for example %q)", present[0])
	}
	return layout, nil
}
