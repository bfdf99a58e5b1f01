package workflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy"
	"modelbench/workflow/deploy/contract"
	"modelbench/workflow/deploy/monitor"
	"modelbench/workflow/deploy/serve"
	"modelbench/workflow/model"
	"modelbench/workflow/progress"
)

// ExportDeployment is the kind ExportVersion records its exports with.
const ExportDeployment = "deployment"

// VersionExport is what ExportVersion wrote.
type VersionExport struct {
	Dir string
	// Version is the project's model version exported; ModelVersion the
	// version the scoring service names it by (serve.VersionOf of its
	// model.json), in /v2/models/{name}, the log and the metrics.
	Version      int
	ModelVersion string
	Files        []string
}

// ExportVersion writes the deployment of the project's current model —
// the four files modelbench serve reads; ExportPackageVersion writes the
// whole package — to the folder out (created when needed) — its baseline profiles the
// input columns whose role is feature, not the identifiers and ignored
// columns the preparation drops: after an accepted retrain, res
// is its result (whose Retrained model must be the one carried forward)
// and the model's baseline and contract are profiled on the rows it
// learnt from, its metrics.json holding its scores on the held-out new
// rows; with res nil, the first version is exported, profiled on the
// training and validation rows, with the leaderboard's validation score
// and the test evaluation. The export is recorded (RecordExport) and
// journaled. It fails without a chosen model, for a retrained version
// whose rows are no longer known (res nil after a retrain), and when a
// file cannot be written.
func (p *Project) ExportVersion(ctx context.Context, out string, res *RetrainResult, report progress.Func) (*VersionExport, error) {
	tr, t := p.Training(), p.Table()
	if tr == nil || tr.Chosen == nil || t == nil {
		return nil, errors.New("choose a model in the Train step before exporting it")
	}
	_, version := p.ModelVersions()
	a := tr.Chosen
	var learnt *data.Frame
	var m *serve.Metrics
	switch {
	case res != nil:
		if res.Retrained != a {
			return nil, errors.New("this retrain is not the model carried forward: accept it first")
		}
		learnt, m = res.Learnt, &serve.Metrics{Test: finiteOnly(res.RetrainedMetrics), Metric: res.Metric}
	case version > 1:
		return nil, fmt.Errorf("model version %d was retrained on rows the project does not keep: export it right after accepting the retrain", version)
	default:
		learnt = t.Frame.Take(tr.DevRows)
		m = p.firstVersionMetrics()
	}
	if learnt == nil {
		return nil, errors.New("the rows the model learnt from are not known")
	}
	profiled := p.profiledInputs(a)
	ve, err := writeDeployment(ctx, out, a, learnt, profiled, m, report)
	if err != nil {
		return nil, err
	}
	ve.Version = version
	err = p.RecordExport(deploy.Export{Kind: ExportDeployment, Path: out, Details: map[string]string{
		deploy.DetailDriftBaseline: filepath.Join(out, serve.BaselineFile)}})
	return ve, err
}

// writeDeployment writes model.json, schema.json, baseline.json and
// metrics.json.
func writeDeployment(ctx context.Context, out string, a *artifact.Artifact, learnt *data.Frame, profiled []string, m *serve.Metrics, report progress.Func) (*VersionExport, error) {
	path, err := a.Save(out)
	if err != nil {
		return nil, err
	}
	report.Send(0.2, "model.json written")
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	ve := &VersionExport{Dir: out, ModelVersion: serve.VersionOf(raw), Files: []string{path}}
	c, err := contract.FromArtifact(ctx, a, learnt)
	if err != nil {
		return nil, fmt.Errorf("the input contract: %w", err)
	}
	if err := writeJSONFile(filepath.Join(out, contract.FileName), c); err != nil {
		return nil, err
	}
	report.Send(0.4, "schema.json written")
	b, err := baselineOf(ctx, a, learnt, profiled)
	if err != nil {
		return nil, fmt.Errorf("the drift baseline: %w", err)
	}
	if err := b.Save(filepath.Join(out, serve.BaselineFile)); err != nil {
		return nil, err
	}
	report.Send(0.9, "baseline.json written")
	if err := writeJSONFile(filepath.Join(out, serve.MetricsFile), m); err != nil {
		return nil, err
	}
	ve.Files = append(ve.Files, filepath.Join(out, contract.FileName), filepath.Join(out, serve.BaselineFile), filepath.Join(out, serve.MetricsFile))
	report.Send(1, "deployment written")
	return ve, nil
}

// baselineOf profiles the raw input columns named profiled of rows and
// the model's predictions on them.
func baselineOf(ctx context.Context, a *artifact.Artifact, rows *data.Frame, profiled []string) (*monitor.Baseline, error) {
	all, err := rows.Select(inputNames(a)...)
	if err != nil {
		return nil, err
	}
	inputs, err := rows.Select(profiled...)
	if err != nil {
		return nil, err
	}
	pr, err := a.Predict(ctx, all)
	if err != nil {
		return nil, err
	}
	pred := monitor.Predictions{Task: monitor.Regression, Values: pr.Index}
	if a.Task == model.Classification {
		labels, err := model.Labels(pr.Index, pr.Classes)
		if err != nil {
			return nil, err
		}
		pred = monitor.Predictions{Task: monitor.Classification, Labels: labels}
	}
	return monitor.NewBaseline(ctx, inputs, pred, nil)
}

// firstVersionMetrics are the chosen model's validation score from the
// leaderboard and its test metrics when it was evaluated on the test
// rows.
func (p *Project) firstVersionMetrics() *serve.Metrics {
	tr := p.Training()
	m := &serve.Metrics{Validation: map[string]float64{}, Test: map[string]float64{}}
	if tr.Board != nil {
		m.Metric = tr.Board.Metric
		chosen := p.Document().Train.Chosen
		for _, e := range tr.Board.Entries {
			if e.Name != chosen || e.Baseline {
				continue
			}
			if e.Result != nil {
				for name, s := range e.Result.Metrics {
					if !math.IsNaN(s.Mean) && !math.IsInf(s.Mean, 0) {
						m.Validation[name] = s.Mean
					}
				}
			} else if !math.IsNaN(e.Score) {
				m.Validation[tr.Board.Metric] = e.Score
			}
		}
	}
	if ev := p.Evaluation(); ev != nil && ev.Part == PartTest && ev.Model == p.Document().Train.Chosen && p.Status(StageEvaluate) == Done && ev.Assessment != nil && ev.Assessment.Metrics != nil {
		m.Test = finiteOnly(ev.Assessment.Metrics.Metrics)
	}
	return m
}

func finiteOnly(in map[string]float64) map[string]float64 {
	out := map[string]float64{}
	for k, v := range in {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			out[k] = v
		}
	}
	return out
}

func writeJSONFile(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// profiledInputs are the model's input columns whose role is feature: the
// identifiers and ignored columns the preparation drops would "drift" in
// every window.
func (p *Project) profiledInputs(a *artifact.Artifact) []string {
	t := p.Table()
	var profiled []string
	for _, n := range inputNames(a) {
		if f, ok := t.Schema.Field(n); !ok || f.Role == data.Feature {
			profiled = append(profiled, n)
		}
	}
	return profiled
}
