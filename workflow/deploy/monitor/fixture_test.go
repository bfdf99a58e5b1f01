package monitor

import (
	"encoding/json"
	"math"
	"os"
	"sync"
	"testing"
)

// fixtures are the reference values of testdata/make_fixtures.py (scipy,
// numpy, scikit-learn, pandas).
type fixtures struct {
	KS []struct {
		Name      string
		A, B      []float64
		Statistic float64
		PValue    float64 `json:"pvalue"`
	}
	KSAsymptotic struct {
		A, B       []float64
		Statistic  float64
		KstwobignP float64 `json:"kstwobign_p"`
		ScipyAutoP float64 `json:"scipy_auto_p"`
	} `json:"ks_asymptotic"`
	Kolmogorov []struct {
		Lambda float64
		SF     float64
	}
	Wasserstein []struct {
		Name       string
		U, V       []float64
		Distance   float64
		Normalized float64
	}
	ChiSquare []struct {
		Name      string
		Observed  []float64
		Expected  []float64
		Statistic float64
		PValue    float64 `json:"pvalue"`
	}
	JensenShannon []struct {
		P, Q     []float64
		Distance float64
	}
	PSI []struct {
		Name             string
		Reference        []float64
		Current          []float64
		ReferenceMissing int `json:"reference_missing"`
		CurrentMissing   int `json:"current_missing"`
		Edges            []float64
		ReferenceBins    []int `json:"reference_bins"`
		CurrentBins      []int `json:"current_bins"`
		PSI              float64
	}
	PSIEpsilon     float64 `json:"psi_epsilon"`
	Classification []struct {
		Truth, Pred      []string
		Accuracy         float64
		BalancedAccuracy float64 `json:"balanced_accuracy"`
		F1Macro          float64 `json:"f1_macro"`
	}
	Regression []struct {
		Truth, Pred   []float64
		RMSE, MAE, R2 float64
	}
	Latency struct {
		MS            []float64
		P50, P90, P99 float64
	}
	Datasets []datasetFixture
}

type datasetFixture struct {
	File    string
	Rows    int
	Numeric []struct {
		Name                string
		Missing             int
		Mean, Std, Min, Max float64
		Edges               []float64
		Bins                []int
		SampleLen           int     `json:"sample_len"`
		SampleSum           float64 `json:"sample_sum"`
		SampleFirst         float64 `json:"sample_first"`
		SampleMid           float64 `json:"sample_mid"`
		SampleLast          float64 `json:"sample_last"`
	}
	Levels []struct {
		Name    string
		Missing int
		Counts  map[string]int
	}
}

var (
	fixOnce sync.Once
	fix     fixtures
	fixErr  error
)

func loadFixtures(t *testing.T) *fixtures {
	t.Helper()
	fixOnce.Do(func() {
		raw, err := os.ReadFile("testdata/fixtures.json")
		if err != nil {
			fixErr = err
			return
		}
		fixErr = json.Unmarshal(raw, &fix)
	})
	if fixErr != nil {
		t.Fatal(fixErr)
	}
	return &fix
}

// close reports whether got is within tol of want, absolutely or relative
// to want's size.
func near(got, want, tol float64) bool {
	if math.IsInf(want, 0) || math.IsNaN(want) {
		return got == want || math.IsNaN(got) && math.IsNaN(want)
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}
