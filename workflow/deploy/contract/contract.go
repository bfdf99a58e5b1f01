package contract

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/model"
)

// The file format of schema.json. Version goes up when the layout
// changes; readers reject versions newer than they know.
const (
	Format  = "modelbench.schema"
	Version = 1
)

// FileName is the contract's name in a deployment package.
const FileName = "schema.json"

// MaxLevels caps the levels a field lists; a category with more levels
// lists the most frequent ones and sets MoreLevels.
const MaxLevels = 200

// Types a field can have, as requests must send them.
const (
	TypeNumber   = "number"   // any JSON number (or a numeric string in CSV)
	TypeInteger  = "integer"  // a whole number
	TypeBoolean  = "boolean"  // true/false, or the file's spellings (see TrueText, FalseText)
	TypeCategory = "category" // a string, one of Levels or a new one
	TypeDatetime = "datetime" // a string in Layout (RFC 3339 is accepted too)
	TypeText     = "text"     // free text
)

// Contract is a model's input contract.
type Contract struct {
	Format  string     `json:"format"`
	Version int        `json:"version"`
	Learner string     `json:"learner"`
	Task    model.Task `json:"task"`
	Target  string     `json:"target"`
	Classes []string   `json:"classes,omitempty"`
	Fields  []Field    `json:"fields"`
}

// Field is one input column of the contract.
type Field struct {
	Name string `json:"name"`
	Type string `json:"type"`
	// Nullable says whether a request may leave the value out (or send
	// null): the fitted preparation and model were tried on a row with
	// this field missing and scored it.
	Nullable bool `json:"nullable"`
	// Min and Max are the range of the training values (numbers,
	// integers, datetimes as Unix seconds); values outside are scored but
	// are extrapolation.
	Min *float64 `json:"min,omitempty"`
	Max *float64 `json:"max,omitempty"`
	// Levels are the categories seen in training, most frequent first
	// (at most MaxLevels; MoreLevels says when there were more). A new
	// level is scored as the preparation handles unseen levels.
	Levels     []string `json:"levels,omitempty"`
	MoreLevels bool     `json:"more_levels,omitempty"`
	// TrueText and FalseText are how the training file spelled a yes/no
	// column's values.
	TrueText  string `json:"true_text,omitempty"`
	FalseText string `json:"false_text,omitempty"`
	Layout    string `json:"layout,omitempty"` // datetime layout (Go reference time)
	// MissingShare is the share of training rows without a value.
	MissingShare float64 `json:"missing_share"`
	// Example is a typical value (the median, or the most frequent level),
	// for example requests and documentation.
	Example any `json:"example,omitempty"`
}

// FromArtifact builds the contract of a's inputs from the rows it was
// trained on (train must hold a's input columns; other columns are
// ignored). Nullable is found by scoring one typical row with each field
// missing in turn.
func FromArtifact(ctx context.Context, a *artifact.Artifact, train *data.Frame) (*Contract, error) {
	if a == nil || train == nil {
		return nil, errors.New("contract: no artifact or no training rows")
	}
	c := &Contract{Format: Format, Version: Version, Learner: a.Learner, Task: a.Task, Target: a.Target, Classes: a.Classes}
	for _, in := range a.Input {
		col, ok := train.Lookup(in.Name)
		if !ok {
			return nil, fmt.Errorf("contract: the training rows lack the input column %q", in.Name)
		}
		c.Fields = append(c.Fields, describe(in, col))
	}
	if err := c.findNullable(ctx, a, train); err != nil {
		return nil, err
	}
	return c, nil
}

// describe summarises one training column.
func describe(in data.Field, col data.Column) Field {
	f := Field{Name: in.Name, Type: typeOf(in, col)}
	n := col.Len()
	if n > 0 {
		f.MissingShare = float64(col.Missing()) / float64(n)
	}
	switch x := col.(type) {
	case *data.NumericColumn:
		lo, hi, med := numericRange(x)
		f.Min, f.Max = lo, hi
		if med != nil {
			f.Example = *med
			if f.Type == TypeInteger {
				f.Example = math.Round(*med)
			}
		}
	case *data.DatetimeColumn:
		f.Layout = x.Layout()
		var lo, hi int64 = math.MaxInt64, math.MinInt64
		for i, v := range x.UnixNanos() {
			if !x.IsMissing(i) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		if lo <= hi {
			a, b := float64(lo)/1e9, float64(hi)/1e9
			f.Min, f.Max = &a, &b
			for i := range n {
				if !x.IsMissing(i) {
					f.Example = x.Format(i)
					break
				}
			}
		}
	case *data.BooleanColumn:
		f.TrueText, f.FalseText = boolTexts(x)
		f.Levels, f.MoreLevels = levels(col)
		if len(f.Levels) > 0 {
			f.Example = f.Levels[0]
		}
	default:
		f.Levels, f.MoreLevels = levels(col)
		if len(f.Levels) > 0 {
			f.Example = f.Levels[0]
		}
		if f.Type == TypeText {
			f.Levels, f.MoreLevels = nil, false
		}
	}
	return f
}

func typeOf(in data.Field, col data.Column) string {
	switch col.Kind() {
	case data.Numeric:
		if x, ok := col.(*data.NumericColumn); ok && x.IsInteger() {
			return TypeInteger
		}
		return TypeNumber
	case data.Boolean:
		return TypeBoolean
	case data.Datetime:
		return TypeDatetime
	case data.Text:
		return TypeText
	}
	return TypeCategory
}

// numericRange returns the present values' min, max and median (nil when
// every value is missing).
func numericRange(x *data.NumericColumn) (lo, hi, med *float64) {
	var vals []float64
	for i, v := range x.Values() {
		if !x.IsMissing(i) && !math.IsNaN(v) {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 {
		return nil, nil, nil
	}
	slices.Sort(vals)
	a, b := vals[0], vals[len(vals)-1]
	m := vals[len(vals)/2]
	if len(vals)%2 == 0 {
		m = (vals[len(vals)/2-1] + m) / 2
	}
	return &a, &b, &m
}

// levels returns the present values' distinct formatted texts, most
// frequent first (ties by text), capped at MaxLevels.
func levels(col data.Column) ([]string, bool) {
	counts := map[string]int{}
	for i := range col.Len() {
		if !col.IsMissing(i) {
			counts[col.Format(i)]++
		}
	}
	out := make([]string, 0, len(counts))
	for l := range counts {
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		if a < b {
			return -1
		}
		if a > b {
			return 1
		}
		return 0
	})
	if len(out) > MaxLevels {
		return out[:MaxLevels], true
	}
	return out, false
}

// boolTexts returns how the column writes true and false (its Format of a
// present true and false value).
func boolTexts(x *data.BooleanColumn) (t, f string) {
	t, f = "true", "false"
	for i := range x.Len() {
		if v, ok := x.At(i); ok {
			if v {
				t = x.Format(i)
			} else {
				f = x.Format(i)
			}
		}
	}
	return t, f
}

// findNullable scores one typical training row with each field missing in
// turn; a field whose missing value the artifact cannot score is not
// nullable.
func (c *Contract) findNullable(ctx context.Context, a *artifact.Artifact, train *data.Frame) error {
	row, ok := typicalRow(train, c.Fields)
	if !ok {
		return nil // no complete row: leave every field not nullable
	}
	for i := range c.Fields {
		one := row.Take([]int{0})
		f, err := withMissing(one, c.Fields[i].Name)
		if err != nil {
			return err
		}
		_, err = a.Predict(ctx, f)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		c.Fields[i].Nullable = err == nil
	}
	return nil
}

// typicalRow returns the first training row whose input fields are all
// present, as a one-row frame.
func typicalRow(train *data.Frame, fields []Field) (*data.Frame, bool) {
	for r := range train.NumRows() {
		complete := true
		for _, f := range fields {
			if col, _ := train.Lookup(f.Name); col.IsMissing(r) {
				complete = false
				break
			}
		}
		if complete {
			return train.Take([]int{r}), true
		}
	}
	return nil, false
}

// withMissing returns the one-row frame f with column name missing.
func withMissing(f *data.Frame, name string) (*data.Frame, error) {
	cols := f.Columns()
	for i, c := range cols {
		if c.Name() != name {
			continue
		}
		m := data.NewMask(1)
		m.Set(0)
		switch x := c.(type) {
		case *data.NumericColumn:
			cols[i] = data.NewNumeric(name, []float64{math.NaN()}, m)
		case *data.CategoricalColumn:
			cols[i] = data.NewCategorical(name, []int32{-1}, x.Levels())
		case *data.BooleanColumn:
			cols[i] = data.NewBoolean(name, []bool{false}, m)
		case *data.DatetimeColumn:
			cols[i] = data.NewDatetime(name, []int64{0}, m, x.Layout())
		case *data.TextColumn:
			cols[i] = data.NewText(name, []string{""}, m)
		}
	}
	return data.NewFrame(cols...)
}

// Field returns the field with the given name.
func (c *Contract) Field(name string) (Field, bool) {
	for _, f := range c.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// Decode reads schema.json, rejecting other formats and newer versions.
func Decode(b []byte) (*Contract, error) {
	var c Contract
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("not a Modelbench schema file: %w", err)
	}
	if c.Format != Format {
		return nil, fmt.Errorf("not a Modelbench schema file (format %q)", c.Format)
	}
	if c.Version < 1 || c.Version > Version {
		return nil, fmt.Errorf("the schema file has version %d; this Modelbench reads versions 1 to %d", c.Version, Version)
	}
	seen := map[string]bool{}
	for _, f := range c.Fields {
		if f.Name == "" || seen[f.Name] {
			return nil, fmt.Errorf("the schema file names the field %q twice or not at all", f.Name)
		}
		seen[f.Name] = true
		switch f.Type {
		case TypeNumber, TypeInteger, TypeBoolean, TypeCategory, TypeDatetime, TypeText:
		default:
			return nil, fmt.Errorf("the schema file gives field %q the unknown type %q", f.Name, f.Type)
		}
	}
	return &c, nil
}
