package tree_test

import (
	"context"
	"fmt"

	"modelbench/workflow/model"
	"modelbench/workflow/model/tree"
	"modelbench/workflow/param"
)

// flowers is a tiny two-feature classification set.
func flowers() *model.Dataset {
	return &model.Dataset{
		Task:     model.Classification,
		Features: []string{"petal width", "petal length"},
		Classes:  []string{"setosa", "versicolor", "virginica"},
		X: [][]float64{
			{0.2, 0.3, 0.2, 1.3, 1.4, 1.5, 1.0, 2.1, 2.3, 1.8, 2.0, 1.7},
			{1.4, 1.5, 1.3, 4.1, 4.5, 4.6, 3.9, 5.8, 6.1, 5.5, 5.1, 4.5},
		},
		Y: []float64{0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2},
	}
}

// A decision tree's structure comes back as plain nodes, ready to draw.
func ExampleTreeModel_Nodes() {
	m, err := tree.DecisionTree{MaxDepth: 2}.Fit(context.Background(), flowers(), nil)
	if err != nil {
		panic(err)
	}
	for _, n := range m.(*tree.TreeModel).Nodes() {
		if n.IsLeaf() {
			fmt.Printf("node %d: leaf %v (%d rows)\n", n.ID, n.Value, n.Samples)
			continue
		}
		fmt.Printf("node %d: %s <= %g ? node %d : node %d (%d rows, gini %.3f)\n",
			n.ID, n.FeatureName, n.Threshold, n.Left, n.Right, n.Samples, n.Impurity)
	}
	// Output:
	// node 0: petal width <= 1.6 ? node 1 : node 4 (12 rows, gini 0.653)
	// node 1: petal length <= 2.7 ? node 2 : node 3 (7 rows, gini 0.490)
	// node 2: leaf [1 0 0] (3 rows)
	// node 3: leaf [0 1 0] (4 rows)
	// node 4: leaf [0 0 1] (5 rows)
}

// Explain follows one row down the tree: the root's share of the predicted
// class plus one step per question gives the leaf's share.
func ExampleTreeModel_Explain() {
	m, _ := tree.DecisionTree{MaxDepth: 2}.Fit(context.Background(), flowers(), nil)
	e, _ := m.(*tree.TreeModel).Explain([]float64{1.9, 5.0})
	fmt.Printf("class %d, start %.3f\n", e.Class, e.Base)
	for _, t := range e.Terms {
		fmt.Printf("%-20s %+.3f\n", t.Rule, t.Effect)
	}
	fmt.Printf("probability %.3f\n", e.Output)
	// Output:
	// class 2, start 0.417
	// petal width > 1.6    +0.583
	// probability 1.000
}

// Learners are usually built through the registry from parameter values,
// the way the UI's forms do it.
func ExampleRandomForest() {
	l, err := model.New("forest", model.Classification, param.Values{"n_estimators": 25, "seed": 1})
	if err != nil {
		panic(err)
	}
	m, err := l.Fit(context.Background(), flowers(), nil)
	if err != nil {
		panic(err)
	}
	pred, _ := m.Predict([][]float64{{0.25, 1.45, 2.2}, {1.4, 4.3, 6.0}})
	fmt.Println("trees:", m.(*tree.ForestModel).NumTrees())
	fmt.Println("predicted classes:", pred)
	// Output:
	// trees: 25
	// predicted classes: [0 1 2]
}

// Boosting reports how many rounds it used and its loss after each one.
func ExampleBoostingModel_LossCurve() {
	d := flowers()
	l := tree.GradientBoosting{MaxIter: 30, MinLeaf: 2}
	m, _ := l.Fit(context.Background(), d, nil)
	b := m.(*tree.BoostingModel)
	train, validation := b.LossCurve()
	fmt.Println("rounds:", b.NumIter(), "trees:", b.NumTrees())
	fmt.Printf("log loss: %.3f at the start, %.3f at the end\n", train[0], train[len(train)-1])
	fmt.Println("early stopping used:", validation != nil)
	// Output:
	// rounds: 30 trees: 90
	// log loss: 1.078 at the start, 0.002 at the end
	// early stopping used: false
}
