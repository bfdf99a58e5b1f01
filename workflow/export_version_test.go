package workflow

import (
	"context"
	"fmt"
	"math/rand/v2"
	"modelbench/workflow/deploy/pack"
	"modelbench/workflow/deploy/pack/packtest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/deploy"
	"modelbench/workflow/deploy/serve"
	"modelbench/workflow/deploy/serve/predlog"
	"modelbench/workflow/deploy/watch"
)

// conceptProject is a project on conceptCSV's rows (cut 0.5) with a
// chosen tree.
func conceptProject(t *testing.T, dir string) *Project {
	t.Helper()
	ctx := context.Background()
	old := filepath.Join(dir, "old.csv")
	conceptCSV(t, old, 600, 0.5, 1)
	p := New()
	if err := p.LoadData(ctx, DataRef{Path: old}, nil); err != nil {
		t.Fatal(err)
	}
	// x alone decides the label: keep it (it is the concept, not a leak).
	if err := p.SetColumnRole("x", data.Feature, "the label is x above a cut"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunPrepare(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunTrain(ctx, TrainSettings{Candidates: []CandidateSpec{{Name: "tree", Learner: "tree"}}, Validation: ValidateCV, Folds: 3, Seed: 4}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.ChooseModel(ctx, "tree", "the only one", nil); err != nil {
		t.Fatal(err)
	}
	return p
}

// logConcept scores n rows of a concept with cut (label "b" above it)
// into a prediction log with the model's version, all with feedback.
func logConcept(t *testing.T, spec, version string, n int, cut float64) {
	t.Helper()
	ctx := context.Background()
	l, err := predlog.Open(ctx, spec, predlog.Options{MaxAge: -1})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(9, 9))
	t0 := time.Now().UTC().Add(-time.Hour)
	var ps []predlog.Prediction
	var fb []predlog.Feedback
	for i := range n {
		x := r.Float64()
		label := "a"
		if x > cut {
			label = "b"
		}
		id := fmt.Sprintf("r%d", i)
		in := map[string]any{"x": x, "z": r.Float64()}
		if i == 0 {
			in["x"] = "not a number"
		}
		ps = append(ps, predlog.Prediction{ID: id, Time: t0.Add(time.Duration(i) * time.Second), ModelVersion: version, Inputs: in, Prediction: "a", Latency: time.Millisecond})
		if i%5 != 4 {
			fb = append(fb, predlog.Feedback{ID: id, Truth: label, Time: t0})
		}
	}
	if err := l.Add(ctx, ps...); err != nil {
		t.Fatal(err)
	}
	if err := l.AddFeedback(ctx, fb...); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestExportVersion_RetrainOnFeedback: the first version's deployment
// directory is one the service loads; the log's feedback becomes rows to
// retrain on; the accepted version 2 is exported as a new model version,
// profiled on the rows it learnt from; the checklist's evidence about
// version 1 goes stale.
func TestExportVersion_RetrainOnFeedback(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p := conceptProject(t, dir)
	v1dir := filepath.Join(dir, "v1")
	v1, err := p.ExportVersion(ctx, v1dir, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	d1, err := serve.LoadDir(v1dir)
	if err != nil {
		t.Fatalf("the service cannot load version 1: %v", err)
	}
	if v1.Version != 1 || d1.ModelVersion != v1.ModelVersion || d1.Metrics == nil || d1.Metrics.Validation["accuracy"] == 0 {
		t.Fatalf("version 1 %+v, loaded %s, metrics %+v", v1, d1.ModelVersion, d1.Metrics)
	}
	if d1.Baseline.Rows != len(p.Training().DevRows) {
		t.Fatalf("the baseline profiles %d rows, the model learnt from %d", d1.Baseline.Rows, len(p.Training().DevRows))
	}
	if st := p.DeployState(); len(st.Exports) != 1 || st.Exports[0].Kind != ExportDeployment {
		t.Fatalf("exports %+v", st.Exports)
	}
	spec := "sqlite:" + filepath.Join(dir, "log.db")
	logConcept(t, spec, v1.ModelVersion, 500, 0.2)
	src, err := watch.ParseSource(spec, v1dir)
	if err != nil {
		t.Fatal(err)
	}
	fr, err := p.FeedbackRows(ctx, src, watch.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if fr.Frame.NumRows() != 400 || fr.Invalid != 1 || !strings.Contains(fr.Source, "log.db") {
		t.Fatalf("feedback rows: %d rows, %d invalid, source %q", fr.Frame.NumRows(), fr.Invalid, fr.Source)
	}
	if c, _ := fr.Frame.Lookup("x"); c.Kind() != data.Numeric || !c.IsMissing(0) {
		t.Fatalf("x read as %v, first row missing %v", c.Kind(), c.IsMissing(0))
	}
	res, err := p.Retrain(ctx, RetrainOptions{New: fr.Frame, Source: fr.Source, Replace: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Better || res.Learnt.NumRows() != res.LearnRows {
		t.Fatalf("better %v, learnt %d rows of %d: %s", res.Better, res.Learnt.NumRows(), res.LearnRows, res.Comparison.Sentence)
	}
	if _, err := p.CheckReproducible(ctx, nil); err != nil {
		t.Fatal(err)
	}
	before, _ := p.Checklist()
	if _, err := p.ExportVersion(ctx, filepath.Join(dir, "early"), res, nil); err == nil {
		t.Fatal("a retrain that was not accepted was exported")
	}
	if _, err := p.AcceptRetrain(res, "the cut moved"); err != nil {
		t.Fatal(err)
	}
	v2dir := filepath.Join(dir, "v2")
	v2, err := p.ExportVersion(ctx, v2dir, res, nil)
	if err != nil {
		t.Fatal(err)
	}
	d2, err := serve.LoadDir(v2dir)
	if err != nil {
		t.Fatalf("the service cannot load version 2: %v", err)
	}
	if v2.Version != 2 || v2.ModelVersion == v1.ModelVersion || d2.ModelVersion != v2.ModelVersion || d2.Baseline.Rows != res.LearnRows {
		t.Fatalf("version 2 %+v (%s), baseline of %d rows, learnt %d", v2, d2.ModelVersion, d2.Baseline.Rows, res.LearnRows)
	}
	if d2.Metrics.Test["accuracy"] != res.RetrainedMetrics["accuracy"] {
		t.Fatalf("version 2's metrics %+v", d2.Metrics)
	}
	if _, err := p.ExportVersion(ctx, filepath.Join(dir, "again"), nil, nil); err == nil {
		t.Fatal("version 2 exported without the rows it learnt from")
	}
	if _, err := p.ExportPackage(ctx, filepath.Join(dir, "again-package"), pack.Options{}, nil); err == nil {
		t.Fatal("version 2's package exported with version 1's rows and metrics")
	}
	// The whole package of version 2: the same model version as its
	// deployment files, checked, profiled on the rows it learnt from.
	loc, err := packtest.BuildServers(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	m, err := p.ExportPackageVersion(ctx, filepath.Join(dir, "v2-package"), res, pack.Options{Binary: loc}, nil)
	if err != nil {
		t.Fatal(err)
	}
	dp, err := serve.LoadDir(m.Path)
	if err != nil {
		t.Fatalf("the service cannot load version 2's package: %v", err)
	}
	if m.ModelVersion != v2.ModelVersion || dp.ModelVersion != v2.ModelVersion || !m.Resources.Checked || dp.Baseline.Rows != res.LearnRows ||
		dp.Metrics.Test["accuracy"] != res.RetrainedMetrics["accuracy"] || len(dp.Metrics.Validation) != 0 {
		t.Fatalf("version 2's package: manifest %s checked %v, served %s, baseline of %d rows, metrics %+v", m.ModelVersion, m.Resources.Checked, dp.ModelVersion, dp.Baseline.Rows, dp.Metrics)
	}
	after, _ := p.Checklist()
	if stale(before) != 0 || stale(after) == 0 {
		t.Fatalf("stale evidence: %d before the accept, %d after", stale(before), stale(after))
	}
}

func stale(r *deploy.Result) int {
	n := 0
	for _, s := range r.Sections {
		for _, it := range s.Items {
			for _, e := range it.Evidence {
				if e.Stale {
					n++
				}
			}
		}
	}
	return n
}

// TestMonitorConfig_SavedWithoutSecrets: the Monitor view's source
// travels in the project file, a PostgreSQL password never does.
func TestMonitorConfig_SavedWithoutSecrets(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p := conceptProject(t, dir)
	if _, ok := p.MonitorConfig(); ok {
		t.Fatal("a new project has a monitoring source")
	}
	src, _ := watch.ParseSource("postgres://me:hunter2@db.example.com/logs", filepath.Join(dir, "v1"))
	p.SetMonitorConfig(MonitorConfig{Source: src, Window: "24h"})
	path, err := p.Save(filepath.Join(dir, "p"))
	if err != nil {
		t.Fatal(err)
	}
	q, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, ok := q.MonitorConfig()
	if !ok || c.Source.Target != "postgres://me@db.example.com/logs" || c.Window != "24h" || c.Source.Deployment != filepath.Join(dir, "v1") {
		t.Fatalf("reopened monitoring source %+v", c)
	}
	if strings.Contains(fmt.Sprint(q.Document()), "hunter2") {
		t.Fatal("the password reached the project")
	}
}
