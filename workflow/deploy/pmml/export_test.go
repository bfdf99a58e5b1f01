package pmml_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"modelbench/assets"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/pmml"
	"modelbench/workflow/model"
)

// messyRows returns f as new data might come: numbers missing in some
// rows, categories never seen or missing in others; the kinds stay.
func messyRows(f *data.Frame, target string) *data.Frame {
	cols := make([]data.Column, f.NumCols())
	for j, c := range f.Columns() {
		n := c.Len()
		switch x := c.(type) {
		case *data.NumericColumn:
			if c.Name() == target {
				cols[j] = c
				continue
			}
			v := slices.Clone(x.Values())
			miss := data.NewMask(n)
			for i := range v {
				if x.IsMissing(i) || (i+j)%5 == 1 {
					miss.Set(i)
				}
			}
			cols[j] = data.NewNumeric(c.Name(), v, miss)
		case *data.CategoricalColumn:
			if c.Name() == target {
				cols[j] = c
				continue
			}
			s := make([]string, n)
			for i := range s {
				s[i] = c.Format(i)
				switch {
				case c.IsMissing(i) || (i+j)%6 == 2:
					s[i] = ""
				case (i+j)%7 == 3:
					s[i] = "Atlantis"
				}
			}
			cols[j] = data.NewCategoricalFromStrings(c.Name(), s, func(v string) bool { return v == "" })
		default:
			cols[j] = c
		}
	}
	g, err := data.NewFrame(cols...)
	if err != nil {
		panic(err)
	}
	return g
}

// TestExport_MatchesModelbench exports every exportable learner family
// with the default preparation on every shared dataset and every bundled
// sample, validates the
// documents against the schema (when xmllint is there) and scores the
// test rows, and
// the same rows with missing values and unseen categories, with the
// independent evaluator: the labels must be Modelbench's and the
// probabilities (or values) equal to 1e-9.
func TestExport_MatchesModelbench(t *testing.T) {
	files := make([]string, 0, len(datasets))
	for f := range datasets {
		files = append(files, f)
	}
	sort.Strings(files)
	total := compared{}
	families := map[string]int{}
	docs := map[string][]byte{}
	sets := map[string]loaded{}
	for _, file := range files {
		sets[file] = load(t, file, datasets[file])
	}
	for _, s := range assets.Samples() {
		files = append(files, "sample "+s.ID)
		sets["sample "+s.ID] = loadSample(t, s)
	}
	for _, file := range files {
		l := sets[file]
		for _, learner := range []string{"baseline", "linear", "logistic", "naive_bayes", "tree", "forest", "gbt"} {
			e, _ := model.Lookup(learner)
			if !slices.Contains(e.Tasks, l.task) {
				continue
			}
			t.Run(file+"/"+learner, func(t *testing.T) {
				a := l.fit(t, learner, l.defaultPipeline(t))
				if err := pmml.Supports(a); err != nil {
					t.Fatalf("Supports: %v", err)
				}
				doc, rep, err := pmml.Export(a)
				if err != nil {
					t.Fatalf("Export: %v", err)
				}
				docs[file+"-"+learner] = doc
				ev, err := newEvaluator(doc)
				if err != nil {
					t.Fatal(err)
				}
				for name, f := range map[string]*data.Frame{"test": l.test, "messy": messyRows(l.test, l.target)} {
					n, err := compareWith(a, ev, rep, f, 1e-9)
					var skip errSkip
					if errors.As(err, &skip) {
						t.Logf("%s rows: %v", name, err)
						continue
					}
					if err != nil {
						writeFailed(t, doc)
						t.Fatalf("%s rows: %v", name, err)
					}
					total.rows += n.rows
					total.probs += n.probs
					families[learner] += n.rows
				}
			})
		}
	}
	t.Logf("compared %d rows and %d probabilities: %v", total.rows, total.probs, families)
	// Every document is also checked against the schema where xmllint is
	// installed (TestExport_ValidAgainstSchema requires it in CI).
	if tool, err := exec.LookPath("xmllint"); err == nil {
		if msg := validate(t, tool, docs); msg != "" {
			t.Errorf("xmllint rejects documents:\n%s", msg)
		}
	}
	for learner := range learnerParams {
		if families[learner] == 0 {
			t.Errorf("no rows compared for %s", learner)
		}
	}
}

// writeFailed keeps a failing document for a look.
func writeFailed(t *testing.T, doc []byte) {
	p := filepath.Join(os.TempDir(), "pmml-failed-"+filepath.Base(t.Name())+".xml")
	if os.WriteFile(p, doc, 0o644) == nil {
		t.Logf("document written to %s", p)
	}
}
