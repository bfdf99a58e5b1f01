package pmml_test

import (
	"bytes"
	"context"
	"fmt"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/pmml"
	"modelbench/workflow/internal/testsets"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
)

// Export writes a fitted artifact — here a decision tree on the penguins
// with the default preparation — as one PMML document, and says how each
// step was written.
func ExampleExport() {
	tb, _ := data.LoadCSV(context.Background(), testsets.Path("penguins.csv"), data.CSVOptions{}, nil)
	schema, _ := tb.Schema.WithRole("species", data.Target)
	a, err := artifact.Fit(context.Background(), tb.Frame, artifact.Spec{Target: "species", Task: model.Classification,
		Pipeline: prep.Default(schema, tb.Frame, true), Learner: "tree", Seed: 1}, nil)
	if err != nil {
		panic(err)
	}
	if err := pmml.Supports(a); err != nil {
		panic(err)
	}
	doc, rep, err := pmml.Export(a)
	if err != nil {
		panic(err)
	}
	fmt.Println(bytes.HasPrefix(doc, []byte(`<?xml`)), rep.Model)
	for _, s := range rep.Steps {
		fmt.Printf("%d %s: %s\n", s.Index, s.Kind, s.As)
	}
	fmt.Println(rep.Outputs)
	// Output:
	// true TreeModel
	// 1 impute: MiningField missingValueReplacement for 1 column(s), FieldRef mapMissingTo for 1
	// 2 impute: MiningField missingValueReplacement for 1 column(s), FieldRef mapMissingTo for 5
	// 3 scale: NormContinuous for 5 column(s), Apply (x - centre) / scale for 5
	// 4 one_hot: NormDiscrete (mapMissingTo 0) per category
	// [prediction probability_Adelie probability_Chinstrap probability_Gentoo]
}
