package reproduce_test

import (
	"testing"
)

var (
	iris         = dataset{sample: "iris"}
	penguins     = dataset{sample: "penguins"}
	titanic      = dataset{sample: "titanic"}
	creditG      = dataset{sample: "credit_g"}
	pima         = dataset{sample: "pima_diabetes"}
	seattle      = dataset{sample: "seattle_weather"}
	diamonds     = dataset{sample: "diamonds"}
	airquality   = dataset{file: "r_airquality.csv", target: "Ozone"}
	diabetes     = dataset{file: "sk_diabetes.csv", target: "target"}
	cars         = dataset{file: "vega_cars.csv", target: "Miles_per_Gallon"}
	mtcars       = dataset{file: "r_mtcars.csv", target: "mpg"}
	wine         = dataset{file: "sk_wine.csv", target: "target_name", ignore: []string{"target"}}
	vote         = dataset{file: "weka_vote.csv", target: "Class"}
	breastCancer = dataset{file: "sk_breast_cancer.csv", target: "target_name", ignore: []string{"target"}}
)

// TestScript_EveryLearnerFamily trains every learner family through
// workflow.Project (default preparation, default split) on datasets that
// fit its task, and checks the script against scikit-learn.
func TestScript_EveryLearnerFamily(t *testing.T) {
	cases := []struct {
		name    string
		d       dataset
		learner string
	}{
		{"baseline/iris", iris, "baseline"},
		{"baseline/airquality", airquality, "baseline"},
		{"linear/diabetes", diabetes, "linear"},
		{"linear/cars", cars, "linear"},
		{"linear/diamonds", diamonds, "linear"},
		{"logistic/penguins", penguins, "logistic"},
		{"logistic/titanic", titanic, "logistic"},
		{"logistic/credit_g", creditG, "logistic"},
		{"logistic/mtcars_am", dataset{file: "r_mtcars.csv", target: "am"}, "logistic"}, // classes "0" and "1"
		{"naive_bayes/iris", iris, "naive_bayes"},
		{"naive_bayes/pima", pima, "naive_bayes"},
		{"naive_bayes/vote", vote, "naive_bayes"},
		{"knn/wine", wine, "knn"},
		{"knn/penguins", penguins, "knn"},
		{"knn/mtcars", mtcars, "knn"},
		{"tree/titanic", titanic, "tree"},
		{"tree/seattle_weather", seattle, "tree"},
		{"tree/breast_cancer", breastCancer, "tree"},
		{"forest/credit_g", creditG, "forest"},
		{"forest/cars", cars, "forest"},
		{"forest/seattle_weather", seattle, "forest"},
		{"gbt/pima", pima, "gbt"},
		{"gbt/penguins", penguins, "gbt"},
		{"gbt/diabetes", diabetes, "gbt"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			reproduceCase(t, c.d, c.learner, nil, nil)
		})
	}
}
