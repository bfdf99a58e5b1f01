package reproduce

import (
	"fmt"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
)

// impute: one SimpleImputer for the numbers and one for the labels (for
// the constant strategy, one per fill value), add_indicator as the step.
func (s *stepCtx) impute(x *prep.ImputeExport) (string, error) {
	var cols []string
	for _, c := range x.Columns {
		cols = append(cols, c.Name)
	}
	if err := s.touches(cols); err != nil {
		return "", err
	}
	if len(cols) == 0 {
		return s.nothing(), nil
	}
	indicator := s.params.Bool("indicator")
	type group struct {
		name, fill string
		cols       []prep.ImputeColumn
	}
	var groups []*group
	find := func(name, fill string) *group {
		for _, g := range groups {
			if g.name == name && g.fill == fill {
				return g
			}
		}
		g := &group{name: name, fill: fill}
		groups = append(groups, g)
		return g
	}
	for _, c := range x.Columns {
		name, fill := "numbers", ""
		if c.Kind != data.Numeric {
			name = "labels"
		}
		if x.Strategy == "constant" {
			fill = pyFloat(c.Number)
			if c.Kind != data.Numeric {
				fill = pyStr(c.Label)
			}
			if err := checkText("fill value", c.Label); err != nil {
				return "", s.unsupported("%v", err)
			}
		}
		g := find(name, fill)
		g.cols = append(g.cols, c)
	}
	var parts []part
	var made, check, learnt []string
	count, nth := map[string]int{}, map[string]int{}
	for _, g := range groups {
		count[g.name]++
	}
	for _, g := range groups {
		if count[g.name] > 1 {
			nth[g.name]++
			g.name = fmt.Sprintf("%s_%d", g.name, nth[g.name])
		}
		args := fmt.Sprintf("strategy=%s", pyStr(x.Strategy))
		if x.Strategy == "constant" {
			args += ", fill_value=" + g.fill
		}
		if indicator {
			args += ", add_indicator=True"
		}
		var names, inds []string
		var fills []string
		var withInd []string
		for j, c := range g.cols {
			names = append(names, c.Name)
			if c.Indicator != "" {
				inds = append(inds, c.Indicator)
				withInd = append(withInd, fmt.Sprint(j))
			}
			if c.Kind == data.Numeric {
				fills = append(fills, pyFloat(c.Number))
				learnt = append(learnt, fmt.Sprintf("%s %s", c.Name, data.FormatFloat(c.Number)))
			} else {
				fills = append(fills, pyStr(c.Label))
				learnt = append(learnt, fmt.Sprintf("%s %q", c.Name, c.Label))
			}
		}
		parts = append(parts, part{g.name, fmt.Sprintf("SimpleImputer(%s)", args), names})
		made = append(append(made, names...), inds...)
		check = append(check, expectLine(fmt.Sprintf("step %d impute: the %s fills (%s)", s.info.Index, x.Strategy, g.name),
			fmt.Sprintf("step.fitted(%s).statistics_", pyStr(g.name)), pyList(fills, "        ")))
		if indicator {
			got := fmt.Sprintf("step.fitted(%s).indicator_.features_", pyStr(g.name))
			check = append(check, expectLine(fmt.Sprintf("step %d impute: the columns that get a missing-value indicator", s.info.Index),
				got, "["+strings.Join(withInd, ", ")+"]"))
		}
	}
	note := fmt.Sprintf("Modelbench learnt the fills (%s): %s.", x.Strategy, strings.Join(learnt, ", "))
	if indicator {
		note += " NAME_missing columns (scikit-learn's missing indicators) follow the columns that had missing values."
	}
	return s.stepCall(s.header(note), parts, made, check), nil
}

func (s *stepCtx) scale(x *prep.ScaleExport) (string, error) {
	var cols []string
	var centre, spread []float64
	for _, c := range x.Columns {
		cols = append(cols, c.Name)
		centre, spread = append(centre, c.Center), append(spread, c.Scale)
	}
	if err := s.touches(cols); err != nil {
		return "", err
	}
	if len(cols) == 0 {
		return s.nothing(), nil
	}
	var t, learntC, learntS, what string
	switch x.Method {
	case "standard":
		t, learntC, learntS, what = "StandardScaler()", "step.fitted(\"scale\").mean_", "step.fitted(\"scale\").scale_", "mean and standard deviation"
	case "minmax":
		t, learntC, learntS, what = "MinMaxScaler()", "step.fitted(\"scale\").data_min_", "1 / step.fitted(\"scale\").scale_", "minimum and range"
	case "robust":
		t, learntC, learntS, what = "RobustScaler()", "step.fitted(\"scale\").center_", "step.fitted(\"scale\").scale_", "median and interquartile range"
	default:
		return "", s.unsupported("unknown scaling method %q", x.Method)
	}
	check := []string{
		expectLine(fmt.Sprintf("step %d scale: the centres (%s)", s.info.Index, strings.SplitN(what, " and ", 2)[0]), learntC, pyFloats(centre, "        ")),
		expectLine(fmt.Sprintf("step %d scale: the spreads (%s)", s.info.Index, strings.SplitN(what, " and ", 2)[1]), learntS, pyFloats(spread, "        ")),
	}
	note := fmt.Sprintf("Modelbench learnt the %s of each column (a constant column keeps scale 1, as in scikit-learn).", what)
	return s.stepCall(s.header(note), []part{{"scale", t, cols}}, cols, check), nil
}

func (s *stepCtx) log1p(x *prep.Log1pExport) (string, error) {
	if err := s.touches(x.Columns); err != nil {
		return "", err
	}
	if len(x.Columns) == 0 {
		return s.nothing(), nil
	}
	s.p.need("log1p")
	t := `FunctionTransformer(log1p_or_missing, feature_names_out="one-to-one")`
	return s.stepCall(s.header(""), []part{{"log1p", t, x.Columns}}, x.Columns, nil), nil
}

func (s *stepCtx) yeoJohnson(x *prep.YeoJohnsonExport) (string, error) {
	var cols []string
	lambdas := map[string]string{}
	var means, scales []float64
	for _, c := range x.Columns {
		cols = append(cols, c.Name)
		lambdas[c.Name] = pyFloat(c.Lambda)
		means, scales = append(means, c.Mean), append(scales, c.Scale)
	}
	if err := s.touches(cols); err != nil {
		return "", err
	}
	if len(cols) == 0 {
		return s.nothing(), nil
	}
	s.p.need("yeo_johnson")
	t := fmt.Sprintf("YeoJohnson(standardize=%s, recorded=%s)", pyBool(x.Standardize), pyStrMap(lambdas, "         "))
	var check []string
	if x.Standardize {
		check = []string{
			expectLine(fmt.Sprintf("step %d yeo_johnson: the means after the transformation", s.info.Index), "step.fitted(\"yeo_johnson\").scaler_.mean_", pyFloats(means, "        ")),
			expectLine(fmt.Sprintf("step %d yeo_johnson: the standard deviations after the transformation", s.info.Index), "step.fitted(\"yeo_johnson\").scaler_.scale_", pyFloats(scales, "        ")),
		}
	}
	return s.stepCall(s.header("Modelbench learnt a power (λ) for each column; the transformer checks scikit-learn's against it."), []part{{"yeo_johnson", t, cols}}, cols, check), nil
}

func (s *stepCtx) clip(x *prep.ClipExport) (string, error) {
	var cols []string
	var check []string
	for _, c := range x.Columns {
		cols = append(cols, c.Name)
		check = append(check, expectLine(fmt.Sprintf("step %d clip: the limits of %s", s.info.Index, c.Name),
			fmt.Sprintf("step.fitted(\"clip\").limits_[%s]", pyStr(c.Name)), pyFloats([]float64{c.Lower, c.Upper}, "")))
	}
	if err := s.touches(cols); err != nil {
		return "", err
	}
	if len(cols) == 0 {
		return s.nothing(), nil
	}
	s.p.need("clip")
	lo, hi := s.params.Float("lower_quantile"), s.params.Float("upper_quantile")
	t := fmt.Sprintf("Clip(lower=%s, upper=%s)", pyFloat(lo), pyFloat(hi))
	note := fmt.Sprintf("Modelbench learnt the %g and %g quantiles of each column as its limits; scikit-learn has no clipping transformer, so a small one is written out.", lo, hi)
	return s.stepCall(s.header(note), []part{{"clip", t, cols}}, cols, check), nil
}

func (s *stepCtx) bin(x *prep.BinExport) (string, error) {
	var cols, made, check []string
	for _, c := range x.Columns {
		cols = append(cols, c.Name)
		made = append(made, c.Outputs...)
		check = append(check, expectLine(fmt.Sprintf("step %d bin: the bin edges of %s", s.info.Index, c.Name),
			fmt.Sprintf("step.fitted(\"bin\").bins_[%s].bin_edges_[0]", pyStr(c.Name)), pyFloats(c.Edges, "        ")))
	}
	if err := s.touches(cols); err != nil {
		return "", err
	}
	if len(cols) == 0 {
		return s.nothing(), nil
	}
	s.p.need("bins")
	t := fmt.Sprintf("BinsKeepingMissing(n_bins=%d, strategy=%s, encode=%s)", s.params.Int("n_bins"), pyStr(s.params.String("strategy")), pyStr(x.Encode))
	return s.stepCall(s.header("Modelbench learnt the bin edges of each column."), []part{{"bin", t, cols}}, made, check), nil
}
