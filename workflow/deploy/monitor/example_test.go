package monitor_test

import (
	"context"
	"fmt"

	"modelbench/workflow/data"
	"modelbench/workflow/deploy/monitor"
)

// A baseline from the training inputs and predictions, then a window of
// logged requests in which "size" has grown and "colour" has a new level.
func Example() {
	n := 400
	size, colour, pred := make([]float64, n), make([]string, n), make([]string, n)
	for i := range n {
		size[i] = float64(i % 40)
		colour[i] = []string{"red", "green"}[i%2]
		pred[i] = []string{"small", "large"}[i%3/2]
	}
	train, _ := data.NewFrame(data.NewNumeric("size", size, nil), data.NewCategoricalFromStrings("colour", colour, nil))
	base, err := monitor.NewBaseline(context.Background(), train, monitor.Predictions{Task: monitor.Classification, Labels: pred}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var recs []monitor.Record
	for i := range 200 {
		r := monitor.Record{Inputs: map[string]any{"size": float64(i%40 + 15), "colour": []string{"red", "green", "blue"}[i%3]}}
		r.Prediction = "small"
		recs = append(recs, r)
	}
	rep, err := monitor.Summarise(context.Background(), base, recs, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range rep.Features {
		fmt.Printf("%s: %s, drifted %v, new levels %v\n", f.Name, f.Drift.Test, f.Drift.Drifted, f.NewLevels)
	}
	fmt.Println("prediction:", rep.Prediction.Drift.Test, rep.Prediction.Drift.Drifted)
	// Output:
	// colour: chi_square, drifted true, new levels [{blue 66}]
	// size: ks, drifted true, new levels []
	// prediction: chi_square true
}
