package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"modelbench/workflow"
	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/eval"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

func init() {
	register(command{
		name:    "train",
		summary: "cross-validate a learner on a data file, fit it on every row and save model.json",
		usage:   "train FILE|--sample ID --target COL --out DIR [--model NAME] [--seed N] [--cv K] [--param NAME=VALUE ...] [--project P.mbproj] [--json] [options]",
		run:     runTrain,
	})
}

// trainFlags are the options of "train" besides the data options.
type trainFlags struct {
	learner string
	seed    uint64
	folds   int
	params  multiFlag
	out     string
	json    bool
	project string
}

func (f *trainFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.learner, "model", "forest", "the learner: "+strings.Join(learnerNames(), ", "))
	fs.Uint64Var(&f.seed, "seed", workflow.DefaultSeed, "seed of the folds and of the learner's randomness")
	fs.IntVar(&f.folds, "cv", 5, "folds of the cross-validation; 0 skips it")
	fs.Var(&f.params, "param", "a learner parameter NAME=VALUE (repeatable; a wrong name lists the learner's parameters)")
	fs.StringVar(&f.out, "out", "", "the folder to write model.json into (created if missing)")
	fs.BoolVar(&f.json, "json", false, "print the validation results as JSON")
	fs.StringVar(&f.project, "project", "", "take the preparation and the target from this project (.mbproj); its data when no FILE is given")
}

// check validates the flags that do not depend on the data and returns
// the learner's parameter values as given.
func (f *trainFlags) check() (model.Entry, param.Values, error) {
	if f.out == "" {
		return model.Entry{}, nil, usageErr("--out DIR is required")
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

// trainInput is the data to learn from and how to prepare it.
type trainInput struct {
	table    *data.Table
	ref      workflow.DataRef
	target   string
	task     model.Task
	pipeline prep.Pipeline
}

// source names the data for people: the file or the sample.
func (in *trainInput) source() string {
	switch {
	case in.ref.Sample != "":
		return "sample:" + in.ref.Sample
	case in.ref.Source != nil:
		return in.ref.Source.String()
	}
	return in.ref.Path
}

// trainOutput is what "train --json" prints.
type trainOutput struct {
	Learner    string       `json:"learner"`
	Params     param.Values `json:"params"`
	Task       model.Task   `json:"task"`
	Target     string       `json:"target"`
	Classes    []string     `json:"classes,omitempty"`
	Source     string       `json:"source"`
	Rows       int          `json:"rows"` // rows with a target, all fitted on
	Seed       uint64       `json:"seed"`
	CV         *cvOutput    `json:"cv,omitempty"` // absent with --cv 0
	Model      string       `json:"model"`        // the path of model.json
	FitSeconds float64      `json:"fit_seconds"`
	Issues     []data.Issue `json:"issues,omitempty"`
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

func runTrain(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "train")
	var df dataFlags
	df.register(fs)
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
	in, err := loadTrainInput(ctx, &df, pos, tf.project, scales(entry.Name))
	if err != nil {
		return err
	}
	if !entry.Supports(in.task) {
		return fmt.Errorf("the model %s cannot do %s, which predicting %q is", entry.Name, in.task, in.target)
	}
	spec := artifact.Spec{Target: in.target, Task: in.task, Pipeline: in.pipeline, Learner: entry.Name, Params: given, Seed: tf.seed}
	out := &trainOutput{Learner: entry.Name, Task: in.task, Target: in.target, Source: in.source(), Seed: tf.seed}
	if tf.folds > 0 {
		if out.CV, out.Issues, err = crossValidate(ctx, in, spec, tf.folds); err != nil {
			return err
		}
	}
	a, err := artifact.Fit(ctx, in.table.Frame, spec, nil)
	if err != nil {
		return err
	}
	a.DataSHA256, a.DataSource, a.AppVersion = in.ref.SHA256, out.Source, workflow.AppVersion
	if out.Model, err = a.Save(tf.out); err != nil {
		return err
	}
	out.Params, out.Classes, out.Rows, out.FitSeconds = a.Params, a.Classes, len(a.Rows), a.FitTime.Seconds()
	if tf.json {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	printTrain(env.Stdout, out)
	return nil
}

// scales says whether a learner needs its inputs on a common scale.
func scales(learner string) bool {
	return learner == "linear" || learner == "logistic" || learner == "knn"
}

// loadTrainInput reads the data and decides the target and the
// preparation: the project's when one is given, else prep.Default (with
// scaling when the learner needs it).
func loadTrainInput(ctx context.Context, df *dataFlags, pos []string, project string, scale bool) (*trainInput, error) {
	if project != "" {
		return projectInput(ctx, df, pos, project)
	}
	t, ref, err := df.load(ctx, pos, nil)
	if err != nil {
		return nil, err
	}
	in := &trainInput{table: t, ref: ref}
	var ok bool
	if in.target, ok = t.Schema.Target(); !ok {
		return nil, usageErr("--target COL is required (columns: %s)", strings.Join(t.Frame.Names(), ", "))
	}
	in.pipeline = prep.Default(t.Schema, t.Frame, scale)
	return in, in.readTask()
}

// projectInput takes the pipeline and target of a saved project, and its
// data unless FILE or --sample is given.
func projectInput(ctx context.Context, df *dataFlags, pos []string, project string) (*trainInput, error) {
	p, err := workflow.Open(ctx, project, nil)
	if err != nil {
		return nil, err
	}
	in := &trainInput{}
	if len(pos) > 0 || df.sample != "" {
		if in.table, in.ref, err = df.load(ctx, pos, nil); err != nil {
			return nil, err
		}
	} else {
		in.table = p.Table()
		if in.table == nil {
			return nil, fmt.Errorf("%s: the project's data could not be read: %s", project, p.Error(workflow.StageData))
		}
		if ref := p.Document().Data; ref != nil {
			in.ref = *ref
		}
	}
	in.pipeline, _ = p.Pipeline()
	in.target = df.target
	if pt := p.Table(); in.target == "" && pt != nil {
		in.target, _ = pt.Schema.Target()
	}
	if in.target == "" {
		return nil, usageErr("the project %s has no target; give --target COL", project)
	}
	return in, in.readTask()
}

// readTask checks the target column and infers the task from it.
func (in *trainInput) readTask() error {
	c, ok := in.table.Frame.Lookup(in.target)
	if !ok {
		return fmt.Errorf("the target column %q is not in %s (columns: %s)", in.target, in.source(), strings.Join(in.table.Frame.Names(), ", "))
	}
	in.task = model.InferTask(c)
	return nil
}

// crossValidate runs k-fold cross-validation of the learner and of the
// baseline on the same folds.
func crossValidate(ctx context.Context, in *trainInput, spec artifact.Spec, folds int) (*cvOutput, []data.Issue, error) {
	l, vals, err := spec.NewLearner()
	if err != nil {
		return nil, nil, err
	}
	var cands []eval.Candidate
	if spec.Learner != eval.BaselineName {
		cands = []eval.Candidate{{Name: spec.Learner, Learner: l, Params: vals}}
	}
	opt := eval.CVOptions{Task: in.task, Folds: prep.FoldSpec{K: folds, Seed: spec.Seed}}
	lb, err := eval.RunLeaderboard(ctx, in.table.Frame, in.target, in.pipeline, cands, "", opt, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("cross-validation: %w", err)
	}
	out := &cvOutput{Folds: folds, Metric: lb.Metric}
	for _, e := range lb.Entries {
		switch {
		case e.Baseline:
			out.Baseline = e.Result.Metrics
		case e.Name == spec.Learner:
			out.Metrics = e.Result.Metrics
		}
	}
	if spec.Learner == eval.BaselineName {
		out.Metrics = out.Baseline
	}
	if out.Metrics == nil { // the learner failed on a fold: the leaderboard says why
		return nil, nil, fmt.Errorf("cross-validation: %s", issueTexts(lb.Issues))
	}
	sc, _ := metrics.Lookup(lb.Metric)
	out.Beats = sc.Better(out.Metrics[lb.Metric].Mean, out.Baseline[lb.Metric].Mean)
	return out, lb.Issues, nil
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
	for _, is := range out.Issues {
		fmt.Fprintf(w, "%s: %s\n", is.Level, is.Text)
	}
	fmt.Fprintf(w, "\nfitted on all %d rows in %.3f s; wrote %s\n", out.Rows, out.FitSeconds, filepath.Clean(out.Model))
}
