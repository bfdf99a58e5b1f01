package data

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// ConvertError reports the first row of a column whose value does not fit
// the kind asked for.
type ConvertError struct {
	Column string // the column's name
	Row    int    // 0-based row position
	To     Kind   // the kind asked for
	Err    error  // what is wrong with the value
}

// Error names the column, the 1-based row and the value.
func (e *ConvertError) Error() string {
	return fmt.Sprintf("column %q cannot become %s: row %d: %v", e.Column, e.To, e.Row+1, e.Err)
}

// Unwrap returns the underlying error.
func (e *ConvertError) Unwrap() error { return e.Err }

// Convert returns col's values as a column of kind to, under opt (missing
// tokens, decimal comma). Missing cells stay missing. Text and categories
// are read as numbers, yes/no words or dates (the date layout is detected
// from the values; yes/no words keep their spelling, see SpellingOf);
// numbers become categories or text in their shortest form; booleans
// become 1/0 as numbers and categories or text in their spelling; numbers
// 0/1 become booleans spelled true and false; dates become Unix seconds as
// numbers. The first row whose value does not fit
// is reported as a *ConvertError. col itself is never changed; when it
// already has kind to it is returned as it is.
func Convert(col Column, to Kind, opt ParseOptions) (Column, error) {
	if col.Kind() == to {
		return col, nil
	}
	switch src := col.(type) {
	case *BooleanColumn:
		if to == Numeric {
			return boolToNumeric(src), nil
		}
	case *DatetimeColumn:
		if to == Numeric {
			return datesToNumeric(src), nil
		}
	case *NumericColumn:
		if to == Boolean {
			return numericToBool(src)
		}
	}
	codes, levels := dictionary(col, opt)
	out, _, err := typeLevels(col.Name(), codes, levels, opt, &to)
	if err != nil {
		var le *levelError
		if errors.As(err, &le) {
			return nil, &ConvertError{Column: col.Name(), Row: le.row, To: to, Err: le.err}
		}
		return nil, err
	}
	return out, nil
}

// dictionary encodes a column's formatted values; a categorical column's
// own codes and levels are used as they are.
func dictionary(col Column, opt ParseOptions) ([]int32, []string) {
	if c, ok := col.(*CategoricalColumn); ok {
		return c.Codes(), c.Levels()
	}
	_, isText := col.(*TextColumn)
	return EncodeLevels(col.Len(), func(i int) (string, bool) {
		s := col.Format(i)
		return s, !col.IsMissing(i) && !(isText && opt.IsMissing(s))
	})
}

func boolToNumeric(c *BooleanColumn) Column {
	vals := make([]float64, c.Len())
	for i := range vals {
		v, ok := c.At(i)
		switch {
		case !ok:
			vals[i] = math.NaN()
		case v:
			vals[i] = 1
		}
	}
	return NewNumeric(c.Name(), vals, nil)
}

func datesToNumeric(c *DatetimeColumn) Column {
	vals := make([]float64, c.Len())
	for i, ns := range c.UnixNanos() {
		vals[i] = float64(ns) / float64(time.Second)
		if c.IsMissing(i) {
			vals[i] = math.NaN()
		}
	}
	return NewNumeric(c.Name(), vals, nil)
}

func numericToBool(c *NumericColumn) (Column, error) {
	n := c.Len()
	vals, miss := make([]bool, n), NewMask(n)
	for i, v := range c.Values() {
		switch {
		case c.IsMissing(i):
			miss.Set(i)
		case v == 0 || v == 1:
			vals[i] = v == 1
		default:
			return nil, &ConvertError{Column: c.Name(), Row: i, To: Boolean, Err: fmt.Errorf("%s is neither 0 nor 1", FormatFloat(v))}
		}
	}
	return NewBoolean(c.Name(), vals, miss), nil
}

// WithKind returns a new Table in which the named column is converted to
// kind k (see Convert, with the default ParseOptions) and its Field is
// marked as the user's choice. t is not changed.
func (t *Table) WithKind(name string, k Kind) (*Table, error) {
	i := t.Frame.Index(name)
	if i < 0 {
		return nil, fmt.Errorf("no column named %q", name)
	}
	col, err := Convert(t.Frame.Col(i), k, ParseOptions{})
	if err != nil {
		return nil, err
	}
	f, err := t.Frame.With(col)
	if err != nil {
		return nil, err
	}
	out := t.clone()
	out.Frame = f
	fl := &out.Schema.Fields[i]
	fl.Kind, fl.Label, fl.UserKind, fl.TypeReason = k, k.String(), true, "type chosen by the user"
	if i < len(out.Inferences) {
		out.Inferences[i] = Inference{Kind: k, Label: k.String(), Reason: "type chosen by the user"}
	}
	return out, nil
}

// WithRole returns a new Table in which the named column plays role r,
// chosen by the user (a new target turns the previous one into a
// feature). t is not changed.
func (t *Table) WithRole(name string, r Role) (*Table, error) {
	s, err := t.Schema.WithRole(name, r)
	if err != nil {
		return nil, err
	}
	out := t.clone()
	out.Schema = s
	return out, nil
}

// clone copies the Table's own slices; the Frame is immutable and shared.
func (t *Table) clone() *Table {
	out := *t
	out.Schema = Schema{Fields: append([]Field(nil), t.Schema.Fields...)}
	out.Inferences = append([]Inference(nil), t.Inferences...)
	out.Issues = append([]Issue(nil), t.Issues...)
	return &out
}
