package plots

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestPalette_ColoursComeFromStyle keeps every figure kind on the
// colour-blind-safe colours of style.go (Okabe–Ito for categories, the
// ColorBrewer blues and red–blue maps, viridis): no other file of plots or
// its sub-packages writes a colour literal or uses a named-colour package.
func TestPalette_ColoursComeFromStyle(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || path == "style.go" {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		for _, im := range f.Imports {
			if strings.Contains(im.Path.Value, "colornames") || strings.Contains(im.Path.Value, "palette") {
				t.Errorf("%s imports %s: use Style's colours", path, im.Path.Value)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok || len(lit.Elts) == 0 {
				return true
			}
			sel, ok := lit.Type.(*ast.SelectorExpr)
			if !ok || !strings.HasPrefix(sel.Sel.Name, "RGBA") && !strings.HasPrefix(sel.Sel.Name, "NRGBA") && !strings.HasPrefix(sel.Sel.Name, "Gray") {
				return true
			}
			for _, e := range lit.Elts {
				if _, constant := e.(*ast.BasicLit); !constant {
					return true // computed channels (a colour map's output)
				}
			}
			t.Errorf("%s: a colour literal outside style.go", fset.Position(lit.Pos()))
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
