package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"modelbench/workflow"
)

// chooseModel runs the whole flow up to a chosen model in a test UI.
func chooseModel(t *testing.T, sample, learner string) (*UI, *evaluateScreen) {
	t.Helper()
	u, _, ts := trainReady(t, sample)
	ts.learners.SetSelected([]string{ts.labels[learner]})
	ts.folds.SetText("3")
	ts.run()
	for i, e := range u.Project().Training().Board.Entries {
		if e.Name == learner {
			ts.board.selectEntry(i)
		}
	}
	ts.board.why.SetText("test")
	test.Tap(ts.board.choose)
	u.selectStage(workflow.StageEvaluate)
	return u, u.screens[workflow.StageEvaluate].(*evaluateScreen)
}

func TestEvaluate_TestRowsMetricsFiguresAndThreshold(t *testing.T) {
	u, es := chooseModel(t, "titanic", "logistic")
	if !strings.Contains(es.header.Text, "locked") {
		t.Fatalf("before evaluating, the header should explain the locked test rows: %q", es.header.Text)
	}
	es.run(workflow.PartTest)
	u.selectStage(workflow.StageEvaluate)
	r := u.Project().Evaluation()
	if r == nil || r.Part != workflow.PartTest {
		t.Fatalf("no test evaluation: %s", u.Project().Error(workflow.StageEvaluate))
	}
	if !strings.Contains(es.metrics.Text, "Balanced accuracy") || !strings.Contains(es.header.Text, "test rows") {
		t.Fatalf("metrics %q header %q", es.metrics.Text, es.header.Text)
	}
	if es.figure.img.Image == nil {
		t.Fatal("the first figure was not drawn")
	}
	es.threshold.slider.SetValue(0.2)
	low := es.threshold.out.Text
	es.threshold.slider.SetValue(0.8)
	if low == es.threshold.out.Text || !strings.Contains(low, "threshold 0.200") {
		t.Fatalf("the threshold explorer does not follow the slider: %q", low)
	}
	// The labels are the file's own: survived is spelled yes/no.
	if !strings.Contains(low, "positive class: yes") || !strings.Contains(es.metrics.Text, "\nno ") || !strings.Contains(es.metrics.Text, "\nyes ") {
		t.Errorf("labels not as titanic spells them:\n%s\n%s", low, es.metrics.Text)
	}
	es.threshold.costFN.SetText("5")
	es.threshold.applyCosts()
	if u.Project().Document().Evaluate.CostFN != 5 {
		t.Fatal("costs not saved")
	}
	if len(es.slices.column.Options) == 0 || !strings.Contains(es.slices.out.Text, "rows") {
		t.Fatalf("slices: %v %q", es.slices.column.Options, es.slices.out.Text)
	}
	es.explain.row.SetText("3")
	es.explain.explain()
	if !strings.Contains(es.explain.out.Text, "prediction:") {
		t.Fatalf("explanation %q", es.explain.out.Text)
	}
}

func TestEvaluate_TrainingRowsWarn(t *testing.T) {
	u, es := chooseModel(t, "iris", "tree")
	es.run(workflow.PartTraining)
	u.selectStage(workflow.StageEvaluate)
	if !strings.Contains(es.issues.Text, "train") {
		t.Fatalf("evaluating on training rows must warn: %q", es.issues.Text)
	}
}

func TestEvaluate_SwitchingModelsWarnsAboutTheTestSet(t *testing.T) {
	u, _, ts := trainReady(t, "iris")
	ts.learners.SetSelected([]string{ts.labels["logistic"], ts.labels["tree"]})
	ts.folds.SetText("3")
	ts.run()
	ts.board.selectEntry(0)
	ts.board.why.SetText("first")
	test.Tap(ts.board.choose)
	u.selectStage(workflow.StageEvaluate)
	es := u.screens[workflow.StageEvaluate].(*evaluateScreen)
	es.run(workflow.PartTest)
	other := "tree"
	if u.Project().Document().Train.Chosen == "tree" {
		other = "logistic"
	}
	u.selectStage(workflow.StageEvaluate)
	es.model.SetSelected(other)
	es.run(workflow.PartTest)
	u.selectStage(workflow.StageEvaluate)
	if u.Project().Evaluation().Model != other || !strings.Contains(es.issues.Text, "test set") {
		t.Fatalf("model %s, issues %q", u.Project().Evaluation().Model, es.issues.Text)
	}
}

// TestEvaluate_MetricsColumnShowsEveryWordAt1280x800: the metrics and the
// class report fit the metrics column of a 1280×800 window with the guide
// shown, so "recall" and the numbers after it are not cut off.
func TestEvaluate_MetricsColumnShowsEveryWordAt1280x800(t *testing.T) {
	u, es := chooseModel(t, "penguins", "logistic")
	es.run(workflow.PartTest)
	u.selectStage(workflow.StageEvaluate)
	text := es.metrics.Text
	if !strings.Contains(text, "recall") || !strings.Contains(text, "Chinstrap") {
		t.Fatalf("metrics text lacks the class report: %q", text)
	}
	for _, line := range strings.Split(text, "\n") {
		if n := len([]rune(line)); n > metricsWidth {
			t.Errorf("line of %d characters (max %d): %q", n, metricsWidth, line)
		}
	}
	u.win.Resize(fyne.NewSize(1280, 800))
	col := u.splits["evaluate"].Leading
	if need, have := es.metrics.MinSize().Width, col.Size().Width; need > have {
		t.Fatalf("the metrics need %.0f units, the column has %.0f", need, have)
	}
}
