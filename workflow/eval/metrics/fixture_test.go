package metrics

import (
	"encoding/json"
	"math"
	"os"
	"sync"
	"testing"
)

// The reference values in testdata/fixtures.json come from scikit-learn
// 1.2.1 (Debian's python3-sklearn), written by testdata/make_fixtures.py:
//
//	cd workflow/eval/metrics/testdata && /usr/bin/python3 make_fixtures.py > fixtures.json

// tol is the agreement demanded with scikit-learn where both compute the
// same sums in a different order.
const tol = 1e-9

type fixtures struct {
	Source         string    `json:"source"`
	Classification []clfCase `json:"classification"`
	Regression     []regCase `json:"regression"`
}

type clfCase struct {
	Name  string                     `json:"name"`
	K     int                        `json:"k"`
	YTrue []int                      `json:"y_true"`
	YPred []int                      `json:"y_pred"`
	Proba [][]float64                `json:"proba"`
	Want  map[string]json.RawMessage `json:"want"`
}

type regCase struct {
	Name  string                     `json:"name"`
	YTrue []float64                  `json:"y_true"`
	YPred []float64                  `json:"y_pred"`
	Want  map[string]json.RawMessage `json:"want"`
}

var (
	fixOnce sync.Once
	fix     fixtures
	fixErr  error
)

func loadFixtures(t *testing.T) fixtures {
	t.Helper()
	fixOnce.Do(func() {
		b, err := os.ReadFile("testdata/fixtures.json")
		if err != nil {
			fixErr = err
			return
		}
		fixErr = json.Unmarshal(b, &fix)
	})
	if fixErr != nil {
		t.Fatalf("reading fixtures: %v", fixErr)
	}
	return fix
}

// refError reports whether scikit-learn raised for this value.
func refError(raw json.RawMessage) bool {
	var e struct {
		Error string `json:"error"`
	}
	return json.Unmarshal(raw, &e) == nil && e.Error != ""
}

// num decodes a reference number ("nan" stands for NaN).
func num(t *testing.T, raw json.RawMessage) float64 {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("bad reference %s: %v", raw, err)
	}
	switch x := v.(type) {
	case float64:
		return x
	case string:
		if x == "nan" {
			return math.NaN()
		}
	}
	t.Fatalf("reference %s is not a number", raw)
	return 0
}

// nums decodes a reference list of numbers.
func nums(t *testing.T, raw json.RawMessage) []float64 {
	t.Helper()
	var vs []json.RawMessage
	if err := json.Unmarshal(raw, &vs); err != nil {
		t.Fatalf("bad reference list %s: %v", raw, err)
	}
	out := make([]float64, len(vs))
	for i, v := range vs {
		out[i] = num(t, v)
	}
	return out
}

func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b))
}

// checkScalar compares one metric with the reference: an error where
// scikit-learn raised, the value otherwise.
func checkScalar(t *testing.T, name string, want json.RawMessage, got float64, err error) {
	t.Helper()
	if refError(want) {
		if err == nil {
			t.Errorf("%s = %v, want an error as scikit-learn raises (%s)", name, got, want)
		}
		return
	}
	if err != nil {
		t.Errorf("%s: unexpected error %v (scikit-learn: %s)", name, err, want)
		return
	}
	if w := num(t, want); !near(got, w) {
		t.Errorf("%s = %.17g, scikit-learn %.17g", name, got, w)
	}
}

func checkSlice(t *testing.T, name string, want []float64, got []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s has %d values, scikit-learn %d:\n got %v\nwant %v", name, len(got), len(want), got, want)
		return
	}
	for i := range want {
		if !near(got[i], want[i]) {
			t.Errorf("%s[%d] = %.17g, scikit-learn %.17g", name, i, got[i], want[i])
			return
		}
	}
}

// matrix decodes a reference matrix.
func matrix(t *testing.T, raw json.RawMessage) [][]float64 {
	t.Helper()
	var rows []json.RawMessage
	if err := json.Unmarshal(raw, &rows); err != nil {
		t.Fatalf("bad reference matrix: %v", err)
	}
	out := make([][]float64, len(rows))
	for i, r := range rows {
		out[i] = nums(t, r)
	}
	return out
}

// tuple decodes a reference tuple of arrays (a curve).
func tuple(t *testing.T, raw json.RawMessage) [][]float64 { t.Helper(); return matrix(t, raw) }
