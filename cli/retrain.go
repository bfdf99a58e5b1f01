package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sort"

	"modelbench/workflow"
)

func init() {
	register(command{
		name: "retrain",
		summary: "refit a project's chosen model on new labelled rows, compare old and new on held-out new rows, " +
			"and keep the new version when it is better",
		usage: "retrain P.mbproj NEW_DATA --out DIR [--replace] [--hold-out SHARE] [--accept auto|yes|no] [--why TEXT] [--json] [options for reading NEW_DATA]",
		run:   runRetrain,
	})
}

// retrainOutput is what "retrain --json" prints.
type retrainOutput struct {
	Project     string             `json:"project"`
	New         string             `json:"new_data"`
	Replace     bool               `json:"replace"`
	LearnRows   int                `json:"learn_rows"`
	CompareRows int                `json:"compare_rows"`
	Metric      string             `json:"metric"`
	Current     map[string]float64 `json:"current"`
	Retrained   map[string]float64 `json:"retrained"`
	Better      bool               `json:"better"`
	P           float64            `json:"p_value"`
	Sentence    string             `json:"comparison"`
	Accepted    bool               `json:"accepted"`
	Version     int                `json:"version"`
	Model       string             `json:"model,omitempty"`
}

func runRetrain(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "retrain")
	var df dataFlags
	df.register(fs)
	out := fs.String("out", "", "the folder to write the new model version into (model.json)")
	replace := fs.Bool("replace", false, "learn from the new rows only (default: add them to the rows the model learnt from)")
	holdOut := fs.Float64("hold-out", workflow.DefaultRetrainHoldOut, "share of the new rows kept aside to compare the models")
	accept := fs.String("accept", "auto", "keep the retrained model as a new version: auto (when it is better and the difference is likely real), yes or no")
	why := fs.String("why", "", "the reason recorded in the journal (default: the comparison)")
	asJSON := fs.Bool("json", false, "print the outcome as JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageErr("expected P.mbproj and NEW_DATA, got %d arguments", len(pos))
	}
	if *out == "" {
		return usageErr("--out DIR is required")
	}
	if *accept != "auto" && *accept != "yes" && *accept != "no" {
		return usageErr("--accept must be auto, yes or no, not %q", *accept)
	}
	if *holdOut <= 0 || *holdOut >= 1 {
		return usageErr("--hold-out must be a share between 0 and 1, not %g", *holdOut)
	}
	p, err := workflow.Open(ctx, pos[0], nil)
	if err != nil {
		return err
	}
	if p.Table() == nil {
		return fmt.Errorf("%s: the project's data could not be read: %s", pos[0], p.Error(workflow.StageData))
	}
	if _, err := p.Resume(ctx, nil); err != nil {
		return err
	}
	ref, err := df.ref(pos[1:])
	if err != nil {
		return err
	}
	ref.Path = absPath(ref.Path)
	nt, _, err := workflow.LoadRef(ctx, ref, "", nil)
	if err != nil {
		return err
	}
	res, err := p.Retrain(ctx, workflow.RetrainOptions{New: nt.Frame, Source: sourceName(ref), Replace: *replace, HoldOut: *holdOut}, nil)
	if err != nil {
		return err
	}
	o := retrainOutput{New: sourceName(ref), Replace: *replace, LearnRows: res.LearnRows, CompareRows: res.CompareRows, Metric: res.Metric,
		Current: res.CurrentMetrics, Retrained: res.RetrainedMetrics, Better: res.Better, P: res.Comparison.P, Sentence: res.Comparison.Sentence}
	_, o.Version = p.ModelVersions()
	if *accept == "yes" || *accept == "auto" && res.Better {
		reason := *why
		if reason == "" {
			reason = res.Comparison.Sentence
		}
		if o.Version, err = p.AcceptRetrain(res, reason); err != nil {
			return err
		}
		o.Accepted = true
		if o.Model, err = res.Retrained.Save(*out); err != nil {
			return err
		}
	}
	if o.Project, err = p.Save(pos[0]); err != nil {
		return err
	}
	if *asJSON {
		return printJSON(env.Stdout, o)
	}
	printRetrain(env.Stdout, o)
	return nil
}

func printRetrain(w io.Writer, o retrainOutput) {
	how := "added to the rows the model learnt from"
	if o.Replace {
		how = "replacing the rows the model learnt from"
	}
	fmt.Fprintf(w, "retrained on %s (%s): learnt from %d rows; both models scored on %d held-out new rows\n", o.New, how, o.LearnRows, o.CompareRows)
	names := make([]string, 0, len(o.Current))
	for k := range o.Current {
		names = append(names, k)
	}
	sort.Strings(names)
	fmt.Fprintf(w, "  %-20s %10s %10s\n", "metric", "current", "retrained")
	for _, k := range names {
		fmt.Fprintf(w, "  %-20s %10.4f %10.4f\n", k, o.Current[k], o.Retrained[k])
	}
	fmt.Fprintln(w, o.Sentence)
	if o.Accepted {
		fmt.Fprintf(w, "kept as model version %d: %s\n", o.Version, filepath.Clean(o.Model))
	} else {
		fmt.Fprintf(w, "not kept: the current model (version %d) stays; use --accept yes to keep the retrained one anyway\n", o.Version)
	}
	fmt.Fprintf(w, "saved %s\n", filepath.Clean(o.Project))
}
