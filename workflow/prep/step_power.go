package prep

import (
	"context"
	"fmt"
	"math"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

var yeoJohnsonKind = &kindDef{
	StepKind: StepKind{Name: "yeo_johnson", Label: "Make numbers more bell-shaped (Yeo-Johnson)",
		Help: "Finds, for each numeric column, the power transformation that makes its values most like a normal (bell-shaped) distribution, and applies it; unlike a log it works with zero and negative values. " +
			"It helps linear models and distance-based learners with skewed columns, and by default standardises the result (mean 0, standard deviation 1). " +
			"What can go wrong: the transformed numbers are harder to explain; the power is learnt from the training rows and a few extreme values can pull it.",
		Params: []param.Spec{
			columnsSpec("The numeric columns to transform (empty: every numeric column)."),
			{Name: "standardize", Label: "Standardise afterwards", Kind: param.Bool, Default: true,
				Help: "Subtract the mean and divide by the standard deviation of the transformed training values."},
		},
	},
	build: func(p param.Values) (fitter, error) {
		return &yeoJohnsonConfig{columns: p.Strings("columns"), standardize: p.Bool("standardize")}, nil
	},
	state: func() Transform { return &yeoJohnsonState{} },
}

type yeoJohnsonConfig struct {
	columns     []string
	standardize bool
}

// yeoJohnsonCol holds the fitted power and, when standardising, the mean
// and standard deviation of the transformed training values.
type yeoJohnsonCol struct {
	Name   string `json:"name"`
	Lambda num    `json:"lambda"`
	Mean   num    `json:"mean"`
	Scale  num    `json:"scale"`
}

type yeoJohnsonState struct {
	Standardize bool            `json:"standardize"`
	Columns     []yeoJohnsonCol `json:"columns"`
}

// fit follows scikit-learn's PowerTransformer(method="yeo-johnson"): the
// power maximises the Yeo-Johnson log-likelihood (found with Brent's
// method from the bracket (-2, 2)), then a StandardScaler is fitted on the
// transformed values.
func (c *yeoJohnsonConfig) fit(in *fitInput) (Transform, *data.Frame, error) {
	_, cols, err := fitNumeric(in, c.columns, func(col *data.NumericColumn) (yeoJohnsonCol, error) {
		x := presentValues(col.Values())
		if len(x) == 0 {
			return yeoJohnsonCol{}, noValues(col)
		}
		lambda, err := yeoJohnsonLambda(x)
		if err != nil {
			return yeoJohnsonCol{}, colErr(col.Name(), "%w; the values may be constant", err)
		}
		yc := yeoJohnsonCol{Name: col.Name(), Lambda: num(lambda), Mean: 0, Scale: 1}
		if c.standardize {
			t := make([]float64, len(x))
			yeoJohnson(x, t, lambda)
			m, variance, n := meanVar(t)
			nf := float64(n)
			yc.Mean, yc.Scale = num(m), num(math.Sqrt(variance))
			if variance <= nf*epsilon*variance+(nf*m*epsilon)*(nf*m*epsilon) {
				yc.Scale = 1
			}
		}
		return yc, nil
	})
	if err != nil {
		return nil, nil, err
	}
	st := &yeoJohnsonState{Standardize: c.standardize, Columns: cols}
	out, err := st.Apply(in.ctx, in.frame)
	return st, out, err
}

// yeoJohnsonLambda maximises the log-likelihood of the transformed values
// (Yeo and Johnson, Biometrika 2000), as scikit-learn's
// _yeo_johnson_optimize does.
func yeoJohnsonLambda(x []float64) (float64, error) {
	var logSum float64
	for _, v := range x {
		logSum += math.Copysign(math.Log1p(math.Abs(v)), v)
	}
	n := float64(len(x))
	t := make([]float64, len(x))
	negLogLik := func(lambda float64) float64 {
		yeoJohnson(x, t, lambda)
		_, variance, _ := meanVar(t)
		if variance < 2.2250738585072014e-308 {
			return math.Inf(1)
		}
		return -(-n/2*math.Log(variance) + (lambda-1)*logSum)
	}
	return minimize(negLogLik, -2, 2, 1.48e-8)
}

// yeoJohnson writes the transform of x with power lambda into out; NaN
// stays NaN.
func yeoJohnson(x, out []float64, lambda float64) {
	const spacing = epsilon // np.spacing(1.0)
	for i, v := range x {
		switch {
		case math.IsNaN(v):
			out[i] = v
		case v >= 0 && math.Abs(lambda) < spacing:
			out[i] = math.Log1p(v)
		case v >= 0:
			out[i] = (math.Pow(v+1, lambda) - 1) / lambda
		case math.Abs(lambda-2) > spacing:
			out[i] = -(math.Pow(-v+1, 2-lambda) - 1) / (2 - lambda)
		default:
			out[i] = -math.Log1p(-v)
		}
	}
}

func (s *yeoJohnsonState) Kind() string { return "yeo_johnson" }

// Apply transforms with the fitted powers (and standardises).
func (s *yeoJohnsonState) Apply(ctx context.Context, f *data.Frame) (*data.Frame, error) {
	names := make([]string, len(s.Columns))
	for j, c := range s.Columns {
		names[j] = c.Name
	}
	return mapNumeric(ctx, f, names, func(j int, in, out []float64) {
		c := s.Columns[j]
		yeoJohnson(in, out, float64(c.Lambda))
		if s.Standardize {
			m, sc := float64(c.Mean), float64(c.Scale)
			for i, v := range out {
				out[i] = (v - m) / sc
			}
		}
	})
}

func (s *yeoJohnsonState) Describe() string {
	if len(s.Columns) == 0 {
		return "does nothing: no numeric column."
	}
	parts := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		parts[i] = fmt.Sprintf("%s (power %.4g)", c.Name, float64(c.Lambda))
	}
	d := "applies the Yeo-Johnson transformation to " + joinPlain(parts)
	if s.Standardize {
		d += ", then standardises"
	}
	return d + "."
}
