package cli

import (
	"context"
	"errors"
	"fmt"

	"modelbench/workflow"
	"modelbench/workflow/source"
)

func init() {
	register(command{
		name:    "export",
		summary: "write a table (as loaded, or after a project's preparation) to CSV, Parquet or Excel",
		usage:   "export FILE|--sample ID --out OUT.csv|OUT.parquet|OUT.xlsx [--project P.mbproj] [options]",
		run:     runExport,
	})
}

func runExport(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "export")
	var df dataFlags
	df.register(fs)
	out := fs.String("out", "", "the file to write; its extension chooses the format")
	project := fs.String("project", "", "apply this project's preparation pipeline (fitted on its training rows) before writing")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return usageErr("--out FILE is required")
	}
	t, _, err := df.load(ctx, pos, nil)
	if err != nil {
		return err
	}
	frame := t.Frame
	if *project != "" {
		p, err := workflow.Open(ctx, *project, nil)
		if err != nil {
			return err
		}
		if p.Table() == nil {
			return errors.New(*project + ": " + p.Error(workflow.StageData))
		}
		res, err := p.RunPrepare(ctx, nil)
		if err != nil {
			return fmt.Errorf("%s: preparing: %w", *project, err)
		}
		if frame, err = res.Fitted.Apply(ctx, frame); err != nil {
			return err
		}
	}
	if err := source.Export(ctx, frame, *out, nil); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "wrote %d rows × %d columns to %s\n", frame.NumRows(), frame.NumCols(), *out)
	return nil
}
