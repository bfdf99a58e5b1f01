package tree

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"modelbench/workflow/model"
	"modelbench/workflow/model/modeltest"
)

// The reference numbers of these tests come from scikit-learn 1.2.1 and
// are checked in: testdata/make_reference.py prepared every real dataset
// that has a target (the preparation is described at the top of that
// script), wrote the prepared matrices to testdata/quality/<case>.csv and
// recorded scikit-learn's scores in testdata/quality.json. The tests read
// only these files. Command that made them (from the repository root):
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

// loadQualityRef reads testdata/quality.json; a file that lists no case
// fails t, so the quality test cannot pass by checking nothing.
func loadQualityRef(t *testing.T) qualityRef {
	t.Helper()
	var r qualityRef
	readFixture(t, "quality.json", &r)
	if len(r.Cases) == 0 {
		t.Fatal("testdata/quality.json lists no case")
	}
	return r
}

// readFixture decodes the JSON file testdata/<name> into v.
func readFixture(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("testdata/%s: %v", name, err)
	}
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

// split returns the training and the test rows of p.
func (p prepared) split() (train, test *model.Dataset) {
	return subset(p.all, func(i int) bool { return !p.test[i] }), subset(p.all, func(i int) bool { return p.test[i] })
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

// score is the accuracy or R² (as scikit-learn's score) of m on d; see
// modeltest.Score.
func score(t *testing.T, m model.Model, d *model.Dataset) float64 {
	t.Helper()
	s, err := modeltest.Score(m, d)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// qualityLearners are ours with the parameters matching make_reference.py's
// scikit-learn models (defaults, 100 trees).
var qualityLearners = map[string]model.Learner{
	"tree":   DecisionTree{},
	"forest": RandomForest{Trees: 100},
	"gbt":    GradientBoosting{},
}

// TestQuality_MatchesScikitLearn fits each learner on every prepared
// dataset and compares its test score with scikit-learn's: ours may be at
// most modeltest.Tolerance below (2 points of accuracy or 0.02 of R²). One
// forest's score depends on its seed, so a forest that falls short is
// judged again by its mean test score over seeds 0..4 against
// scikit-learn's mean over random_state 0..4. On a small test split (fewer
// than modeltest.SmallTest rows, where one row of 38 moves accuracy by
// 0.026) a shortfall is accepted when both our test score and our 5-fold
// cross-validation mean on scikit-learn's folds lie in scikit-learn's CV
// band (mean ± 2·std).
func TestQuality_MatchesScikitLearn(t *testing.T) {
	if testing.Short() {
		t.Skip("fits 54 models")
	}
	ref := loadQualityRef(t)
	for _, name := range slices.Sorted(maps.Keys(ref.Cases)) {
		rc := ref.Cases[name]
		t.Run(name, func(t *testing.T) {
			p := loadPrepared(t, name, rc)
			train, test := p.split()
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
	if got >= want.Test-modeltest.Tolerance {
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
		if mean >= *want.TestSeedMean-modeltest.Tolerance {
			t.Log(msg)
		} else {
			t.Error(msg)
		}
		return
	}
	lo, hi := want.CVMean-2*want.CVStd, want.CVMean+2*want.CVStd
	if rc.TestRows < modeltest.SmallTest {
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
