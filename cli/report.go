package cli

import (
	"context"
	"fmt"
	"path/filepath"

	"modelbench/plots"
	"modelbench/plots/report"
	"modelbench/workflow/eda"
)

func init() {
	register(command{
		name:    "report",
		summary: "write a report (eda: the exploration) as HTML and Markdown with figures",
		usage:   "report eda FILE|--sample ID --out DIR [options]",
		run:     runReport,
	})
}

func runReport(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		printCommandHelp(env.Stdout, commands["report"], nil)
		if len(args) == 0 {
			return usageErr("say which report: eda")
		}
		return nil
	}
	kind := args[0]
	fs := newFlags(env, "report")
	var df dataFlags
	df.register(fs)
	out := fs.String("out", "", "the folder to write the report into (created if missing)")
	pos, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	if *out == "" {
		return usageErr("--out DIR is required")
	}
	switch kind {
	case "eda":
		return reportEDA(ctx, env, &df, pos, *out)
	}
	return usageErr("unknown report %q (available: eda)", kind)
}

func reportEDA(ctx context.Context, env *Env, df *dataFlags, pos []string, out string) error {
	t, _, err := df.load(ctx, pos, nil)
	if err != nil {
		return err
	}
	rep, err := eda.Describe(ctx, t, eda.Options{}, nil)
	if err != nil {
		return err
	}
	path, err := report.EDA(t, rep, plots.Light()).WriteFiles(out, "exploration")
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "wrote %s and %s\n", path, filepath.Join(out, "exploration.md"))
	return nil
}
