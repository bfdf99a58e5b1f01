package expr_test

import (
	"context"
	"fmt"

	"modelbench/workflow/data"
	"modelbench/workflow/prep/expr"
)

// A derived column: missing inputs give missing results, and true/false
// becomes 1/0.
func ExampleExpr_Eval() {
	f, _ := data.NewFrame(
		data.NewNumeric("length", []float64{39.1, 46.5, 50}, nil),
		data.NewNumeric("depth", []float64{18.7, 0, 15}, nil),
		data.NewCategoricalFromStrings("sex", []string{"male", "", "female"}, nil),
	)
	e, err := expr.Parse(`round(length / depth, 2)`)
	if err != nil {
		fmt.Println(err)
		return
	}
	ratio, _, _ := e.Eval(context.Background(), f)
	fmt.Println(ratio)

	cond, _ := expr.Parse(`length > 40 and sex == "female"`)
	keep, typ, _ := cond.Eval(context.Background(), f)
	fmt.Println(keep, typ)

	_, err = expr.Parse("length >> 2")
	fmt.Println(err)
	// Output:
	// [2.09 NaN 3.33]
	// [0 NaN 1] true/false
	// at character 9: expected a number, a column or "(", found ">"
}
