package linear

import (
	"context"
	"math"
	"sort"
	"strings"
	"testing"

	"modelbench/workflow/model"
	"modelbench/workflow/model/modeltest"
	"modelbench/workflow/param"
)

// The reference is scikit-learn 1.2.1 (LinearRegression, Ridge(alpha=1),
// Lasso(alpha=0.1), ElasticNet(alpha=0.1, l1_ratio=0.5),
// LogisticRegression(C=1) with lbfgs and with saga for L1) on the prepared
// splits written by ../testdata/make_reference.py (command in its header).
const qualityDir = "../testdata/quality"

var qualityParams = map[string]struct {
	name string
	v    param.Values
}{
	"linear_none":       {"linear", param.Values{"penalty": "none"}},
	"linear_l2":         {"linear", param.Values{"penalty": "l2", "alpha": 1.0}},
	"linear_l1":         {"linear", param.Values{"penalty": "l1", "alpha": 0.1, "max_iter": 10000}},
	"linear_elasticnet": {"linear", param.Values{"penalty": "elasticnet", "alpha": 0.1, "l1_ratio": 0.5, "max_iter": 10000}},
	"logistic_l2":       {"logistic", param.Values{"penalty": "l2", "C": 1.0, "max_iter": 1000}},
	"logistic_l1":       {"logistic", param.Values{"penalty": "l1", "C": 1.0, "max_iter": 1000}},
}

func TestQuality_AgainstScikitLearn(t *testing.T) {
	ref, err := modeltest.LoadReference(qualityDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range ref.Names() {
		ds := ref.Datasets[name]
		t.Run(name, func(t *testing.T) {
			train, test, err := modeltest.LoadSplit(qualityDir, name, ds.ModelTask(), ds.Classes)
			if err != nil {
				t.Fatal(err)
			}
			for key := range ds.TestScore {
				qp, ok := qualityParams[key]
				if !ok {
					continue
				}
				l, err := model.New(qp.name, ds.ModelTask(), qp.v)
				if err != nil {
					t.Fatal(err)
				}
				m, err := l.Fit(context.Background(), train, nil)
				if err != nil {
					t.Fatalf("%s: %v", key, err)
				}
				s, err := modeltest.Score(m, test)
				if err != nil {
					t.Fatal(err)
				}
				modeltest.CheckScore(t, ds, key, s)
			}
		})
	}
}

// TestCoefficients_MatchScikitLearn compares weights with scikit-learn's
// (fitted to tight tolerances by make_reference.py): direct solves to 1e-8
// relative, iterative ones looser. For logistic regression it also checks
// that our weights reach scikit-learn's objective value (to 1e-6
// relative); for multinomial L1, whose optimum is not unique, that is the
// only check.
func TestCoefficients_MatchScikitLearn(t *testing.T) {
	ref, err := modeltest.LoadReference(qualityDir)
	if err != nil {
		t.Fatal(err)
	}
	tols := map[string]float64{"linear_none": 1e-8, "linear_l2": 1e-8, "linear_l1": 1e-6, "linear_elasticnet": 1e-6, "logistic_l2": 2e-3, "logistic_l1": 2e-2}
	keys := make([]string, 0, len(ref.Coefficients))
	for k := range ref.Coefficients {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) == 0 {
		t.Fatal("the reference has no coefficients")
	}
	for _, k := range keys {
		name, key, _ := strings.Cut(k, "/")
		ds, want := ref.Datasets[name], ref.Coefficients[k]
		train, _, err := modeltest.LoadSplit(qualityDir, name, ds.ModelTask(), ds.Classes)
		if err != nil {
			t.Fatal(err)
		}
		qp := qualityParams[key]
		v := param.Values{"tol": 1e-10, "max_iter": 100000}
		for n, x := range qp.v {
			if n != "max_iter" {
				v[n] = x
			}
		}
		l, err := model.New(qp.name, ds.ModelTask(), v)
		if err != nil {
			t.Fatal(err)
		}
		m, err := l.Fit(context.Background(), train, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, w, b := m.(*Fitted).Coefficients()
		if qp.name == "logistic" {
			ours := logisticObjective(train, w, b, 1, qp.v.String("penalty"))
			theirs := logisticObjective(train, want.Coef, want.Intercept, 1, qp.v.String("penalty"))
			if ours > theirs*(1+1e-6) {
				t.Errorf("%s: objective %.10g, scikit-learn's weights reach %.10g", k, ours, theirs)
			} else {
				t.Logf("%s: objective %.10g, scikit-learn's %.10g (%d iterations)", k, ours, theirs, m.(*Fitted).Info().Iterations)
			}
		}
		if key == "logistic_l1" && len(w) > 1 {
			continue // multinomial L1 optima are not unique: the objective is the test
		}
		compareCoef(t, k, w, b, want, tols[key])
	}
}

func compareCoef(t *testing.T, k string, w [][]float64, b []float64, want modeltest.RefCoef, tol float64) {
	t.Helper()
	if len(w) != len(want.Coef) {
		t.Fatalf("%s: %d outputs, scikit-learn %d", k, len(w), len(want.Coef))
	}
	scale := 0.0
	for _, row := range want.Coef {
		for _, v := range row {
			scale = math.Max(scale, math.Abs(v))
		}
	}
	worst := 0.0
	for o := range w {
		for j := range w[o] {
			worst = math.Max(worst, math.Abs(w[o][j]-want.Coef[o][j]))
		}
		worst = math.Max(worst, math.Abs(b[o]-want.Intercept[o]))
	}
	if worst > tol*math.Max(1, scale) {
		t.Errorf("%s: largest weight difference %.3g (scale %.3g, tolerance %.1g)", k, worst, scale, tol)
	} else {
		t.Logf("%s: largest weight difference %.3g (scale %.3g)", k, worst, scale)
	}
}
