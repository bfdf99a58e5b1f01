package workflow

import (
	"context"
	"path/filepath"
	"testing"

	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// TestPrepare_ReplaysFromTheProjectFile saves a project with an edited
// pipeline and split, opens it again and checks that fitting gives the
// same split and the same prepared training rows, bit for bit.
func TestPrepare_ReplaysFromTheProjectFile(t *testing.T) {
	ctx := context.Background()
	p := New()
	if err := p.LoadData(ctx, DataRef{Sample: "penguins"}, nil); err != nil {
		t.Fatal(err)
	}
	pl, _ := p.Pipeline()
	pl = pl.Append(prep.Configure("clip", param.Values{"columns": []string{"body_mass_g"}, "lower_quantile": 0.05, "upper_quantile": 0.95}, "heavy birds are rare"))
	if err := p.SetPipeline(pl, "added clip", "heavy birds are rare"); err != nil {
		t.Fatal(err)
	}
	if err := p.SetSplit(prep.SplitSpec{Method: prep.SplitStratified, Train: 0.5, Valid: 0.25, Test: 0.25, Seed: 99}, "bigger test part"); err != nil {
		t.Fatal(err)
	}
	first, err := p.RunPrepare(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	path, err := p.Save(filepath.Join(t.TempDir(), "penguins"))
	if err != nil {
		t.Fatal(err)
	}
	q, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	qpl, isDefault := q.Pipeline()
	if isDefault || len(qpl.Steps) != len(pl.Steps) || qpl.Steps[len(qpl.Steps)-1].Why != "heavy birds are rare" {
		t.Fatalf("pipeline after reopening: default=%v %+v", isDefault, qpl.Steps)
	}
	second, err := q.RunPrepare(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !equalInts(first.Split.Test, second.Split.Test) || !equalInts(first.Split.Train, second.Split.Train) {
		t.Fatal("the split changed after reopening the project")
	}
	a, b := first.Prepared, second.Prepared
	if a.NumRows() != b.NumRows() || a.NumCols() != b.NumCols() {
		t.Fatalf("prepared shapes %dx%d and %dx%d", a.NumRows(), a.NumCols(), b.NumRows(), b.NumCols())
	}
	for j := 0; j < a.NumCols(); j++ {
		for i := 0; i < a.NumRows(); i++ {
			if a.Col(j).Format(i) != b.Col(j).Format(i) {
				t.Fatalf("column %s row %d: %q then %q", a.Col(j).Name(), i, a.Col(j).Format(i), b.Col(j).Format(i))
			}
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
