package eval

import (
	"encoding/json"
	"os"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
)

// TestWorst_MatchesNumpy compares the ranking with the numpy reference of
// testdata/make_fixtures.py ("worst"): per-row log loss clipped as
// scikit-learn's log_loss, and absolute errors, sorted stably.
func TestWorst_MatchesNumpy(t *testing.T) {
	b, err := os.ReadFile("testdata/fixtures.json")
	if err != nil {
		t.Fatal(err)
	}
	var all struct {
		Worst struct {
			Y       []int       `json:"y"`
			Rows    []int       `json:"rows"`
			RegRows []int       `json:"reg_rows"`
			Proba   [][]float64 `json:"proba"`
			Loss    []float64   `json:"loss"`
			RegTrue []float64   `json:"reg_true"`
			RegPred []float64   `json:"reg_pred"`
			RegLoss []float64   `json:"reg_loss"`
		} `json:"worst"`
	}
	if err := json.Unmarshal(b, &all); err != nil {
		t.Fatal(err)
	}
	w := all.Worst
	p := &metrics.Predictions{Task: model.Classification, Classes: []string{"a", "b", "c"}, Proba: w.Proba}
	ids := make([]string, len(w.Y))
	for i, y := range w.Y {
		p.Truth = append(p.Truth, float64(y))
		p.Pred = append(p.Pred, 0)
		ids[i] = data.FormatFloat(float64(100 + i))
	}
	inputs, _ := data.NewFrame(data.NewText("id", ids, nil))
	got, err := Worst(p, inputs, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got.Measure != "log loss" || len(got.Rows) != len(w.Rows) {
		t.Fatalf("measure %q, %d rows", got.Measure, len(got.Rows))
	}
	for i, r := range got.Rows {
		if r.Row != w.Rows[i] || !relClose(r.Loss, w.Loss[i], 1e-12) || r.Inputs[0] != ids[r.Row] {
			t.Errorf("rank %d: row %d loss %v inputs %v; numpy row %d loss %v", i, r.Row, r.Loss, r.Inputs, w.Rows[i], w.Loss[i])
		}
	}
	reg := &metrics.Predictions{Task: model.Regression, Truth: w.RegTrue, Pred: w.RegPred}
	got, err = Worst(reg, nil, 5)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range got.Rows {
		if r.Row != w.RegRows[i] || !relClose(r.Loss, w.RegLoss[i], 1e-12) {
			t.Errorf("regression rank %d: row %d loss %v; numpy row %d loss %v", i, r.Row, r.Loss, w.RegRows[i], w.RegLoss[i])
		}
	}
}

func TestWorst_WithoutProbabilitiesListsMistakes(t *testing.T) {
	p := &metrics.Predictions{Task: model.Classification, Classes: []string{"no", "yes"},
		Truth: []float64{0, 1, 1, 0, 1}, Pred: []float64{0, 0, 1, 1, 1}}
	got, err := Worst(p, nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if got.Measure != "misclassified" || len(got.Rows) != 2 || got.Rows[0].Row != 1 || got.Rows[1].Row != 3 ||
		got.Rows[0].Truth != "yes" || got.Rows[0].Prediction != "no" {
		t.Errorf("got %+v", got)
	}
}
