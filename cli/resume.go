package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"modelbench/workflow"
	"modelbench/workflow/deploy"
)

// resumed is a saved project brought back to where it was saved, with
// the journal as the file recorded it (replaying a step journals it
// again; the documents show the saved journal).
type resumed struct {
	p       *workflow.Project
	journal []deploy.JournalEntry
	// missing says, step by step, what the project lacks to reach
	// Evaluate; empty when it has been evaluated on the test rows.
	missing []string
	// replayed is the length of the project's journal after the replay:
	// entries after it (answers applied, checks run) are new.
	replayed int
}

// journal is the saved journal followed by what was done since the replay.
func (r *resumed) journalNow() []deploy.JournalEntry {
	out := append([]deploy.JournalEntry(nil), r.journal...)
	for _, e := range r.p.Journal()[r.replayed:] {
		out = append(out, deploy.JournalEntry{Time: e.Time, Stage: e.Stage, What: e.What, Why: e.Why})
	}
	return out
}

// resumeProject opens a saved project and replays what it records through
// the same Project API the window uses: Explore, Prepare, Train with the
// saved settings, the saved choice of model, and the evaluation on the
// test rows when the file says the chosen model was scored on them (never
// otherwise: the replay must not open the test rows). It fails when the
// file cannot be read or its data is missing.
//
// TODO(resume): replace with workflow's Project.Resume once it lands on
// main.
func resumeProject(ctx context.Context, path string) (*resumed, error) {
	r, err := replay(ctx, path)
	if err != nil {
		return nil, err
	}
	r.replayed = len(r.p.Journal())
	return r, nil
}

func replay(ctx context.Context, path string) (*resumed, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	p, err := workflow.Open(ctx, path, nil)
	if err != nil {
		return nil, err
	}
	if p.Table() == nil {
		return nil, fmt.Errorf("%s: the project's data could not be read: %s", path, p.Error(workflow.StageData))
	}
	saved := p.Document()
	r := &resumed{p: p}
	for _, e := range saved.Journal {
		r.journal = append(r.journal, deploy.JournalEntry{Time: e.Time, Stage: e.Stage, What: e.What, Why: e.Why})
	}
	if _, err := p.RunExplore(ctx, nil); err != nil {
		return nil, fmt.Errorf("%s: exploring the data: %w", path, err)
	}
	if _, ok := p.Table().Schema.Target(); !ok {
		r.missing = append(r.missing, "no target column is chosen (Data step)")
		return r, nil
	}
	if _, err := p.RunPrepare(ctx, nil); err != nil {
		return nil, fmt.Errorf("%s: preparing the data: %w", path, err)
	}
	tc := saved.Train
	if tc.Settings == nil {
		r.missing = append(r.missing, "no models have been trained (Train step)")
		return r, nil
	}
	if _, err := p.RunTrain(ctx, *tc.Settings, nil); err != nil {
		return nil, fmt.Errorf("%s: training again with the saved settings: %w", path, err)
	}
	if tc.Chosen == "" {
		r.missing = append(r.missing, "no model has been chosen to carry forward (Train step)")
		return r, nil
	}
	if _, err := p.ChooseModel(ctx, tc.Chosen, tc.Why, nil); err != nil {
		return nil, fmt.Errorf("%s: fitting the chosen model %s again: %w", path, tc.Chosen, err)
	}
	if !slices.Contains(saved.Evaluate.TestLog.Models, tc.Chosen) {
		r.missing = append(r.missing, fmt.Sprintf("the chosen model %s has not been evaluated on the test rows (Evaluate step)", tc.Chosen))
		return r, nil
	}
	if _, err := p.RunEvaluate(ctx, workflow.PartTest, nil); err != nil {
		return nil, fmt.Errorf("%s: evaluating %s again: %w", path, tc.Chosen, err)
	}
	return r, nil
}

// missingText says what a project lacks to reach Evaluate, for messages.
func (r *resumed) missingText() string {
	return "the project has not reached Evaluate: " + strings.Join(r.missing, "; ")
}

// applyAnswers applies an answers file (see NOTES-deploydocs.md) to the
// resumed project, in memory.
func (r *resumed) applyAnswers(path string) error {
	if path == "" {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	d, err := deploy.Builtin()
	if err != nil {
		return err
	}
	a, err := deploy.ParseAnswers(d, b)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	_, err = r.p.ApplyAnswers(a, path)
	return err
}

// checkReproducible runs the reproducibility check unless the project
// holds a current one.
func (r *resumed) checkReproducible(ctx context.Context) error {
	tr := r.p.Training()
	if tr == nil || tr.Chosen == nil {
		return errors.New("--check needs a chosen model")
	}
	fp, err := deploy.Fingerprint(tr.Chosen)
	if err != nil {
		return err
	}
	if rc := r.p.DeployState().Reproduced; rc != nil && rc.Fingerprint == fp {
		return nil
	}
	_, err = r.p.CheckReproducible(ctx, nil)
	return err
}
