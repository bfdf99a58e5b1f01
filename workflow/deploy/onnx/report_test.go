package onnx_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/onnx"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// smallFrame has a column of every input kind, two of them named as the
// graph's outputs.
func smallFrame(t *testing.T) *data.Frame {
	t.Helper()
	n := 60
	num, lab, prob := make([]float64, n), make([]float64, n), make([]float64, n)
	cat, txt := make([]string, n), make([]string, n)
	yes := make([]bool, n)
	dates := make([]int64, n)
	y := make([]string, n)
	for i := 0; i < n; i++ {
		num[i] = float64(i%17) - 4.5
		lab[i] = float64(i % 5)
		prob[i] = math.Sqrt(float64(i))
		cat[i] = []string{"red", "green", "blue"}[i%3]
		txt[i] = []string{"a b", "c", "d e f"}[i%3]
		yes[i] = i%4 == 0
		dates[i] = int64(i) * 86400e9 * 11
		y[i] = []string{"no", "yes"}[(i/3+i%4)%2]
	}
	f, err := data.NewFrame(data.NewNumeric("x", num, nil), data.NewNumeric("label", lab, nil),
		data.NewNumeric("probabilities", prob, nil), data.NewCategoricalFromStrings("colour", cat, nil),
		data.NewText("note", txt, data.Mask{1 << 5}), data.NewBoolean("flag", yes, nil).Spelled(data.BoolSpelling{True: "Yes", False: "No"}),
		data.NewDatetime("when", dates, nil, "2006-01-02"), data.NewCategoricalFromStrings("y", y, nil))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func fitSmall(t *testing.T, learner string, steps ...prep.StepConfig) *artifact.Artifact {
	t.Helper()
	f := smallFrame(t)
	spec := artifact.Spec{Target: "y", Task: model.Classification, Pipeline: prep.NewPipeline(steps...), Learner: learner, Seed: 1}
	a, err := artifact.Fit(context.Background(), f, spec, nil)
	if err != nil {
		t.Fatalf("fit: %v", err)
	}
	return a
}

var smallSteps = []prep.StepConfig{
	step("drop_columns", param.Values{"columns": cols("note")}),
	step("date_parts", param.Values{"columns": cols("when"), "parts": "year, month"}),
	step("change_type", param.Values{"column": "flag", "type": "numeric"}),
	step("one_hot", param.Values{"columns": cols("colour")}),
}

// TestExport_Report: the report names every input with its type and the
// outputs, renamed where an input column has the output's name, and says
// how each step and the model were written; the file is the same on every
// export.
func TestExport_Report(t *testing.T) {
	a := fitSmall(t, "logistic", smallSteps...)
	b, rep, err := onnx.Export(a)
	if err != nil {
		t.Fatal(err)
	}
	b2, _, err := onnx.Export(a)
	if err != nil || !bytes.Equal(b, b2) {
		t.Fatalf("a second export differs (%v)", err)
	}
	want := map[string]string{"x": "double", "label": "double", "probabilities": "double", "colour": "string", "note": "string", "flag": "string", "when": "double"}
	if len(rep.Inputs) != len(want) {
		t.Fatalf("inputs %+v", rep.Inputs)
	}
	for _, p := range rep.Inputs {
		if want[p.Name] != p.Type || p.Column != p.Name || p.Shape != "[N, 1]" || p.Values == "" {
			t.Errorf("input %+v, want type %q", p, want[p.Name])
		}
	}
	if len(rep.Outputs) != 2 || rep.Outputs[0].Name != "predicted_label" || rep.Outputs[1].Name != "predicted_probabilities" ||
		rep.Outputs[0].Type != "string" || rep.Outputs[1].Shape != "[N, 2]" || !strings.Contains(rep.Outputs[1].Values, `"no", "yes"`) {
		t.Errorf("outputs %+v", rep.Outputs)
	}
	if len(rep.Steps) != len(smallSteps) || rep.Steps[1].Kind != "date_parts" || rep.Steps[1].Index != 2 || rep.Steps[1].How == "" {
		t.Errorf("steps %+v", rep.Steps)
	}
	if rep.Learner != "logistic" || rep.Task != "classification" || !strings.Contains(rep.Model, "sigmoid") || rep.IRVersion != 8 ||
		strings.Join(rep.Opsets, ", ") != "ai.onnx 17, ai.onnx.ml 3" || rep.Nodes == 0 || len(rep.Notes) == 0 {
		t.Errorf("report %+v", rep)
	}
	// the renamed outputs score as the others do
	test := smallFrame(t)
	_, p := predictable(t, a, test)
	j := &ortJob{model: b, rows: test.NumRows(), feeds: feedsOf(t, test, rep.Inputs, nil)}
	runORT(t, []*ortJob{j})
	var d diffs
	if err := compare(j, rep, p, &d); err != nil {
		t.Fatal(err)
	}
}

// TestSupports_Refusals: what cannot be written exactly is refused, by
// Supports and Export alike, with an error naming the step or the model
// and saying why.
func TestSupports_Refusals(t *testing.T) {
	cases := []struct {
		name    string
		learner string
		steps   []prep.StepConfig
		part    string // what the error must name
		why     string // part of the reason
	}{
		{"numbers to categories", "logistic", append(smallSteps[:3:3],
			step("change_type", param.Values{"column": "x", "type": "categorical"}),
			step("one_hot", param.Values{"columns": cols("colour", "x")})), "step 4 (change_type)", "shortest form"},
		{"text to categories", "logistic", append(smallSteps[1:3:3],
			step("change_type", param.Values{"column": "note", "type": "categorical"}),
			step("one_hot", param.Values{"columns": cols("colour", "note")})), "step 3 (change_type)", "trims text"},
		{"unseen categories fail", "logistic", append(smallSteps[:3:3],
			step("one_hot", param.Values{"columns": cols("colour"), "unseen": "error"})), "step 4 (one_hot)", "unseen=error"},
		{"yes/no to text", "tree", append(smallSteps[:2:2],
			step("change_type", param.Values{"column": "flag", "type": "text"}),
			step("drop_columns", param.Values{"columns": cols("flag")}),
			step("one_hot", param.Values{"columns": cols("colour")})), "step 3 (change_type)", "spelling"},
		{"two texts compared", "tree", append(smallSteps[:3:3],
			step("derive", param.Values{"name": "same", "expression": `colour == colour`}),
			step("one_hot", param.Values{"columns": cols("colour")})), "step 4 (derive)", "compares two text values"},
		{"computed digits", "tree", append(smallSteps[:3:3],
			step("derive", param.Values{"name": "r", "expression": `round(x, label)`}),
			step("one_hot", param.Values{"columns": cols("colour")})), "step 4 (derive)", "powers of 10"},
		{"two yes words", "tree", append(smallSteps[:2:2],
			step("ordinal", param.Values{"column": "flag", "order": "No, Yes, true"}),
			step("one_hot", param.Values{"columns": cols("colour")})), "step 3 (ordinal)", "spelling"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := fitSmall(t, c.learner, c.steps...)
			err := onnx.Supports(a)
			var ue *onnx.UnsupportedError
			if !errors.As(err, &ue) || !errors.Is(err, onnx.ErrNotExportable) {
				t.Fatalf("Supports = %v, want an UnsupportedError", err)
			}
			if ue.Part != c.part || !strings.Contains(ue.Why, c.why) {
				t.Errorf("Supports = %q (part %q), want part %q and %q in the reason", err, ue.Part, c.part, c.why)
			}
			b, rep, err2 := onnx.Export(a)
			if b != nil || rep != nil || err2 == nil || err2.Error() != err.Error() {
				t.Errorf("Export = %d bytes, %v; Supports said %v", len(b), err2, err)
			}
		})
	}
}

// TestExport_OneLeafTrees: trees that are a single leaf (a tree that
// cannot split, boosting rounds that find no split) and stumps export and
// score as in Modelbench.
func TestExport_OneLeafTrees(t *testing.T) {
	f := smallFrame(t)
	var jobs []*scoringJob
	for _, c := range []struct {
		learner string
		params  param.Values
	}{{"tree", param.Values{"min_samples_split": 1000}}, {"gbt", param.Values{"max_iter": 3, "min_samples_leaf": 1000}}, {"forest", param.Values{"n_estimators": 3, "max_depth": 1}}} {
		spec := artifact.Spec{Target: "y", Task: model.Classification, Pipeline: prep.NewPipeline(smallSteps...), Learner: c.learner, Params: c.params, Seed: 1}
		a, err := artifact.Fit(context.Background(), f, spec, nil)
		if err != nil {
			t.Fatal(err)
		}
		if c.learner != "forest" && len(a.Model.(model.TreeEnsembler).TreeEnsemble().Trees[0].Nodes) != 1 {
			t.Fatalf("%s: the first tree is not a single leaf", c.learner)
		}
		jobs = append(jobs, jobsFor(t, c.learner, a, f)...)
	}
	runAndCompare(t, jobs)
}
