package linear_test

import (
	"context"
	"fmt"

	"modelbench/workflow/model"
	_ "modelbench/workflow/model/learners"
)

// A full one-hot encoding plus an intercept is rank-deficient; plain least
// squares still gives finite weights, with 0 for the aliased column (here
// blue, so red's weight is its difference from blue).
func Example_rankDeficient() {
	d := &model.Dataset{
		Task:     model.Regression,
		Features: []string{"size", "colour=red", "colour=blue"},
		X: [][]float64{
			{1, 2, 3, 4, 5, 6},
			{1, 0, 1, 0, 1, 0},
			{0, 1, 0, 1, 0, 1},
		},
		Y: []float64{12, 24, 32, 44, 52, 64}, // 10·size + 2 (red) or 4 (blue)
	}
	l, _ := model.New("linear", model.Regression, nil)
	m, _ := l.Fit(context.Background(), d, nil)
	names, w, b := m.(model.Coefficienter).Coefficients()
	for j, name := range names {
		fmt.Printf("%s %.3f\n", name, w[0][j])
	}
	fmt.Printf("intercept %.3f\n", b[0])
	p, _ := m.Predict([][]float64{{10}, {0}, {1}})
	fmt.Printf("size 10, blue: %.3f\n", p[0])
	// Output:
	// size 10.000
	// colour=red -2.000
	// colour=blue 0.000
	// intercept 4.000
	// size 10, blue: 104.000
}
