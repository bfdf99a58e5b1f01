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

func criterionSpec() param.Spec {
	return param.Spec{Name: "criterion", Label: "Split criterion", Help: helpCriterion, Kind: param.Choice,
		Choices: []string{"gini", "entropy"}, Default: "gini"}
}

func maxFeaturesSpec(def string) param.Spec {
	return param.Spec{Name: "max_features", Label: "Features per split", Help: helpMaxFeatures, Kind: param.String, Default: def}
}

func seedSpec() param.Spec { return intSpec("seed", "Random seed", helpSeed, 0, maxSeed, 0) }

// treeParams are the decision tree's parameters.
func treeParams() []param.Spec {
	return []param.Spec{
		criterionSpec(),
		intSpec("max_depth", "Maximum depth", helpMaxDepth, 0, 1000, 0),
		intSpec("min_samples_split", "Minimum rows to split", helpMinSplit, 2, 1e7, 2),
		intSpec("min_samples_leaf", "Minimum rows per leaf", helpMinLeaf, 1, 1e7, 1),
		maxFeaturesSpec("all"),
		floatSpec("ccp_alpha", "Pruning (cost per leaf)", helpCCPAlpha, 0, 1e12, 0, false),
		seedSpec(),
	}
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
