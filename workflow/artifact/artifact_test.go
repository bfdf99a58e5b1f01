package artifact

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"modelbench/assets"
	"modelbench/workflow/data"
	"modelbench/workflow/model"
	_ "modelbench/workflow/model/learners"
	_ "modelbench/workflow/model/linear"
	_ "modelbench/workflow/model/tree"
	"modelbench/workflow/prep"
)

func loadSample(t *testing.T, id string) *data.Table {
	t.Helper()
	s, err := assets.LookupSample(id)
	if err != nil {
		t.Fatal(err)
	}
	r, size, _ := s.Open()
	tb, err := data.ReadCSV(context.Background(), r, size, id, data.CSVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sch, err := tb.Schema.WithRole(s.Target, data.Target); err == nil {
		tb.Schema = sch
	}
	return tb
}

func fitSample(t *testing.T, id, learner string) (*Artifact, *data.Table) {
	t.Helper()
	tb := loadSample(t, id)
	target, _ := tb.Schema.Target()
	tc, _ := tb.Frame.Lookup(target)
	rows, _ := model.RowsWithTarget(tb.Frame, target)
	train := tb.Frame.Take(rows)
	pipe := prep.Default(tb.Schema, train, learner == "logistic" || learner == "knn")
	a, err := Fit(context.Background(), train, Spec{Target: target, Task: model.InferTask(tc), Pipeline: pipe, Learner: learner, Seed: 7}, nil)
	if err != nil {
		t.Fatalf("%s/%s: %v", id, learner, err)
	}
	return a, tb
}

func TestArtifact_SaveLoadPredictsIdentically(t *testing.T) {
	for _, c := range []struct{ sample, learner string }{{"penguins", "logistic"}, {"titanic", "tree"}, {"diamonds", "linear"}} {
		a, tb := fitSample(t, c.sample, c.learner)
		dir := t.TempDir()
		path, err := a.Save(dir)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if b.Learner != c.learner || b.Target != a.Target || len(b.Input) != len(a.Input) || filepath.Base(path) != FileName {
			t.Fatalf("%s: metadata lost: %+v", c.sample, b)
		}
		ctx := context.Background()
		p1, err := a.Predict(ctx, tb.Frame)
		if err != nil {
			t.Fatal(err)
		}
		p2, err := b.Predict(ctx, tb.Frame.Drop(a.Target))
		if err != nil {
			t.Fatal(err)
		}
		for i := range p1.Index {
			if p1.Index[i] != p2.Index[i] && !(math.IsNaN(p1.Index[i]) && math.IsNaN(p2.Index[i])) {
				t.Fatalf("%s row %d: %v before saving, %v after", c.sample, i, p1.Index[i], p2.Index[i])
			}
		}
		truth, _ := a.Truth(tb.Frame)
		if a.Task == model.Classification && accuracy(p1.Index, truth) < 0.75 {
			t.Errorf("%s/%s: training accuracy %.3f is implausibly low", c.sample, c.learner, accuracy(p1.Index, truth))
		}
		f, err := p1.Frame()
		if err != nil || f.NumRows() != tb.Frame.NumRows() || f.Index("prediction") != 0 {
			t.Fatalf("predictions frame: %v", err)
		}
	}
}

func accuracy(pred, truth []float64) float64 {
	n, ok := 0, 0
	for i := range pred {
		if !math.IsNaN(truth[i]) {
			n++
			if pred[i] == truth[i] {
				ok++
			}
		}
	}
	return float64(ok) / float64(n)
}

func TestArtifact_ProbabilitiesNameEveryClass(t *testing.T) {
	a, tb := fitSample(t, "penguins", "logistic")
	p, err := a.Predict(context.Background(), tb.Frame)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := p.Frame()
	for _, c := range []string{"Adelie", "Chinstrap", "Gentoo"} {
		if f.Index("probability_"+c) < 0 {
			t.Fatalf("no probability column for %s: %v", c, f.Names())
		}
	}
}

func TestArtifact_NewDataWithUnseenLevelsAndMissingColumns(t *testing.T) {
	a, _ := fitSample(t, "penguins", "logistic")
	island := data.NewCategoricalFromStrings("island", []string{"Atlantis", ""}, nil)
	num := func(n string, v ...float64) data.Column { return data.NewNumeric(n, v, nil) }
	sex := data.NewCategoricalFromStrings("sex", []string{"", "female"}, nil)
	f, _ := data.NewFrame(island, num("bill_length_mm", 40, math.NaN()), num("bill_depth_mm", 18, 17), num("flipper_length_mm", 190, 200),
		num("body_mass_g", 3800, math.NaN()), sex, num("year", 2030, 2008))
	p, err := a.Predict(context.Background(), f)
	if err != nil || len(p.Index) != 2 {
		t.Fatalf("unseen level / missing values: %v", err)
	}
	_, err = a.Predict(context.Background(), f.Drop("bill_depth_mm"))
	if !errors.Is(err, model.ErrSchemaMismatch) || !strings.Contains(err.Error(), "bill_depth_mm") {
		t.Fatalf("missing column error %v", err)
	}
}

func TestLoad_RejectsOtherFiles(t *testing.T) {
	var a Artifact
	for _, in := range []string{`{}`, `{"format":"modelbench.model","version":9}`, `[1]`} {
		if err := a.UnmarshalJSON([]byte(in)); err == nil {
			t.Errorf("%s accepted", in)
		}
	}
}
