package model_test

import (
	"context"
	"fmt"

	"modelbench/workflow/model"
)

// Build a learner from the registry, fit it, save it and load it again.
func Example() {
	d := &model.Dataset{
		Task:     model.Classification,
		Features: []string{"x"},
		X:        [][]float64{{1, 2, 3, 4}},
		Y:        []float64{0, 1, 1, 1},
		Classes:  []string{"no", "yes"},
	}
	l, err := model.New("baseline", model.Classification, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	m, _ := l.Fit(context.Background(), d, nil)
	saved, _ := model.Marshal(m)
	back, _ := model.Unmarshal(saved)
	pred, _ := back.Predict([][]float64{{10, 20}})
	proba, _ := back.(model.ProbPredictor).PredictProba([][]float64{{10}})
	fmt.Println(string(saved))
	fmt.Println(pred, proba)
	// Output:
	// {"type":"baseline","version":1,"model":{"task":"classification","features":["x"],"classes":["no","yes"],"priors":[0.25,0.75],"mean":0}}
	// [1 1] [[0.25 0.75]]
}
