package workflow

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// The import rules of ../shared/STYLE.md: arrows point to what may be
// imported. A package matching a prefix in the left column must not reach
// (directly or indirectly) any package with a prefix in the right column.
var forbidden = []struct {
	pkg  string
	deps []string
}{
	{"modelbench/workflow", []string{"fyne.io/", "gonum.org/v1/plot", "modelbench/ui", "modelbench/plots"}},
	{"modelbench/plots", []string{"fyne.io/", "modelbench/ui"}},
	{"modelbench/plots/modelview", []string{"modelbench/workflow/model/tree"}}, // it draws trees through model.TreeEnsembler
	{"modelbench/ui", []string{"fyne.io/fyne/v2/app"}},
	{"modelbench/workflow/data", []string{"modelbench/workflow/eda", "modelbench/workflow/prep", "modelbench/workflow/model", "modelbench/workflow/eval", "modelbench/workflow/deploy"}},
	{"modelbench/workflow/eda", []string{"modelbench/workflow/prep", "modelbench/workflow/model", "modelbench/workflow/eval", "modelbench/workflow/deploy"}},
	{"modelbench/workflow/prep", []string{"modelbench/workflow/model", "modelbench/workflow/eval", "modelbench/workflow/deploy"}},
	{"modelbench/workflow/model", []string{"modelbench/workflow/eval", "modelbench/workflow/deploy"}},
	{"modelbench/workflow/artifact", []string{"modelbench/workflow/eval", "modelbench/workflow/deploy"}},
	{"modelbench/workflow/eval", []string{"modelbench/workflow/deploy"}},
	{"modelbench/cmd", []string{"fyne.io/", "modelbench/ui"}},
}

type listed struct {
	ImportPath string
	Deps       []string
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
			if p.ImportPath != rule.pkg && !strings.HasPrefix(p.ImportPath, rule.pkg+"/") {
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
	}
	if seen < 3 {
		t.Fatalf("go list returned only %d packages", seen)
	}
}
