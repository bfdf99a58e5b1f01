package reproduce

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"modelbench/workflow/artifact"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// learnerCode is the scikit-learn estimator of a Modelbench learner.
type learnerCode struct {
	estimator      string // the scikit-learn class
	doc            string // how the parameters map and where the algorithms differ
	call           string // the constructor call, in terms of n (the number of features)
	acceptsMissing bool   // whether the estimator takes NaN in its input
}

// translateLearner maps a's learner and its recorded parameters onto the
// closest scikit-learn estimator.
func translateLearner(a *artifact.Artifact, px *prep.PipelineExport) (learnerCode, error) {
	clf := a.Task == model.Classification
	pick := func(c, r string) string {
		if clf {
			return c
		}
		return r
	}
	v := a.Params
	bad := func(why string, args ...any) error {
		return &UnsupportedError{Learner: a.Learner, Why: fmt.Sprintf(why, args...)}
	}
	if err := checkParams(a); err != nil {
		return learnerCode{}, bad("%v", err)
	}
	switch a.Learner {
	case "baseline":
		lc := learnerCode{estimator: pick("DummyClassifier", "DummyRegressor"), acceptsMissing: true,
			call: pick(`DummyClassifier(strategy="prior")`, `DummyRegressor(strategy="mean")`),
			doc: "Modelbench's baseline ignores the features: it predicts the most frequent class of the learning rows " +
				"with the class shares as probabilities (for regression, the mean). scikit-learn's dummy estimator does the same. " +
				"On a tie for the most frequent class Modelbench picks the first in its class order, scikit-learn the first in sorted order."}
		return lc, nil
	case "linear":
		return linearCode(v)
	case "logistic":
		return logisticCode(v)
	case "naive_bayes":
		return bayesCode(v, px)
	case "knn":
		return knnCode(v, pick)
	case "tree", "forest":
		return treeCode(a.Learner, v, clf, pick)
	case "gbt":
		return gbtCode(v, pick), nil
	}
	return learnerCode{}, bad("the script knows no scikit-learn estimator for it")
}

// checkParams makes sure every recorded parameter has the type its spec
// says, so that the accessors below cannot panic on a hand-edited file.
func checkParams(a *artifact.Artifact) error {
	e, ok := model.Lookup(a.Learner)
	if !ok {
		return fmt.Errorf("the learner is not registered")
	}
	_, err := param.Resolve(e.Params, a.Params)
	return err
}

func linearCode(v param.Values) (learnerCode, error) {
	intercept := pyBool(v.Bool("fit_intercept"))
	doc := "Modelbench's linear regression minimises the objectives of scikit-learn's LinearRegression, Ridge, Lasso and " +
		"ElasticNet, so alpha and l1_ratio mean the same. Plain least squares: Modelbench uses a QR factorisation with " +
		"column pivoting, scikit-learn LAPACK's least squares; on a rank-deficient design (a full one-hot encoding) " +
		"their weights differ but their predictions agree. Lasso and elastic net: both use coordinate descent and stop " +
		"close to the same optimum (they measure tol differently)."
	lc := learnerCode{doc: doc}
	switch pen := v.String("penalty"); pen {
	case "none":
		lc.estimator, lc.call = "LinearRegression", fmt.Sprintf("LinearRegression(fit_intercept=%s)", intercept)
	case "l2":
		lc.estimator, lc.call = "Ridge", fmt.Sprintf("Ridge(alpha=%s, fit_intercept=%s)", pyFloat(v.Float("alpha")), intercept)
	case "l1":
		lc.estimator, lc.call = "Lasso", fmt.Sprintf("Lasso(alpha=%s, fit_intercept=%s, max_iter=%d, tol=%s)",
			pyFloat(v.Float("alpha")), intercept, v.Int("max_iter"), pyFloat(v.Float("tol")))
	case "elasticnet":
		lc.estimator, lc.call = "ElasticNet", fmt.Sprintf("ElasticNet(alpha=%s, l1_ratio=%s, fit_intercept=%s, max_iter=%d, tol=%s)",
			pyFloat(v.Float("alpha")), pyFloat(v.Float("l1_ratio")), intercept, v.Int("max_iter"), pyFloat(v.Float("tol")))
	default:
		return lc, &UnsupportedError{Learner: "linear", Why: fmt.Sprintf("unknown penalty %q", pen)}
	}
	return lc, nil
}

func logisticCode(v param.Values) (learnerCode, error) {
	doc := "Modelbench's logistic regression minimises scikit-learn's objective (C times the summed log loss, plus " +
		"½‖w‖² for l2 or ‖w‖₁ for l1, the intercept unpenalised; one score for two classes, multinomial for more), " +
		"so C means the same. scikit-learn solves it with lbfgs (l2, none) or saga (l1); Modelbench with L-BFGS or OWL-QN " +
		"on internally standardised features, which needs fewer iterations: if scikit-learn warns that it did not " +
		"converge, raise max_iter here."
	pen, solver := v.String("penalty"), "lbfgs"
	penalty := pyStr(pen)
	switch pen {
	case "none":
		penalty = "None"
	case "l1":
		solver = "saga"
	case "l2":
	default:
		return learnerCode{}, &UnsupportedError{Learner: "logistic", Why: fmt.Sprintf("unknown penalty %q", pen)}
	}
	call := fmt.Sprintf("LogisticRegression(penalty=%s, C=%s, max_iter=%d, tol=%s, solver=%s)",
		penalty, pyFloat(v.Float("C")), v.Int("max_iter"), pyFloat(v.Float("tol")), pyStr(solver))
	return learnerCode{estimator: "LogisticRegression", call: call, doc: doc}, nil
}

func bayesCode(v param.Values, px *prep.PipelineExport) (learnerCode, error) {
	cats := v.Strings("categorical")
	doc := "Modelbench's naive Bayes models numeric features as per-class normal distributions, as scikit-learn's " +
		"GaussianNB, with the same var_smoothing (it adds var_smoothing times the largest variance of the numeric " +
		"features to every variance)."
	if len(cats) == 0 {
		return learnerCode{estimator: "GaussianNB", doc: doc,
			call: fmt.Sprintf("GaussianNB(var_smoothing=%s)", pyFloat(v.Float("var_smoothing")))}, nil
	}
	var idx []string
	for _, c := range cats {
		j := slices.Index(px.Features, c)
		if j < 0 {
			return learnerCode{}, &UnsupportedError{Learner: "naive_bayes", Why: fmt.Sprintf("its categorical feature %q is not a feature", c)}
		}
		idx = append(idx, strconv.Itoa(j))
	}
	doc += " The features listed as categorical (" + strings.Join(cats, ", ") + ") are counted per class with " +
		"Laplace smoothing alpha, as scikit-learn's CategoricalNB; scikit-learn has no estimator that mixes both, " +
		"so GaussianAndCategoricalNB below adds their log-likelihoods."
	return learnerCode{estimator: "GaussianAndCategoricalNB", doc: doc,
		call: fmt.Sprintf("GaussianAndCategoricalNB(categorical=[%s], var_smoothing=%s, alpha=%s)",
			strings.Join(idx, ", "), pyFloat(v.Float("var_smoothing")), pyFloat(v.Float("alpha")))}, nil
}

func knnCode(v param.Values, pick func(c, r string) string) (learnerCode, error) {
	metric := map[string]string{"euclidean": `metric="minkowski", p=2`, "manhattan": `metric="minkowski", p=1`}[v.String("metric")]
	algorithm := map[string]string{"auto": "auto", "kd_tree": "kd_tree", "brute": "brute"}[v.String("algorithm")]
	weights := v.String("weights")
	if metric == "" || algorithm == "" || (weights != "uniform" && weights != "distance") {
		return learnerCode{}, &UnsupportedError{Learner: "knn", Why: fmt.Sprintf("unknown metric %q, weights %q or algorithm %q", v.String("metric"), weights, v.String("algorithm"))}
	}
	est := pick("KNeighborsClassifier", "KNeighborsRegressor")
	doc := "Modelbench's k-nearest neighbours and scikit-learn's use the same k, vote weights (distance: 1/distance) and " +
		"distance. Modelbench finds the neighbours with its own k-d tree or a full scan; the neighbours are the same " +
		"except among rows at exactly the same distance, where either may pick another one (and a vote may change)."
	return learnerCode{estimator: est, doc: doc,
		call: fmt.Sprintf("%s(n_neighbors=%d, weights=%s, %s, algorithm=%s)", est, v.Int("k"), pyStr(weights), metric, pyStr(algorithm))}, nil
}

// maxFeatures is scikit-learn's max_features for Modelbench's text, n
// being the number of features in the script.
func maxFeatures(s string, clf bool) (string, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case "", "all", "none":
		return "None", nil
	case "auto":
		if clf {
			return `"sqrt"`, nil
		}
		return "None", nil
	case "sqrt", "log2":
		return pyStr(t), nil
	}
	if strings.ContainsAny(t, ".eE") {
		f, err := strconv.ParseFloat(t, 64)
		if err != nil || !(f > 0 && f <= 1) {
			return "", fmt.Errorf("max_features %q", s)
		}
		return pyFloat(f), nil
	}
	k, err := strconv.Atoi(t)
	if err != nil || k < 1 {
		return "", fmt.Errorf("max_features %q", s)
	}
	return fmt.Sprintf("min(%d, n)", k), nil
}

func treeCode(learner string, v param.Values, clf bool, pick func(c, r string) string) (learnerCode, error) {
	mf, err := maxFeatures(v.String("max_features"), clf)
	if err != nil {
		return learnerCode{}, &UnsupportedError{Learner: learner, Why: err.Error()}
	}
	criterion := `"squared_error"`
	if clf {
		criterion = pyStr(v.String("criterion"))
	}
	depth := "None"
	if d := v.Int("max_depth"); d > 0 {
		depth = strconv.Itoa(d)
	}
	common := fmt.Sprintf("criterion=%s, max_depth=%s, min_samples_split=%d, min_samples_leaf=%d, max_features=%s",
		criterion, depth, v.Int("min_samples_split"), v.Int("min_samples_leaf"), mf)
	missing := " Modelbench's trees send missing values down the side each split learnt; scikit-learn 1.2's trees " +
		"cannot take them, so the script stops if the prepared rows have any."
	if learner == "tree" {
		est := pick("DecisionTreeClassifier", "DecisionTreeRegressor")
		doc := "Modelbench's decision tree is CART like scikit-learn's, with the same split criterion, depth and size " +
			"limits, features per split and minimal cost-complexity pruning (ccp_alpha). Modelbench's seed is passed as " +
			"random_state, but the two draw different random numbers: when a split looks at fewer than all the " +
			"features, or two splits are equally good, the trees can differ, so the scores agree closely but not " +
			"always exactly." + missing
		return learnerCode{estimator: est, doc: doc,
			call: fmt.Sprintf("%s(%s, ccp_alpha=%s, random_state=%d)", est, common, pyFloat(v.Float("ccp_alpha")), randomState(v))}, nil
	}
	est := pick("RandomForestClassifier", "RandomForestRegressor")
	doc := "Modelbench's random forest grows its trees as scikit-learn's does: each on a bootstrap sample of the learning " +
		"rows, each split looking at max_features features drawn at random (auto: the square root of their number for " +
		"classification, all for regression), the predictions averaged. Modelbench's seed is passed as random_state, " +
		"but the two draw different random numbers, so the forests are different draws and their scores agree " +
		"within the variation from one seed to another." + missing
	return learnerCode{estimator: est, doc: doc,
		call: fmt.Sprintf("%s(n_estimators=%d, %s, bootstrap=True, random_state=%d)", est, v.Int("n_estimators"), common, randomState(v))}, nil
}

func gbtCode(v param.Values, pick func(c, r string) string) learnerCode {
	est := pick("HistGradientBoostingClassifier", "HistGradientBoostingRegressor")
	leaves, depth := "None", "None"
	if n := v.Int("max_leaf_nodes"); n > 0 {
		leaves = strconv.Itoa(n)
	}
	if d := v.Int("max_depth"); d > 0 {
		depth = strconv.Itoa(d)
	}
	early := map[string]string{"auto": `"auto"`, "on": "True", "off": "False"}[v.String("early_stopping")]
	if early == "" {
		early = `"auto"`
	}
	doc := "Modelbench's histogram gradient boosting follows scikit-learn's HistGradientBoosting: the features cut into " +
		"at most max_bins quantile bins (missing values in a bin of their own), trees grown best-first to max_leaf_nodes " +
		"leaves with min_samples_leaf rows each, leaf values shrunk by l2_regularization and the learning rate, and " +
		"early stopping on a held-out validation_fraction of the rows after n_iter_no_change rounds without an " +
		"improvement of tol (auto: on above 10,000 rows). The bins, the held-out rows and ties between splits are " +
		"chosen differently, so the scores agree closely but not exactly."
	call := fmt.Sprintf("%s(learning_rate=%s, max_iter=%d, max_leaf_nodes=%s, max_depth=%s, min_samples_leaf=%d, "+
		"l2_regularization=%s, max_bins=%d, early_stopping=%s, validation_fraction=%s, n_iter_no_change=%d, "+
		"tol=%s, random_state=%d)", est, pyFloat(v.Float("learning_rate")), v.Int("max_iter"), leaves, depth,
		v.Int("min_samples_leaf"), pyFloat(v.Float("l2_regularization")), v.Int("max_bins"), early,
		pyFloat(v.Float("validation_fraction")), v.Int("n_iter_no_change"), pyFloat(v.Float("tol")), randomState(v))
	return learnerCode{estimator: est, doc: doc, call: call, acceptsMissing: true}
}

// randomState is Modelbench's seed as scikit-learn's random_state, which
// must lie below 2^32: larger seeds are taken modulo 2^32 (the two draw
// different random numbers from a seed anyway).
func randomState(v param.Values) int {
	return v.Int("seed") & (1<<32 - 1)
}
