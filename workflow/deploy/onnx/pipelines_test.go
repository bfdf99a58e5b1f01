package onnx_test

import (
	"testing"

	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

func step(kind string, p param.Values) prep.StepConfig {
	return prep.Configure(kind, p, "ONNX export test")
}

func cols(names ...string) []string { return names }

// pipelineCase is a hand-made pipeline over a shared dataset, fitted with
// each of the learners.
type pipelineCase struct {
	name, file string
	learners   []string
	steps      []prep.StepConfig
}

// islands is the stored table the join steps read (prep's test data).
const islands = "../../prep/testdata/island_facts.csv"
const islandGaps = "../../prep/testdata/island_gaps.csv"

// pipelineCases use, between them, every exportable step kind on numeric,
// categorical, yes/no, text and date columns, and tree models fed missing
// values (no imputation), so that their missing-value directions matter.
func pipelineCases() []pipelineCase {
	penguinNumbers := cols("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g")
	return []pipelineCase{
		{"penguins-many-steps", "penguins.csv", []string{"logistic", "gbt"}, []prep.StepConfig{
			step("filter_rows", param.Values{"condition": "not missing(bill_length_mm)"}),
			step("remove_duplicates", nil),
			step("derive", param.Values{"name": "ratio", "expression": "bill_length_mm / bill_depth_mm"}),
			step("join", param.Values{"table_path": islands, "key": "island"}),
			step("join", param.Values{"table_path": islandGaps, "key": "island", "columns": cols("founded", "staffed", "code")}),
			step("change_type", param.Values{"column": "founded", "type": "numeric"}),
			step("change_type", param.Values{"column": "staffed", "type": "numeric"}),
			step("replace_values", param.Values{"column": "year", "values": "2009", "with": ""}),
			step("impute", param.Values{"strategy": "median", "indicator": true}),
			step("impute", param.Values{"columns": cols("sex"), "strategy": "most_frequent", "indicator": true}),
			step("group_rare", param.Values{"columns": cols("island"), "min_share": 0.2}),
			step("clip", param.Values{"columns": penguinNumbers}),
			step("log1p", param.Values{"columns": cols("body_mass_g")}),
			step("yeo_johnson", param.Values{"columns": cols("bill_depth_mm")}),
			step("bin", param.Values{"columns": cols("flipper_length_mm"), "encode": "onehot"}),
			step("scale", param.Values{"columns": cols("ratio"), "method": "robust"}),
			step("scale", param.Values{"columns": cols("bill_length_mm"), "method": "minmax"}),
			step("ordinal", param.Values{"column": "sex", "order": "female, male"}),
			step("target_encode", param.Values{"columns": cols("island")}),
			step("one_hot", param.Values{"columns": cols("station"), "drop": "first"}),
			step("rebalance", param.Values{"method": "oversample", "seed": 7}),
		}},
		{"penguins-trees-see-missing", "penguins.csv", []string{"tree", "forest", "gbt"}, []prep.StepConfig{
			step("one_hot", param.Values{"columns": cols("island", "sex")}),
		}},
		{"titanic-expressions", "cardata_titanic.csv", []string{"logistic", "forest"}, []prep.StepConfig{
			step("derive", param.Values{"name": "young_male", "expression": `if(sex == "male" and age < 15, 1, 0)`}),
			step("derive", param.Values{"name": "age_ratio", "expression": "age / (age - 30)"}),
			step("derive", param.Values{"name": "age_digits", "expression": "round(age, 2) + round(age, -1) + round(-age / 7, 1) + missing(round(age, 301))"}),
			step("derive", param.Values{"name": "mixed", "expression": `min(age, 40, sqrt(age) * 3) - max(-0, age ^ 0.5, abs(age - 50)) + exp(-age / 20) + log(age + 1)`}),
			step("derive", param.Values{"name": "logic", "expression": `(age > 20 or missing(age)) and not (sex != "female") or if(passengerClass == "1st", missing(name), age >= 60)`}),
			step("derive", param.Values{"name": "age", "expression": "round(age, 0)"}),
			step("replace_values", param.Values{"column": "name", "values": "Allen, Miss. Elisabeth Walton", "with": ""}),
			step("derive", param.Values{"name": "no_name", "expression": "missing(name)"}),
			step("impute", param.Values{"columns": cols("name"), "strategy": "constant", "fill_value": "nobody"}),
			step("group_rare", param.Values{"columns": cols("name"), "min_share": 0.002, "other_label": "rare"}),
			step("one_hot", param.Values{"columns": cols("name"), "max_levels": 4}),
			step("impute", param.Values{"columns": cols("age", "age_ratio", "age_digits", "mixed", "logic", "young_male"), "strategy": "median", "indicator": true}),
			step("bin", param.Values{"columns": cols("age"), "strategy": "uniform", "encode": "onehot", "n_bins": 4}),
			step("target_encode", param.Values{"columns": cols("passengerClass")}),
			step("ordinal", param.Values{"column": "sex", "order": "female, male"}),
		}},
		{"credit-categories", "weka_credit_g.csv", []string{"logistic", "naive_bayes", "gbt", "knn"}, []prep.StepConfig{
			step("replace_values", param.Values{"column": "savings_status", "values": "no known savings, <100", "with": "little"}),
			step("group_rare", param.Values{"columns": cols("personal_status", "housing"), "min_share": 0.1}),
			step("one_hot", param.Values{"columns": cols("checking_status", "purpose", "credit_history", "savings_status"), "max_levels": 3, "drop": "first"}),
			step("one_hot", param.Values{"columns": cols("foreign_worker", "personal_status", "housing"), "drop": "if_binary"}),
			step("target_encode", param.Values{"columns": cols("employment"), "smoothing": 2.0}),
			step("yeo_johnson", param.Values{"columns": cols("credit_amount"), "standardize": false}),
			step("yeo_johnson", param.Values{"columns": cols("duration", "age")}),
			step("scale", param.Values{"columns": cols("installment_commitment"), "method": "minmax"}),
			step("clip", param.Values{"columns": cols("residence_since"), "lower_quantile": 0.1, "upper_quantile": 0.9}),
			step("bin", param.Values{"columns": cols("existing_credits"), "n_bins": 4}),
			step("ordinal", param.Values{"column": "num_dependents", "order": "0, 1, 2, 3"}),
			step("ordinal", param.Values{"column": "own_telephone", "order": "none, yes"}),
			step("ordinal", param.Values{"column": "job", "order": "unemp/unskilled non res, unskilled resident, skilled, high qualif/self emp/mgmt"}),
			step("one_hot", param.Values{"columns": cols("other_parties", "property_magnitude", "other_payment_plans")}),
			step("scale", param.Values{"method": "standard"}),
		}},
		{"soybean-many-classes", "weka_soybean.csv", []string{"logistic", "tree"}, []prep.StepConfig{
			step("impute", param.Values{"columns": cols("hail"), "strategy": "most_frequent", "indicator": true}),
			step("impute", param.Values{"columns": cols("lodging"), "strategy": "constant", "fill_value": "yes"}),
			step("replace_values", param.Values{"column": "hail", "values": "true", "with": "no"}),
			step("impute", param.Values{"columns": cols("date"), "strategy": "constant", "fill_value": "unknown", "indicator": true}),
			step("target_encode", param.Values{"columns": cols("date", "leaves"), "folds": 3}),
			step("group_rare", param.Values{"columns": cols("precip", "temp"), "min_share": 0.2, "other_label": "rare"}),
			step("one_hot", param.Values{"columns": cols("plant-stand", "precip", "temp")}),
			step("change_type", param.Values{"column": "lodging", "type": "numeric"}),
			step("change_type", param.Values{"column": "hail", "type": "numeric"}),
			step("drop_columns", param.Values{"columns": cols("crop-hist", "area-damaged", "severity", "seed-tmt", "germination", "plant-growth",
				"leafspots-halo", "leafspots-marg", "leafspot-size", "leaf-shread", "leaf-malf", "leaf-mild", "stem", "stem-cankers",
				"canker-lesion", "fruiting-bodies", "external-decay", "mycelium", "int-discolor", "sclerotia", "fruit-pods", "fruit-spots",
				"seed", "mold-growth", "seed-discolor", "seed-size", "shriveling", "roots")}),
		}},
		{"seattle-dates-and-types", "vega_seattle_weather.csv", []string{"gbt", "logistic"}, []prep.StepConfig{
			step("date_parts", param.Values{"columns": cols("date"), "parts": "year,month,day,weekday,hour"}),
			step("derive", param.Values{"name": "wind_s", "expression": "wind / 7"}),
			step("change_type", param.Values{"column": "wind", "type": "boolean"}),
			step("derive", param.Values{"name": "windy_warm", "expression": "temp_max > 20 and wind"}),
			step("change_type", param.Values{"column": "wind", "type": "numeric"}),
			step("scale", param.Values{"columns": cols("temp_max"), "method": "robust"}),
			step("derive", param.Values{"name": "tmin", "expression": "temp_min + 20"}),
			step("log1p", param.Values{"columns": cols("tmin", "precipitation")}),
			step("rebalance", param.Values{"method": "undersample"}),
		}},
		{"seattle-date-as-number", "vega_seattle_weather.csv", []string{"tree"}, []prep.StepConfig{
			step("change_type", param.Values{"column": "date", "type": "numeric"}),
		}},
		{"airquality-regression", "r_airquality.csv", []string{"linear", "gbt", "knn"}, []prep.StepConfig{
			step("filter_rows", param.Values{"condition": "not missing(Ozone)"}),
			step("ordinal", param.Values{"column": "Month", "order": "5, 6, 7, 8, 9"}),
			step("derive", param.Values{"name": "Temp", "expression": "(Temp - 32) * 5 / 9"}),
			step("impute", param.Values{"columns": cols("Solar.R"), "strategy": "mean", "indicator": true}),
			step("log1p", param.Values{"columns": cols("Solar.R")}),
			step("clip", param.Values{"columns": cols("Wind"), "lower_quantile": 0.05, "upper_quantile": 0.95}),
			step("bin", param.Values{"columns": cols("Day"), "strategy": "uniform", "n_bins": 3}),
			step("yeo_johnson", param.Values{"columns": cols("Wind")}),
			step("scale", param.Values{"columns": cols("Temp")}),
			step("impute", param.Values{"strategy": "median"}),
		}},
		{"airquality-trees-see-missing", "r_airquality.csv", []string{"tree", "forest", "gbt"}, []prep.StepConfig{
			step("filter_rows", param.Values{"condition": "not missing(Ozone)"}),
		}},
		{"vote-booleans", "weka_vote.csv", []string{"logistic", "tree", "naive_bayes"}, []prep.StepConfig{
			step("derive", param.Values{"name": "yes2", "expression": "`el-salvador-aid` + `religious-groups-in-schools` + missing(`duty-free-exports`)"}),
			step("one_hot", param.Values{"columns": cols("handicapped-infants", "water-project-cost-sharing")}),
			step("ordinal", param.Values{"column": "crime", "order": "false, true"}),
			step("group_rare", param.Values{"columns": cols("immigration"), "min_share": 0.6}),
			step("one_hot", param.Values{"columns": cols("immigration")}),
			step("impute", param.Values{"columns": cols("mx-missile"), "strategy": "constant", "fill_value": "no", "indicator": true}),
			step("impute", param.Values{"columns": cols("synfuels-corporation-cutback"), "strategy": "most_frequent"}),
			step("replace_values", param.Values{"column": "superfund-right-to-sue", "values": "y", "with": ""}),
			step("replace_values", param.Values{"column": "education-spending", "values": "n, ", "with": "yes"}),
			step("target_encode", param.Values{"columns": cols("export-administration-act-south-africa")}),
			step("impute", param.Values{"strategy": "most_frequent"}),
			step("change_type", param.Values{"column": "adoption-of-the-budget-resolution", "type": "numeric"}),
			step("change_type", param.Values{"column": "physician-fee-freeze", "type": "numeric"}),
			step("change_type", param.Values{"column": "el-salvador-aid", "type": "numeric"}),
			step("change_type", param.Values{"column": "religious-groups-in-schools", "type": "numeric"}),
			step("change_type", param.Values{"column": "anti-satellite-test-ban", "type": "numeric"}),
			step("change_type", param.Values{"column": "aid-to-nicaraguan-contras", "type": "numeric"}),
			step("change_type", param.Values{"column": "mx-missile", "type": "numeric"}),
			step("change_type", param.Values{"column": "synfuels-corporation-cutback", "type": "numeric"}),
			step("change_type", param.Values{"column": "education-spending", "type": "numeric"}),
			step("change_type", param.Values{"column": "superfund-right-to-sue", "type": "numeric"}),
			step("change_type", param.Values{"column": "duty-free-exports", "type": "numeric"}),
		}},
		{"diamonds-ordinal", "diamonds.csv", []string{"linear", "gbt"}, []prep.StepConfig{
			step("ordinal", param.Values{"column": "cut", "order": "Fair, Good, Very Good, Premium, Ideal"}),
			step("one_hot", param.Values{"columns": cols("color"), "drop": "if_binary"}),
			step("target_encode", param.Values{"columns": cols("clarity")}),
			step("derive", param.Values{"name": "volume", "expression": "x * y * z"}),
			step("derive", param.Values{"name": "density", "expression": "if(volume > 0, carat / volume, 0)"}),
			step("scale", param.Values{"columns": cols("carat", "depth")}),
			step("bin", param.Values{"columns": cols("table"), "encode": "onehot"}),
			step("drop_columns", param.Values{"columns": cols("x")}),
			step("impute", param.Values{"strategy": "median"}),
		}},
		{"cars-dates-text", "vega_cars.csv", []string{"forest", "linear"}, []prep.StepConfig{
			step("drop_columns", param.Values{"columns": cols("Name")}),
			step("date_parts", param.Values{"parts": "year"}),
			step("impute", param.Values{"strategy": "mean", "indicator": true}),
			step("bin", param.Values{"columns": cols("Cylinders"), "n_bins": 3, "strategy": "uniform", "encode": "onehot"}),
			step("ordinal", param.Values{"column": "Origin", "order": "USA, Europe, Japan"}),
			step("impute", param.Values{"strategy": "median"}),
		}},
		{"weather-smoothing", "weka_weather_nominal.csv", []string{"logistic", "tree"}, []prep.StepConfig{
			step("one_hot", param.Values{"columns": cols("outlook", "temperature")}),
			step("one_hot", param.Values{"columns": cols("windy")}),
			step("target_encode", param.Values{"columns": cols("humidity"), "smoothing": 0.0}),
		}},
	}
}

// TestExport_Pipelines: pipelines using every exportable step kind, with
// several learners each, score in ONNX Runtime as in Modelbench, on the
// held-out rows as they are and messed up.
func TestExport_Pipelines(t *testing.T) {
	byFile := map[string]dataset{}
	for _, ds := range sharedDatasets(t) {
		byFile[ds.name] = ds
	}
	kinds := map[string]bool{}
	var jobs []*scoringJob
	for _, c := range pipelineCases() {
		ds, ok := byFile[c.file]
		if !ok {
			t.Fatalf("no dataset %s", c.file)
		}
		pipe := prep.NewPipeline(c.steps...)
		for _, l := range c.learners {
			a, test := fitArtifact(t, ds, l, smallParams(l), &pipe)
			js := jobsFor(t, c.name+" "+l, a, test)
			for _, s := range js[0].fit.report.Steps {
				kinds[s.Kind] = true
			}
			jobs = append(jobs, js...)
		}
	}
	d := runAndCompare(t, jobs)
	t.Logf("%d scoring jobs, %d rows; largest differences: probability %.3g, regression value (relative) %.3g", len(jobs), d.rows, d.proba, d.value)
	for _, k := range prep.Kinds() {
		if !kinds[k.Name] {
			t.Errorf("no pipeline exports a %s step", k.Name)
		}
	}
}

// smallParams keeps the ensembles small.
func smallParams(learner string) param.Values {
	switch learner {
	case "forest":
		return param.Values{"n_estimators": 20}
	case "gbt":
		return param.Values{"max_iter": 30}
	case "knn":
		return param.Values{"weights": "distance", "k": 4}
	}
	return nil
}
