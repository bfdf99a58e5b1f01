package prep

import (
	"math"

	"modelbench/workflow/data"
)

// The descriptions of the steps that read values as categories (see
// PipelineExport for labels).

// OneHotExport describes one_hot: each listed column (categorical, yes/no
// or text) is replaced, at its place, by the numeric columns Outputs. A
// row whose label is Categories[i] gets 1 in Outputs[CategoryOutput[i]]
// and 0 in the others; CategoryOutput[i] = -1 means that category's column
// was dropped (drop=first or if_binary) and the row gets 0 everywhere.
// Several categories may share an output: the rare ones grouped as
// NAME=(other) by max_levels. When MissingSeen (the training rows had
// missing values) a missing value is a category of its own that goes to
// Outputs[MissingOutput] (-1: dropped, 0 everywhere). Otherwise a missing
// value counts as unseen, as does a label not among Categories: every
// output is 0 when Unseen is "ignore", and Apply fails with an error
// naming the row when it is "error". Outputs never hold NaN.
type OneHotExport struct {
	StepInfo
	Unseen  string
	Columns []OneHotColumn
}

// OneHotColumn is the encoding of one column.
type OneHotColumn struct {
	Name           string
	Kind           data.Kind // of the input column
	Categories     []string  // the training labels, in byte order
	CategoryOutput []int     // per category, its index in Outputs, or -1
	MissingSeen    bool
	MissingOutput  int      // when MissingSeen, the index in Outputs, or -1; else -1
	Outputs        []string // NAME=label, NAME=(missing), NAME=(other), in order
}

// OrdinalExport describes ordinal: Column (of kind Kind) is replaced, at
// its place, by a numeric column holding the 0-based position of the
// row's label in Order; a label not in Order, and a missing value, give
// NaN.
type OrdinalExport struct {
	StepInfo
	Column string
	Kind   data.Kind
	Order  []string
}

// GroupRareExport describes group_rare: each listed column is replaced, at
// its place, by a categorical column in which a label in Keep stays as it
// is, any other present label (rare in the training rows, or never seen)
// becomes Other, and a missing value stays missing. The result is
// categorical even when the column held yes/no values or text.
type GroupRareExport struct {
	StepInfo
	Other   string
	Columns []GroupRareColumn
}

// GroupRareColumn is the kept labels of one column.
type GroupRareColumn struct {
	Name string
	Kind data.Kind // of the input column
	Keep []string
}

// TargetEncodeExport describes target_encode as Apply does it: the
// training rows were encoded out of fold while fitting (FitTransform),
// but Apply, and so new data, uses the encoding learnt from all the
// training rows, which is what this holds. Each listed column is
// replaced, at its place, by the numeric columns Outputs: for output o, a
// row whose label is Levels[l] gets Values[o][l]; a label not in Levels,
// and a missing value, get Default[o] (the training average). Classes is
// nil for a numeric target: one output, named as the column, the smoothed
// mean target. With two classes, one output named as the column holds the
// smoothed share of Classes[1]; with more, output o, named
// NAME_te_Classes[o], holds the smoothed share of Classes[o].
type TargetEncodeExport struct {
	StepInfo
	Classes []string
	Columns []TargetEncodeColumn
}

// TargetEncodeColumn is the encoding of one column.
type TargetEncodeColumn struct {
	Name    string
	Kind    data.Kind // of the input column
	Levels  []string
	Outputs []string
	Values  [][]float64 // Values[o][l]
	Default []float64   // Default[o]
}

// ReplaceValuesExport describes replace_values on Column, whose kind at
// this step is Kind. For a numeric column, a value equal (==) to one of
// Numbers (Values read as numbers) becomes WithNumber, which is NaN
// (missing) when With is empty; other values stay. For a categorical,
// text or yes/no column, a present value whose label is one of Values
// becomes the label With, and every value is then read back as Kind:
// categorical keeps the label, "" being missing; text keeps it as text,
// "" being missing (so an empty text already there becomes missing too);
// yes/no reads it with data.ParseBool, anything that is not a yes/no word
// being missing. The column keeps its place and kind.
type ReplaceValuesExport struct {
	StepInfo
	Column     string
	Kind       data.Kind
	Values     []string
	With       string
	Numbers    []float64 // for a numeric column
	WithNumber float64   // for a numeric column
}

// Export implements Exporter.
func (s *oneHotState) Export([]Field) (ExportedStep, error) {
	out := &OneHotExport{Unseen: s.Unseen, Columns: make([]OneHotColumn, len(s.Columns))}
	for i, c := range s.Columns {
		oc := OneHotColumn{Name: c.Name, Kind: c.Kind, Categories: append([]string{}, c.Categories...),
			CategoryOutput: append([]int{}, c.Slot[:len(c.Categories)]...), MissingSeen: c.MissingSeen,
			MissingOutput: -1, Outputs: append([]string{}, c.Outputs...)}
		if c.MissingSeen {
			oc.MissingOutput = c.Slot[len(c.Categories)]
		}
		out.Columns[i] = oc
	}
	return out, nil
}

// Export implements Exporter.
func (s *ordinalState) Export(in []Field) (ExportedStep, error) {
	f, err := fieldOf(in, s.Column)
	if err != nil {
		return nil, err
	}
	return &OrdinalExport{Column: s.Column, Kind: f.Kind, Order: append([]string{}, s.Order...)}, nil
}

// Export implements Exporter.
func (s *groupRareState) Export(in []Field) (ExportedStep, error) {
	out := &GroupRareExport{Other: s.Other, Columns: make([]GroupRareColumn, len(s.Columns))}
	for i, c := range s.Columns {
		f, err := fieldOf(in, c.Name)
		if err != nil {
			return nil, err
		}
		out.Columns[i] = GroupRareColumn{Name: c.Name, Kind: f.Kind, Keep: append([]string{}, c.Keep...)}
	}
	return out, nil
}

// Export implements Exporter.
func (s *targetEncodeState) Export(in []Field) (ExportedStep, error) {
	out := &TargetEncodeExport{Columns: make([]TargetEncodeColumn, len(s.Columns))}
	if s.Classes != nil {
		out.Classes = append([]string{}, s.Classes...)
	}
	for i, c := range s.Columns {
		f, err := fieldOf(in, c.Name)
		if err != nil {
			return nil, err
		}
		tc := TargetEncodeColumn{Name: c.Name, Kind: f.Kind, Levels: append([]string{}, c.Levels...),
			Outputs: append([]string{}, c.Outputs...), Default: floats(c.Prior), Values: make([][]float64, len(c.Values))}
		for o, v := range c.Values {
			tc.Values[o] = floats(v)
		}
		out.Columns[i] = tc
	}
	return out, nil
}

// Export implements Exporter.
func (s *replaceState) Export(in []Field) (ExportedStep, error) {
	f, err := fieldOf(in, s.Column)
	if err != nil {
		return nil, err
	}
	out := &ReplaceValuesExport{Column: s.Column, Kind: f.Kind, Values: append([]string{}, s.Values...), With: s.With}
	switch f.Kind {
	case data.Datetime:
		return nil, notExportable("column %q holds dates, which replace_values cannot change (Apply fails)", s.Column)
	case data.Numeric:
		out.WithNumber = math.NaN()
		if s.With != "" {
			v, ok := data.ParseOptions{}.ParseFloat(s.With)
			if !ok {
				return nil, notExportable("column %q holds numbers and %q is not one (Apply fails)", s.Column, s.With)
			}
			out.WithNumber = v
		}
		for _, v := range s.Values {
			x, ok := data.ParseOptions{}.ParseFloat(v)
			if !ok {
				return nil, notExportable("column %q holds numbers and %q is not one (Apply fails)", s.Column, v)
			}
			out.Numbers = append(out.Numbers, x)
		}
	}
	return out, nil
}
