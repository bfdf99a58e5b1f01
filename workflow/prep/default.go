package prep

import (
	"fmt"

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
	target, _ := schema.Target()
	var p Pipeline
	add := func(kind string, params param.Values, why string) {
		p.Steps = append(p.Steps, Configure(kind, params, why))
	}
	if target != "" && missingIn(frame, target) {
		add("filter_rows", param.Values{"condition": "not missing(" + expr.QuoteName(target) + ")"},
			"Rows without a target value cannot be learnt from.")
	}
	var drop, dates, cats, bools []string
	catMissing := false
	for _, fl := range schema.Fields {
		switch {
		case fl.Role == data.Target:
			continue
		case fl.Role == data.Identifier || fl.Role == data.Ignored || fl.Kind == data.Text:
			drop = append(drop, fl.Name)
		case fl.Kind == data.Datetime:
			dates = append(dates, fl.Name)
		case fl.Kind == data.Categorical:
			cats = append(cats, fl.Name)
			catMissing = catMissing || missingIn(frame, fl.Name)
		case fl.Kind == data.Boolean:
			bools = append(bools, fl.Name)
			catMissing = catMissing || missingIn(frame, fl.Name)
		}
	}
	if len(drop) > 0 {
		add("drop_columns", param.Values{"columns": drop},
			"Identifiers, ignored columns and free text are not model inputs: a model would memorise identifiers, and free text needs its own preparation.")
	}
	if len(dates) > 0 {
		parts := "year,month,day,weekday"
		if timesVary(frame, dates) {
			parts += ",hour"
		}
		add("date_parts", param.Values{"columns": dates, "parts": parts},
			"Learners cannot use dates as they are; their parts capture seasons, weekly rhythms and trends.")
	}
	if len(cats)+len(bools) > 0 && catMissing {
		add("impute", param.Values{"columns": append(append([]string{}, cats...), bools...), "strategy": "most_frequent", "indicator": true},
			"Missing categories and yes/no values are filled with the most frequent one; indicator columns keep the fact that they were missing.")
	}
	for _, b := range bools {
		add("change_type", param.Values{"column": b, "type": "numeric"},
			fmt.Sprintf("Yes/no column %q becomes 1/0 so that every learner can use it.", b))
	}
	add("impute", param.Values{"strategy": "median", "indicator": numericMissing(schema, frame, target)},
		"Missing numbers are filled with the training median, which extreme values do not pull; indicator columns keep the fact that they were missing.")
	if scale {
		add("scale", param.Values{"method": "standard"},
			"Distance-based and regularised linear models need numbers on a common scale (mean 0, standard deviation 1).")
	}
	if len(cats) > 0 {
		add("one_hot", param.Values{"columns": cats, "unseen": "ignore", "drop": "if_binary"},
			"Categories become 0/1 columns, one per category; categories only new data has give all zeros instead of an error.")
	}
	return p
}

func missingIn(f *data.Frame, name string) bool {
	if f == nil {
		return false
	}
	c, ok := f.Lookup(name)
	return ok && c.Missing() > 0
}

// numericMissing reports whether any numeric feature (or a date, whose
// parts become numbers) has missing values.
func numericMissing(s data.Schema, f *data.Frame, target string) bool {
	for _, fl := range s.Fields {
		if fl.Name != target && fl.Role == data.Feature && (fl.Kind == data.Numeric || fl.Kind == data.Datetime) && missingIn(f, fl.Name) {
			return true
		}
	}
	return false
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
