package workflow

import (
	"context"
	"slices"
	"testing"

	"modelbench/workflow/artifact"
)

// TestRefit_ModelFileRecordsWhatRefitsTheModel saves the chosen model,
// reads model.json back and fits again from its recorded split, learner,
// parameters (without their seed) and seed: the predictions must be
// identical. It failed when the learners kept their default seed 0 while
// model.json recorded the project's seed.
func TestRefit_ModelFileRecordsWhatRefitsTheModel(t *testing.T) {
	ctx := context.Background()
	for _, learner := range []string{"forest", "gbt", "tree"} {
		t.Run(learner, func(t *testing.T) {
			p := preparedProject(t, "penguins")
			s := TrainSettings{Candidates: []CandidateSpec{{Name: learner, Learner: learner}}, Validation: ValidateCV, Folds: 3, Seed: 7}
			if _, err := p.RunTrain(ctx, s, nil); err != nil {
				t.Fatal(err)
			}
			a, err := p.ChooseModel(ctx, learner, "the only candidate", nil)
			if err != nil {
				t.Fatal(err)
			}
			if a.Seed != 7 || a.Params.Int("seed") != 7 {
				t.Fatalf("recorded seed %d, learner seed %v; both must be the project's 7", a.Seed, a.Params["seed"])
			}
			dir := t.TempDir()
			if _, err := a.Save(dir); err != nil {
				t.Fatal(err)
			}
			saved, err := artifact.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			if saved.Split == nil || *saved.Split != p.SplitSpec() {
				t.Fatalf("model.json records split %+v, the project used %+v", saved.Split, p.SplitSpec())
			}
			again, err := Refit(ctx, saved, p.Table(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if again.TrainRows != a.TrainRows {
				t.Fatalf("refit learnt from %d rows, the model from %d", again.TrainRows, a.TrainRows)
			}
			want, err := a.Predict(ctx, p.Table().Frame)
			if err != nil {
				t.Fatal(err)
			}
			got, err := again.Predict(ctx, p.Table().Frame)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Index, want.Index) {
				t.Fatal("the refitted model predicts other classes")
			}
			for i := range want.Proba {
				if !slices.Equal(got.Proba[i], want.Proba[i]) {
					t.Fatalf("row %d: probabilities %v, refit %v", i, want.Proba[i], got.Proba[i])
				}
			}
		})
	}
}

// TestTrain_SettingsSavedOnlyOnSuccess: a training run that fails (here,
// cancelled) leaves the saved settings as they were.
func TestTrain_SettingsSavedOnlyOnSuccess(t *testing.T) {
	p := preparedProject(t, "iris")
	before := p.Document().Train.Settings
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := TrainSettings{Candidates: []CandidateSpec{{Name: "tree", Learner: "tree"}}, Validation: ValidateCV, Folds: 3, Seed: 5}
	if _, err := p.RunTrain(ctx, s, nil); err == nil {
		t.Fatal("a cancelled run succeeded")
	}
	if after := p.Document().Train.Settings; after != before {
		t.Fatalf("settings %+v written by a run that did not finish", after)
	}
	if _, err := p.RunTrain(context.Background(), s, nil); err != nil {
		t.Fatal(err)
	}
	if got := p.Document().Train.Settings; got == nil || got.Seed != 5 {
		t.Fatalf("settings after a good run: %+v", got)
	}
}
