package prep

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

var oneHotKind = &kindDef{
	StepKind: StepKind{Name: "one_hot", Label: "One-hot encode categories",
		Help: "Turns a category column into one 0/1 column per category (island=Biscoe, island=Dream, ...), the usual way to give categories to linear models, k-NN and neural networks. " +
			"Categories are the ones seen in the training rows, sorted; a missing value seen in training gets its own column NAME=(missing). " +
			"What can go wrong: a column with hundreds of categories makes hundreds of sparse columns (max_levels groups the rarest into NAME=(other)); " +
			"a category that appears only in new data cannot be known, so it becomes all zeros (unseen=ignore) or an error (unseen=error); " +
			"keeping every column makes them add up to 1, which plain least squares cannot handle (drop=first avoids it).",
		Params: []param.Spec{
			columnsSpec("The category columns to encode (empty: every category column)."),
			{Name: "unseen", Label: "Unseen categories", Kind: param.Choice, Choices: []string{"ignore", "error"}, Default: "ignore",
				Help: "What to do with a category new data has and the training rows had not: ignore gives a row of zeros, error stops."},
			{Name: "drop", Label: "Drop a column", Kind: param.Choice, Choices: []string{"none", "first", "if_binary"}, Default: "none",
				Help: "none keeps one column per category; first drops the first category's column; if_binary drops it only for two-category columns."},
			{Name: "max_levels", Label: "Most columns per category column", Kind: param.Int, Min: 0, Max: 100000, HasRange: true, Default: 50,
				Help: "When a column has more categories, the most frequent max_levels-1 keep their own column and the rest share NAME=(other); 0 means no limit."},
		},
	},
	build: func(p param.Values) (fitter, error) {
		if p.Int("max_levels") == 1 {
			return nil, errors.New("max_levels must be 0 (no limit) or at least 2")
		}
		return &oneHotConfig{columns: p.Strings("columns"), unseen: p.String("unseen"), drop: p.String("drop"), maxLevels: p.Int("max_levels")}, nil
	},
	state: func() Transform { return &oneHotState{} },
}

type oneHotConfig struct {
	columns   []string
	unseen    string
	drop      string
	maxLevels int
}

// oneHotCol is the fitted encoding of one column. Categories are the
// training levels in sorted order, followed by the missing value when the
// training rows had one; Slot gives each category's output column (-1 when
// its column was dropped); Outputs are the output columns' names.
type oneHotCol struct {
	Name        string    `json:"name"`
	Kind        data.Kind `json:"type"`
	Categories  []string  `json:"categories"`
	MissingSeen bool      `json:"missing_seen,omitempty"`
	Slot        []int     `json:"slot"`
	Outputs     []string  `json:"outputs"`
}

func (c oneHotCol) colName() string { return c.Name }

type oneHotState struct {
	Unseen  string      `json:"unseen"`
	Columns []oneHotCol `json:"columns"`
}

const (
	missingLabel = "(missing)"
	otherLabel   = "(other)"
)

func (c *oneHotConfig) fit(in *fitInput) (Transform, *data.Frame, error) {
	names, err := resolveColumns(in, c.columns, categories, levelKinds)
	if err != nil {
		return nil, nil, err
	}
	st := &oneHotState{Unseen: c.unseen, Columns: make([]oneHotCol, len(names))}
	for i, n := range names {
		if err := in.ctx.Err(); err != nil {
			return nil, nil, err
		}
		col, _ := in.frame.Lookup(n)
		st.Columns[i] = c.fitColumn(col)
	}
	out, err := st.Apply(in.ctx, in.frame)
	return st, out, err
}

// fitColumn follows scikit-learn's OneHotEncoder: sorted categories, NaN
// as a last category, max_categories grouping the least frequent
// (stable on ties), drop first / if_binary mapped onto the grouped column.
func (c *oneHotConfig) fitColumn(col data.Column) oneHotCol {
	codes, levels := data.Dictionary(col)
	counts := make([]int, len(levels))
	missing := 0
	for _, k := range codes {
		if k < 0 {
			missing++
		} else {
			counts[k]++
		}
	}
	oc := oneHotCol{Name: col.Name(), Kind: col.Kind(), MissingSeen: missing > 0}
	var catCounts []int
	order := make([]int, 0, len(levels))
	for k := range levels {
		if counts[k] > 0 {
			order = append(order, k)
		}
	}
	sort.Slice(order, func(a, b int) bool { return levels[order[a]] < levels[order[b]] })
	for _, k := range order {
		oc.Categories = append(oc.Categories, levels[k])
		catCounts = append(catCounts, counts[k])
	}
	if missing > 0 {
		catCounts = append(catCounts, missing)
	}
	infrequent := make([]bool, len(catCounts))
	if c.maxLevels > 0 && len(catCounts) > c.maxLevels {
		idx := make([]int, len(catCounts))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return catCounts[idx[a]] < catCounts[idx[b]] })
		for _, i := range idx[:len(idx)-c.maxLevels+1] {
			infrequent[i] = true
		}
	}
	oc.Slot, oc.Outputs = oneHotSlots(oc, infrequent, c.drop)
	return oc
}

// oneHotSlots numbers the output columns: frequent categories in order,
// then the shared "other" column, and removes the dropped one.
func oneHotSlots(oc oneHotCol, infrequent []bool, drop string) ([]int, []string) {
	slot := make([]int, len(infrequent))
	var labels []string
	otherSlot := -1
	for i, inf := range infrequent {
		if !inf {
			slot[i] = len(labels)
			labels = append(labels, categoryLabel(oc, i))
		}
	}
	for i, inf := range infrequent {
		if inf {
			if otherSlot < 0 {
				otherSlot = len(labels)
				labels = append(labels, otherLabel)
			}
			slot[i] = otherSlot
		}
	}
	dropSlot := -1
	if len(slot) > 0 && (drop == "first" || drop == "if_binary" && len(labels) == 2) {
		dropSlot = slot[0]
	}
	outputs := make([]string, 0, len(labels))
	for s, l := range labels {
		if s != dropSlot {
			outputs = append(outputs, oc.Name+"="+l)
		}
	}
	for i, s := range slot {
		switch {
		case s == dropSlot:
			slot[i] = -1
		case dropSlot >= 0 && s > dropSlot:
			slot[i] = s - 1
		}
	}
	return slot, outputs
}

func categoryLabel(oc oneHotCol, i int) string {
	if i == len(oc.Categories) {
		return missingLabel
	}
	return oc.Categories[i]
}

func (s *oneHotState) validate() error {
	for _, c := range s.Columns {
		want := len(c.Categories)
		if c.MissingSeen {
			want++
		}
		if len(c.Slot) != want {
			return fmt.Errorf("column %q: %d slots for %d categories", c.Name, len(c.Slot), want)
		}
		for _, sl := range c.Slot {
			if sl < -1 || sl >= len(c.Outputs) {
				return fmt.Errorf("column %q: slot %d out of range", c.Name, sl)
			}
		}
	}
	return nil
}

func (s *oneHotState) Kind() string { return "one_hot" }

// Apply replaces each encoded column by its 0/1 columns.
func (s *oneHotState) Apply(ctx context.Context, f *data.Frame) (*data.Frame, error) {
	return replaceEach(ctx, f, s.Columns, func(oc oneHotCol) ([]data.Column, error) { return s.encode(f, oc) })
}

func (s *oneHotState) encode(f *data.Frame, oc oneHotCol) ([]data.Column, error) {
	col, err := lookupCol(f, oc.Name)
	if err != nil {
		return nil, err
	}
	codes, levels := data.Dictionary(data.SpellLike(col, oc.Categories))
	lut := levelSlots(oc, levels)
	missSlot := -2 // unseen
	if oc.MissingSeen {
		missSlot = oc.Slot[len(oc.Slot)-1]
	}
	n := len(codes)
	out := make([][]float64, len(oc.Outputs))
	for j := range out {
		out[j] = make([]float64, n)
	}
	for i, k := range codes {
		sl := missSlot
		if k >= 0 {
			sl = lut[k]
		}
		if sl >= 0 {
			out[sl][i] = 1
		} else if sl == -2 && s.Unseen == "error" {
			v := "a missing value"
			if k >= 0 {
				v = fmt.Sprintf("%q", levels[k])
			}
			return nil, rowErr(oc.Name, i, "%s was not among the categories of the training rows (unseen=error)", v)
		}
	}
	cols := make([]data.Column, len(out))
	for j, v := range out {
		cols[j] = data.NewNumeric(oc.Outputs[j], v, nil)
	}
	return cols, nil
}

// levelSlots maps a column's levels to output slots; -2 marks a level the
// training rows did not have.
func levelSlots(oc oneHotCol, levels []string) []int {
	index := make(map[string]int, len(oc.Categories))
	for i, c := range oc.Categories {
		index[c] = i
	}
	lut := make([]int, len(levels))
	for k, l := range levels {
		lut[k] = -2
		if i, ok := index[l]; ok {
			lut[k] = oc.Slot[i]
		}
	}
	return lut
}

func (s *oneHotState) Describe() string {
	if len(s.Columns) == 0 {
		return "does nothing: no category column to encode."
	}
	total := 0
	var names []string
	for _, c := range s.Columns {
		total += len(c.Outputs)
		names = append(names, fmt.Sprintf("%s (%d categories)", c.Name, len(c.Slot)))
	}
	return fmt.Sprintf("encodes %s as %d 0/1 columns; unseen categories: %s.", joinPlain(names), total, s.Unseen)
}
