package metrics

import (
	"encoding/json"
	"fmt"
	"testing"
)

// binaryCases yields the two-class fixtures with the truth and the scores
// of class 1.
func binaryCases(t *testing.T, f func(t *testing.T, c clfCase, pos []bool, s []float64)) {
	for _, c := range loadFixtures(t).Classification {
		if c.K != 2 {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			pos, s := ClassScores(c.YTrue, c.Proba, 1)
			f(t, c, pos, s)
		})
	}
}

// TestROCCurve_MatchesScikitLearn compares with roc_curve, with and
// without drop_intermediate. Where scikit-learn returns NaN rates (one
// class in the truth), ROCCurve returns an error by design.
func TestROCCurve_MatchesScikitLearn(t *testing.T) {
	binaryCases(t, func(t *testing.T, c clfCase, pos []bool, s []float64) {
		for key, drop := range map[string]bool{"roc_curve": true, "roc_curve_all": false} {
			want := tuple(t, c.Want[key])
			roc, err := ROCCurve(pos, s, drop)
			if hasNaN(want[0]) || hasNaN(want[1]) {
				if err == nil {
					t.Errorf("%s: want an error where scikit-learn gives NaN rates", key)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", key, err)
			}
			checkSlice(t, key+" fpr", want[0], roc.FPR)
			checkSlice(t, key+" tpr", want[1], roc.TPR)
			checkSlice(t, key+" thresholds", want[2], roc.Thresholds)
		}
	})
}

func hasNaN(v []float64) bool {
	for _, x := range v {
		if x != x {
			return true
		}
	}
	return false
}

// TestPRCurve_MatchesScikitLearn compares with precision_recall_curve.
func TestPRCurve_MatchesScikitLearn(t *testing.T) {
	binaryCases(t, func(t *testing.T, c clfCase, pos []bool, s []float64) {
		want := tuple(t, c.Want["pr_curve"])
		pr, err := PRCurve(pos, s)
		if err != nil {
			t.Fatal(err)
		}
		checkSlice(t, "precision", want[0], pr.Precision)
		checkSlice(t, "recall", want[1], pr.Recall)
		checkSlice(t, "thresholds", want[2], pr.Thresholds)
	})
}

// TestCalibrationCurve_MatchesScikitLearn compares with
// sklearn.calibration.calibration_curve, uniform and quantile bins.
func TestCalibrationCurve_MatchesScikitLearn(t *testing.T) {
	cases := []struct {
		key     string
		bins    int
		binning Binning
	}{
		{"calibration_uniform_5", 5, Uniform}, {"calibration_uniform_10", 10, Uniform},
		{"calibration_quantile_4", 4, Quantile}, {"calibration_quantile_10", 10, Quantile},
	}
	binaryCases(t, func(t *testing.T, c clfCase, pos []bool, s []float64) {
		for _, cc := range cases {
			want := tuple(t, c.Want[cc.key]) // prob_true, prob_pred
			bins, err := CalibrationCurve(pos, s, cc.bins, cc.binning)
			if err != nil {
				t.Fatalf("%s: %v", cc.key, err)
			}
			var frac, mean []float64
			total := 0
			for _, b := range bins {
				frac = append(frac, b.FractionPositive)
				mean = append(mean, b.MeanPredicted)
				total += b.Count
			}
			checkSlice(t, cc.key+" fraction positive", want[0], frac)
			checkSlice(t, cc.key+" mean predicted", want[1], mean)
			if total != len(s) {
				t.Errorf("%s: bins hold %d rows, want %d", cc.key, total, len(s))
			}
		}
	})
}

// TestGain_MatchesReference compares the lift tables with the numpy
// reference of make_fixtures.py (gain_table: expected positives in the top
// share of rows, ties shared in proportion).
func TestGain_MatchesReference(t *testing.T) {
	binaryCases(t, func(t *testing.T, c clfCase, pos []bool, s []float64) {
		g, err := CumulativeGain(pos, s)
		for key, n := range map[string]int{"gain_deciles": 10, "gain_quintiles": 5} {
			if refError(c.Want[key]) {
				if err == nil {
					t.Errorf("%s: want an error when no row is positive", key)
				}
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			var want []struct {
				UpTo, Gain, CumulativeLift, Lift float64
			}
			if err := json.Unmarshal(fixKeys(c.Want[key]), &want); err != nil {
				t.Fatal(err)
			}
			rows := g.Table(n)
			for i, w := range want {
				r := rows[i]
				got := []float64{r.UpTo, r.Gain, r.CumulativeLift, r.Lift}
				checkSlice(t, fmt.Sprintf("%s slice %d", key, i+1), []float64{w.UpTo, w.Gain, w.CumulativeLift, w.Lift}, got)
			}
		}
	})
}

// fixKeys maps the reference's snake_case keys onto field names.
func fixKeys(raw json.RawMessage) json.RawMessage {
	var rows []map[string]float64
	_ = json.Unmarshal(raw, &rows)
	out := make([]map[string]float64, len(rows))
	for i, r := range rows {
		out[i] = map[string]float64{"UpTo": r["up_to"], "Gain": r["gain"], "CumulativeLift": r["cumulative_lift"], "Lift": r["lift"]}
	}
	b, _ := json.Marshal(out)
	return b
}

// TestThresholdExplorer_MatchesScikitLearn compares At with
// confusion_matrix(y, score >= t) and f1_score, BestF1 with the maximum
// over precision_recall_curve and MinCost with a brute-force search.
func TestThresholdExplorer_MatchesScikitLearn(t *testing.T) {
	binaryCases(t, func(t *testing.T, c clfCase, pos []bool, s []float64) {
		var want struct {
			CostFP float64 `json:"cost_fp"`
			CostFN float64 `json:"cost_fn"`
			At     []struct {
				T              float64
				TP, FP, TN, FN int
				F1             float64
			}
			BestF1  struct{ T, F1 float64 }   `json:"best_f1"`
			MinCost struct{ T, Cost float64 } `json:"min_cost"`
		}
		if err := json.Unmarshal(c.Want["thresholds"], &want); err != nil {
			t.Fatal(err)
		}
		e, err := NewThresholdExplorer(pos, s, Costs{FalsePositive: want.CostFP, FalseNegative: want.CostFN})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want.At {
			got := e.At(w.T)
			if got.TP != w.TP || got.FP != w.FP || got.TN != w.TN || got.FN != w.FN || !near(got.F1, w.F1) {
				t.Errorf("At(%v) = %+v, scikit-learn tp=%d fp=%d tn=%d fn=%d f1=%v", w.T, got, w.TP, w.FP, w.TN, w.FN, w.F1)
			}
		}
		if b := e.BestF1(); b.Threshold != want.BestF1.T || !near(b.F1, want.BestF1.F1) {
			t.Errorf("BestF1 = %v (F1 %v), reference %v (F1 %v)", b.Threshold, b.F1, want.BestF1.T, want.BestF1.F1)
		}
		if m := e.MinCost(); m.Threshold != want.MinCost.T || m.Cost != want.MinCost.Cost {
			t.Errorf("MinCost = %v (cost %v), reference %v (cost %v)", m.Threshold, m.Cost, want.MinCost.T, want.MinCost.Cost)
		}
	})
}
