package metrics

// ROC is a receiver operating characteristic curve: at Thresholds[i], the
// rows scoring at least that much are called positive, giving the false
// and true positive rates FPR[i] and TPR[i]. Thresholds decrease; the
// first point is (0, 0) with the threshold max(score)+1, which calls no
// row positive (scikit-learn 1.2; later versions write +Inf there, which
// JSON cannot hold).
type ROC struct {
	FPR        []float64 `json:"fpr"`
	TPR        []float64 `json:"tpr"`
	Thresholds []float64 `json:"thresholds"`
}

// ROCCurve computes the ROC curve of a binary problem as scikit-learn's
// roc_curve. With dropIntermediate, points collinear with their neighbours
// are dropped (they never show on a plot and do not change the area).
// Unlike scikit-learn, which returns NaN rates with a warning, it fails
// unless both classes occur in the truth.
func ROCCurve(positive []bool, score []float64, dropIntermediate bool) (*ROC, error) {
	r, err := newRanking("ROC curve", positive, score)
	if err != nil {
		return nil, err
	}
	if err := r.needBoth("a ROC curve"); err != nil {
		return nil, err
	}
	keep := make([]int, 0, len(r.thr))
	last := len(r.thr) - 1
	for i := range r.thr {
		if !dropIntermediate || last < 2 || i == 0 || i == last ||
			r.fps[i-1]-2*r.fps[i]+r.fps[i+1] != 0 || r.tps[i-1]-2*r.tps[i]+r.tps[i+1] != 0 {
			keep = append(keep, i)
		}
	}
	out := &ROC{
		FPR:        make([]float64, 0, len(keep)+1),
		TPR:        make([]float64, 0, len(keep)+1),
		Thresholds: make([]float64, 0, len(keep)+1),
	}
	out.FPR = append(out.FPR, 0)
	out.TPR = append(out.TPR, 0)
	out.Thresholds = append(out.Thresholds, r.thr[0]+1)
	for _, i := range keep {
		out.FPR = append(out.FPR, float64(r.fps[i])/float64(r.neg))
		out.TPR = append(out.TPR, float64(r.tps[i])/float64(r.pos))
		out.Thresholds = append(out.Thresholds, r.thr[i])
	}
	return out, nil
}

// PR is a precision–recall curve in scikit-learn's layout: Thresholds
// increase; Precision[i] and Recall[i] belong to calling positive the rows
// scoring at least Thresholds[i]; one final point (precision 1, recall 0)
// has no threshold, so Precision and Recall are one longer.
type PR struct {
	Precision  []float64 `json:"precision"`
	Recall     []float64 `json:"recall"`
	Thresholds []float64 `json:"thresholds"`
}

// PRCurve computes the precision–recall curve of a binary problem as
// scikit-learn's precision_recall_curve. With no positive row, recall is
// 1 at every threshold, as scikit-learn sets it (with a warning).
func PRCurve(positive []bool, score []float64) (*PR, error) {
	r, err := newRanking("precision-recall curve", positive, score)
	if err != nil {
		return nil, err
	}
	n := len(r.thr)
	out := &PR{Precision: make([]float64, n+1), Recall: make([]float64, n+1), Thresholds: make([]float64, n)}
	for i := range r.thr {
		j := n - 1 - i
		out.Thresholds[j] = r.thr[i]
		out.Precision[j] = ratio(r.tps[i], r.tps[i]+r.fps[i])
		out.Recall[j] = 1
		if r.pos > 0 {
			out.Recall[j] = float64(r.tps[i]) / float64(r.pos)
		}
	}
	out.Precision[n] = 1
	return out, nil
}
