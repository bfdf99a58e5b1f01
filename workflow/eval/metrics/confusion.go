package metrics

import (
	"fmt"
	"math"
)

// Confusion is a k×k confusion matrix of counts: At(t, p) is the number of
// rows whose true class is t and whose predicted class is p. It is built
// once by NewConfusion and then only read; the metrics that depend on hard
// predictions alone are its methods.
//
// Averages over classes ("macro") use the classes present in the truth or
// the predictions, as scikit-learn does when no labels are given; a class
// the model knows but that occurs in neither does not pull a macro average
// down.
type Confusion struct {
	k      int
	counts []int // row-major: counts[t*k+p]
	truth  []int // per class: rows whose true class it is (support)
	pred   []int // per class: rows predicted as it
	n      int
}

// NewConfusion counts yTrue against yPred for k classes. It fails when the
// lengths differ, there are no rows or an index is outside 0..k-1.
func NewConfusion(yTrue, yPred []int, k int) (*Confusion, error) {
	if err := checkLen("confusion matrix", len(yTrue), len(yPred)); err != nil {
		return nil, err
	}
	if k < 1 {
		return nil, fmt.Errorf("confusion matrix: %d classes: %w", k, ErrClass)
	}
	if err := checkClasses("true classes", yTrue, k); err != nil {
		return nil, err
	}
	if err := checkClasses("predicted classes", yPred, k); err != nil {
		return nil, err
	}
	c := &Confusion{k: k, counts: make([]int, k*k), truth: make([]int, k), pred: make([]int, k), n: len(yTrue)}
	for i, t := range yTrue {
		p := yPred[i]
		c.counts[t*k+p]++
		c.truth[t]++
		c.pred[p]++
	}
	return c, nil
}

// Classes returns k, the number of classes.
func (c *Confusion) Classes() int { return c.k }

// Total returns the number of rows counted.
func (c *Confusion) Total() int { return c.n }

// At returns the count of rows of true class t predicted as class p.
func (c *Confusion) At(t, p int) int { return c.counts[t*c.k+p] }

// Support returns the number of rows whose true class is class.
func (c *Confusion) Support(class int) int { return c.truth[class] }

// Predicted returns the number of rows predicted as class.
func (c *Confusion) Predicted(class int) int { return c.pred[class] }

// Present reports whether class occurs in the truth or the predictions.
func (c *Confusion) Present(class int) bool { return c.truth[class] > 0 || c.pred[class] > 0 }

// Counts returns a fresh copy of the matrix, [true][predicted].
func (c *Confusion) Counts() [][]int {
	out := make([][]int, c.k)
	for t := range out {
		out[t] = append([]int(nil), c.counts[t*c.k:(t+1)*c.k]...)
	}
	return out
}

// Normalization says what a normalised confusion matrix divides by.
type Normalization int

// The normalisations of scikit-learn's confusion_matrix(normalize=...).
const (
	ByTrue Normalization = iota // each row sums to 1: the recall of each class on the diagonal
	ByPred                      // each column sums to 1: the precision of each class on the diagonal
	ByAll                       // the whole matrix sums to 1
)

// Normalized returns the matrix divided by row sums, column sums or the
// total. A row or column with no rows holds zeros (as scikit-learn's
// nan_to_num).
func (c *Confusion) Normalized(by Normalization) [][]float64 {
	out := make([][]float64, c.k)
	for t := range out {
		out[t] = make([]float64, c.k)
		for p := range out[t] {
			var d int
			switch by {
			case ByTrue:
				d = c.truth[t]
			case ByPred:
				d = c.pred[p]
			default:
				d = c.n
			}
			if d > 0 {
				out[t][p] = float64(c.At(t, p)) / float64(d)
			}
		}
	}
	return out
}

// Accuracy returns the share of rows predicted correctly.
func (c *Confusion) Accuracy() float64 { return float64(c.trace()) / float64(c.n) }

func (c *Confusion) trace() int {
	s := 0
	for i := 0; i < c.k; i++ {
		s += c.At(i, i)
	}
	return s
}

// BalancedAccuracy returns the mean recall over the classes that occur in
// the truth (scikit-learn's balanced_accuracy_score, adjusted=False).
func (c *Confusion) BalancedAccuracy() float64 {
	sum, m := 0.0, 0
	for i := 0; i < c.k; i++ {
		if c.truth[i] > 0 {
			sum += float64(c.At(i, i)) / float64(c.truth[i])
			m++
		}
	}
	return sum / float64(m)
}

// MCC returns the Matthews correlation coefficient in its multiclass form
// (Gorodkin 2004, as scikit-learn's matthews_corrcoef). It is 0 when either
// the truth or the predictions hold a single class.
func (c *Confusion) MCC() float64 {
	n := float64(c.n)
	var tp, pp, tt float64
	for i := 0; i < c.k; i++ {
		tp += float64(c.truth[i]) * float64(c.pred[i])
		pp += float64(c.pred[i]) * float64(c.pred[i])
		tt += float64(c.truth[i]) * float64(c.truth[i])
	}
	cov := float64(c.trace())*n - tp
	vp, vt := n*n-pp, n*n-tt
	if vp*vt == 0 {
		return 0
	}
	return cov / math.Sqrt(vt*vp)
}

// Kappa returns Cohen's kappa between the truth and the predictions,
// unweighted (scikit-learn's cohen_kappa_score). It is NaN when both use a
// single, identical class, where agreement by chance is already complete.
func (c *Confusion) Kappa() float64 {
	n := float64(c.n)
	var observed, expected float64
	for t := 0; t < c.k; t++ {
		for p := 0; p < c.k; p++ {
			if t == p {
				continue
			}
			observed += float64(c.At(t, p))
			expected += float64(c.truth[t]) * float64(c.pred[p]) / n
		}
	}
	return 1 - observed/expected
}
