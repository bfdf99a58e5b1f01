package metrics

import "strconv"

// Precision returns the share of rows predicted as class that truly are;
// 0 when nothing was predicted as class (scikit-learn's zero_division
// default, which also warns).
func (c *Confusion) Precision(class int) float64 {
	return ratio(c.At(class, class), c.pred[class])
}

// Recall returns the share of rows of class that were predicted as it; 0
// when class does not occur in the truth.
func (c *Confusion) Recall(class int) float64 {
	return ratio(c.At(class, class), c.truth[class])
}

// F1 returns the harmonic mean of Precision and Recall of class; 0 when
// both are 0.
func (c *Confusion) F1(class int) float64 {
	return f1(c.Precision(class), c.Recall(class))
}

func ratio(num, den int) float64 {
	if den == 0 {
		return 0
	}
	return float64(num) / float64(den)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Average says how per-class precision, recall and F1 are combined.
type Average int

// The averages of scikit-learn's precision_recall_fscore_support.
const (
	// Macro is the unweighted mean over the classes present in the truth
	// or the predictions.
	Macro Average = iota
	// Weighted is the mean weighted by each class's support.
	Weighted
	// Micro pools the counts of all classes; for single-label problems
	// precision, recall and F1 all equal the accuracy.
	Micro
)

// String returns "macro", "weighted" or "micro".
func (a Average) String() string {
	switch a {
	case Weighted:
		return "weighted"
	case Micro:
		return "micro"
	}
	return "macro"
}

// PRF holds a precision, a recall and an F1 score.
type PRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Averaged returns precision, recall and F1 combined by avg. Macro F1 is
// the mean of the per-class F1 scores, not the F1 of the macro precision
// and recall, as in scikit-learn.
func (c *Confusion) Averaged(avg Average) PRF {
	if avg == Micro {
		a := c.Accuracy()
		return PRF{a, a, a}
	}
	var out PRF
	var wsum float64
	for i := 0; i < c.k; i++ {
		if !c.Present(i) {
			continue
		}
		w := 1.0
		if avg == Weighted {
			w = float64(c.truth[i])
		}
		out.Precision += w * c.Precision(i)
		out.Recall += w * c.Recall(i)
		out.F1 += w * c.F1(i)
		wsum += w
	}
	if wsum == 0 {
		return PRF{}
	}
	return PRF{out.Precision / wsum, out.Recall / wsum, out.F1 / wsum}
}

// ClassRow is one line of a classification report.
type ClassRow struct {
	Class int    `json:"class"`
	Label string `json:"label"`
	PRF
	Support int `json:"support"`
}

// ClassReport is scikit-learn's classification_report as data: one row per
// class present in the truth or the predictions, the accuracy, and the
// macro and weighted averages over those rows.
type ClassReport struct {
	Classes  []ClassRow `json:"classes"`
	Accuracy float64    `json:"accuracy"`
	Macro    PRF        `json:"macro_avg"`
	Weighted PRF        `json:"weighted_avg"`
	Support  int        `json:"support"`
}

// Report builds the classification report; labels names the classes (nil
// or short: the class index is used as its label).
func (c *Confusion) Report(labels []string) *ClassReport {
	r := &ClassReport{Accuracy: c.Accuracy(), Macro: c.Averaged(Macro), Weighted: c.Averaged(Weighted), Support: c.n}
	for i := 0; i < c.k; i++ {
		if !c.Present(i) {
			continue
		}
		row := ClassRow{Class: i, Label: classLabel(labels, i), Support: c.truth[i],
			PRF: PRF{c.Precision(i), c.Recall(i), c.F1(i)}}
		r.Classes = append(r.Classes, row)
	}
	return r
}

func classLabel(labels []string, i int) string {
	if i < len(labels) {
		return labels[i]
	}
	return strconv.Itoa(i)
}
