package pack

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"modelbench/workflow/deploy/serve"
)

// TestWriteServiceFiles_SameFilesAsThePackage: the service files of a
// fixture are byte for byte the package's model.json, schema.json,
// baseline.json and metrics.json, the folder loads as a deployment naming the package's model
// version, and the listed hashes are the files'.
func TestWriteServiceFiles_SameFilesAsThePackage(t *testing.T) {
	for name := range fixtures {
		t.Run(name, func(t *testing.T) {
			pkg, pm := written(t, name)
			out := filepath.Join(t.TempDir(), "deployment")
			m, err := WriteServiceFiles(context.Background(), input(name), out, nil)
			if err != nil {
				t.Fatal(err)
			}
			if m.ModelVersion != pm.ModelVersion || m.Metrics.Written != pm.Metrics.Written {
				t.Fatalf("version %s, metrics %v; the package's %s, %v", m.ModelVersion, m.Metrics.Written, pm.ModelVersion, pm.Metrics.Written)
			}
			want := []string{serve.ModelFile, serve.SchemaFile, serve.BaselineFile}
			if pm.Metrics.Written {
				want = append(want, serve.MetricsFile)
			}
			if len(m.Files) != len(want) {
				t.Fatalf("files %+v, want %v", m.Files, want)
			}
			checkHashes(t, out, m)
			for _, f := range want {
				got, err := os.ReadFile(filepath.Join(out, f))
				if err != nil {
					t.Fatal(err)
				}
				ref, err := os.ReadFile(filepath.Join(pkg, f))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, ref) {
					t.Errorf("%s differs from the package's", f)
				}
			}
			d, err := serve.LoadDir(out)
			if err != nil {
				t.Fatalf("not a deployment: %v", err)
			}
			if d.ModelVersion != pm.ModelVersion {
				t.Fatalf("the deployment serves %s, the package %s", d.ModelVersion, pm.ModelVersion)
			}
		})
	}
}
