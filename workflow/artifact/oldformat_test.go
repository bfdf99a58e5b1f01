package artifact

import (
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"modelbench/workflow/data"
	_ "modelbench/workflow/model/learners"
)

// oldDir holds model files written before yes/no columns kept their
// spelling (testdata/oldformat/README.md says how they were made).
const oldDir = "testdata/oldformat"

// respell rewrites churn.csv's yes/no columns in other spellings: the
// target as Y/N, senior as yes/no, paperless as TRUE/FALSE.
func respell(t *testing.T) string {
	t.Helper()
	recs := readRecords(t, filepath.Join(oldDir, "churn.csv"))
	spell := map[string][2]string{"churn": {"Y", "N"}, "senior": {"yes", "no"}, "paperless": {"TRUE", "FALSE"}}
	for j, name := range recs[0] {
		sp, ok := spell[name]
		if !ok {
			continue
		}
		for _, r := range recs[1:] {
			if v, ok := data.ParseBool(r[j]); ok {
				r[j] = sp[map[bool]int{true: 0, false: 1}[v]]
			}
		}
	}
	path := filepath.Join(t.TempDir(), "churn_respelled.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func readRecords(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestLoad_OldFormatModelsScoreNewLoads loads the old model files and
// scores churn.csv, as read now (target "Yes"/"No", not "true"/"false"),
// and a copy spelled otherwise: the predictions and probabilities are the
// ones the old code wrote, and evaluation maps the target to the old
// classes by truth value.
func TestLoad_OldFormatModelsScoreNewLoads(t *testing.T) {
	ctx := context.Background()
	files := map[string]string{"as written": filepath.Join(oldDir, "churn.csv"), "respelled": respell(t)}
	for _, model := range []string{"cli", "steps"} {
		a, err := Load(filepath.Join(oldDir, model))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a.Classes, []string{"false", "true"}) {
			t.Fatalf("%s: classes %q; the fixture is not an old-format file", model, a.Classes)
		}
		old := readRecords(t, filepath.Join(oldDir, model, "scored.csv"))
		pred, p0, p1 := slices.Index(old[0], "prediction"), slices.Index(old[0], "probability_false"), slices.Index(old[0], "probability_true")
		truth := slices.Index(old[0], "churn")
		for what, path := range files {
			tb, err := data.LoadCSV(ctx, path, data.CSVOptions{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			p, err := a.Predict(ctx, tb.Frame)
			if err != nil {
				t.Fatalf("%s, %s: %v", model, what, err)
			}
			if len(p.Index) != len(old)-1 || p.Proba == nil {
				t.Fatalf("%s, %s: %d predictions for %d rows", model, what, len(p.Index), len(old)-1)
			}
			hits := 0
			for i, r := range old[1:] {
				if got := a.Classes[int(p.Index[i])]; got != r[pred] {
					t.Errorf("%s, %s, row %d: predicted %q, the old code %q", model, what, i+1, got, r[pred])
				}
				for k, col := range []int{p0, p1} {
					want, _ := strconv.ParseFloat(r[col], 64)
					if math.Abs(p.Proba[i][k]-want) > 1e-12 {
						t.Errorf("%s, %s, row %d: P(%s) = %v, the old code %v", model, what, i+1, a.Classes[k], p.Proba[i][k], want)
					}
				}
				if r[truth] == r[pred] {
					hits++
				}
			}
			s, err := a.Score(ctx, tb.Frame)
			if err != nil {
				t.Fatalf("%s, %s: scoring against the target: %v", model, what, err)
			}
			scored := 0
			for i, v := range s.Truth {
				want := slices.Index(a.Classes, old[s.Rows[i]+1][truth])
				if int(v) != want {
					t.Errorf("%s, %s, row %d: truth %v, want class %d (%s)", model, what, s.Rows[i]+1, v, want, strings.Join(a.Classes, "/"))
				}
				if s.Index[i] == v {
					scored++
				}
			}
			if len(s.Truth) != len(old)-1 || scored != hits {
				t.Errorf("%s, %s: %d rows scored with %d right, the old output has %d right of %d", model, what, len(s.Truth), scored, hits, len(old)-1)
			}
		}
	}
}
