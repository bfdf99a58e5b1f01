package metrics

import (
	"fmt"
	"math"
	"slices"
)

// ranking is a binary truth ordered by decreasing score and collapsed to
// one entry per distinct score: at entry i, tps[i] positives and fps[i]
// negatives score at least thr[i] (scikit-learn's _binary_clf_curve).
type ranking struct {
	thr      []float64
	tps, fps []int
	pos, neg int
}

// newRanking sorts the rows by score once; it fails on NaN or infinite
// scores, differing lengths or no rows. Positive and negative scores are
// sorted apart (plain float sorts, much faster than sorting pairs) and
// merged from the top.
func newRanking(what string, positive []bool, score []float64) (*ranking, error) {
	if err := checkLen(what, len(positive), len(score)); err != nil {
		return nil, err
	}
	if err := checkFinite(what+" scores", score); err != nil {
		return nil, err
	}
	var pos, neg []float64
	for i, s := range score {
		if positive[i] {
			pos = append(pos, s)
		} else {
			neg = append(neg, s)
		}
	}
	slices.Sort(pos)
	slices.Sort(neg)
	r := &ranking{pos: len(pos), neg: len(neg)}
	i, j, tp, fp := len(pos)-1, len(neg)-1, 0, 0
	for i >= 0 || j >= 0 {
		t := math.Inf(-1)
		if i >= 0 {
			t = pos[i]
		}
		if j >= 0 && neg[j] > t {
			t = neg[j]
		}
		for ; i >= 0 && pos[i] == t; i-- {
			tp++
		}
		for ; j >= 0 && neg[j] == t; j-- {
			fp++
		}
		r.thr = append(r.thr, t)
		r.tps = append(r.tps, tp)
		r.fps = append(r.fps, fp)
	}
	return r, nil
}

// needBoth fails unless both classes occur in the truth.
func (r *ranking) needBoth(what string) error {
	if r.pos == 0 || r.neg == 0 {
		return fmt.Errorf("%s needs both positive and negative rows in the truth (found %d positive, %d negative): %w",
			what, r.pos, r.neg, ErrUndefined)
	}
	return nil
}

// auc is the trapezoidal area under the ROC curve, computed on counts and
// divided once, so that it is exact for tie-free integer counts.
func (r *ranking) auc() float64 {
	var area float64
	prevTP, prevFP := 0, 0
	for i := range r.thr {
		area += float64(r.fps[i]-prevFP) * float64(r.tps[i]+prevTP)
		prevTP, prevFP = r.tps[i], r.fps[i]
	}
	return area / 2 / (float64(r.pos) * float64(r.neg))
}

// ap is the step-wise average precision: Σ (Rᵢ − Rᵢ₋₁)·Pᵢ over decreasing
// thresholds. With no positive row scikit-learn sets recall to 1 and the
// result is 0.
func (r *ranking) ap() float64 {
	if r.pos == 0 {
		return 0
	}
	var sum float64
	prev := 0
	for i := range r.thr {
		if r.tps[i] != prev {
			sum += float64(r.tps[i]-prev) / float64(r.pos) * float64(r.tps[i]) / float64(r.tps[i]+r.fps[i])
			prev = r.tps[i]
		}
	}
	return sum
}

// ROCAUC returns the area under the ROC curve of a binary problem (scikit-
// learn's roc_auc_score): the probability that a random positive row
// scores above a random negative one, ties counting one half. It fails
// unless both classes occur.
func ROCAUC(positive []bool, score []float64) (float64, error) {
	r, err := newRanking("ROC AUC", positive, score)
	if err != nil {
		return 0, err
	}
	if err := r.needBoth("ROC AUC"); err != nil {
		return 0, err
	}
	return r.auc(), nil
}

// AveragePrecision returns the step-wise area under the precision–recall
// curve, without interpolation (scikit-learn's average_precision_score).
// With no positive row it is 0, as in scikit-learn (which also warns).
func AveragePrecision(positive []bool, score []float64) (float64, error) {
	r, err := newRanking("average precision", positive, score)
	if err != nil {
		return 0, err
	}
	return r.ap(), nil
}

// ROCAUCOvR returns the one-vs-rest ROC AUC of a multiclass problem: the
// AUC of each class's probability column against "this class or not",
// averaged by avg (Macro or Weighted by support), as scikit-learn's
// roc_auc_score(multi_class="ovr", labels=0..k-1). Like scikit-learn it
// fails when a class does not occur in the truth.
func ROCAUCOvR(yTrue []int, proba [][]float64, avg Average) (float64, error) {
	return ovr("ROC AUC", yTrue, proba, avg, func(r *ranking) (float64, error) {
		return r.auc(), r.needBoth("ROC AUC")
	})
}

// AveragePrecisionOvR returns the one-vs-rest average precision of a
// multiclass problem, as scikit-learn's average_precision_score on the
// label-binarised truth: a class absent from the truth scores 0 and counts
// in the Macro mean.
func AveragePrecisionOvR(yTrue []int, proba [][]float64, avg Average) (float64, error) {
	return ovr("average precision", yTrue, proba, avg, func(r *ranking) (float64, error) { return r.ap(), nil })
}

func ovr(what string, yTrue []int, proba [][]float64, avg Average, score func(*ranking) (float64, error)) (float64, error) {
	k, err := checkScored(what, yTrue, proba)
	if err != nil {
		return 0, err
	}
	if avg == Micro {
		return 0, fmt.Errorf("%s: the micro average is not offered for one-vs-rest: %w", what, ErrUndefined)
	}
	pos := make([]bool, len(yTrue))
	col := make([]float64, len(yTrue))
	var sum, wsum float64
	for c := 0; c < k; c++ {
		support := 0
		for i, y := range yTrue {
			pos[i], col[i] = y == c, proba[i][c]
			if pos[i] {
				support++
			}
		}
		r, err := newRanking(what, pos, col)
		if err != nil {
			return 0, err
		}
		s, err := score(r)
		if err != nil {
			return 0, fmt.Errorf("class %d: %w", c, err)
		}
		w := 1.0
		if avg == Weighted {
			w = float64(support)
		}
		sum += w * s
		wsum += w
	}
	return sum / wsum, nil
}

// ClassScores turns class indices and probabilities ([row][class]) into
// the binary form of the ranking functions for one class: positive is true
// where the true class is class, score is that class's probability column.
// For a binary problem, class 1 is the positive class.
func ClassScores(yTrue []int, proba [][]float64, class int) (positive []bool, score []float64) {
	positive = make([]bool, len(yTrue))
	score = make([]float64, len(yTrue))
	for i, y := range yTrue {
		positive[i] = y == class
		if i < len(proba) && class < len(proba[i]) {
			score[i] = proba[i][class]
		}
	}
	return positive, score
}
