package onnx_test

import (
	"strings"
	"testing"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/onnx"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
)

// exportable are the learner families the exporter writes, with the
// parameters the test fits them with (defaults, except fewer trees in the
// forest to keep the test fast).
var exportable = []struct {
	learner string
	params  param.Values
	task    []model.Task
}{
	{"baseline", nil, []model.Task{model.Classification, model.Regression}},
	{"linear", nil, []model.Task{model.Regression}},
	{"logistic", nil, []model.Task{model.Classification}},
	{"naive_bayes", nil, []model.Task{model.Classification}},
	{"tree", nil, []model.Task{model.Classification, model.Regression}},
	{"forest", param.Values{"n_estimators": 30}, []model.Task{model.Classification, model.Regression}},
	{"gbt", param.Values{"max_iter": 40}, []model.Task{model.Classification, model.Regression}},
	{"knn", nil, []model.Task{model.Classification, model.Regression}},
	{"knn", param.Values{"weights": "distance", "metric": "manhattan", "k": 7}, []model.Task{model.Classification, model.Regression}},
}

// scoringJob is one model scoring one set of rows, and what Modelbench
// predicts for them.
type scoringJob struct {
	name string
	fit  *fitted
	want *artifact.Predictions
	job  *ortJob
}

// jobsFor exports a and prepares ONNX Runtime jobs for the held-out rows,
// the same rows messed up (missing, unseen, huge and infinite values) and
// the messed-up rows with yes/no values spelled in capitals.
func jobsFor(t *testing.T, name string, a *artifact.Artifact, test *data.Frame) []*scoringJob {
	t.Helper()
	if err := onnx.Supports(a); err != nil {
		t.Fatalf("%s: Supports: %v", name, err)
	}
	b, rep, err := onnx.Export(a)
	if err != nil {
		t.Fatalf("%s: Export: %v", name, err)
	}
	f := &fitted{name: name, a: a, model: b, report: rep, test: test}
	var out []*scoringJob
	for _, v := range []struct {
		suffix string
		rows   *data.Frame
		spell  func(string) string
	}{{"held-out", test, nil}, {"messy", messy(test), nil}, {"messy, YES/NO", messy(test), strings.ToUpper}} {
		rows, want := predictable(t, a, v.rows)
		if rows.NumRows() == 0 {
			continue
		}
		j := &ortJob{model: b, feeds: feedsOf(t, rows, rep.Inputs, v.spell), rows: rows.NumRows()}
		out = append(out, &scoringJob{name: name + " (" + v.suffix + ")", fit: f, want: want, job: j})
	}
	return out
}

// runAndCompare scores every job with ONNX Runtime, compares with
// Modelbench and checks every distinct file with the ONNX checker.
func runAndCompare(t *testing.T, jobs []*scoringJob) diffs {
	t.Helper()
	oj := make([]*ortJob, len(jobs))
	for i, j := range jobs {
		oj[i] = j.job
	}
	runORT(t, oj)
	var d diffs
	for _, j := range jobs {
		if err := compare(j.job, j.fit.report, j.want, &d); err != nil {
			t.Errorf("%s: %v", j.name, err)
		}
	}
	var models [][]byte
	var names []string
	seen := map[*fitted]bool{}
	for _, j := range jobs {
		if !seen[j.fit] {
			seen[j.fit] = true
			models, names = append(models, j.fit.model), append(names, j.fit.name)
		}
	}
	for i, msg := range checkONNX(t, models) {
		t.Errorf("%s: onnx.checker.check_model(full_check=True): %s", names[i], msg)
	}
	return d
}

// TestExport_SharedDatasets: on every shared dataset, every exportable
// learner family with the default preparation is exported, scored by ONNX
// Runtime on the held-out rows (as they are, messed up, and with yes/no
// values in capitals) and gives Modelbench's labels and probabilities; every
// file passes the ONNX checker.
func TestExport_SharedDatasets(t *testing.T) {
	var jobs []*scoringJob
	families := map[string]int{}
	for _, ds := range sharedDatasets(t) {
		tc, _ := ds.table.Frame.Lookup(ds.target)
		task := model.InferTask(tc)
		for _, l := range exportable {
			if !containsTask(l.task, task) {
				continue
			}
			a, test := fitArtifact(t, ds, l.learner, l.params, nil)
			jobs = append(jobs, jobsFor(t, ds.name+" "+l.learner, a, test)...)
			families[l.learner]++
		}
	}
	d := runAndCompare(t, jobs)
	t.Logf("%d scoring jobs, %d rows; largest differences: probability %.3g, regression value (relative) %.3g; models per learner %v",
		len(jobs), d.rows, d.proba, d.value, families)
	for _, l := range exportable {
		if families[l.learner] == 0 {
			t.Errorf("no dataset exported %s", l.learner)
		}
	}
}

func containsTask(ts []model.Task, t model.Task) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}
