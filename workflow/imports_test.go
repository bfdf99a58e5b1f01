package workflow

import (
	"encoding/json"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The import rules of ../shared/STYLE.md: arrows point to what may be
// imported. A package matching a prefix in the left column (other than
// those under an except prefix) must not reach, directly or indirectly,
// any package with a prefix in the right column.
var forbidden = []struct {
	pkg    string
	except []string
	deps   []string
}{
	{"modelbench/workflow", nil, []string{"fyne.io/", "gonum.org/v1/plot", "modelbench/ui", "modelbench/plots"}},
	{"modelbench/plots", nil, []string{"fyne.io/", "modelbench/ui"}},
	{"modelbench/plots/modelview", nil, []string{"modelbench/workflow/model/tree"}}, // it draws trees through model.TreeEnsembler
	{"modelbench/ui", nil, []string{"fyne.io/fyne/v2/app"}},
	{"modelbench/workflow/data", nil, []string{"modelbench/workflow/eda", "modelbench/workflow/prep", "modelbench/workflow/model", "modelbench/workflow/eval", "modelbench/workflow/deploy"}},
	{"modelbench/workflow/eda", nil, []string{"modelbench/workflow/prep", "modelbench/workflow/model", "modelbench/workflow/eval", "modelbench/workflow/deploy"}},
	{"modelbench/workflow/prep", nil, []string{"modelbench/workflow/model", "modelbench/workflow/eval", "modelbench/workflow/deploy"}},
	{"modelbench/workflow/model", nil, []string{"modelbench/workflow/eval", "modelbench/workflow/deploy"}},
	{"modelbench/workflow/artifact", nil, []string{"modelbench/workflow/eval", "modelbench/workflow/deploy"}},
	{"modelbench/workflow/eval", nil, []string{"modelbench/workflow/deploy"}},
	{"modelbench/cmd", nil, []string{"fyne.io/", "modelbench/ui"}},
	// The command line drives the same Project the window drives, never Fyne.
	{"modelbench/cli", nil, []string{"fyne.io/", "modelbench/ui"}},
	// Deployment code (contract, serve, monitor, exporters) never reaches
	// the exploration or the data sources: a scoring server links it.
	{"modelbench/workflow/deploy/contract", nil, scoringForbidden},
	{"modelbench/workflow/deploy/monitor", nil, serverForbidden},
	{"modelbench/workflow/deploy/onnx", nil, serverForbidden},
	{"modelbench/workflow/deploy/pmml", nil, serverForbidden},
	// reproduce.py is written from an artifact alone: no exploration, no
	// data sources, no gota, no figures.
	{"modelbench/workflow/deploy/reproduce", nil, serverForbidden},
	{"modelbench/workflow/deploy/watch", nil, serverForbidden},
	// The scoring path: what a scoring server links. gota is reached only
	// through data's interop sub-package.
	{"modelbench/workflow/artifact", nil, scoringForbidden},
	{"modelbench/workflow/prep", nil, scoringForbidden},
	{"modelbench/workflow/model", nil, scoringForbidden},
	{"modelbench/workflow/data", []string{"modelbench/workflow/data/gotaframe"}, scoringForbidden},
	// The scoring server (rules ready before it exists; they match nothing
	// until then).
	{"modelbench/cmd/modelbench-serve", nil, serverForbidden},
	{"modelbench/workflow/deploy/serve", nil, serverForbidden},
	// The deployment package's writer: a server and its files, no GUI,
	// plots, exploration or data sources.
	{"modelbench/workflow/deploy/pack", nil, serverForbidden},
}

var (
	scoringForbidden = []string{"modelbench/workflow/eda", "modelbench/workflow/source", "github.com/go-gota/", "fyne.io/", "gonum.org/v1/plot"}
	serverForbidden  = []string{"fyne.io/", "gonum.org/v1/plot", "modelbench/ui", "modelbench/plots", "modelbench/workflow/eda", "modelbench/workflow/source", "github.com/go-gota/"}
)

// cgoFree are the packages (prefixes) of the scoring path, which must
// build with CGO_ENABLED=0: go list, run without cgo, must find all their
// files and dependencies.
var cgoFree = []string{"modelbench/workflow/artifact", "modelbench/workflow/prep", "modelbench/workflow/model", "modelbench/workflow/data", "modelbench/workflow/stat", "modelbench/cmd/modelbench-serve", "modelbench/workflow/deploy/serve", "modelbench/workflow/deploy/onnx", "modelbench/workflow/deploy/pmml", "modelbench/workflow/deploy/reproduce"}

// under reports whether pkg is prefix or a package below it.
func under(pkg, prefix string) bool {
	return pkg == prefix || strings.HasPrefix(pkg, prefix+"/")
}

type listed struct {
	ImportPath string
	Deps       []string
	Incomplete bool // the package or a dependency could not be loaded
	Error      *struct{ Err string }
	DepsErrors []*struct{ Err string }
}

// TestImportRules fails when a package reaches one it must not, so that a
// wrong import breaks CI rather than the architecture.
func TestImportRules(t *testing.T) {
	cmd := exec.Command("go", "list", "-e", "-json", "modelbench/...")
	cmd.Env = append(cmd.Environ(), "CGO_ENABLED=0")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	seen := 0
	for {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		seen++
		for _, rule := range forbidden {
			if !under(p.ImportPath, rule.pkg) || slices.ContainsFunc(rule.except, func(e string) bool { return under(p.ImportPath, e) }) {
				continue
			}
			for _, d := range p.Deps {
				for _, bad := range rule.deps {
					if d == bad || strings.HasPrefix(d, bad) && (strings.HasSuffix(bad, "/") || strings.HasPrefix(d, bad+"/")) {
						t.Errorf("%s reaches %s, which STYLE.md forbids (rule for %s)", p.ImportPath, d, rule.pkg)
					}
				}
			}
		}
		if slices.ContainsFunc(cgoFree, func(c string) bool { return under(p.ImportPath, c) }) && p.Incomplete {
			t.Errorf("%s does not build with CGO_ENABLED=0: %s", p.ImportPath, loadErrors(p))
		}
	}
	if seen < 3 {
		t.Fatalf("go list returned only %d packages", seen)
	}
}

// loadErrors joins what go list could not load for p.
func loadErrors(p listed) string {
	var msgs []string
	if p.Error != nil {
		msgs = append(msgs, p.Error.Err)
	}
	for _, e := range p.DepsErrors {
		msgs = append(msgs, e.Err)
	}
	return strings.Join(msgs, "; ")
}
