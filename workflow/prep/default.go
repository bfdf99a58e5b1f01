package prep

import (
	"fmt"
	"slices"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
	"modelbench/workflow/prep/expr"
)

// Default returns the preparation `modelbench train` uses when a project
// supplies none, built from the schema (roles and kinds) and the frame
// (which columns have missing values, whether dates carry a time of day):
//
//   - filter_rows: drop training rows without a target value;
//   - drop_columns: identifier, ignored and free-text columns;
//   - date_parts: year, month, day, weekday (and hour when times vary);
//   - impute most_frequent for category and yes/no columns;
//   - change_type: yes/no columns to 0/1 numbers;
//   - impute median for numbers, with indicators where values are missing;
//   - scale standard, when scale is true (linear models, k-NN);
//   - one_hot for categories (unseen categories give zeros; two-category
//     columns keep one column).
//
// Steps with nothing to do are left out. Every step carries a Why text.
// A nil frame is treated as having no missing values.
func Default(schema data.Schema, frame *data.Frame, scale bool) Pipeline {
	return DefaultWith(schema, frame, DefaultOptions{Scale: scale})
}

// DefaultOptions adjust the default preparation.
type DefaultOptions struct {
	// Scale adds the standard scaling step (see Default).
	Scale bool
	// Leaks are features that alone predict the target, found by whoever
	// calls (workflow checks the training rows). DefaultWith leaves them
	// out in a drop_columns step of their own, right after the
	// identifiers, whose Why names each one with its evidence. Columns
	// that are not features of the schema are skipped.
	Leaks []Leak
}

// Leak is a feature left out because it alone predicts the target:
// Evidence says how that was measured, with the number, for the step's
// Why; Keep says how the person can keep it anyway.
type Leak struct {
	Column   string
	Evidence string
	Keep     string
}

// DefaultWith is Default with options: the same steps, plus the drop of
// opt.Leaks.
func DefaultWith(schema data.Schema, frame *data.Frame, opt DefaultOptions) Pipeline {
	target, _ := schema.Target()
	leaks := featureLeaks(schema, opt.Leaks)
	g := groupFields(schema, frame, target, leaks)
	var steps []StepConfig
	if target != "" && missingIn(frame, target) {
		steps = append(steps, Configure("filter_rows", param.Values{"condition": "not missing(" + expr.QuoteName(target) + ")"},
			"Rows without a target value cannot be learnt from."))
	}
	if len(g.drop) > 0 {
		steps = append(steps, Configure("drop_columns", param.Values{"columns": g.drop},
			"Identifiers, ignored columns and free text are not model inputs: a model would memorise identifiers, and free text needs its own preparation."))
	}
	if len(leaks) > 0 {
		steps = append(steps, leakStep(target, leaks))
	}
	scale := opt.Scale
	if len(g.dates) > 0 {
		parts := "year,month,day,weekday"
		if timesVary(frame, g.dates) {
			parts += ",hour"
		}
		steps = append(steps, Configure("date_parts", param.Values{"columns": g.dates, "parts": parts},
			"Learners cannot use dates as they are; their parts capture seasons, weekly rhythms and trends."))
	}
	steps = append(steps, g.categorySteps()...)
	steps = append(steps, Configure("impute", param.Values{"strategy": "median", "indicator": g.numMissing},
		"Missing numbers are filled with the training median, which extreme values do not pull; indicator columns keep the fact that they were missing."))
	if scale {
		steps = append(steps, Configure("scale", param.Values{"method": "standard"},
			"Distance-based and regularised linear models need numbers on a common scale (mean 0, standard deviation 1)."))
	}
	if len(g.cats) > 0 {
		steps = append(steps, Configure("one_hot", param.Values{"columns": g.cats, "unseen": "ignore", "drop": "if_binary"},
			"Categories become 0/1 columns, one per category; categories only new data has give all zeros instead of an error."))
	}
	return Pipeline{Steps: steps}
}

// fieldGroups sorts a schema's non-target fields by what Default does
// with them.
type fieldGroups struct {
	drop, dates, cats, bools []string
	catMissing, numMissing   bool
}

func groupFields(schema data.Schema, frame *data.Frame, target string, leaks []Leak) fieldGroups {
	var g fieldGroups
	for _, fl := range schema.Fields {
		miss := missingIn(frame, fl.Name)
		switch {
		case fl.Name == target || fl.Role == data.Target || slices.ContainsFunc(leaks, func(l Leak) bool { return l.Column == fl.Name }):
			continue
		case fl.Role == data.Identifier || fl.Role == data.Ignored || fl.Kind == data.Text:
			g.drop = append(g.drop, fl.Name)
		case fl.Kind == data.Datetime:
			g.dates = append(g.dates, fl.Name)
			g.numMissing = g.numMissing || miss // date parts are numbers
		case fl.Kind == data.Categorical:
			g.cats = append(g.cats, fl.Name)
			g.catMissing = g.catMissing || miss
		case fl.Kind == data.Boolean:
			g.bools = append(g.bools, fl.Name)
			g.catMissing = g.catMissing || miss
		default:
			g.numMissing = g.numMissing || miss
		}
	}
	return g
}

// categorySteps fills missing categories and yes/no values and turns
// yes/no columns into numbers.
func (g fieldGroups) categorySteps() []StepConfig {
	var steps []StepConfig
	if len(g.cats)+len(g.bools) > 0 && g.catMissing {
		steps = append(steps, Configure("impute", param.Values{"columns": append(append([]string{}, g.cats...), g.bools...), "strategy": "most_frequent", "indicator": true},
			"Missing categories and yes/no values are filled with the most frequent one; indicator columns keep the fact that they were missing."))
	}
	for _, b := range g.bools {
		steps = append(steps, Configure("change_type", param.Values{"column": b, "type": "numeric"},
			fmt.Sprintf("Yes/no column %q becomes 1/0 so that every learner can use it.", b)))
	}
	return steps
}

// featureLeaks keeps the leaks that name a feature the default would
// otherwise use (not the target, not a column it drops anyway), once each.
func featureLeaks(schema data.Schema, leaks []Leak) []Leak {
	var out []Leak
	for _, l := range leaks {
		fl, ok := schema.Field(l.Column)
		if !ok || fl.Role != data.Feature || fl.Kind == data.Text || slices.ContainsFunc(out, func(o Leak) bool { return o.Column == l.Column }) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// leakStep drops the leaks, saying for each what it predicts and how.
func leakStep(target string, leaks []Leak) StepConfig {
	cols := make([]string, len(leaks))
	var why []string
	for i, l := range leaks {
		cols[i] = l.Column
		w := fmt.Sprintf("%q alone predicts the target %q (%s)", l.Column, target, l.Evidence)
		if l.Keep != "" {
			w += "; " + l.Keep
		}
		why = append(why, w)
	}
	return Configure("drop_columns", param.Values{"columns": cols},
		"Left out as a likely leak: "+strings.Join(why, "; ")+". "+
			"A feature this good is usually a copy or a consequence of the answer, so a model would lean on it, look perfect in testing and fail in use.")
}

func missingIn(f *data.Frame, name string) bool {
	if f == nil {
		return false
	}
	c, ok := f.Lookup(name)
	return ok && c.Missing() > 0
}

// timesVary reports whether any of the date columns has a time of day
// other than midnight.
func timesVary(f *data.Frame, dates []string) bool {
	if f == nil {
		return false
	}
	const day = int64(24 * 3600 * 1e9)
	for _, n := range dates {
		c, ok := f.Lookup(n)
		dc, isDate := c.(*data.DatetimeColumn)
		if !ok || !isDate {
			continue
		}
		for i, v := range dc.UnixNanos() {
			if !dc.IsMissing(i) && v%day != 0 {
				return true
			}
		}
	}
	return false
}

// Ready checks that a prepared frame can be handed to a learner: every
// column except the target is numeric and has no missing values. The
// error wraps ErrNotReady in a *ColumnError naming the first offending
// column and the step that fixes it. A frame without feature columns is
// not ready either.
func Ready(f *data.Frame, target string) error {
	if f == nil || countFeatures(f, target) == 0 {
		return fmt.Errorf("%w: %w", ErrNotReady, ErrNoFeatures)
	}
	for i := 0; i < f.NumCols(); i++ {
		c := f.Col(i)
		if c.Name() == target {
			continue
		}
		if fix := readyFix(c); fix != "" {
			return &ColumnError{Column: c.Name(), Err: fmt.Errorf("%w: %s", ErrNotReady, fix)}
		}
	}
	return nil
}

func readyFix(c data.Column) string {
	switch c.Kind() {
	case data.Categorical:
		return "it holds categories; add a one_hot, ordinal or target_encode step"
	case data.Boolean:
		return "it holds yes/no values; add a change_type step to make it numeric"
	case data.Datetime:
		return "it holds dates; add a date_parts step"
	case data.Text:
		return "it holds free text; add a drop_columns step (or change_type to categorical if it holds categories)"
	}
	if n := c.Missing(); n > 0 {
		return fmt.Sprintf("%d values are missing; add an impute step (or filter_rows)", n)
	}
	return ""
}
