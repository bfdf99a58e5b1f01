package prep

import (
	"context"
	"fmt"

	"modelbench/workflow/data"
)

// PipelineExport describes a fitted pipeline as plain typed values, so that
// an exporter (an ONNX graph, PMML, a scikit-learn script) can reproduce
// Fitted.Apply column by column without reading prep's internals.
// Fitted.Export builds it; its test applies every description with an
// independent implementation and compares the result with Apply. It is a
// Go value, not a file format (the saved pipeline JSON is that).
//
// Given a frame f, Apply does exactly this:
//
//  1. Conform: each column of f named in Inputs whose kind differs from
//     the field's Kind is converted to that Kind by the Conversions below
//     (values that do not convert become missing). Other columns of f go
//     on untouched; they are dropped at the end (a name that clashes with
//     a column a step creates makes that step fail).
//  2. The Steps, in order. Each receives the previous one's columns and
//     returns its own; ExportedStep's Input and Output list them as they
//     are when f holds exactly the Inputs. A step that needs a column f
//     lacks fails.
//  3. It returns the columns named in Output, in that order, leaving out
//     the target when f lacks it. Features are the same without the
//     target: the model's inputs, in order.
//
// Values. A numeric value is a float64 and a missing number is NaN: any
// NaN a step produces is a missing value. ±Inf are ordinary values unless
// a step says otherwise. Category, yes/no, text and date columns keep a
// separate missing marker.
//
// Labels. Steps that read values as categories (one_hot, ordinal,
// group_rare, target_encode, replace_values, the key of join) and the
// conversions to categories and text read each present value as the text
// data.Column.Format gives it: a category's level; a text as it is; a
// yes/no value in its column's spelling (see Spellings: "Yes" or "No",
// "y" or "n", "true" or "false"); a number in the shortest form that reads
// back exactly (strconv.FormatFloat(v, 'g', -1, 64): "3", "0.25",
// "1e+21", "+Inf"); a date formatted in UTC with its column's layout (RFC
// 3339 when the layout is empty). Labels match exactly, byte for byte:
// case and spaces count. The one exception: one_hot, ordinal, group_rare,
// target_encode and replace_values match the values of a yes/no column to
// the labels they hold by truth value where the spellings differ, as
// their YesNoMatch says, so that a step fitted on Yes/No applies alike to
// new data spelled y/n or TRUE/FALSE. The key of join is not matched so: a
// yes/no key matches JoinExport.Keys only when spelled alike.
//
// Spellings. A yes/no column spells its two values with two different
// texts (data.BoolSpelling): its labels. A yes/no column of Apply's result
// is spelled as it is after the last step. A column of f that is yes/no
// already keeps its spelling (package data spells a column it reads from
// a file by the rule for labels below, applied to the cells; real
// booleans, from JSON, Parquet or SQL, "true" and "false"). A column that
// a conversion (conform, change_type) makes yes/no is spelled:
//
//   - from numbers: "true" and "false".
//   - from labels (categories, text, dates): the present labels, spaces
//     removed (strings.TrimSpace), that data.ParseBool reads as true are
//     counted, and true is spelled as the most frequent of them, the one
//     whose first row comes first among equally frequent ones; likewise
//     false. A value that no label reads as takes the opposite word of the
//     other value's spelling (true and false, yes and no, t and f, y and
//     n) in the same case: all capitals when that spelling equals its
//     strings.ToUpper, else a capital first letter when it begins with an
//     upper-case letter, else lower case ("Y" gives "N", "Yes" gives "No",
//     "TRUE" gives "FALSE", "yES" gives "no"). When no label is a yes/no
//     word, "true" and "false".
//
// impute keeps the column's spelling; replace_values gives its result the
// spelling the column has once matched to Values (see
// ReplaceValuesExport); the yes/no columns join adds are spelled as
// JoinExport.Columns are. No other step makes a yes/no column, and a
// column a step leaves alone keeps its spelling.
//
// Conversions (conform and change_type), row by row from a column's kind
// to another; a missing value stays missing, and a column already of the
// wanted kind is left as it is:
//
//   - to numeric: a yes/no value is 1 (true) or 0 (false), whatever its
//     spelling; a date is the seconds since 1970-01-01 UTC
//     (float64(nanoseconds) / 1e9); a label is read by
//     data.ParseOptions{}.ParseFloat (surrounding spaces ignored; a
//     decimal point, a sign, an exponent, inf and infinity; no thousands
//     separators, no hexadecimal, no NaN) and is missing when it is not a
//     number.
//   - to categorical: the label with surrounding spaces removed
//     (strings.TrimSpace); an empty result is missing.
//   - to yes/no: a number is true when it is not 0; a label is read by
//     data.ParseBool (true, yes, t, y and false, no, f, n, in any case,
//     spaces ignored) and is missing otherwise; the column is spelled as
//     Spellings says.
//   - to date: a finite number is seconds since 1970-01-01 UTC, rounded
//     to the nanosecond (int64(math.Round(x * 1e9))); a label, spaces
//     removed, is read by time.Parse with the wanted Field's Layout (UTC
//     unless the layout carries a zone) and is missing when it does not
//     parse.
//   - to text: the label.
type PipelineExport struct {
	// Target is the target column ("" when fitted without one). No step
	// changes it; Apply passes it through when present.
	Target string
	// Inputs are the columns the pipeline was fitted on (Fitted.Inputs).
	Inputs []Field
	// Steps are the enabled steps, in order.
	Steps []ExportedStep
	// Output are the columns Apply returns, in order, target included.
	Output []Field
	// Features are Output's names without the target.
	Features []string
}

// ExportedStep is the typed description of one fitted step. Its concrete
// type is one of *DropColumnsExport, *ChangeTypeExport, *IdentityExport
// (filter_rows, remove_duplicates, rebalance), *ReplaceValuesExport,
// *ImputeExport, *GroupRareExport, *OneHotExport, *OrdinalExport,
// *TargetEncodeExport, *ScaleExport, *Log1pExport, *YeoJohnsonExport,
// *ClipExport, *BinExport, *DatePartsExport, *DeriveExport and
// *JoinExport: switch on it. Each type's doc comment states what Apply
// does with it, exactly. Every value holds copies the caller may keep or
// change.
type ExportedStep interface {
	// Info returns the step's position, kind, reason, input and output.
	Info() *StepInfo
	exportedStep()
}

// StepInfo is what every ExportedStep has; the concrete types embed it.
type StepInfo struct {
	Index  int     // 1-based position in Pipeline.Steps (disabled steps have none)
	Kind   string  // the registry name of the step
	Why    string  // the user's reason, possibly empty
	Input  []Field // the columns the step receives, in order
	Output []Field // the columns it returns, in order
}

// Info implements ExportedStep.
func (s *StepInfo) Info() *StepInfo { return s }

func (*StepInfo) exportedStep() {}

// Exporter is the optional capability of a fitted Transform to describe
// itself for export. in lists the columns the step receives (as
// StepInfo.Input); the returned step's StepInfo is left for the caller to
// fill. Every Transform prep makes implements it. An error means the step
// cannot be described exactly; it wraps ErrNotExportable and says why.
type Exporter interface {
	Export(in []Field) (ExportedStep, error)
}

// Export describes the fitted pipeline for exporters (see
// PipelineExport). A step that cannot be described exactly (its
// Transform is not an Exporter, or says it cannot describe itself) is a
// *StepError naming the step and wrapping ErrNotExportable with the
// reason; nothing is described approximately.
func (ft *Fitted) Export() (*PipelineExport, error) {
	cur, err := emptyFrame(ft.input)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotExportable, err)
	}
	px := &PipelineExport{Target: ft.target, Inputs: ft.Inputs()}
	for _, s := range ft.steps {
		bad := func(format string, args ...any) error {
			return &StepError{Index: s.index + 1, Kind: s.t.Kind(), Err: fmt.Errorf("%w: "+format, append([]any{ErrNotExportable}, args...)...)}
		}
		ex, ok := s.t.(Exporter)
		if !ok {
			return nil, bad("the fitted step (%T) cannot describe itself", s.t)
		}
		in := fieldsOf(cur)
		st, err := ex.Export(in)
		if err != nil {
			return nil, &StepError{Index: s.index + 1, Kind: s.t.Kind(), Err: err}
		}
		out, err := s.t.Apply(context.Background(), cur)
		if err != nil {
			return nil, bad("it fails on columns of the kinds it was fitted on: %w", err)
		}
		*st.Info() = StepInfo{Index: s.index + 1, Kind: s.t.Kind(), Why: ft.pipeline.Steps[s.index].Why, Input: in, Output: fieldsOf(out)}
		px.Steps = append(px.Steps, st)
		cur = out
	}
	final, err := ft.selectOutput(cur)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotExportable, err)
	}
	px.Output, px.Features = fieldsOf(final), ft.Features()
	return px, nil
}

// notExportable is the error of an Exporter that cannot describe its step.
func notExportable(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrNotExportable}, args...)...)
}

// emptyFrame builds a frame without rows holding the given columns, to
// trace what each step receives and returns.
func emptyFrame(fields []Field) (*data.Frame, error) {
	cols := make([]data.Column, len(fields))
	for i, fl := range fields {
		switch fl.Kind {
		case data.Numeric:
			cols[i] = data.NewNumeric(fl.Name, []float64{}, nil)
		case data.Categorical:
			cols[i] = data.NewCategorical(fl.Name, []int32{}, nil)
		case data.Boolean:
			cols[i] = data.NewBoolean(fl.Name, []bool{}, nil)
		case data.Datetime:
			cols[i] = data.NewDatetime(fl.Name, []int64{}, nil, fl.Layout)
		case data.Text:
			cols[i] = data.NewText(fl.Name, []string{}, nil)
		default:
			return nil, fmt.Errorf("column %q has an unknown kind %v", fl.Name, fl.Kind)
		}
	}
	return data.NewFrame(cols...)
}

// fieldOf finds the named field of a step's input.
func fieldOf(in []Field, name string) (Field, error) {
	for _, f := range in {
		if f.Name == name {
			return f, nil
		}
	}
	return Field{}, notExportable("column %q is not among the step's input columns", name)
}
