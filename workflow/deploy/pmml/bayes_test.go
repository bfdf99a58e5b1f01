package pmml_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"slices"
	"sort"
	"testing"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/pmml"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// TestNaiveBayes_WhyNotNaiveBayesModel backs the choice of writing naive
// Bayes as a RegressionModel. Scored as PMML's NaiveBayesModel is scored
// (each Gaussian density in linear scale, replaced by the model's
// threshold when below it — here the smallest positive double — and the
// densities multiplied, through logarithms as JPMML does), the same
// parameters agree with Modelbench on ordinary rows but not on rows far
// from every class (each number of the test rows times 50): there every
// density underflows to the threshold, the classes tie, and the
// NaiveBayesModel answers a uniform guess where Modelbench, adding log
// densities, still picks the nearest class. The exported RegressionModel
// matches Modelbench on those rows too.
func TestNaiveBayes_WhyNotNaiveBayesModel(t *testing.T) {
	files := make([]string, 0, len(datasets))
	for f := range datasets {
		files = append(files, f)
	}
	sort.Strings(files)
	far := 0
	for _, file := range files {
		l := load(t, file, datasets[file])
		if l.task != model.Classification {
			continue
		}
		a := l.fit(t, "naive_bayes", l.defaultPipeline(t))
		doc, rep, err := pmml.Export(a)
		if err != nil {
			t.Fatal(err)
		}
		for name, f := range map[string]*data.Frame{"test": l.test, "far": scaled(l.test, l.target, 50)} {
			n, err := naiveBayesModelDiffers(t, a, f)
			if err != nil {
				continue // Modelbench cannot score these rows
			}
			if name == "test" && n > 0 {
				t.Logf("%s: %d test rows differ as a NaiveBayesModel", file, n)
			}
			if name == "far" {
				far += n
				if _, err := comparePredictions(a, doc, rep, f, 1e-9); err != nil {
					t.Errorf("%s far rows: the exported RegressionModel disagrees: %v", file, err)
				}
			}
		}
	}
	t.Logf("%d far rows differ as a NaiveBayesModel", far)
	if far == 0 {
		t.Fatal("NaiveBayesModel semantics agree on the far rows too: the exporter could write one")
	}
}

// scaled multiplies every number of f but the target by k.
func scaled(f *data.Frame, target string, k float64) *data.Frame {
	cols := f.Columns()
	for j, c := range cols {
		if x, ok := c.(*data.NumericColumn); ok && c.Name() != target {
			v := slices.Clone(x.Values())
			miss := data.NewMask(len(v))
			for i := range v {
				v[i] *= k
				if x.IsMissing(i) {
					miss.Set(i)
				}
			}
			cols[j] = data.NewNumeric(c.Name(), v, miss)
		}
	}
	g, err := data.NewFrame(cols...)
	if err != nil {
		panic(err)
	}
	return g
}

// naiveBayesModelDiffers counts the rows of f whose probabilities, scored
// with NaiveBayesModel semantics, differ from Modelbench's by over 1e-9.
func naiveBayesModelDiffers(t *testing.T, a *artifact.Artifact, f *data.Frame) (int, error) {
	X, err := a.Design(context.Background(), f)
	if err != nil {
		return 0, err
	}
	want, err := a.PredictMatrix(X)
	if err != nil {
		return 0, err
	}
	raw, _ := a.Model.(model.Marshaler).MarshalJSON()
	var p struct {
		LogPrior model.Floats `json:"log_prior"`
		Epsilon  float64      `json:"epsilon"`
		Gaussian []struct {
			Feature int       `json:"feature"`
			Mean    []float64 `json:"mean"`
			Var     []float64 `json:"var"`
		} `json:"gaussian"`
	}
	if json.Unmarshal(raw, &p) != nil {
		t.Fatal("cannot read the naive Bayes parameters")
	}
	n := 0
	for i := range X[0] {
		logp := make([]float64, len(p.LogPrior))
		for c := range logp {
			logp[c] = p.LogPrior[c]
			for _, ga := range p.Gaussian {
				vr := ga.Var[c] + p.Epsilon
				d := X[ga.Feature][i] - ga.Mean[c]
				dens := math.Exp(-d*d/(2*vr)) / math.Sqrt(2*math.Pi*vr)
				logp[c] += math.Log(math.Max(dens, math.SmallestNonzeroFloat64))
			}
		}
		mx := math.Inf(-1)
		for _, x := range logp {
			mx = math.Max(mx, x)
		}
		sum := 0.0
		for c := range logp {
			logp[c] = math.Exp(logp[c] - mx)
			sum += logp[c]
		}
		for c := range logp {
			if math.Abs(logp[c]/sum-want.Proba[i][c]) > 1e-9 {
				n++
				break
			}
		}
	}
	return n, nil
}

// TestExport_CategoricalNaiveBayes: naive Bayes with categorical features
// (ordinal codes, Laplace-smoothed log probabilities written as
// MapValues) matches Modelbench on the test rows.
func TestExport_CategoricalNaiveBayes(t *testing.T) {
	l := load(t, "penguins.csv", "species")
	p := prep.NewPipeline(
		step("impute", param.Values{"columns": cols("sex"), "strategy": "most_frequent"}),
		step("ordinal", param.Values{"column": "sex", "order": "female, male"}),
		step("ordinal", param.Values{"column": "island", "order": "Biscoe, Dream, Torgersen"}),
		step("impute", param.Values{"strategy": "median"}))
	a := l.fitWith(t, "naive_bayes", param.Values{"categorical": cols("sex", "island")}, p)
	doc, rep, err := pmml.Export(a)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(doc, []byte("nb_logp_")) {
		t.Fatal("no categorical likelihood table was written")
	}
	if n, err := comparePredictions(a, doc, rep, l.test, 1e-9); err != nil || n.rows == 0 {
		t.Fatalf("%d rows: %v", n.rows, err)
	}
}
