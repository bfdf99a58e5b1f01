package workflow

import (
	"context"
	"path/filepath"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy"
	"modelbench/workflow/deploy/pack"
	"modelbench/workflow/deploy/serve"
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

// ExportVersion writes the files modelbench serve reads (model.json,
// schema.json, baseline.json, metrics.json; pack.WriteServiceFiles) for
// the project's current model into the folder out, from the same input
// as its package (ExportPackage, or ExportPackageVersion after a retrain):
// res nil exports the first version, profiled on the training and
// validation rows with the leaderboard's validation score and the test
// evaluation; after an accepted retrain, res is its result and the
// contract and baseline are profiled on the rows it learnt from, its
// metrics being its scores on the held-out new rows. The baseline
// profiles the feature columns only. The export is recorded
// (RecordExport). It fails as packageInput does (no chosen model, a
// retrain not accepted, a retrained version without its result) and when
// a file cannot be written.
func (p *Project) ExportVersion(ctx context.Context, out string, res *RetrainResult, report progress.Func) (*VersionExport, error) {
	in, err := p.packageInput(res)
	if err != nil {
		return nil, err
	}
	m, err := pack.WriteServiceFiles(ctx, in, out, report)
	if err != nil {
		return nil, err
	}
	_, version := p.ModelVersions()
	ve := &VersionExport{Dir: out, Version: version, ModelVersion: m.ModelVersion}
	for _, f := range m.Files {
		ve.Files = append(ve.Files, filepath.Join(out, filepath.FromSlash(f.Path)))
	}
	err = p.RecordExport(deploy.Export{Kind: ExportDeployment, Path: out, Details: map[string]string{
		deploy.DetailDriftBaseline: filepath.Join(out, serve.BaselineFile)}})
	return ve, err
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
