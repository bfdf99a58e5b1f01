package workflow

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// The iris lesson driven through the Project API: each stage reaches its
// checkpoints, the progress survives saving and opening, and the lesson
// stops only at the deployment package, which nothing records yet here.
func TestLesson_IrisThroughTheProject(t *testing.T) {
	ctx := context.Background()
	p := New()
	l, err := p.StartLesson("iris")
	if err != nil {
		t.Fatal(err)
	}
	if _, prog := p.Lesson(); len(prog.Reached) != 0 {
		t.Fatalf("reached before anything: %v", prog.Reached)
	}
	if err := p.LoadData(ctx, DataRef{Sample: "iris"}, nil); err != nil {
		t.Fatal(err)
	}
	if got := p.AdvanceLesson(); !slices.Equal(got, []string{"iris-open", "iris-target"}) { // Prepare's wait for Explore's
		t.Fatalf("after loading: %v", got)
	}
	if _, err := p.RunExplore(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunPrepare(ctx, nil); err != nil {
		t.Fatal(err)
	}
	s := TrainSettings{Candidates: []CandidateSpec{{Name: "logistic", Learner: "logistic"}, {Name: "tree", Learner: "tree"}}, Validation: ValidateCV, Folds: 3, Seed: 1}
	if _, err := p.RunTrain(ctx, s, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.ChooseModel(ctx, p.Training().Board.Entries[0].Name, "the best balanced accuracy", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunEvaluate(ctx, PartTest, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.RecordDocs("/tmp/docs", []string{"html"}); err != nil {
		t.Fatal(err)
	}
	p.AdvanceLesson()
	q := l.Steps[0].Questions()[0]
	if right, err := p.AnswerQuiz("data", q.ID, 0); err != nil || right != q.Choices[0].Right {
		t.Fatalf("answer: %v %v", right, err)
	}
	if err := p.FinishQuiz("data"); err != nil {
		t.Fatal(err)
	}
	path, err := p.Save(filepath.Join(t.TempDir(), "lesson"))
	if err != nil {
		t.Fatal(err)
	}
	o, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	ol, prog := o.Lesson()
	if ol == nil || ol.ID != "iris" {
		t.Fatal("the lesson was not remembered")
	}
	steps, next, _ := prog.Status(ol)
	if next == nil || next.ID != "iris-package" {
		t.Fatalf("next checkpoint %+v (reached %v)", next, prog.Reached)
	}
	for _, st := range steps {
		if st.Reached != st.Total && st.Stage != "deploy" {
			t.Errorf("step %s: %d of %d", st.Stage, st.Reached, st.Total)
		}
	}
	if !steps[0].QuizDone || steps[1].QuizDone {
		t.Fatalf("quizzes %+v", steps)
	}
	if _, err := o.AnswerQuiz("data", "no-such-question", 0); err == nil {
		t.Fatal("an unknown question must fail")
	}
	o.StopLesson()
	if l, _ := o.Lesson(); l != nil {
		t.Fatal("the lesson did not stop")
	}
	if _, err := o.StartLesson("nope"); err == nil {
		t.Fatal("an unknown lesson must fail")
	}
}
