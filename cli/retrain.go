package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"

	"modelbench/workflow"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/pack"
	"modelbench/workflow/deploy/serve"
	"modelbench/workflow/deploy/watch"
)

// retrainRows reads the new labelled rows: a file or database (args), or
// a prediction log's feedback.
func retrainRows(ctx context.Context, p *workflow.Project, df *dataFlags, args []string, feedback, baseline string, w watch.Window) (*data.Frame, string, error) {
	if feedback != "" {
		src, err := watch.ParseSource(feedback, baseline)
		if err != nil {
			return nil, "", usageErr("--feedback: %v", err)
		}
		if src.Kind != watch.Log {
			return nil, "", usageErr("--feedback takes a prediction log (a file or postgres:// URL), not a service")
		}
		fr, err := p.FeedbackRows(ctx, src, watch.Options{Window: w}, nil)
		if err != nil {
			return nil, "", err
		}
		return fr.Frame, fr.Source, nil
	}
	ref, err := df.ref(args)
	if err != nil {
		return nil, "", err
	}
	ref.Path = absPath(ref.Path)
	nt, _, err := workflow.LoadRef(ctx, ref, "", nil)
	if err != nil {
		return nil, "", err
	}
	return nt.Frame, sourceName(ref), nil
}

func init() {
	register(command{
		name: "retrain",
		summary: "refit a project's chosen model on new labelled rows, compare old and new on held-out new rows, " +
			"and keep the new version when it is better",
		usage: "retrain P.mbproj NEW_DATA --out DIR [--replace] [--hold-out SHARE] [--accept auto|yes|no] [--why TEXT] [--package [--platform LIST]] [--json] [options for reading NEW_DATA]\n" +
			"  or: retrain P.mbproj --feedback LOG --baseline DIR --out DIR [--window 1h|24h|7d|all] [...]: the logged inputs joined to their feedback\n" +
			"  an accepted version is written to DIR as a deployment the service reads (model.json, schema.json, baseline.json, metrics.json); with --package, the whole deployment package",
		run: runRetrain,
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
	// ModelVersion is the accepted model's version as the service names
	// it (in /v2/models/{name} and the prediction log).
	ModelVersion string `json:"model_version,omitempty"`
	// Package is the deployment package's folder (with --package).
	Package string `json:"package,omitempty"`
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
	feedback := fs.String("feedback", "", "retrain on a prediction log's feedback (a log file or postgres:// URL) instead of NEW_DATA")
	baseline := fs.String("baseline", "", "with --feedback: the deployment directory the log's model was served from")
	asPackage := fs.Bool("package", false, "write the accepted version's whole deployment package into --out (servers, contract, baseline, portable formats), as modelbench package does; default: the four files modelbench serve reads")
	targets := fs.String("platform", "host", "with --package: platforms to carry the server for (as modelbench package --target takes them)")
	window := fs.String("window", "all", "with --feedback: how far back to take the labelled predictions (1h, 24h, 7d, all)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	switch {
	case *feedback != "" && len(pos) != 1:
		return usageErr("with --feedback, expected only P.mbproj, got %d arguments", len(pos))
	case *feedback != "" && *baseline == "":
		return usageErr("--feedback needs --baseline DIR, the deployment directory the log's model was served from")
	case *feedback == "" && len(pos) != 2:
		return usageErr("expected P.mbproj and NEW_DATA, got %d arguments", len(pos))
	}
	w, err := watch.ParseWindow(*window)
	if err != nil {
		return usageErr("--window: %v", err)
	}
	if *out == "" {
		return usageErr("--out DIR is required")
	}
	ts, err := pack.ParseTargets(*targets)
	if err != nil {
		return usageErr("--platform: %v", err)
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
	newRows, source, err := retrainRows(ctx, p, &df, pos[1:], *feedback, *baseline, w)
	if err != nil {
		return err
	}
	res, err := p.Retrain(ctx, workflow.RetrainOptions{New: newRows, Source: source, Replace: *replace, HoldOut: *holdOut}, nil)
	if err != nil {
		return err
	}
	o := retrainOutput{New: source, Replace: *replace, LearnRows: res.LearnRows, CompareRows: res.CompareRows, Metric: res.Metric,
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
		if *asPackage {
			m, err := p.ExportPackageVersion(ctx, *out, res, pack.Options{Targets: ts, Binary: locateServers()}, nil)
			if err != nil {
				return err
			}
			if !m.Resources.Checked {
				return errors.New("the package's server does not predict as the model does: " + m.Resources.FirstMismatch)
			}
			o.Model, o.ModelVersion, o.Package = filepath.Join(m.Path, serve.ModelFile), m.ModelVersion, m.Path
		} else {
			ve, err := p.ExportVersion(ctx, *out, res, nil)
			if err != nil {
				return err
			}
			o.Model, o.ModelVersion = filepath.Join(ve.Dir, serve.ModelFile), ve.ModelVersion
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
		fmt.Fprintf(w, "kept as model version %d (served as version %s): %s\n", o.Version, o.ModelVersion, filepath.Dir(filepath.Clean(o.Model)))
	} else {
		fmt.Fprintf(w, "not kept: the current model (version %d) stays; use --accept yes to keep the retrained one anyway\n", o.Version)
	}
	fmt.Fprintf(w, "saved %s\n", filepath.Clean(o.Project))
}
