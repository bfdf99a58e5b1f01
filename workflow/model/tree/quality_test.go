package tree

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"modelbench/workflow/model"
)

// The reference numbers of these tests come from scikit-learn 1.2.1:
// testdata/make_reference.py prepares every dataset of
// /work/shared/datasets that has a target (the preparation is described at
// the top of that script), writes the prepared matrices to
// testdata/quality/<case>.csv and records scikit-learn's scores in
// testdata/quality.json. Command (from the repository root):
//
//	/usr/bin/python3 workflow/model/tree/testdata/make_reference.py

// qualityRef is testdata/quality.json.
type qualityRef struct {
	SKLearn string                    `json:"sklearn"`
	Cases   map[string]qualityRefCase `json:"cases"`
}

type qualityRefCase struct {
	Task     string              `json:"task"`
	Classes  []string            `json:"classes"`
	Rows     int                 `json:"rows"`
	TestRows int                 `json:"test_rows"`
	Scores   map[string]refScore `json:"scores"`
}

// refScore is one scikit-learn model's test score, 5-fold CV mean and
// standard deviation (accuracy or R²) and, for forests, its out-of-bag score
// on the training rows and its mean test score over seeds 0..4.
type refScore struct {
	Test         float64  `json:"test"`
	CVMean       float64  `json:"cv_mean"`
	CVStd        float64  `json:"cv_std"`
	OOB          *float64 `json:"oob"`
	TestSeedMean *float64 `json:"test_seed_mean"`
}

func loadQualityRef(t *testing.T) qualityRef {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "quality.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r qualityRef
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// prepared is one prepared case: all rows, which are test rows and the
// cross-validation fold of every row.
type prepared struct {
	all  *model.Dataset
	test []bool
	fold []int
}

// loadPrepared reads testdata/quality/<name>.csv: feature columns, then y,
// test and fold.
func loadPrepared(t *testing.T, name string, rc qualityRefCase) prepared {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "quality", name+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	sc.Scan()
	header := strings.Split(sc.Text(), ",")
	p := len(header) - 3
	task := model.Regression
	if rc.Task == "classification" {
		task = model.Classification
	}
	d := &model.Dataset{Task: task, Features: header[:p], X: make([][]float64, p), Classes: rc.Classes}
	var out prepared
	for line := 2; sc.Scan(); line++ {
		fields := strings.Split(sc.Text(), ",")
		if len(fields) != p+3 {
			t.Fatalf("%s line %d: %d fields, want %d", name, line, len(fields), p+3)
		}
		v := make([]float64, len(fields))
		for j, s := range fields {
			if v[j], err = strconv.ParseFloat(s, 64); err != nil {
				t.Fatalf("%s line %d column %q: %v", name, line, header[j], err)
			}
		}
		for j := range p {
			d.X[j] = append(d.X[j], v[j])
		}
		d.Y = append(d.Y, v[p])
		out.test = append(out.test, v[p+1] == 1)
		out.fold = append(out.fold, int(v[p+2]))
	}
	out.all = d
	return out
}

// subset returns the rows of d where keep is true.
func subset(d *model.Dataset, keep func(i int) bool) *model.Dataset {
	s := &model.Dataset{Task: d.Task, Features: d.Features, Classes: d.Classes, X: make([][]float64, len(d.X))}
	for i := range d.Y {
		if keep(i) {
			for j := range d.X {
				s.X[j] = append(s.X[j], d.X[j][i])
			}
			s.Y = append(s.Y, d.Y[i])
		}
	}
	return s
}

// score is the accuracy or R² (as scikit-learn's score) of m on d.
func score(t *testing.T, m model.Model, d *model.Dataset) float64 {
	t.Helper()
	pred, err := m.Predict(d.X)
	if err != nil {
		t.Fatal(err)
	}
	if d.Task == model.Classification {
		hits := 0
		for i, p := range pred {
			if p == d.Y[i] {
				hits++
			}
		}
		return float64(hits) / float64(len(pred))
	}
	mean := 0.0
	for _, y := range d.Y {
		mean += y
	}
	mean /= float64(len(d.Y))
	var res, tot float64
	for i, y := range d.Y {
		res += (y - pred[i]) * (y - pred[i])
		tot += (y - mean) * (y - mean)
	}
	return 1 - res/tot
}

// qualityLearners are ours with the parameters matching make_reference.py's
// scikit-learn models (defaults, 100 trees).
var qualityLearners = map[string]model.Learner{
	"tree":   DecisionTree{},
	"forest": RandomForest{Trees: 100},
	"gbt":    GradientBoosting{},
}

// qualityTolerance is how far below scikit-learn's score ours may be: 2
// points of accuracy or 0.02 of R².
const qualityTolerance = 0.02

// smallTest is the test-split size below which a shortfall on the test
// split is judged by 5-fold cross-validation on the same folds instead
// (one row of a 38-row test split moves accuracy by 0.026).
const smallTest = 120

// TestQuality_MatchesScikitLearn fits each learner on every prepared
// dataset and compares its test score with scikit-learn's: ours may be at
// most qualityTolerance below. One forest's score depends on its seed, so
// a forest that falls short is judged again by its mean test score over
// seeds 0..4 against scikit-learn's mean over random_state 0..4. On a small
// test split (fewer than smallTest rows) a shortfall is accepted when both
// our test score and our 5-fold cross-validation mean on scikit-learn's
// folds lie in scikit-learn's CV band (mean ± 2·std).
func TestQuality_MatchesScikitLearn(t *testing.T) {
	if testing.Short() {
		t.Skip("fits 54 models")
	}
	ref := loadQualityRef(t)
	names := make([]string, 0, len(ref.Cases))
	for n := range ref.Cases {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		rc := ref.Cases[name]
		t.Run(name, func(t *testing.T) {
			p := loadPrepared(t, name, rc)
			train := subset(p.all, func(i int) bool { return !p.test[i] })
			test := subset(p.all, func(i int) bool { return p.test[i] })
			for _, key := range []string{"tree", "forest", "gbt"} {
				checkQuality(t, name, key, rc, p, train, test)
			}
		})
	}
}

func checkQuality(t *testing.T, name, key string, rc qualityRefCase, p prepared, train, test *model.Dataset) {
	l, want := qualityLearners[key], rc.Scores[key]
	m, err := l.Fit(context.Background(), train, nil)
	if err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	got := score(t, m, test)
	if fm, ok := m.(*ForestModel); ok && want.OOB != nil && train.Rows() >= 300 {
		if diff := fm.OOBScore() - *want.OOB; diff < -0.03 || diff > 0.03 {
			t.Errorf("%s forest: out-of-bag score %.4f, scikit-learn %.4f", name, fm.OOBScore(), *want.OOB)
		}
	}
	if got >= want.Test-qualityTolerance {
		t.Logf("%-6s test %.4f, scikit-learn %.4f", key, got, want.Test)
		return
	}
	if rf, ok := l.(RandomForest); ok && want.TestSeedMean != nil {
		mean := 0.0
		for seed := range 5 {
			rf.Seed = uint64(seed)
			m, err := rf.Fit(context.Background(), train, nil)
			if err != nil {
				t.Fatal(err)
			}
			mean += score(t, m, test) / 5
		}
		msg := fmt.Sprintf("%-6s test %.4f, scikit-learn %.4f; over 5 seeds %.4f, scikit-learn %.4f", key, got, want.Test, mean, *want.TestSeedMean)
		if mean >= *want.TestSeedMean-qualityTolerance {
			t.Log(msg)
		} else {
			t.Error(msg)
		}
		return
	}
	lo, hi := want.CVMean-2*want.CVStd, want.CVMean+2*want.CVStd
	if rc.TestRows < smallTest {
		cv := crossValidate(t, l, p)
		msg := fmt.Sprintf("%-6s test %.4f, scikit-learn %.4f on %d test rows; 5-fold CV %.4f, scikit-learn band [%.4f, %.4f]",
			key, got, want.Test, rc.TestRows, cv, lo, hi)
		if got >= lo && got <= hi && cv >= lo && cv <= hi {
			t.Log(msg)
		} else {
			t.Error(msg)
		}
		return
	}
	t.Errorf("%-6s test %.4f, scikit-learn %.4f (%d test rows)", key, got, want.Test, rc.TestRows)
}

// crossValidate returns the mean score of l over the 5 folds of p.
func crossValidate(t *testing.T, l model.Learner, p prepared) float64 {
	sum := 0.0
	for k := range 5 {
		train := subset(p.all, func(i int) bool { return p.fold[i] != k })
		test := subset(p.all, func(i int) bool { return p.fold[i] == k })
		m, err := l.Fit(context.Background(), train, nil)
		if err != nil {
			t.Fatal(err)
		}
		sum += score(t, m, test)
	}
	return sum / 5
}
