package data

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// levelError says which row holds a value that does not fit a kind.
type levelError struct {
	row int // 0-based row
	err error
}

func (e *levelError) Error() string { return fmt.Sprintf("row %d: %v", e.row+1, e.err) }
func (e *levelError) Unwrap() error { return e.err }

// typeLevels builds a column from dictionary codes (-1 = missing) into
// distinct, trimmed, non-missing levels. With force nil the kind is
// inferred from the levels, otherwise the levels are converted to *force
// and the first row whose value does not fit is a *levelError.
func typeLevels(name string, codes []int32, levels []string, opt ParseOptions, force *Kind) (Column, Inference, error) {
	present := 0
	for _, c := range codes {
		if c >= 0 {
			present++
		}
	}
	var inf Inference
	if force != nil {
		inf = Inference{Kind: *force, Label: (*force).String(), Reason: "type chosen by the user"}
	} else {
		inf = inferLevels(levels, present, len(codes))
	}
	col, err := levelsTo(name, codes, levels, opt, inf.Kind)
	if err != nil {
		return nil, inf, err
	}
	if force == nil {
		inf = refineLabel(col, inf, name)
	}
	return col, inf, nil
}

// inferLevels picks a kind from the distinct present values of a column
// that has present non-missing cells out of n, with the rules of
// inferStrings.
func inferLevels(levels []string, present, n int) Inference {
	if present == 0 {
		return Inference{Kind: Text, Label: LabelEmpty, Reason: fmt.Sprintf("all %d values are missing", n)}
	}
	if allFit(levels, func(s string) bool { _, ok := ParseBool(s); return ok }) {
		return Inference{Kind: Boolean, Label: LabelBoolean,
			Reason: fmt.Sprintf("every value is a yes/no word (%s)", sampleList(levels, 4))}
	}
	var opt ParseOptions
	if allFit(levels, func(s string) bool { _, ok := opt.ParseFloat(s); return ok }) {
		return Inference{Kind: Numeric, Label: LabelNumeric, Reason: fmt.Sprintf("all %d present values are numbers", present)}
	}
	if layout, ok := DetectDateLayout(levels); ok {
		return Inference{Kind: Datetime, Label: LabelDatetime,
			Reason: fmt.Sprintf("every value is a date in the form %s", layoutExample(layout))}
	}
	unique := len(levels)
	switch {
	case unique == present && present >= 10 && !hasSpaces(levels):
		return Inference{Kind: Text, Label: LabelIdentifier,
			Reason: fmt.Sprintf("every one of the %d values is different and none contains a space, so it names rows rather than describing them", present)}
	case unique <= 2 || float64(unique) <= 0.5*float64(present):
		return Inference{Kind: Categorical, Label: LabelCategorical,
			Reason: fmt.Sprintf("%d different words repeat over %d values (%s)", unique, present, sampleList(levels, 4))}
	}
	return Inference{Kind: Text, Label: LabelText,
		Reason: fmt.Sprintf("%d of %d values are different, too many to be categories", unique, present)}
}

// levelsTo converts each level once and expands the result over the rows.
func levelsTo(name string, codes []int32, levels []string, opt ParseOptions, kind Kind) (Column, error) {
	firstRow := func(level int) int {
		for i, c := range codes {
			if int(c) == level {
				return i
			}
		}
		return 0
	}
	bad := func(level int, why string) error {
		return &levelError{row: firstRow(level), err: fmt.Errorf("%q %s", levels[level], why)}
	}
	switch kind {
	case Numeric:
		return levelsToNumbers(name, codes, levels, opt, bad)
	case Boolean:
		return levelsToBools(name, codes, levels, bad)
	case Datetime:
		return levelsToDates(name, codes, levels, bad)
	case Categorical:
		return NewCategorical(name, codes, levels), nil
	}
	vals, miss := make([]string, len(codes)), NewMask(len(codes))
	for i, c := range codes {
		if c < 0 {
			miss.Set(i)
		} else {
			vals[i] = levels[c]
		}
	}
	return NewText(name, vals, miss), nil
}

func levelsToNumbers(name string, codes []int32, levels []string, opt ParseOptions, bad func(int, string) error) (Column, error) {
	lv := make([]float64, len(levels))
	for k, s := range levels {
		v, ok := opt.ParseFloat(s)
		if !ok {
			return nil, bad(k, "is not a number")
		}
		lv[k] = v
	}
	vals := make([]float64, len(codes))
	for i, c := range codes {
		vals[i] = math.NaN()
		if c >= 0 {
			vals[i] = lv[c]
		}
	}
	return NewNumeric(name, vals, nil), nil
}

func levelsToBools(name string, codes []int32, levels []string, bad func(int, string) error) (Column, error) {
	lv := make([]bool, len(levels))
	for k, s := range levels {
		v, ok := ParseBool(s)
		if !ok {
			return nil, bad(k, "is not a yes/no value")
		}
		lv[k] = v
	}
	vals, miss := make([]bool, len(codes)), NewMask(len(codes))
	counts := make([]int, len(levels))
	for i, c := range codes {
		if c < 0 {
			miss.Set(i)
		} else {
			vals[i] = lv[c]
			counts[c]++
		}
	}
	return NewBoolean(name, vals, miss).Spelled(SpellingOf(levels, counts)), nil
}

func levelsToDates(name string, codes []int32, levels []string, bad func(int, string) error) (Column, error) {
	layout, ok := DetectDateLayout(levels)
	if !ok && len(levels) > 0 {
		layout = DateLayouts[0]
		for _, l := range DateLayouts {
			if _, err := time.Parse(l, strings.TrimSpace(levels[0])); err == nil {
				layout = l
				break
			}
		}
	}
	lv := make([]int64, len(levels))
	for k, s := range levels {
		t, err := time.Parse(layout, strings.TrimSpace(s))
		if err != nil {
			return nil, bad(k, "is not a date in the form "+layoutExample(layout))
		}
		lv[k] = t.UnixNano()
	}
	vals, miss := make([]int64, len(codes)), NewMask(len(codes))
	for i, c := range codes {
		if c < 0 {
			miss.Set(i)
		} else {
			vals[i] = lv[c]
		}
	}
	return NewDatetime(name, vals, miss, layout), nil
}
