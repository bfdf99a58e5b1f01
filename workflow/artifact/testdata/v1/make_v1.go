//go:build ignore

// make_v1.go writes the version 1 model files of this folder with the code
// of a Modelbench commit from before version 2 (see make_v1.sh, which runs
// it inside that commit's source): one small model.json per tree kind and
// task on the bundled penguins sample (which has missing values), and
// beside each the predictions, probabilities and explanations that code
// gave, for TestLoad_Version1FilesPredictAsBefore.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"modelbench/assets"
	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/model"
	_ "modelbench/workflow/model/learners"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

type expected struct {
	Predictions []json.Number   `json:"predictions"`
	Proba       [][]json.Number `json:"proba,omitempty"`
	Explain     []explained     `json:"explain"`
}

type explained struct {
	Base, Output json.Number
	Class        int
	Effects      []json.Number
}

// num writes v exactly (NaN as "NaN"), so the test compares bits.
func num(v float64) json.Number {
	if math.IsNaN(v) {
		return "NaN"
	}
	b, _ := json.Marshal(v)
	return json.Number(b)
}

func main() {
	out := os.Args[1]
	ctx := context.Background()
	s, _ := assets.LookupSample("penguins")
	r, size, _ := s.Open()
	tb, err := data.ReadCSV(ctx, r, size, "penguins", data.CSVOptions{}, nil)
	check(err)
	for _, c := range []struct {
		name, learner, target string
		params                param.Values
	}{
		{"tree_classification", "tree", "species", param.Values{"max_depth": 5}},
		{"forest_classification", "forest", "species", param.Values{"n_estimators": 4, "max_depth": 4}},
		{"forest_regression", "forest", "body_mass_g", param.Values{"n_estimators": 3, "max_depth": 4}},
		{"gbt_classification", "gbt", "species", param.Values{"max_iter": 4, "max_leaf_nodes": 6}},
		{"gbt_regression", "gbt", "body_mass_g", param.Values{"max_iter": 4, "max_leaf_nodes": 6}},
	} {
		sch, err := tb.Schema.WithRole(c.target, data.Target)
		check(err)
		tc, _ := tb.Frame.Lookup(c.target)
		rows, _ := model.RowsWithTarget(tb.Frame, c.target)
		train := tb.Frame.Take(rows)
		// The default preparation without its imputation: the trees learn
		// where missing values go, and the design keeps them.
		var pipe prep.Pipeline
		for _, st := range prep.Default(sch, train, false).Steps {
			if st.Kind != "impute" {
				pipe.Steps = append(pipe.Steps, st)
			}
		}
		a, err := artifact.Fit(ctx, train, artifact.Spec{Target: c.target, Task: model.InferTask(tc),
			Pipeline: pipe, Learner: c.learner, Params: c.params, Seed: 5}, nil)
		check(err)
		dir := filepath.Join(out, c.name)
		_, err = a.Save(dir)
		check(err)
		X, err := a.Design(ctx, tb.Frame)
		check(err)
		var e expected
		pred, err := a.Model.Predict(X)
		check(err)
		for _, v := range pred {
			e.Predictions = append(e.Predictions, num(v))
		}
		if pp, ok := a.Model.(model.ProbPredictor); ok && a.Task == model.Classification {
			p, err := pp.PredictProba(X)
			check(err)
			for _, row := range p {
				var r []json.Number
				for _, v := range row {
					r = append(r, num(v))
				}
				e.Proba = append(e.Proba, r)
			}
		}
		ex := a.Model.(model.Explainer)
		for i := 0; i < len(pred); i += 7 {
			row := make([]float64, len(X))
			for j := range X {
				row[j] = X[j][i]
			}
			x, err := ex.Explain(row)
			check(err)
			got := explained{Base: num(x.Base), Output: num(x.Output), Class: x.Class}
			for _, t := range x.Terms {
				got.Effects = append(got.Effects, num(t.Effect))
			}
			e.Explain = append(e.Explain, got)
		}
		b, err := json.Marshal(e)
		check(err)
		check(os.WriteFile(filepath.Join(dir, "expected.json"), b, 0o644))
		nan := 0
		for _, col := range X {
			for _, v := range col {
				if math.IsNaN(v) {
					nan++
				}
			}
		}
		fmt.Printf("%s: %d rows, %d features, %d missing values in the design\n", c.name, len(pred), len(X), nan)
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
