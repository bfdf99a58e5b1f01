package monitor

import (
	"math"
	"slices"
)

// LiveMetrics are the model's scores on the requests whose true outcome has
// arrived. They are computed here rather than with workflow/eval/metrics,
// which reaches workflow/model and through it workflow/eda and gota, none
// of which the scoring service may link; the definitions are
// scikit-learn's and are tested against it.
type LiveMetrics struct {
	Task Task `json:"task"`
	// Rows counts the requests with both a prediction and feedback.
	Rows int `json:"rows"`
	// Metrics by name: accuracy, balanced_accuracy and f1_macro for
	// classification; rmse, mae and r2 for regression. A metric that is
	// not defined on these rows (R² of one row) is left out.
	Metrics map[string]float64 `json:"metrics"`
}

// liveAcc gathers prediction/truth pairs.
type liveAcc struct {
	task       Task
	feedback   int
	predLabels []string
	trueLabels []string
	predValues []float64
	trueValues []float64
	// times are the pairs' request times (Unix nanoseconds, 0 for none).
	times []int64
}

func (l *liveAcc) add(pred, truth any, at int64) {
	if truth == nil {
		return
	}
	l.feedback++
	if l.task == Classification {
		p, okp := predictionLabel(pred)
		t, okt := predictionLabel(truth)
		if okp && okt {
			l.predLabels = append(l.predLabels, p)
			l.trueLabels = append(l.trueLabels, t)
			l.times = append(l.times, at)
		}
		return
	}
	p, okp := predictionValue(pred)
	t, okt := predictionValue(truth)
	if okp && okt {
		l.predValues = append(l.predValues, p)
		l.trueValues = append(l.trueValues, t)
		l.times = append(l.times, at)
	}
}

func (l *liveAcc) merge(o *liveAcc) {
	l.feedback += o.feedback
	l.predLabels = append(l.predLabels, o.predLabels...)
	l.trueLabels = append(l.trueLabels, o.trueLabels...)
	l.predValues = append(l.predValues, o.predValues...)
	l.trueValues = append(l.trueValues, o.trueValues...)
	l.times = append(l.times, o.times...)
}

func (l *liveAcc) metrics() *LiveMetrics {
	var m map[string]float64
	n := len(l.trueLabels)
	if l.task == Classification {
		if n == 0 {
			return nil
		}
		m = classificationMetrics(l.trueLabels, l.predLabels)
	} else {
		n = len(l.trueValues)
		if n == 0 {
			return nil
		}
		m = regressionMetrics(l.trueValues, l.predValues)
	}
	for k, v := range m {
		if !finite(v) {
			delete(m, k)
		}
	}
	return &LiveMetrics{Task: l.task, Rows: n, Metrics: m}
}

// classificationMetrics computes, as scikit-learn 1.2 does on label
// arrays: accuracy_score; balanced_accuracy_score (the mean recall over
// the classes present in truth); and f1_score(average="macro") over the
// sorted union of true and predicted labels, where a label never predicted
// or never true has F1 = 2·tp/(2·tp + fp + fn), 0 when tp = 0. truth and
// pred have the same, non-zero length.
func classificationMetrics(truth, pred []string) map[string]float64 {
	labels := slices.Concat(truth, pred)
	slices.Sort(labels)
	labels = slices.Compact(labels)
	idx := make(map[string]int, len(labels))
	for i, l := range labels {
		idx[l] = i
	}
	tp := make([]float64, len(labels))
	trueN := make([]float64, len(labels))
	predN := make([]float64, len(labels))
	correct := 0.0
	for i := range truth {
		t, p := idx[truth[i]], idx[pred[i]]
		trueN[t]++
		predN[p]++
		if t == p {
			tp[t]++
			correct++
		}
	}
	recall, present, f1 := 0.0, 0.0, 0.0
	for k := range labels {
		if trueN[k] > 0 {
			recall += tp[k] / trueN[k]
			present++
		}
		if tp[k] > 0 {
			f1 += 2 * tp[k] / (trueN[k] + predN[k])
		}
	}
	return map[string]float64{
		"accuracy":          correct / float64(len(truth)),
		"balanced_accuracy": recall / present,
		"f1_macro":          f1 / float64(len(labels)),
	}
}

// regressionMetrics computes mean_squared_error's square root,
// mean_absolute_error and r2_score as scikit-learn 1.2 does: R² is
// 1 − SS_res/SS_tot, 1 when both are 0, 0 when only SS_tot is, and NaN
// (left out) for a single row.
func regressionMetrics(truth, pred []float64) map[string]float64 {
	n := float64(len(truth))
	mean := sum(truth) / n
	var sse, sae, sst float64
	for i := range truth {
		e := truth[i] - pred[i]
		sse += e * e
		sae += math.Abs(e)
		sst += (truth[i] - mean) * (truth[i] - mean)
	}
	r2 := math.NaN()
	switch {
	case len(truth) < 2:
	case sst == 0 && sse == 0:
		r2 = 1
	case sst == 0:
		r2 = 0
	default:
		r2 = 1 - sse/sst
	}
	return map[string]float64{"rmse": math.Sqrt(sse / n), "mae": sae / n, "r2": r2}
}
