package tree

import (
	"modelbench/workflow/model"
	"modelbench/workflow/param"
)

const treeHelp = "A decision tree learns a flowchart of yes/no questions about the features " +
	"(\"is petal width <= 0.8?\"). Starting with all training rows, it picks the question that " +
	"separates the target best, splits the rows into two groups and repeats inside each group until " +
	"the groups are pure or too small. A new row follows the questions down to a leaf and gets that " +
	"leaf's answer: the most common class (with the class shares as probabilities) or the average " +
	"value. Trees need no scaling, cope with missing values and mixed features, and you can read " +
	"every decision. Their weakness is instability and overfitting: a fully grown tree memorises the " +
	"training rows, and a small change in the data can change the whole tree. Limit the depth, ask " +
	"for more rows per leaf or prune to make it generalise; a forest or boosted trees usually predict " +
	"better."

const forestHelp = "A random forest grows many decision trees and lets them vote. Each tree is trained " +
	"on a bootstrap sample (rows drawn at random with repetition, so about a third of the rows are " +
	"left out) and may only look at a few randomly chosen features at each split. Every single tree " +
	"overfits in its own way, but their mistakes differ, so the average is far steadier and more " +
	"accurate than any one tree: this is why a forest beats a single tree. Forests need little " +
	"tuning, handle many features and give feature importances. The rows each tree left out give " +
	"a free estimate of the score on new data (the out-of-bag score). The price is a model you can " +
	"no longer read as one flowchart, more memory and slower predictions."

const gbtHelp = "Gradient-boosted trees build a team of small trees one after another. The first " +
	"tree makes a rough guess; every next tree is fitted to the mistakes (the gradients of the loss) " +
	"the team still makes, and its answer is added, scaled down by the learning rate. After a " +
	"hundred or so rounds the small corrections add up to a very accurate model; on tables of " +
	"numbers and categories this is usually the strongest method. This version first sorts every " +
	"feature into at most 255 bins, which makes it fast on large data, and it handles missing values " +
	"itself. Watch for overfitting: more rounds always fit the training rows better, so use early " +
	"stopping (a held-out part of the rows decides when to stop) and look at the loss curve. A " +
	"smaller learning rate with more rounds, fewer leaves or more rows per leaf make it more careful."

func init() {
	both := []model.Task{model.Classification, model.Regression}
	model.Register(model.Entry{Name: "tree", Label: "Decision tree", Help: treeHelp, Tasks: both,
		Params: treeParams(),
		New: func(_ model.Task, v param.Values) (model.Learner, error) {
			return newDecisionTree(v)
		}})
	model.RegisterDecoder("tree", decodeTreeModel)
	model.Register(model.Entry{Name: "forest", Label: "Random forest", Help: forestHelp, Tasks: both,
		Params: forestParams(),
		New: func(_ model.Task, v param.Values) (model.Learner, error) {
			return newRandomForest(v)
		}})
	model.RegisterDecoder("forest", decodeForestModel)
	model.Register(model.Entry{Name: "gbt", Label: "Gradient-boosted trees", Help: gbtHelp, Tasks: both,
		Params: gbtParams(),
		New: func(_ model.Task, v param.Values) (model.Learner, error) {
			return newGradientBoosting(v)
		}})
	model.RegisterDecoder("gbt", decodeBoostModel)
}
