package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"modelbench/assets"
	"modelbench/workflow"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/pack"
	"modelbench/workflow/deploy/pack/packtest"
	"modelbench/workflow/deploy/serve"
	"modelbench/workflow/deploy/serve/predlog"
	"modelbench/workflow/model"
)

// writeShiftedLog logs the project's test rows as the chosen model
// predicted them, each once: the first half as they are, the second half
// with 30 years added to every age and the sexes spelt F and M (levels
// the model never saw), all with their true outcomes, under the model
// version the deployment names.
func writeShiftedLog(t *testing.T, p *workflow.Project, path, version string) int {
	t.Helper()
	ctx := context.Background()
	a := p.Training().Chosen
	f := p.Table().Frame.Take(p.Preparation().Split.Test)
	pr, err := a.Predict(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	labels, err := model.Labels(pr.Index, pr.Classes)
	if err != nil {
		t.Fatal(err)
	}
	tc, _ := f.Lookup(a.Target)
	l, err := predlog.Open(ctx, "sqlite:"+path, predlog.Options{MaxAge: -1})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now().UTC().Add(-50 * time.Minute)
	var ps []predlog.Prediction
	var fb []predlog.Feedback
	{
		for i := range f.NumRows() {
			shift := i >= f.NumRows()/2
			in := map[string]any{}
			for _, c := range a.Input {
				col, _ := f.Lookup(c.Name)
				switch {
				case col.IsMissing(i):
					in[c.Name] = nil
				case col.Kind() == data.Numeric:
					in[c.Name] = col.(*data.NumericColumn).Values()[i]
				default:
					in[c.Name] = col.Format(i)
				}
			}
			if shift {
				if age, ok := in["age"].(float64); ok {
					in["age"] = age + 30
				}
				in["sex"] = map[string]any{"female": "F", "male": "M"}[fmt.Sprint(in["sex"])]
			}
			id := fmt.Sprintf("r%d", i)
			at := t0.Add(time.Duration(i) * 10 * time.Second)
			ps = append(ps, predlog.Prediction{ID: id, Time: at, ModelVersion: version, Inputs: in, Prediction: labels[i], Latency: time.Millisecond})
			fb = append(fb, predlog.Feedback{ID: id, Truth: tc.Format(i), Time: at})
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
	return len(ps)
}

// TestMonitor_OpenALogRetrainAcceptExportAndRollBack taps through the
// Monitor tab on a titanic model: its prediction log (the test rows, the
// second half with older passengers and unseen spellings of sex) opens in the
// task runner; the findings explain age's drift and the ranking starts
// with age and sex; the traffic, distribution and live-metric figures are drawn; a
// retrain on the log's feedback is shown against the current model on the
// held-out new rows with the paired test's verdict,
// accepted as version 2 with a reason, exported as a package the service
// serves under the new model version, and rolled back; a retrain on a
// file with the same columns replaces the rows learnt from; the saved
// monitoring source carries no API key.
func TestMonitor_OpenALogRetrainAcceptExportAndRollBack(t *testing.T) {
	ctx := context.Background()
	u, es := chooseModel(t, "titanic", "logistic")
	es.run(workflow.PartTest)
	dir := t.TempDir()
	v1, err := u.Project().ExportVersion(ctx, filepath.Join(dir, "v1"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(dir, "predictions.db")
	n := writeShiftedLog(t, u.Project(), logPath, v1.ModelVersion)

	u.selectStage(workflow.StageDeploy)
	ds := u.screens[workflow.StageDeploy].(*deployScreen)
	m := ds.monitor
	if m.deployment.Text != v1.Dir {
		t.Errorf("the package folder was not filled from the last export: %q", m.deployment.Text)
	}
	m.target.SetText(logPath)
	m.key.SetText("s3cret-never-saved")
	m.window.SetSelectedIndex(len(windowChoices) - 1)
	test.Tap(m.open)
	if m.snap == nil || m.snap.Rows != n {
		t.Fatalf("snapshot %+v; status %q", m.snap, m.status.Text)
	}
	if !strings.Contains(m.status.Text, "threshold is crossed") {
		t.Errorf("status %q", m.status.Text)
	}
	// The shifted features drift and lead the ranking. (Other columns may
	// differ a little between this split's test and training rows; the
	// command-line loop test checks that an unshifted log finds nothing.)
	fs := m.features.features
	if len(fs) < 2 || !fs[0].Drift.Drifted || !fs[1].Drift.Drifted ||
		!(fs[0].Name == "age" && fs[1].Name == "sex" || fs[0].Name == "sex" && fs[1].Name == "age") {
		for _, f := range fs {
			t.Logf("%s: %s", f.Name, f.Drift.Summary)
		}
		t.Fatal("age and sex do not lead the drift ranking")
	}
	var ageFinding bool
	for i, f := range m.findings {
		if f.Feature == "age" && f.Crossed {
			m.findingList.Select(i)
			ageFinding = true
		}
	}
	if !ageFinding || m.why.Text == "" || m.action.Text == "" {
		t.Fatalf("no explained finding about age: %+v", m.findings)
	}
	if m.features.figure.current == nil || m.traffic.current == nil || m.live.current == nil {
		t.Fatalf("figures drawn: distribution %v, traffic %v, live %v; distribution message %q, live %q",
			m.features.figure.current != nil, m.traffic.current != nil, m.live.current != nil, m.features.figure.msg.Text, m.live.msg.Text)
	}
	if c, ok := u.Project().MonitorConfig(); !ok || !strings.Contains(c.Source.Target, logPath) || c.Window != "all" {
		t.Fatalf("saved monitoring source %+v", c)
	}
	if strings.Contains(fmt.Sprint(u.Project().Document().Deploy), "s3cret") {
		t.Fatal("the API key reached the project")
	}

	// Retrain on the feedback, accept, export, roll back.
	r := m.retrain
	test.Tap(r.run)
	if r.res == nil || !strings.Contains(r.outcome.Text, "held-out new rows") || !strings.Contains(r.outcome.Text, r.res.Comparison.Sentence) ||
		r.res.CompareRows == 0 || r.accept.Disabled() {
		t.Fatalf("retrain: %+v\n%s", r.res, r.outcome.Text)
	}
	// Whether it is clearly better on these few rows is the paired test's
	// call (the command-line loop test, on twice the rows, finds it is);
	// the panel says which.
	if verdict := "is better and the difference is likely real"; r.res.Better != strings.Contains(r.outcome.Text, verdict) {
		t.Fatalf("better %v, but the panel says:\n%s", r.res.Better, r.outcome.Text)
	}
	r.why.SetText("the passengers got older and sex is spelt F/M now")
	test.Tap(r.accept)
	if _, v := u.Project().ModelVersions(); v != 2 || r.export.Disabled() {
		t.Fatalf("after accept: version %d, export disabled %v", v, r.export.Disabled())
	}
	if !strings.Contains(labelsText(r.versions), "Roll back to version 1") && findButton(r.versions, "Roll back to version 1") == nil {
		t.Fatalf("versions list: %s", labelsText(r.versions))
	}
	loc, err := packtest.BuildServers(ctx, t.TempDir(), pack.Host().String())
	if err != nil {
		t.Fatal(err)
	}
	u.opts.ServerLocator = loc
	out := t.TempDir()
	u.pickFolder = func(chosen func(string)) { chosen(out) }
	test.Tap(r.export)
	d, err := serve.LoadDir(m.deployment.Text)
	if err != nil {
		t.Fatalf("version 2's package: %v", err)
	}
	if d.ModelVersion == v1.ModelVersion || !strings.HasSuffix(m.deployment.Text, "-v2") {
		t.Fatalf("version 2's package at %s serves version %s (version 1 is %s)", m.deployment.Text, d.ModelVersion, v1.ModelVersion)
	}
	// The Deploy screen's own Export package… writes the same version
	// while the accepted retrain is the model carried forward.
	again := filepath.Join(t.TempDir(), "again")
	u.writePackage(again, []pack.Target{pack.Host()}, false, nil)
	if d2, err := serve.LoadDir(again); err != nil || d2.ModelVersion != d.ModelVersion {
		t.Fatalf("Export package… after the accept: %v (%+v)", err, d2)
	}
	test.Tap(findButton(r.versions, "Roll back to version 1"))
	if _, v := u.Project().ModelVersions(); v != 1 {
		t.Fatalf("after roll back: version %d", v)
	}
	if j := u.Project().Journal(); !strings.Contains(j[len(j)-1].Why, "F/M") {
		t.Fatalf("the rollback's reason: %+v", j[len(j)-1])
	}

	// Retrain on a file with the same columns, learning from it alone.
	sample, err := assets.LookupSample("titanic")
	if err != nil {
		t.Fatal(err)
	}
	rd, _, err := sample.Open()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	recent := filepath.Join(t.TempDir(), "recent.csv")
	if err := os.WriteFile(recent, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	r.from.SetSelected(fromFile)
	r.replace.SetChecked(true)
	r.pickFile = func(chosen func(string)) { chosen(recent) }
	test.Tap(r.run)
	if r.res == nil || r.res.Source != recent || !r.res.Replace || r.res.CompareRows == 0 || !strings.Contains(r.outcome.Text, "replacing the rows") {
		t.Fatalf("retrain on a file: %+v\n%s", r.res, r.outcome.Text)
	}
}
