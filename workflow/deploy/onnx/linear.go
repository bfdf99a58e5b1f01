package onnx

import (
	"fmt"

	"modelbench/workflow/model/bayes"
	"modelbench/workflow/model/linear"
)

// Linear and logistic regression and naive Bayes: their scores are sums
// that Modelbench adds in a fixed order, and the graph adds them in the
// same order with Mul and Add (not MatMul, whose order ONNX leaves to the
// runtime), so the scores agree bit for bit.

// planLinear writes score_k = b_k + w_k0·x_0 + w_k1·x_1 + ... (features in
// order; a feature whose weights are all 0 adds nothing in Modelbench and
// is left out), then the link: the score itself (regression), class 1 when
// the log-odds are above 0 with the sigmoid for probabilities (binary), or
// the first largest score with the softmax (multinomial).
func planLinear(m *linear.Fitted, bad func(string, ...any) error) (plannedModel, error) {
	_, w, b := m.Coefficients()
	p := len(m.Features())
	for _, wk := range w {
		if len(wk) != p {
			return plannedModel{}, bad("%d weights for %d features", len(wk), p)
		}
	}
	k := len(b)
	switch m.Link() {
	case linear.Identity, linear.Logit:
		if k != 1 {
			return plannedModel{}, bad("link %s with %d outputs", m.Link(), k)
		}
	case linear.Softmax:
		if k != len(m.Classes()) {
			return plannedModel{}, bad("%d outputs for %d classes", k, len(m.Classes()))
		}
	default:
		return plannedModel{}, bad("the link %q is unknown to the exporter", m.Link())
	}
	how := fmt.Sprintf("the linear scores by Mul and Add, feature by feature (%d outputs)", k)
	notes := []string{"Linear models refuse rows with missing or infinite prepared values in Modelbench; the graph gives them NaN scores and probabilities instead, and an arbitrary label."}
	switch m.Link() {
	case linear.Logit:
		how += "; class 1 where the log-odds are above 0; probabilities by the sigmoid (Exp, Add, Div)"
		notes = append(notes, "Probabilities go through exp, which ONNX Runtime may compute in the last bit differently from Go; they agree to about 1e-15.")
	case linear.Softmax:
		how += "; the first largest score (ArgMax); probabilities by the softmax (ReduceMax, Exp, ReduceSum, Div)"
		notes = append(notes, "Probabilities go through exp, which ONNX Runtime may compute in the last bit differently from Go; they agree to about 1e-15.")
	}
	link := m.Link()
	return plannedModel{how: how, notes: notes, emit: func(g *graph, x []string) modelResult {
		s := g.linearScores(x, w, b)
		switch link {
		case linear.Identity:
			return modelResult{value: s}
		case linear.Logit:
			idx := g.op("Reshape", []string{g.toInt64(g.greater(s, g.scalar(0))), g.int64s([]int64{1}, -1)})
			return modelResult{index: idx, proba: g.sigmoidPair(g.sigmoid(s))}
		}
		return modelResult{index: g.argmax(s), proba: g.softmax(s)}
	}}, nil
}

// linearScores adds b + w[.][j]·x_j over the features in order, all
// outputs at once: [N, len(b)].
func (g *graph) linearScores(x []string, w [][]float64, b []float64) string {
	s := ""
	for j := range x {
		col := make([]float64, len(b))
		used := false
		for k := range b {
			col[k] = w[k][j]
			used = used || col[k] != 0
		}
		if !used && !(j == len(x)-1 && s == "") {
			continue
		}
		term := g.mul(x[j], g.row(col))
		if s == "" {
			s = g.add(g.row(b), term)
		} else {
			s = g.add(s, term)
		}
	}
	return s
}

// sigmoid is linear's sigmoid: 1/(1+e^-z) for z >= 0, e^z/(1+e^z) below.
func (g *graph) sigmoid(z string) string {
	e := g.exp(g.neg(g.abs(z)))
	one := g.scalar(1)
	den := g.add(one, e)
	return g.where(g.greaterEq(z, g.scalar(0)), g.div(one, den), g.div(e, den))
}

// planBayes writes the joint log-likelihood as the model adds it: the log
// prior, then per Gaussian feature logNorm - (x - mean)²·inv2var, then per
// categorical feature the Gathered log probability of the code; the first
// largest (ArgMax) and the softmax.
func planBayes(p bayes.Parameters, bad func(string, ...any) error) (plannedModel, error) {
	k := len(p.Classes)
	if k < 2 || len(p.LogPrior) != k {
		return plannedModel{}, bad("%d log priors for %d classes", len(p.LogPrior), k)
	}
	for _, gf := range p.Gaussian {
		if len(gf.Mean) != k || len(gf.LogNorm) != k || len(gf.Inv2Var) != k || gf.Feature < 0 || gf.Feature >= len(p.Features) {
			return plannedModel{}, bad("a Gaussian feature's statistics do not match the classes")
		}
	}
	for _, cf := range p.Categorical {
		if len(cf.LogProb) != k || len(cf.LogUnseen) != k || cf.Feature < 0 || cf.Feature >= len(p.Features) {
			return plannedModel{}, bad("a categorical feature's table does not match the classes")
		}
	}
	how := fmt.Sprintf("the joint log-likelihood of %d classes by Sub, Mul and Add (%d Gaussian features) and Gather (%d categorical features); ArgMax and the softmax", k, len(p.Gaussian), len(p.Categorical))
	notes := []string{
		"Naive Bayes refuses rows with missing or infinite prepared values (and categorical codes that are not whole numbers >= 0) in Modelbench; the graph gives them NaN or arbitrary results instead.",
		"Probabilities go through exp, which ONNX Runtime may compute in the last bit differently from Go; they agree to about 1e-15.",
	}
	return plannedModel{how: how, notes: notes, emit: func(g *graph, x []string) modelResult {
		s := g.fillRow(x[0], p.LogPrior)
		for _, gf := range p.Gaussian {
			dv := g.sub(x[gf.Feature], g.row(gf.Mean))
			s = g.add(s, g.sub(g.row(gf.LogNorm), g.mul(g.mul(dv, dv), g.row(gf.Inv2Var))))
		}
		for _, cf := range p.Categorical {
			codes := 0
			for _, lp := range cf.LogProb {
				codes = max(codes, len(lp))
			}
			table := make([]float64, 0, (codes+1)*k)
			for v := 0; v <= codes; v++ {
				for c := 0; c < k; c++ {
					if v < len(cf.LogProb[c]) {
						table = append(table, cf.LogProb[c][v])
					} else {
						table = append(table, cf.LogUnseen[c])
					}
				}
			}
			idx := g.toInt64(g.op("Min", []string{x[cf.Feature], g.scalar(float64(codes))}))
			idx = g.op("Reshape", []string{idx, g.int64s([]int64{1}, -1)})
			s = g.add(s, g.op("Gather", []string{g.doubles([]int64{int64(codes + 1), int64(k)}, table...), idx}, aInt("axis", 0)))
		}
		return modelResult{index: g.argmax(s), proba: g.softmax(s)}
	}}, nil
}

// fillRow is an [N, len(v)] double tensor holding v on every row of x.
func (g *graph) fillRow(x string, v []float64) string {
	return g.add(g.fill(x, 0), g.row(v))
}
