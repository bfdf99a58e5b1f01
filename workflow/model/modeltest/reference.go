package modeltest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"modelbench/workflow/model"
)

// Reference is quality/reference.json, written by
// workflow/model/testdata/make_reference.py with scikit-learn 1.2.1: test
// scores and 5-fold cross-validation bands of scikit-learn models on
// prepared train/test splits of the real datasets.
type Reference struct {
	SKLearn       string                    `json:"sklearn"`
	Command       string                    `json:"command"`
	Datasets      map[string]RefDataset     `json:"datasets"`
	CategoricalNB map[string]RefCategorical `json:"categorical_nb"`
	Coefficients  map[string]RefCoef        `json:"coefficients"`
}

// RefDataset is one dataset's reference: "clf" or "reg", the sorted class
// labels, the split sizes, the test score (accuracy or R²) per model key
// and the cross-validation band [mean, std] per model key.
type RefDataset struct {
	Task      string                `json:"task"`
	Classes   []string              `json:"classes"`
	TrainRows int                   `json:"train_rows"`
	TestRows  int                   `json:"test_rows"`
	Features  int                   `json:"features"`
	TestScore map[string]float64    `json:"test_score"`
	CVBand    map[string][2]float64 `json:"cv_band"`
}

// Names returns the names of the reference's datasets, sorted, so tests
// visit them in a fixed order. A nil or empty Reference gives none.
func (r *Reference) Names() []string {
	if r == nil {
		return nil
	}
	names := make([]string, 0, len(r.Datasets))
	for n := range r.Datasets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ModelTask returns the dataset's task.
func (r RefDataset) ModelTask() model.Task {
	if r.Task == "reg" {
		return model.Regression
	}
	return model.Classification
}

// RefCategorical is CategoricalNB's reference on an ordinal-coded split.
type RefCategorical struct {
	Classes    []string    `json:"classes"`
	TestScore  float64     `json:"test_score"`
	FirstProba [][]float64 `json:"test_proba_first_rows"`
}

// RefCoef holds a linear model's weights (one row per output) and
// intercepts.
type RefCoef struct {
	Coef      [][]float64 `json:"coef"`
	Intercept []float64   `json:"intercept"`
}

// LoadReference reads dir/reference.json. A file that lists no dataset is
// an error, so a quality test cannot pass by checking nothing.
func LoadReference(dir string) (*Reference, error) {
	b, err := os.ReadFile(filepath.Join(dir, "reference.json"))
	if err != nil {
		return nil, err
	}
	var r Reference
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "reference.json"), err)
	}
	if len(r.Datasets) == 0 {
		return nil, fmt.Errorf("%s lists no dataset", filepath.Join(dir, "reference.json"))
	}
	return &r, nil
}

// LoadSplit reads dir/<prefix>_train.csv and _test.csv: a header, numeric
// features, the target last (a class index for classification).
func LoadSplit(dir, prefix string, task model.Task, classes []string) (train, test *model.Dataset, err error) {
	train, err = loadMatrix(filepath.Join(dir, prefix+"_train.csv"), task, classes)
	if err != nil {
		return nil, nil, err
	}
	test, err = loadMatrix(filepath.Join(dir, prefix+"_test.csv"), task, classes)
	return train, test, err
}

func loadMatrix(path string, task model.Task, classes []string) (*model.Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	if !sc.Scan() {
		return nil, fmt.Errorf("%s: no header", path)
	}
	header := strings.Split(sc.Text(), ",")
	p := len(header) - 1
	d := &model.Dataset{Task: task, Features: header[:p], X: make([][]float64, p), Classes: classes}
	for row := 1; sc.Scan(); row++ {
		fields := strings.Split(sc.Text(), ",")
		if len(fields) != p+1 {
			return nil, fmt.Errorf("%s row %d: %d fields, want %d", path, row, len(fields), p+1)
		}
		for j, s := range fields {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, fmt.Errorf("%s row %d column %q: %w", path, row, header[j], err)
			}
			if j < p {
				d.X[j] = append(d.X[j], v)
			} else {
				d.Y = append(d.Y, v)
			}
		}
	}
	return d, sc.Err()
}

// Score returns the accuracy (classification) or R² (regression, as
// scikit-learn's r2_score) of m on d.
func Score(m model.Model, d *model.Dataset) (float64, error) {
	pred, err := m.Predict(d.X)
	if err != nil {
		return 0, err
	}
	if d.Task == model.Classification {
		hits := 0
		for i, p := range pred {
			if p == d.Y[i] {
				hits++
			}
		}
		return float64(hits) / float64(len(pred)), nil
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
	return 1 - res/tot, nil
}

// Tolerance is how far below scikit-learn's test score ours may be: 2
// points of accuracy or 0.02 of R².
const Tolerance = 0.02

// SmallTest is the test-split size below which a score is also accepted
// inside the reference's cross-validation band (mean ± 2·std): one row of a
// 38-row test set moves accuracy by 0.026.
const SmallTest = 120

// CheckScore fails t when ours is more than Tolerance below the reference
// test score of model key on ds, unless the test split is small and ours
// lies within the cross-validation band. Scores far above the reference
// are logged, not failed.
func CheckScore(t *testing.T, ds RefDataset, key string, ours float64) {
	t.Helper()
	ref, ok := ds.TestScore[key]
	if !ok {
		t.Fatalf("no reference score for %q", key)
	}
	band := ds.CVBand[key]
	lo, hi := band[0]-2*band[1], band[0]+2*band[1]
	switch {
	case math.IsNaN(ours):
		t.Errorf("%s: score is NaN", key)
	case ours >= ref-Tolerance:
		if ours > ref+Tolerance {
			t.Logf("%s: %.4f, clearly above scikit-learn's %.4f", key, ours, ref)
		}
	case ds.TestRows < SmallTest && ours >= lo && ours <= hi:
		t.Logf("%s: %.4f is below scikit-learn's %.4f on %d test rows but inside its CV band [%.4f, %.4f]", key, ours, ref, ds.TestRows, lo, hi)
	default:
		t.Errorf("%s: %.4f, scikit-learn %.4f (CV band [%.4f, %.4f], %d test rows)", key, ours, ref, lo, hi, ds.TestRows)
	}
}
