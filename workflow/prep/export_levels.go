package prep

import (
	"math"

	"modelbench/workflow/data"
)

// The descriptions of the steps that read values as categories (see
// PipelineExport for labels).

// YesNoMatch says how a step matches the values of a yes/no column to the
// labels it holds (its Labels: OneHotColumn.Categories,
// OrdinalExport.Order, GroupRareColumn.Keep, TargetEncodeColumn.Levels or
// ReplaceValuesExport.Values): by truth value where the spellings differ.
// True lists, in order, the indices in Labels of the labels that
// data.ParseBool reads as true; False, of those it reads as false. A value
// v (true or false) that its column spells S (see PipelineExport,
// Spellings) takes, at this step, the label
//
//  1. S, when S is one of Labels;
//  2. otherwise, when exactly one label reads as v (len(True) == 1 for
//     a true value, len(False) == 1 for a false one), that label;
//  3. otherwise S, which then matches no label.
//
// and the step goes on as for any label. (Should this give true and false
// the same label, both keep their spelling; only a spelling whose word for
// one value reads as the other could do that, and Modelbench makes none.)
//
// So when neither list holds more than one index (always for Categories,
// Keep and Levels learnt from a column spelled in yes/no words, and for
// Order and Values unless they list two words for one value, such as
// "Yes, yes") and the column is spelled in yes/no words that read as their
// values (every spelling Modelbench makes does), the spelling does not
// matter: a true value matches Labels[True[0]], or no label when True is
// empty, and a false one Labels[False[0]], or none. When several labels
// read as v, a value v matches the one spelled exactly as its column
// spells it, or none.
type YesNoMatch struct {
	True, False []int
}

// yesNoMatch describes how labels match a column of the given kind: nil
// unless it holds yes/no values.
func yesNoMatch(kind data.Kind, labels []string) *YesNoMatch {
	if kind != data.Boolean {
		return nil
	}
	m := &YesNoMatch{True: []int{}, False: []int{}}
	for i, l := range labels {
		v, ok := data.ParseBool(l)
		switch {
		case ok && v:
			m.True = append(m.True, i)
		case ok:
			m.False = append(m.False, i)
		}
	}
	return m
}

// OneHotExport describes one_hot: each listed column (categorical, yes/no
// or text) is replaced, at its place, by the numeric columns Outputs. A
// row whose label (a yes/no value's as the column's YesNo says) is
// Categories[i] gets 1 in Outputs[CategoryOutput[i]]
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
	MissingOutput  int         // when MissingSeen, the index in Outputs, or -1; else -1
	Outputs        []string    // NAME=label, NAME=(missing), NAME=(other), in order
	YesNo          *YesNoMatch // when Kind is yes/no, how its values match Categories; else nil
}

// OrdinalExport describes ordinal: Column (of kind Kind) is replaced, at
// its place, by a numeric column holding the 0-based position of the
// row's label in Order (a yes/no value's label as YesNo says); a label not
// in Order, and a missing value, give NaN.
type OrdinalExport struct {
	StepInfo
	Column string
	Kind   data.Kind
	Order  []string
	YesNo  *YesNoMatch // when Kind is yes/no, how its values match Order; else nil
}

// GroupRareExport describes group_rare: each listed column is replaced, at
// its place, by a categorical column in which a label in Keep stays as it
// is, any other present label (rare in the training rows, or never seen)
// becomes Other, and a missing value stays missing. A yes/no value's label
// is as YesNo says, so a value that matches a kept label by truth value
// takes that label's text ("Yes" for a y when Keep holds "Yes"). The
// result is categorical even when the column held yes/no values or text.
type GroupRareExport struct {
	StepInfo
	Other   string
	Columns []GroupRareColumn
}

// GroupRareColumn is the kept labels of one column.
type GroupRareColumn struct {
	Name  string
	Kind  data.Kind // of the input column
	Keep  []string
	YesNo *YesNoMatch // when Kind is yes/no, how its values match Keep; else nil
}

// TargetEncodeExport describes target_encode as Apply does it: the
// training rows were encoded out of fold while fitting (FitTransform),
// but Apply, and so new data, uses the encoding learnt from all the
// training rows, which is what this holds. Each listed column is
// replaced, at its place, by the numeric columns Outputs: for output o, a
// row whose label (a yes/no value's as YesNo says) is Levels[l] gets
// Values[o][l]; a label not in Levels,
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
	YesNo   *YesNoMatch // when Kind is yes/no, how its values match Levels; else nil
}

// ReplaceValuesExport describes replace_values on Column, whose kind at
// this step is Kind. For a numeric column, a value equal (==) to one of
// Numbers (Values read as numbers) becomes WithNumber, which is NaN
// (missing) when With is empty; other values stay. For a categorical,
// text or yes/no column, a present value whose label (a yes/no value's as
// YesNo says) is one of Values becomes the label With, and every value is
// then read back as Kind: categorical keeps the label, "" being missing;
// text keeps it as text, "" being missing (so an empty text already there
// becomes missing too); yes/no reads it with data.ParseBool, anything that
// is not a yes/no word being missing, and spells the result with the
// labels its values took by YesNo: a column spelled y/n whose true values
// matched Values "true" is spelled true/n afterwards. The column keeps its
// place and kind.
type ReplaceValuesExport struct {
	StepInfo
	Column     string
	Kind       data.Kind
	Values     []string
	With       string
	Numbers    []float64   // for a numeric column
	WithNumber float64     // for a numeric column
	YesNo      *YesNoMatch // when Kind is yes/no, how its values match Values; else nil
}

// Export implements Exporter.
func (s *oneHotState) Export([]Field) (ExportedStep, error) {
	out := &OneHotExport{Unseen: s.Unseen, Columns: make([]OneHotColumn, len(s.Columns))}
	for i, c := range s.Columns {
		oc := OneHotColumn{Name: c.Name, Kind: c.Kind, Categories: append([]string{}, c.Categories...),
			CategoryOutput: append([]int{}, c.Slot[:len(c.Categories)]...), MissingSeen: c.MissingSeen,
			MissingOutput: -1, Outputs: append([]string{}, c.Outputs...), YesNo: yesNoMatch(c.Kind, c.Categories)}
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
	return &OrdinalExport{Column: s.Column, Kind: f.Kind, Order: append([]string{}, s.Order...), YesNo: yesNoMatch(f.Kind, s.Order)}, nil
}

// Export implements Exporter.
func (s *groupRareState) Export(in []Field) (ExportedStep, error) {
	out := &GroupRareExport{Other: s.Other, Columns: make([]GroupRareColumn, len(s.Columns))}
	for i, c := range s.Columns {
		f, err := fieldOf(in, c.Name)
		if err != nil {
			return nil, err
		}
		out.Columns[i] = GroupRareColumn{Name: c.Name, Kind: f.Kind, Keep: append([]string{}, c.Keep...), YesNo: yesNoMatch(f.Kind, c.Keep)}
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
			Outputs: append([]string{}, c.Outputs...), Default: floats(c.Prior), Values: make([][]float64, len(c.Values)),
			YesNo: yesNoMatch(f.Kind, c.Levels)}
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
	out := &ReplaceValuesExport{Column: s.Column, Kind: f.Kind, Values: append([]string{}, s.Values...), With: s.With,
		YesNo: yesNoMatch(f.Kind, s.Values)}
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
