package eda_test

import (
	"context"
	"fmt"

	"modelbench/workflow/data"
	"modelbench/workflow/eda"
)

// Describe a small table: per-column statistics in pandas' conventions and
// the data-quality alerts, each with a suggested Prepare step.
func ExampleDescribe() {
	age := data.NewNumeric("age", []float64{23, 35, 0, 41, 29, 47, 52, 38, 44, 31}, nil)
	sex := data.NewCategoricalFromStrings("sex", []string{"male", "Male", "female", "male", "female", "female", "male", "male", "female", "female"}, nil)
	sick := data.NewCategoricalFromStrings("sick", []string{"no", "no", "no", "no", "yes", "no", "no", "no", "no", "no"}, nil)
	f, _ := data.NewFrame(age, sex, sick)
	rep, err := eda.Describe(context.Background(), data.NewTable("clinic.csv", f, nil), eda.Options{Target: "sick"}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	a := rep.Column("age")
	// pandas gives mean 34.0, std 14.79, median 36.5, skew -1.34.
	fmt.Printf("age: mean %.1f, std %.2f, median %.1f, skew %.2f, zeros %d\n", *a.Mean, *a.Std, *a.Median, *a.Skew, *a.Zeros)
	for _, al := range rep.Alerts {
		fix := ""
		if al.Fix != nil {
			fix = al.Fix.Step
		}
		fmt.Printf("%s %s (%s): fix %s\n", al.Severity, al.Kind, al.Column, fix)
	}
	// Output:
	// age: mean 34.0, std 14.79, median 36.5, skew -1.34, zeros 1
	// critical impossible_zeros (age): fix replace_values
	// warning inconsistent_spelling (sex): fix replace_values
	// warning class_imbalance (sick): fix rebalance
}
