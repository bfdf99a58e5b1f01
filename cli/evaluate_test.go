package cli

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// evaluateJSON is "evaluate --json".
type evaluateJSON struct {
	Task      string             `json:"task"`
	Rows      int                `json:"rows"`
	Classes   []string           `json:"classes"`
	Metrics   map[string]float64 `json:"metrics"`
	Confusion [][]int            `json:"confusion"`
}

func evaluateOK(t *testing.T, args ...string) evaluateJSON {
	t.Helper()
	code, out, errOut := run(t, append([]string{"evaluate", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("evaluate %v: exit %d: %s", args, code, errOut)
	}
	var got evaluateJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return got
}

// predictColumns runs predict and returns the named columns of its CSV.
func predictColumns(t *testing.T, dir string, args []string, names ...string) [][]string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "scored.csv")
	if code, _, errOut := run(t, append([]string{"predict", dir, "--out", out}, args...)...); code != 0 {
		t.Fatalf("predict: exit %d: %s", code, errOut)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cols := make([][]string, len(names))
	for j, n := range names {
		k := slices.Index(recs[0], n)
		if k < 0 {
			t.Fatalf("no column %q in %v", n, recs[0])
		}
		for _, r := range recs[1:] {
			cols[j] = append(cols[j], r[k])
		}
	}
	return cols
}

// TestEvaluate_ClassificationRoundTrip trains on penguins, then checks that
// evaluate's accuracy and confusion matrix are those of the predictions
// that predict writes, counted here.
func TestEvaluate_ClassificationRoundTrip(t *testing.T) {
	dir := t.TempDir()
	trainOK(t, "--sample", "penguins", "--model", "knn", "--cv", "0", "--out", dir)
	got := evaluateOK(t, dir, "--sample", "penguins")
	if got.Task != "classification" || got.Rows != 344 || len(got.Classes) != 3 {
		t.Fatalf("%+v", got)
	}
	for _, m := range []string{"accuracy", "balanced_accuracy", "precision_macro", "recall_macro", "f1_macro", "f1_weighted", "mcc", "log_loss", "roc_auc"} {
		if _, ok := got.Metrics[m]; !ok {
			t.Errorf("no %s in %v", m, got.Metrics)
		}
	}
	if _, ok := got.Metrics["r2"]; ok {
		t.Error("a regression metric for a classifier")
	}
	cols := predictColumns(t, dir, []string{"--sample", "penguins"}, "species", "prediction")
	hits, cells := 0, map[[2]string]int{}
	for i, truth := range cols[0] {
		if truth == cols[1][i] {
			hits++
		}
		cells[[2]string{truth, cols[1][i]}]++
	}
	if acc := float64(hits) / float64(len(cols[0])); math.Abs(acc-got.Metrics["accuracy"]) > 1e-12 {
		t.Errorf("accuracy %v, counted from predict's output %v", got.Metrics["accuracy"], acc)
	}
	for i, truth := range got.Classes {
		for j, pred := range got.Classes {
			if got.Confusion[i][j] != cells[[2]string{truth, pred}] {
				t.Errorf("confusion[%s][%s] = %d, counted %d", truth, pred, got.Confusion[i][j], cells[[2]string{truth, pred}])
			}
		}
	}
	code, out, _ := run(t, "evaluate", dir, "--sample", "penguins")
	if code != 0 || !strings.Contains(out, "confusion matrix") || !strings.Contains(out, "Chinstrap") || !strings.Contains(out, "balanced_accuracy") {
		t.Errorf("table output:\n%s", out)
	}
}

// TestEvaluate_RegressionRoundTrip trains a linear model on diamonds and
// checks R², RMSE and MAE against the predictions predict writes.
func TestEvaluate_RegressionRoundTrip(t *testing.T) {
	dir := t.TempDir()
	tr := trainOK(t, "--sample", "diamonds", "--model", "linear", "--cv", "2", "--out", dir)
	if tr.Task != "regression" || tr.CV == nil || tr.CV.Metric != "r2" || tr.CV.Metrics["r2"].Mean < 0.85 {
		t.Fatalf("%+v", tr)
	}
	got := evaluateOK(t, dir, "--sample", "diamonds")
	if got.Task != "regression" || got.Confusion != nil || got.Rows != 53940 {
		t.Fatalf("%+v", got)
	}
	cols := predictColumns(t, dir, []string{"--sample", "diamonds", "--only-predictions"}, "prediction")
	truth := predictColumns(t, dir, []string{"--sample", "diamonds"}, "price")[0]
	var sse, sae, sum, sst float64
	y := make([]float64, len(truth))
	for i := range truth {
		y[i], _ = strconv.ParseFloat(truth[i], 64)
		p, _ := strconv.ParseFloat(cols[0][i], 64)
		sse += (y[i] - p) * (y[i] - p)
		sae += math.Abs(y[i] - p)
		sum += y[i]
	}
	mean := sum / float64(len(y))
	for _, v := range y {
		sst += (v - mean) * (v - mean)
	}
	n := float64(len(y))
	// predict writes the shortest text that reads back as the same float64,
	// so the sums agree to rounding.
	for name, want := range map[string]float64{"r2": 1 - sse/sst, "rmse": math.Sqrt(sse / n), "mae": sae / n} {
		if math.Abs(got.Metrics[name]-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("%s = %v, computed from predict's output %v", name, got.Metrics[name], want)
		}
	}
}

func TestEvaluate_Errors(t *testing.T) {
	if code, _, errOut := run(t, "evaluate"); code != 2 || !strings.Contains(errOut, "MODEL_DIR") {
		t.Errorf("no arguments: exit %d: %q", code, errOut)
	}
	if code, _, _ := run(t, "evaluate", t.TempDir(), "--sample", "iris"); code != 1 {
		t.Errorf("a folder without model.json: exit %d", code)
	}
	dir := t.TempDir()
	trainOK(t, "--sample", "iris", "--model", "baseline", "--cv", "0", "--out", dir)
	path := filepath.Join(t.TempDir(), "unlabelled.csv")
	os.WriteFile(path, []byte("sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\n5,3,1.5,0.2\n"), 0o644)
	if code, _, errOut := run(t, "evaluate", dir, path); code != 1 || !strings.Contains(errOut, `"species"`) {
		t.Errorf("no target column: exit %d: %q", code, errOut)
	}
}
