package explore

import (
	"errors"
	"fmt"
	"math"
	"time"

	"modelbench/plots"
	"modelbench/workflow/data"
	"modelbench/workflow/eda"
)

// ErrUnknownColumn is returned for a column name the table does not have.
var ErrUnknownColumn = errors.New("no such column")

func lookup(t *data.Table, name string) (data.Column, error) {
	c, ok := t.Frame.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownColumn, name)
	}
	return c, nil
}

// Column draws the distribution of one column: a histogram (with density
// curve and mean/median markers) for numbers, dates and text lengths, bars
// of the levels for categories and yes/no columns.
func Column(t *data.Table, r *eda.Report, name string, s plots.Style) (*plots.Figure, error) {
	c, err := lookup(t, name)
	if err != nil {
		return nil, err
	}
	title := "Distribution of " + name
	switch col := c.(type) {
	case *data.NumericColumn:
		return numericHistogram(col, r.Column(name), title, s)
	case *data.CategoricalColumn:
		counts, missing := plots.CountLevels(col.Codes(), len(col.Levels()))
		return plots.LevelBars(col.Levels(), counts, plots.BarOptions{Title: title, Label: name, Missing: missing, Style: s})
	case *data.BooleanColumn:
		codes, names := ClassCodes(col)
		counts, missing := plots.CountLevels(codes, len(names))
		return plots.LevelBars(names, counts, plots.BarOptions{Title: title, Label: name, Missing: missing, Style: s})
	case *data.DatetimeColumn:
		return plots.Histogram(years(col), plots.HistOptions{Title: title, XLabel: name + " (year)", Style: s})
	default:
		lengths := make([]float64, c.Len())
		for i := range lengths {
			lengths[i] = math.NaN()
			if !c.IsMissing(i) {
				lengths[i] = float64(len([]rune(c.Format(i))))
			}
		}
		return plots.Histogram(lengths, plots.HistOptions{Title: "Text length of " + name, XLabel: "characters", Style: s})
	}
}

// numericHistogram uses the report's pre-binned histogram when it has one,
// so a million-row column is not scanned again.
func numericHistogram(col *data.NumericColumn, st *eda.ColumnStats, title string, s plots.Style) (*plots.Figure, error) {
	opt := plots.HistOptions{Title: title, XLabel: col.Name(), Style: s}
	if st != nil && st.Histogram != nil && len(st.Histogram.Counts) > 0 {
		counts := make([]float64, len(st.Histogram.Counts))
		for i, c := range st.Histogram.Counts {
			counts[i] = float64(c)
		}
		if st.Mean != nil {
			opt.Markers = append(opt.Markers, plots.Marker{Name: "mean", X: *st.Mean})
		}
		if st.Median != nil {
			opt.Markers = append(opt.Markers, plots.Marker{Name: "median", X: *st.Median})
		}
		f, err := plots.HistogramBins(st.Histogram.Edges, counts, opt)
		if err == nil && st.Missing > 0 {
			f.Note("%d missing values not shown", st.Missing)
		}
		return f, err
	}
	opt.KDE, opt.MeanMedian = col.Len() <= 200_000, true
	return plots.Histogram(col.Values(), opt)
}

// years converts instants to fractional years, NaN when missing.
func years(c *data.DatetimeColumn) []float64 {
	out := make([]float64, c.Len())
	for i := range out {
		t, ok := c.At(i)
		if !ok {
			out[i] = math.NaN()
			continue
		}
		start := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		next := start.AddDate(1, 0, 0)
		out[i] = float64(t.Year()) + float64(t.Sub(start))/float64(next.Sub(start))
	}
	return out
}

// ClassCodes returns category codes (-1 missing) and names for colouring
// by a column: the levels of a categorical, false/true for a boolean (in
// its spelling, such as No/Yes), the distinct values of a numeric column
// with at most 20 of them. Other columns give nil codes.
func ClassCodes(c data.Column) ([]int32, []string) {
	switch col := c.(type) {
	case *data.CategoricalColumn:
		return col.Codes(), col.Levels()
	case *data.BooleanColumn:
		codes := make([]int32, col.Len())
		for i := range codes {
			v, ok := col.At(i)
			switch {
			case !ok:
				codes[i] = -1
			case v:
				codes[i] = 1
			}
		}
		sp := col.Spelling()
		return codes, []string{sp.False, sp.True}
	case *data.NumericColumn:
		return numericClasses(col)
	}
	return nil, nil
}

func numericClasses(col *data.NumericColumn) ([]int32, []string) {
	index := map[float64]int32{}
	var names []string
	codes := make([]int32, col.Len())
	for i, v := range col.Values() {
		if col.IsMissing(i) {
			codes[i] = -1
			continue
		}
		k, ok := index[v]
		if !ok {
			if len(index) == 20 {
				return nil, nil
			}
			k = int32(len(names))
			index[v] = k
			names = append(names, data.FormatFloat(v))
		}
		codes[i] = k
	}
	return codes, names
}
