package coach

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"modelbench/assets"
)

// Every lesson file parses and checks, and every bundled sample has
// exactly one lesson.
func TestBuiltinLessons_OnePerSampleAndValid(t *testing.T) {
	ls, err := BuiltinLessons()
	if err != nil {
		t.Fatal(err)
	}
	bySample := map[string]int{}
	for _, l := range ls {
		bySample[l.Sample]++
		if _, err := assets.LookupSample(l.Sample); err != nil {
			t.Errorf("lesson %s: %v", l.ID, err)
		}
		for _, st := range l.Steps {
			if n := len(st.Questions()); n < MinQuestions || n > MaxQuestions {
				t.Errorf("lesson %s, step %s: %d questions", l.ID, st.Stage, n)
			}
		}
		first := l.Steps[0].Checkpoints[0]
		if !slices.Contains(first.When, "sample="+l.Sample) {
			t.Errorf("lesson %s: its first checkpoint should open its sample, has %v", l.ID, first.When)
		}
		last := l.Steps[len(l.Steps)-1].Checkpoints
		var ends []string
		for _, cp := range last {
			ends = append(ends, cp.When...)
		}
		if !slices.Contains(ends, "docs") || !slices.Contains(ends, "package") {
			t.Errorf("lesson %s must end with the documentation bundle and the deployment package, ends with %v", l.ID, ends)
		}
	}
	for _, s := range assets.Samples() {
		if bySample[s.ID] != 1 {
			t.Errorf("sample %s has %d lessons, want 1", s.ID, bySample[s.ID])
		}
	}
	if l, ok := LessonForSample("penguins"); !ok || l.ID != "penguins" {
		t.Error("LessonForSample(penguins)")
	}
	if _, ok := LessonByID("nope"); ok {
		t.Error("an unknown lesson was found")
	}
}

// What a broken lesson file is told.
func TestParseLesson_RejectsBrokenFiles(t *testing.T) {
	shared := map[string][]Question{"data": {}}
	ok := `{"id":"x","sample":"iris","title":"t","story":"s","goals":["g"],"steps":[` +
		strings.Repeat(`{"stage":"STAGE","intro":"i","checkpoints":[{"id":"STAGE-1","task":"t","hint":"h","when":["loaded"]}],"quiz":[QS]},`, 6)
	ok = strings.TrimSuffix(ok, ",") + `]}`
	question := `{"id":"ID","ask":"a?","choices":[{"text":"yes","right":true,"why":"w"},{"text":"no","why":"w"}]}`
	build := func(edit func(string) string) string {
		out := ok
		for _, st := range Stages {
			var qs []string
			for i := range 3 {
				qs = append(qs, strings.ReplaceAll(question, "ID", st+string(rune('a'+i))))
			}
			out = strings.Replace(out, "STAGE", st, 2)
			out = strings.Replace(out, "QS", strings.Join(qs, ","), 1)
		}
		return edit(out)
	}
	if _, err := ParseLesson([]byte(build(func(s string) string { return s })), shared); err != nil {
		t.Fatalf("a good lesson: %v", err)
	}
	for name, edit := range map[string]func(string) string{
		"unknown condition": func(s string) string { return strings.Replace(s, `"loaded"`, `"frobnicated"`, 1) },
		"two right answers": func(s string) string { return strings.Replace(s, `"text":"no",`, `"text":"no","right":true,`, 1) },
		"no explanation":    func(s string) string { return strings.Replace(s, `"why":"w"`, `"why":""`, 1) },
		"steps out of order": func(s string) string {
			return strings.Replace(strings.Replace(s, `"stage":"data"`, `"stage":"tmp"`, 1), `"stage":"explore"`, `"stage":"data"`, 1)
		},
		"too short a quiz": func(s string) string { return strings.Replace(s, `,{"id":"datab"`, `,{"id":"datab","x":1`, 1) },
		"unknown field":    func(s string) string { return strings.Replace(s, `"title":"t"`, `"title":"t","colour":"red"`, 1) },
		"missing shared":   func(s string) string { return strings.Replace(s, `"intro":"i"`, `"intro":"i","shared_quiz":"nope"`, 1) },
	} {
		if _, err := ParseLesson([]byte(build(edit)), shared); !errors.Is(err, ErrLesson) {
			t.Errorf("%s: got %v", name, err)
		}
	}
}

func TestConditions_ParseAndHold(t *testing.T) {
	s := base()
	for text, want := range map[string]bool{
		"loaded": true, "sample=credit_g": true, "sample=iris": false, "target=class": true, "role:id=identifier": true,
		"kind:age=numeric": true, "input=age": true, "left_out=id": true, "left_out=age": false, "explored": true, "prepared": true,
		"step=one_hot": true, "step=impute": false, "split=stratified": true, "trained": true, "candidates>=2": true, "candidates>=3": false,
		"metric=balanced_accuracy": true, "chosen": true, "reason": true, "beats_baseline": true, "evaluated": true, "costs": false,
		"threshold": false, "readiness>=50": true, "monitoring>=70": false, "docs": false, "package": false, "silent=baseline": true,
	} {
		c, err := ParseCondition(text)
		if err != nil {
			t.Errorf("%s: %v", text, err)
			continue
		}
		if c.String() != text {
			t.Errorf("%s reads back as %s", text, c)
		}
		if got := c.Holds(s); got != want {
			t.Errorf("%s holds %v, want %v", text, got, want)
		}
		if got := c.Holds(Snapshot{}); got && text != "silent=baseline" {
			t.Errorf("%s holds on an empty project", text)
		}
	}
	for _, bad := range []string{"", "frob", "target", "loaded=yes", "role=x", "candidates>=many", "silent=no_such_rule", "Target=x"} {
		if _, err := ParseCondition(bad); !errors.Is(err, ErrCondition) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestProgress_AdvancesAndRemembers(t *testing.T) {
	l, ok := LessonByID("credit_g")
	if !ok {
		t.Fatal("no credit_g lesson")
	}
	var p Progress
	p, added := p.Advance(l, base())
	if !slices.Contains(added, "cg-open") || !slices.Contains(added, "cg-evaluate") || slices.Contains(added, "cg-costs") {
		t.Fatalf("reached %v", added)
	}
	// Steps are taken in order: without a description of the data, none
	// of the later steps' checkpoints count.
	s := base()
	s.Explore = nil
	if _, got := (Progress{}).Advance(l, s); !slices.Equal(got, []string{"cg-open", "cg-target"}) {
		t.Fatalf("without Explore: %v", got)
	}
	// Once reached, a checkpoint stays reached even if the project goes back.
	p, again := p.Advance(l, Snapshot{})
	if len(again) != 0 || !slices.Contains(p.Reached, "cg-open") {
		t.Fatalf("went back: %v %v", again, p.Reached)
	}
	steps, next, share := p.Status(l)
	if next == nil || next.ID != "cg-costs" || share <= 0 || share >= 1 {
		t.Fatalf("next %+v, share %v", next, share)
	}
	if !steps[0].QuizDue || steps[4].QuizDue {
		t.Fatalf("quiz due: %+v", steps)
	}
	q := l.Steps[0].Questions()[0]
	right := slices.IndexFunc(q.Choices, func(c Choice) bool { return c.Right })
	p, ok = p.Answer(q, (right+1)%len(q.Choices))
	if ok {
		t.Fatal("a wrong answer was right")
	}
	p, ok = p.Answer(q, right)
	if !ok || p.Answers[q.ID] == right {
		t.Fatalf("the first answer must count: %v %v", ok, p.Answers)
	}
	p = p.FinishQuiz("data")
	if steps, _, _ := p.Status(l); steps[0].QuizDue || !steps[0].Done() || steps[0].Right != 0 {
		t.Fatalf("after the quiz: %+v", steps[0])
	}
}

// emphasis matches a **bold** or *italic* span within a line.
var emphasis = regexp.MustCompile(`\*\*[^*\n]+\*\*|\*[^*\n]+\*`)

// The glossary test: every marked term in the guides, the coach's
// messages, the lessons and the quizzes is in the glossary, and every
// glossary term they use is marked at least once in each text.
func TestGlossary_CoversGuidesCoachLessonsAndQuizzes(t *testing.T) {
	g, err := BuiltinGlossary()
	if err != nil {
		t.Fatal(err)
	}
	check := func(where, text string) {
		for _, p := range g.Problems(text) {
			t.Errorf("%s: %s", where, p)
		}
		for _, line := range strings.Split(text, "\n") {
			if strings.HasPrefix(line, "#") && strings.Contains(line, "[[") {
				t.Errorf("%s: a marked term in a heading: %s", where, line)
			}
		}
		// The window's Markdown drops a link inside emphasis.
		for _, span := range emphasis.FindAllString(text, -1) {
			if strings.Contains(span, "[[") {
				t.Errorf("%s: a marked term inside emphasis: %s", where, span)
			}
		}
	}
	for _, st := range assets.Stages {
		md, err := assets.Guide(st)
		if err != nil {
			t.Fatal(err)
		}
		check("guide "+st, md)
	}
	check("tour", assets.Tour())
	fs := allFindings()
	if len(fs) != len(Rules()) {
		t.Fatalf("%d findings for %d rules", len(fs), len(Rules()))
	}
	for _, f := range fs {
		check("coach "+f.ID, f.Saw+"\n"+f.Why+"\n"+f.Do)
	}
	ls, err := BuiltinLessons()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		for i, text := range l.Texts() {
			check("lesson "+l.ID+" text "+string(rune('0'+i%10)), text)
		}
	}
}

func TestGlossary_MarksAndProblems(t *testing.T) {
	g, err := ParseGlossary([]byte(`[{"term":"test rows","aliases":["test set"],"definition":"d"},{"term":"baseline","definition":"d","see":["test rows"]}]`))
	if err != nil {
		t.Fatal(err)
	}
	text := "Open the [[test set|test rows]] once; beat the [[baseline]]."
	if m := Marks(text); len(m) != 2 || m[0].Shown != "test set" || m[0].Term != "test rows" {
		t.Fatalf("marks %+v", m)
	}
	if got := Plain(text); got != "Open the test set once; beat the baseline." {
		t.Fatalf("plain %q", got)
	}
	if p := g.Problems(text + " The baseline again."); len(p) != 0 {
		t.Fatalf("problems %v", p)
	}
	if p := g.Problems("Beat the baseline on the test set, see [[drift]]."); len(p) != 3 {
		t.Fatalf("want 3 problems, got %v", p)
	}
	if p := g.Problems("baselines and test-rows and protest rows"); len(p) != 0 {
		t.Fatalf("words inside other words: %v", p)
	}
	for _, bad := range []string{`[{"term":"a"}]`, `[{"term":"a","definition":"d"},{"term":"A","definition":"d"}]`,
		`[{"term":"a","definition":"d","see":["b"]}]`, `{}`} {
		if _, err := ParseGlossary([]byte(bad)); !errors.Is(err, ErrGlossary) {
			t.Errorf("%s: %v", bad, err)
		}
	}
}
