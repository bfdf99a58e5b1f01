package workflow

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/model"
	_ "modelbench/workflow/model/learners"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
	"modelbench/workflow/source"
)

const scoreCSV = "size,smoker,bought\n1.50,Yes,No\n007,no,Yes\n1e3,Yes,Yes\n,No,No\n2.0,yes,No\n 3 ,No,Yes\n"

// scoreModel fits a tree on scoreCSV (target "bought", Yes/No).
func scoreModel(t *testing.T) *artifact.Artifact {
	t.Helper()
	tb, err := data.ReadCSV(context.Background(), strings.NewReader(scoreCSV), 0, "train.csv", data.CSVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sch, _ := tb.Schema.WithRole("bought", data.Target)
	a, err := artifact.Fit(context.Background(), tb.Frame, artifact.Spec{Target: "bought", Task: model.Classification,
		Pipeline: prep.Default(sch, tb.Frame, false), Learner: "tree"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Classes, []string{"No", "Yes"}) {
		t.Fatalf("classes %q", a.Classes)
	}
	return a
}

func parseCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%v:\n%s", err, b)
	}
	return recs
}

// TestScore_CellsAsReadFromEverySource scores delimited text given as a
// path, a .gz and a source spec with a row limit (cells as written), and
// a JSON file (loaded values, yes/no in their spelling).
func TestScore_CellsAsReadFromEverySource(t *testing.T) {
	ctx := context.Background()
	a := scoreModel(t)
	dir := t.TempDir()
	plain := filepath.Join(dir, "new.csv")
	os.WriteFile(plain, []byte(scoreCSV), 0o644)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(scoreCSV))
	zw.Close()
	packed := filepath.Join(dir, "new.csv.gz")
	os.WriteFile(packed, gz.Bytes(), 0o644)
	in := parseCSV(t, []byte(scoreCSV))
	for name, c := range map[string]struct {
		ref  DataRef
		rows int
	}{
		"path":          {DataRef{Path: plain}, 6},
		"gzip":          {DataRef{Path: packed}, 6},
		"limited spec":  {DataRef{Source: &source.Spec{Kind: source.CSV, Path: plain, Limit: 4}}, 4},
		"relative path": {DataRef{Path: "new.csv"}, 6},
	} {
		var out bytes.Buffer
		n, err := Score(ctx, a, c.ref, dir, &out, false, nil)
		if err != nil || n != c.rows {
			t.Fatalf("%s: %d rows: %v", name, n, err)
		}
		recs := parseCSV(t, out.Bytes())
		if want := append(slices.Clone(in[0]), "prediction", "probability_No", "probability_Yes"); !slices.Equal(recs[0], want) {
			t.Errorf("%s: header %q, want %q", name, recs[0], want)
		}
		if len(recs) != c.rows+1 {
			t.Fatalf("%s: %d records", name, len(recs))
		}
		for i, r := range recs[1:] {
			if !slices.Equal(r[:3], in[i+1]) || !slices.Contains(a.Classes, r[3]) {
				t.Errorf("%s, row %d: %q, the file has %q", name, i+1, r, in[i+1])
			}
		}
	}
	js := filepath.Join(dir, "new.json")
	os.WriteFile(js, []byte(`[{"size": 1.5, "smoker": true, "bought": "Yes"}, {"size": 7, "smoker": false, "bought": "No"}]`), 0o644)
	var out bytes.Buffer
	if _, err := Score(ctx, a, DataRef{Path: js}, "", &out, false, nil); err != nil {
		t.Fatal(err)
	}
	recs := parseCSV(t, out.Bytes())
	if !slices.Equal(recs[1][:3], []string{"1.5", "true", "Yes"}) || !slices.Equal(recs[2][:3], []string{"7", "false", "No"}) {
		t.Errorf("JSON rows %q", recs[1:])
	}
	out.Reset()
	if n, err := Score(ctx, a, DataRef{Path: plain}, "", &out, true, nil); err != nil || n != 6 ||
		!slices.Equal(parseCSV(t, out.Bytes())[0], []string{"prediction", "probability_No", "probability_Yes"}) {
		t.Errorf("only predictions: %d rows, %v:\n%s", n, err, out.Bytes())
	}
}

// TestScore_FileChangedInBetween checks that a file rewritten between the
// load and the second read is an error, not a silently mixed output.
func TestScore_FileChangedInBetween(t *testing.T) {
	a := scoreModel(t)
	path := filepath.Join(t.TempDir(), "new.csv")
	os.WriteFile(path, []byte(scoreCSV), 0o644)
	rewrite := func(r progress.Report) {
		if r.Message == "writing the predictions" { // loaded, not yet read again
			os.WriteFile(path, []byte(strings.Replace(scoreCSV, "007", "008", 1)), 0o644)
		}
	}
	_, err := Score(context.Background(), a, DataRef{Path: path}, "", &bytes.Buffer{}, false, rewrite)
	if err == nil || !strings.Contains(err.Error(), "changed while it was being scored") {
		t.Errorf("error %v", err)
	}
}
