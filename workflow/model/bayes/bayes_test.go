package bayes

import (
	"context"
	"errors"
	"math"
	"sort"
	"testing"

	"modelbench/workflow/model"
	"modelbench/workflow/model/modeltest"
	"modelbench/workflow/param"
)

// The reference is scikit-learn 1.2.1's GaussianNB() and
// CategoricalNB(alpha=1) on the splits written by
// ../testdata/make_reference.py (command in its header).
const qualityDir = "../testdata/quality"

func TestNaiveBayes_Conformance(t *testing.T) { modeltest.RunAll(t, "naive_bayes") }

// A model with categorical and Gaussian features saves and loads with
// bit-identical probabilities.
func TestNaiveBayes_MixedRoundTrip(t *testing.T) {
	train, test, err := modeltest.LoadSplit(qualityDir, "categorical_soybean", model.Classification, nil)
	if err != nil {
		t.Fatal(err)
	}
	train.Classes = make([]string, 19)
	for c := range train.Classes {
		train.Classes[c] = string(rune('a' + c))
	}
	l, err := model.New("naive_bayes", model.Classification, param.Values{"categorical": train.Features[:20]})
	if err != nil {
		t.Fatal(err)
	}
	m, err := l.Fit(context.Background(), train, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := model.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	back, err := model.Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	p1, _ := m.(model.ProbPredictor).PredictProba(test.X)
	p2, _ := back.(model.ProbPredictor).PredictProba(test.X)
	for i := range p1 {
		for c := range p1[i] {
			if math.Float64bits(p1[i][c]) != math.Float64bits(p2[i][c]) {
				t.Fatalf("row %d class %d: %v before saving, %v after", i+1, c, p1[i][c], p2[i][c])
			}
		}
	}
}

func FuzzDecodeNaiveBayes(f *testing.F) { modeltest.FuzzDecode(f, "naive_bayes") }

func TestQuality_GaussianAgainstScikitLearn(t *testing.T) {
	ref, err := modeltest.LoadReference(qualityDir)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, name := range ref.Names() {
		ds := ref.Datasets[name]
		if ds.ModelTask() != model.Classification {
			continue
		}
		checked++
		train, test, err := modeltest.LoadSplit(qualityDir, name, ds.ModelTask(), ds.Classes)
		if err != nil {
			t.Fatal(err)
		}
		m, err := NaiveBayes{}.Fit(context.Background(), train, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		s, _ := modeltest.Score(m, test)
		t.Run(name, func(t *testing.T) { modeltest.CheckScore(t, ds, "naive_bayes", s) })
	}
	if checked == 0 {
		t.Fatal("the reference has no classification dataset")
	}
}

func TestQuality_CategoricalAgainstScikitLearn(t *testing.T) {
	ref, err := modeltest.LoadReference(qualityDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ref.CategoricalNB) == 0 {
		t.Fatal("the reference has no CategoricalNB case")
	}
	for _, name := range sortedKeys(ref.CategoricalNB) {
		want := ref.CategoricalNB[name]
		train, test, err := modeltest.LoadSplit(qualityDir, "categorical_"+name, model.Classification, want.Classes)
		if err != nil {
			t.Fatal(err)
		}
		m, err := NaiveBayes{Categorical: train.Features}.Fit(context.Background(), train, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		s, _ := modeltest.Score(m, test)
		if math.Abs(s-want.TestScore) > 1e-12 {
			t.Errorf("%s: accuracy %v, CategoricalNB %v", name, s, want.TestScore)
		}
		head := make([][]float64, len(test.X))
		for j := range head {
			head[j] = test.X[j][:len(want.FirstProba)]
		}
		proba, err := m.(*Fitted).PredictProba(head)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want.FirstProba {
			for c := range want.FirstProba[i] {
				if math.Abs(proba[i][c]-want.FirstProba[i][c]) > 1e-9 {
					t.Errorf("%s row %d class %d: P = %v, CategoricalNB %v", name, i+1, c, proba[i][c], want.FirstProba[i][c])
				}
			}
		}
	}
}

func TestNaiveBayes_BadCategoricalInput(t *testing.T) {
	d := &model.Dataset{Task: model.Classification, Features: []string{"a", "b"}, Classes: []string{"x", "y"},
		X: [][]float64{{0, 1, 2, 1}, {0.5, 1, 2, 3}}, Y: []float64{0, 1, 0, 1}}
	if _, err := (NaiveBayes{Categorical: []string{"b"}}).Fit(context.Background(), d, nil); !errors.Is(err, ErrBadCode) {
		t.Errorf("a fractional code: err = %v, want ErrBadCode", err)
	}
	if _, err := (NaiveBayes{Categorical: []string{"zz"}}).Fit(context.Background(), d, nil); err == nil {
		t.Error("an unknown categorical feature was accepted")
	}
	m, err := NaiveBayes{Categorical: []string{"a"}}.Fit(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A code never seen in training gets the smoothed zero count.
	if p, err := m.Predict([][]float64{{7}, {1}}); err != nil || len(p) != 1 {
		t.Errorf("unseen code: %v, %v", p, err)
	}
	if _, err := m.Predict([][]float64{{-1}, {1}}); !errors.Is(err, ErrBadCode) {
		t.Errorf("a negative code at predict time: err = %v", err)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
