package prep

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"sort"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
	"modelbench/workflow/prep/expr"
)

// fitOnly is the fitted state of the row-changing steps: applying it
// returns the frame unchanged, so scoring gives one row per input row.
type fitOnly struct {
	kind string
	Note string `json:"note"`
}

func (s *fitOnly) Kind() string { return s.kind }

// Apply returns f unchanged: row-changing steps act on training rows only.
func (s *fitOnly) Apply(_ context.Context, f *data.Frame) (*data.Frame, error) { return f, nil }

func (s *fitOnly) Describe() string { return s.Note }

// ---- filter_rows ----

var filterRowsKind = &kindDef{
	StepKind: StepKind{Name: "filter_rows", Label: "Keep rows that meet a condition",
		Help: "Keeps the training rows for which a condition is true, for example `age >= 18 and not missing(income)` or `species != \"Adelie\"`; rows where it is false or cannot be decided (a missing value) are left out. " +
			"It is applied while fitting only: when the model scores new data, every row gets a prediction. " +
			"What can go wrong: leaving out rows changes whom the model learns about; if the same kind of rows will come in new data, the model has never seen them.",
		FitOnly: true,
		Params: []param.Spec{{Name: "condition", Label: "Condition", Kind: param.String, Default: "",
			Help: "An expression that is true for the rows to keep: numbers, column names (in `backquotes` if they have spaces), + - * / ^, comparisons, and, or, not, and functions such as log, abs, round, if and missing."}},
	},
	build: func(p param.Values) (fitter, error) {
		e, err := expr.Parse(p.String("condition"))
		if err != nil {
			return nil, fmt.Errorf("condition: %w", err)
		}
		return &filterConfig{cond: e}, nil
	},
	state: func() Transform { return &fitOnly{kind: "filter_rows"} },
}

type filterConfig struct{ cond *expr.Expr }

func (c *filterConfig) fit(in *fitInput) (Transform, *data.Frame, error) {
	vals, t, err := c.cond.Eval(in.ctx, in.frame)
	if err != nil {
		return nil, nil, fmt.Errorf("condition: %w", err)
	}
	if t != expr.Bool {
		return nil, nil, errors.New("condition: the expression gives a number, not true/false; compare it (for example x > 0)")
	}
	keep := make([]int, 0, len(vals))
	for i, v := range vals {
		if v == 1 {
			keep = append(keep, i)
		}
	}
	if len(keep) == 0 {
		return nil, nil, fmt.Errorf("%w: the condition %s is true for none of the %d training rows", ErrNoRows, c.cond.Source(), len(vals))
	}
	note := fmt.Sprintf("kept the %d of %d training rows where %s (fit only).", len(keep), len(vals), c.cond.Source())
	return &fitOnly{kind: "filter_rows", Note: note}, takeRows(in.frame, keep), nil
}

// takeRows is Frame.Take that skips the copy when every row is kept.
func takeRows(f *data.Frame, rows []int) *data.Frame {
	if len(rows) == f.NumRows() {
		same := true
		for i, r := range rows {
			if r != i {
				same = false
				break
			}
		}
		if same {
			return f
		}
	}
	return f.Take(rows)
}

// ---- remove_duplicates ----

var removeDuplicatesKind = &kindDef{
	StepKind: StepKind{Name: "remove_duplicates", Label: "Remove duplicate rows",
		Help: "Removes training rows that repeat an earlier row in every column (missing counts as equal to missing), keeping the first. " +
			"Duplicates give some rows extra weight and, split between training and test rows, make test scores look better than they are. It is applied while fitting only. " +
			"What can go wrong: some data really has identical rows (two customers with the same answers); removing them changes the weights.",
		FitOnly: true,
	},
	build: func(param.Values) (fitter, error) { return &dedupConfig{}, nil },
	state: func() Transform { return &fitOnly{kind: "remove_duplicates"} },
}

type dedupConfig struct{}

func (dedupConfig) fit(in *fitInput) (Transform, *data.Frame, error) {
	keep, err := firstOccurrences(in.ctx, in.frame)
	if err != nil {
		return nil, nil, err
	}
	note := fmt.Sprintf("removed %d duplicate training rows (fit only).", in.frame.NumRows()-len(keep))
	return &fitOnly{kind: "remove_duplicates", Note: note}, takeRows(in.frame, keep), nil
}

// firstOccurrences returns the rows that do not repeat an earlier row,
// comparing every column's value (missing equal to missing).
func firstOccurrences(ctx context.Context, f *data.Frame) ([]int, error) {
	n := f.NumRows()
	seed := maphash.MakeSeed()
	buckets := make(map[uint64][]int, n)
	keep := make([]int, 0, n)
	var h maphash.Hash
	for i := 0; i < n; i++ {
		if i%65536 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		h.SetSeed(seed)
		for j := 0; j < f.NumCols(); j++ {
			writeCell(&h, f.Col(j), i)
		}
		key := h.Sum64()
		dup := false
		for _, r := range buckets[key] {
			if sameRow(f, r, i) {
				dup = true
				break
			}
		}
		if !dup {
			buckets[key] = append(buckets[key], i)
			keep = append(keep, i)
		}
	}
	return keep, nil
}

func writeCell(h *maphash.Hash, c data.Column, i int) {
	var b [8]byte
	switch x := c.(type) {
	case *data.NumericColumn:
		v := x.At(i)
		if math.IsNaN(v) {
			v = math.NaN() // one bit pattern for every missing value
		}
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		_, _ = h.Write(b[:])
	case *data.CategoricalColumn:
		binary.LittleEndian.PutUint32(b[:4], uint32(x.Codes()[i]))
		_, _ = h.Write(b[:4])
	default:
		_, _ = h.WriteString(c.Format(i))
		_ = h.WriteByte(0)
		if c.IsMissing(i) {
			_ = h.WriteByte(1)
		}
	}
}

func sameRow(f *data.Frame, a, b int) bool {
	for j := 0; j < f.NumCols(); j++ {
		c := f.Col(j)
		if c.IsMissing(a) != c.IsMissing(b) {
			return false
		}
		if !c.IsMissing(a) && c.Format(a) != c.Format(b) {
			return false
		}
	}
	return true
}

// ---- rebalance ----

var rebalanceKind = &kindDef{
	StepKind: StepKind{Name: "rebalance", Label: "Rebalance classes",
		Help: "Evens out the classes of the target in the training rows: oversample repeats rows of the smaller classes (drawn at random with replacement) until each class is as large as the largest; undersample keeps a random subset of each larger class as large as the smallest. " +
			"It helps learners that otherwise ignore a rare class. It changes training rows only; validation, test and new data keep their real class shares. " +
			"What can go wrong: predicted probabilities no longer match real-world frequencies; oversampling repeats rows (a tree can memorise them) and undersampling throws data away.",
		FitOnly: true, NeedsTarget: true,
		Params: []param.Spec{
			{Name: "method", Label: "Method", Kind: param.Choice, Choices: []string{"oversample", "undersample"}, Default: "oversample",
				Help: "oversample (repeat rows of smaller classes) or undersample (drop rows of larger classes)."},
			{Name: "seed", Label: "Random seed", Kind: param.Int, Min: 0, Max: 1 << 31, HasRange: true, Default: 42,
				Help: "The same seed draws the same rows on every machine."},
		},
	},
	build: func(p param.Values) (fitter, error) {
		return &rebalanceConfig{method: p.String("method"), seed: uint64(p.Int("seed"))}, nil
	},
	state: func() Transform { return &fitOnly{kind: "rebalance"} },
}

type rebalanceConfig struct {
	method string
	seed   uint64
}

func (c *rebalanceConfig) fit(in *fitInput) (Transform, *data.Frame, error) {
	tc, _ := in.frame.Lookup(in.target)
	if tc.Kind() == data.Numeric {
		if num := tc.(*data.NumericColumn); !num.IsInteger() {
			return nil, nil, colErr(in.target, "rebalancing needs classes, and the target holds measurements; it is for classification only")
		}
	}
	codes, levels := data.Dictionary(tc)
	groups := make([][]int, len(levels))
	var rest []int // rows without a target keep their place
	for i, k := range codes {
		if k < 0 {
			rest = append(rest, i)
		} else {
			groups[k] = append(groups[k], i)
		}
	}
	rows := c.resample(groups)
	rows = append(rows, rest...)
	if c.method == "undersample" {
		sort.Ints(rows)
	}
	note := fmt.Sprintf("%sd the training rows from %d to %d so every class has as many rows (fit only).", c.method, in.frame.NumRows(), len(rows))
	return &fitOnly{kind: "rebalance", Note: note}, in.frame.Take(rows), nil
}

// resample returns the row positions after over- or undersampling the
// non-empty groups: all original rows in order, then the repeats, for
// oversampling; a random subset of each group for undersampling.
func (c *rebalanceConfig) resample(groups [][]int) []int {
	r := newRNG(c.seed)
	lo, hi := math.MaxInt, 0
	for _, g := range groups {
		if len(g) > 0 {
			lo, hi = min(lo, len(g)), max(hi, len(g))
		}
	}
	var rows []int
	if c.method == "undersample" {
		for _, g := range groups {
			if len(g) == 0 {
				continue
			}
			p := r.permutation(len(g))
			for _, j := range p[:lo] {
				rows = append(rows, g[j])
			}
		}
		return rows
	}
	for _, g := range groups {
		rows = append(rows, g...)
	}
	sort.Ints(rows)
	for _, g := range groups {
		for k := len(g); k > 0 && k < hi; k++ {
			rows = append(rows, g[r.intn(len(g))])
		}
	}
	return rows
}
