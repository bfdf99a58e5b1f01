package artifact

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
)

// TestPrepare_OnePreparationServesSeveralLearners fits two learners on one
// Prepared, as each cross-validation fold does, and checks that each
// predicts exactly as Fit with the same learner does.
func TestPrepare_OnePreparationServesSeveralLearners(t *testing.T) {
	ctx := context.Background()
	tb := loadSample(t, "penguins")
	pipe := prep.Default(tb.Schema, tb.Frame, true)
	s := Spec{Target: "species", Task: model.Classification, Pipeline: pipe}
	p, err := Prepare(ctx, tb.Frame, nil, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != tb.Frame.NumRows() || p.Data.Rows() == 0 || strings.Join(p.Classes, ",") != "Adelie,Chinstrap,Gentoo" {
		t.Fatalf("prepared %d rows of %d, classes %v", len(p.Rows), tb.Frame.NumRows(), p.Classes)
	}
	for _, name := range []string{"tree", "logistic"} {
		l, err := model.New(name, model.Classification, nil)
		if err != nil {
			t.Fatal(err)
		}
		a, err := p.Fit(ctx, l, nil)
		if err != nil {
			t.Fatal(err)
		}
		if a.Pipeline != p.Pipeline || a.Learner != name || a.FitTime <= 0 {
			t.Errorf("%s: pipeline shared %v, learner %q, fit time %v", name, a.Pipeline == p.Pipeline, a.Learner, a.FitTime)
		}
		s.Learner = name
		b, err := Fit(ctx, tb.Frame, s, nil)
		if err != nil {
			t.Fatal(err)
		}
		pa, _ := a.Predict(ctx, tb.Frame)
		pb, _ := b.Predict(ctx, tb.Frame)
		if !slices.Equal(pa.Index, pb.Index) {
			t.Errorf("%s: Prepare+Fit and Fit predict differently", name)
		}
	}
}

// twoClassFrame has a numeric x, a class y with a missing value in rows 3
// and 7, and "yes" exactly when x > 4.
func twoClassFrame() *data.Frame {
	x := []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	y := []string{"no", "no", "no", "", "no", "yes", "yes", "", "yes", "yes"}
	f, _ := data.NewFrame(data.NewNumeric("x", x, nil), data.NewCategoricalFromStrings("y", y, nil))
	return f
}

func TestFit_LeavesOutRowsWithoutTarget(t *testing.T) {
	ctx := context.Background()
	a, err := Fit(ctx, twoClassFrame(), Spec{Target: "y", Task: model.Classification, Learner: "tree"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{0, 1, 2, 4, 5, 6, 8, 9}; !slices.Equal(a.Rows, want) || a.TrainRows != 8 {
		t.Fatalf("rows %v (%d trained on), want %v", a.Rows, a.TrainRows, want)
	}
	sub, err := Prepare(ctx, twoClassFrame(), []int{9, 3, 0, 5}, Spec{Target: "y", Task: model.Classification}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sub.Rows, []int{9, 0, 5}) || sub.Data.Y[0] != 1 || sub.Data.Y[1] != 0 {
		t.Fatalf("given rows: %v, y %v", sub.Rows, sub.Data.Y)
	}
	if _, err := Prepare(ctx, twoClassFrame(), []int{3, 7}, Spec{Target: "y", Task: model.Classification}, nil); !errors.Is(err, ErrTarget) {
		t.Errorf("only rows without a target: %v", err)
	}
	if _, err := Prepare(ctx, twoClassFrame(), []int{10}, Spec{Target: "y", Task: model.Classification}, nil); err == nil {
		t.Error("a row outside the frame was accepted")
	}
	if _, err := Fit(ctx, twoClassFrame(), Spec{Target: "z", Task: model.Classification, Learner: "tree"}, nil); !errors.Is(err, ErrTarget) {
		t.Errorf("absent target: %v", err)
	}
}

// TestScore_PairsPredictionsWithTruth checks Score against the truth read
// here from the frame: rows without a target are left out, the rest keep
// their order, and a class the model never saw is an error naming its row.
func TestScore_PairsPredictionsWithTruth(t *testing.T) {
	ctx := context.Background()
	f := twoClassFrame()
	a, err := Fit(ctx, f, Spec{Target: "y", Task: model.Classification, Learner: "tree"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := a.Score(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	y, _ := f.Lookup("y")
	if !slices.Equal(p.Rows, a.Rows) || len(p.Truth) != len(p.Index) {
		t.Fatalf("rows %v, %d truths for %d predictions", p.Rows, len(p.Truth), len(p.Index))
	}
	for i, r := range p.Rows {
		if want := a.Classes[int(p.Truth[i])]; want != y.Format(r) {
			t.Errorf("row %d: truth %q, frame says %q", r, want, y.Format(r))
		}
		if p.Index[i] != p.Truth[i] {
			t.Errorf("row %d: a tree on separable rows predicted %v, truth %v", r, p.Index[i], p.Truth[i])
		}
	}
	g, _ := data.NewFrame(data.NewNumeric("x", []float64{1, 2}, nil), data.NewCategoricalFromStrings("y", []string{"no", "perhaps"}, nil))
	if _, err := a.Score(ctx, g); !errors.Is(err, ErrTarget) || !strings.Contains(err.Error(), "row 2") {
		t.Errorf("an unseen class: %v", err)
	}
	if _, err := a.Score(ctx, g.Drop("y")); !errors.Is(err, ErrTarget) {
		t.Errorf("no target column: %v", err)
	}
}

func TestArtifact_FitTimeIsSaved(t *testing.T) {
	a, _ := fitSample(t, "iris", "logistic")
	dir := t.TempDir()
	if _, err := a.Save(dir); err != nil {
		t.Fatal(err)
	}
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if a.FitTime <= 0 || math.Abs(b.FitTime.Seconds()-a.FitTime.Seconds()) > 1e-6 || b.Rows != nil {
		t.Errorf("fit time %v saved as %v; rows %v", a.FitTime, b.FitTime, b.Rows)
	}
}
