package prep_test

import (
	"fmt"
	"math"
	"slices"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
)

// The appliers of the step descriptions, written from their doc comments
// (see export_apply_test.go).

func applyReplace(s *prep.ReplaceValuesExport, f *aframe) (*aframe, error) {
	c, err := f.get(s.Column)
	if err != nil {
		return nil, err
	}
	if c.kind == data.Numeric {
		v := slices.Clone(c.nums)
		for i, x := range v {
			if slices.Contains(s.Numbers, x) {
				v[i] = s.WithNumber
			}
		}
		return f.replace(s.Column, numCol(s.Column, v)), nil
	}
	if c, err = matchYesNo(c, s.Values, s.YesNo); err != nil {
		return nil, err
	}
	labels, ok := make([]string, c.n()), make([]bool, c.n())
	truth := make([]bool, c.n())
	for i := range labels {
		l, present := c.label(i)
		if present && slices.Contains(s.Values, l) {
			l = s.With
		}
		if !present {
			l = ""
		}
		switch c.kind {
		case data.Boolean:
			truth[i], ok[i] = data.ParseBool(l)
		default:
			labels[i], ok[i] = l, l != ""
		}
	}
	if c.kind == data.Boolean {
		return f.replace(s.Column, boolCol(s.Column, truth, ok, c.spell)), nil
	}
	return f.replace(s.Column, labelCol(s.Column, c.kind, labels, ok)), nil
}

func applyImpute(s *prep.ImputeExport, f *aframe) (*aframe, error) {
	for _, ic := range s.Columns {
		c, err := f.get(ic.Name)
		if err != nil {
			return nil, err
		}
		if c.kind != ic.Kind {
			return nil, fmt.Errorf("%s: kind %v, the description says %v", ic.Name, c.kind, ic.Kind)
		}
		ind := make([]float64, c.n())
		var filled *acol
		if c.kind == data.Numeric {
			v := slices.Clone(c.nums)
			for i, x := range v {
				if math.IsNaN(x) {
					v[i], ind[i] = ic.Number, 1
				}
			}
			filled = numCol(ic.Name, v)
		} else if c.kind == data.Boolean {
			truth, ok := slices.Clone(c.truth), make([]bool, c.n())
			for i := range ok {
				ok[i] = true
				if !c.ok[i] {
					truth[i], ind[i] = ic.Truth, 1
				}
			}
			filled = boolCol(ic.Name, truth, ok, c.spell)
		} else {
			fill := ic.Label
			labels, ok := slices.Clone(c.labels), make([]bool, c.n())
			for i := range ok {
				ok[i] = true
				if !c.ok[i] {
					labels[i], ind[i] = fill, 1
				}
			}
			filled = labelCol(ic.Name, c.kind, labels, ok)
		}
		cols := []*acol{filled}
		if ic.Indicator != "" {
			cols = append(cols, numCol(ic.Indicator, ind))
		}
		f = f.replace(ic.Name, cols...)
	}
	return f, nil
}

func applyJoin(s *prep.JoinExport, f *aframe) (*aframe, error) {
	key, err := f.get(s.Key)
	if err != nil {
		return nil, err
	}
	rows := make([]int, key.n())
	for i := range rows {
		l, present := key.label(i) // a yes/no key by its spelling
		rows[i] = -1
		if present && l != "" {
			rows[i] = slices.Index(s.Keys, l)
		}
	}
	out := &aframe{cols: slices.Clone(f.cols)}
	for _, dc := range s.Columns {
		out.cols = append(out.cols, fromColumn(dc).take(rows))
	}
	return out, nil
}

func applyDateParts(s *prep.DatePartsExport, f *aframe) (*aframe, error) {
	for j, name := range s.Columns {
		c, err := f.get(name)
		if err != nil {
			return nil, err
		}
		if c.kind != data.Datetime {
			return nil, fmt.Errorf("%s is not a date", name)
		}
		var cols []*acol
		for p, part := range s.Parts {
			v := make([]float64, c.n())
			for i := range v {
				v[i] = math.NaN()
				if !c.ok[i] {
					continue
				}
				t := time.Unix(0, c.times[i]).UTC()
				switch part {
				case "year":
					v[i] = float64(t.Year())
				case "month":
					v[i] = float64(t.Month())
				case "day":
					v[i] = float64(t.Day())
				case "weekday":
					v[i] = float64((int(t.Weekday()) + 6) % 7)
				case "hour":
					v[i] = float64(t.Hour())
				}
			}
			cols = append(cols, numCol(s.Outputs[j][p], v))
		}
		f = f.replace(name, cols...)
	}
	return f, nil
}

// numericOf returns the named numeric column's values.
func numericOf(f *aframe, name string) ([]float64, error) {
	c, err := f.get(name)
	if err != nil {
		return nil, err
	}
	if c.kind != data.Numeric {
		return nil, fmt.Errorf("%s is not numeric", name)
	}
	return c.nums, nil
}

// mapColumn replaces a numeric column by fn of each value.
func mapColumn(f *aframe, name string, fn func(x float64) float64) (*aframe, error) {
	v, err := numericOf(f, name)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = fn(x)
	}
	return f.replace(name, numCol(name, out)), nil
}

// labelSlots replaces a column by numeric outputs, each row's values
// coming from its label (a yes/no value's matched to labels by m).
func labelSlots(f *aframe, name string, labels []string, m *prep.YesNoMatch, outputs []string, row func(l string, present bool) ([]float64, error)) (*aframe, error) {
	c, err := f.get(name)
	if err != nil {
		return nil, err
	}
	if c, err = matchYesNo(c, labels, m); err != nil {
		return nil, err
	}
	cols := make([]*acol, len(outputs))
	for o := range cols {
		cols[o] = numCol(outputs[o], make([]float64, c.n()))
	}
	for i := 0; i < c.n(); i++ {
		v, err := row(c.label(i))
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		for o := range cols {
			cols[o].nums[i] = v[o]
		}
	}
	return f.replace(name, cols...), nil
}

func applyEncoding(st prep.ExportedStep, f *aframe) (*aframe, error) {
	var err error
	switch s := st.(type) {
	case *prep.ScaleExport:
		for _, c := range s.Columns {
			if f, err = mapColumn(f, c.Name, func(x float64) float64 { return (x - c.Center) / c.Scale }); err != nil {
				return nil, err
			}
		}
	case *prep.ClipExport:
		for _, c := range s.Columns {
			if f, err = mapColumn(f, c.Name, func(x float64) float64 { return math.Min(math.Max(x, c.Lower), c.Upper) }); err != nil {
				return nil, err
			}
		}
	case *prep.Log1pExport:
		for _, name := range s.Columns {
			if f, err = mapColumn(f, name, func(x float64) float64 {
				if x <= -1 {
					return math.NaN()
				}
				return math.Log1p(x)
			}); err != nil {
				return nil, err
			}
		}
	case *prep.YeoJohnsonExport:
		for _, c := range s.Columns {
			if f, err = mapColumn(f, c.Name, func(x float64) float64 { return (yeoJohnson(x, c.Lambda) - c.Mean) / c.Scale }); err != nil {
				return nil, err
			}
		}
	case *prep.BinExport:
		for _, c := range s.Columns {
			if f, err = applyBin(s.Encode, c, f); err != nil {
				return nil, err
			}
		}
	default:
		return applyLevels(st, f)
	}
	return f, nil
}

func yeoJohnson(x, lambda float64) float64 {
	const eps = 2.220446049250313e-16
	switch {
	case x >= 0 && math.Abs(lambda) < eps:
		return math.Log1p(x)
	case x >= 0:
		return (math.Pow(x+1, lambda) - 1) / lambda
	case math.Abs(lambda-2) > eps:
		return -(math.Pow(1-x, 2-lambda) - 1) / (2 - lambda)
	case x < 0:
		return -math.Log1p(-x)
	}
	return x // NaN
}

func applyBin(encode string, c prep.BinColumn, f *aframe) (*aframe, error) {
	v, err := numericOf(f, c.Name)
	if err != nil {
		return nil, err
	}
	k := len(c.Edges) - 1
	cols := make([]*acol, len(c.Outputs))
	for o := range cols {
		cols[o] = numCol(c.Outputs[o], make([]float64, len(v)))
	}
	for i, x := range v {
		b := 0
		for _, e := range c.Edges[1:k] {
			if e <= x {
				b++
			}
		}
		switch {
		case encode == "ordinal" && math.IsNaN(x):
			cols[0].nums[i] = x
		case encode == "ordinal":
			cols[0].nums[i] = float64(b)
		case math.IsNaN(x):
			for o := range cols {
				cols[o].nums[i] = x
			}
		default:
			cols[b].nums[i] = 1
		}
	}
	return f.replace(c.Name, cols...), nil
}

func applyLevels(st prep.ExportedStep, f *aframe) (*aframe, error) {
	var err error
	switch s := st.(type) {
	case *prep.OneHotExport:
		for _, c := range s.Columns {
			f, err = labelSlots(f, c.Name, c.Categories, c.YesNo, c.Outputs, func(l string, present bool) ([]float64, error) {
				out := make([]float64, len(c.Outputs))
				slot := -2
				if i := slices.Index(c.Categories, l); present && i >= 0 {
					slot = c.CategoryOutput[i]
				} else if !present && c.MissingSeen {
					slot = c.MissingOutput
				}
				switch {
				case slot >= 0:
					out[slot] = 1
				case slot == -2 && s.Unseen == "error":
					return nil, fmt.Errorf("%q is unseen", l)
				}
				return out, nil
			})
			if err != nil {
				return nil, err
			}
		}
	case *prep.OrdinalExport:
		return labelSlots(f, s.Column, s.Order, s.YesNo, []string{s.Column}, func(l string, present bool) ([]float64, error) {
			if i := slices.Index(s.Order, l); present && i >= 0 {
				return []float64{float64(i)}, nil
			}
			return []float64{math.NaN()}, nil
		})
	case *prep.TargetEncodeExport:
		for _, c := range s.Columns {
			f, err = labelSlots(f, c.Name, c.Levels, c.YesNo, c.Outputs, func(l string, present bool) ([]float64, error) {
				out := slices.Clone(c.Default)
				if i := slices.Index(c.Levels, l); present && i >= 0 {
					for o := range out {
						out[o] = c.Values[o][i]
					}
				}
				return out, nil
			})
			if err != nil {
				return nil, err
			}
		}
	case *prep.GroupRareExport:
		for _, gc := range s.Columns {
			c, err := f.get(gc.Name)
			if err != nil {
				return nil, err
			}
			if c, err = matchYesNo(c, gc.Keep, gc.YesNo); err != nil {
				return nil, err
			}
			labels, ok := make([]string, c.n()), make([]bool, c.n())
			for i := range labels {
				l, present := c.label(i)
				if present && !slices.Contains(gc.Keep, l) {
					l = s.Other
				}
				labels[i], ok[i] = l, present
			}
			f = f.replace(gc.Name, labelCol(gc.Name, data.Categorical, labels, ok))
		}
	default:
		return nil, fmt.Errorf("no applier for %T", st)
	}
	return f, err
}
