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

// Walking the typed tree, as an exporter translating an expression does.
func ExampleExpr_Tree() {
	f, _ := data.NewFrame(
		data.NewNumeric("length", nil, nil),
		data.NewCategoricalFromStrings("sex", nil, nil),
	)
	e, _ := expr.Parse(`if(sex == "female", log(length), -1)`)
	root, err := e.Tree(f)
	if err != nil {
		fmt.Println(err)
		return
	}
	var walk func(n expr.Node, indent string)
	walk = func(n expr.Node, indent string) {
		switch x := n.(type) {
		case *expr.Call:
			fmt.Printf("%s%s(...) %v\n", indent, x.Func, x.Type)
			for _, a := range x.Args {
				walk(a, indent+"  ")
			}
		case *expr.Binary:
			fmt.Printf("%s%s %v\n", indent, x.Op, x.Type)
			walk(x.X, indent+"  ")
			walk(x.Y, indent+"  ")
		case *expr.Unary:
			fmt.Printf("%s%s %v\n", indent, x.Op, x.Type)
			walk(x.X, indent+"  ")
		case *expr.ColumnRef:
			fmt.Printf("%scolumn %s (%v) %v\n", indent, x.Name, x.Kind, x.Type)
		case *expr.TextLit:
			fmt.Printf("%s%q\n", indent, x.Value)
		case *expr.NumberLit:
			fmt.Printf("%s%v\n", indent, x.Value)
		}
	}
	walk(root, "")
	// Output:
	// if(...) number
	//   == true/false
	//     column sex (categorical) text
	//     "female"
	//   log(...) number
	//     column length (numeric) number
	//   - number
	//     1
}
