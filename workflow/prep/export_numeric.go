package prep

import (
	"modelbench/workflow/data"
)

// The descriptions of impute and of the steps that transform numbers
// (see PipelineExport for values, labels and conversions).

// ImputeExport describes impute: it fills the missing values of each
// listed column with what it learnt (Strategy says how: mean, median,
// most_frequent or constant). Each listed column must be present with the
// listed Kind, else Apply fails. Present values and other columns are left
// as they are.
type ImputeExport struct {
	StepInfo
	Strategy string
	Columns  []ImputeColumn
}

// ImputeColumn is the fill of one column. In a numeric column a missing
// value (NaN) becomes Number; ±Inf are present values and stay. In a
// categorical or text column a missing value becomes the label Label (a
// category new to the column is added to it). In a yes/no column it
// becomes Truth, the value data.ParseBool reads in Label (Label is the
// training column's spelling of it, "Yes" say, or "true" or "false" in
// pipelines saved before spellings were kept; false when Label is not a
// yes/no word), whatever the column's spelling, which the filled column
// keeps. The column keeps its place and kind. When Indicator is not empty a numeric column of
// that name (NAME_missing) follows the column: 1 where the value was
// missing before filling, 0 elsewhere. Only columns that had missing
// values in the training rows get one.
type ImputeColumn struct {
	Name      string
	Kind      data.Kind
	Number    float64 // the fill of a numeric column
	Label     string  // the fill of any other column
	Truth     bool    // the fill of a yes/no column
	Indicator string  // the indicator column's name, "" for none
}

// ScaleExport describes scale: each listed numeric column's value x
// becomes (x - Center) / Scale, computed in float64 in that order; NaN
// stays NaN and ±Inf follow IEEE arithmetic. Method says where the numbers
// came from (training rows, missing values left out): standard, the mean
// and the population standard deviation (ddof 0); minmax, the minimum and
// maximum - minimum; robust, the median and the interquartile range
// (numpy's linear quantiles). A column whose spread was zero or nearly so
// (scikit-learn's tests: variance within rounding of 0 for standard, a
// spread below 10 ε otherwise) has Scale 1 and is only shifted: a fitted
// Scale is never 0. A listed column that is not numeric makes Apply fail.
type ScaleExport struct {
	StepInfo
	Method  string
	Columns []ScaleColumn
}

// ScaleColumn is the centre and spread of one column.
type ScaleColumn struct {
	Name          string
	Center, Scale float64
}

// Log1pExport describes log1p: each listed numeric column's value x
// becomes ln(1 + x); x <= -1 becomes NaN (missing), NaN stays NaN and +Inf
// stays +Inf. It is computed as math.Log(1 + x) when |x| > 0.5 and
// math.Log1p(x) otherwise, which agrees with a correctly rounded log1p
// (numpy's) to within a few ulps.
type Log1pExport struct {
	StepInfo
	Columns []string
}

// YeoJohnsonExport describes yeo_johnson (Yeo and Johnson 2000, as
// scikit-learn's PowerTransformer(method="yeo-johnson")): each listed
// numeric column's value x becomes, with λ its Lambda and ε =
// 2.220446049250313e-16 (^ is math.Pow, log1p math.Log1p):
//
//	x >= 0 and |λ| < ε:      log1p(x)
//	x >= 0 otherwise:        ((x + 1)^λ - 1) / λ
//	x < 0 and |λ - 2| > ε:   -((1 - x)^(2 - λ) - 1) / (2 - λ)
//	x < 0 otherwise:         -log1p(-x)
//
// NaN stays NaN. When Standardize is true the result y then becomes
// (y - Mean) / Scale, the mean and population standard deviation of the
// transformed training values (Scale 1 when those were constant; never
// 0). When it is false Mean is 0, Scale 1, and nothing more is done.
type YeoJohnsonExport struct {
	StepInfo
	Standardize bool
	Columns     []YeoJohnsonColumn
}

// YeoJohnsonColumn is the fitted power of one column and the standardising
// mean and scale.
type YeoJohnsonColumn struct {
	Name                string
	Lambda, Mean, Scale float64
}

// ClipExport describes clip: each listed numeric column's value x below
// Lower becomes Lower and above Upper becomes Upper (the training
// quantiles asked for); ±Inf are clipped too and NaN stays NaN.
type ClipExport struct {
	StepInfo
	Columns []ClipColumn
}

// ClipColumn is the limits of one column.
type ClipColumn struct {
	Name         string
	Lower, Upper float64
}

// BinExport describes bin: each listed numeric column is cut at its Edges
// (ascending; len(Edges) - 1 bins). The bin of x is how many of the inner
// edges Edges[1 : len(Edges)-1] are <= x (numpy's
// searchsorted(edges[1:-1], x, side="right")): values below the first edge
// fall in bin 0 and above the last in the last bin; -Inf is in bin 0, +Inf
// in the last. A constant training column has the Edges (-Inf, +Inf), one
// bin. Encode "ordinal" replaces the column, at its place, by its bin
// number (0, 1, ...; Outputs is just the column's name), NaN staying NaN.
// Encode "onehot" replaces it by the Outputs NAME=0, NAME=1, ..., one per
// bin: 1 in the value's bin, 0 in the others, and NaN in every one of
// them for a missing value.
type BinExport struct {
	StepInfo
	Encode  string
	Columns []BinColumn
}

// BinColumn is the edges and output columns of one column.
type BinColumn struct {
	Name    string
	Edges   []float64
	Outputs []string
}

// Export implements Exporter.
func (s *imputeState) Export([]Field) (ExportedStep, error) {
	out := &ImputeExport{Strategy: s.Strategy, Columns: make([]ImputeColumn, len(s.Columns))}
	for i, c := range s.Columns {
		ic := ImputeColumn{Name: c.Name, Kind: c.Kind, Number: float64(c.Number), Label: c.Label}
		if c.Kind != data.Numeric {
			ic.Number = 0
		}
		if c.Kind == data.Boolean {
			ic.Truth, _ = data.ParseBool(c.Label)
		}
		if c.Indicator {
			ic.Indicator = indicatorName(c.Name)
		}
		out.Columns[i] = ic
	}
	return out, nil
}

// Export implements Exporter.
func (s *scaleState) Export([]Field) (ExportedStep, error) {
	out := &ScaleExport{Method: s.Method, Columns: make([]ScaleColumn, len(s.Columns))}
	for i, c := range s.Columns {
		out.Columns[i] = ScaleColumn{Name: c.Name, Center: float64(c.Center), Scale: float64(c.Scale)}
	}
	return out, nil
}

// Export implements Exporter.
func (s *log1pState) Export([]Field) (ExportedStep, error) {
	return &Log1pExport{Columns: append([]string(nil), s.Columns...)}, nil
}

// Export implements Exporter.
func (s *yeoJohnsonState) Export([]Field) (ExportedStep, error) {
	out := &YeoJohnsonExport{Standardize: s.Standardize, Columns: make([]YeoJohnsonColumn, len(s.Columns))}
	for i, c := range s.Columns {
		yc := YeoJohnsonColumn{Name: c.Name, Lambda: float64(c.Lambda), Mean: 0, Scale: 1}
		if s.Standardize {
			yc.Mean, yc.Scale = float64(c.Mean), float64(c.Scale)
		}
		out.Columns[i] = yc
	}
	return out, nil
}

// Export implements Exporter.
func (s *clipState) Export([]Field) (ExportedStep, error) {
	out := &ClipExport{Columns: make([]ClipColumn, len(s.Columns))}
	for i, c := range s.Columns {
		out.Columns[i] = ClipColumn{Name: c.Name, Lower: float64(c.Lower), Upper: float64(c.Upper)}
	}
	return out, nil
}

// Export implements Exporter.
func (s *binState) Export([]Field) (ExportedStep, error) {
	out := &BinExport{Encode: s.Encode, Columns: make([]BinColumn, len(s.Columns))}
	for i, c := range s.Columns {
		bc := BinColumn{Name: c.Name, Edges: floats(c.Edges), Outputs: []string{c.Name}}
		if s.Encode == "onehot" {
			bc.Outputs = binOutputs(c.Name, len(c.Edges)-1)
		}
		out.Columns[i] = bc
	}
	return out, nil
}
