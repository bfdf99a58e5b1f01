package workflow

import (
	"context"
	"os"
	"path/filepath"

	"modelbench/workflow/artifact"
	"modelbench/workflow/deploy/onnx"
	"modelbench/workflow/deploy/pack"
	"modelbench/workflow/deploy/pmml"
	"modelbench/workflow/deploy/reproduce"
)

// PackageExtras are the portable forms a deployment package carries beside
// the service: model.onnx, model.pmml and reproduce.py, each written when
// its exporter can express the chosen model exactly (the manifest and the
// package's README say which, and why not). Their predictions are checked
// against Modelbench's by the test suite (ONNX Runtime, an independent
// PMML evaluator, scikit-learn), not at export: Checked is false, so the
// checklist does not claim a check that did not run on this model.
func (p *Project) PackageExtras() []pack.Extra {
	write := func(name string, b []byte, dir string) (string, bool, error) {
		path := filepath.Join(dir, name)
		return name, false, os.WriteFile(path, b, 0o644)
	}
	return []pack.Extra{
		{Name: "onnx", Supports: onnx.Supports, Write: func(_ context.Context, a *artifact.Artifact, dir string) (string, bool, error) {
			b, _, err := onnx.Export(a)
			if err != nil {
				return "", false, err
			}
			return write("model.onnx", b, dir)
		}},
		{Name: "pmml", Supports: pmml.Supports, Write: func(_ context.Context, a *artifact.Artifact, dir string) (string, bool, error) {
			b, _, err := pmml.Export(a)
			if err != nil {
				return "", false, err
			}
			return write("model.pmml", b, dir)
		}},
		{Name: "reproduce", Supports: reproduce.Supports, Write: func(_ context.Context, a *artifact.Artifact, dir string) (string, bool, error) {
			in, err := p.ReproduceInputs()
			if err != nil {
				return "", false, err
			}
			b, err := reproduce.Script(a, in)
			if err != nil {
				return "", false, err
			}
			return write(reproduce.FileName, b, dir)
		}},
	}
}
