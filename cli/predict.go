package cli

import (
	"context"
	"fmt"
	"os"

	"modelbench/workflow/data"
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
	a, t, _, err := df.modelAndData(ctx, pos)
	if err != nil {
		return err
	}
	p, err := a.Predict(ctx, t.Frame)
	if err != nil {
		return err
	}
	result, err := p.WithInputs(t.Frame)
	if *only {
		result, err = p.Frame()
	}
	if err != nil {
		return err
	}
	w := env.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if err := data.WriteCSV(w, result); err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(env.Stderr, "wrote %d predictions to %s\n", result.NumRows(), *out)
	}
	return nil
}
