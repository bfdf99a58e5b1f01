package eval

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"testing"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/model/linear"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// inspectFixture is testdata/inspect.json, written by
// testdata/make_inspect_fixtures.py with scikit-learn 1.2.1:
//
//	cd workflow/eval/testdata && /usr/bin/python3 make_inspect_fixtures.py > inspect.json
type inspectFixture struct {
	ICERows []int `json:"ice_rows"`
	Reg     struct {
		PD           []pdCase      `json:"pd"`
		MQuantilesX0 []float64     `json:"mquantiles_x0"`
		Importance   importanceRef `json:"importance"`
	} `json:"reg"`
	Clf struct {
		PD         []pdCase      `json:"pd"`
		Importance importanceRef `json:"importance"`
	} `json:"clf"`
}

type pdCase struct {
	Feature    string        `json:"feature"`
	Values     []any         `json:"values"`
	Average    [][]float64   `json:"average"`
	Individual [][][]float64 `json:"individual"`
}

type importanceRef struct {
	Columns []string  `json:"columns"`
	Mean    []float64 `json:"mean"`
	Std     []float64 `json:"std"`
	Repeats int       `json:"repeats"`
}

func loadInspect(t *testing.T) inspectFixture {
	t.Helper()
	b, err := os.ReadFile("testdata/inspect.json")
	if err != nil {
		t.Fatal(err)
	}
	var f inspectFixture
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

var oneHotFirst = prep.NewPipeline(prep.Configure("one_hot", param.Values{"columns": []string{"x3"}, "drop": "first"}, ""))

func trainInspect(t *testing.T, file string, task model.Task, l model.Learner) (*artifact.Artifact, *inspectFrame) {
	t.Helper()
	f := loadFrame(t, file)
	return fitLearner(t, f, "y", task, oneHotFirst, l), &inspectFrame{f}
}

// fitLearner fits pipe and then l on the rows of f that have a target.
func fitLearner(t *testing.T, f *data.Frame, target string, task model.Task, pipe prep.Pipeline, l model.Learner) *artifact.Artifact {
	t.Helper()
	p, err := artifact.Prepare(context.Background(), f, nil, artifact.Spec{Target: target, Task: task, Pipeline: pipe}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := p.Fit(context.Background(), l, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

type inspectFrame struct{ *data.Frame }

// TestPartialDependence_MatchesScikitLearn compares the grid, the average
// and the ICE lines with sklearn.inspection.partial_dependence
// (kind="both", grid_resolution=20) for a numeric column, a column with
// few distinct values and a category; regression to 1e-9, logistic
// regression (other optimiser) to 1e-4.
func TestPartialDependence_MatchesScikitLearn(t *testing.T) {
	fx := loadInspect(t)
	reg, rf := trainInspect(t, "inspect_reg.csv", model.Regression, linear.Regression{})
	clf, cf := trainInspect(t, "inspect_clf.csv", model.Classification, linear.Logistic{Tol: 1e-10, MaxIter: 10000})
	for _, run := range []struct {
		name  string
		tr    *artifact.Artifact
		frame *inspectFrame
		cases []pdCase
		tol   float64
	}{{"regression", reg, rf, fx.Reg.PD, 1e-9}, {"classification", clf, cf, fx.Clf.PD, 1e-4}} {
		for _, c := range run.cases {
			d, err := PartialDependence(context.Background(), run.tr, run.frame.Frame, c.Feature,
				DependenceOptions{Grid: UniformGrid, ICERows: fx.ICERows}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Values) != len(c.Values) {
				t.Fatalf("%s %s: %d grid points, scikit-learn %d", run.name, c.Feature, len(d.Values), len(c.Values))
			}
			for g, v := range c.Values {
				if x, ok := v.(float64); ok && math.Abs(d.Grid[g]-x) > 1e-12*math.Max(1, math.Abs(x)) {
					t.Errorf("%s %s grid[%d] = %v, scikit-learn %v", run.name, c.Feature, g, d.Grid[g], x)
				} else if s, ok := v.(string); ok && d.Values[g] != s {
					t.Errorf("%s %s level %d = %q, scikit-learn %q", run.name, c.Feature, g, d.Values[g], s)
				}
			}
			for g := range c.Values {
				if math.Abs(d.Average[0][g]-c.Average[0][g]) > run.tol*math.Max(1, math.Abs(c.Average[0][g])) {
					t.Errorf("%s %s average[%d] = %v, scikit-learn %v", run.name, c.Feature, g, d.Average[0][g], c.Average[0][g])
				}
				for i := range fx.ICERows {
					if w := c.Individual[0][i][g]; math.Abs(d.ICE[0][i][g]-w) > run.tol*math.Max(1, math.Abs(w)) {
						t.Errorf("%s %s ICE row %d point %d = %v, scikit-learn %v", run.name, c.Feature, i, g, d.ICE[0][i][g], w)
					}
				}
			}
		}
	}
}

// TestPartialDependence_QuantileGrid checks the default grid: numpy's
// linear quantiles from 5 % to 95 %, repeats removed.
func TestPartialDependence_QuantileGrid(t *testing.T) {
	fx := loadInspect(t)
	reg, rf := trainInspect(t, "inspect_reg.csv", model.Regression, linear.Regression{})
	d, err := PartialDependence(context.Background(), reg, rf.Frame, "x0", DependenceOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Grid) != 20 || len(d.ICERows) != 50 {
		t.Fatalf("%d grid points, %d ICE rows", len(d.Grid), len(d.ICERows))
	}
	// the ends are numpy.percentile(x0, [5, 95]); mquantiles differs a little
	if lo := d.Grid[0]; math.Abs(lo-fx.Reg.MQuantilesX0[0]) > 0.05 || lo == fx.Reg.MQuantilesX0[0] {
		t.Errorf("first grid point %v; mquantiles gives %v", lo, fx.Reg.MQuantilesX0[0])
	}
	for g := 1; g < len(d.Grid); g++ {
		if d.Grid[g] <= d.Grid[g-1] {
			t.Fatalf("grid not increasing at %d: %v", g, d.Grid)
		}
	}
	// A linear model's partial dependence is a straight line with the slope of its weight (3).
	slope := (d.Average[0][19] - d.Average[0][0]) / (d.Grid[19] - d.Grid[0])
	if math.Abs(slope-3) > 0.2 {
		t.Errorf("slope %v, the data were made with 3", slope)
	}
	if _, err := PartialDependence(context.Background(), reg, rf.Frame, "y", DependenceOptions{}, nil); !errors.Is(err, ErrDependence) {
		t.Errorf("the target: %v", err)
	}
}

// TestPermutationImportance_AgreesWithScikitLearn compares with
// sklearn.inspection.permutation_importance (40 repeats each): the
// shuffles differ, so the means must agree within their sampling error.
func TestPermutationImportance_AgreesWithScikitLearn(t *testing.T) {
	fx := loadInspect(t)
	reg, rf := trainInspect(t, "inspect_reg.csv", model.Regression, linear.Regression{})
	clf, cf := trainInspect(t, "inspect_clf.csv", model.Classification, linear.Logistic{Tol: 1e-10, MaxIter: 10000})
	for _, run := range []struct {
		name, metric string
		tr           *artifact.Artifact
		frame        *inspectFrame
		ref          importanceRef
	}{{"regression", "r2", reg, rf, fx.Reg.Importance}, {"classification", "log_loss", clf, cf, fx.Clf.Importance}} {
		imp, err := PermutationImportance(context.Background(), run.tr, run.frame.Frame,
			ImportanceOptions{Metric: run.metric, Repeats: run.ref.Repeats, Seed: 1}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(imp.Features) != 4 {
			t.Fatalf("%s: %d features", run.name, len(imp.Features))
		}
		for j, col := range run.ref.Columns {
			var got FeatureImportance
			for _, fi := range imp.Features {
				if fi.Column == col {
					got = fi
				}
			}
			se := math.Sqrt((got.Std*got.Std + run.ref.Std[j]*run.ref.Std[j]) / float64(run.ref.Repeats))
			if math.Abs(got.Mean-run.ref.Mean[j]) > 4*se+1e-3 {
				t.Errorf("%s %s: %v ± %v, scikit-learn %v ± %v", run.name, col, got.Mean, got.Std, run.ref.Mean[j], run.ref.Std[j])
			}
		}
		if imp.Features[0].Column != "x0" {
			t.Errorf("%s: most important %s, want x0", run.name, imp.Features[0].Column)
		}
	}
}

// TestPermutationImportance_UnusedColumnScoresZero uses a model that
// ignores a column: shuffling it changes nothing, exactly.
func TestPermutationImportance_UnusedColumnScoresZero(t *testing.T) {
	f := synthFrame(120, 21, 0)
	pipe := prep.NewPipeline(prep.Configure("drop_columns", param.Values{"columns": []string{"v", "x1", "c"}}, ""))
	tr := fitLearner(t, f, "y", model.Classification, pipe, linear.Logistic{})
	a, err := PermutationImportance(context.Background(), tr, f, ImportanceOptions{Metric: "accuracy", Seed: 4}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := PermutationImportance(context.Background(), tr, f, ImportanceOptions{Metric: "accuracy", Seed: 4, Workers: 1}, nil)
	for i, fi := range a.Features {
		if fi.Column != "x0" && (fi.Mean != 0 || fi.Std != 0) {
			t.Errorf("%s is not used by the model but has importance %v ± %v", fi.Column, fi.Mean, fi.Std)
		}
		if fi.Mean != b.Features[i].Mean || fi.Column != b.Features[i].Column {
			t.Errorf("same seed, other result: %+v / %+v", fi, b.Features[i])
		}
	}
	if a.Features[0].Column != "x0" || a.Features[0].Mean <= 0 || len(a.Features[0].Values) != 5 {
		t.Errorf("x0: %+v", a.Features[0])
	}
}

// TestExplainRow_AddsUp checks that the breakdown of a linear model adds
// up to its prediction for the row.
func TestExplainRow_AddsUp(t *testing.T) {
	reg, rf := trainInspect(t, "inspect_reg.csv", model.Regression, linear.Regression{})
	e, err := ExplainRow(context.Background(), reg, rf.Frame, 7)
	if err != nil {
		t.Fatal(err)
	}
	sum := e.Breakdown.Base
	for _, term := range e.Breakdown.Terms {
		sum += term.Effect
	}
	out, _ := reg.Predict(context.Background(), rf.Take([]int{7}))
	if math.Abs(sum-out.Index[0]) > 1e-9 || math.Abs(e.Breakdown.Output-out.Index[0]) > 1e-9 || len(e.Values) != len(e.Inputs) {
		t.Errorf("breakdown %+v sums to %v, prediction %v", e.Breakdown, sum, out.Index[0])
	}
	plain := *reg
	plain.Model = opaqueModel{reg.Model}
	if _, err := ExplainRow(context.Background(), &plain, rf.Frame, 7); !errors.Is(err, ErrNoExplanation) {
		t.Errorf("a model without Explain: %v", err)
	}
}

// opaqueModel hides every optional capability of a model.
type opaqueModel struct{ m model.Model }

func (o opaqueModel) Task() model.Task                         { return o.m.Task() }
func (o opaqueModel) Features() []string                       { return o.m.Features() }
func (o opaqueModel) Classes() []string                        { return o.m.Classes() }
func (o opaqueModel) Predict(X [][]float64) ([]float64, error) { return o.m.Predict(X) }
