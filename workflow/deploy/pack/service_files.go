package pack

import (
	"context"
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
	if err := checkInput(in, out, "exporting it", "the deployment"); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	w := &writer{in: in, root: out, report: report, m: &Manifest{LeftOut: append([]string(nil), in.LeftOut...)}}
	err := w.run(ctx, []step{
		{0, "writing the model", w.writeModel},
		{0.2, "writing the input contract", w.writeContract},
		{0.4, "profiling the training rows for drift", w.writeBaseline},
		{0.9, "writing the metrics", w.writeMetrics},
	})
	if err != nil {
		return nil, err
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
