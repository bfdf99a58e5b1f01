package workflow

import (
	"context"
	"testing"

	"modelbench/workflow/data"
)

// unlocks is, for each stage in order, the stage UnlockedBy names, or -1
// when the stage is not locked.
func unlocks(p *Project) [numStages]Stage {
	var out [numStages]Stage
	for _, s := range Stages {
		out[s] = -1
		if to, locked := p.UnlockedBy(s); locked {
			out[s] = to
		} else if to != s {
			out[s] = -2 // an unlocked stage must name itself
		}
		if locked, _ := p.Locked(s); locked != (out[s] >= 0) {
			out[s] = -3 // Locked and UnlockedBy disagree
		}
	}
	return out
}

func TestProject_UnlockedByNamesTheStepToGoTo(t *testing.T) {
	const (
		D, P, T = StageData, StagePrepare, StageTrain
		open    = Stage(-1)
	)
	ctx := context.Background()
	p := New()
	steps := []struct {
		name string
		do   func() error
		want [numStages]Stage
	}{
		{"new project", func() error { return nil }, [numStages]Stage{open, D, D, D, T, T}},
		{"data loaded", func() error { return p.LoadData(ctx, DataRef{Sample: "penguins"}, nil) }, [numStages]Stage{open, open, open, P, T, T}},
		{"target removed", func() error { return p.SetColumnRole("species", data.Feature, "") }, [numStages]Stage{open, open, D, D, T, T}},
		{"target back", func() error { return p.SetColumnRole("species", data.Target, "") }, [numStages]Stage{open, open, open, P, T, T}},
		{"prepared", func() error { _, err := p.RunPrepare(ctx, nil); return err }, [numStages]Stage{open, open, open, open, T, T}},
		{"trained", func() error {
			_, err := p.RunTrain(ctx, TrainSettings{Candidates: []CandidateSpec{{Name: "tree", Learner: "tree"}}, Validation: ValidateCV, Folds: 3, Seed: 1}, nil)
			return err
		}, [numStages]Stage{open, open, open, open, T, T}},
		{"chosen", func() error { _, err := p.ChooseModel(ctx, "tree", "only one", nil); return err }, [numStages]Stage{open, open, open, open, open, open}},
		{"evaluated", func() error { _, err := p.RunEvaluate(ctx, PartTest, nil); return err }, [numStages]Stage{open, open, open, open, open, open}},
	}
	for i, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%d %s: %v", i, st.name, err)
		}
		if got := unlocks(p); got != st.want {
			t.Errorf("%d %s: UnlockedBy per stage %v, want %v", i, st.name, got, st.want)
		}
	}
}
