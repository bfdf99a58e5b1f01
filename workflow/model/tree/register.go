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

func init() {
	both := []model.Task{model.Classification, model.Regression}
	model.Register(model.Entry{Name: "tree", Label: "Decision tree", Help: treeHelp, Tasks: both,
		Params: treeParams(),
		New: func(_ model.Task, v param.Values) (model.Learner, error) {
			return newDecisionTree(v)
		}})
	model.RegisterDecoder("tree", decodeTreeModel)
}
