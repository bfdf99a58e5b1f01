package pmml_test

import (
	"fmt"
	"math"
)

// xResult is a model's result: a value (regression) or a class with the
// probability of each class.
type xResult struct {
	missing bool
	value   float64
	label   string
	proba   map[string]float64
}

// xEvaluator scores records with one PMML document.
type xEvaluator struct {
	doc   *xDoc
	model *xModel
	// categories are the target's classes in the DataDictionary's order.
	categories []string
	target     string
}

func newEvaluator(b []byte) (*xEvaluator, error) {
	d, err := parseDoc(b)
	if err != nil {
		return nil, err
	}
	m, err := d.top()
	if err != nil {
		return nil, err
	}
	ev := &xEvaluator{doc: d, model: m}
	for _, mf := range m.Schema {
		if mf.Usage == "target" || mf.Usage == "predicted" {
			ev.target = mf.Name
		}
	}
	for _, df := range d.Data {
		if df.Name == ev.target {
			for _, v := range df.Values {
				ev.categories = append(ev.categories, v.Value)
			}
		}
	}
	return ev, nil
}

// score evaluates one record, given as the text of each input (absent
// from the map: missing), and returns the Output fields' values.
func (ev *xEvaluator) score(record map[string]string) (map[string]xVal, error) {
	ctx := newCtx(nil)
	mining := map[string]xMiningField{}
	for _, mf := range ev.model.Schema {
		mining[mf.Name] = mf
	}
	for _, df := range ev.doc.Data {
		ctx.types[df.Name] = df.DataType
		if df.Name == ev.target {
			continue
		}
		mf, active := mining[df.Name]
		if !active {
			continue // not a model input
		}
		v, err := readInput(df, mf, record)
		if err != nil {
			return nil, err
		}
		ctx.vals[df.Name] = v
	}
	ctx.declare(ev.doc.Derived)
	res, out, err := ev.evalModel(ev.model, ctx)
	if err != nil {
		return nil, err
	}
	_ = out
	return outputs(ev.model, res)
}

// readInput applies the DataField's validity and the MiningField's
// invalid- and missing-value treatments to one raw input.
func readInput(df xDataField, mf xMiningField, record map[string]string) (xVal, error) {
	s, present := record[df.Name]
	v := missing
	if present {
		for _, val := range df.Values {
			if val.Value == s && val.Property == "missing" {
				present = false
			}
		}
	}
	if present {
		valid := true
		parsed, err := parseAs(df.DataType, s)
		if err != nil {
			valid = false
		}
		if valid && df.Optype != "continuous" && len(df.Values) > 0 {
			valid = false
			for _, val := range df.Values {
				if val.Value == s && (val.Property == "" || val.Property == "valid") {
					valid = true
				}
			}
		}
		switch {
		case valid:
			v = parsed
		case mf.Invalid == "asIs" && err == nil:
			v = parsed
		case mf.Invalid == "asMissing":
			v = missing
		case mf.Invalid == "" || mf.Invalid == "returnInvalid":
			return missing, fmt.Errorf("input %q: invalid value %q", df.Name, s)
		default:
			return missing, fmt.Errorf("input %q: invalidValueTreatment %q with an unreadable value %q", df.Name, mf.Invalid, s)
		}
	}
	if v.isMissing() && mf.Replacement != nil {
		return parseAs(df.DataType, *mf.Replacement)
	}
	return v, nil
}

// evalModel evaluates a model in a context (its LocalTransformations in
// a scope of their own) and returns its result and the values of its
// Output fields.
func (ev *xEvaluator) evalModel(m *xModel, parent *xCtx) (xResult, map[string]xVal, error) {
	ctx := parent
	if len(m.Local) > 0 {
		ctx = newCtx(parent)
		ctx.declare(m.Local)
	}
	var res xResult
	var err error
	switch m.XMLName.Local {
	case "TreeModel":
		res, err = ev.tree(m, ctx)
	case "MiningModel":
		res, err = ev.mining(m, ctx)
	case "RegressionModel":
		res, err = ev.regression(m, ctx)
	default:
		err = fmt.Errorf("model %s is not known to the evaluator", m.XMLName.Local)
	}
	if err != nil {
		return res, nil, err
	}
	out, err := outputs(m, res)
	return res, out, err
}

// outputs computes a model's Output fields.
func outputs(m *xModel, res xResult) (map[string]xVal, error) {
	out := map[string]xVal{}
	for _, of := range m.Output {
		switch {
		case res.missing:
			out[of.Name] = missing
		case of.Feature == "" || of.Feature == "predictedValue":
			if m.Function == "classification" {
				out[of.Name] = strVal(res.label)
			} else {
				out[of.Name] = numVal(res.value)
			}
		case of.Feature == "probability":
			p, ok := res.proba[of.Value]
			if !ok {
				return nil, fmt.Errorf("no probability of %q", of.Value)
			}
			out[of.Name] = numVal(p)
		default:
			return nil, fmt.Errorf("output feature %q is not known to the evaluator", of.Feature)
		}
	}
	return out, nil
}

// tree walks a TreeModel (binary and multi-way splits, missing value
// strategies defaultChild and none, the noTrueChild strategies).
func (ev *xEvaluator) tree(m *xModel, ctx *xCtx) (xResult, error) {
	if m.Node == nil {
		return xResult{}, fmt.Errorf("TreeModel without a root")
	}
	n := m.Node
	ok, unknown, err := ev.predicate(n, ctx)
	if err != nil {
		return xResult{}, err
	}
	if !ok || unknown {
		return xResult{missing: true}, nil
	}
	for len(n.Nodes) > 0 {
		var next *xNode
		for i := range n.Nodes {
			ch := &n.Nodes[i]
			t, unknown, err := ev.predicate(ch, ctx)
			if err != nil {
				return xResult{}, err
			}
			if unknown {
				switch m.Missing {
				case "defaultChild":
					for j := range n.Nodes {
						if n.Nodes[j].ID == n.DefaultChild {
							next = &n.Nodes[j]
						}
					}
					if next == nil {
						return xResult{}, fmt.Errorf("node %q: no child is its defaultChild %q", n.ID, n.DefaultChild)
					}
				case "none", "":
					continue // an unknown predicate is false
				default:
					return xResult{}, fmt.Errorf("missingValueStrategy %q is not known to the evaluator", m.Missing)
				}
				break
			}
			if t {
				next = ch
				break
			}
		}
		if next == nil {
			if m.NoTrue == "returnLastPrediction" {
				break
			}
			return xResult{missing: true}, nil
		}
		n = next
	}
	return ev.nodeResult(m, n)
}

// predicate evaluates a node's predicate: true/false, or unknown when a
// field it compares is missing.
func (ev *xEvaluator) predicate(n *xNode, ctx *xCtx) (bool, bool, error) {
	switch {
	case n.True != nil:
		return true, false, nil
	case n.False != nil:
		return false, false, nil
	case n.Simple != nil:
		p := n.Simple
		v, err := ctx.get(p.Field)
		if err != nil {
			return false, false, err
		}
		switch p.Operator {
		case "isMissing":
			return v.isMissing(), false, nil
		case "isNotMissing":
			return !v.isMissing(), false, nil
		}
		if v.isMissing() {
			return false, true, nil
		}
		if p.parsed == nil {
			want, err := parseAs(ctx.typeOf(p.Field), p.Value)
			if err != nil {
				return false, false, err
			}
			p.parsed = &want
		}
		r, err := compare(v, *p.parsed)
		if err != nil {
			return false, false, err
		}
		res, ok := map[string]bool{"equal": r == 0, "notEqual": r != 0, "lessThan": r < 0, "lessOrEqual": r <= 0,
			"greaterThan": r > 0, "greaterOrEqual": r >= 0}[p.Operator]
		if !ok {
			return false, false, fmt.Errorf("operator %q is not known to the evaluator", p.Operator)
		}
		return res, false, nil
	}
	return false, false, fmt.Errorf("node %q: a predicate the evaluator does not know", n.ID)
}

// nodeResult is the score of the node reached: its probabilities from the
// ScoreDistribution (probability, else the record counts' shares).
func (ev *xEvaluator) nodeResult(m *xModel, n *xNode) (xResult, error) {
	if n.Score == nil {
		return xResult{missing: true}, nil
	}
	if m.Function != "classification" {
		v, err := parseDouble(*n.Score)
		return xResult{value: v}, err
	}
	res := xResult{label: *n.Score, proba: map[string]float64{}}
	total := 0.0
	for _, d := range n.Dist {
		total += d.RecordCount
	}
	for _, d := range n.Dist {
		if d.Probability != nil {
			res.proba[d.Value] = *d.Probability
		} else {
			res.proba[d.Value] = d.RecordCount / total
		}
	}
	return res, nil
}

// mining evaluates a Segmentation: average, sum and modelChain.
func (ev *xEvaluator) mining(m *xModel, ctx *xCtx) (xResult, error) {
	if m.Seg == nil {
		return xResult{}, fmt.Errorf("MiningModel without a Segmentation")
	}
	var results []xResult
	var last xResult
	chain := ctx
	if m.Seg.Method == "modelChain" {
		chain = newCtx(ctx)
	}
	for i := range m.Seg.Segments {
		s := &m.Seg.Segments[i]
		if s.True == nil {
			return xResult{}, fmt.Errorf("segment %q: only True predicates are known to the evaluator", s.ID)
		}
		sm, err := s.model()
		if err != nil {
			return xResult{}, err
		}
		res, out, err := ev.evalModel(sm, chain)
		if err != nil {
			return xResult{}, fmt.Errorf("segment %q: %w", s.ID, err)
		}
		if m.Seg.Method == "modelChain" {
			for k, v := range out {
				chain.vals[k] = v
			}
		}
		results = append(results, res)
		last = res
	}
	switch m.Seg.Method {
	case "modelChain":
		return last, nil
	case "sum", "average":
		if m.Function == "classification" {
			if m.Seg.Method != "average" {
				return xResult{}, fmt.Errorf("sum of classifiers")
			}
			return ev.averageProba(results)
		}
		sum := 0.0
		for _, r := range results {
			if r.missing {
				return xResult{missing: true}, nil
			}
			sum += r.value
		}
		if m.Seg.Method == "average" {
			sum /= float64(len(results))
		}
		return xResult{value: sum}, nil
	}
	return xResult{}, fmt.Errorf("multipleModelMethod %q is not known to the evaluator", m.Seg.Method)
}

// averageProba averages the segments' class probabilities; the class is
// the most probable (the first of the target's categories on ties).
func (ev *xEvaluator) averageProba(results []xResult) (xResult, error) {
	res := xResult{proba: map[string]float64{}}
	for _, c := range ev.categories {
		sum := 0.0
		for _, r := range results {
			if r.missing {
				return xResult{missing: true}, nil
			}
			sum += r.proba[c]
		}
		res.proba[c] = sum / float64(len(results))
	}
	res.label = ev.argmax(res.proba)
	return res, nil
}

func (ev *xEvaluator) argmax(p map[string]float64) string {
	best := ""
	for _, c := range ev.categories {
		if best == "" || p[c] > p[best] {
			best = c
		}
	}
	return best
}

// regression evaluates a RegressionModel: y = intercept + Σ c·x^e per
// table, then the normalization (none, logit for two categories, softmax).
func (ev *xEvaluator) regression(m *xModel, ctx *xCtx) (xResult, error) {
	ys := make([]float64, len(m.Tables))
	for i, t := range m.Tables {
		if len(t.Categ) > 0 || len(t.Terms) > 0 {
			return xResult{}, fmt.Errorf("categorical predictors and terms are not known to the evaluator")
		}
		y, err := parseDouble(t.Intercept)
		if err != nil {
			return xResult{}, err
		}
		for _, p := range t.Numeric {
			v, err := ctx.get(p.Name)
			if err != nil {
				return xResult{}, err
			}
			if v.isMissing() {
				return xResult{missing: true}, nil
			}
			x, err := v.number()
			if err != nil {
				return xResult{}, err
			}
			c, err := parseDouble(p.Coefficient)
			if err != nil {
				return xResult{}, err
			}
			e := 1
			if p.Exponent != nil {
				e = *p.Exponent
			}
			y += c * math.Pow(x, float64(e))
		}
		ys[i] = y
	}
	if m.Function != "classification" {
		if len(ys) != 1 || (m.Norm != "" && m.Norm != "none") {
			return xResult{}, fmt.Errorf("regression with %d tables and normalization %q", len(ys), m.Norm)
		}
		return xResult{value: ys[0]}, nil
	}
	res := xResult{proba: map[string]float64{}}
	switch {
	case m.Norm == "logit" && len(ys) == 2:
		p := 1 / (1 + math.Exp(-ys[0]))
		res.proba[m.Tables[0].Category] = p
		res.proba[m.Tables[1].Category] = 1 - p
	case m.Norm == "softmax":
		// exp(y_j) / Σ exp(y_k), computed with the largest y subtracted
		// first (the same quotient, without overflow).
		mx := math.Inf(-1)
		for _, y := range ys {
			mx = math.Max(mx, y)
		}
		sum := 0.0
		e := make([]float64, len(ys))
		for i, y := range ys {
			e[i] = math.Exp(y - mx)
			sum += e[i]
		}
		for i, t := range m.Tables {
			res.proba[t.Category] = e[i] / sum
		}
	default:
		return xResult{}, fmt.Errorf("normalizationMethod %q with %d tables is not known to the evaluator", m.Norm, len(ys))
	}
	res.label = ev.argmax(res.proba)
	return res, nil
}
