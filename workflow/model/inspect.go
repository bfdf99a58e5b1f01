package model

// Coefficienter is a linear model that shows its weights. names are the
// feature names (the model's Features); values[k][j] is the weight of
// feature j in output k (one output for regression and binary
// classification, where it is the log-odds of the second class; one per
// class for multinomial models); intercepts[k] is output k's constant.
// Weights are on the scale of the inputs the model was trained on.
type Coefficienter interface {
	Coefficients() (names []string, values [][]float64, intercepts []float64)
}

// Explainer is a model that can say why it made one prediction. Linear
// models give one Term per feature (weight × value); trees give one Term per
// split on the row's decision path (the change of the node value). row holds
// one value per feature in Features order; a wrong length returns
// ErrSchemaMismatch.
type Explainer interface {
	Explain(row []float64) (Explanation, error)
}

// Explanation breaks one prediction into additive terms: Output = Base +
// sum of Terms[i].Effect (up to rounding), on the scale named by Scale.
type Explanation struct {
	// Class is the class index whose score is explained (for a classifier,
	// the predicted class); -1 for regression.
	Class int `json:"class"`
	// Scale names the unit of Base, Effect and Output: "value" (regression),
	// "log-odds", "logit" (a class's softmax score) or "probability".
	Scale string `json:"scale"`
	// Base is where the explanation starts: the intercept of a linear model
	// or the root value of a tree.
	Base float64 `json:"base"`
	// Terms are the steps from Base to Output, in the model's order.
	Terms []Term `json:"terms"`
	// Output is the model's score for Class on Scale.
	Output float64 `json:"output"`
}

// Term is one step of an Explanation.
type Term struct {
	Feature string  `json:"feature"` // the feature involved
	Value   float64 `json:"value"`   // the row's value of that feature
	Effect  float64 `json:"effect"`  // how much this step moved the score
	// Rule states the step in words for tree splits (e.g. "petal width <=
	// 0.8"); empty for linear terms.
	Rule string `json:"rule,omitempty"`
}
