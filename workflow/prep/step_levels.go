package prep

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

// ---- ordinal ----

var ordinalKind = &kindDef{
	StepKind: StepKind{Name: "ordinal", Label: "Number ordered categories",
		Help: "Replaces categories that have a natural order (small < medium < large, or school grades) by their position in the order you give: 0, 1, 2, ... One number column keeps the order, which trees and linear models can use. " +
			"What can go wrong: the numbers say the steps are equal (small to medium counts as much as medium to large); a value of the training rows that is not in your order stops the fit (check spelling); in new data such a value becomes missing.",
		Params: []param.Spec{
			{Name: "column", Label: "Column", Kind: param.String, Default: "", Help: "The column to number."},
			{Name: "order", Label: "Order", Kind: param.String, Default: "",
				Help: "Every category from lowest to highest, separated by commas (for example: low, medium, high)."},
		},
	},
	build: func(p param.Values) (fitter, error) {
		s := &ordinalState{Column: strings.TrimSpace(p.String("column")), Order: splitList(p.String("order"))}
		if s.Column == "" {
			return nil, errors.New("column: name the column to number")
		}
		if len(s.Order) == 0 {
			return nil, errors.New("order: list the categories from lowest to highest")
		}
		seen := map[string]bool{}
		for _, o := range s.Order {
			if seen[o] {
				return nil, fmt.Errorf("order: %q is listed twice", o)
			}
			seen[o] = true
		}
		return s, nil
	},
	state: func() Transform { return &ordinalState{} },
}

// ordinalState is both the configuration and the fitted state.
type ordinalState struct {
	Column string   `json:"column"`
	Order  []string `json:"order"`
}

func (s *ordinalState) fit(in *fitInput) (Transform, *data.Frame, error) {
	any := kindFilter{[]data.Kind{data.Categorical, data.Boolean, data.Text, data.Numeric}, "categories"}
	if _, err := resolveColumns(in, []string{s.Column}, any, any); err != nil {
		return nil, nil, err
	}
	col, _ := in.frame.Lookup(s.Column)
	codes, levels := data.Dictionary(data.SpellLike(col, s.Order))
	used := make([]bool, len(levels))
	for _, k := range codes {
		if k >= 0 {
			used[k] = true
		}
	}
	lut := s.lut(levels)
	for k, l := range levels {
		if used[k] && math.IsNaN(lut[k]) {
			return nil, nil, colErr(s.Column, "the value %q is not in the order (%s); add it or fix its spelling first", l, strings.Join(s.Order, ", "))
		}
	}
	out, err := s.Apply(in.ctx, in.frame)
	return s, out, err
}

func (s *ordinalState) lut(levels []string) []float64 {
	pos := make(map[string]int, len(s.Order))
	for i, o := range s.Order {
		pos[o] = i
	}
	lut := make([]float64, len(levels))
	for k, l := range levels {
		lut[k] = math.NaN()
		if i, ok := pos[l]; ok {
			lut[k] = float64(i)
		}
	}
	return lut
}

func (s *ordinalState) Kind() string { return "ordinal" }

// Apply replaces the column by positions in the order; unknown values and
// missing values become missing.
func (s *ordinalState) Apply(_ context.Context, f *data.Frame) (*data.Frame, error) {
	col, err := lookupCol(f, s.Column)
	if err != nil {
		return nil, err
	}
	codes, levels := data.Dictionary(data.SpellLike(col, s.Order))
	lut := s.lut(levels)
	out := make([]float64, len(codes))
	for i, k := range codes {
		if k < 0 {
			out[i] = math.NaN()
		} else {
			out[i] = lut[k]
		}
	}
	return replaceNumeric(f, []string{s.Column}, []data.Column{data.NewNumeric(s.Column, out, nil)})
}

func (s *ordinalState) Describe() string {
	return fmt.Sprintf("numbers %q in the order %s (0 to %d).", s.Column, strings.Join(s.Order, " < "), len(s.Order)-1)
}

// ---- group_rare ----

var groupRareKind = &kindDef{
	StepKind: StepKind{Name: "group_rare", Label: "Group rare categories",
		Help: "Puts categories that are rarer than a share of the training rows into one category (\"other\"). Rare categories give a model too few examples to learn from and make one-hot encoding wide; grouping them makes the model steadier. " +
			"Categories that only new data has go to \"other\" too. What can go wrong: a rare category that matters a lot (a rare but telling diagnosis) loses its identity.",
		Params: []param.Spec{
			columnsSpec("The category columns to group (empty: every category column)."),
			{Name: "min_share", Label: "Smallest share kept", Kind: param.Float, Min: 0, Max: 1, HasRange: true, Default: 0.01,
				Help: "A category present in less than this share of the training rows (not counting missing ones) is grouped; 0.01 is 1%."},
			{Name: "other_label", Label: "Name of the group", Kind: param.String, Default: "other",
				Help: "The category name given to the grouped values."},
		},
	},
	build: func(p param.Values) (fitter, error) {
		label := strings.TrimSpace(p.String("other_label"))
		if label == "" {
			return nil, errors.New("other_label: give the group a name")
		}
		return &groupRareConfig{columns: p.Strings("columns"), minShare: p.Float("min_share"), other: label}, nil
	},
	state: func() Transform { return &groupRareState{} },
}

type groupRareConfig struct {
	columns  []string
	minShare float64
	other    string
}

type groupRareCol struct {
	Name string   `json:"name"`
	Keep []string `json:"keep"`
}

type groupRareState struct {
	Other   string         `json:"other"`
	Columns []groupRareCol `json:"columns"`
}

func (c *groupRareConfig) fit(in *fitInput) (Transform, *data.Frame, error) {
	names, err := resolveColumns(in, c.columns, categories, levelKinds)
	if err != nil {
		return nil, nil, err
	}
	st := &groupRareState{Other: c.other}
	for _, n := range names {
		col, _ := in.frame.Lookup(n)
		codes, levels := data.Dictionary(col)
		counts := make([]int, len(levels))
		present := 0
		for _, k := range codes {
			if k >= 0 {
				counts[k]++
				present++
			}
		}
		gc := groupRareCol{Name: n, Keep: []string{}}
		for k, l := range levels {
			if counts[k] > 0 && float64(counts[k]) >= c.minShare*float64(present) {
				gc.Keep = append(gc.Keep, l)
			}
		}
		st.Columns = append(st.Columns, gc)
	}
	out, err := st.Apply(in.ctx, in.frame)
	return st, out, err
}

func (s *groupRareState) Kind() string { return "group_rare" }

// Apply maps every category not kept (including ones new to the fitted
// state) to the group; missing values stay missing. The result is a
// category column.
func (s *groupRareState) Apply(_ context.Context, f *data.Frame) (*data.Frame, error) {
	repl := make(map[string][]data.Column, len(s.Columns))
	for _, gc := range s.Columns {
		col, err := lookupCol(f, gc.Name)
		if err != nil {
			return nil, err
		}
		codes, levels := data.Dictionary(data.SpellLike(col, gc.Keep))
		outLevels := append([]string{}, gc.Keep...)
		pos := make(map[string]int32, len(outLevels)+1)
		for i, l := range outLevels {
			pos[l] = int32(i)
		}
		if _, ok := pos[s.Other]; !ok {
			pos[s.Other] = int32(len(outLevels))
			outLevels = append(outLevels, s.Other)
		}
		kept := make(map[string]bool, len(gc.Keep))
		for _, l := range gc.Keep {
			kept[l] = true
		}
		lut := make([]int32, len(levels))
		for k, l := range levels {
			if kept[l] {
				lut[k] = pos[l]
			} else {
				lut[k] = pos[s.Other]
			}
		}
		out := make([]int32, len(codes))
		for i, k := range codes {
			out[i] = -1
			if k >= 0 {
				out[i] = lut[k]
			}
		}
		repl[gc.Name] = []data.Column{data.NewCategorical(gc.Name, out, outLevels)}
	}
	return rebuild(f, repl)
}

func (s *groupRareState) Describe() string {
	parts := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		parts[i] = fmt.Sprintf("%s keeps %d categories", c.Name, len(c.Keep))
	}
	if len(parts) == 0 {
		return "does nothing: no category column."
	}
	return fmt.Sprintf("groups rare categories as %q: %s.", s.Other, joinPlain(parts))
}
