package source

import (
	"errors"
	"fmt"
	"math"

	"modelbench/workflow/data"
)

// nullOnly is the parse option for cells whose format marks missing values
// itself (SQL NULL, Parquet nulls, JSON null): only empty text is missing,
// so a real "NA" or "-" stays a value.
var nullOnly = data.ParseOptions{MissingTokens: []string{}}

var nan = math.NaN()

// ErrDamaged is wrapped when a format library gives up on a file by
// panicking: a damaged file must end in an error, not crash the program.
var ErrDamaged = errors.New("the file is damaged")

// guard runs fn, turning a panic inside a format library into an error
// naming where.
func guard(where string, fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: %w (the reader stopped with: %v)", where, ErrDamaged, r)
		}
	}()
	return fn()
}

// parseOptions returns the Spec's parse options, or def when it has none.
func (s Spec) parseOptions(def data.ParseOptions) data.ParseOptions {
	if s.Parse != nil {
		return *s.Parse
	}
	return def
}

// textColumn types a column of cell texts with the shared inference.
// firstLine is the line (or row) number of cells[0], for errors.
func textColumn(where, name string, cells []string, opt data.ParseOptions, firstLine int) (data.Column, data.Inference, error) {
	col, inf, err := data.BuildColumn(name, cells, opt, nil, firstLine)
	if err != nil {
		var pe *data.ParseError
		if errors.As(err, &pe) && pe.File == "" {
			pe.File = where
		}
		return nil, inf, err
	}
	return col, inf, nil
}

// numericInference explains a numeric column whose type the source
// declared (why says how, e.g. "stored as DOUBLE in the Parquet file").
// It applies the same labels as data's inference: integer for whole
// numbers, identifier where data.LooksLikeIdentifier says so, empty when
// nothing is present.
func numericInference(col *data.NumericColumn, why string) data.Inference {
	present := col.Len() - col.Missing()
	inf := data.Inference{Kind: data.Numeric, Label: data.LabelNumeric,
		Reason: fmt.Sprintf("%s; %d values present", why, present)}
	switch {
	case present == 0:
		inf.Label = data.LabelEmpty
		inf.Reason = fmt.Sprintf("all %d values are missing", col.Len())
	case col.IsInteger():
		inf.Label = data.LabelInteger
		inf.Reason = fmt.Sprintf("%s; all %d present values are whole numbers", why, present)
		if data.LooksLikeIdentifier(col) {
			inf.Label = data.LabelIdentifier
			inf.Reason = fmt.Sprintf("whole numbers, every one different, in a column named %q: it numbers rows rather than measuring them", col.Name())
		}
	}
	return inf
}

// declaredInference explains a boolean, datetime or categorical column
// whose type the source declared.
func declaredInference(col data.Column, why string) data.Inference {
	k := col.Kind()
	if col.Missing() == col.Len() {
		return data.Inference{Kind: k, Label: data.LabelEmpty, Reason: fmt.Sprintf("all %d values are missing", col.Len())}
	}
	label := map[data.Kind]string{data.Boolean: data.LabelBoolean, data.Datetime: data.LabelDatetime,
		data.Categorical: data.LabelCategorical, data.Text: data.LabelText, data.Numeric: data.LabelNumeric}[k]
	return data.Inference{Kind: k, Label: label, Reason: why}
}

// assemble builds the Table from typed columns, fixing repeated names.
func assemble(where string, cols []data.Column, infs []data.Inference, issues []data.Issue) (*data.Table, error) {
	if len(cols) == 0 {
		return nil, fmt.Errorf("%s: %w", where, data.ErrNoColumns)
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name()
	}
	fixed, more := data.FixNames(where, names)
	for i, c := range cols {
		if fixed[i] != names[i] {
			cols[i] = c.Renamed(fixed[i])
		}
	}
	f, err := data.NewFrame(cols...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	t := data.NewTable(where, f, infs)
	t.Issues = append(issues, more...)
	return t, nil
}
