package bayes

import "modelbench/workflow/param"

const help = "Naive Bayes scores each class by how typical the row's values are for that class, feature by " +
	"feature, and multiplies those scores with how common the class is. It assumes the features are independent " +
	"within a class (the \"naive\" part), which is rarely true, yet it often ranks classes well. It trains in one " +
	"pass, works with few rows and many features, and is a good quick benchmark. Its probabilities tend to be too " +
	"extreme when features are related, and numeric features are modelled as bell curves, so strongly skewed " +
	"features may need a log transform. List ordinal-encoded category columns under categorical features."

var specs = []param.Spec{
	{Name: "var_smoothing", Label: "Variance smoothing", Help: "A small share of the largest feature variance added to " +
		"every variance, so that a feature that barely varies within a class does not dominate. Raise it if the model " +
		"is overconfident.", Kind: param.Float, Min: 1e-15, Max: 1, HasRange: true, Log: true, Default: 1e-9},
	{Name: "alpha", Label: "Category smoothing (alpha)", Help: "For categorical features: a pretend count added to " +
		"every category of every class, so that a category never seen with a class does not make it impossible. " +
		"1 is the classic Laplace smoothing.", Kind: param.Float, Min: 1e-10, Max: 100, HasRange: true, Log: true, Default: 1.0},
	{Name: "categorical", Label: "Categorical features", Help: "Features that hold category codes 0, 1, 2, ... (for " +
		"example from an ordinal encoding). They are counted per class instead of being treated as numbers. All other " +
		"features are treated as numbers with a bell-curve shape.", Kind: param.Columns, Default: []string{}},
}
