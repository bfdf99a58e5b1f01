package pack

import (
	"context"
	"errors"
	"fmt"
	"os"

	"modelbench/workflow/deploy/serve"
	"modelbench/workflow/progress"
)

// WriteServiceFiles writes only the files the scoring service reads from
// a deployment folder — model.json, schema.json, baseline.json and, when
// there are scores, metrics.json — into out (created when needed), exactly
// as Write writes them into a package: the same contract, the same drift
// baseline (of in.Profiled), the same metrics. No server is copied or
// run. The returned manifest holds the model version the service names
// it by, what metrics.json holds and what was left out; its Files are
// the files written, with their sizes and hashes. Errors are Write's for the same input.
func WriteServiceFiles(ctx context.Context, in *Input, out string, report progress.Func) (*Manifest, error) {
	if in == nil || in.Artifact == nil {
		return nil, fmt.Errorf("%w: choose a model in the Train step before exporting it", ErrNoModel)
	}
	if in.Train == nil || in.Train.NumRows() == 0 {
		return nil, errors.New("the deployment needs the rows the model learnt from (for its contract and drift baseline)")
	}
	if out == "" {
		return nil, errors.New("no output folder given")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	w := &writer{in: in, root: out, report: report, m: &Manifest{LeftOut: append([]string(nil), in.LeftOut...)}}
	steps := []struct {
		at   float64
		what string
		do   func(context.Context) error
	}{
		{0, "writing the model", w.writeModel},
		{0.2, "writing the input contract", w.writeContract},
		{0.4, "profiling the training rows for drift", w.writeBaseline},
		{0.9, "writing the metrics", w.writeMetrics},
	}
	for _, s := range steps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		report.Send(s.at, s.what)
		if err := s.do(ctx); err != nil {
			return nil, err
		}
	}
	for _, f := range []string{serve.ModelFile, serve.SchemaFile, serve.BaselineFile, serve.MetricsFile} {
		if f == serve.MetricsFile && !w.m.Metrics.Written {
			continue
		}
		fl, err := hashFile(out, f)
		if err != nil {
			return nil, err
		}
		w.m.Files = append(w.m.Files, fl)
	}
	report.Send(1, "deployment written")
	return w.m, nil
}
