package prep

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

var imputeStrategies = []string{"mean", "median", "most_frequent", "constant"}

var imputeKind = &kindDef{
	StepKind: StepKind{Name: "impute", Label: "Fill in missing values",
		Help: "Fills empty cells so that learners which cannot handle gaps can use the rows. The median is a safe choice for numbers (extreme values do not pull it), the most frequent value for categories. " +
			"An indicator column (1 where the value was missing) keeps the fact that it was missing, which often carries information. " +
			"What can go wrong: filling hides how much was missing; a column that is mostly empty becomes nearly constant; the fill value is learnt from the training rows only and reused as is for new data.",
		Params: []param.Spec{
			columnsSpec("The columns to fill. Empty means every numeric column for mean and median, and every numeric, category, yes/no and text column for most_frequent and constant."),
			{Name: "strategy", Label: "Fill with", Kind: param.Choice, Choices: imputeStrategies, Default: "median",
				Help: "mean or median (numbers only), most_frequent (the commonest value, the smallest on ties) or constant (fill_value)."},
			{Name: "fill_value", Label: "Constant", Kind: param.String, Default: "",
				Help: "The value used by the constant strategy; empty means 0 for numbers and \"missing\" for categories and text."},
			{Name: "indicator", Label: "Add indicator columns", Kind: param.Bool, Default: false,
				Help: "Adds a column NAME_missing (1 or 0) after each column that had missing values in the training rows."},
		},
	},
	build: func(p param.Values) (fitter, error) {
		return &imputeConfig{columns: p.Strings("columns"), strategy: p.String("strategy"),
			fill: p.String("fill_value"), indicator: p.Bool("indicator")}, nil
	},
	state: func() Transform { return &imputeState{} },
}

type imputeConfig struct {
	columns   []string
	strategy  string
	fill      string
	indicator bool
}

// imputeCol is the fitted fill of one column.
type imputeCol struct {
	Name      string    `json:"name"`
	Kind      data.Kind `json:"type"`
	Number    num       `json:"number,omitempty"` // fill of a numeric column
	Label     string    `json:"label,omitempty"`  // fill of other kinds, as text
	Indicator bool      `json:"indicator,omitempty"`
}

func (c imputeCol) colName() string { return c.Name }

type imputeState struct {
	Strategy string      `json:"strategy"`
	Columns  []imputeCol `json:"columns"`
}

func (c *imputeConfig) fit(in *fitInput) (Transform, *data.Frame, error) {
	auto := kindFilter{[]data.Kind{data.Numeric, data.Categorical, data.Boolean, data.Text}, "numbers, categories, yes/no or text"}
	if c.strategy == "mean" || c.strategy == "median" {
		auto = kindFilter{[]data.Kind{data.Numeric}, "numbers for the " + c.strategy + " (use most_frequent or constant for other columns)"}
	}
	names, err := resolveColumns(in, c.columns, auto, auto)
	if err != nil {
		return nil, nil, err
	}
	st := &imputeState{Strategy: c.strategy, Columns: make([]imputeCol, len(names))}
	err = forEach(in.ctx, len(names), func(i int) error {
		col, _ := in.frame.Lookup(names[i])
		ic, err := c.fitColumn(col)
		st.Columns[i] = ic
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	out, err := st.Apply(in.ctx, in.frame)
	return st, out, err
}

func (c *imputeConfig) fitColumn(col data.Column) (imputeCol, error) {
	ic := imputeCol{Name: col.Name(), Kind: col.Kind(), Indicator: c.indicator && col.Missing() > 0}
	if num, ok := col.(*data.NumericColumn); ok {
		v, err := c.numberFill(num)
		ic.Number = nums([]float64{v})[0]
		return ic, err
	}
	if c.strategy == "constant" {
		ic.Label = c.fill
		if ic.Label == "" {
			ic.Label = "missing"
		}
		if col.Kind() == data.Boolean {
			b, ok := data.ParseBool(c.fill)
			if !ok {
				return ic, colErr(col.Name(), "the column holds yes/no values; give fill_value true or false")
			}
			ic.Label = col.(*data.BooleanColumn).Spelling().Text(b)
		}
		return ic, nil
	}
	label, ok := modeLabel(col)
	if !ok {
		return ic, colErr(col.Name(), "the column has no values in the training rows, so there is nothing to fill with; drop it")
	}
	ic.Label = label
	return ic, nil
}

func (c *imputeConfig) numberFill(col *data.NumericColumn) (float64, error) {
	if c.strategy == "constant" {
		if strings.TrimSpace(c.fill) == "" {
			return 0, nil
		}
		v, ok := data.ParseOptions{}.ParseFloat(c.fill)
		if !ok {
			return 0, colErr(col.Name(), "the column holds numbers, and fill_value %q is not a number", c.fill)
		}
		return v, nil
	}
	var v float64
	ok := true
	switch c.strategy {
	case "mean":
		v, _, _ = meanVar(col.Values())
	case "median":
		v = median(col.Values())
	default:
		v, ok = modeFloat(col.Values())
	}
	if !ok || math.IsNaN(v) {
		return 0, colErr(col.Name(), "the column has no values in the training rows, so there is nothing to fill with; drop it")
	}
	return v, nil
}

// modeLabel returns the most frequent label of a column, the smallest
// (by byte order) among ties, as scikit-learn does for object columns.
func modeLabel(col data.Column) (string, bool) {
	codes, levels := data.Dictionary(col)
	counts := make([]int, len(levels))
	for _, k := range codes {
		if k >= 0 {
			counts[k]++
		}
	}
	best, bestN := "", 0
	for k, n := range counts {
		if n > bestN || n == bestN && n > 0 && levels[k] < best {
			best, bestN = levels[k], n
		}
	}
	return best, bestN > 0
}

func (s *imputeState) validate() error {
	for _, c := range s.Columns {
		switch c.Kind {
		case data.Numeric, data.Categorical, data.Boolean, data.Text:
		default:
			return fmt.Errorf("column %q: cannot fill %s values", c.Name, c.Kind)
		}
	}
	return nil
}

func (s *imputeState) Kind() string { return "impute" }

// Apply fills missing values with the fitted fills and adds the fitted
// indicator columns.
func (s *imputeState) Apply(ctx context.Context, f *data.Frame) (*data.Frame, error) {
	return replaceEach(ctx, f, s.Columns, func(ic imputeCol) ([]data.Column, error) {
		col, err := lookupCol(f, ic.Name)
		if err != nil {
			return nil, err
		}
		if col.Kind() != ic.Kind {
			return nil, colErr(ic.Name, "expected %s values, found %s", ic.Kind, col.Kind())
		}
		out := []data.Column{fillColumn(col, ic)}
		if ic.Indicator {
			out = append(out, indicatorColumn(col))
		}
		return out, nil
	})
}

// fillColumn returns col with its missing rows set to the fill; a column
// without missing rows is returned as it is.
func fillColumn(col data.Column, ic imputeCol) data.Column {
	if col.Missing() == 0 {
		return col
	}
	switch c := col.(type) {
	case *data.NumericColumn:
		in := c.Values()
		out := make([]float64, len(in))
		fill := float64(ic.Number)
		for i, v := range in {
			if math.IsNaN(v) {
				v = fill
			}
			out[i] = v
		}
		return data.NewNumeric(c.Name(), out, nil)
	case *data.CategoricalColumn:
		return fillCategorical(c, ic.Label)
	case *data.BooleanColumn:
		fill, _ := data.ParseBool(ic.Label) // "true" or the column's spelling ("Yes"); checked when fitted
		out := make([]bool, c.Len())
		for i := range out {
			v, ok := c.At(i)
			if !ok {
				v = fill
			}
			out[i] = v
		}
		return data.NewBoolean(c.Name(), out, nil).Spelled(c.Spelling())
	case *data.TextColumn:
		out := make([]string, c.Len())
		for i, v := range c.Values() {
			if c.IsMissing(i) {
				v = ic.Label
			}
			out[i] = v
		}
		return data.NewText(c.Name(), out, nil)
	}
	panic("prep: impute fitted on an unsupported column kind")
}

func fillCategorical(c *data.CategoricalColumn, label string) data.Column {
	levels := c.Levels()
	code := int32(-1)
	for k, l := range levels {
		if l == label {
			code = int32(k)
		}
	}
	if code < 0 {
		levels = append(append([]string(nil), levels...), label)
		code = int32(len(levels) - 1)
	}
	out := make([]int32, c.Len())
	for i, k := range c.Codes() {
		if k < 0 {
			k = code
		}
		out[i] = k
	}
	return data.NewCategorical(c.Name(), out, levels)
}

// indicatorColumn is NAME_missing: 1 where col is missing, else 0.
func indicatorColumn(col data.Column) data.Column {
	out := make([]float64, col.Len())
	for i := range out {
		if col.IsMissing(i) {
			out[i] = 1
		}
	}
	return data.NewNumeric(indicatorName(col.Name()), out, nil)
}

// indicatorName is the name of a column's missing-value indicator.
func indicatorName(name string) string { return name + "_missing" }

func (s *imputeState) Describe() string {
	if len(s.Columns) == 0 {
		return "does nothing: no column to fill."
	}
	parts := make([]string, 0, len(s.Columns))
	var ind []string
	for _, c := range s.Columns {
		if c.Kind == data.Numeric {
			parts = append(parts, fmt.Sprintf("%s %s", c.Name, data.FormatFloat(float64(c.Number))))
		} else {
			parts = append(parts, fmt.Sprintf("%s %q", c.Name, c.Label))
		}
		if c.Indicator {
			ind = append(ind, c.Name)
		}
	}
	sort.Strings(ind)
	d := fmt.Sprintf("fills missing values (%s): %s.", s.Strategy, strings.Join(parts, ", "))
	if len(ind) > 0 {
		d += " Adds missing-value indicators for " + quoteList(ind) + "."
	}
	return d
}
