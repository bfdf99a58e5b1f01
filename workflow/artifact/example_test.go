package artifact_test

import (
	"context"
	"fmt"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"

	_ "modelbench/workflow/model/learners"
)

// sizes is a tiny table: "big" exactly when x is above 4; one row has no
// label.
func sizes() *data.Frame {
	x := data.NewNumeric("x", []float64{1, 2, 3, 4, 5, 6, 7, 8, 2.5}, nil)
	y := data.NewCategoricalFromStrings("size", []string{"small", "small", "small", "small", "big", "big", "big", "big", ""}, nil)
	f, _ := data.NewFrame(x, y)
	return f
}

// Fit prepares the rows with a target and trains a registered learner;
// the artifact then predicts raw rows, and Score pairs its answers with
// the truth.
func ExampleFit() {
	ctx := context.Background()
	a, err := artifact.Fit(ctx, sizes(), artifact.Spec{Target: "size", Task: model.Classification,
		Pipeline: prep.NewPipeline(prep.Configure("scale", param.Values{"method": "standard"}, "")),
		Learner:  "tree", Seed: 1}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("classes:", a.Classes, "fitted on", len(a.Rows), "rows")
	newRows, _ := data.NewFrame(data.NewNumeric("x", []float64{0.5, 9}, nil))
	p, _ := a.Predict(ctx, newRows)
	labels, _ := model.Labels(p.Index, p.Classes)
	fmt.Println("predictions:", labels)
	s, _ := a.Score(ctx, sizes())
	fmt.Println("scored rows:", s.Rows)
	// Output:
	// classes: [big small] fitted on 8 rows
	// predictions: [small big]
	// scored rows: [0 1 2 3 4 5 6 7]
}

// Prepare fits the pipeline once; several learners then train on the same
// prepared rows, as every cross-validation fold does.
func ExamplePrepare() {
	ctx := context.Background()
	p, err := artifact.Prepare(ctx, sizes(), []int{0, 1, 4, 5, 8}, artifact.Spec{Target: "size", Task: model.Classification}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []string{"baseline", "knn"} {
		l, _ := model.New(name, model.Classification, param.Values{})
		a, _ := p.Fit(ctx, l, nil)
		fmt.Println(a.Learner, "learnt from rows", a.Rows)
	}
	// Output:
	// baseline learnt from rows [0 1 4 5]
	// knn learnt from rows [0 1 4 5]
}
