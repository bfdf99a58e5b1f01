package workflow

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"modelbench/assets"
	"modelbench/workflow/deploy"
	"modelbench/workflow/deploy/pack"
	"modelbench/workflow/deploy/pack/packtest"
	"modelbench/workflow/eval"
)

// TestExportPackage_RunsAnywhereAndAgreesWithPredict exports the package
// of an evaluated penguins project, copies the folder alone somewhere
// else, starts its server with an empty environment (no PATH: no Go,
// Python or Modelbench), and sends it the example request and every test
// row as the sample file writes them: each answer — class and every
// probability — equals `modelbench predict`'s (Score) on the same rows.
// The export is recorded as checked, with its figures, in the checklist's
// evidence.
func TestExportPackage_RunsAnywhereAndAgreesWithPredict(t *testing.T) {
	ctx := context.Background()
	p := evaluatedProject(t, "penguins", "logistic", "tree")
	loc, err := packtest.BuildServers(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "penguins-package")
	m, err := p.ExportPackage(ctx, out, pack.Options{Binary: loc}, nil)
	if err != nil {
		t.Fatal(err)
	}
	pr := p.Preparation()
	if !m.Resources.Checked || m.Resources.CheckedRows != len(pr.Split.Test) || m.Resources.CheckedPart != PartTest {
		t.Fatalf("resources %+v", m.Resources)
	}
	if !m.Metrics.Written || len(m.Metrics.Test) == 0 || len(m.Metrics.Validation) == 0 || m.Metrics.Metric != p.Training().Board.Metric {
		t.Errorf("metrics %+v (left out %v)", m.Metrics, m.LeftOut)
	}

	dir := filepath.Join(t.TempDir(), "elsewhere")
	if err := packtest.CopyTree(out, dir); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, pack.Host().Binary())
	s, err := packtest.Start(ctx, bin, dir, t.TempDir(), nil, "--name", m.Name)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Kill()

	var scored bytes.Buffer
	if _, err := Score(ctx, p.Training().Chosen, DataRef{Sample: "penguins"}, "", &scored, false, nil); err != nil {
		t.Fatal(err)
	}
	want := scoredRows(t, scored.Bytes())
	example, err := os.ReadFile(filepath.Join(dir, pack.ExampleRequestFile))
	if err != nil {
		t.Fatal(err)
	}
	got := postPredict(t, s.URL, "application/json", example)
	sameAsScore(t, got, want, pr.Split.Test[:3], m.ModelVersion)
	got = postPredict(t, s.URL, "text/csv", sampleRows(t, "penguins", pr.Split.Test, p.Training().Chosen.Target))
	sameAsScore(t, got, want, pr.Split.Test, m.ModelVersion)
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}

	exports := p.DeployState().Exports
	if len(exports) != 1 || exports[0].Kind != deploy.ExportPackage || exports[0].Path != out || !exports[0].Checked ||
		exports[0].Details[deploy.DetailCheckedRows] != strconv.Itoa(len(pr.Split.Test)) || exports[0].Details[deploy.DetailModelBytes] == "" {
		t.Fatalf("recorded exports %+v", exports)
	}
	facts := deploy.Judge(p.DeployFacts())
	for _, rule := range []string{"export_package", "export_checked", "export_resources", "drift_baseline"} {
		if e := facts[rule]; e.Verdict != deploy.Pass {
			t.Errorf("evidence %s: %+v", rule, e)
		}
	}
}

// scoredRow is one row of Score's CSV: the prediction and the
// probabilities by class.
type scoredRow struct {
	pred  string
	proba map[string]float64
}

func scoredRows(t *testing.T, b []byte) []scoredRow {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := recs[0]
	predCol := slices.Index(head, "prediction")
	var out []scoredRow
	for _, r := range recs[1:] {
		row := scoredRow{pred: r[predCol], proba: map[string]float64{}}
		for j, h := range head {
			if c, ok := strings.CutPrefix(h, "probability_"); ok {
				v, err := strconv.ParseFloat(r[j], 64)
				if err != nil {
					t.Fatal(err)
				}
				row.proba[c] = v
			}
		}
		out = append(out, row)
	}
	return out
}

// sampleRows is the sample file's header and the given data rows, cells
// as the file writes them, without the target column.
func sampleRows(t *testing.T, id string, rows []int, target string) []byte {
	t.Helper()
	s, err := assets.LookupSample(id)
	if err != nil {
		t.Fatal(err)
	}
	r, _, err := s.Open()
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(r).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	drop := slices.Index(recs[0], target)
	cut := func(rec []string) []string { return slices.Delete(slices.Clone(rec), drop, drop+1) }
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(cut(recs[0]))
	for _, i := range rows {
		_ = w.Write(cut(recs[1+i]))
	}
	w.Flush()
	return b.Bytes()
}

type predictAnswer struct {
	ModelVersion string `json:"model_version"`
	Predictions  []struct {
		Prediction    any                `json:"prediction"`
		Probabilities map[string]float64 `json:"probabilities"`
	} `json:"predictions"`
}

func postPredict(t *testing.T, base, ct string, body []byte) predictAnswer {
	t.Helper()
	resp, err := http.Post(base+"/v1/predict", ct, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, b)
	}
	var a predictAnswer
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

func sameAsScore(t *testing.T, got predictAnswer, want []scoredRow, rows []int, version string) {
	t.Helper()
	if got.ModelVersion != version || len(got.Predictions) != len(rows) {
		t.Fatalf("version %s, %d answers for %d rows", got.ModelVersion, len(got.Predictions), len(rows))
	}
	for k, i := range rows {
		g, w := got.Predictions[k], want[i]
		if g.Prediction != w.pred || len(g.Probabilities) != len(w.proba) {
			t.Errorf("table row %d: served %v %v, predict %s %v", i, g.Prediction, g.Probabilities, w.pred, w.proba)
			continue
		}
		for c, v := range w.proba {
			if g.Probabilities[c] != v {
				t.Errorf("table row %d: P(%s) served %v, predict %v", i, c, g.Probabilities[c], v)
			}
		}
	}
}

// TestExportPackage_NeedsAChosenModel: a project without a chosen model
// exports nothing and records nothing.
func TestExportPackage_NeedsAChosenModel(t *testing.T) {
	p := preparedProject(t, "titanic")
	out := filepath.Join(t.TempDir(), "pkg")
	_, err := p.ExportPackage(context.Background(), out, pack.Options{Binary: pack.DirLocator(t.TempDir())}, nil)
	if !errors.Is(err, pack.ErrNoModel) {
		t.Fatalf("err %v", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) || len(p.DeployState().Exports) != 0 {
		t.Error("something was written or recorded")
	}
}

// TestPackageInput_LeavesOutWhatIsMissing: before Evaluate, the package
// has the validation scores of the chosen entry but no test metrics, and
// says so; the training rows are the rows the model learnt from.
func TestPackageInput_LeavesOutWhatIsMissing(t *testing.T) {
	p := chosenProject(t, "titanic", "tree")
	in, err := p.packageInput(nil)
	if err != nil {
		t.Fatal(err)
	}
	if in.Test != nil || !slices.ContainsFunc(in.LeftOut, func(s string) bool { return strings.Contains(s, "no test metrics") }) {
		t.Errorf("test %v, left out %v", in.Test, in.LeftOut)
	}
	tr := p.Training()
	if len(in.Validation) == 0 || in.Validation[tr.Board.Metric] != tr.Board.Entries[slices.IndexFunc(tr.Board.Entries, func(e eval.Entry) bool { return e.Name == "tree" })].Score {
		t.Errorf("validation %v", in.Validation)
	}
	if in.Train.NumRows() != len(tr.DevRows) || in.Check.NumRows() != len(p.Preparation().Split.Test) || in.Name != "titanic" {
		t.Errorf("train %d rows (dev %d), check %d, name %q", in.Train.NumRows(), len(tr.DevRows), in.Check.NumRows(), in.Name)
	}
}
