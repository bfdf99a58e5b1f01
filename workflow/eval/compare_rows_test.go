package eval

import (
	"math"
	"strings"
	"testing"

	"modelbench/workflow/artifact"
	"modelbench/workflow/model"
)

func TestCompareOnRows_BetterModelAndChance(t *testing.T) {
	n := 200
	truth, good, poor, same := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		truth[i] = float64(i % 2)
		good[i] = truth[i]
		poor[i] = truth[i]
		if i%5 == 0 { // every fifth row wrong: accuracy 0.8
			poor[i] = 1 - truth[i]
		}
		same[i] = good[i]
		if i == 7 { // one row differs: could be chance
			same[i] = 1 - truth[i]
		}
	}
	pred := func(idx []float64) *artifact.Predictions {
		return &artifact.Predictions{Task: model.Classification, Classes: []string{"a", "b"}, Index: idx, Truth: truth}
	}
	c, err := CompareOnRows("new", pred(good), "old", pred(poor), "accuracy", 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	if c.Better != "new" || !c.Likely || math.Abs(c.MeanA-1) > 1e-12 || math.Abs(c.MeanB-0.8) > 0.05 {
		t.Fatalf("%+v", c)
	}
	if !strings.Contains(c.Sentence, "200 rows") {
		t.Fatalf("sentence %q", c.Sentence)
	}
	c, err = CompareOnRows("new", pred(good), "old", pred(same), "accuracy", 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	if c.Likely {
		t.Fatalf("one row's difference called real: %+v", c)
	}
	other := pred(good)
	other.Truth = poor
	if _, err := CompareOnRows("a", pred(good), "b", other, "accuracy", 5, 1); err == nil {
		t.Fatal("different truths accepted")
	}
	if _, err := CompareOnRows("a", pred(good), "b", pred(poor), "accuracy", 1, 1); err == nil {
		t.Fatal("one chunk accepted")
	}
}
