package prep

import (
	"context"
	"errors"
	"fmt"
	"math"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

// mapNumeric replaces each named numeric column by fn(j, values), computed
// column-parallel. fn writes every element of out.
func mapNumeric(ctx context.Context, f *data.Frame, names []string, fn func(j int, in, out []float64)) (*data.Frame, error) {
	cols := make([]data.Column, len(names))
	err := forEach(ctx, len(names), func(j int) error {
		c, err := numericCol(f, names[j])
		if err != nil {
			return err
		}
		out := make([]float64, c.Len())
		fn(j, c.Values(), out)
		cols[j] = data.NewNumeric(names[j], out, nil)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return replaceNumeric(f, names, cols)
}

// fitNumeric resolves the numeric columns of a step and computes one
// fitted value per column, column-parallel.
func fitNumeric[T any](in *fitInput, listed []string, fn func(c *data.NumericColumn) (T, error)) ([]string, []T, error) {
	names, err := resolveColumns(in, listed, numericOnly, numericOnly)
	if err != nil {
		return nil, nil, err
	}
	out := make([]T, len(names))
	err = forEach(in.ctx, len(names), func(j int) error {
		c, _ := in.frame.Lookup(names[j])
		v, err := fn(c.(*data.NumericColumn))
		out[j] = v
		return err
	})
	return names, out, err
}

func noValues(c data.Column) error {
	return colErr(c.Name(), "the column has no values in the training rows")
}

// ---- scale ----

var scaleKind = &kindDef{
	StepKind: StepKind{Name: "scale", Label: "Scale numbers",
		Help: "Puts numeric columns on a common scale, which k-NN, linear models with regularisation, SVMs and neural networks need (trees do not). " +
			"standard subtracts the mean and divides by the standard deviation; minmax maps the training range onto 0..1; robust subtracts the median and divides by the interquartile range, so outliers matter less. " +
			"What can go wrong: the centre and spread come from the training rows only, so new data may fall outside 0..1; a constant column is left unscaled.",
		Params: []param.Spec{
			columnsSpec("The numeric columns to scale (empty: every numeric column)."),
			{Name: "method", Label: "Method", Kind: param.Choice, Choices: []string{"standard", "minmax", "robust"}, Default: "standard",
				Help: "standard (mean 0, standard deviation 1), minmax (0 to 1) or robust (median 0, interquartile range 1)."},
		},
	},
	build: func(p param.Values) (fitter, error) {
		return &scaleConfig{columns: p.Strings("columns"), method: p.String("method")}, nil
	},
	state: func() Transform { return &scaleState{} },
}

type scaleConfig struct {
	columns []string
	method  string
}

// scaleCol is (x - Center) / Scale for one column.
type scaleCol struct {
	Name   string `json:"name"`
	Center num    `json:"center"`
	Scale  num    `json:"scale"`
}

type scaleState struct {
	Method  string     `json:"method"`
	Columns []scaleCol `json:"columns"`
}

func (c *scaleConfig) fit(in *fitInput) (Transform, *data.Frame, error) {
	_, cols, err := fitNumeric(in, c.columns, func(col *data.NumericColumn) (scaleCol, error) {
		center, spread, err := c.stats(col)
		return scaleCol{Name: col.Name(), Center: num(center), Scale: num(spread)}, err
	})
	if err != nil {
		return nil, nil, err
	}
	st := &scaleState{Method: c.method, Columns: cols}
	out, err := st.Apply(in.ctx, in.frame)
	return st, out, err
}

const epsilon = 2.220446049250313e-16

// stats returns the centre and spread of a column for the method, as
// scikit-learn's StandardScaler, MinMaxScaler and RobustScaler compute
// them, including their rule that a (nearly) constant column keeps scale 1
// (_is_constant_feature and _handle_zeros_in_scale).
func (c *scaleConfig) stats(col *data.NumericColumn) (center, spread float64, err error) {
	v := col.Values()
	constant := false
	switch c.method {
	case "minmax":
		lo, hi := minMax(v)
		center, spread = lo, hi-lo
		constant = spread < 10*epsilon
	case "robust":
		q := quantiles(v, 0.25, 0.75)
		center, spread = median(v), q[1]-q[0]
		constant = spread < 10*epsilon
	default:
		m, variance, n := meanVar(v)
		center, spread = m, math.Sqrt(variance)
		nf := float64(n)
		constant = variance <= nf*epsilon*variance+(nf*m*epsilon)*(nf*m*epsilon)
	}
	if math.IsNaN(center) {
		return 0, 1, noValues(col)
	}
	if constant {
		spread = 1
	}
	return center, spread, nil
}

func (s *scaleState) Kind() string { return "scale" }

// Apply scales with the training centre and spread; missing stays missing.
func (s *scaleState) Apply(ctx context.Context, f *data.Frame) (*data.Frame, error) {
	names := make([]string, len(s.Columns))
	for j, c := range s.Columns {
		names[j] = c.Name
	}
	return mapNumeric(ctx, f, names, func(j int, in, out []float64) {
		center, scale := float64(s.Columns[j].Center), float64(s.Columns[j].Scale)
		for i, x := range in {
			out[i] = (x - center) / scale
		}
	})
}

func (s *scaleState) Describe() string {
	if len(s.Columns) == 0 {
		return "does nothing: no numeric column."
	}
	parts := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		parts[i] = fmt.Sprintf("%s (centre %.4g, scale %.4g)", c.Name, float64(c.Center), float64(c.Scale))
	}
	return fmt.Sprintf("scales (%s): %s.", s.Method, joinPlain(parts))
}

// ---- log1p ----

var log1pKind = &kindDef{
	StepKind: StepKind{Name: "log1p", Label: "Log-transform (log(1 + x))",
		Help: "Replaces x by log(1 + x), which pulls in long right tails (incomes, counts, prices) so that a few huge values do not dominate linear models and distances. 0 stays 0. " +
			"What can go wrong: it needs values above -1: the fit stops at the first value that is not, and in new data such values become missing; for columns with negative values use yeo_johnson.",
		Params: []param.Spec{columnsSpec("The numeric columns to transform (empty: every numeric column).")},
	},
	build: func(p param.Values) (fitter, error) { return &log1pConfig{columns: p.Strings("columns")}, nil },
	state: func() Transform { return &log1pState{} },
}

type log1pConfig struct{ columns []string }

type log1pState struct {
	Columns []string `json:"columns"`
}

func (c *log1pConfig) fit(in *fitInput) (Transform, *data.Frame, error) {
	names, _, err := fitNumeric(in, c.columns, func(col *data.NumericColumn) (struct{}, error) {
		for i, x := range col.Values() {
			if x <= -1 {
				return struct{}{}, rowErr(col.Name(), i, "log(1 + x) needs values above -1, and this one is %s; use yeo_johnson, or clip first", data.FormatFloat(x))
			}
		}
		return struct{}{}, nil
	})
	if err != nil {
		return nil, nil, err
	}
	st := &log1pState{Columns: names}
	out, err := st.Apply(in.ctx, in.frame)
	return st, out, err
}

func (s *log1pState) Kind() string { return "log1p" }

// Apply computes log(1 + x); values at or below -1 become missing.
func (s *log1pState) Apply(ctx context.Context, f *data.Frame) (*data.Frame, error) {
	return mapNumeric(ctx, f, s.Columns, func(_ int, in, out []float64) {
		for i, x := range in {
			out[i] = log1p(x)
		}
	})
}

// log1p is log(1 + x), NaN at or below -1. Away from 0 (|x| > 0.5), where
// 1 + x loses nothing that matters, it uses the faster math.Log; near 0
// math.Log1p keeps full precision.
func log1p(x float64) float64 {
	switch {
	case x <= -1:
		return math.NaN()
	case x > 0.5 || x < -0.5:
		return math.Log(1 + x)
	}
	return math.Log1p(x)
}

func (s *log1pState) Describe() string {
	if len(s.Columns) == 0 {
		return "does nothing: no numeric column."
	}
	return "replaces x by log(1 + x) in " + quoteList(s.Columns) + "."
}

// ---- clip ----

var clipKind = &kindDef{
	StepKind: StepKind{Name: "clip", Label: "Clip extreme values",
		Help: "Caps each numeric column at two quantiles of the training rows (by default the 1st and 99th percentiles), so that a few extreme or mistyped values cannot dominate a linear model or a distance. " +
			"What can go wrong: real extremes are flattened too; the limits are learnt from the training rows and reused as they are for new data.",
		Params: []param.Spec{
			columnsSpec("The numeric columns to clip (empty: every numeric column)."),
			{Name: "lower_quantile", Label: "Lower quantile", Kind: param.Float, Min: 0, Max: 1, HasRange: true, Default: 0.01,
				Help: "Values below this quantile of the training rows are raised to it; 0 keeps the minimum."},
			{Name: "upper_quantile", Label: "Upper quantile", Kind: param.Float, Min: 0, Max: 1, HasRange: true, Default: 0.99,
				Help: "Values above this quantile are lowered to it; 1 keeps the maximum."},
		},
	},
	build: func(p param.Values) (fitter, error) {
		c := &clipConfig{columns: p.Strings("columns"), lo: p.Float("lower_quantile"), hi: p.Float("upper_quantile")}
		if c.lo >= c.hi {
			return nil, errors.New("lower_quantile must be below upper_quantile")
		}
		return c, nil
	},
	state: func() Transform { return &clipState{} },
}

type clipConfig struct {
	columns []string
	lo, hi  float64
}

type clipCol struct {
	Name  string `json:"name"`
	Lower num    `json:"lower"`
	Upper num    `json:"upper"`
}

type clipState struct {
	Columns []clipCol `json:"columns"`
}

func (c *clipConfig) fit(in *fitInput) (Transform, *data.Frame, error) {
	_, cols, err := fitNumeric(in, c.columns, func(col *data.NumericColumn) (clipCol, error) {
		q := quantiles(col.Values(), c.lo, c.hi)
		if math.IsNaN(q[0]) {
			return clipCol{}, noValues(col)
		}
		return clipCol{Name: col.Name(), Lower: num(q[0]), Upper: num(q[1])}, nil
	})
	if err != nil {
		return nil, nil, err
	}
	st := &clipState{Columns: cols}
	out, err := st.Apply(in.ctx, in.frame)
	return st, out, err
}

func (s *clipState) Kind() string { return "clip" }

// Apply clips to the training limits; missing stays missing.
func (s *clipState) Apply(ctx context.Context, f *data.Frame) (*data.Frame, error) {
	names := make([]string, len(s.Columns))
	for j, c := range s.Columns {
		names[j] = c.Name
	}
	return mapNumeric(ctx, f, names, func(j int, in, out []float64) {
		lo, hi := float64(s.Columns[j].Lower), float64(s.Columns[j].Upper)
		for i, x := range in {
			if x < lo {
				x = lo
			} else if x > hi {
				x = hi
			}
			out[i] = x
		}
	})
}

func (s *clipState) Describe() string {
	if len(s.Columns) == 0 {
		return "does nothing: no numeric column."
	}
	parts := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		parts[i] = fmt.Sprintf("%s to [%.4g, %.4g]", c.Name, float64(c.Lower), float64(c.Upper))
	}
	return "clips " + joinPlain(parts) + "."
}
