package tree

import (
	"fmt"

	"modelbench/workflow/param"
)

// Plain-words help shared by the parameters of the three learners.
const (
	helpCriterion = "How the tree measures how mixed a group of rows is. Gini counts how often two " +
		"rows drawn at random from the group would have different classes; entropy measures the same " +
		"mixing in bits of information. They almost always choose the same splits. Regression trees " +
		"always use the squared error, so this setting only matters for classification."
	helpMaxDepth = "The most questions the tree may ask from the root to a leaf. A shallow tree (2 to 4) " +
		"is easy to read but may miss patterns (underfitting); a very deep tree can end up with one " +
		"training row per leaf and memorise noise (overfitting: perfect on the training rows, worse on " +
		"new ones). 0 means no limit."
	helpMinSplit = "A group needs at least this many training rows before the tree may split it further. " +
		"Larger values stop the tree from chasing tiny groups, which makes it simpler and steadier."
	helpMinLeaf = "Every leaf must keep at least this many training rows. A leaf built on one or two rows " +
		"only repeats their answers; asking for 5, 10 or more rows per leaf smooths the predictions and " +
		"is one of the most effective guards against overfitting."
	helpMaxFeatures = "How many features each split may look at, drawn at random for every split: all, " +
		"sqrt (the square root of the number of features), log2, auto (sqrt for classification, all for " +
		"regression), a fraction such as 0.5, or a count such as 3. Fewer features make each tree weaker " +
		"but the trees of a forest more different from each other, which is what makes a forest strong."
	helpCCPAlpha = "Pruning strength. After growing, the tree removes every branch whose improvement does " +
		"not pay for the extra leaves: each leaf costs this much impurity. 0 keeps the whole tree; small " +
		"values such as 0.001 to 0.02 (classification) cut away the branches that mostly fit noise. For " +
		"regression the cost is on the scale of the squared target, so useful values are much larger."
	helpSeed = "The starting point of the random choices (which rows and features are drawn, and which " +
		"of two equally good splits wins). The same seed gives the same model every time; another seed " +
		"shows how much the result depends on luck."
)

// maxSeed is the largest seed a form accepts (integers stay exact in JSON).
const maxSeed = 1<<53 - 1

func intSpec(name, label, help string, lo, hi float64, def int) param.Spec {
	return param.Spec{Name: name, Label: label, Help: help, Kind: param.Int, Min: lo, Max: hi, HasRange: true, Default: def}
}

func floatSpec(name, label, help string, lo, hi float64, def float64, log bool) param.Spec {
	return param.Spec{Name: name, Label: label, Help: help, Kind: param.Float, Min: lo, Max: hi, HasRange: true, Log: log, Default: def}
}

func maxFeaturesSpec(def string) param.Spec {
	return param.Spec{Name: "max_features", Label: "Features per split", Help: helpMaxFeatures, Kind: param.String, Default: def}
}

func seedSpec() param.Spec { return intSpec("seed", "Random seed", helpSeed, 0, maxSeed, 0) }

// growSpecs are the parameters that shape every CART tree, of the decision
// tree and of each tree of a forest alike.
func growSpecs() []param.Spec {
	return []param.Spec{
		{Name: "criterion", Label: "Split criterion", Help: helpCriterion, Kind: param.Choice,
			Choices: []string{"gini", "entropy"}, Default: "gini"},
		intSpec("max_depth", "Maximum depth", helpMaxDepth, 0, 1000, 0),
		intSpec("min_samples_split", "Minimum rows to split", helpMinSplit, 2, 1e7, 2),
		intSpec("min_samples_leaf", "Minimum rows per leaf", helpMinLeaf, 1, 1e7, 1),
	}
}

// treeParams are the decision tree's parameters.
func treeParams() []param.Spec {
	return append(growSpecs(),
		maxFeaturesSpec("all"),
		floatSpec("ccp_alpha", "Pruning (cost per leaf)", helpCCPAlpha, 0, 1e12, 0, false),
		seedSpec())
}

// newDecisionTree builds a DecisionTree from resolved values.
func newDecisionTree(v param.Values) (DecisionTree, error) {
	l := DecisionTree{Criterion: v.String("criterion"), MaxDepth: v.Int("max_depth"),
		MinSamplesSplit: v.Int("min_samples_split"), MinSamplesLeaf: v.Int("min_samples_leaf"),
		MaxFeatures: v.String("max_features"), CCPAlpha: v.Float("ccp_alpha"), Seed: uint64(v.Int("seed"))}
	if _, err := parseMaxFeatures(l.MaxFeatures); err != nil {
		return DecisionTree{}, fmt.Errorf("tree: %w", err)
	}
	return l, nil
}

const helpTrees = "How many trees the forest grows. Each tree sees a different random sample of the rows, " +
	"so each makes different mistakes; averaging many of them cancels much of the noise. More trees " +
	"never make the forest overfit, they only cost time: the score usually stops improving somewhere " +
	"between 100 and 500 trees."

// forestParams are the random forest's parameters.
func forestParams() []param.Spec {
	specs := []param.Spec{intSpec("n_estimators", "Number of trees", helpTrees, 1, 10000, 100)}
	specs = append(specs, growSpecs()...)
	return append(specs, maxFeaturesSpec("auto"), seedSpec())
}

// newRandomForest builds a RandomForest from resolved values.
func newRandomForest(v param.Values) (RandomForest, error) {
	l := RandomForest{Trees: v.Int("n_estimators"), Criterion: v.String("criterion"), MaxDepth: v.Int("max_depth"),
		MinSamplesSplit: v.Int("min_samples_split"), MinSamplesLeaf: v.Int("min_samples_leaf"),
		MaxFeatures: v.String("max_features"), Seed: uint64(v.Int("seed"))}
	if _, err := parseMaxFeatures(l.MaxFeatures); err != nil {
		return RandomForest{}, fmt.Errorf("forest: %w", err)
	}
	return l, nil
}

const (
	helpLearningRate = "How much each new tree may correct the model. Small steps (0.01 to 0.1) need more " +
		"iterations but usually end up more accurate and less overfitted; large steps (0.3 and up) learn " +
		"fast and overshoot. Learning rate and the number of iterations trade off against each other."
	helpMaxIter = "The most boosting rounds. Each round adds one small tree (one per class when there are " +
		"more than two classes) that corrects the mistakes of the model so far. Too few rounds underfit; " +
		"too many start fitting noise, which early stopping guards against."
	helpMaxLeaves = "The most leaves per tree. Boosted trees are kept small on purpose: each is a weak " +
		"correction, and the strength comes from adding many. Trees grow best-first, splitting the leaf " +
		"that helps most, until they have this many leaves. 0 means no limit."
	helpBoostDepth = "The most questions from the root to a leaf of each tree. 0 means no limit (the " +
		"number of leaves is the usual limit for boosted trees)."
	helpBoostLeaf = "Every leaf must keep at least this many training rows. Larger values make each " +
		"correction rely on more rows, which steadies the model on small or noisy data."
	helpL2 = "A penalty that shrinks the value of every leaf towards zero, more so for leaves with few " +
		"rows. 0 means none; values such as 1 or 10 make the model more cautious."
	helpMaxBins = "Before boosting, every feature's values are sorted into at most this many bins (by " +
		"quantiles), and splits are only made between bins. This is what makes histogram boosting fast; " +
		"255 bins lose almost nothing. Missing values always get a bin of their own."
	helpEarly = "Early stopping sets part of the training rows aside and stops adding trees when the loss " +
		"on them has not improved for a while, so the model stops before it overfits. auto turns it on " +
		"for more than 10,000 rows."
	helpValFrac = "The share of the training rows set aside to watch for overfitting when early stopping " +
		"is on; these rows are not used to fit the trees."
	helpPatience = "Early stopping waits this many rounds without improvement of the held-out loss before " +
		"it stops."
	helpTol = "The smallest decrease of the held-out loss that counts as an improvement for early stopping."
)

// gbtParams are the gradient boosting parameters.
func gbtParams() []param.Spec {
	return []param.Spec{
		floatSpec("learning_rate", "Learning rate", helpLearningRate, 0.001, 1, 0.1, true),
		intSpec("max_iter", "Boosting rounds", helpMaxIter, 1, 10000, 100),
		intSpec("max_leaf_nodes", "Leaves per tree", helpMaxLeaves, 0, 100000, 31),
		intSpec("max_depth", "Maximum depth", helpBoostDepth, 0, 1000, 0),
		intSpec("min_samples_leaf", "Minimum rows per leaf", helpBoostLeaf, 1, 1e7, 20),
		floatSpec("l2_regularization", "L2 regularisation", helpL2, 0, 1e6, 0, false),
		intSpec("max_bins", "Bins per feature", helpMaxBins, 2, 255, 255),
		{Name: "early_stopping", Label: "Early stopping", Help: helpEarly, Kind: param.Choice,
			Choices: []string{"auto", "on", "off"}, Default: "auto"},
		floatSpec("validation_fraction", "Held-out share", helpValFrac, 0.01, 0.9, 0.1, false),
		intSpec("n_iter_no_change", "Patience (rounds)", helpPatience, 1, 1000, 10),
		floatSpec("tol", "Improvement tolerance", helpTol, 0, 1, 1e-7, false),
		seedSpec(),
	}
}

// newGradientBoosting builds a GradientBoosting from resolved values.
func newGradientBoosting(v param.Values) (GradientBoosting, error) {
	l := GradientBoosting{LearningRate: v.Float("learning_rate"), MaxIter: v.Int("max_iter"),
		MaxLeafNodes: v.Int("max_leaf_nodes"), MaxDepth: v.Int("max_depth"), MinLeaf: v.Int("min_samples_leaf"),
		L2: v.Float("l2_regularization"), MaxBins: v.Int("max_bins"), EarlyStopping: v.String("early_stopping"),
		ValidationFraction: v.Float("validation_fraction"), NIterNoChange: v.Int("n_iter_no_change"),
		Tol: v.Float("tol"), Seed: uint64(v.Int("seed"))}
	if l.MaxLeafNodes == 0 {
		l.MaxLeafNodes = -1
	}
	if l.Tol == 0 {
		l.Tol = -1 // explicit zero tolerance: any decrease counts
	}
	if _, err := l.resolve(0); err != nil {
		return GradientBoosting{}, err
	}
	return l, nil
}
