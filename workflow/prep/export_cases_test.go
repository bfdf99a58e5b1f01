package prep_test

import (
	"strconv"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// exportCase is a pipeline over one of the shared datasets. steps nil
// means the default preparation (scaled when scale is set).
type exportCase struct {
	name, file, target string
	every              int // keep every k-th row of the file (0: all)
	scale              bool
	steps              []prep.StepConfig
	respell            data.BoolSpelling // when set, the file's yes/no columns are spelled so
}

func step(kind string, p param.Values) prep.StepConfig { return prep.Configure(kind, p, "export test") }

func cols(names ...string) []string { return names }

// readmeTargets are the datasets of workflow/internal/testsets and the
// target its README names for each.
var readmeTargets = map[string]string{
	"sk_iris.csv": "target_name", "sk_wine.csv": "target_name", "sk_breast_cancer.csv": "target_name",
	"sk_diabetes.csv": "target", "penguins.csv": "species", "r_airquality.csv": "Ozone", "r_mtcars.csv": "mpg",
	"cardata_titanic.csv": "survived", "weka_credit_g.csv": "class", "weka_diabetes.csv": "class",
	"mlbench_pima_diabetes2.csv": "diabetes", "weka_vote.csv": "Class", "weka_soybean.csv": "class",
	"weka_weather_nominal.csv": "play", "diamonds.csv": "price", "vega_seattle_weather.csv": "weather",
	"vega_cars.csv": "Miles_per_Gallon",
}

// exportCases use, between them, every step kind on numeric, categorical,
// yes/no, text and date columns.
func exportCases() []exportCase {
	var cases []exportCase
	for file, target := range readmeTargets {
		every := 0
		if file == "diamonds.csv" {
			every = 20
		}
		for _, scale := range []bool{false, true} {
			cases = append(cases, exportCase{name: "default-" + strconv.FormatBool(scale) + "-" + file, file: file, target: target, every: every, scale: scale})
		}
	}
	penguinNumbers := cols("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g")
	cases = append(cases,
		exportCase{name: "penguins-all-steps", file: "penguins.csv", target: "species", steps: []prep.StepConfig{
			step("filter_rows", param.Values{"condition": "not missing(bill_length_mm)"}),
			step("remove_duplicates", nil),
			step("derive", param.Values{"name": "ratio", "expression": "bill_length_mm / bill_depth_mm"}),
			step("join", param.Values{"table_path": "testdata/island_facts.csv", "key": "island"}),
			step("join", param.Values{"table_path": "testdata/island_gaps.csv", "key": "island", "columns": cols("founded", "staffed", "note", "code")}),
			step("replace_values", param.Values{"column": "year", "values": "2009", "with": ""}),
			step("impute", param.Values{"strategy": "median", "indicator": true}),
			step("impute", param.Values{"columns": cols("sex"), "strategy": "most_frequent", "indicator": true}),
			step("group_rare", param.Values{"columns": cols("island"), "min_share": 0.2}),
			step("clip", param.Values{"columns": penguinNumbers}),
			step("log1p", param.Values{"columns": cols("body_mass_g")}),
			step("yeo_johnson", param.Values{"columns": cols("bill_depth_mm")}),
			step("bin", param.Values{"columns": cols("flipper_length_mm"), "encode": "onehot"}),
			step("scale", param.Values{"columns": cols("ratio"), "method": "robust"}),
			step("ordinal", param.Values{"column": "sex", "order": "female, male"}),
			step("target_encode", param.Values{"columns": cols("island")}),
			step("change_type", param.Values{"column": "year", "type": "categorical"}),
			step("one_hot", param.Values{"columns": cols("year", "station"), "drop": "first"}),
			step("rebalance", param.Values{"method": "oversample", "seed": 7}),
		}},
		exportCase{name: "titanic-text-and-bools", file: "cardata_titanic.csv", target: "survived", steps: []prep.StepConfig{
			step("derive", param.Values{"name": "young_male", "expression": `if(sex == "male" and age < 15, 1, 0)`}),
			step("derive", param.Values{"name": "age_ratio", "expression": "age / (age - 30)"}),
			step("derive", param.Values{"name": "age_digits", "expression": "round(age, 301) + round(age, -1)"}),
			step("derive", param.Values{"name": "age", "expression": "round(age, 0)"}),
			step("replace_values", param.Values{"column": "name", "values": "Allen, Miss. Elisabeth Walton", "with": ""}),
			step("derive", param.Values{"name": "no_name", "expression": "missing(name)"}),
			step("impute", param.Values{"columns": cols("name"), "strategy": "constant", "fill_value": "nobody"}),
			step("group_rare", param.Values{"columns": cols("name"), "min_share": 0.002, "other_label": "rare"}),
			step("one_hot", param.Values{"columns": cols("name"), "max_levels": 4}),
			step("impute", param.Values{"columns": cols("age"), "strategy": "median", "indicator": true}),
			step("bin", param.Values{"columns": cols("age"), "strategy": "uniform", "encode": "onehot", "n_bins": 4}),
			step("target_encode", param.Values{"columns": cols("passengerClass")}),
			step("ordinal", param.Values{"column": "sex", "order": "female, male"}),
		}},
		exportCase{name: "credit-categories", file: "weka_credit_g.csv", target: "class", steps: []prep.StepConfig{
			step("replace_values", param.Values{"column": "savings_status", "values": "no known savings, <100", "with": "little"}),
			step("group_rare", param.Values{"columns": cols("personal_status", "housing"), "min_share": 0.1}),
			step("one_hot", param.Values{"columns": cols("checking_status", "purpose", "credit_history", "savings_status"), "max_levels": 3, "drop": "first"}),
			step("one_hot", param.Values{"columns": cols("foreign_worker", "personal_status"), "drop": "if_binary"}),
			step("target_encode", param.Values{"columns": cols("employment"), "smoothing": 2.0}),
			step("yeo_johnson", param.Values{"columns": cols("credit_amount"), "standardize": false}),
			step("yeo_johnson", param.Values{"columns": cols("duration", "age")}),
			step("scale", param.Values{"columns": cols("installment_commitment"), "method": "minmax"}),
			step("clip", param.Values{"columns": cols("residence_since"), "lower_quantile": 0.1, "upper_quantile": 0.9}),
			step("bin", param.Values{"columns": cols("existing_credits"), "n_bins": 4}),
			step("change_type", param.Values{"column": "num_dependents", "type": "categorical"}),
			step("one_hot", param.Values{"columns": cols("num_dependents")}),
			step("impute", param.Values{"columns": cols("own_telephone"), "strategy": "most_frequent"}),
			step("ordinal", param.Values{"column": "existing_credits", "order": "0, 1, 2"}),
		}},
		exportCase{name: "soybean-many-classes", file: "weka_soybean.csv", target: "class", steps: []prep.StepConfig{
			step("impute", param.Values{"columns": cols("hail"), "strategy": "most_frequent", "indicator": true}),
			step("impute", param.Values{"columns": cols("lodging"), "strategy": "constant", "fill_value": "yes"}),
			step("replace_values", param.Values{"column": "hail", "values": "true", "with": "no"}),
			step("impute", param.Values{"columns": cols("date"), "strategy": "constant", "fill_value": "unknown", "indicator": true}),
			step("target_encode", param.Values{"columns": cols("date"), "folds": 3}),
			step("group_rare", param.Values{"columns": cols("precip", "temp"), "min_share": 0.2, "other_label": "rare"}),
			step("one_hot", param.Values{"columns": cols("plant-stand", "precip")}),
			step("change_type", param.Values{"column": "lodging", "type": "numeric"}),
		}},
		exportCase{name: "seattle-dates-and-types", file: "vega_seattle_weather.csv", target: "weather", steps: []prep.StepConfig{
			step("change_type", param.Values{"column": "date", "type": "text"}),
			step("change_type", param.Values{"column": "date", "type": "datetime"}),
			step("date_parts", param.Values{"columns": cols("date"), "parts": "year,month,day,weekday,hour"}),
			step("derive", param.Values{"name": "wind_s", "expression": "wind / 7"}),
			step("change_type", param.Values{"column": "wind_s", "type": "datetime"}),
			step("change_type", param.Values{"column": "wind", "type": "boolean"}),
			step("change_type", param.Values{"column": "precipitation", "type": "datetime"}),
			step("date_parts", param.Values{"columns": cols("precipitation"), "parts": "year, hour"}),
			step("derive", param.Values{"name": "windy_old", "expression": "precipitation_year == 1970 and wind"}),
			step("change_type", param.Values{"column": "wind", "type": "numeric"}),
			step("scale", param.Values{"columns": cols("temp_max"), "method": "robust"}),
			step("derive", param.Values{"name": "tmin", "expression": "temp_min + 20"}),
			step("log1p", param.Values{"columns": cols("tmin")}),
			step("rebalance", param.Values{"method": "undersample"}),
		}},
		exportCase{name: "airquality-regression", file: "r_airquality.csv", target: "Ozone", steps: []prep.StepConfig{
			step("filter_rows", param.Values{"condition": "not missing(Ozone)"}),
			step("remove_duplicates", nil),
			step("change_type", param.Values{"column": "Month", "type": "categorical"}),
			step("target_encode", param.Values{"columns": cols("Month")}),
			step("derive", param.Values{"name": "Temp", "expression": "(Temp - 32) * 5 / 9"}),
			step("impute", param.Values{"columns": cols("Solar.R"), "strategy": "mean", "indicator": true}),
			step("log1p", param.Values{"columns": cols("Solar.R")}),
			step("clip", param.Values{"columns": cols("Wind"), "lower_quantile": 0.05, "upper_quantile": 0.95}),
			step("bin", param.Values{"columns": cols("Day"), "strategy": "uniform", "n_bins": 3}),
			step("yeo_johnson", param.Values{"columns": cols("Wind")}),
			step("scale", param.Values{"columns": cols("Temp")}),
		}},
		exportCase{name: "vote-booleans", file: "weka_vote.csv", target: "Class", steps: []prep.StepConfig{
			step("derive", param.Values{"name": "yes2", "expression": "`el-salvador-aid` + `religious-groups-in-schools` + missing(`duty-free-exports`)"}),
			step("one_hot", param.Values{"columns": cols("handicapped-infants", "water-project-cost-sharing")}),
			step("ordinal", param.Values{"column": "crime", "order": "false, true"}),
			step("group_rare", param.Values{"columns": cols("immigration"), "min_share": 0.6}),
			step("impute", param.Values{"columns": cols("mx-missile"), "strategy": "constant", "fill_value": "no", "indicator": true}),
			step("impute", param.Values{"columns": cols("synfuels-corporation-cutback"), "strategy": "most_frequent"}),
			step("change_type", param.Values{"column": "education-spending", "type": "categorical"}),
			step("replace_values", param.Values{"column": "superfund-right-to-sue", "values": "true", "with": ""}),
			step("change_type", param.Values{"column": "export-administration-act-south-africa", "type": "text"}),
			step("replace_values", param.Values{"column": "export-administration-act-south-africa", "values": "false", "with": "no"}),
			step("impute", param.Values{"columns": cols("export-administration-act-south-africa"), "strategy": "constant", "fill_value": ""}),
		}},
		exportCase{name: "vote-spelled-Yes-No", file: "weka_vote.csv", target: "Class", respell: data.BoolSpelling{True: "Yes", False: "No"}, steps: []prep.StepConfig{
			// testdata/vote_crime.csv keys crime Yes/No and adds a yes/no column spelled TRUE/FALSE.
			step("join", param.Values{"table_path": "testdata/vote_crime.csv", "key": "crime"}),
			step("ordinal", param.Values{"column": "crime", "order": "no, yes"}),
			step("ordinal", param.Values{"column": "physician-fee-freeze", "order": "NO, No, Yes"}), // two words for false
			step("replace_values", param.Values{"column": "el-salvador-aid", "values": "Yes, y", "with": "No"}),
			step("replace_values", param.Values{"column": "religious-groups-in-schools", "values": "y", "with": "maybe"}),
			step("one_hot", param.Values{"columns": cols("religious-groups-in-schools", "handicapped-infants")}),
			step("target_encode", param.Values{"columns": cols("immigration", "mx-missile")}),
			step("group_rare", param.Values{"columns": cols("anti-satellite-test-ban"), "min_share": 0.5, "other_label": "rare"}),
			step("impute", param.Values{"columns": cols("synfuels-corporation-cutback"), "strategy": "constant", "fill_value": "TRUE", "indicator": true}),
			step("impute", param.Values{"columns": cols("adoption-of-the-budget-resolution"), "strategy": "most_frequent"}),
			step("change_type", param.Values{"column": "crime_flag", "type": "text"}),
			step("change_type", param.Values{"column": "duty-free-exports", "type": "categorical"}),
			step("one_hot", param.Values{"columns": cols("duty-free-exports")}),
			step("derive", param.Values{"name": "aid_votes", "expression": "`aid-to-nicaraguan-contras` + `education-spending`"}),
		}},
		exportCase{name: "diamonds-ordinal", file: "diamonds.csv", target: "price", every: 20, steps: []prep.StepConfig{
			step("ordinal", param.Values{"column": "cut", "order": "Fair, Good, Very Good, Premium, Ideal"}),
			step("one_hot", param.Values{"columns": cols("color"), "drop": "if_binary"}),
			step("target_encode", param.Values{"columns": cols("clarity")}),
			step("derive", param.Values{"name": "volume", "expression": "x * y * z"}),
			step("derive", param.Values{"name": "density", "expression": "carat / volume"}),
			step("scale", param.Values{"columns": cols("carat", "depth")}),
			step("bin", param.Values{"columns": cols("table"), "encode": "onehot"}),
			step("drop_columns", param.Values{"columns": cols("x")}),
		}},
		exportCase{name: "cars-dates-text", file: "vega_cars.csv", target: "Origin", steps: []prep.StepConfig{
			step("drop_columns", param.Values{"columns": cols("Name")}),
			step("date_parts", param.Values{"parts": "year"}),
			step("impute", param.Values{"strategy": "mean", "indicator": true}),
			step("change_type", param.Values{"column": "Cylinders", "type": "categorical"}),
			step("one_hot", param.Values{"columns": cols("Cylinders"), "max_levels": 3}),
			step("change_type", param.Values{"column": "Weight_in_lbs", "type": "text"}),
			step("change_type", param.Values{"column": "Weight_in_lbs", "type": "numeric"}),
			step("change_type", param.Values{"column": "Acceleration", "type": "categorical"}),
		}},
		exportCase{name: "weather-unseen-error", file: "weka_weather_nominal.csv", target: "play", steps: []prep.StepConfig{
			step("one_hot", param.Values{"columns": cols("outlook", "temperature"), "unseen": "error"}),
			step("one_hot", param.Values{"columns": cols("windy")}),
			step("target_encode", param.Values{"columns": cols("humidity"), "smoothing": 0.0}),
		}},
	)
	return cases
}
