package reproduce_test

import (
	"testing"

	"modelbench/workflow"
	"modelbench/workflow/data"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

func step(kind string, params param.Values) prep.StepConfig {
	return prep.Configure(kind, params, "")
}

func pipeline(steps ...prep.StepConfig) func(*workflow.Project) prep.Pipeline {
	return func(*workflow.Project) prep.Pipeline { return prep.NewPipeline(steps...) }
}

// TestScript_EveryExportableStep runs pipelines that use the other step
// kinds, on datasets where they mean something, through the same checks:
// every prepared value to 1e-9, the rows the estimator learns from to
// 1e-9, the metric within the Train step's tolerance.
func TestScript_EveryExportableStep(t *testing.T) {
	voteColumns := []string{"handicapped-infants", "water-project-cost-sharing", "adoption-of-the-budget-resolution",
		"physician-fee-freeze", "el-salvador-aid", "religious-groups-in-schools", "anti-satellite-test-ban",
		"aid-to-nicaraguan-contras", "mx-missile", "immigration", "synfuels-corporation-cutback", "education-spending",
		"superfund-right-to-sue", "crime", "duty-free-exports", "export-administration-act-south-africa"}
	voteSteps := []prep.StepConfig{step("impute", param.Values{"strategy": "most_frequent", "indicator": true})}
	for _, c := range voteColumns {
		voteSteps = append(voteSteps, step("ordinal", param.Values{"column": c, "order": "n, y"}))
	}
	cases := []struct {
		name     string
		d        dataset
		learner  string
		params   param.Values
		pipeline func(*workflow.Project) prep.Pipeline
	}{
		{"replace_clip_log1p_minmax/pima", pima, "logistic", nil, pipeline(
			step("replace_values", param.Values{"column": "plas", "values": "0", "with": ""}),
			step("replace_values", param.Values{"column": "mass", "values": "0, 0.0", "with": ""}),
			step("impute", param.Values{"strategy": "median", "indicator": true}),
			step("clip", param.Values{"columns": []string{"insu", "pedi"}, "lower_quantile": 0.05, "upper_quantile": 0.95}),
			step("log1p", param.Values{"columns": []string{"insu", "pedi", "preg"}}),
			step("scale", param.Values{"method": "minmax"}),
		)},
		{"filter_yeo_johnson_robust_derive/airquality", airquality, "linear", nil, pipeline(
			step("filter_rows", param.Values{"condition": "not missing(Ozone) and (Wind < 18 or missing(Wind))"}),
			step("yeo_johnson", param.Values{"columns": []string{"Solar.R", "Wind", "Temp"}}),
			step("derive", param.Values{"name": "heat", "expression": "Temp * abs(Wind) + if(Month >= 7, 1, 0)"}),
			step("impute", param.Values{"strategy": "mean"}),
			step("scale", param.Values{"method": "robust"}),
		)},
		{"date_parts_bins_one_hot/cars", cars, "linear", nil, pipeline(
			step("drop_columns", param.Values{"columns": []string{"Name"}}),
			step("date_parts", param.Values{"columns": []string{"Year"}, "parts": "year,month,weekday"}),
			step("bin", param.Values{"columns": []string{"Horsepower"}, "n_bins": 4, "strategy": "quantile", "encode": "onehot"}),
			step("bin", param.Values{"columns": []string{"Weight_in_lbs"}, "n_bins": 5, "strategy": "uniform", "encode": "ordinal"}),
			step("impute", param.Values{"strategy": "median", "indicator": true}),
			step("one_hot", param.Values{"columns": []string{"Origin"}, "drop": "first"}),
		)},
		{"ordinal_group_rare_target_encode/credit_g", creditG, "logistic", param.Values{"max_iter": 500}, pipeline(
			step("ordinal", param.Values{"column": "savings_status", "order": "no known savings, <100, 100<=X<500, 500<=X<1000, >=1000"}),
			step("group_rare", param.Values{"columns": []string{"purpose"}, "min_share": 0.05, "other_label": "rare"}),
			step("target_encode", param.Values{"columns": []string{"credit_history", "purpose"}, "smoothing": 5.0, "folds": 4}),
			step("one_hot", param.Values{"columns": []string{"personal_status", "employment"}, "max_levels": 3}),
			step("one_hot", param.Values{"drop": "if_binary"}),
			step("impute", param.Values{"strategy": "median"}),
			step("scale", param.Values{"method": "standard"}),
		)},
		{"multiclass_target_encode_missing_category/penguins", penguins, "knn", nil, pipeline(
			step("target_encode", param.Values{"columns": []string{"island"}}),
			step("one_hot", param.Values{"columns": []string{"sex"}}),
			step("impute", param.Values{"strategy": "median"}),
			step("scale", param.Values{"method": "standard"}),
		)},
		{"derive_text_and_constant_impute/penguins", penguins, "tree", nil, pipeline(
			step("replace_values", param.Values{"column": "island", "values": "Dream", "with": "Biscoe"}),
			step("derive", param.Values{"name": "torgersen", "expression": `island == "Torgersen" and not missing(sex)`}),
			step("derive", param.Values{"name": "bill", "expression": "round(bill_length_mm / bill_depth_mm, 1) ^ 2 - min(year, 2008) + max(0, sqrt(body_mass_g))"}),
			step("impute", param.Values{"columns": []string{"sex"}, "strategy": "constant", "fill_value": "unknown", "indicator": true}),
			step("impute", param.Values{"strategy": "constant", "fill_value": "-1"}),
			step("one_hot", param.Values{"drop": "none"}),
		)},
		{"rows_and_dates/seattle_weather", seattle, "gbt", nil, pipeline(
			step("remove_duplicates", nil),
			step("filter_rows", param.Values{"condition": `wind < 9 and weather != "fog"`}),
			step("date_parts", param.Values{"parts": "year,month,day,weekday"}),
			step("derive", param.Values{"name": "range", "expression": "temp_max - temp_min"}),
			step("clip", param.Values{"columns": []string{"wind", "range"}}),
			step("derive", param.Values{"name": "precipitation", "expression": "log(precipitation)"}), // log(0) is missing: gbt takes it
		)},
		{"change_type/mtcars", mtcars, "knn", param.Values{"k": 3}, pipeline(
			step("drop_columns", param.Values{"columns": []string{"model"}}),
			step("change_type", param.Values{"column": "cyl", "type": "categorical"}),
			step("change_type", param.Values{"column": "vs", "type": "boolean"}),
			step("one_hot", param.Values{"columns": []string{"cyl", "vs"}}),
			step("scale", param.Values{"method": "standard"}),
		)},
		{"types_changed_in_the_data_step/mtcars", dataset{file: "r_mtcars.csv", target: "mpg",
			kinds: map[string]data.Kind{"cyl": data.Categorical, "gear": data.Categorical, "carb": data.Text}}, "linear", nil, nil},
		{"replace_yes_no_words/vote", vote, "logistic", nil, pipeline(
			step("replace_values", param.Values{"column": "crime", "values": "TRUE", "with": ""}),
			step("replace_values", param.Values{"column": "immigration", "values": "no", "with": "Yes"}),
			step("impute", param.Values{"strategy": "most_frequent", "indicator": true}),
			step("one_hot", param.Values{"columns": []string{"crime", "immigration", "mx-missile"}}),
		)},
		{"ordinal_yes_no_categorical_naive_bayes/vote", vote, "naive_bayes",
			param.Values{"categorical": voteColumns}, pipeline(voteSteps...)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := reproduceCase(t, c.d, c.learner, c.params, c.pipeline)
			if len(res.Checks) == 0 {
				t.Error("the script checked no learnt value")
			}
		})
	}
}
