package linear

import (
	"modelbench/workflow/model"
	"modelbench/workflow/param"
)

func init() {
	model.Register(model.Entry{
		Name:   "linear",
		Label:  "Linear regression",
		Help:   linearHelp,
		Tasks:  []model.Task{model.Regression},
		Params: regressionSpecs,
		New:    newRegression,
	})
	model.Register(model.Entry{
		Name:   "logistic",
		Label:  "Logistic regression",
		Help:   logisticHelp,
		Tasks:  []model.Task{model.Classification},
		Params: logisticSpecs,
		New:    newLogistic,
	})
	model.RegisterDecoder("linear", decodeFitted)
}

const linearHelp = "Linear regression predicts the target as a weighted sum of the features plus a constant. " +
	"Each weight says how much the prediction moves when that feature grows by one unit, the others held fixed, " +
	"which makes the model easy to read. It works well when the effects are roughly straight lines and add up; " +
	"it misses curves and interactions unless you build them as features. Watch out for features measured on very " +
	"different scales (scale them before comparing weights) and for outliers, which pull the line towards them. " +
	"A penalty (ridge, lasso, elastic net) shrinks the weights to fight overfitting when there are many features; " +
	"lasso can set weights to exactly zero and so picks features for you."

const logisticHelp = "Logistic regression turns a weighted sum of the features into a probability for each class. " +
	"Despite its name it is a classifier. Its weights are easy to read: a positive weight makes a class more likely as " +
	"the feature grows. It is fast and a strong first model when classes are separated by roughly straight boundaries; " +
	"it cannot bend around curved boundaries unless you add such features. Scale the features first so that the " +
	"penalty treats them alike. C controls the penalty: a small C keeps the weights small (simpler, less overfitting), " +
	"a large C lets the model follow the training rows closely. The L1 penalty sets some weights to zero."

var penaltyHelp = "How the weights are kept small. none: no penalty. l2 (ridge): shrinks all weights smoothly. " +
	"l1 (lasso): pushes some weights to exactly zero, keeping only the useful features. " +
	"elasticnet: a mix of both, set by l1_ratio."

var regressionSpecs = []param.Spec{
	{Name: "penalty", Label: "Penalty", Help: penaltyHelp, Kind: param.Choice,
		Choices: []string{PenaltyNone, PenaltyL2, PenaltyL1, PenaltyElasticNet}, Default: PenaltyNone},
	{Name: "alpha", Label: "Penalty strength (alpha)", Help: "How strongly the penalty pulls the weights towards zero. " +
		"0 means no pull; larger values give simpler models that may miss real effects. Ignored without a penalty.",
		Kind: param.Float, Min: 0, Max: 1e4, HasRange: true, Log: true, Default: 1.0},
	{Name: "l1_ratio", Label: "L1 share (l1_ratio)", Help: "For elastic net only: 1 is pure lasso, 0 is pure ridge, " +
		"values in between mix them.", Kind: param.Float, Min: 0, Max: 1, HasRange: true, Default: 0.5},
	{Name: "fit_intercept", Label: "Fit a constant", Help: "Learn a constant term (the prediction when every feature is 0). " +
		"Turn off only if the target must be 0 when all features are 0.", Kind: param.Bool, Default: true},
	{Name: "max_iter", Label: "Maximum sweeps", Help: "For lasso and elastic net: how many passes over the features the " +
		"solver may make before it stops, converged or not.", Kind: param.Int, Min: 1, Max: 100000, HasRange: true, Default: 1000},
	{Name: "tol", Label: "Tolerance", Help: "For lasso and elastic net: how precise the solution must be before the solver " +
		"stops. Smaller is more precise and slower.", Kind: param.Float, Min: 1e-10, Max: 1, HasRange: true, Log: true, Default: 1e-4},
}

var logisticSpecs = []param.Spec{
	{Name: "penalty", Label: "Penalty", Help: "How the weights are kept small. l2: shrinks all weights smoothly. " +
		"l1: pushes some weights to exactly zero. none: no penalty (can overfit, and may not settle when the classes are " +
		"perfectly separable).", Kind: param.Choice, Choices: []string{PenaltyL2, PenaltyL1, PenaltyNone}, Default: PenaltyL2},
	{Name: "C", Label: "Inverse penalty strength (C)", Help: "Small C means a strong penalty and a simpler model; large C " +
		"means a weak penalty that follows the training rows closely. Try values 0.01, 0.1, 1, 10, 100.",
		Kind: param.Float, Min: 1e-6, Max: 1e6, HasRange: true, Log: true, Default: 1.0},
	{Name: "max_iter", Label: "Maximum iterations", Help: "How many improvement steps the solver may take. If the model " +
		"card says it did not converge, raise this or scale the features.", Kind: param.Int, Min: 1, Max: 100000, HasRange: true, Default: 100},
	{Name: "tol", Label: "Tolerance", Help: "How flat the loss must be before the solver stops. Smaller is more precise " +
		"and slower.", Kind: param.Float, Min: 1e-10, Max: 1, HasRange: true, Log: true, Default: 1e-4},
}
