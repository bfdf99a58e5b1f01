package prep_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

func exampleFrame(ages []float64, cities []string) *data.Frame {
	f, _ := data.NewFrame(
		data.NewNumeric("age", ages, nil),
		data.NewCategoricalFromStrings("city", cities, nil),
	)
	return f
}

// Fit learns from training rows only; Apply reuses what was learnt on new
// rows, where an unseen city becomes all zeros and a missing age the
// training median.
func ExamplePipeline_Fit() {
	train := exampleFrame([]float64{20, math.NaN(), 40, 60}, []string{"Oslo", "Lima", "Oslo", "Lima"})
	p := prep.NewPipeline(
		prep.Configure("impute", param.Values{"strategy": "median", "indicator": true}, "ages are sometimes not asked"),
		prep.Configure("one_hot", param.Values{"columns": []string{"city"}}, ""),
	)
	ft, err := p.Fit(context.Background(), train, "", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	newRows := exampleFrame([]float64{math.NaN(), 30}, []string{"Lima", "Rome"})
	out, _ := ft.Apply(context.Background(), newRows)
	fmt.Println(out.Names())
	for i := 0; i < out.NumRows(); i++ {
		fmt.Println(out.Col(0).Format(i), out.Col(1).Format(i), out.Col(2).Format(i), out.Col(3).Format(i))
	}
	for _, line := range ft.Describe() {
		fmt.Println(line)
	}
	// Output:
	// [age age_missing city=Lima city=Oslo]
	// 40 1 1 0
	// 30 0 0 0
	// step 1 (impute): fills missing values (median): age 40. Adds missing-value indicators for "age". Why: ages are sometimes not asked
	// step 2 (one_hot): encodes city (2 categories) as 2 0/1 columns; unseen categories: ignore.
}

// A fitted pipeline is saved as versioned JSON and replays identically.
func ExampleFitted_MarshalJSON() {
	train := exampleFrame([]float64{1, 2, 3, 4}, []string{"a", "b", "a", "b"})
	ft, _ := prep.NewPipeline(prep.Configure("scale", param.Values{"method": "minmax"}, "")).Fit(context.Background(), train, "", nil)
	b, _ := json.Marshal(ft)
	var back prep.Fitted
	if err := json.Unmarshal(b, &back); err != nil {
		fmt.Println(err)
		return
	}
	out, _ := back.Apply(context.Background(), exampleFrame([]float64{2.5, 7}, []string{"a", "c"}))
	fmt.Println(string(b[:44]))
	fmt.Println(out.Col(0).Format(0), out.Col(0).Format(1))
	// Output:
	// {"format":"modelbench.pipeline","version":1,
	// 0.5 2
}

// A stratified split keeps each class's share in every part and is the
// same for a seed on every machine.
func ExampleSplitSpec_Split() {
	labels := make([]string, 100)
	for i := range labels {
		labels[i] = "no"
		if i%4 == 0 {
			labels[i] = "yes"
		}
	}
	f, _ := data.NewFrame(data.NewCategoricalFromStrings("buys", labels, nil))
	sp, _ := prep.SplitSpec{Method: prep.SplitStratified, Train: 0.6, Valid: 0.2, Test: 0.2, Seed: 7}.Split(f, "buys")
	yes := 0
	for _, r := range sp.Test {
		if labels[r] == "yes" {
			yes++
		}
	}
	fmt.Println(len(sp.Train), len(sp.Valid), len(sp.Test), yes)
	// Output: 60 20 20 5
}

// An exporter reads the fitted pipeline's description instead of its
// internals: one typed value per step, with the columns it receives and
// returns.
func ExampleFitted_Export() {
	train := exampleFrame([]float64{20, math.NaN(), 40, 60}, []string{"Oslo", "Rome", "Oslo", ""})
	p := prep.NewPipeline(
		prep.Configure("impute", param.Values{"columns": []string{"age"}, "strategy": "median", "indicator": true}, ""),
		prep.Configure("one_hot", param.Values{"columns": []string{"city"}}, ""),
	)
	ft, err := p.Fit(context.Background(), train, "", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	px, err := ft.Export()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, st := range px.Steps {
		switch s := st.(type) {
		case *prep.ImputeExport:
			for _, c := range s.Columns {
				fmt.Printf("impute %s: missing -> %v, indicator %s\n", c.Name, c.Number, c.Indicator)
			}
		case *prep.OneHotExport:
			for _, c := range s.Columns {
				fmt.Printf("one_hot %s: %v -> %v, missing -> %d, unseen: %s\n", c.Name, c.Categories, c.CategoryOutput, c.MissingOutput, s.Unseen)
			}
		}
	}
	fmt.Println(px.Features)
	// Output:
	// impute age: missing -> 40, indicator age_missing
	// one_hot city: [Oslo Rome] -> [0 1], missing -> 2, unseen: ignore
	// [age age_missing city=Oslo city=Rome city=(missing)]
}
