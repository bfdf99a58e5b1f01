package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"modelbench/workflow"
	"modelbench/workflow/artifact"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	code = Main(args, &o, &e)
	return code, o.String(), e.String()
}

func TestMain_HelpAndUsage(t *testing.T) {
	if code, out, _ := run(t, "--help"); code != 0 || !strings.Contains(out, "describe") {
		t.Fatalf("help: %d %q", code, out)
	}
	if code, out, _ := run(t, "describe", "--help"); code != 0 || !strings.Contains(out, "--json") {
		t.Fatalf("describe --help: %d %q", code, out)
	}
	if code, _, errOut := run(t, "frobnicate"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Fatalf("unknown command: %d %q", code, errOut)
	}
	if code, _, errOut := run(t, "describe"); code != 2 || !strings.Contains(errOut, "FILE") {
		t.Fatalf("missing file: %d %q", code, errOut)
	}
	if !IsCommand("describe") || IsCommand("data.csv") {
		t.Fatal("IsCommand")
	}
}

func TestDescribe_JSONHasStatisticsAndAlerts(t *testing.T) {
	code, out, errOut := run(t, "describe", "--sample", "pima_diabetes", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		File    string           `json:"file"`
		Rows    int              `json:"rows"`
		Columns []map[string]any `json:"columns"`
		Alerts  []map[string]any `json:"alerts"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Rows != 768 || len(got.Columns) != 9 || got.File != "sample:pima_diabetes" {
		t.Fatalf("rows %d columns %d file %q", got.Rows, len(got.Columns), got.File)
	}
	for _, key := range []string{"name", "type", "role", "missing", "unique", "mean", "std", "min", "max", "median", "q1", "q3", "skew", "kurtosis", "type_reason"} {
		if _, ok := got.Columns[1][key]; !ok {
			t.Errorf("column object lacks %q: %v", key, got.Columns[1])
		}
	}
	if len(got.Alerts) == 0 {
		t.Fatal("no alerts on a dataset with impossible zeros")
	}
	for _, key := range []string{"kind", "column", "severity", "message"} {
		if _, ok := got.Alerts[0][key]; !ok {
			t.Errorf("alert lacks %q", key)
		}
	}
}

func TestDescribe_BadFileNamesLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(path, []byte("a,b\n1,2\n3,4,5\n"), 0o644)
	code, _, errOut := run(t, "describe", path)
	if code != 1 || !strings.Contains(errOut, "bad.csv") || !strings.Contains(errOut, "line 3") {
		t.Fatalf("exit %d: %q", code, errOut)
	}
}

func TestPredict_WritesPredictionAndProbabilities(t *testing.T) {
	ctx := context.Background()
	tb, _, err := workflow.LoadRef(ctx, workflow.DataRef{Sample: "penguins"}, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := model.RowsWithTarget(tb.Frame, "species")
	train := tb.Frame.Take(rows)
	a, err := artifact.Fit(ctx, train, artifact.Spec{Target: "species", Task: model.Classification,
		Pipeline: prep.Default(tb.Schema, train, true), Learner: "logistic"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := a.Save(dir); err != nil {
		t.Fatal(err)
	}
	outPath := filepath.Join(dir, "scored.csv")
	code, _, errOut := run(t, "predict", dir, "--sample", "penguins", "--out", outPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	f, _ := os.Open(outPath)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := strings.Join(recs[0], ",")
	for _, want := range []string{"prediction", "probability_Adelie", "probability_Gentoo", "bill_length_mm"} {
		if !strings.Contains(header, want) {
			t.Errorf("header %q lacks %s", header, want)
		}
	}
	if len(recs) != 345 {
		t.Fatalf("%d rows, want 344 and a header", len(recs))
	}
	agree := 0
	for _, r := range recs[1:] {
		if r[0] == r[len(recs[0])-4] {
			agree++
		}
	}
	if agree < 320 {
		t.Fatalf("only %d of 344 predictions match the species", agree)
	}
}

func TestReport_EDAWritesHTMLAndMarkdown(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := run(t, "report", "eda", "--sample", "iris", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, f := range []string{"exploration.html", "exploration.md"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() < 1000 {
			t.Errorf("%s: %v", f, err)
		}
	}
	if code, _, _ := run(t, "report", "nope", "--sample", "iris", "--out", dir); code != 2 {
		t.Fatal("unknown report accepted")
	}
}

func TestDescribe_OtherSourcesAndExport(t *testing.T) {
	code, out, errOut := run(t, "describe", "../workflow/source/testdata/parquet/penguins.parquet", "--json")
	if code != 0 || !strings.Contains(out, `"rows": 344`) {
		t.Fatalf("parquet: %d %s", code, errOut)
	}
	code, _, errOut = run(t, "describe", "../workflow/source/testdata/excel/report.xlsx", "--sheet", "nope")
	if code != 1 || !strings.Contains(errOut, "nope") {
		t.Fatalf("a missing sheet: %d %q", code, errOut)
	}
	dir := t.TempDir()
	for _, ext := range []string{".parquet", ".xlsx", ".csv"} {
		path := filepath.Join(dir, "iris"+ext)
		if code, _, errOut := run(t, "export", "--sample", "iris", "--out", path); code != 0 {
			t.Fatalf("export %s: %s", ext, errOut)
		}
		code, out, errOut := run(t, "describe", path, "--json")
		if code != 0 || !strings.Contains(out, `"rows": 150`) {
			t.Fatalf("re-read %s: %d %s", ext, code, errOut)
		}
	}
}
