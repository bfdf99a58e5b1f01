package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"modelbench/workflow"
	"modelbench/workflow/coach"
	"modelbench/workflow/data"
	"modelbench/workflow/eval"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
)

func init() {
	register(command{
		name:    "train",
		summary: "cross-validate a learner on a data file, fit it on every row and save model.json",
		usage:   "train FILE|--sample ID --target COL --out DIR [--model NAME] [--seed N] [--cv K] [--param NAME=VALUE ...] [--keep COL ...] [--project P.mbproj] [--json] [options]",
		run:     runTrain,
	})
}

// trainFlags are the options of "train" besides the data options.
type trainFlags struct {
	learner     string
	seed        uint64
	folds       int
	params      multiFlag
	out         string
	json        bool
	project     string
	test        float64
	saveProject string
	readable    bool
}

func (f *trainFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.learner, "model", "forest", "the learner: "+strings.Join(learnerNames(), ", "))
	fs.Uint64Var(&f.seed, "seed", workflow.DefaultSeed, "seed of the folds and of the learner's randomness")
	fs.IntVar(&f.folds, "cv", 5, "folds of the cross-validation; 0 skips it")
	fs.Var(&f.params, "param", "a learner parameter NAME=VALUE (repeatable; a wrong name lists the learner's parameters)")
	fs.StringVar(&f.out, "out", "", "the folder to write model.json into (created if missing)")
	fs.BoolVar(&f.json, "json", false, "print the validation results as JSON")
	fs.StringVar(&f.project, "project", "", "take the preparation and the target from this project (.mbproj); its data when no FILE is given")
	fs.Float64Var(&f.test, "test", 0, "hold out this share of the rows (0 to 0.9) as test rows, evaluate the model on them once and print the result")
	fs.BoolVar(&f.readable, "readable", false, "write model.json as indented JSON with every tree as arrays (larger, for reading)")
	fs.StringVar(&f.saveProject, "save-project", "", "also save the project (data reference, preparation, settings, journal) to this .mbproj file")
}

// check validates the flags that do not depend on the data and returns
// the learner's parameter values as given.
func (f *trainFlags) check() (model.Entry, param.Values, error) {
	if f.out == "" {
		return model.Entry{}, nil, usageErr("--out DIR is required")
	}
	if f.test < 0 || f.test > 0.9 {
		return model.Entry{}, nil, usageErr("--test must be a share between 0 and 0.9, not %g", f.test)
	}
	if f.folds < 0 || f.folds == 1 {
		return model.Entry{}, nil, usageErr("--cv must be 0 (no validation) or at least 2, not %d", f.folds)
	}
	e, ok := model.Lookup(f.learner)
	if !ok {
		return e, nil, usageErr("unknown model %q (available: %s)", f.learner, strings.Join(learnerNames(), ", "))
	}
	vals, err := param.ParseAssignments(e.Params, f.params)
	if err == nil {
		_, err = param.Resolve(e.Params, vals)
	}
	if err != nil {
		return e, nil, usageErr("--param for %s: %v", f.learner, err)
	}
	return e, vals, nil
}

// learnerNames lists the registered learners in teaching order.
func learnerNames() []string {
	var names []string
	for _, e := range model.Entries() {
		names = append(names, e.Name)
	}
	return names
}

// trainOutput is what "train --json" prints.
type trainOutput struct {
	Learner    string       `json:"learner"`
	Params     param.Values `json:"params"`
	Task       model.Task   `json:"task"`
	Target     string       `json:"target"`
	Classes    []string     `json:"classes,omitempty"`
	Source     string       `json:"source"`
	Rows       int          `json:"rows"` // rows the model was fitted on
	Seed       uint64       `json:"seed"`
	CV         *cvOutput    `json:"cv,omitempty"`   // absent with --cv 0
	Test       *testOutput  `json:"test,omitempty"` // present with --test
	Model      string       `json:"model"`          // the path of model.json
	Project    string       `json:"project,omitempty"`
	FitSeconds float64      `json:"fit_seconds"`
	Issues     []data.Issue `json:"issues,omitempty"`
	// Coach holds the coach's findings in full (they are in Issues too).
	Coach []coach.Finding `json:"coach,omitempty"`
}

// cvOutput summarises the cross-validation of the learner and of the
// baseline on the same folds.
type cvOutput struct {
	Folds    int                     `json:"folds"`
	Metric   string                  `json:"metric"` // the task's main metric, the one the baseline is compared on
	Metrics  map[string]eval.Summary `json:"metrics"`
	Baseline map[string]eval.Summary `json:"baseline"`
	Beats    bool                    `json:"beats_baseline"`
}

// testOutput is the one evaluation on the held-out test rows.
type testOutput struct {
	Rows    int                `json:"rows"`
	Metrics map[string]float64 `json:"metrics"`
}

// runTrain drives a workflow.Project through Prepare and Train exactly as
// the window does (the same default preparation, seeds and validation),
// with one candidate, then chooses it, which fits it on the learning rows,
// and saves model.json.
func runTrain(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "train")
	var df dataFlags
	df.register(fs)
	df.registerKeep(fs)
	var tf trainFlags
	tf.register(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	entry, given, err := tf.check()
	if err != nil {
		return err
	}
	p, err := openProject(ctx, &df, pos, tf.project)
	if err != nil {
		return err
	}
	target, task, err := projectTarget(p)
	if err != nil {
		return err
	}
	if !entry.Supports(task) {
		return fmt.Errorf("the model %s cannot do %s, which predicting %q is", entry.Name, task, target)
	}
	if err := p.SetSplit(splitFor(task, tf.test, tf.seed), "set on the command line"); err != nil {
		return usageErr("--test: %v", err)
	}
	if _, err := p.RunPrepare(ctx, nil); err != nil {
		return err
	}
	s := workflow.TrainSettings{Candidates: []workflow.CandidateSpec{{Name: entry.Name, Learner: entry.Name, Params: given}},
		Validation: workflow.ValidateCV, Folds: tf.folds, Seed: tf.seed}
	if tf.folds == 0 {
		s.Validation = workflow.ValidateNone
	}
	tr, err := p.RunTrain(ctx, s, nil)
	if err != nil {
		return fmt.Errorf("cross-validation: %w", err)
	}
	out := &trainOutput{Learner: entry.Name, Task: task, Target: target, Source: dataName(p), Seed: tf.seed}
	if tf.folds > 0 {
		if out.CV, err = cvSummary(tr, entry.Name, tf.folds); err != nil {
			return err
		}
	}
	out.Issues = append(out.Issues, tr.Board.Issues...)
	a, err := p.ChooseModel(ctx, entry.Name, "trained from the command line", nil)
	if err != nil {
		return err
	}
	save := a.Save
	if tf.readable {
		save = a.SaveReadable
	}
	if out.Model, err = save(tf.out); err != nil {
		return err
	}
	if tf.test > 0 {
		if out.Test, err = evaluateTest(ctx, p); err != nil {
			return err
		}
	}
	notes, findings := coachIssues(p)
	out.Issues, out.Coach = append(out.Issues, notes...), findings
	if tf.saveProject != "" {
		if out.Project, err = p.Save(tf.saveProject); err != nil {
			return err
		}
	}
	out.Params, out.Classes, out.Rows, out.FitSeconds = a.Params, a.Classes, len(a.Rows), a.FitTime.Seconds()
	if tf.json {
		return printJSON(env.Stdout, out)
	}
	printTrain(env.Stdout, out)
	return nil
}

// cvSummary reads the learner's and the baseline's cross-validation off
// the leaderboard; a learner that failed on a fold is not on it, and the
// leaderboard's warnings say why.
func cvSummary(tr *workflow.TrainResult, learner string, folds int) (*cvOutput, error) {
	lb := tr.Board
	out := &cvOutput{Folds: folds, Metric: lb.Metric}
	for _, e := range lb.Entries {
		switch {
		case e.Baseline:
			out.Baseline = e.Result.Metrics
		case e.Name == learner:
			out.Metrics = e.Result.Metrics
		}
	}
	if learner == eval.BaselineName {
		out.Metrics = out.Baseline
	}
	if out.Metrics == nil {
		return nil, fmt.Errorf("cross-validation: %s", issueTexts(lb.Issues))
	}
	sc, _ := metrics.Lookup(lb.Metric)
	out.Beats = sc.Better(out.Metrics[lb.Metric].Mean, out.Baseline[lb.Metric].Mean)
	return out, nil
}

// evaluateTest scores the chosen model once on the held-out test rows.
func evaluateTest(ctx context.Context, p *workflow.Project) (*testOutput, error) {
	res, err := p.RunEvaluate(ctx, workflow.PartTest, nil)
	if err != nil {
		return nil, err
	}
	m := res.Assessment.Metrics
	return &testOutput{Rows: m.Rows, Metrics: m.Metrics}, nil
}

func issueTexts(is []data.Issue) string {
	var out []string
	for _, i := range is {
		out = append(out, i.Text)
	}
	return strings.Join(out, "; ")
}

func printTrain(w io.Writer, out *trainOutput) {
	what := out.Task.String()
	if len(out.Classes) > 0 {
		what += fmt.Sprintf(" (%d classes)", len(out.Classes))
	}
	fmt.Fprintf(w, "%s on %s: %s of %q, %d rows, seed %d\n", out.Learner, out.Source, what, out.Target, out.Rows, out.Seed)
	if out.CV != nil {
		fmt.Fprintf(w, "\n%d-fold cross-validation (mean ± std over the folds; the baseline on the same folds):\n", out.CV.Folds)
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "METRIC\tMEAN\tSTD\tBASELINE")
		for _, sc := range metrics.Scorers(out.Task, len(out.Classes)) {
			if s, ok := out.CV.Metrics[sc.Name]; ok {
				fmt.Fprintf(tw, "%s\t%.4f\t%.4f\t%.4f\n", sc.Name, s.Mean, s.Std, out.CV.Baseline[sc.Name].Mean)
			}
		}
		tw.Flush()
	}
	if len(out.Issues) > 0 {
		fmt.Fprintln(w)
	}
	printIssues(w, out.Issues)
	if out.Test != nil {
		fmt.Fprintf(w, "\ntest rows (%d, held out and used once):\n", out.Test.Rows)
		for _, sc := range metrics.Scorers(out.Task, len(out.Classes)) {
			if v, ok := out.Test.Metrics[sc.Name]; ok {
				fmt.Fprintf(w, "  %-20s %.4f\n", sc.Name, v)
			}
		}
	}
	fmt.Fprintf(w, "\nfitted on %d rows in %.3f s; wrote %s\n", out.Rows, out.FitSeconds, filepath.Clean(out.Model))
	if out.Project != "" {
		fmt.Fprintf(w, "saved the project to %s\n", out.Project)
	}
}
