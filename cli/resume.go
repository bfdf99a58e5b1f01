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

// resumeProject opens a saved project and brings it back to where it was
// saved through Project.Resume — the fitted preparation, the saved
// leaderboard and chosen model (no retraining), and the test evaluation
// only when the file records that the chosen model was scored on the test
// rows — then explores the data for the documents. It fails when the file
// cannot be read or its data is missing.
func resumeProject(ctx context.Context, path string) (*resumed, error) {
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
	r := &resumed{p: p}
	if _, err := p.RunExplore(ctx, nil); err != nil {
		return nil, fmt.Errorf("%s: exploring the data: %w", path, err)
	}
	notes, err := p.Resume(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	saved := p.Document()
	_, hasTarget := p.Table().Schema.Target()
	switch {
	case !hasTarget:
		r.missing = append(r.missing, "no target column is chosen (Data step)")
	case saved.Train.Settings == nil:
		r.missing = append(r.missing, "no models have been trained (Train step)")
	case saved.Train.Chosen == "":
		r.missing = append(r.missing, "no model has been chosen to carry forward (Train step)")
	case p.Training() == nil || p.Training().Chosen == nil:
		r.missing = append(r.missing, notes...)
	case !slices.Contains(saved.Evaluate.TestLog.Models, saved.Train.Chosen) || p.Status(workflow.StageEvaluate) != workflow.Done:
		r.missing = append(r.missing, fmt.Sprintf("the chosen model %s has not been evaluated on the test rows (Evaluate step)", saved.Train.Chosen))
	}
	for _, e := range saved.Journal {
		r.journal = append(r.journal, deploy.JournalEntry{Time: e.Time, Stage: e.Stage, What: e.What, Why: e.Why})
	}
	r.replayed = len(p.Journal())
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

// resumeChosen opens the one project file in pos (a usage error
// otherwise) and resumes it; what names the work for the message when the
// project has no chosen model ("document", "package").
func resumeChosen(ctx context.Context, pos []string, what string) (*resumed, error) {
	if len(pos) != 1 {
		return nil, usageErr("give one project file (.mbproj)")
	}
	r, err := resumeProject(ctx, pos[0])
	if err != nil {
		return nil, err
	}
	if tr := r.p.Training(); tr == nil || tr.Chosen == nil {
		return nil, fmt.Errorf("%s: %s; there is no model to %s yet", pos[0], r.missingText(), what)
	}
	return r, nil
}
