package bayes

import "slices"

// Parameters are the numbers a fitted naive Bayes model predicts with, for
// exporters. The joint log-likelihood of class c for a row x is computed
// in float64, in this order:
//
//	jll[c] = LogPrior[c]
//	for each g of Gaussian, in order: jll[c] += g.LogNorm[c] - (x[g.Feature]-g.Mean[c])*(x[g.Feature]-g.Mean[c])*g.Inv2Var[c]
//	for each f of Categorical, in order: jll[c] += f.LogProb[c][v] when v := int(x[f.Feature]) < len(f.LogProb[c]), else f.LogUnseen[c]
//
// (the product is evaluated left to right). Predict returns the first class
// with the largest jll; PredictProba the softmax of jll: shifted by the
// largest, math.Exp, divided by the sum added in class order. Rows with a
// missing or infinite value, or a categorical value that is not a whole
// number >= 0, are refused by Predict. LogNorm and Inv2Var are the values
// the model computes with (−½·log(2π·(var+ε)) and 1/(2·(var+ε))), not
// recomputed. The result is a fresh copy the caller may keep or change.
type Parameters struct {
	Features    []string
	Classes     []string
	LogPrior    []float64 // per class; −Inf for a class absent from the training rows
	Gaussian    []GaussianFeature
	Categorical []CategoricalFeature
}

// GaussianFeature is one numeric feature's per-class terms.
type GaussianFeature struct {
	Feature                int // index into Features
	Mean, LogNorm, Inv2Var []float64
}

// CategoricalFeature is one code feature's per-class log probabilities.
type CategoricalFeature struct {
	Feature   int         // index into Features
	LogProb   [][]float64 // LogProb[class][code]
	LogUnseen []float64   // per class, for codes beyond LogProb[class]
}

// Parameters returns what the model predicts with (see Parameters).
func (m *Fitted) Parameters() Parameters {
	p := Parameters{Features: slices.Clone(m.features), Classes: slices.Clone(m.classes), LogPrior: slices.Clone(m.logPrior)}
	for g, ga := range m.gauss {
		p.Gaussian = append(p.Gaussian, GaussianFeature{Feature: ga.Feature, Mean: slices.Clone(ga.Mean),
			LogNorm: slices.Clone(m.logNorm[g]), Inv2Var: slices.Clone(m.inv2Var[g])})
	}
	for _, f := range m.cat {
		cf := CategoricalFeature{Feature: f.Feature, LogUnseen: slices.Clone(f.LogUnseen)}
		for _, lp := range f.LogProb {
			cf.LogProb = append(cf.LogProb, slices.Clone(lp))
		}
		p.Categorical = append(p.Categorical, cf)
	}
	return p
}
