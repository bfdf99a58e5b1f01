package metrics

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"modelbench/workflow/model"
)

func clfPredictions(c clfCase) *Predictions {
	p := &Predictions{Task: model.Classification, Proba: c.Proba}
	for i := 0; i < c.K; i++ {
		p.Classes = append(p.Classes, string(rune('a'+i)))
	}
	for i := range c.YTrue {
		p.Truth = append(p.Truth, float64(c.YTrue[i]))
		p.Pred = append(p.Pred, float64(c.YPred[i]))
	}
	return p
}

// refKey maps a scorer name to its key in the scikit-learn fixtures.
func refKey(name string, k int) string {
	if name == "roc_auc" && k > 2 {
		return "roc_auc_ovr_macro"
	}
	return name
}

// TestScorers_MatchScikitLearn scores every fixture with every registered
// scorer that applies and compares with scikit-learn's value for it.
func TestScorers_MatchScikitLearn(t *testing.T) {
	f := loadFixtures(t)
	seen := map[string]bool{}
	for _, c := range f.Classification {
		p := clfPredictions(c)
		for _, s := range Scorers(model.Classification, c.K) {
			want, ok := c.Want[refKey(s.Name, c.K)]
			if !ok {
				t.Fatalf("%s: no reference for scorer %s", c.Name, s.Name)
			}
			v, err := s.Score(p)
			checkScalar(t, c.Name+" "+s.Name, want, v, err)
			seen[s.Name] = true
		}
	}
	for _, c := range f.Regression {
		p := &Predictions{Task: model.Regression, Truth: c.YTrue, Pred: c.YPred}
		for _, s := range Scorers(model.Regression, 0) {
			v, err := s.Score(p)
			checkScalar(t, c.Name+" "+s.Name, c.Want[s.Name], v, err)
			seen[s.Name] = true
		}
	}
	for _, n := range ScorerNames() {
		if !seen[n] {
			t.Errorf("scorer %s was never checked against the reference", n)
		}
	}
}

func TestScorer_BetterAndLookup(t *testing.T) {
	acc, err := Lookup("accuracy")
	if err != nil {
		t.Fatal(err)
	}
	ll, _ := Lookup("log_loss")
	cases := []struct {
		s    Scorer
		a, b float64
		want bool
	}{
		{acc, 0.9, 0.8, true}, {acc, 0.8, 0.9, false}, {acc, 0.8, 0.8, false},
		{ll, 0.2, 0.3, true}, {ll, 0.3, 0.2, false},
		{acc, math.NaN(), 0.1, false}, {acc, 0.1, math.NaN(), true}, {ll, 5, math.NaN(), true},
	}
	for i, c := range cases {
		if got := c.s.Better(c.a, c.b); got != c.want {
			t.Errorf("case %d: %s.Better(%v, %v) = %v", i, c.s.Name, c.a, c.b, got)
		}
	}
	if _, err := Lookup("acuracy"); err == nil || !strings.Contains(err.Error(), "balanced_accuracy") {
		t.Errorf("unknown name: %v, want an error listing the names", err)
	}
	for _, task := range []model.Task{model.Classification, model.Regression} {
		if s, err := Lookup(DefaultScorer(task)); err != nil || s.Task != task {
			t.Errorf("default scorer for %s: %v %v", task, s.Name, err)
		}
	}
}

func TestScorer_RefusesWhatDoesNotApply(t *testing.T) {
	p := &Predictions{Task: model.Classification, Classes: []string{"a", "b", "c"},
		Truth: []float64{0, 1, 2}, Pred: []float64{0, 1, 1}}
	for _, name := range []string{"log_loss", "f1", "r2", "brier"} {
		s, _ := Lookup(name)
		if _, err := s.Score(p); !errors.Is(err, ErrUndefined) {
			t.Errorf("%s on 3 classes without probabilities: %v, want ErrUndefined", name, err)
		}
	}
	p.Pred[2] = 2.5
	s, _ := Lookup("accuracy")
	if _, err := s.Score(p); !errors.Is(err, ErrClass) {
		t.Errorf("fractional class: %v, want ErrClass", err)
	}
}

// TestEvaluate_JSON checks the shape of `modelbench evaluate --json`: the
// metrics that apply, no NaN, and an issue for what was left out.
func TestEvaluate_JSON(t *testing.T) {
	f := loadFixtures(t)
	for _, c := range f.Classification {
		m, err := Evaluate(clfPredictions(c))
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		var back struct {
			Task    string             `json:"task"`
			Rows    int                `json:"rows"`
			Metrics map[string]float64 `json:"metrics"`
		}
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if back.Task != "classification" || back.Rows != len(c.YTrue) {
			t.Errorf("%s: task %q rows %d", c.Name, back.Task, back.Rows)
		}
		for _, key := range []string{"accuracy", "balanced_accuracy", "precision_macro", "recall_macro", "f1_macro", "f1_weighted", "mcc", "log_loss"} {
			if _, ok := back.Metrics[key]; !ok {
				t.Errorf("%s: metric %s missing", c.Name, key)
			}
		}
		_, hasAUC := back.Metrics["roc_auc"]
		if refError(c.Want[refKey("roc_auc", c.K)]) == hasAUC {
			t.Errorf("%s: roc_auc present=%v although scikit-learn error=%v", c.Name, hasAUC, !hasAUC)
		}
		if !hasAUC && len(m.Issues) == 0 {
			t.Errorf("%s: roc_auc left out without an issue", c.Name)
		}
	}
	m, err := Evaluate(&Predictions{Task: model.Regression, Truth: []float64{2}, Pred: []float64{3}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Metrics["r2"]; ok || len(m.Issues) != 1 || m.Metrics["mae"] != 1 {
		t.Errorf("single row: %+v; want r2 left out with one issue", m)
	}
}
