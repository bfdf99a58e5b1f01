package metrics

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
)

// TestConfusion_MatchesScikitLearn checks every confusion-matrix metric
// against scikit-learn 1.2.1 (accuracy_score, balanced_accuracy_score,
// precision/recall/f1_score, matthews_corrcoef, cohen_kappa_score,
// confusion_matrix) on the cases of testdata/make_fixtures.py.
func TestConfusion_MatchesScikitLearn(t *testing.T) {
	for _, c := range loadFixtures(t).Classification {
		t.Run(c.Name, func(t *testing.T) {
			cm, err := NewConfusion(c.YTrue, c.YPred, c.K)
			if err != nil {
				t.Fatal(err)
			}
			w := c.Want
			checkScalar(t, "accuracy", w["accuracy"], cm.Accuracy(), nil)
			checkScalar(t, "balanced_accuracy", w["balanced_accuracy"], cm.BalancedAccuracy(), nil)
			checkScalar(t, "mcc", w["mcc"], cm.MCC(), nil)
			checkScalar(t, "kappa", w["kappa"], cm.Kappa(), nil)
			for _, avg := range []Average{Macro, Weighted} {
				p := cm.Averaged(avg)
				checkScalar(t, "precision_"+avg.String(), w["precision_"+avg.String()], p.Precision, nil)
				checkScalar(t, "recall_"+avg.String(), w["recall_"+avg.String()], p.Recall, nil)
				checkScalar(t, "f1_"+avg.String(), w["f1_"+avg.String()], p.F1, nil)
			}
			checkScalar(t, "f1_micro", w["f1_micro"], cm.Averaged(Micro).F1, nil)
			perClass(t, cm, w)
			if c.K == 2 {
				checkScalar(t, "precision", w["precision"], cm.Precision(1), nil)
				checkScalar(t, "recall", w["recall"], cm.Recall(1), nil)
				checkScalar(t, "f1", w["f1"], cm.F1(1), nil)
			}
			confusionMatrices(t, cm, w)
		})
	}
}

func perClass(t *testing.T, cm *Confusion, w map[string]json.RawMessage) {
	t.Helper()
	for name, f := range map[string]func(int) float64{
		"precision_per_class": cm.Precision, "recall_per_class": cm.Recall, "f1_per_class": cm.F1} {
		want := nums(t, w[name])
		got := make([]float64, cm.Classes())
		for i := range got {
			got[i] = f(i)
		}
		checkSlice(t, name, want, got)
	}
}

func confusionMatrices(t *testing.T, cm *Confusion, w map[string]json.RawMessage) {
	t.Helper()
	counts := cm.Counts()
	for i, row := range matrix(t, w["confusion"]) {
		got := make([]float64, len(counts[i]))
		for j, n := range counts[i] {
			got[j] = float64(n)
		}
		checkSlice(t, fmt.Sprintf("confusion row %d", i), row, got)
	}
	for name, by := range map[string]Normalization{"confusion_true": ByTrue, "confusion_pred": ByPred, "confusion_all": ByAll} {
		got := cm.Normalized(by)
		for i, row := range matrix(t, w[name]) {
			checkSlice(t, fmt.Sprintf("%s row %d", name, i), row, got[i])
		}
	}
}

// TestConfusion_ReportMatchesScikitLearn compares Report with
// classification_report(output_dict=True, zero_division=0).
func TestConfusion_ReportMatchesScikitLearn(t *testing.T) {
	for _, c := range loadFixtures(t).Classification {
		t.Run(c.Name, func(t *testing.T) {
			cm, err := NewConfusion(c.YTrue, c.YPred, c.K)
			if err != nil {
				t.Fatal(err)
			}
			var want map[string]json.RawMessage
			if err := json.Unmarshal(c.Want["report"], &want); err != nil {
				t.Fatal(err)
			}
			r := cm.Report(nil)
			// classes plus "accuracy", "macro avg", "weighted avg"
			if len(r.Classes) != len(want)-3 {
				t.Fatalf("report has %d classes, scikit-learn %d", len(r.Classes), len(want)-3)
			}
			for _, row := range r.Classes {
				checkReportRow(t, row.Label, want[row.Label], row.PRF, row.Support)
			}
			checkScalar(t, "accuracy", want["accuracy"], r.Accuracy, nil)
			checkReportRow(t, "macro avg", want["macro avg"], r.Macro, r.Support)
			checkReportRow(t, "weighted avg", want["weighted avg"], r.Weighted, r.Support)
		})
	}
}

func checkReportRow(t *testing.T, name string, raw json.RawMessage, got PRF, support int) {
	t.Helper()
	var w map[string]json.RawMessage
	if err := json.Unmarshal(raw, &w); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	checkScalar(t, name+" precision", w["precision"], got.Precision, nil)
	checkScalar(t, name+" recall", w["recall"], got.Recall, nil)
	checkScalar(t, name+" f1", w["f1-score"], got.F1, nil)
	checkScalar(t, name+" support", w["support"], float64(support), nil)
}

// TestProbabilityMetrics_MatchScikitLearn checks log_loss, roc_auc_score
// (binary and one-vs-rest), average_precision_score and brier_score_loss;
// the multiclass Brier score is checked against numpy on its definition.
func TestProbabilityMetrics_MatchScikitLearn(t *testing.T) {
	for _, c := range loadFixtures(t).Classification {
		t.Run(c.Name, func(t *testing.T) {
			w := c.Want
			v, err := LogLoss(c.YTrue, c.Proba)
			checkScalar(t, "log_loss", w["log_loss"], v, err)
			v, err = BrierMulticlass(c.YTrue, c.Proba)
			checkScalar(t, "brier_multiclass", w["brier_multiclass"], v, err)
			if c.K == 2 {
				pos, s := ClassScores(c.YTrue, c.Proba, 1)
				v, err = ROCAUC(pos, s)
				checkScalar(t, "roc_auc", w["roc_auc"], v, err)
				v, err = AveragePrecision(pos, s)
				checkScalar(t, "average_precision", w["average_precision"], v, err)
				v, err = Brier(pos, s)
				checkScalar(t, "brier", w["brier"], v, err)
				return
			}
			v, err = ROCAUCOvR(c.YTrue, c.Proba, Macro)
			checkScalar(t, "roc_auc_ovr_macro", w["roc_auc_ovr_macro"], v, err)
			v, err = ROCAUCOvR(c.YTrue, c.Proba, Weighted)
			checkScalar(t, "roc_auc_ovr_weighted", w["roc_auc_ovr_weighted"], v, err)
			v, err = AveragePrecisionOvR(c.YTrue, c.Proba, Macro)
			checkScalar(t, "average_precision_ovr_macro", w["average_precision_ovr_macro"], v, err)
		})
	}
}

// TestClassification_RejectsBadInput covers the error contract.
func TestClassification_RejectsBadInput(t *testing.T) {
	cases := []struct {
		name string
		err  error
		run  func() error
	}{
		{"empty", ErrEmpty, func() error { _, err := NewConfusion(nil, nil, 2); return err }},
		{"lengths", ErrLength, func() error { _, err := NewConfusion([]int{0, 1}, []int{0}, 2); return err }},
		{"class out of range", ErrClass, func() error { _, err := NewConfusion([]int{0, 2}, []int{0, 1}, 2); return err }},
		{"negative class", ErrClass, func() error { _, err := LogLoss([]int{-1}, [][]float64{{0.5, 0.5}}); return err }},
		{"ragged proba", ErrLength, func() error { _, err := LogLoss([]int{0, 1}, [][]float64{{0.5, 0.5}, {1}}); return err }},
		{"NaN proba", ErrNotFinite, func() error {
			_, err := ROCAUCOvR([]int{0, 1, 2}, [][]float64{{1, 0, 0}, {0, nan(), 0}, {0, 0, 1}}, Macro)
			return err
		}},
		{"NaN score", ErrNotFinite, func() error { _, err := ROCAUC([]bool{true, false}, []float64{nan(), 0}); return err }},
		{"one class AUC", ErrUndefined, func() error { _, err := ROCAUC([]bool{true, true}, []float64{0.1, 0.2}); return err }},
		{"Brier outside [0,1]", ErrProbability, func() error { _, err := Brier([]bool{true}, []float64{1.5}); return err }},
		{"one-column log loss", ErrUndefined, func() error { _, err := LogLoss([]int{0}, [][]float64{{1}}); return err }},
	}
	for _, c := range cases {
		if err := c.run(); !errors.Is(err, c.err) {
			t.Errorf("%s: got %v, want %v", c.name, err, c.err)
		}
	}
}
