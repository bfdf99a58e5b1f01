package pmml_test

import (
	"errors"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/deploy/pmml"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

func step(kind string, p param.Values) prep.StepConfig { return prep.Configure(kind, p, "pmml test") }

func cols(names ...string) []string { return names }

// pipelineCase is a hand-made preparation over one dataset and the
// learners it is exported with.
type pipelineCase struct {
	name, file string
	steps      []prep.StepConfig
	learners   []string
}

// pipelineCases use, between them, every step the exporter writes, on
// numbers, categories (with missing and unseen levels), yes/no values and
// dates; the last one gives the trees missing values to route.
func pipelineCases() []pipelineCase {
	numbers := cols("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g")
	all := []string{"logistic", "naive_bayes", "tree", "forest", "gbt"}
	return []pipelineCase{
		{"penguins-numeric-steps", "penguins.csv", []prep.StepConfig{
			step("filter_rows", param.Values{"condition": "not missing(bill_length_mm)"}),
			step("remove_duplicates", nil),
			step("replace_values", param.Values{"column": "year", "values": "2009", "with": ""}),
			step("impute", param.Values{"strategy": "median", "indicator": true}),
			step("impute", param.Values{"columns": cols("sex"), "strategy": "most_frequent", "indicator": true}),
			step("group_rare", param.Values{"columns": cols("island"), "min_share": 0.2}),
			step("clip", param.Values{"columns": numbers}),
			step("log1p", param.Values{"columns": cols("body_mass_g")}),
			step("yeo_johnson", param.Values{"columns": cols("bill_depth_mm")}),
			step("bin", param.Values{"columns": cols("flipper_length_mm"), "encode": "onehot"}),
			step("scale", param.Values{"columns": cols("bill_length_mm"), "method": "robust"}),
			step("ordinal", param.Values{"column": "sex", "order": "female, male"}),
			step("target_encode", param.Values{"columns": cols("island")}),
			step("rebalance", param.Values{"method": "oversample", "seed": 7}),
		}, all},
		{"penguins-missing-categories", "penguins.csv", []prep.StepConfig{
			step("one_hot", param.Values{"columns": cols("sex", "island"), "unseen": "ignore"}),
			step("change_type", param.Values{"column": "year", "type": "boolean"}),
			step("change_type", param.Values{"column": "year", "type": "numeric"}),
			step("impute", param.Values{"strategy": "mean"}),
			step("bin", param.Values{"columns": cols("body_mass_g"), "n_bins": 5, "strategy": "quantile"}),
			step("scale", param.Values{"method": "minmax"}),
		}, all},
		{"credit-categories", "weka_credit_g.csv", []prep.StepConfig{
			step("replace_values", param.Values{"column": "savings_status", "values": "no known savings, <100", "with": "little"}),
			step("group_rare", param.Values{"columns": cols("personal_status", "housing"), "min_share": 0.1}),
			step("one_hot", param.Values{"columns": cols("checking_status", "purpose", "credit_history", "savings_status"), "max_levels": 3, "drop": "first"}),
			step("one_hot", param.Values{"columns": cols("personal_status", "housing", "other_parties", "property_magnitude", "other_payment_plans", "job"), "drop": "if_binary"}),
			step("target_encode", param.Values{"columns": cols("employment"), "smoothing": 2.0}),
			step("yeo_johnson", param.Values{"columns": cols("credit_amount"), "standardize": false}),
			step("yeo_johnson", param.Values{"columns": cols("duration", "age")}),
			step("scale", param.Values{"columns": cols("installment_commitment"), "method": "minmax"}),
			step("clip", param.Values{"columns": cols("residence_since"), "lower_quantile": 0.1, "upper_quantile": 0.9}),
			step("bin", param.Values{"columns": cols("existing_credits"), "n_bins": 4}),
			step("replace_values", param.Values{"column": "own_telephone", "values": "none", "with": ""}),
			step("change_type", param.Values{"column": "own_telephone", "type": "boolean"}),
			step("impute", param.Values{"columns": cols("own_telephone"), "strategy": "most_frequent", "indicator": true}),
			step("change_type", param.Values{"column": "own_telephone", "type": "numeric"}),
			step("change_type", param.Values{"column": "foreign_worker", "type": "numeric"}),
		}, all},
		{"cars-regression-steps", "vega_cars.csv", []prep.StepConfig{
			step("filter_rows", param.Values{"condition": "not missing(Miles_per_Gallon)"}),
			step("drop_columns", param.Values{"columns": cols("Name")}),
			step("date_parts", param.Values{"columns": cols("Year"), "parts": "year,month"}),
			step("replace_values", param.Values{"column": "Cylinders", "values": "3, 5", "with": "4"}),
			step("impute", param.Values{"strategy": "mean", "indicator": true}),
			step("group_rare", param.Values{"columns": cols("Origin"), "min_share": 0.2, "other_label": "elsewhere"}),
			step("clip", param.Values{"columns": cols("Horsepower")}),
			step("log1p", param.Values{"columns": cols("Weight_in_lbs")}),
			step("yeo_johnson", param.Values{"columns": cols("Acceleration")}),
			step("bin", param.Values{"columns": cols("Displacement"), "encode": "onehot", "n_bins": 4}),
			step("target_encode", param.Values{"columns": cols("Origin")}),
			step("scale", param.Values{"method": "robust"}),
		}, []string{"baseline", "linear", "tree", "forest", "gbt"}},
		{"pima-trees-route-missing", "mlbench_pima_diabetes2.csv", nil, []string{"tree", "forest", "gbt"}},
	}
}

// TestExport_OtherSteps exports the hand-made pipelines with each learner
// and compares test and messy rows with Modelbench to 1e-9.
func TestExport_OtherSteps(t *testing.T) {
	kinds := map[string]bool{}
	rows := 0
	for _, pc := range pipelineCases() {
		l := load(t, pc.file, datasets[pc.file])
		for _, learner := range pc.learners {
			t.Run(pc.name+"/"+learner, func(t *testing.T) {
				a := l.fit(t, learner, prep.NewPipeline(pc.steps...))
				doc, rep, err := pmml.Export(a)
				if err != nil {
					t.Fatalf("Export: %v", err)
				}
				for _, s := range rep.Steps {
					kinds[s.Kind] = true
				}
				for name, f := range map[string]*data.Frame{"test": l.test, "messy": messyRows(l.test, l.target)} {
					n, err := comparePredictions(a, doc, rep, f, 1e-9)
					var skip errSkip
					if errors.As(err, &skip) && name == "messy" {
						t.Logf("%s rows: %v", name, err) // unseen levels give missing ordinal codes
						continue
					}
					if err != nil {
						writeFailed(t, doc)
						t.Fatalf("%s rows: %v", name, err)
					}
					rows += n.rows
				}
			})
		}
	}
	for _, k := range []string{"filter_rows", "remove_duplicates", "replace_values", "impute", "group_rare", "clip", "log1p",
		"yeo_johnson", "bin", "scale", "ordinal", "target_encode", "rebalance", "one_hot", "change_type", "drop_columns", "date_parts"} {
		if !kinds[k] {
			t.Errorf("no case exports a %s step", k)
		}
	}
	t.Logf("compared %d rows", rows)
}
