package knn

import (
	"context"
	"fmt"
	"slices"

	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/progress"
)

// The choices of KNN's string fields.
const (
	Uniform   = "uniform"   // every neighbour votes equally
	Distance  = "distance"  // neighbours vote with weight 1/distance
	Euclidean = "euclidean" // straight-line distance
	Manhattan = "manhattan" // sum of absolute differences
	Auto      = "auto"      // a k-d tree when the rows spread in at most MaxTreeSpread directions, else brute force
	KDTree    = "kd_tree"
	Brute     = "brute"
)

// MaxTreeSpread is the largest participation ratio (Σλ)²/Σλ² of the
// training rows' covariance eigenvalues λ (about the number of directions
// they really spread in) for which Auto picks the k-d tree. Measured on
// round Gaussian clouds of 80k rows, the tree and the full scan cost the
// same at 14 directions and the tree lost by 2× at 20; correlated real
// features usually spread in far fewer directions than there are columns
// (4.7 for the 20 columns of the mbbench file).
const MaxTreeSpread = 12

// KNN is k-nearest neighbours for classification (majority or
// distance-weighted vote, ties to the lowest class index) and regression
// (mean or distance-weighted mean). Neighbours at equal distance are
// ranked by training row, so every search strategy returns the same
// neighbours. A neighbour at distance 0 takes all the weight under
// Distance weighting (as scikit-learn does). The zero value is k = 5,
// uniform, euclidean, Auto.
type KNN struct {
	K         int    // neighbours per prediction; 0 means 5
	Weights   string // Uniform (or "") or Distance
	Metric    string // Euclidean (or "") or Manhattan
	Algorithm string // Auto (or ""), KDTree or Brute; results are the same
}

// Name returns "knn".
func (KNN) Name() string { return "knn" }

// Supports reports true for both tasks.
func (KNN) Supports(model.Task) bool { return true }

// Params describes the parameters.
func (KNN) Params() []param.Spec { return specs }

func init() {
	model.Register(model.Entry{Name: "knn", Label: "k-nearest neighbours", Help: help,
		Tasks: []model.Task{model.Classification, model.Regression}, Params: specs,
		New: func(_ model.Task, v param.Values) (model.Learner, error) {
			return KNN{K: v.Int("k"), Weights: v.String("weights"), Metric: v.String("metric"), Algorithm: v.String("algorithm")}, nil
		}})
	model.RegisterDecoder("knn", decode)
}

// settings are the resolved options of a KNN.
type settings struct {
	K         int    `json:"k"`
	Weights   string `json:"weights"`
	Metric    string `json:"metric"`
	Algorithm string `json:"algorithm"`
}

func (l KNN) settings() (settings, error) {
	s := settings(l)
	if s.K == 0 {
		s.K = 5
	}
	if s.Weights == "" {
		s.Weights = Uniform
	}
	if s.Metric == "" {
		s.Metric = Euclidean
	}
	if s.Algorithm == "" {
		s.Algorithm = Auto
	}
	return s, s.validate()
}

func (s settings) validate() error {
	switch {
	case s.K < 1:
		return fmt.Errorf("knn: k must be at least 1, not %d", s.K)
	case s.Weights != Uniform && s.Weights != Distance:
		return fmt.Errorf("knn: unknown weights %q", s.Weights)
	case s.Metric != Euclidean && s.Metric != Manhattan:
		return fmt.Errorf("knn: unknown metric %q", s.Metric)
	case s.Algorithm != Auto && s.Algorithm != KDTree && s.Algorithm != Brute:
		return fmt.Errorf("knn: unknown algorithm %q", s.Algorithm)
	}
	return nil
}

// Fit stores the training rows (row-major) and builds the search structure.
// k larger than the number of rows uses every row. Missing values give
// model.ErrMissingValues.
func (l KNN) Fit(ctx context.Context, d *model.Dataset, report progress.Func) (model.Model, error) {
	if err := model.CheckFit(ctx, l, d, false); err != nil {
		return nil, err
	}
	s, err := l.settings()
	if err != nil {
		return nil, err
	}
	n, p := d.Rows(), len(d.X)
	data := make([]float64, n*p)
	for j, col := range d.X {
		for i, v := range col {
			data[i*p+j] = v
		}
	}
	m := &Fitted{task: d.Task, features: slices.Clone(d.Features), classes: slices.Clone(d.Classes),
		s: s, orig: data, y: slices.Clone(d.Y)}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.index()
	report.Send(1, fmt.Sprintf("stored %d training rows", n))
	return m, nil
}
