package tree

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"modelbench/workflow/model"
)

// missingData has a class that depends only on whether x0 is missing (x1
// is noise), or, with informative false, a class given by x0 > 0 where a
// third of the x0 values are missing at random.
func missingData(n int, informative bool) *model.Dataset {
	rng := rand.New(rand.NewPCG(7, 8))
	d := &model.Dataset{Task: model.Classification, Features: []string{"x0", "x1"}, Classes: []string{"a", "b"},
		X: [][]float64{make([]float64, n), make([]float64, n)}, Y: make([]float64, n)}
	for i := range n {
		x0 := rng.NormFloat64()
		d.X[1][i] = rng.NormFloat64()
		if informative {
			if i%2 == 0 {
				d.X[0][i], d.Y[i] = math.NaN(), 1
			} else {
				d.X[0][i] = x0
			}
			continue
		}
		if x0 > 0 {
			d.Y[i] = 1
		}
		d.X[0][i] = x0
		if rng.IntN(3) == 0 {
			d.X[0][i] = math.NaN()
		}
	}
	return d
}

// TestMissing_InformativeMissingness: when missingness itself predicts the
// class, every learner must learn it from the NaN alone.
func TestMissing_InformativeMissingness(t *testing.T) {
	d := missingData(400, true)
	for name, l := range map[string]model.Learner{
		"tree":   DecisionTree{MaxDepth: 1},
		"forest": RandomForest{Trees: 10, MaxFeatures: "all"},
		"gbt":    GradientBoosting{MaxIter: 20},
	} {
		m, err := l.Fit(context.Background(), d, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		pred, _ := m.Predict([][]float64{{math.NaN(), 1.5, -0.3}, {0, 0, 0}})
		if pred[0] != 1 || pred[1] != 0 || pred[2] != 0 {
			t.Errorf("%s: predictions %v for x0 = NaN, 1.5, -0.3; want 1, 0, 0", name, pred)
		}
	}
	m, _ := DecisionTree{MaxDepth: 1}.Fit(context.Background(), d, nil)
	root := m.(*TreeModel).Nodes()[0]
	if root.Feature != 0 || !math.IsInf(root.Threshold, 1) || root.MissingLeft {
		t.Errorf("root split %+v; want x0 with threshold +Inf, missing right", root)
	}
}

// TestMissing_RandomMissingness: with values missing at random the trees
// still learn the split on the present values and send missing rows to
// the side that fits them best; accuracy on present rows stays high.
func TestMissing_RandomMissingness(t *testing.T) {
	d := missingData(600, false)
	test := [][]float64{{-2, -0.5, 0.5, 2}, {0, 0, 0, 0}}
	for name, l := range map[string]model.Learner{
		"tree":   DecisionTree{MaxDepth: 2},
		"forest": RandomForest{Trees: 30, MaxFeatures: "all", MinSamplesLeaf: 5},
		"gbt":    GradientBoosting{MaxIter: 30},
	} {
		m, err := l.Fit(context.Background(), d, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		pred, _ := m.Predict(test)
		if pred[0] != 0 || pred[1] != 0 || pred[2] != 1 || pred[3] != 1 {
			t.Errorf("%s: predictions %v for x0 = -2, -0.5, 0.5, 2; want 0 0 1 1", name, pred)
		}
	}
}

// TestMissing_UnseenAtTraining: a NaN at prediction time on a feature that
// had no missing values in training follows the child with more rows.
func TestMissing_UnseenAtTraining(t *testing.T) {
	d := &model.Dataset{Task: model.Regression, Features: []string{"x"},
		X: [][]float64{{1, 2, 3, 4, 5, 6, 7, 8}}, Y: []float64{0, 0, 0, 0, 0, 0, 10, 10}}
	m, err := DecisionTree{MaxDepth: 1}.Fit(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	pred, _ := m.Predict([][]float64{{math.NaN()}})
	if pred[0] != 0 {
		t.Errorf("NaN predicted %v; want 0 (the bigger child, x <= 6.5)", pred[0])
	}
	g, err := GradientBoosting{MaxIter: 5, MinLeaf: 1, LearningRate: 1}.Fit(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	gp, _ := g.Predict([][]float64{{math.NaN(), 1}})
	if gp[0] != gp[1] {
		t.Errorf("boosting: NaN predicted %v, x=1 predicted %v; want equal (both in the bigger child)", gp[0], gp[1])
	}
}

// TestForest_IndependentOfCores: the forest is the same whether its trees
// are grown on one core or several.
func TestForest_IndependentOfCores(t *testing.T) {
	d := missingData(500, false)
	fit := func(procs int) []float64 {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		m, err := RandomForest{Trees: 12, Seed: 5}.Fit(context.Background(), d, nil)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := m.(*ForestModel).PredictProba(d.X)
		var flat []float64
		for _, row := range p {
			flat = append(flat, row...)
		}
		return append(flat, m.(*ForestModel).OOBScore())
	}
	one, four := fit(1), fit(4)
	for i := range one {
		if math.Float64bits(one[i]) != math.Float64bits(four[i]) {
			t.Fatalf("value %d differs: %v on one core, %v on four", i, one[i], four[i])
		}
	}
}

// TestGBT_IndependentOfCores: boosting with early stopping gives the same
// model on one core and on several.
func TestGBT_IndependentOfCores(t *testing.T) {
	d := missingData(3000, false)
	fit := func(procs int) ([]float64, []float64) {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		m, err := GradientBoosting{EarlyStopping: "on", MaxIter: 40}.Fit(context.Background(), d, nil)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := m.(*BoostingModel).PredictProba(d.X)
		_, val := m.(*BoostingModel).LossCurve()
		return p[len(p)-1], val
	}
	p1, v1 := fit(1)
	p4, v4 := fit(4)
	if len(v1) != len(v4) || p1[1] != p4[1] {
		t.Fatalf("one core: %d losses, p=%v; four cores: %d losses, p=%v", len(v1), p1, len(v4), p4)
	}
	for i := range v1 {
		if v1[i] != v4[i] {
			t.Fatalf("validation loss %d: %v vs %v", i, v1[i], v4[i])
		}
	}
}

// TestInfiniteValues: infinite feature values are ordinary (extreme)
// values for every learner: fitting works, thresholds stay usable, and
// predictions are finite and sensible.
func TestInfiniteValues(t *testing.T) {
	inf := math.Inf(1)
	x := []float64{-inf, -inf, -3, -2, -1, 1, 2, 3, inf, inf, -inf, inf}
	y := []float64{0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 1}
	for name, l := range map[string]model.Learner{
		"tree":   DecisionTree{},
		"forest": RandomForest{Trees: 10, MaxFeatures: "all"},
		"gbt":    GradientBoosting{MaxIter: 10, MinLeaf: 1, LearningRate: 0.5},
	} {
		for _, task := range []model.Task{model.Classification, model.Regression} {
			d := &model.Dataset{Task: task, Features: []string{"x"}, X: [][]float64{x}, Y: y}
			if task == model.Classification {
				d.Classes = []string{"neg", "pos"}
			}
			m, err := l.Fit(context.Background(), d, nil)
			if err != nil {
				t.Fatalf("%s %v: %v", name, task, err)
			}
			pred, _ := m.Predict([][]float64{{-inf, -5, 5, inf}})
			for i, p := range pred {
				if math.IsNaN(p) || math.IsInf(p, 0) || math.Abs(p-float64(i/2)) > 0.3 {
					t.Errorf("%s %v: predictions %v for -Inf, -5, 5, +Inf; want about 0 0 1 1", name, task, pred)
					break
				}
			}
		}
	}
	edges := binEdges([]float64{-inf, -inf, 1, inf}, 255)
	if len(edges) != 2 || edges[0] != -inf || edges[1] != 1 {
		t.Errorf("edges for -Inf, 1, +Inf: %v; want [-Inf 1]", edges)
	}
}

// TestFitAndBin_SameAsSearch: reading bins off the sorted order gives the
// same edges and bins as computing edges and searching every value.
func TestFitAndBin_SameAsSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	n := 3000
	x := [][]float64{make([]float64, n), make([]float64, n), make([]float64, n)}
	for i := range n {
		x[0][i] = rng.NormFloat64()
		x[1][i] = float64(rng.IntN(7))
		x[2][i] = math.Round(rng.NormFloat64() * 50)
		if rng.IntN(10) == 0 {
			x[2][i] = math.NaN()
		}
	}
	rows := make([]int32, 0, n)
	for i := 0; i < n; i += 2 {
		rows = append(rows, int32(i))
	}
	for _, maxBins := range []int{255, 16} {
		bm, bins, miss, err := fitAndBin(context.Background(), x, rows, maxBins, nil)
		if err != nil {
			t.Fatal(err)
		}
		ref, _ := fitBins(context.Background(), x, rows, maxBins, nil)
		refBins, refMiss, _ := ref.transform(context.Background(), x, rows)
		for f := range x {
			if !slices.Equal(bm.edges[f], ref.edges[f]) || miss[f] != refMiss[f] {
				t.Fatalf("%d bins, feature %d: edges or missing flag differ", maxBins, f)
			}
			for k := range rows {
				if bins[f][k] != refBins[f][k] {
					t.Fatalf("%d bins, feature %d row %d: bin %d, search gives %d", maxBins, f, k, bins[f][k], refBins[f][k])
				}
			}
		}
	}
}

// TestMissing_SplitWithMissingLeft: when the best split sends the missing
// rows left together with the low present values, the node keeps the
// threshold between the present values (the regression: it was computed
// after the rows were partitioned, read a missing value and became NaN, so
// every present row went right at prediction and the saved model did not
// load). Present x < 0 and missing x are class 1, present x >= 0 class 0.
func TestMissing_SplitWithMissingLeft(t *testing.T) {
	d := &model.Dataset{Task: model.Classification, Features: []string{"x"}, Classes: []string{"0", "1"},
		X: [][]float64{make([]float64, 90)}, Y: make([]float64, 90)}
	for i := range 90 {
		switch i % 3 {
		case 0:
			d.X[0][i], d.Y[i] = math.NaN(), 1
		case 1:
			d.X[0][i], d.Y[i] = -1-float64(i)/100, 1
		default:
			d.X[0][i] = float64(i) / 100
		}
	}
	for name, l := range map[string]model.Learner{
		"tree":   DecisionTree{MaxDepth: 1},
		"forest": RandomForest{Trees: 5, MaxDepth: 1},
	} {
		m, err := l.Fit(context.Background(), d, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		root := rootOf(m)
		if root.Feature != 0 || !root.MissingLeft || !(root.Threshold > -1.01 && root.Threshold < 0.02) {
			t.Errorf("%s: root split %+v; want x with a threshold in (-1.01, 0.02), missing left", name, root)
		}
		pred, err := m.Predict([][]float64{{math.NaN(), -1.5, -1, 0.5, 0.9}})
		if err != nil || !slices.Equal(pred, []float64{1, 1, 1, 0, 0}) {
			t.Errorf("%s: predictions %v (%v) for x = NaN, -1.5, -1, 0.5, 0.9; want 1 1 1 0 0", name, pred, err)
		}
		b, err := model.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := model.Unmarshal(b); err != nil {
			t.Errorf("%s: the saved model does not load: %v", name, err)
		}
	}
}

// rootOf returns the root of a tree, or of a forest's first tree.
func rootOf(m model.Model) Node {
	if f, ok := m.(*ForestModel); ok {
		return f.Tree(0)[0]
	}
	return m.(*TreeModel).Nodes()[0]
}
