package knn

import "modelbench/workflow/param"

const help = "k-nearest neighbours predicts from the k training rows most similar to the new row: the most " +
	"common class among them, or their average value. It learns nothing up front; it just remembers the training " +
	"rows, so it can follow any shape of boundary, but predicting is slower and the model is as large as the data. " +
	"Distances mix all features, so scale them first, or a feature measured in thousands will drown the others; " +
	"irrelevant features hurt too. A small k follows the data closely (and its noise); a large k smooths."

var specs = []param.Spec{
	{Name: "k", Label: "Neighbours (k)", Help: "How many of the most similar training rows decide each prediction. " +
		"Small values follow the training data closely and can overfit; large values give smoother, simpler " +
		"predictions. Odd values avoid ties between two classes.", Kind: param.Int, Min: 1, Max: 1000, HasRange: true, Log: true, Default: 5},
	{Name: "weights", Label: "Vote weights", Help: "uniform: each neighbour counts the same. distance: closer " +
		"neighbours count more (weight 1/distance).", Kind: param.Choice, Choices: []string{Uniform, Distance}, Default: Uniform},
	{Name: "metric", Label: "Distance", Help: "euclidean: straight-line distance. manhattan: the sum of the absolute " +
		"differences, less dominated by one large difference.", Kind: param.Choice, Choices: []string{Euclidean, Manhattan}, Default: Euclidean},
	{Name: "algorithm", Label: "Search method", Help: "How neighbours are found; the result is the same, only speed " +
		"differs. auto picks a k-d tree when the rows spread in few directions (correlated or few features) and a full " +
		"scan otherwise.", Kind: param.Choice,
		Choices: []string{Auto, KDTree, Brute}, Default: Auto},
}
