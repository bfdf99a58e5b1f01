package cli

import (
	"context"
	"fmt"
	"os"

	"modelbench/workflow"
	"modelbench/workflow/artifact"
	_ "modelbench/workflow/model/learners" // decoders for every model type
)

func init() {
	register(command{
		name:    "predict",
		summary: "score a data file with a saved model (model.json)",
		usage:   "predict MODEL_DIR FILE [--out OUT.csv] [--only-predictions] [options]",
		run:     runPredict,
	})
}

func runPredict(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "predict")
	var df dataFlags
	df.register(fs)
	out := fs.String("out", "", "write the CSV here instead of to standard output")
	only := fs.Bool("only-predictions", false, "write only the prediction columns, not the input columns")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 1 {
		return usageErr("MODEL_DIR (a folder with model.json, or the file) is required")
	}
	a, err := artifact.Load(pos[0])
	if err != nil {
		return err
	}
	ref, err := df.ref(pos[1:])
	if err != nil {
		return err
	}
	if *out == "" {
		_, err := workflow.Score(ctx, a, ref, "", env.Stdout, *only, nil)
		return err
	}
	if st, err := os.Stat(*out); err == nil && ref.Path != "" {
		if in, err := os.Stat(ref.Path); err == nil && os.SameFile(st, in) {
			return usageErr("--out %s is the input file; write the scored file elsewhere", *out)
		}
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	n, err := workflow.Score(ctx, a, ref, "", f, *only, nil)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out) // no half-written file
		return err
	}
	fmt.Fprintf(env.Stderr, "wrote %d predictions to %s\n", n, *out)
	return nil
}
