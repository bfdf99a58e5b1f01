package workflow

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"modelbench/workflow/deploy"
	"modelbench/workflow/deploy/pack"
	"modelbench/workflow/progress"
)

// ExportPackage writes the deployment package of the chosen model to out
// (a folder, or a .zip with opt.Zip; see pack.Write): the model, its
// input contract and drift baseline from the rows it learnt from (the
// training and validation rows), its validation score from the
// leaderboard and its test metrics from the evaluation (when the chosen
// model was evaluated on the test rows; otherwise left out and said so),
// the servers for opt.Targets, the files that run it, and — unless
// opt.Extras is set — the portable forms of PackageExtras. The package's
// server is run on the test rows to check its predictions against the
// model's, and the export is recorded (Project.RecordExport) with the
// figures measured and whether the check passed. It fails without a
// chosen model (wrapping pack.ErrNoModel), and as pack.Write does.
func (p *Project) ExportPackage(ctx context.Context, out string, opt pack.Options, report progress.Func) (*pack.Manifest, error) {
	return p.exportPackage(ctx, out, nil, opt, report)
}

// ExportPackageVersion writes the deployment package of an accepted
// retrain (res, the model now carried forward) as ExportPackage does, its
// contract and drift baseline profiled on the rows the retrained model
// learnt from (res.Learnt) and its metrics.json holding its scores on the
// held-out new rows, so that the service names the new model version in
// /v2/models/{name}, its log and its metrics. The package's server is
// checked on the first learnt rows (no test rows are set aside in a
// retrain). It fails when res is not the model carried forward (accept it
// first), and as ExportPackage does.
func (p *Project) ExportPackageVersion(ctx context.Context, out string, res *RetrainResult, opt pack.Options, report progress.Func) (*pack.Manifest, error) {
	if res == nil {
		return nil, errors.New("no retrain to export: retrain and accept first")
	}
	return p.exportPackage(ctx, out, res, opt, report)
}

func (p *Project) exportPackage(ctx context.Context, out string, res *RetrainResult, opt pack.Options, report progress.Func) (*pack.Manifest, error) {
	in, err := p.packageInput(res)
	if err != nil {
		return nil, err
	}
	if opt.Extras == nil {
		opt.Extras = p.PackageExtras()
	}
	m, err := pack.Write(ctx, in, out, opt, report)
	if err != nil {
		return nil, err
	}
	r := m.Resources
	details := map[string]string{
		deploy.DetailAPI:           fmt.Sprintf("REST /v1/predict, the Open Inference Protocol (/v2/models/%s/infer) and MLflow's /invocations", m.Name),
		deploy.DetailModelBytes:    strconv.FormatInt(r.ModelBytes, 10),
		deploy.DetailMemoryBytes:   strconv.FormatInt(max(r.MemoryBytes, r.MemoryLoadedBytes), 10),
		deploy.DetailLatency:       strconv.FormatFloat(math.Round(r.LatencyMS*1000)/1000, 'f', -1, 64),
		deploy.DetailDriftBaseline: filepath.Join(m.Path, "baseline.json"),
		deploy.DetailCheckedRows:   strconv.Itoa(r.CheckedRows),
	}
	var formats []string
	for _, e := range m.Extras {
		if e.File != "" {
			formats = append(formats, e.File)
		}
	}
	details[deploy.DetailFormats] = strings.Join(formats, ", ")
	if opt.Zip {
		details[deploy.DetailDriftBaseline] = m.Path + " (baseline.json)"
	}
	if err := p.RecordExport(deploy.Export{Kind: deploy.ExportPackage, Path: m.Path, Checked: r.Checked, Details: details}); err != nil {
		return m, fmt.Errorf("the package was written to %s, but recording it failed: %w", m.Path, err)
	}
	return m, nil
}

// packageInput gathers what the package is made of from the project: for
// the first version, or for the accepted retrain res.
func (p *Project) packageInput(res *RetrainResult) (*pack.Input, error) {
	tr, pr, t := p.Training(), p.Preparation(), p.Table()
	if tr == nil || tr.Chosen == nil {
		return nil, fmt.Errorf("%w: choose a model in the Train step before exporting a package", pack.ErrNoModel)
	}
	if pr == nil || t == nil {
		return nil, errors.New("the data and its preparation are not loaded")
	}
	_, version := p.ModelVersions()
	switch {
	case res != nil && res.Retrained != tr.Chosen:
		return nil, errors.New("this retrain is not the model carried forward: accept it first")
	case res == nil && version > 1:
		return nil, fmt.Errorf("model version %d was retrained on rows the project does not keep: export its package right after accepting the retrain", version)
	}
	doc := p.Document()
	in := &pack.Input{Artifact: tr.Chosen, AppVersion: AppVersion, Name: p.packageName(), Source: tr.Chosen.DataSource,
		Profiled: p.profiledInputs(tr.Chosen)}
	in.Title = in.Name
	st := p.DeployState()
	in.Purpose, in.IntendedUse = st.Field("purpose.decision"), st.Field("model_card.intended_uses")
	if res != nil {
		in.Train, in.Source, in.Metric = res.Learnt, res.Source, res.Metric
		in.Test = finiteOnly(res.RetrainedMetrics)
		in.LeftOut = append(in.LeftOut, fmt.Sprintf("version %d was retrained on %s: its metrics are on %d held-out new rows, and it has no cross-validated score", version, res.Source, res.CompareRows))
		return in, nil
	}
	in.Train = t.Frame.Take(tr.DevRows)
	if len(pr.Split.Test) > 0 {
		in.Check, in.CheckPart = t.Frame.Take(pr.Split.Test), PartTest
	}
	if tr.Board != nil {
		in.Metric = tr.Board.Metric
		for _, e := range tr.Board.Entries {
			if e.Name != doc.Train.Chosen || e.Baseline {
				continue
			}
			if e.Result != nil {
				in.Validation = map[string]float64{}
				for name, s := range e.Result.Metrics {
					if !math.IsNaN(s.Mean) && !math.IsInf(s.Mean, 0) {
						in.Validation[name] = s.Mean
					}
				}
			} else if !math.IsNaN(e.Score) {
				in.Validation = map[string]float64{tr.Board.Metric: e.Score}
			}
		}
	}
	if len(in.Validation) == 0 {
		in.LeftOut = append(in.LeftOut, "no validation score: the chosen model was not cross-validated")
	}
	ev := p.Evaluation()
	if ev != nil && ev.Part == PartTest && ev.Model == doc.Train.Chosen && p.Status(StageEvaluate) == Done && ev.Assessment != nil && ev.Assessment.Metrics != nil {
		in.Test = finiteOnly(ev.Assessment.Metrics.Metrics)
	} else {
		in.LeftOut = append(in.LeftOut, "no test metrics: the chosen model has not been evaluated on the test rows (Evaluate step)")
	}
	return in, nil
}

// finiteOnly copies the finite values of a metrics map (metrics.json
// holds numbers only).
func finiteOnly(in map[string]float64) map[string]float64 {
	out := map[string]float64{}
	for k, v := range in {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			out[k] = v
		}
	}
	return out
}

// packageName is the project file's name, else the data's, for the
// package's service and Kubernetes names.
func (p *Project) packageName() string {
	if path := p.Path(); path != "" {
		return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	if d := p.Document().Data; d != nil {
		if d.Sample != "" {
			return d.Sample
		}
		if d.Path != "" {
			return strings.TrimSuffix(filepath.Base(d.Path), filepath.Ext(d.Path))
		}
	}
	return "model"
}
