package prep

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

func fitOne(t *testing.T, f *data.Frame, target string, kind string, p param.Values) (*Fitted, *data.Frame) {
	t.Helper()
	ft, out, err := NewPipeline(mustStep(t, kind, p)).FitTransform(context.Background(), f, target, nil)
	if err != nil {
		t.Fatalf("%s: %v", kind, err)
	}
	return ft, out
}

func classCounts(f *data.Frame, name string) map[string]int {
	c, _ := f.Lookup(name)
	m := map[string]int{}
	for i := 0; i < c.Len(); i++ {
		m[c.Format(i)]++
	}
	return m
}

func TestRebalance_EvensClassesDeterministically(t *testing.T) {
	f := loadFrame(t, "penguins.csv") // Adelie 152, Gentoo 124, Chinstrap 68
	for method, want := range map[string]int{"oversample": 152, "undersample": 68} {
		_, out := fitOne(t, f, "species", "rebalance", param.Values{"method": method, "seed": 11})
		for class, n := range classCounts(out, "species") {
			if n != want {
				t.Errorf("%s: %s has %d rows, want %d", method, class, n, want)
			}
		}
		_, again := fitOne(t, f, "species", "rebalance", param.Values{"method": method, "seed": 11})
		if err := sameFrame(out, again); err != nil {
			t.Errorf("%s: the same seed gave other rows: %v", method, err)
		}
	}
}

func TestJoin_ScoringNeedsNoFile(t *testing.T) {
	dir := t.TempDir()
	table := filepath.Join(dir, "facts.csv")
	if err := os.WriteFile(table, []byte("island,latitude\nBiscoe,-65.43\nDream,-64.73\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := loadFrame(t, "penguins.csv")
	ft, _ := fitOne(t, f, "species", "join", param.Values{"table_path": table, "key": "island"})
	b, err := json.Marshal(ft)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(table); err != nil {
		t.Fatal(err)
	}
	var back Fitted
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	out, err := back.Apply(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	lat, _ := out.Lookup("latitude")
	island, _ := f.Lookup("island")
	for i := 0; i < f.NumRows(); i++ {
		want := map[string]string{"Biscoe": "-65.43", "Dream": "-64.73", "Torgersen": ""}[island.Format(i)]
		if lat.Format(i) != want {
			t.Fatalf("row %d (%s): latitude %q, want %q", i, island.Format(i), lat.Format(i), want)
		}
	}
}

func TestChangeType_Conversions(t *testing.T) {
	m := data.NewMask(3)
	m.Set(2)
	f, _ := data.NewFrame(
		data.NewBoolean("yes", []bool{true, false, false}, m),
		data.NewNumeric("num", []float64{0, 2.5, math.NaN()}, nil),
		data.NewText("when", []string{"2024/03/01", "2024/12/31", ""}, m),
		data.NewText("word", []string{"1", "x", ""}, m),
	)
	cases := []struct {
		column, to string
		want       []string
	}{
		{"yes", "numeric", []string{"1", "0", ""}},
		{"num", "boolean", []string{"false", "true", ""}},
		{"num", "categorical", []string{"0", "2.5", ""}},
		{"when", "datetime", []string{"2024/03/01", "2024/12/31", ""}},
		{"yes", "text", []string{"true", "false", ""}},
	}
	for _, c := range cases {
		_, out := fitOne(t, f, "", "change_type", param.Values{"column": c.column, "type": c.to})
		col, _ := out.Lookup(c.column)
		if col.Kind().String() != c.to {
			t.Errorf("%s -> %s: got %s", c.column, c.to, col.Kind())
		}
		for i, w := range c.want {
			if col.Format(i) != w {
				t.Errorf("%s -> %s row %d: %q, want %q", c.column, c.to, i, col.Format(i), w)
			}
		}
	}
	_, err := NewPipeline(mustStep(t, "change_type", param.Values{"column": "word", "type": "numeric"})).Fit(context.Background(), f, "", nil)
	var ce *ColumnError
	if !errors.As(err, &ce) || ce.Column != "word" || ce.Row != 2 {
		t.Errorf("a value that is not a number must name its row: %v", err)
	}
}

func TestGroupRareAndTargetEncode_UnseenCategories(t *testing.T) {
	f := loadFrame(t, "penguins.csv")
	odd := messUp(f) // every 4th island is "Atlantis"
	ft, _ := fitOne(t, f, "species", "group_rare", param.Values{"columns": []string{"island"}, "min_share": 0.2, "other_label": "rest"})
	out, err := ft.Apply(context.Background(), odd)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := out.Lookup("island"); got.Format(1) != "rest" {
		t.Errorf("an unseen category became %q, want the group", got.Format(1))
	}
	ft, _ = fitOne(t, f, "sex", "target_encode", param.Values{"columns": []string{"island"}})
	out, err = ft.Apply(context.Background(), odd)
	if err != nil {
		t.Fatal(err)
	}
	prior := float64(ft.Transforms()[0].(*targetEncodeState).Columns[0].Prior[0])
	if got, _ := out.Lookup("island"); got.(*data.NumericColumn).At(1) != prior {
		t.Errorf("an unseen category got %v, want the training average %v", got.(*data.NumericColumn).At(1), prior)
	}
}
