package gotaframe

import (
	"math"
	"testing"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"modelbench/workflow/data"
)

func TestToGota(t *testing.T) {
	f, err := data.NewFrame(
		data.NewNumeric("x", []float64{1.5, math.NaN(), 3}, nil),
		data.NewNumeric("n", []float64{1, 2, 3}, nil),
		data.NewCategoricalFromStrings("c", []string{"a", "", "b"}, nil),
		data.NewBoolean("b", []bool{true, false, true}, data.Mask{1 << 2}),
	)
	if err != nil {
		t.Fatal(err)
	}
	df := ToGota(f)
	if df.Err != nil || df.Nrow() != 3 || df.Ncol() != 4 {
		t.Fatalf("gota frame %d x %d, err %v", df.Nrow(), df.Ncol(), df.Err)
	}
	wantTypes := map[string]series.Type{"x": series.Float, "n": series.Int, "c": series.String, "b": series.Bool}
	for name, want := range wantTypes {
		if got := df.Col(name).Type(); got != want {
			t.Errorf("%s: gota type %v, want %v", name, got, want)
		}
	}
	if !df.Col("x").Elem(1).IsNA() || !df.Col("c").Elem(1).IsNA() || !df.Col("b").Elem(2).IsNA() {
		t.Error("missing cells are not NA in gota")
	}
	if got := df.Col("c").Elem(2).String(); got != "b" {
		t.Errorf("c row 2 = %q", got)
	}
}

func TestFromGota(t *testing.T) {
	df := dataframe.New(
		series.New([]interface{}{1.5, nil, 3.0}, series.Float, "x"),
		series.New([]interface{}{"2024-01-02", "2024-02-03", nil}, series.String, "when"),
		series.New([]interface{}{"red", "blue", "red"}, series.String, "color"),
		series.New([]interface{}{true, nil, false}, series.Bool, "ok"),
	)
	f, err := FromGota(df)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name string
		kind data.Kind
		miss int
	}{{"x", data.Numeric, 1}, {"when", data.Datetime, 1}, {"color", data.Categorical, 0}, {"ok", data.Boolean, 1}}
	for j, w := range want {
		c := f.Col(j)
		if c.Name() != w.name || c.Kind() != w.kind || c.Missing() != w.miss {
			t.Errorf("column %d: %q %v with %d missing, want %q %v with %d", j, c.Name(), c.Kind(), c.Missing(), w.name, w.kind, w.miss)
		}
	}
	// And back: the same values survive ToGota then FromGota.
	back, err := FromGota(ToGota(f))
	if err != nil {
		t.Fatal(err)
	}
	for j := 0; j < f.NumCols(); j++ {
		for i := 0; i < f.NumRows(); i++ {
			if a, b := f.Col(j).Format(i), back.Col(j).Format(i); a != b {
				t.Errorf("%s row %d: %q back as %q", f.Col(j).Name(), i, a, b)
			}
		}
	}
}

func TestFromGota_Error(t *testing.T) {
	df := dataframe.New(series.New([]int{1, 2}, series.Int, "a"), series.New([]int{1}, series.Int, "b"))
	if _, err := FromGota(df); err == nil {
		t.Error("a gota frame with an error was accepted")
	}
}
