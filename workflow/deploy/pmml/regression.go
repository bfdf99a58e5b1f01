package pmml

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"modelbench/workflow/model"
	"modelbench/workflow/model/linear"
)

// output is the top model's Output: the prediction and, for classes, one
// probability per class, named as Modelbench's scored files name them.
func (m *modelCtx) output() *elem {
	o := el("Output")
	if m.task == model.Regression {
		return o.add(el("OutputField", "name", m.outName("prediction"), "optype", "continuous", "dataType", "double", "feature", "predictedValue"))
	}
	o.add(el("OutputField", "name", m.outName("prediction"), "optype", "categorical", "dataType", "string", "feature", "predictedValue"))
	for _, c := range m.classes {
		o.add(el("OutputField", "name", m.outName("probability_"+c), "optype", "continuous", "dataType", "double", "feature", "probability", "value", c))
	}
	return o
}

// outName is the output field's name, prefixed with predicted_ while a
// field of the document already has it (as a scored file does).
func (m *modelCtx) outName(base string) string {
	for m.fs.taken[base] {
		base = "predicted_" + base
	}
	m.fs.taken[base] = true
	return base
}

// linearModel writes a linear or logistic regression as a
// RegressionModel: one table (regression), two with the logit (the first
// for the second class, which the log-odds are of; the other with
// intercept 0), or one per class with the softmax. Zero weights are left
// out; an absent class's intercept is -INF (probability 0).
func (m *modelCtx) linearModel(lm *linear.Fitted) (*elem, string, error) {
	names, w, b := lm.Coefficients()
	if len(names) != len(m.features) {
		return nil, "", fmt.Errorf("the model has %d weights per output, the pipeline gives %d features", len(names), len(m.features))
	}
	table := func(k int, category string) *elem {
		t := el("RegressionTable", "intercept", num(b[k]), "targetCategory", category)
		for j, v := range w[k] {
			if v != 0 {
				t.add(el("NumericPredictor", "name", m.features[j], "coefficient", num(v)))
			}
		}
		return t
	}
	rm := el("RegressionModel", "functionName", m.function(), "algorithmName", string(lm.Link())).add(m.top, m.output())
	switch lm.Link() {
	case linear.Identity:
		rm.add(table(0, ""))
	case linear.Logit:
		rm.set("normalizationMethod", "logit")
		rm.add(table(0, m.classes[1]), el("RegressionTable", "intercept", "0", "targetCategory", m.classes[0]))
	case linear.Softmax:
		rm.set("normalizationMethod", "softmax")
		for k, c := range m.classes {
			rm.add(table(k, c))
		}
	default:
		return nil, "", unsupported("the linear model", "its link %q is not known to the exporter", lm.Link())
	}
	return rm, "RegressionModel (" + rm.attr("normalizationMethod") + ")", nil
}

// bayesJSON is the saved body of a naive Bayes model (model.Marshal,
// version 1), read for its parameters.
type bayesJSON struct {
	Features []string     `json:"features"`
	Classes  []string     `json:"classes"`
	LogPrior model.Floats `json:"log_prior"`
	Epsilon  float64      `json:"epsilon"`
	Gaussian []struct {
		Feature int       `json:"feature"`
		Mean    []float64 `json:"mean"`
		Var     []float64 `json:"var"`
	} `json:"gaussian"`
	Categorical []struct {
		Feature   int         `json:"feature"`
		LogProb   [][]float64 `json:"log_prob"`
		LogUnseen []float64   `json:"log_unseen"`
	} `json:"categorical"`
}

// naiveBayes writes naive Bayes as what it computes: each class's joint
// log-likelihood, log prior + Σ (−½·log(2π·v) − (x − μ)²/(2v)) over the
// Gaussian features + Σ log P(code) over the categorical ones, turned into
// probabilities by the softmax. That is a RegressionModel with
// normalizationMethod softmax: table c has the intercept log prior +
// Σ −½·log(2π·v), for each Gaussian feature the predictor (x − μ)² (a
// derived field, exponent 2) with coefficient −1/(2v), and for each
// categorical feature a MapValues of the codes' log probabilities
// (defaultValue the unseen code's) with coefficient 1.
//
// PMML's NaiveBayesModel is not used because it cannot promise the same
// numbers: evaluators compute each Gaussian density in linear scale,
// where a value far from a class's mean (relative to its spread; one-hot
// columns give tiny variances) underflows to 0 or to the model's
// threshold, while Modelbench adds log densities, which never underflow.
// On rows far from every class the NaiveBayesModel's classes tie where
// Modelbench still picks the nearest (the tests measure it). Its discrete
// probabilities are also plain count ratios, with no room for Laplace
// smoothing's probability of a code the training rows lacked.
func (m *modelCtx) naiveBayes(nb model.Model) (*elem, string, error) {
	mm, ok := nb.(model.Marshaler)
	if !ok || mm.ModelType() != "naive_bayes" || mm.ModelVersion() != 1 {
		return nil, "", unsupported("the naive Bayes model", "its saved form is not the version-1 form this exporter reads")
	}
	raw, err := mm.MarshalJSON()
	if err != nil {
		return nil, "", err
	}
	var p bayesJSON
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, "", fmt.Errorf("reading the naive Bayes parameters: %w", err)
	}
	if len(p.Features) != len(m.features) || len(p.LogPrior) != len(m.classes) {
		return nil, "", fmt.Errorf("the naive Bayes model has %d features and %d classes, the pipeline %d and %d", len(p.Features), len(p.LogPrior), len(m.features), len(m.classes))
	}
	local := el("LocalTransformations")
	tables := make([]*elem, len(m.classes))
	for c, cls := range m.classes {
		intercept := p.LogPrior[c]
		t := el("RegressionTable", "targetCategory", cls)
		for _, g := range p.Gaussian {
			v := g.Var[c] + p.Epsilon
			intercept += -0.5 * math.Log(2*math.Pi*v)
			x := m.features[g.Feature]
			if g.Mean[c] != 0 {
				x = m.local(local, fmt.Sprintf("nb_%d_%d", g.Feature, c), apply("-", fieldRef(x), constant(g.Mean[c])))
			}
			t.add(el("NumericPredictor", "name", x, "exponent", "2", "coefficient", num(-(1 / (2 * v)))))
		}
		for _, ct := range p.Categorical {
			codes := make([]string, len(ct.LogProb[c]))
			vals := make([]string, len(codes))
			for k := range codes {
				codes[k], vals[k] = strconv.Itoa(k), num(ct.LogProb[c][k])
			}
			mv := el("MapValues", "outputColumn", "value", "dataType", "double", "defaultValue", num(ct.LogUnseen[c])).
				add(el("FieldColumnPair", "field", m.features[ct.Feature], "column", "key"), inlineTable(codes, vals))
			t.add(el("NumericPredictor", "name", m.local(local, fmt.Sprintf("nb_logp_%d_%d", ct.Feature, c), mv), "coefficient", "1"))
		}
		t.attrs = append([]xmlAttr{{Name: xmlName("intercept"), Value: num(intercept)}}, t.attrs...)
		tables[c] = t
	}
	rm := el("RegressionModel", "functionName", "classification", "algorithmName", "naive Bayes (joint log-likelihood)", "normalizationMethod", "softmax").
		add(m.top, m.output())
	if len(local.kids) > 0 {
		rm.add(local)
	}
	rm.add(tables...)
	m.notes = append(m.notes, "naive Bayes is written as a RegressionModel: the softmax of each class's joint log-likelihood (log prior + Σ log density), which is what Modelbench computes; a NaiveBayesModel would multiply densities in linear scale, which underflow for values far from every class",
		"the softmax must be computed with the largest score subtracted first (JPMML does); naive Bayes scores can exceed 700, where exp overflows")
	return rm, "RegressionModel (softmax of the joint log-likelihoods)", nil
}

// local adds a continuous derived field to a LocalTransformations.
func (m *modelCtx) local(lt *elem, base string, e *elem) string {
	name := m.fs.unique(base)
	lt.add(el("DerivedField", "name", name, "optype", "continuous", "dataType", "double").add(e))
	return name
}

// baseline writes the baseline, which ignores the features, as a
// TreeModel of one node: the majority class with the training shares, or
// the mean.
func (m *modelCtx) baseline(b model.Model) (*elem, string, error) {
	row := make([][]float64, len(b.Features()))
	for j := range row {
		row[j] = []float64{0}
	}
	pred, err := b.Predict(row)
	if err != nil {
		return nil, "", err
	}
	root := el("Node", "id", "0").add(el("True"))
	if m.task == model.Regression {
		root.set("score", num(pred[0]))
	} else {
		pp, ok := b.(model.ProbPredictor)
		if !ok {
			return nil, "", fmt.Errorf("the baseline gives no probabilities")
		}
		proba, err := pp.PredictProba(row)
		if err != nil {
			return nil, "", err
		}
		root.set("score", m.classes[int(pred[0])])
		for k, p := range proba[0] {
			root.add(el("ScoreDistribution", "value", m.classes[k], "recordCount", num(p), "probability", num(p)))
		}
	}
	tm := el("TreeModel", "functionName", m.function(), "algorithmName", "baseline", "missingValueStrategy", "defaultChild").
		add(m.top, m.output(), root)
	return tm, "TreeModel (one node)", nil
}
