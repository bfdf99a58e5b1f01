package prep

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

var binKind = &kindDef{
	StepKind: StepKind{Name: "bin", Label: "Cut numbers into bins",
		Help: "Cuts each numeric column into intervals (bins) learnt from the training rows and replaces the value by its bin: uniform bins have equal widths, quantile bins hold about equally many rows. " +
			"It lets a linear model follow a curve (age groups) and makes outliers harmless. encode=onehot gives one 0/1 column per bin. " +
			"What can go wrong: the detail inside a bin is lost, and bin edges are arbitrary; a column with many repeated values may give fewer quantile bins than asked (duplicate edges are removed).",
		Params: []param.Spec{
			columnsSpec("The numeric columns to bin (empty: every numeric column)."),
			{Name: "n_bins", Label: "Number of bins", Kind: param.Int, Min: 2, Max: 1000, HasRange: true, Default: 5,
				Help: "How many intervals to cut each column into."},
			{Name: "strategy", Label: "Bin edges", Kind: param.Choice, Choices: []string{"uniform", "quantile"}, Default: "quantile",
				Help: "uniform: equal widths between the training minimum and maximum; quantile: about equally many training rows per bin."},
			{Name: "encode", Label: "Output", Kind: param.Choice, Choices: []string{"ordinal", "onehot"}, Default: "ordinal",
				Help: "ordinal replaces the value by the bin number 0, 1, ...; onehot by one 0/1 column per bin (NAME=0, NAME=1, ...)."},
		},
	},
	build: func(p param.Values) (fitter, error) {
		return &binConfig{columns: p.Strings("columns"), nBins: p.Int("n_bins"), strategy: p.String("strategy"), encode: p.String("encode")}, nil
	},
	state: func() Transform { return &binState{} },
}

type binConfig struct {
	columns  []string
	nBins    int
	strategy string
	encode   string
}

// binCol holds the edges of one column's bins, lowest to highest; there are
// len(Edges)-1 bins.
type binCol struct {
	Name  string `json:"name"`
	Edges []num  `json:"edges"`
}

func (c binCol) colName() string { return c.Name }

type binState struct {
	Encode  string   `json:"encode"`
	Columns []binCol `json:"columns"`
}

// fit follows scikit-learn's KBinsDiscretizer: uniform edges from
// np.linspace(min, max, n+1), quantile edges from np.percentile at
// np.linspace(0, 100, n+1) with edges closer than 1e-8 removed, and a
// constant column gets one bin (-inf, inf). Missing values are ignored.
func (c *binConfig) fit(in *fitInput) (Transform, *data.Frame, error) {
	_, cols, err := fitNumeric(in, c.columns, func(col *data.NumericColumn) (binCol, error) {
		lo, hi := minMax(col.Values())
		if math.IsNaN(lo) {
			return binCol{}, noValues(col)
		}
		if lo == hi {
			return binCol{Name: col.Name(), Edges: nums([]float64{math.Inf(-1), math.Inf(1)})}, nil
		}
		if c.strategy == "uniform" {
			return binCol{Name: col.Name(), Edges: nums(linspace(lo, hi, c.nBins+1))}, nil
		}
		qs := linspace(0, 100, c.nBins+1)
		for i := range qs {
			qs[i] /= 100
		}
		edges := quantiles(col.Values(), qs...)
		kept := []float64{edges[0]}
		for i := 1; i < len(edges); i++ {
			if edges[i]-edges[i-1] > 1e-8 {
				kept = append(kept, edges[i])
			}
		}
		return binCol{Name: col.Name(), Edges: nums(kept)}, nil
	})
	if err != nil {
		return nil, nil, err
	}
	st := &binState{Encode: c.encode, Columns: cols}
	out, err := st.Apply(in.ctx, in.frame)
	return st, out, err
}

func (s *binState) validate() error {
	for _, c := range s.Columns {
		if len(c.Edges) < 2 {
			return fmt.Errorf("column %q has %d bin edges", c.Name, len(c.Edges))
		}
	}
	return nil
}

func (s *binState) Kind() string { return "bin" }

// Apply replaces values by their bin, as np.searchsorted(edges[1:-1], x,
// side="right"): values below the first edge go to bin 0, above the last
// to the last bin. Missing stays missing (all outputs missing for onehot).
func (s *binState) Apply(ctx context.Context, f *data.Frame) (*data.Frame, error) {
	return replaceEach(ctx, f, s.Columns, func(bc binCol) ([]data.Column, error) {
		col, err := numericCol(f, bc.Name)
		if err != nil {
			return nil, err
		}
		inner := floats(bc.Edges[1 : len(bc.Edges)-1])
		bins := make([]float64, col.Len())
		for i, x := range col.Values() {
			if math.IsNaN(x) {
				bins[i] = x
				continue
			}
			bins[i] = float64(sort.Search(len(inner), func(k int) bool { return inner[k] > x }))
		}
		if s.Encode != "onehot" {
			return []data.Column{data.NewNumeric(bc.Name, bins, nil)}, nil
		}
		return oneHotBins(bc.Name, bins, len(bc.Edges)-1), nil
	})
}

func oneHotBins(name string, bins []float64, k int) []data.Column {
	out := make([][]float64, k)
	for b := range out {
		out[b] = make([]float64, len(bins))
	}
	for i, b := range bins {
		if math.IsNaN(b) {
			for j := range out {
				out[j][i] = b
			}
			continue
		}
		out[int(b)][i] = 1
	}
	names := binOutputs(name, k)
	cols := make([]data.Column, k)
	for b := range out {
		cols[b] = data.NewNumeric(names[b], out[b], nil)
	}
	return cols
}

// binOutputs names the one-hot columns of k bins: NAME=0, NAME=1, ...
func binOutputs(name string, k int) []string {
	out := make([]string, k)
	for b := range out {
		out[b] = name + "=" + strconv.Itoa(b)
	}
	return out
}

func (s *binState) Describe() string {
	if len(s.Columns) == 0 {
		return "does nothing: no numeric column."
	}
	parts := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		parts[i] = fmt.Sprintf("%s (%d bins)", c.Name, len(c.Edges)-1)
	}
	return fmt.Sprintf("cuts %s into bins (%s output).", joinPlain(parts), s.Encode)
}
