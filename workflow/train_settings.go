package workflow

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"modelbench/workflow/eval"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
)

// SetTrainSettings records what to train and how (the Train form), after
// checking that every candidate can be built for the current task; bad
// settings change nothing. It marks nothing out of date: the settings are
// used by the next RunTrain. The form survives screen refreshes, saving
// and reopening because it lives here, not in the screen.
func (p *Project) SetTrainSettings(s TrainSettings) error {
	if _, err := candidates(s, p.task()); err != nil {
		return err
	}
	saved := s
	p.mu.Lock()
	p.doc.Train.Settings = &saved
	p.doc.Modified = time.Now().UTC()
	p.mu.Unlock()
	p.emit(Event{Kind: ConfigChanged, Stage: StageTrain})
	return nil
}

// trainedWhat says in the journal what a training run compared.
func trainedWhat(s TrainSettings) string {
	names := make([]string, len(s.Candidates))
	for i, c := range s.Candidates {
		names[i] = c.Name
		if len(c.Params) > 0 {
			names[i] += " (" + paramText(c.Params) + ")"
		}
	}
	how := fmt.Sprintf("%d-fold cross-validation", s.Folds)
	switch s.Validation {
	case ValidateHoldout:
		how = "hold-out validation"
	case ValidateNone:
		how = "no validation"
	}
	return fmt.Sprintf("trained %s with %s, seed %d", strings.Join(names, ", "), how, s.Seed)
}

// candidates builds the learners of s for task. A candidate whose learner
// has a "seed" parameter that its parameters leave unset gets s.Seed, so
// that the seed the project records is the one every model was fitted
// with.
func candidates(s TrainSettings, task model.Task) ([]eval.Candidate, error) {
	if len(s.Candidates) == 0 {
		return nil, errors.New("choose at least one learner to train")
	}
	if s.Metric != "" {
		if _, err := metrics.Lookup(s.Metric); err != nil {
			return nil, err
		}
	}
	switch s.Validation {
	case ValidateCV, "":
		if s.Folds < 2 {
			return nil, fmt.Errorf("cross-validation needs at least 2 folds, not %d", s.Folds)
		}
	case ValidateHoldout, ValidateNone:
	default:
		return nil, fmt.Errorf("unknown validation %q (use %s, %s or %s)", s.Validation, ValidateCV, ValidateHoldout, ValidateNone)
	}
	seen := map[string]bool{}
	out := []eval.Candidate{}
	for _, c := range s.Candidates {
		if c.Name == eval.BaselineName && c.Learner == eval.BaselineName && len(c.Params) == 0 {
			continue // the baseline is on every leaderboard already
		}
		if c.Name == "" || c.Name == eval.BaselineName || seen[c.Name] {
			return nil, fmt.Errorf("every candidate needs its own name (not %q, which is empty, taken or the baseline's)", c.Name)
		}
		seen[c.Name] = true
		e, ok := model.Lookup(c.Learner)
		if !ok {
			return nil, fmt.Errorf("unknown learner %q", c.Learner)
		}
		if !e.Supports(task) {
			return nil, fmt.Errorf("%s cannot do %s", e.Label, task)
		}
		vals, err := param.Resolve(e.Params, e.Seeded(c.Params, s.Seed))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name, err)
		}
		l, err := model.New(c.Learner, task, vals)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name, err)
		}
		out = append(out, eval.Candidate{Name: c.Name, Learner: l, Params: vals})
	}
	return out, nil
}

// paramText writes parameter values as "a=1, b=x", sorted by name.
func paramText(v param.Values) string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%v", k, v[k])
	}
	return strings.Join(parts, ", ")
}

// task is the project's task: the fitted preparation's, else what the
// target column suggests, else classification.
func (p *Project) task() model.Task {
	if r := p.Preparation(); r != nil {
		return r.Task
	}
	if t := p.Table(); t != nil {
		if name, ok := t.Schema.Target(); ok {
			if c, ok := t.Frame.Lookup(name); ok {
				return model.InferTask(c)
			}
		}
	}
	return model.Classification
}
