package tree

import (
	"context"
	"math"
	"reflect"
	"testing"

	"modelbench/workflow/model"
	"modelbench/workflow/model/modeltest"
)

// walkEnsemble evaluates a model.TreeEnsemble on row i of X following its
// documented contract alone, as an exporter would: the probabilities (nil
// for regression) and the prediction.
func walkEnsemble(e model.TreeEnsemble, X [][]float64, i int) ([]float64, float64) {
	score := make([]float64, e.Outputs)
	if e.Combine == model.TreeSum {
		copy(score, e.Base)
	}
	for _, tr := range e.Trees {
		n := tr.Nodes[0]
		for !n.IsLeaf() {
			v := X[n.Feature][i]
			next := n.Right
			if v <= n.Threshold || (math.IsNaN(v) && n.MissingLeft) {
				next = n.Left
			}
			n = tr.Nodes[next]
		}
		if e.Combine == model.TreeSum {
			score[tr.Output] += n.Value[0]
		} else {
			for k := range score {
				score[k] += n.Value[k]
			}
		}
	}
	if e.Combine == model.TreeAverage {
		inv := 1 / float64(len(e.Trees))
		for k := range score {
			score[k] *= inv
		}
	}
	if e.Task == model.Regression {
		return nil, score[0]
	}
	var p []float64
	switch e.Link {
	case model.LinkIdentity:
		p = score
	case model.LinkSigmoid:
		q := 1 / (1 + math.Exp(-score[0]))
		p = []float64{1 - q, q}
	case model.LinkSoftmax:
		m := math.Inf(-1)
		for _, s := range score {
			m = math.Max(m, s)
		}
		p = make([]float64, len(score))
		sum := 0.0
		for c, s := range score {
			p[c] = math.Exp(s - m)
			sum += p[c]
		}
		for c := range p {
			p[c] /= sum
		}
	}
	best := 0
	for c := range p {
		if p[c] > p[best] {
			best = c
		}
	}
	return p, float64(best)
}

// TestTreeEnsemble_WalkerReproducesPredictions evaluates the TreeEnsemble
// of every tree kind with walkEnsemble on real datasets, classification
// (two and three classes) and regression, with missing values, and
// compares with Predict and PredictProba bit for bit; the view of the
// saved and loaded model is the same.
func TestTreeEnsemble_WalkerReproducesPredictions(t *testing.T) {
	cases := nanCases(t)
	for _, task := range []model.Task{model.Classification, model.Regression} {
		for _, c := range modeltest.Datasets(task) {
			cases = append(cases, nanCase{c.Name, c.Data})
		}
	}
	for _, c := range cases {
		for name, l := range treeLearners() {
			m, err := l.Fit(context.Background(), c.d, nil)
			if err != nil {
				t.Fatalf("%s %s: %v", c.name, name, err)
			}
			e := m.(model.TreeEnsembler).TreeEnsemble()
			checkEnsembleShape(t, c.name+" "+name, e, m)
			pred, _ := m.Predict(c.d.X)
			var proba [][]float64
			if m.Task() == model.Classification {
				proba, _ = m.(model.ProbPredictor).PredictProba(c.d.X)
			}
			for i := range pred {
				p, y := walkEnsemble(e, c.d.X, i)
				if math.Float64bits(y) != math.Float64bits(pred[i]) || (proba != nil && !sameFloats(p, proba[i])) {
					t.Fatalf("%s %s row %d: the walker gives %v %v, the model %v %v", c.name, name, i+1, y, p, pred[i], proba)
				}
			}
			b, _ := model.Marshal(m)
			back, err := model.Unmarshal(b)
			if err != nil || !reflect.DeepEqual(back.(model.TreeEnsembler).TreeEnsemble(), e) {
				t.Errorf("%s %s: the loaded model shows another ensemble (%v)", c.name, name, err)
			}
		}
	}
}

// checkEnsembleShape checks the documented invariants of e for m.
func checkEnsembleShape(t *testing.T, what string, e model.TreeEnsemble, m model.Model) {
	t.Helper()
	width := e.Outputs
	if e.Combine == model.TreeSum {
		width = 1
		if len(e.Base) != e.Outputs {
			t.Errorf("%s: %d base scores for %d outputs", what, len(e.Base), e.Outputs)
		}
	}
	if e.Task != m.Task() || e.Features != len(m.Features()) || !reflect.DeepEqual(e.Classes, m.Classes()) || len(e.Trees) == 0 {
		t.Errorf("%s: ensemble %v/%d/%v with %d trees for a %v model of %d features", what, e.Task, e.Features, e.Classes, len(e.Trees), m.Task(), len(m.Features()))
	}
	for ti, tr := range e.Trees {
		if tr.Output < 0 || tr.Output >= e.Outputs {
			t.Errorf("%s tree %d: output %d", what, ti, tr.Output)
		}
		for i, n := range tr.Nodes {
			if len(n.Value) != width || (!n.IsLeaf() && (n.Left <= i || n.Right <= i || n.Feature >= e.Features)) ||
				(n.IsLeaf() && (n.Left != -1 || n.Right != -1 || n.Threshold != 0 || n.MissingLeft)) {
				t.Fatalf("%s tree %d node %d: %+v", what, ti, i, n)
			}
		}
	}
}
