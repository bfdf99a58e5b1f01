package onnx

import (
	"math"
	"slices"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
)

// emitter writes one step into the graph and returns the columns it made
// (new or changed); columns it passes through are kept by rebuild.
type emitter = func(t *translator) map[string]column

// planStep checks one step and returns how it will be written.
func planStep(st prep.ExportedStep, target string) (plannedStep, error) {
	info := st.Info()
	ps := plannedStep{info: info}
	var err error
	switch s := st.(type) {
	case *prep.DropColumnsExport:
		ps.how, ps.emit = "the columns are left unused", func(*translator) map[string]column { return nil }
	case *prep.IdentityExport:
		ps.how, ps.emit = "nothing: it acts on training rows only, and scoring keeps every row", func(*translator) map[string]column { return nil }
	case *prep.ChangeTypeExport:
		ps.how, ps.emit, err = planChangeType(s, target)
	case *prep.ImputeExport:
		ps.how, ps.emit, err = planImpute(s, target)
	case *prep.ScaleExport:
		ps.how, ps.emit, err = planScale(s, target)
	case *prep.ClipExport:
		ps.how, ps.emit, err = planClip(s, target)
	case *prep.Log1pExport:
		ps.how, ps.emit, err = planLog1p(s, target)
	case *prep.YeoJohnsonExport:
		ps.how, ps.emit, err = planYeoJohnson(s, target)
	case *prep.BinExport:
		ps.how, ps.emit, err = planBin(s, target)
	case *prep.DatePartsExport:
		ps.how, ps.emit, err = planDateParts(s, target)
	case *prep.OneHotExport:
		ps.how, ps.emit, err = planOneHot(s, target)
	case *prep.OrdinalExport:
		ps.how, ps.emit, err = planOrdinal(s, target)
	case *prep.GroupRareExport:
		ps.how, ps.emit, err = planGroupRare(s, target)
	case *prep.TargetEncodeExport:
		ps.how, ps.emit, err = planTargetEncode(s, target)
	case *prep.ReplaceValuesExport:
		ps.how, ps.emit, err = planReplace(s, target)
	case *prep.DeriveExport:
		ps.how, ps.emit, err = planDerive(s, target)
	case *prep.JoinExport:
		ps.how, ps.emit, err = planJoin(s, target)
	default:
		err = unsupportedStep(info, "the exporter does not know this kind of step (%T)", st)
	}
	return ps, err
}

// reads checks that the step's input has the columns it reads, of the
// kinds given (none: any kind), and that none of them is the target, which
// scoring rows do not have.
func reads(info *prep.StepInfo, target string, names []string, kinds ...data.Kind) error {
	for _, name := range names {
		if name == target {
			return unsupportedStep(info, "it reads the target column %q, which the rows to score do not have", name)
		}
		f, ok := field(info.Input, name)
		if !ok {
			return unsupportedStep(info, "it reads column %q, which it does not receive", name)
		}
		if len(kinds) > 0 && !slices.Contains(kinds, f.Kind) {
			return unsupportedStep(info, "column %q holds %v values", name, f.Kind)
		}
	}
	return nil
}

func field(fields []prep.Field, name string) (prep.Field, bool) {
	for _, f := range fields {
		if f.Name == name {
			return f, true
		}
	}
	return prep.Field{}, false
}

// planChangeType writes the conversions that need no text parsing or
// formatting; the others are refused with the reason.
func planChangeType(s *prep.ChangeTypeExport, target string) (string, emitter, error) {
	if err := reads(&s.StepInfo, target, []string{s.Column}); err != nil {
		return "", nil, err
	}
	keep := func(kind data.Kind) emitter {
		return func(t *translator) map[string]column {
			return map[string]column{s.Column: {kind: kind, t: t.get(s.Column).t}}
		}
	}
	switch {
	case s.From == s.To:
		return "nothing: the column has that type already", keep(s.To), nil
	case s.From == data.Boolean && s.To == data.Numeric:
		return "nothing: yes/no values are held as 1 and 0 already", keep(data.Numeric), nil
	case s.From == data.Datetime && s.To == data.Numeric:
		return "nothing: dates are given as seconds since 1970 already", keep(data.Numeric), nil
	case s.From == data.Categorical && s.To == data.Text:
		return "nothing: categories and text are both strings", keep(data.Text), nil
	case s.From == data.Numeric && s.To == data.Boolean:
		return "Equal, Not, Cast and Where (a number other than 0 is yes)", func(t *translator) map[string]column {
			g := t.g
			x := t.get(s.Column).t
			v := g.toDouble(g.not(g.equal(x, g.scalar(0))))
			return map[string]column{s.Column: {kind: data.Boolean, t: g.missingIfNaN(x, v)}}
		}, nil
	}
	why := "ONNX cannot do it exactly"
	switch {
	case s.To == data.Datetime:
		why = "it reads dates from numbers or text, which needs date parsing ONNX does not have"
	case s.From == data.Datetime:
		why = "it writes dates as text, which needs date formatting ONNX does not have"
	case s.From == data.Numeric:
		why = "it writes numbers as text in their shortest form, which ONNX's Cast does differently"
	case s.From == data.Boolean:
		why = "it writes yes/no values in the spelling of the data being scored, which the graph's input does not carry"
	case s.To == data.Numeric:
		why = "it reads numbers from text, and ONNX's Cast fails (instead of giving a missing value) on text that is not a number"
	case s.To == data.Boolean:
		why = "it reads yes/no words with surrounding spaces removed, and ONNX (opset 17) has no operator that trims text"
	case s.From == data.Text && s.To == data.Categorical:
		why = "it removes surrounding spaces from each text, and ONNX (opset 17) has no operator that trims text"
	}
	return "", nil, unsupportedStep(&s.StepInfo, "converting %v to %v: %s", s.From, s.To, why)
}

// planImpute writes Where(IsNaN(x), fill, x) for numbers and yes/no values
// and Where(x == "", label, x) for labels, with Cast indicators.
func planImpute(s *prep.ImputeExport, target string) (string, emitter, error) {
	for _, c := range s.Columns {
		if err := reads(&s.StepInfo, target, []string{c.Name}, c.Kind); err != nil {
			return "", nil, err
		}
		if (c.Kind == data.Categorical || c.Kind == data.Text) && c.Label == "" {
			return "", nil, unsupportedStep(&s.StepInfo, "column %q is filled with an empty label, which the graph's strings cannot tell from a missing one", c.Name)
		}
	}
	return "IsNaN / LabelEncoder, Where; Cast for the indicators", func(t *translator) map[string]column {
		g := t.g
		out := map[string]column{}
		for _, c := range s.Columns {
			x := t.get(c.Name).t
			var miss, filled string
			switch c.Kind {
			case data.Numeric:
				miss = g.isNaN(x)
				filled = g.where(miss, g.scalar(c.Number), x)
			case data.Boolean:
				v, _ := data.ParseBool(c.Label)
				fill := 0.0
				if v {
					fill = 1
				}
				miss = g.isNaN(x)
				filled = g.where(miss, g.scalar(fill), x)
			default:
				miss = g.isEmpty(x)
				filled = g.where(miss, g.strings(nil, c.Label), x)
			}
			out[c.Name] = column{kind: c.Kind, t: filled}
			if c.Indicator != "" {
				out[c.Indicator] = column{kind: data.Numeric, t: g.toDouble(miss)}
			}
		}
		return out
	}, nil
}

// planScale writes (x - Center) / Scale.
func planScale(s *prep.ScaleExport, target string) (string, emitter, error) {
	names := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		names[i] = c.Name
	}
	if err := reads(&s.StepInfo, target, names, data.Numeric); err != nil {
		return "", nil, err
	}
	return "Sub and Div: (x - centre) / scale", func(t *translator) map[string]column {
		g := t.g
		out := map[string]column{}
		for _, c := range s.Columns {
			x := t.get(c.Name).t
			out[c.Name] = column{kind: data.Numeric, t: g.div(g.sub(x, g.scalar(c.Center)), g.scalar(c.Scale))}
		}
		return out
	}, nil
}

// planClip writes Where(x < lo, lo, Where(x > hi, hi, x)), which keeps NaN
// (ONNX's Clip leaves NaN handling to the runtime).
func planClip(s *prep.ClipExport, target string) (string, emitter, error) {
	names := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		names[i] = c.Name
	}
	if err := reads(&s.StepInfo, target, names, data.Numeric); err != nil {
		return "", nil, err
	}
	return "Less, Greater and Where (NaN stays missing)", func(t *translator) map[string]column {
		g := t.g
		out := map[string]column{}
		for _, c := range s.Columns {
			x := t.get(c.Name).t
			lo, hi := g.scalar(c.Lower), g.scalar(c.Upper)
			out[c.Name] = column{kind: data.Numeric, t: g.where(g.less(x, lo), lo, g.where(g.greater(x, hi), hi, x))}
		}
		return out
	}, nil
}

// planLog1p writes Modelbench's log1p: Log(1 + x) for |x| > 0.5, and near 0
// log(u)·x/(u - 1) with u = 1 + x (x itself when u is 1), which is within a
// few ulps of log1p; x <= -1 is missing.
func planLog1p(s *prep.Log1pExport, target string) (string, emitter, error) {
	if err := reads(&s.StepInfo, target, s.Columns, data.Numeric); err != nil {
		return "", nil, err
	}
	return "Log, Add, Sub, Mul, Div and Where (log1p near 0 as log(u)·x/(u-1))", func(t *translator) map[string]column {
		out := map[string]column{}
		for _, c := range s.Columns {
			out[c] = column{kind: data.Numeric, t: t.g.log1p(t.get(c).t)}
		}
		return out
	}, nil
}

// log1p is Modelbench's log(1 + x) (see planLog1p).
func (g *graph) log1p(x string) string {
	u := g.add(g.scalar(1), x)
	far := g.log(u)
	d := g.sub(u, g.scalar(1))
	near := g.where(g.equal(d, g.scalar(0)), x, g.div(g.mul(far, x), d))
	isFar := g.greater(g.abs(x), g.scalar(0.5))
	v := g.where(isFar, far, near)
	return g.where(g.lessEq(x, g.scalar(-1)), g.nan(), v)
}

// planYeoJohnson writes each column's power transform with Pow and the
// log1p above, the branch for x >= 0 and x < 0 chosen by Where, then the
// standardising Sub and Div.
func planYeoJohnson(s *prep.YeoJohnsonExport, target string) (string, emitter, error) {
	names := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		names[i] = c.Name
	}
	if err := reads(&s.StepInfo, target, names, data.Numeric); err != nil {
		return "", nil, err
	}
	const eps = 2.220446049250313e-16
	return "Pow, Log, Sub, Div and Where (one branch per sign of x)", func(t *translator) map[string]column {
		g := t.g
		out := map[string]column{}
		for _, c := range s.Columns {
			x := t.get(c.Name).t
			one := g.scalar(1)
			var pos, negv string
			if math.Abs(c.Lambda) < eps {
				pos = g.log1p(x)
			} else {
				pos = g.div(g.sub(g.op("Pow", []string{g.add(x, one), g.scalar(c.Lambda)}), one), g.scalar(c.Lambda))
			}
			if math.Abs(c.Lambda-2) > eps {
				p := 2 - c.Lambda
				negv = g.neg(g.div(g.sub(g.op("Pow", []string{g.sub(one, x), g.scalar(p)}), one), g.scalar(p)))
			} else {
				negv = g.neg(g.log1p(g.neg(x)))
			}
			y := g.where(g.greaterEq(x, g.scalar(0)), pos, negv)
			if s.Standardize {
				y = g.div(g.sub(y, g.scalar(c.Mean)), g.scalar(c.Scale))
			}
			out[c.Name] = column{kind: data.Numeric, t: y}
		}
		return out
	}, nil
}

// planBin writes the bin number as the count of inner edges <= x
// (GreaterOrEqual, Cast, ReduceSum), NaN for a missing x, and the one-hot
// outputs by Equal.
func planBin(s *prep.BinExport, target string) (string, emitter, error) {
	names := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		names[i] = c.Name
		if len(c.Edges) < 2 || len(c.Outputs) == 0 {
			return "", nil, unsupportedStep(&s.StepInfo, "column %q has %d bin edges", c.Name, len(c.Edges))
		}
	}
	if err := reads(&s.StepInfo, target, names, data.Numeric); err != nil {
		return "", nil, err
	}
	return "GreaterOrEqual, Cast, ReduceSum (bin = how many inner edges are <= x), Equal for one-hot bins", func(t *translator) map[string]column {
		g := t.g
		out := map[string]column{}
		for _, c := range s.Columns {
			x := t.get(c.Name).t
			inner := c.Edges[1 : len(c.Edges)-1]
			var bin string
			if len(inner) == 0 {
				bin = g.fill(x, 0)
			} else {
				ge := g.toDouble(g.greaterEq(x, g.row(inner)))
				bin = g.op("ReduceSum", []string{ge, g.int64s([]int64{1}, 1)}, aInt("keepdims", 1))
			}
			if s.Encode != "onehot" {
				out[c.Name] = column{kind: data.Numeric, t: g.missingIfNaN(x, bin)}
				continue
			}
			k := len(c.Outputs)
			ids := make([]float64, k)
			for b := range ids {
				ids[b] = float64(b)
			}
			hot := g.missingIfNaN(x, g.toDouble(g.equal(bin, g.row(ids))))
			for b, part := range g.split(hot, 1, k) {
				out[c.Outputs[b]] = column{kind: data.Numeric, t: part}
			}
		}
		return out
	}, nil
}
