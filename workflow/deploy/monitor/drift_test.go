package monitor

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"

	"modelbench/workflow/data"
)

// diamonds splits the diamonds table at random into a training half and the
// rest, and profiles the training half's inputs (price is the target) with
// a fixed linear "model" of price on carat as the predictions.
type diamonds struct {
	base  *Baseline
	rest  *data.Frame
	xStd  float64
	price func(carat float64) float64
}

func loadDiamonds(t testing.TB) *diamonds {
	t.Helper()
	f := loadSet(t, "diamonds.csv").Drop("price")
	rows := rand.New(rand.NewPCG(7, 11)).Perm(f.NumRows())
	train, rest := f.Take(rows[:f.NumRows()/2]), f.Take(rows[f.NumRows()/2:])
	d := &diamonds{rest: rest, price: func(c float64) float64 { return 7756*c - 2256 }}
	b, err := NewBaseline(context.Background(), train, Predictions{Task: Regression, Values: d.predict(train)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	d.base = b
	x, _ := b.Profile("x")
	d.xStd = x.Numeric.Std
	return d
}

func (d *diamonds) predict(f *data.Frame) []float64 {
	c, _ := f.Lookup("carat")
	out := make([]float64, f.NumRows())
	for i, v := range c.(*data.NumericColumn).Values() {
		out[i] = d.price(v)
	}
	return out
}

// window takes n rows of the held-out half (a resample of the same
// population), optionally with x moved up by half a training standard
// deviation and a quarter of the cuts replaced by a level the training
// data never had.
func (d *diamonds) window(t testing.TB, seed uint64, n int, shifted bool) ([]Record, *data.Frame) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 3))
	rows := r.Perm(d.rest.NumRows())[:n]
	f := d.rest.Take(rows)
	recs := make([]Record, n)
	for i := range recs {
		in := make(map[string]any, f.NumCols())
		for _, c := range f.Columns() {
			switch col := c.(type) {
			case *data.NumericColumn:
				in[c.Name()] = col.At(i)
			default:
				in[c.Name()] = c.Format(i)
			}
		}
		if shifted {
			in["x"] = in["x"].(float64) + 0.5*d.xStd
			if i%4 == 0 {
				in["cut"] = "Unknown"
			}
		}
		recs[i].Inputs = in
		recs[i].Prediction = d.price(in["carat"].(float64))
	}
	return recs, f
}

func drifted(rep *Report) []string {
	var out []string
	for _, f := range rep.Features {
		if f.Drift.Drifted {
			out = append(out, f.Name)
		}
	}
	slices.Sort(out)
	return out
}

func TestSummarise_DriftOnShiftedDiamonds(t *testing.T) {
	d := loadDiamonds(t)
	ctx := context.Background()
	// On the large window the distances leave no room for chance; on the
	// small one each unshifted feature has a 5% chance of a false alarm,
	// which TestSummarise_FalseAlarms measures over many windows.
	for _, n := range []int{20000, 800} {
		plain, _ := d.window(t, 1, n, false)
		rep, err := Summarise(ctx, d.base, plain, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := drifted(rep); len(got) != 0 || rep.Prediction.Drift.Drifted {
			t.Errorf("%d rows, unshifted resample: drift in %v (prediction %v)", n, got, rep.Prediction.Drift.Drifted)
		}
		for _, f := range rep.Features {
			if len(f.NewLevels) != 0 || f.Missing.Shifted || f.Invalid != 0 {
				t.Errorf("%d rows, unshifted: %s has new levels %v, missing shift %v, %d invalid", n, f.Name, f.NewLevels, f.Missing.Shifted, f.Invalid)
			}
		}
		shifted, _ := d.window(t, 1, n, true)
		rep, err = Summarise(ctx, d.base, shifted, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := drifted(rep); !slices.Equal(got, []string{"cut", "x"}) {
			t.Errorf("%d rows, shifted x and cut: drift in %v", n, got)
		}
		if rep.DriftedFeatures != 2 || rep.Features[0].Name != "cut" && rep.Features[0].Name != "x" || rep.Prediction.Drift.Drifted {
			t.Errorf("%d rows: %d drifted, ranked first %s, prediction drifted %v", n, rep.DriftedFeatures, rep.Features[0].Name, rep.Prediction.Drift.Drifted)
		}
		wantNum, wantCat := TestWasserstein, TestJensenShannon
		if n <= SmallWindow {
			wantNum, wantCat = TestKS, TestChiSquare
		}
		for _, f := range rep.Features {
			want := wantCat
			if f.Kind == data.Numeric {
				want = wantNum
			}
			if f.Drift.Test != want || f.Drift.Summary == "" {
				t.Errorf("%d rows: %s tested with %s, want %s", n, f.Name, f.Drift.Test, want)
			}
			if f.Name == "cut" && (len(f.NewLevels) != 1 || f.NewLevels[0].Level != "Unknown" || f.NewLevels[0].Count != n/4) {
				t.Errorf("%d rows: new levels of cut %v", n, f.NewLevels)
			}
			if f.Name == "x" && (f.PSI == nil || PSIReading(*f.PSI) == "stable") {
				t.Errorf("%d rows: PSI of x %v", n, f.PSI)
			}
		}
		if _, err := json.Marshal(rep); err != nil {
			t.Errorf("%d rows: the report does not encode: %v", n, err)
		}
	}
}

// TestSummarise_FalseAlarms repeats small unshifted and shifted windows:
// at the 5% level about one test in twenty fires on an unshifted feature
// (so on a single small window the exact set of drifted features is only
// right most of the time), never much more, while the shifted features
// fire every time.
func TestSummarise_FalseAlarms(t *testing.T) {
	d := loadDiamonds(t)
	const repeats = 30
	alarms, tests := 0, 0
	for seed := uint64(100); seed < 100+repeats; seed++ {
		plain, _ := d.window(t, seed, 500, false)
		rep, err := Summarise(context.Background(), d.base, plain, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rep.Features {
			tests++
			if f.Drift.Drifted {
				alarms++
			}
		}
		shifted, _ := d.window(t, seed, 500, true)
		rep, _ = Summarise(context.Background(), d.base, shifted, nil)
		for _, f := range rep.Features {
			switch {
			case f.Name == "x" || f.Name == "cut":
				if !f.Drift.Drifted {
					t.Errorf("seed %d: shifted %s not drifted: %s", seed, f.Name, f.Drift.Summary)
				}
			case f.Drift.Drifted:
				alarms++
				tests++
			default:
				tests++
			}
		}
	}
	if share := float64(alarms) / float64(tests); share > 0.1 {
		t.Errorf("%d false alarms in %d tests (%.3f), expected about 0.05", alarms, tests, share)
	}
	t.Logf("%d false alarms in %d tests of unshifted windows", alarms, tests)
}

// TestSummariseFrame_SameAsRecords: a window given as a Frame and as
// records gives the same report, on a small window and on one large enough
// to be read in parallel parts.
func TestSummariseFrame_SameAsRecords(t *testing.T) {
	d := loadDiamonds(t)
	for _, n := range []int{3000, 3 * parallelRecords / 2} {
		recs, f := d.window(t, 5, min(n, 20000), false)
		rows := make([]int, n)
		for i := range rows {
			rows[i] = i % len(recs)
		}
		all := make([]Record, n)
		for i, r := range rows {
			all[i] = recs[r]
		}
		sameReport(t, d, all, f.Take(rows))
	}
}

func sameReport(t *testing.T, d *diamonds, recs []Record, f *data.Frame) {
	t.Helper()
	outcomes := make([]Outcome, len(recs))
	for i := range recs {
		outcomes[i] = recs[i].Outcome
	}
	a, err := Summarise(context.Background(), d.base, recs, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := SummariseFrame(context.Background(), d.base, f, outcomes, nil)
	if err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Errorf("frame and records differ (%d rows)", len(recs))
	}
	if _, err := SummariseFrame(context.Background(), d.base, f, outcomes[:3], nil); err == nil {
		t.Error("too few outcomes accepted")
	}
}
