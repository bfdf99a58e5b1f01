package workflow

import (
	"context"
	"strings"
	"testing"

	"modelbench/workflow/artifact"
	"modelbench/workflow/eval"
	_ "modelbench/workflow/model/learners"
)

func preparedProject(t *testing.T, sample string) *Project {
	t.Helper()
	p := New()
	ctx := context.Background()
	if err := p.LoadData(ctx, DataRef{Sample: sample}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunPrepare(ctx, nil); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTrain_LeaderboardHasBaselineAndChosenModelUnlocksEvaluate(t *testing.T) {
	p := preparedProject(t, "penguins")
	ctx := context.Background()
	s := TrainSettings{Candidates: []CandidateSpec{{Name: "logistic", Learner: "logistic"}, {Name: "tree", Learner: "tree"}},
		Validation: ValidateCV, Folds: 3, Seed: 1}
	res, err := p.RunTrain(ctx, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]eval.Entry{}
	for _, e := range res.Board.Entries {
		names[e.Name] = e
	}
	if _, ok := names[eval.BaselineName]; !ok || len(names) != 3 {
		t.Fatalf("entries %v", res.Board.Entries)
	}
	if names["logistic"].Score < names[eval.BaselineName].Score+0.3 {
		t.Fatalf("logistic %.3f does not beat the baseline %.3f clearly", names["logistic"].Score, names[eval.BaselineName].Score)
	}
	pr := p.Preparation()
	if len(res.DevRows) != len(pr.Split.Train)+len(pr.Split.Valid) {
		t.Fatal("development rows must be training plus validation, never test")
	}
	if locked, _ := p.Locked(StageEvaluate); !locked {
		t.Fatal("evaluate unlocked before a model was chosen")
	}
	a, err := p.ChooseModel(ctx, "logistic", "best balanced accuracy, small spread", nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Learner != "logistic" || a.TrainRows != len(res.DevRows) || a.DataSHA256 == "" {
		t.Fatalf("artifact %+v", a)
	}
	if locked, why := p.Locked(StageEvaluate); locked {
		t.Fatalf("evaluate still locked: %s", why)
	}
	if p.Document().Train.Chosen != "logistic" || !strings.Contains(p.Journal()[len(p.Journal())-1].What, "chose logistic") {
		t.Fatal("the choice was not recorded")
	}
	var _ *artifact.Artifact = p.Training().Chosen
}

func TestTrain_HoldoutUsesValidationRows(t *testing.T) {
	p := preparedProject(t, "diamonds")
	s := TrainSettings{Candidates: []CandidateSpec{{Name: "linear", Learner: "linear"}}, Validation: ValidateHoldout, Seed: 1}
	res, err := p.RunTrain(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	lin := res.Board.Entries[0]
	if lin.Name != "linear" || lin.Score < 0.85 || len(lin.FoldScores) != 1 {
		t.Fatalf("linear on diamonds: %+v", lin)
	}
	if res.Board.Metric != "r2" {
		t.Fatalf("metric %s", res.Board.Metric)
	}
}

func TestTrain_BadSettingsChangeNothing(t *testing.T) {
	p := preparedProject(t, "iris")
	for _, s := range []TrainSettings{{}, {Candidates: []CandidateSpec{{Name: "x", Learner: "nope"}}},
		{Candidates: []CandidateSpec{{Name: "t", Learner: "tree", Params: map[string]any{"max_depth": -3}}}}} {
		if _, err := p.RunTrain(context.Background(), s, nil); err == nil {
			t.Errorf("settings %+v accepted", s)
		}
	}
	if p.Status(StageTrain) != Ready {
		t.Fatalf("train status %v after refused settings", p.Status(StageTrain))
	}
}

func TestTune_GridFindsSettingsOnTheSameFolds(t *testing.T) {
	p := preparedProject(t, "penguins")
	res, err := p.Tune(context.Background(), "tree", eval.SearchOptions{Method: eval.GridSearch,
		Space: []eval.Dimension{{Name: "max_depth", Values: []any{1, 2, 4}}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Trials) != 3 || res.Trials[0].Score < res.Trials[2].Score {
		t.Fatalf("trials %+v", res.Trials)
	}
	if res.Trials[len(res.Trials)-1].Params.Int("max_depth") != 1 {
		t.Fatalf("a depth-1 tree cannot separate three species and must rank last: %+v", res.Trials)
	}
	if p.Training() != nil {
		t.Fatal("tuning must not change the project")
	}
}

func TestTune_RecordedAndUsedThroughTheProject(t *testing.T) {
	p := preparedProject(t, "penguins")
	if err := p.SetTrainSettings(TrainSettings{Candidates: []CandidateSpec{{Name: "tree", Learner: "tree"}},
		Validation: ValidateCV, Folds: 3, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Tune(context.Background(), "tree", eval.SearchOptions{Method: eval.GridSearch,
		Space: []eval.Dimension{{Name: "max_depth", Values: []any{1, 3}}}}, nil); err != nil {
		t.Fatal(err)
	}
	recs := p.TuneRecords()
	if len(recs) != 1 || len(recs[0].Trials) != 2 || recs[0].Folds != 3 || recs[0].Seed != 3 {
		t.Fatalf("tune records %+v", recs)
	}
	if recs[0].Trials[0].Params.Int("seed") != 3 {
		t.Fatalf("the searched trees must get the project's seed: %v", recs[0].Trials[0].Params)
	}
	s, err := p.UseTuned(0, "deeper is better")
	if err != nil {
		t.Fatal(err)
	}
	if s.Candidates[0].Params.Int("max_depth") != 3 || p.TrainSettings().Candidates[0].Params.Int("max_depth") != 3 {
		t.Fatalf("the tuned depth did not reach the settings: %+v", s)
	}
	if !p.TuneRecords()[0].Used || !strings.Contains(p.Journal()[len(p.Journal())-1].What, "tuned setting") {
		t.Fatal("using the tuned setting was not recorded")
	}
	if _, err := p.UseTuned(5, ""); err == nil {
		t.Fatal("a search that does not exist was used")
	}
	// The form survives a save and reopen.
	path, err := p.Save(t.TempDir() + "/p")
	if err != nil {
		t.Fatal(err)
	}
	q, err := Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := q.TrainSettings(); got.Seed != 3 || got.Candidates[0].Params.Int("max_depth") != 3 || len(q.TuneRecords()) != 1 {
		t.Fatalf("reopened settings %+v", got)
	}
}

func TestTrain_NoValidationListsCandidatesUnscored(t *testing.T) {
	p := preparedProject(t, "iris")
	res, err := p.RunTrain(context.Background(), TrainSettings{Candidates: []CandidateSpec{{Name: "knn", Learner: "knn"}},
		Validation: ValidateNone, Seed: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Board.Entries) != 2 || len(res.Board.Issues) == 0 {
		t.Fatalf("board %+v", res.Board)
	}
	if _, err := p.ChooseModel(context.Background(), "knn", "fit without validation", nil); err != nil {
		t.Fatal(err)
	}
	if w := p.Journal()[len(p.Journal())-1].What; !strings.Contains(w, "not validated") {
		t.Fatalf("journal says %q", w)
	}
}

// TestChoose_RefusedWhileTrainingRuns: choosing while a training runs
// would supersede it and lose its leaderboard; it is refused instead.
func TestChoose_RefusedWhileTrainingRuns(t *testing.T) {
	p := chosenProject(t, "iris", "tree")
	end, err := p.begin(StageTrain) // a training under way
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.ChooseModel(context.Background(), "tree", "while training", nil); err == nil || !strings.Contains(err.Error(), "running") {
		t.Fatalf("choosing during a training: %v", err)
	}
	end(p.Training(), nil)
}
