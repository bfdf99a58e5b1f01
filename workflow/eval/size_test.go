package eval

import (
	"context"
	"testing"

	"modelbench/workflow/model"
	"modelbench/workflow/model/linear"
	"modelbench/workflow/model/tree"
)

// TestHoldout_ModelBytesIsTheSavedSize: the size shown for a model comes
// from model.SavedSize without saving it, and is what saving it writes.
func TestHoldout_ModelBytesIsTheSavedSize(t *testing.T) {
	f := synthFrame(200, 14, 15)
	var train, eval []int
	for i := range 200 {
		if i%4 == 0 {
			eval = append(eval, i)
		} else {
			train = append(train, i)
		}
	}
	for _, l := range []model.Learner{linear.Logistic{}, tree.RandomForest{Trees: 5}, tree.GradientBoosting{MaxIter: 5}} {
		r, err := Holdout(context.Background(), f, "y", synthPipe, l, HoldoutOptions{Train: train, Eval: eval}, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, err := model.Marshal(r.Artifact.Model)
		if err != nil || r.ModelBytes != len(b) {
			t.Errorf("%s: ModelBytes %d, saved %d bytes (%v)", l.Name(), r.ModelBytes, len(b), err)
		}
	}
}
