package linear

import (
	"context"
	"math"
	"testing"

	"modelbench/workflow/model/modeltest"
)

// The two coordinate-descent variants solve the same problem: on diabetes
// (scikit-learn's copy) they must agree to the tolerance.
func TestEnet_ResidualAndGramAgree(t *testing.T) {
	ref, err := modeltest.LoadReference(qualityDir)
	if err != nil {
		t.Fatal(err)
	}
	ds := ref.Datasets["diabetes"]
	train, _, err := modeltest.LoadSplit(qualityDir, "diabetes", ds.ModelTask(), ds.Classes)
	if err != nil {
		t.Fatal(err)
	}
	A, y, _, _ := centred(train.X, train.Y, true, 0)
	for _, c := range []struct{ l1, l2 float64 }{{0.1, 0}, {0.05, 0.05}, {1, 0.5}} {
		w1, _, err1 := enet(context.Background(), A, y, c.l1, c.l2, 100000, 1e-12, nil)
		w2, _, err2 := enetGram(context.Background(), A, y, c.l1, c.l2, 100000, 1e-12, nil)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		for j := range w1 {
			if math.Abs(w1[j]-w2[j]) > 1e-6 {
				t.Errorf("l1=%v l2=%v: weight %d is %v by residuals, %v by Gram", c.l1, c.l2, j, w1[j], w2[j])
			}
		}
	}
}

// diamonds one-hot encodes cut, colour and clarity in full, so with the
// intercept three columns are aliased: the QR must find rank 26 − 3.
func TestRegression_RankDeficientOneHot(t *testing.T) {
	ref, err := modeltest.LoadReference(qualityDir)
	if err != nil {
		t.Fatal(err)
	}
	ds := ref.Datasets["diamonds"]
	train, _, err := modeltest.LoadSplit(qualityDir, "diamonds", ds.ModelTask(), ds.Classes)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Regression{}.Fit(context.Background(), train, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := m.(*Fitted)
	if got := f.Info().Rank; got != len(train.X)-3 {
		t.Errorf("rank %d, want %d", got, len(train.X)-3)
	}
	_, w, b := f.Coefficients()
	zeros := 0
	for _, v := range w[0] {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e6 {
			t.Errorf("weight %v is not a sane number", v)
		}
		if v == 0 {
			zeros++
		}
	}
	if zeros != 3 || math.IsNaN(b[0]) {
		t.Errorf("%d aliased weights set to zero, want 3 (intercept %v)", zeros, b[0])
	}
}
