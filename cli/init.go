package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"modelbench/workflow"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
)

func init() {
	register(command{
		name:    "init",
		summary: "write a project (.mbproj) for a data file: target, default preparation, split and the candidates to compare",
		usage:   "init FILE|--sample ID --target COL --out P.mbproj [--model NAME ...] [--split random|stratified|time|group] [--split-column COL] [--valid SHARE] [--test SHARE] [--seed N] [--cv K] [--metric NAME] [--keep COL ...] [options]",
		run:     runInit,
	})
}

// initFlags are the options of "init" besides the data options.
type initFlags struct {
	out         string
	models      multiFlag
	split       string
	splitColumn string
	valid, test float64
	seed        uint64
	folds       int
	metric      string
}

func (f *initFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.out, "out", "", "the project file to write (.mbproj is added when missing)")
	fs.Var(&f.models, "model", "a learner to compare (repeatable; default: the Train step's defaults): "+strings.Join(learnerNames(), ", "))
	fs.StringVar(&f.split, "split", "", "how to split the rows: random, stratified, time or group (default: stratified for classes, random for numbers)")
	fs.StringVar(&f.splitColumn, "split-column", "", "the time or group column for --split time|group")
	fs.Float64Var(&f.valid, "valid", 0.2, "the validation share")
	fs.Float64Var(&f.test, "test", 0.2, "the test share (locked until Evaluate)")
	fs.Uint64Var(&f.seed, "seed", workflow.DefaultSeed, "seed of the split, the folds and the learners")
	fs.IntVar(&f.folds, "cv", 5, "folds of the cross-validation that compares the candidates")
	fs.StringVar(&f.metric, "metric", "", "the metric that ranks the candidates (default: the task's)")
}

func runInit(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "init")
	var df dataFlags
	df.register(fs)
	df.registerKeep(fs)
	var f initFlags
	f.register(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if f.out == "" {
		return usageErr("--out P.mbproj is required")
	}
	if f.folds < 2 {
		return usageErr("--cv must be at least 2, not %d", f.folds)
	}
	p, err := openProject(ctx, &df, pos, "")
	if err != nil {
		return err
	}
	_, task, err := projectTarget(p)
	if err != nil {
		return err
	}
	split, err := f.splitSpec(task)
	if err != nil {
		return err
	}
	if err := p.SetSplit(split, "set with modelbench init"); err != nil {
		return usageErr("%v", err)
	}
	if _, err := p.TrainingRows(); err != nil { // the split must work on this data
		return err
	}
	s, err := f.settings(task)
	if err != nil {
		return err
	}
	if err := p.SetTrainSettings(s); err != nil {
		return usageErr("%v", err)
	}
	path, err := p.Save(f.out)
	if err != nil {
		return err
	}
	printInit(env, p, path, s, split)
	return nil
}

// splitSpec builds the split from the flags.
func (f *initFlags) splitSpec(task model.Task) (prep.SplitSpec, error) {
	s := splitFor(task, f.test, f.seed)
	s.Train, s.Valid = 1-f.valid-f.test, f.valid
	if f.split != "" {
		switch f.split {
		case prep.SplitRandom, prep.SplitStratified, prep.SplitTime, prep.SplitGroup:
			s.Method = f.split
		default:
			return s, usageErr("--split must be random, stratified, time or group, not %q", f.split)
		}
	}
	if (s.Method == prep.SplitTime || s.Method == prep.SplitGroup) != (f.splitColumn != "") {
		return s, usageErr("--split-column COL goes with --split time or group, and only with them")
	}
	s.Column = f.splitColumn
	return s, nil
}

// settings builds the training settings from the flags.
func (f *initFlags) settings(task model.Task) (workflow.TrainSettings, error) {
	s := workflow.DefaultTrainSettings(task)
	if len(f.models) > 0 {
		s.Candidates = nil
		for _, m := range f.models {
			if _, ok := model.Lookup(m); !ok {
				return s, usageErr("unknown model %q (available: %s)", m, strings.Join(learnerNames(), ", "))
			}
			s.Candidates = append(s.Candidates, workflow.CandidateSpec{Name: m, Learner: m})
		}
	}
	if f.metric != "" {
		if _, err := metrics.Lookup(f.metric); err != nil {
			return s, usageErr("--metric: %v", err)
		}
	}
	s.Folds, s.Seed, s.Metric = f.folds, f.seed, f.metric
	return s, nil
}

func printInit(env *Env, p *workflow.Project, path string, s workflow.TrainSettings, split prep.SplitSpec) {
	t := p.Table()
	target, _ := t.Schema.Target()
	names := make([]string, len(s.Candidates))
	for i, c := range s.Candidates {
		names[i] = c.Name
	}
	pl, _ := p.Pipeline()
	fmt.Fprintf(env.Stdout, "wrote %s\n  data: %s (%d rows, %d columns), target %q\n  split: %s %.0f/%.0f/%.0f, seed %d\n  preparation: %d default steps\n  candidates: %s (%d-fold cross-validation)\nnext: modelbench run %s\n",
		filepath.Clean(path), dataName(p), t.Frame.NumRows(), t.Frame.NumCols(), target, split.Method,
		100*split.Train, 100*split.Valid, 100*split.Test, split.Seed, len(pl.Steps), strings.Join(names, ", "), s.Folds, filepath.Clean(path))
}
