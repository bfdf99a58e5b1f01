package onnx_test

import (
	"context"
	"fmt"

	"modelbench/assets"
	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/onnx"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
)

// Export a decision tree fitted on the penguins sample with the default
// preparation, and read what the graph takes and gives.
func ExampleExport() {
	s, _ := assets.LookupSample("penguins")
	r, size, _ := s.Open()
	tb, _ := data.ReadCSV(context.Background(), r, size, s.File, data.CSVOptions{}, nil)
	schema, _ := tb.Schema.WithRole("species", data.Target)
	spec := artifact.Spec{Target: "species", Task: model.Classification, Learner: "tree", Seed: 42,
		Pipeline: prep.Default(schema, tb.Frame, true)}
	a, err := artifact.Fit(context.Background(), tb.Frame, spec, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	file, rep, err := onnx.Export(a)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("model.onnx:", len(file) > 0, "opsets:", rep.Opsets)
	for _, in := range rep.Inputs {
		fmt.Printf("input  %-17s %-6s %s\n", in.Name, in.Type, in.Shape)
	}
	for _, out := range rep.Outputs {
		fmt.Printf("output %-17s %-6s %s\n", out.Name, out.Type, out.Shape)
	}
	for _, st := range rep.Steps {
		fmt.Println("step", st.Index, st.Kind)
	}
	// Output:
	// model.onnx: true opsets: [ai.onnx 17 ai.onnx.ml 3]
	// input  island            string [N, 1]
	// input  bill_length_mm    double [N, 1]
	// input  bill_depth_mm     double [N, 1]
	// input  flipper_length_mm double [N, 1]
	// input  body_mass_g       double [N, 1]
	// input  sex               string [N, 1]
	// input  year              double [N, 1]
	// output label             string [N]
	// output probabilities     double [N, 3]
	// step 1 impute
	// step 2 impute
	// step 3 scale
	// step 4 one_hot
}
