package ui

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/plots/docs"
	"modelbench/workflow"
	"modelbench/workflow/coach"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/pack"
	"modelbench/workflow/deploy/pack/packtest"
)

// lessonStart finds the Start button of a lesson in the Lesson tab.
func lessonStart(t *testing.T, u *UI, id string) *widget.Button {
	t.Helper()
	l, ok := coach.LessonByID(id)
	if !ok {
		t.Fatalf("no lesson %s", id)
	}
	objs := u.learn.lesson.chooser.Objects
	for i, o := range objs {
		if lb, ok := o.(*widget.Label); ok && lb.Text == l.Title && i+3 < len(objs) {
			return findButton(objs[i+3], "Start")
		}
	}
	t.Fatalf("lesson %s is not listed", id)
	return nil
}

// takeQuiz answers every question of the open quiz: the right answer
// when right(i) says so, another one otherwise; it checks the
// explanation shown and finishes the quiz.
func takeQuiz(t *testing.T, u *UI, right func(i int) bool) (answered int) {
	t.Helper()
	q := u.learn.quiz
	if q == nil {
		t.Fatal("no quiz is open")
	}
	for i := range q.qs {
		c := q.qs[q.i]
		if q.check.Disabled() == false {
			t.Fatal("Check must wait for an answer")
		}
		pick := slices.IndexFunc(c.Choices, func(ch coach.Choice) bool { return ch.Right })
		if !right(i) {
			pick = (pick + 1) % len(c.Choices)
		}
		q.choices.SetSelected(q.choices.Options[pick])
		test.Tap(q.check)
		want := "Not quite."
		if right(i) {
			want = "Right."
		}
		if got := richText(q.verdict); !strings.Contains(got, want) || !strings.Contains(got, coach.Plain(c.Choices[pick].Why)) {
			t.Fatalf("question %s: the explanation says %q", c.ID, got)
		}
		if !right(i) && !strings.Contains(richText(q.verdict), "The right answer:") {
			t.Fatalf("a wrong answer must show the right one: %q", richText(q.verdict))
		}
		test.Tap(q.next)
		answered++
	}
	if !strings.Contains(richText(q.ask), "questions right") {
		t.Fatalf("no summary at the end: %q", richText(q.ask))
	}
	q.d.Hide()
	return answered
}

// richText is what rt shows, without the zero-width spaces of joinable.
func richText(rt *termText) string {
	var b strings.Builder
	for _, s := range rt.Segments {
		b.WriteString(segmentText(s))
	}
	return strings.ReplaceAll(b.String(), zwsp, "")
}

func segmentText(s widget.RichTextSegment) string {
	switch x := s.(type) {
	case *widget.ListSegment:
		var b strings.Builder
		for _, it := range x.Items {
			b.WriteString(segmentText(it) + "\n")
		}
		return b.String()
	case *widget.ParagraphSegment:
		var b strings.Builder
		for _, it := range x.Texts {
			b.WriteString(segmentText(it))
		}
		return b.String()
	}
	return s.Textual()
}

// TestLesson_IrisFromTheFirstScreenToTheExportedFiles drives the whole
// iris lesson through the window, as a learner would: from the empty
// first screen, through every step and its quiz, to the documentation
// bundle and the deployment package on disk, which completes the lesson.
func TestLesson_IrisFromTheFirstScreenToTheExportedFiles(t *testing.T) {
	u, _ := newTestUI(t, Options{})
	out := t.TempDir()
	u.learn.pickFolder = func(_ string, done func(string)) { done(out) }
	u.learn.docFormats = []docs.Format{docs.HTML, docs.Markdown}

	if u.Project().Table() != nil || !u.learn.lesson.chooser.Visible() {
		t.Fatal("the first screen should be empty, with the lessons to choose from")
	}
	test.Tap(lessonStart(t, u, "iris"))
	p := u.Project()
	if l, _ := p.Lesson(); l == nil || l.ID != "iris" || p.Table() == nil || p.Table().Frame.NumRows() != 150 {
		t.Fatal("the lesson did not start on the iris sample")
	}
	lp := u.learn.lesson
	quiz := func(stage string, right func(int) bool) int {
		t.Helper()
		if lp.quiz.Hidden || lp.quizDue != stage {
			t.Fatalf("the %s quiz is not offered (due: %q)", stage, lp.quizDue)
		}
		test.Tap(lp.quiz)
		return takeQuiz(t, u, right)
	}
	answered := 0
	// Data: the sample opened with species as the target.
	answered += quiz("data", func(i int) bool { return i != 1 })

	// The "what next" hint points at Explore; its button goes there and
	// the description runs.
	h := u.learn.banner(workflow.StageData)
	if !h.hint.Visible() || !strings.Contains(richText(h.hintText), "describe the table") || h.hintGo.Text != "Go to Explore" {
		t.Fatalf("hint %q / %q", richText(h.hintText), h.hintGo.Text)
	}
	test.Tap(h.hintGo)
	if u.current != workflow.StageExplore || p.Exploration() == nil {
		t.Fatal("the hint did not lead to a description of the table")
	}
	answered += quiz("explore", func(int) bool { return true })

	// Prepare: the default stratified split, fitted with its button.
	test.Tap(u.learn.banner(workflow.StageExplore).hintGo)
	if u.current != workflow.StagePrepare {
		t.Fatalf("at %v", u.current)
	}
	test.Tap(findButton(u.screens[workflow.StagePrepare].Object(), "Fit the pipeline"))
	if p.Status(workflow.StagePrepare) != workflow.Done {
		t.Fatalf("prepare: %s", p.Error(workflow.StagePrepare))
	}
	answered += quiz("prepare", func(i int) bool { return i%2 == 0 })

	// Train: two learners, then a choice with a reason.
	test.Tap(u.learn.banner(workflow.StagePrepare).hintGo)
	ts := u.screens[workflow.StageTrain].(*trainScreen)
	ts.learners.SetSelected([]string{ts.labels["logistic"], ts.labels["tree"]})
	ts.folds.SetText("3")
	test.Tap(findButton(ts.Object(), "Train and compare"))
	if tr := p.Training(); tr == nil || len(tr.Board.Entries) != 3 {
		t.Fatalf("train: %s", p.Error(workflow.StageTrain))
	}
	ts.board.selectEntry(0)
	ts.board.why.SetText("the best balanced accuracy, well above the baseline")
	test.Tap(ts.board.choose)
	if p.Training().Chosen == nil {
		t.Fatalf("choose: %s", p.Error(workflow.StageTrain))
	}
	answered += quiz("train", func(int) bool { return true })

	// Evaluate: the test rows, once.
	test.Tap(u.learn.banner(workflow.StageTrain).hintGo)
	test.Tap(findButton(u.screens[workflow.StageEvaluate].Object(), "Evaluate on the test rows"))
	if ev := p.Evaluation(); ev == nil || ev.Part != workflow.PartTest {
		t.Fatalf("evaluate: %s", p.Error(workflow.StageEvaluate))
	}
	answered += quiz("evaluate", func(i int) bool { return i != 0 })

	// Deploy: the documentation bundle from the lesson panel.
	if lp.docs.Hidden {
		t.Fatal("the lesson panel does not offer the documentation export")
	}
	test.Tap(lp.docs)
	for _, f := range []string{"index.html", "model-card.html", filepath.Join("markdown", "model-card.md"), filepath.Join("markdown", "datasheet.md")} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	if d := p.Document().Deploy.Docs; len(d) != 1 || d[0].Path != out {
		t.Fatalf("the bundle is not recorded: %+v", d)
	}
	// The lesson waits for the deployment package, its last checkpoint.
	l, prog := p.Lesson()
	steps, next, share := prog.Status(l)
	if next == nil || next.ID != "iris-package" || share >= 1 {
		t.Fatalf("next %+v, share %.2f", next, share)
	}
	for _, st := range steps[:5] {
		if !st.Done() {
			t.Errorf("step %s not done: %+v", st.Stage, st)
		}
	}
	// Deploy: the package, through the Deploy screen's export (this
	// computer's server, built for the test).
	loc, err := packtest.BuildServers(context.Background(), t.TempDir(), pack.Host().String())
	if err != nil {
		t.Fatal(err)
	}
	u.opts.ServerLocator = loc
	pkgDir := filepath.Join(t.TempDir(), "iris-package")
	u.writePackage(pkgDir, []pack.Target{pack.Host()}, false, []pack.Extra{})
	for _, f := range []string{"model.json", "schema.json", "baseline.json", "openapi.yaml", pack.Host().Binary()} {
		if _, err := os.Stat(filepath.Join(pkgDir, f)); err != nil {
			t.Errorf("the package lacks %s: %v", f, err)
		}
	}
	u.learn.refresh()
	u.showQuiz("deploy")
	answered += takeQuiz(t, u, func(int) bool { return true })

	// The state: every checkpoint, every quiz, every first answer; and it
	// is all in the saved project.
	_, prog = p.Lesson()
	if _, next, share := prog.Status(l); next != nil || share < 1 {
		t.Fatalf("after the package the lesson is not complete: next %+v, share %.2f", next, share)
	}
	total := 0
	for _, st := range l.Steps {
		total += len(st.Questions())
	}
	if len(prog.Reached) != len(l.Checkpoints()) || len(prog.Quizzes) != 6 || len(prog.Answers) != total || answered != total {
		t.Fatalf("progress %+v (answered %d of %d)", prog, answered, total)
	}
	right := 0
	for _, st := range l.Steps {
		for _, q := range st.Questions() {
			if q.Choices[prog.Answers[q.ID]].Right {
				right++
			}
		}
	}
	if wrong := total - right; wrong != 4 {
		t.Fatalf("%d wrong answers recorded, 4 were given", wrong)
	}
	path, err := p.Save(filepath.Join(t.TempDir(), "lesson"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	var saved struct {
		Coach struct {
			Lesson coach.Progress `json:"lesson"`
		} `json:"coach"`
	}
	if err := json.Unmarshal(b, &saved); err != nil || len(saved.Coach.Lesson.Reached) != len(prog.Reached) {
		t.Fatalf("saved progress %+v (%v)", saved.Coach.Lesson, err)
	}
	// Reopened in a new window, the lesson is still complete.
	u2, _ := newTestUI(t, Options{Project: path})
	if l2, prog2 := u2.Project().Lesson(); l2 == nil || len(prog2.Reached) != len(l.Checkpoints()) {
		t.Fatalf("the reopened lesson lost its progress: %+v", prog2)
	}
}

// The coach speaks on the screen where the mistake happens, its button
// fixes it, and a dismissal holds.
func TestCoach_BannerShowsFixesAndDismisses(t *testing.T) {
	u, _ := newTestUI(t, Options{DataFile: filepath.Join("..", "workflow", "internal", "testsets", "data", "sk_iris.csv")})
	p := u.Project()
	if err := p.SetColumnRole("target", data.Target, "the code"); err != nil {
		t.Fatal(err)
	}
	u.selectStage(workflow.StagePrepare)
	b := u.learn.banner(workflow.StagePrepare)
	if len(b.cards) != 1 || b.cards[0].f.ID != "leak_left_out:target_name" || b.cards[0].action.Text != "Keep target_name anyway" {
		t.Fatalf("prepare banner: %+v", b.cards)
	}
	if !strings.Contains(richText(b.cards[0].saw), `"target_name" alone predicts the target "target"`) {
		t.Fatalf("saw %q", richText(b.cards[0].saw))
	}
	test.Tap(b.cards[0].toggle)
	if !b.cards[0].more.Visible() || !strings.Contains(richText(b.cards[0].more), "What to do.") {
		t.Fatal("why it matters does not open")
	}
	test.Tap(b.cards[0].dismiss)
	if b = u.learn.banner(workflow.StagePrepare); len(b.cards) != 0 || len(p.Document().Coach.Dismissed) != 1 {
		t.Fatalf("after dismissing: %d cards", len(b.cards))
	}
	// Evaluating on the training rows: the banner's button evaluates on
	// the test rows instead.
	test.Tap(findButton(u.screens[workflow.StagePrepare].Object(), "Fit the pipeline"))
	u.selectStage(workflow.StageTrain)
	ts := u.screens[workflow.StageTrain].(*trainScreen)
	ts.learners.SetSelected([]string{ts.labels["tree"]})
	ts.folds.SetText("3")
	ts.run()
	ts.board.selectEntry(0)
	ts.board.why.SetText("a tree")
	test.Tap(ts.board.choose)
	u.selectStage(workflow.StageEvaluate)
	test.Tap(findButton(u.screens[workflow.StageEvaluate].Object(), "On the training rows"))
	b = u.learn.banner(workflow.StageEvaluate)
	if len(b.cards) != 1 || b.cards[0].f.Rule != "training_rows" || b.cards[0].title.Importance != widget.DangerImportance {
		t.Fatalf("evaluate banner: %+v", b.cards)
	}
	test.Tap(b.cards[0].action)
	if ev := p.Evaluation(); ev.Part != workflow.PartTest || len(u.learn.banner(workflow.StageEvaluate).cards) != 0 {
		t.Fatalf("after the fix: part %s, %d cards", ev.Part, len(u.learn.banner(workflow.StageEvaluate).cards))
	}
}

// Tutorial mode: on at first start; off hides the hints and the side
// pane, and is remembered.
func TestTutorialMode_SwitchesAndIsRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	opts := Options{Synchronous: true, NoRecovery: true, Sample: "iris", RecoveryPath: t.TempDir() + "/rec.mbproj"}
	u := Create(a, w, opts)
	if !u.tutorialMode() || u.learn.tour == nil || !u.split.Trailing.Visible() {
		t.Fatal("at first start, tutorial mode is on and the tour shows")
	}
	if !strings.Contains(u.learn.tour.title.Text, "Welcome") {
		t.Fatalf("tour page %q", u.learn.tour.title.Text)
	}
	for range len(u.learn.tour.pages) - 1 {
		test.Tap(u.learn.tour.next)
	}
	if u.learn.tour.next.Text != "Start" || !strings.Contains(u.learn.tour.title.Text, "coach") {
		t.Fatalf("last tour page %q", u.learn.tour.title.Text)
	}
	test.Tap(u.learn.tour.next)
	u.setTutorialMode(false)
	if u.split.Trailing.Visible() || u.learn.banner(workflow.StageData).hint.Visible() {
		t.Fatal("tutorial mode off must hide the side pane and the hints")
	}
	u2 := Create(a, test.NewTempWindow(t, nil), opts)
	if u2.tutorialMode() || u2.split.Trailing.Visible() || u2.learn.tour != nil {
		t.Fatal("tutorial mode off was not remembered")
	}
}

// A marked word in the guide is drawn in the link colour; tapping it
// opens its definition and the glossary panel.
func TestGlossary_TappingATermShowsItsDefinition(t *testing.T) {
	u, w := newTestUI(t, Options{Sample: "iris"})
	g := u.guide.text
	test.WidgetRenderer(g)
	g.Resize(fyne.NewSize(280, 1200))
	var at fyne.Position
	var size fyne.Size
	for _, o := range test.WidgetRenderer(g).Objects() {
		visitTexts(o, fyne.Position{}, func(txt *canvas.Text, p fyne.Position) {
			if strings.Trim(txt.Text, zwsp) == "target" && size.IsZero() {
				at, size = p, txt.Size()
			}
		})
	}
	if size.IsZero() {
		t.Fatal("the guide's word target is not drawn")
	}
	if _, ok := g.termAt(fyne.NewPos(1, 1)); ok {
		t.Fatal("the heading is not a term")
	}
	test.TapAt(g, at.AddXY(3, size.Height/2))
	shown := ""
	for _, o := range w.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			if rt, ok := o.(*termText); ok {
				shown += richText(rt)
			}
		})
	}
	if !strings.Contains(shown, "answer the model learns to predict") {
		t.Fatalf("the definition is not shown: %q", shown)
	}
	if !strings.Contains(richText(u.learn.glossaryPanel.def), "target") {
		t.Fatalf("the glossary panel shows %q", richText(u.learn.glossaryPanel.def))
	}
	gp := u.learn.glossaryPanel
	gp.search.SetText("threshold")
	if len(gp.shown) == 0 || len(gp.shown) == len(gp.terms) {
		t.Fatalf("search found %d of %d", len(gp.shown), len(gp.terms))
	}
}

// A column name with underscores reads as written (Fyne's Markdown would
// split it), and a term is one segment in the link colour.
func TestTermText_PlainTextAndTerms(t *testing.T) {
	tt := newTermText(nil)
	tt.setPlain("**Next:** keep target_name out of the [[features|feature]].\n\n- one [[leak]]\n- two")
	got := richText(tt)
	if !strings.Contains(got, "keep target_name out of the features.") || !strings.Contains(got, "one leak") {
		t.Fatalf("text %q", got)
	}
	var terms []string
	for _, s := range tt.Segments {
		if ts, ok := s.(*widget.TextSegment); ok && ts.Style.ColorName == theme.ColorNameHyperlink {
			terms = append(terms, strings.TrimPrefix(ts.Text, zwsp))
		}
	}
	if !slices.Equal(terms, []string{"features"}) || len(tt.marks) != 2 || tt.marks[0].Term != "feature" {
		t.Fatalf("terms %v, marks %+v", terms, tt.marks)
	}
}
