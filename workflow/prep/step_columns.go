package prep

import (
	"context"
	"fmt"
	"math"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

// ---- drop_columns ----

var dropColumnsKind = &kindDef{
	StepKind: StepKind{Name: "drop_columns", Label: "Drop columns",
		Help: "Removes columns the model must not see: row identifiers, free text, columns that leak the answer (recorded after the outcome was known), or columns with almost no values. " +
			"What can go wrong: dropping a useful column costs accuracy, and keeping a leaking one gives a model that looks excellent in testing and fails in use.",
		Params: []param.Spec{{Name: "columns", Label: "Columns", Kind: param.Columns, Default: []string{},
			Help: "The columns to remove. At least one is needed; the target cannot be dropped."}},
	},
	build: func(p param.Values) (fitter, error) {
		cols := p.Strings("columns")
		if len(cols) == 0 {
			return nil, fmt.Errorf("columns: name at least one column to drop")
		}
		return &dropState{Columns: cols}, nil
	},
	state: func() Transform { return &dropState{} },
}

// dropState is both the configuration and the fitted state of drop_columns.
type dropState struct {
	Columns []string `json:"columns"`
}

func (s *dropState) fit(in *fitInput) (Transform, *data.Frame, error) {
	cols, err := resolveColumns(in, s.Columns, kindFilter{}, kindFilter{data.Kinds(), "any"})
	if err != nil {
		return nil, nil, err
	}
	t := &dropState{Columns: cols}
	out, err := t.Apply(in.ctx, in.frame)
	return t, out, err
}

func (s *dropState) Kind() string { return "drop_columns" }

// Apply drops the columns; ones already absent are ignored.
func (s *dropState) Apply(_ context.Context, f *data.Frame) (*data.Frame, error) {
	return f.Drop(s.Columns...), nil
}

func (s *dropState) Describe() string { return "drops " + quoteList(s.Columns) + "." }

// ---- change_type ----

var typeChoices = []string{"numeric", "categorical", "boolean", "datetime", "text"}

var changeTypeKind = &kindDef{
	StepKind: StepKind{Name: "change_type", Label: "Change a column's type",
		Help: "Reads a column as another type: numbers stored as codes (1, 2, 3 for classes) become categories, yes/no columns become 0/1 numbers, dates read as text become dates. " +
			"What can go wrong: while fitting, a value that does not convert stops the step and names the row; in new data such values become missing, so check the missing counts after changing a type.",
		Params: []param.Spec{
			{Name: "column", Label: "Column", Kind: param.String, Default: "", Help: "The column to convert."},
			{Name: "type", Label: "New type", Kind: param.Choice, Choices: typeChoices, Default: "numeric",
				Help: "numeric, categorical, boolean, datetime or text. Booleans become 1/0 and dates seconds since 1970 when made numeric."},
		},
	},
	build: func(p param.Values) (fitter, error) {
		if strings.TrimSpace(p.String("column")) == "" {
			return nil, fmt.Errorf("column: name the column to convert")
		}
		k, err := data.ParseKind(p.String("type"))
		if err != nil {
			return nil, err
		}
		return &changeTypeState{Column: p.String("column"), Type: k}, nil
	},
	state: func() Transform { return &changeTypeState{} },
}

type changeTypeState struct {
	Column string    `json:"column"`
	Type   data.Kind `json:"type"`
	Layout string    `json:"layout,omitempty"`
}

func (s *changeTypeState) fit(in *fitInput) (Transform, *data.Frame, error) {
	if _, err := resolveColumns(in, []string{s.Column}, kindFilter{}, kindFilter{data.Kinds(), "any"}); err != nil {
		return nil, nil, err
	}
	c, _ := in.frame.Lookup(s.Column)
	t := &changeTypeState{Column: s.Column, Type: s.Type}
	if s.Type == data.Datetime && c.Kind() != data.Numeric && c.Kind() != data.Datetime {
		layout, err := detectLayout(c)
		if err != nil {
			return nil, nil, err
		}
		t.Layout = layout
	}
	conv, err := convertColumn(c, t.Type, t.Layout, true)
	if err != nil {
		return nil, nil, err
	}
	out, err := replaceNumeric(in.frame, []string{s.Column}, []data.Column{conv})
	return t, out, err
}

func (s *changeTypeState) Kind() string { return "change_type" }

// Apply converts the column; values that do not convert become missing.
func (s *changeTypeState) Apply(_ context.Context, f *data.Frame) (*data.Frame, error) {
	c, err := lookupCol(f, s.Column)
	if err != nil {
		return nil, err
	}
	conv, err := convertColumn(c, s.Type, s.Layout, false)
	if err != nil {
		return nil, err
	}
	return replaceNumeric(f, []string{s.Column}, []data.Column{conv})
}

func (s *changeTypeState) Describe() string {
	return fmt.Sprintf("reads %q as %s values.", s.Column, s.Type)
}

// ---- replace_values ----

var replaceValuesKind = &kindDef{
	StepKind: StepKind{Name: "replace_values", Label: "Replace values",
		Help: "Replaces given values of one column by another value, or by missing: codes such as -999 or 0 that really mean \"not measured\", or spelling variants of one category (\"Yes\", \"yes\", \"Y\"). " +
			"What can go wrong: a code that means missing, left in, looks like a real extreme value and distorts averages and models; but a 0 that is a real measurement must stay.",
		Params: []param.Spec{
			{Name: "column", Label: "Column", Kind: param.String, Default: "", Help: "The column to change."},
			{Name: "values", Label: "Values", Kind: param.String, Default: "",
				Help: "The values to replace, separated by commas (for example: -999, -99)."},
			{Name: "with", Label: "Replace with", Kind: param.String, Default: "",
				Help: "The new value; leave empty to make them missing."},
		},
	},
	build: func(p param.Values) (fitter, error) {
		s := &replaceState{Column: p.String("column"), Values: splitList(p.String("values")), With: strings.TrimSpace(p.String("with"))}
		if strings.TrimSpace(s.Column) == "" {
			return nil, fmt.Errorf("column: name the column to change")
		}
		if len(s.Values) == 0 {
			return nil, fmt.Errorf("values: list at least one value to replace")
		}
		return s, nil
	},
	state: func() Transform { return &replaceState{} },
}

// replaceState is both the configuration and the fitted state.
type replaceState struct {
	Column string   `json:"column"`
	Values []string `json:"values"`
	With   string   `json:"with"`
}

func (s *replaceState) fit(in *fitInput) (Transform, *data.Frame, error) {
	if _, err := resolveColumns(in, []string{s.Column}, kindFilter{}, kindFilter{[]data.Kind{data.Numeric, data.Categorical, data.Text, data.Boolean}, "numbers, categories, yes/no or text"}); err != nil {
		return nil, nil, err
	}
	out, err := s.Apply(in.ctx, in.frame)
	return s, out, err
}

func (s *replaceState) Kind() string { return "replace_values" }

// Apply replaces the values in the column.
func (s *replaceState) Apply(_ context.Context, f *data.Frame) (*data.Frame, error) {
	c, err := lookupCol(f, s.Column)
	if err != nil {
		return nil, err
	}
	var out data.Column
	switch x := c.(type) {
	case *data.NumericColumn:
		out, err = s.replaceNumbers(x)
	case *data.DatetimeColumn:
		err = colErr(s.Column, "dates cannot be replaced by value; use filter_rows or derive")
	default:
		out, err = s.replaceLevels(c)
	}
	if err != nil {
		return nil, err
	}
	return replaceNumeric(f, []string{s.Column}, []data.Column{out})
}

func (s *replaceState) replaceNumbers(c *data.NumericColumn) (data.Column, error) {
	with := math.NaN()
	if s.With != "" {
		v, ok := data.ParseOptions{}.ParseFloat(s.With)
		if !ok {
			return nil, colErr(s.Column, "the column holds numbers, and %q is not a number", s.With)
		}
		with = v
	}
	set := make(map[float64]bool, len(s.Values))
	for _, v := range s.Values {
		x, ok := data.ParseOptions{}.ParseFloat(v)
		if !ok {
			return nil, colErr(s.Column, "the column holds numbers, and %q is not a number", v)
		}
		set[x] = true
	}
	in := c.Values()
	vals := make([]float64, len(in))
	for i, x := range in {
		if set[x] {
			x = with
		}
		vals[i] = x
	}
	return data.NewNumeric(s.Column, vals, nil), nil
}

func (s *replaceState) replaceLevels(c data.Column) (data.Column, error) {
	c = data.SpellLike(c, s.Values) // yes/no values match by truth value
	set := make(map[string]bool, len(s.Values))
	for _, v := range s.Values {
		set[v] = true
	}
	vals := make([]string, c.Len())
	for i := range vals {
		v := c.Format(i)
		if set[v] {
			v = s.With
		}
		vals[i] = v
	}
	cat := data.NewCategoricalFromStrings(s.Column, vals, nil)
	if c.Kind() == data.Categorical {
		return cat, nil
	}
	out, err := convertColumn(cat, c.Kind(), "", false)
	if b, ok := c.(*data.BooleanColumn); ok && err == nil {
		out = out.(*data.BooleanColumn).Spelled(b.Spelling())
	}
	return out, err
}

func (s *replaceState) Describe() string {
	with := "missing"
	if s.With != "" {
		with = fmt.Sprintf("%q", s.With)
	}
	return fmt.Sprintf("replaces %s in %q with %s.", quoteList(s.Values), s.Column, with)
}

// quoteList quotes names for descriptions.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	if len(q) > 8 {
		return strings.Join(q[:8], ", ") + fmt.Sprintf(" and %d more", len(q)-8)
	}
	return strings.Join(q, ", ")
}
