package knn

import (
	"context"
	"math/rand/v2"
	"testing"

	"modelbench/workflow/model"
	"modelbench/workflow/model/modeltest"
	"modelbench/workflow/param"
)

// The reference is scikit-learn 1.2.1's KNeighborsClassifier /
// KNeighborsRegressor (k=5 uniform euclidean, and k=5 distance-weighted
// manhattan) on the splits written by ../testdata/make_reference.py
// (command in its header).
const qualityDir = "../testdata/quality"

func TestKNN_Conformance(t *testing.T) { modeltest.RunAll(t, "knn") }

func TestKNN_ConformanceDistanceManhattanBrute(t *testing.T) {
	v := param.Values{"weights": Distance, "metric": Manhattan, "algorithm": Brute, "k": 7}
	modeltest.Run(t, "knn", model.Classification, v)
	modeltest.Run(t, "knn", model.Regression, v)
}

func FuzzDecodeKNN(f *testing.F) { modeltest.FuzzDecode(f, "knn") }

var qualityParams = map[string]param.Values{
	"knn_uniform":            {"k": 5},
	"knn_distance_manhattan": {"k": 5, "weights": Distance, "metric": Manhattan},
}

func TestQuality_AgainstScikitLearn(t *testing.T) {
	ref, err := modeltest.LoadReference(qualityDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range ref.Names() {
		ds := ref.Datasets[name]
		train, test, err := modeltest.LoadSplit(qualityDir, name, ds.ModelTask(), ds.Classes)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(name, func(t *testing.T) {
			for key, v := range qualityParams {
				l, err := model.New("knn", ds.ModelTask(), v)
				if err != nil {
					t.Fatal(err)
				}
				m, err := l.Fit(context.Background(), train, nil)
				if err != nil {
					t.Fatal(err)
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

// randomSet draws integer-valued features so that many distances tie.
func randomSet(task model.Task, n, p int, seed uint64) *model.Dataset {
	rng := rand.New(rand.NewPCG(seed, 7))
	d := &model.Dataset{Task: task, X: make([][]float64, p), Y: make([]float64, n)}
	for j := range d.X {
		d.Features = append(d.Features, string(rune('a'+j)))
		d.X[j] = make([]float64, n)
		for i := range d.X[j] {
			d.X[j][i] = float64(rng.IntN(5))
		}
	}
	for i := range d.Y {
		d.Y[i] = float64(rng.IntN(3))
	}
	if task == model.Classification {
		d.Classes = []string{"x", "y", "z"}
	}
	return d
}

// The k-d tree and the full scan must return the same neighbours, ties
// included, so their predictions agree to the bit.
func TestKNN_TreeAndBruteAgree(t *testing.T) {
	for _, task := range []model.Task{model.Classification, model.Regression} {
		for _, metric := range []string{Euclidean, Manhattan} {
			for _, weights := range []string{Uniform, Distance} {
				train, test := randomSet(task, 3000, 6, 1), randomSet(task, 500, 6, 2)
				var preds [2][]float64
				for a, alg := range []string{KDTree, Brute} {
					m, err := KNN{K: 9, Metric: metric, Weights: weights, Algorithm: alg}.Fit(context.Background(), train, nil)
					if err != nil {
						t.Fatal(err)
					}
					if preds[a], err = m.Predict(test.X); err != nil {
						t.Fatal(err)
					}
				}
				for i := range preds[0] {
					if preds[0][i] != preds[1][i] {
						t.Fatalf("%v %s %s row %d: tree %v, brute %v", task, metric, weights, i, preds[0][i], preds[1][i])
					}
				}
			}
		}
	}
}

// A training row's own copy is at distance 0 and takes all the weight.
func TestKNN_ExactMatchTakesAllWeight(t *testing.T) {
	d := &model.Dataset{Task: model.Regression, Features: []string{"a"}, X: [][]float64{{0, 1, 2, 3}}, Y: []float64{10, 20, 30, 40}}
	m, err := KNN{K: 3, Weights: Distance}.Fit(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := m.Predict([][]float64{{2, 2.5}})
	if p[0] != 30 {
		t.Errorf("prediction at a training row = %v, want its target 30", p[0])
	}
	// 2.5: neighbours 2 and 3 at 0.5, 1 at 1.5: (30/0.5 + 40/0.5 + 20/1.5) / (2/0.5 + 1/1.5)
	if want := (60 + 80 + 20/1.5) / (4 + 1/1.5); p[1] != want {
		t.Errorf("prediction at 2.5 = %v, want %v", p[1], want)
	}
}

func BenchmarkKNN_Predict20kFrom80k(b *testing.B) {
	train, test := gaussianSet(80000, 20, 1), gaussianSet(20000, 20, 2)
	m, err := KNN{}.Fit(context.Background(), train, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := m.Predict(test.X); err != nil {
			b.Fatal(err)
		}
	}
}

func gaussianSet(n, p int, seed uint64) *model.Dataset {
	rng := rand.New(rand.NewPCG(seed, 9))
	d := &model.Dataset{Task: model.Classification, Classes: []string{"0", "1"}, X: make([][]float64, p), Y: make([]float64, n)}
	for j := range d.X {
		d.Features = append(d.Features, string(rune('a'+j)))
		d.X[j] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		s := 0.0
		for j := range d.X {
			d.X[j][i] = rng.NormFloat64()
			s += d.X[j][i]
		}
		if s > 0 {
			d.Y[i] = 1
		}
	}
	return d
}
