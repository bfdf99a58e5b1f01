package prep

import (
	"context"
	"fmt"
	"math"
	"sort"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

// targetEncodeSeed fixes the fold assignment of target_encode, so a
// pipeline fits the same way on every machine.
const targetEncodeSeed = 0

var targetEncodeKind = &kindDef{
	StepKind: StepKind{Name: "target_encode", Label: "Encode categories by the target",
		Help: "Replaces each category by the average target of the training rows in that category (for a yes/no target, the share of the second class; for several classes, one column per class), pulled towards the overall average when the category has few rows (smoothing). " +
			"It handles columns with many categories (post codes, products) in one column each. " +
			"To avoid leakage each training row's value is computed from the other folds only, never from its own row; new data uses the values from all training rows. " +
			"What can go wrong: with little smoothing, rare categories get extreme values that the model over-trusts; categories unseen in training get the overall average.",
		NeedsTarget: true,
		Params: []param.Spec{
			columnsSpec("The category columns to encode (empty: every category column)."),
			{Name: "smoothing", Label: "Smoothing", Kind: param.Float, Min: 0, Max: 1e6, HasRange: true, Default: 10.0,
				Help: "How many rows' worth of weight the overall average gets: the value is (sum of targets + smoothing × average) / (rows + smoothing)."},
			{Name: "folds", Label: "Folds", Kind: param.Int, Min: 2, Max: 50, HasRange: true, Default: 5,
				Help: "Into how many parts the training rows are cut; each part is encoded from the others."},
		},
	},
	build: func(p param.Values) (fitter, error) {
		return &targetEncodeConfig{columns: p.Strings("columns"), smoothing: p.Float("smoothing"), folds: p.Int("folds")}, nil
	},
	state: func() Transform { return &targetEncodeState{} },
}

type targetEncodeConfig struct {
	columns   []string
	smoothing float64
	folds     int
}

// targetEncCol holds, for each output column, the encoding of each level
// (Values[output][level]) and the value for unseen or missing categories.
type targetEncCol struct {
	Name    string   `json:"name"`
	Levels  []string `json:"levels"`
	Outputs []string `json:"outputs"`
	Values  [][]num  `json:"values"`
	Prior   []num    `json:"prior"`
}

func (c targetEncCol) colName() string { return c.Name }

type targetEncodeState struct {
	Classes []string       `json:"classes,omitempty"` // nil for a numeric target
	Columns []targetEncCol `json:"columns"`
}

// targetMatrix returns one 0/1 (or numeric) vector per output and a
// mask of rows with a target value.
func targetMatrix(in *fitInput) (ys [][]float64, ok []bool, classes []string, err error) {
	tc, _ := in.frame.Lookup(in.target)
	n := tc.Len()
	ok = make([]bool, n)
	if num, isNum := tc.(*data.NumericColumn); isNum {
		v := num.Values()
		for i, x := range v {
			ok[i] = !math.IsNaN(x) && !math.IsInf(x, 0)
		}
		return [][]float64{v}, ok, nil, nil
	}
	codes, levels := data.Dictionary(tc)
	order := sortedLevels(levels)
	classes = make([]string, len(order))
	rank := make([]int, len(levels))
	for r, k := range order {
		classes[r] = levels[k]
		rank[k] = r
	}
	if len(classes) < 2 {
		return nil, nil, nil, colErr(in.target, "the target has fewer than two classes in the training rows")
	}
	outs := []int{1}
	if len(classes) > 2 {
		outs = make([]int, len(classes))
		for r := range outs {
			outs[r] = r
		}
	}
	ys = make([][]float64, len(outs))
	for o := range ys {
		ys[o] = make([]float64, n)
	}
	for i, k := range codes {
		if k < 0 {
			continue
		}
		ok[i] = true
		for o, r := range outs {
			if rank[k] == r {
				ys[o][i] = 1
			}
		}
	}
	return ys, ok, classes, nil
}

// sortedLevels returns the indices of the used levels in sorted order.
func sortedLevels(levels []string) []int {
	idx := make([]int, len(levels))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return levels[idx[a]] < levels[idx[b]] })
	return idx
}

func (c *targetEncodeConfig) fit(in *fitInput) (Transform, *data.Frame, error) {
	names, err := resolveColumns(in, c.columns, categories, levelKinds)
	if err != nil {
		return nil, nil, err
	}
	ys, ok, classes, err := targetMatrix(in)
	if err != nil {
		return nil, nil, err
	}
	n := in.frame.NumRows()
	fold := make([]int, n)
	for pos, row := range newRNG(targetEncodeSeed).permutation(n) {
		fold[row] = pos % c.folds
	}
	st := &targetEncodeState{Classes: classes, Columns: make([]targetEncCol, len(names))}
	oof := make([][]data.Column, len(names))
	err = forEach(in.ctx, len(names), func(j int) error {
		col, _ := in.frame.Lookup(names[j])
		st.Columns[j], oof[j] = c.fitColumn(col, ys, ok, fold, classes)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	m := make(map[string][]data.Column, len(names))
	for j, name := range names {
		m[name] = oof[j]
	}
	out, err := rebuild(in.frame, m)
	return st, out, err
}

// fitColumn computes the full-training encoding (kept) and the
// out-of-fold encoding of the training rows (returned as columns).
func (c *targetEncodeConfig) fitColumn(col data.Column, ys [][]float64, ok []bool, fold []int, classes []string) (targetEncCol, []data.Column) {
	codes, levels := data.Dictionary(col)
	tc := targetEncCol{Name: col.Name(), Levels: levels, Outputs: encOutputs(col.Name(), classes)}
	L, F := len(levels), c.folds
	oof := make([]data.Column, len(ys))
	for o, y := range ys {
		// sums[f][l], counts[f][l] per fold; level index L collects missing.
		sums, counts := make([][]float64, F), make([][]float64, F)
		totSum, totN := make([]float64, F), make([]float64, F)
		for f := range sums {
			sums[f], counts[f] = make([]float64, L+1), make([]float64, L+1)
		}
		for i, k := range codes {
			if !ok[i] {
				continue
			}
			l := L
			if k >= 0 {
				l = int(k)
			}
			sums[fold[i]][l] += y[i]
			counts[fold[i]][l]++
			totSum[fold[i]] += y[i]
			totN[fold[i]]++
		}
		allSum, allN, lvlSum, lvlN := foldTotals(sums, counts, totSum, totN)
		prior := allSum / allN
		tc.Prior = append(tc.Prior, num(prior))
		enc := make([]num, L)
		for l := range enc {
			enc[l] = num(c.smooth(lvlSum[l], lvlN[l], prior))
		}
		tc.Values = append(tc.Values, enc)
		out := make([]float64, len(codes))
		for i, k := range codes {
			f := fold[i]
			p := prior
			if pN := allN - totN[f]; pN > 0 {
				p = (allSum - totSum[f]) / pN
			}
			if k < 0 {
				out[i] = p
				continue
			}
			out[i] = c.smooth(lvlSum[k]-sums[f][k], lvlN[k]-counts[f][k], p)
		}
		oof[o] = data.NewNumeric(tc.Outputs[o], out, nil)
	}
	return tc, oof
}

// foldTotals sums the per-fold statistics over all folds.
func foldTotals(sums, counts [][]float64, totSum, totN []float64) (allSum, allN float64, lvlSum, lvlN []float64) {
	lvlSum, lvlN = make([]float64, len(sums[0])), make([]float64, len(sums[0]))
	for f := range sums {
		allSum += totSum[f]
		allN += totN[f]
		for l := range sums[f] {
			lvlSum[l] += sums[f][l]
			lvlN[l] += counts[f][l]
		}
	}
	return
}

// smooth is the smoothed mean (sum + m*prior) / (n + m); with no rows and
// no smoothing it is the prior.
func (c *targetEncodeConfig) smooth(sum, n, prior float64) float64 {
	if n+c.smoothing == 0 {
		return prior
	}
	return (sum + c.smoothing*prior) / (n + c.smoothing)
}

func encOutputs(name string, classes []string) []string {
	if len(classes) <= 2 {
		return []string{name}
	}
	out := make([]string, len(classes))
	for i, cl := range classes {
		out[i] = name + "_te_" + cl
	}
	return out
}

func (s *targetEncodeState) validate() error {
	for _, c := range s.Columns {
		if len(c.Values) != len(c.Outputs) || len(c.Prior) != len(c.Outputs) {
			return fmt.Errorf("column %q: %d outputs but %d encodings", c.Name, len(c.Outputs), len(c.Values))
		}
		for _, v := range c.Values {
			if len(v) != len(c.Levels) {
				return fmt.Errorf("column %q: %d levels but %d values", c.Name, len(c.Levels), len(v))
			}
		}
	}
	return nil
}

func (s *targetEncodeState) Kind() string { return "target_encode" }

// Apply encodes with the values learnt from all training rows; unseen and
// missing categories get the training average.
func (s *targetEncodeState) Apply(ctx context.Context, f *data.Frame) (*data.Frame, error) {
	return replaceEach(ctx, f, s.Columns, func(tc targetEncCol) ([]data.Column, error) {
		col, err := lookupCol(f, tc.Name)
		if err != nil {
			return nil, err
		}
		index := make(map[string]int, len(tc.Levels))
		for l, name := range tc.Levels {
			index[name] = l
		}
		codes, levels := data.Dictionary(data.SpellLike(col, tc.Levels))
		lut := make([]int, len(levels))
		for k, l := range levels {
			lut[k] = -1
			if i, ok := index[l]; ok {
				lut[k] = i
			}
		}
		cols := make([]data.Column, len(tc.Outputs))
		for o := range tc.Outputs {
			out := make([]float64, len(codes))
			for i, k := range codes {
				out[i] = float64(tc.Prior[o])
				if k >= 0 && lut[k] >= 0 {
					out[i] = float64(tc.Values[o][lut[k]])
				}
			}
			cols[o] = data.NewNumeric(tc.Outputs[o], out, nil)
		}
		return cols, nil
	})
}

func (s *targetEncodeState) Describe() string {
	if len(s.Columns) == 0 {
		return "does nothing: no category column."
	}
	parts := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		parts[i] = fmt.Sprintf("%s (%d categories, average %.4g)", c.Name, len(c.Levels), float64(c.Prior[0]))
	}
	return "replaces categories by their smoothed average target: " + joinPlain(parts) + "."
}
