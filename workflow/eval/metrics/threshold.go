package metrics

import "sort"

// Cut is the outcome of calling positive every row that scores at least
// Threshold: the confusion counts and the metrics that follow from them.
// Ratios with a zero denominator are 0, as in scikit-learn.
type Cut struct {
	Threshold   float64 `json:"threshold"`
	TP          int     `json:"tp"`
	FP          int     `json:"fp"`
	TN          int     `json:"tn"`
	FN          int     `json:"fn"`
	Precision   float64 `json:"precision"`
	Recall      float64 `json:"recall"` // also the true positive rate
	F1          float64 `json:"f1"`
	Accuracy    float64 `json:"accuracy"`
	Specificity float64 `json:"specificity"` // 1 − false positive rate
	Cost        float64 `json:"cost"`        // FP·Costs.FalsePositive + FN·Costs.FalseNegative
}

// Costs prices the two kinds of mistake, in any unit. The zero value makes
// every threshold free.
type Costs struct {
	FalsePositive float64 `json:"false_positive"`
	FalseNegative float64 `json:"false_negative"`
}

// ThresholdExplorer answers "what if the decision threshold were t?" for a
// binary scorer. It sorts the scores once (O(n log n)); each query is then
// a binary search (O(log n)), fast enough to follow a slider. It is
// immutable and safe for concurrent use.
type ThresholdExplorer struct {
	r     *ranking
	costs Costs
}

// NewThresholdExplorer sorts the scores of a binary problem; costs price
// the mistakes for Cut.Cost and MinCost. It fails on no rows, differing
// lengths or non-finite scores.
func NewThresholdExplorer(positive []bool, score []float64, costs Costs) (*ThresholdExplorer, error) {
	r, err := newRanking("threshold explorer", positive, score)
	if err != nil {
		return nil, err
	}
	return &ThresholdExplorer{r: r, costs: costs}, nil
}

// WithCosts returns an explorer of the same scores that prices mistakes
// with c; e is unchanged.
func (e *ThresholdExplorer) WithCosts(c Costs) *ThresholdExplorer {
	return &ThresholdExplorer{r: e.r, costs: c}
}

// Costs returns the prices of the mistakes the explorer uses.
func (e *ThresholdExplorer) Costs() Costs { return e.costs }

// Thresholds returns the thresholds where the outcome changes, decreasing:
// max(score)+1 (no row called positive) and then every distinct score.
func (e *ThresholdExplorer) Thresholds() []float64 {
	return append([]float64{e.r.thr[0] + 1}, e.r.thr...)
}

// At returns the outcome at threshold t (rows with score ≥ t are positive).
func (e *ThresholdExplorer) At(t float64) Cut {
	// thr decreases: find how many distinct scores are ≥ t.
	i := sort.Search(len(e.r.thr), func(i int) bool { return e.r.thr[i] < t })
	return e.cut(t, i-1)
}

// cut builds the outcome when entries 0..i of the ranking are positive
// (i = −1: none).
func (e *ThresholdExplorer) cut(t float64, i int) Cut {
	r := e.r
	c := Cut{Threshold: t}
	if i >= 0 {
		c.TP, c.FP = r.tps[i], r.fps[i]
	}
	c.FN, c.TN = r.pos-c.TP, r.neg-c.FP
	c.Precision = ratio(c.TP, c.TP+c.FP)
	c.Recall = ratio(c.TP, r.pos)
	c.F1 = f1(c.Precision, c.Recall)
	c.Accuracy = ratio(c.TP+c.TN, r.pos+r.neg)
	c.Specificity = ratio(c.TN, r.neg)
	c.Cost = float64(c.FP)*e.costs.FalsePositive + float64(c.FN)*e.costs.FalseNegative
	return c
}

// BestF1 returns the threshold with the highest F1 score among the
// distinct scores (the thresholds of PRCurve, so at least one row is
// called positive); among equal scores the highest threshold wins.
func (e *ThresholdExplorer) BestF1() Cut {
	return e.best(e.cut(e.r.thr[0], 0), func(a, b Cut) bool { return a.F1 > b.F1 })
}

// MinCost returns the threshold with the lowest total cost, including
// calling no row positive; among equal costs the highest threshold wins.
func (e *ThresholdExplorer) MinCost() Cut {
	return e.best(e.cut(e.r.thr[0]+1, -1), func(a, b Cut) bool { return a.Cost < b.Cost })
}

// best scans the distinct outcomes from the highest threshold down,
// starting with top, and keeps the first that no later one beats.
func (e *ThresholdExplorer) best(top Cut, better func(a, b Cut) bool) Cut {
	for i, t := range e.r.thr {
		if c := e.cut(t, i); better(c, top) {
			top = c
		}
	}
	return top
}
