package coach

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Quiz sizes: every step of a lesson ends with a quiz of this many
// questions.
const (
	MinQuestions = 3
	MaxQuestions = 5
)

// Lesson is a guided lesson on one bundled sample: a story (who needs the
// model and why), goals, and one part per step of the workflow, each with
// checkpoints (conditions on the project) and a quiz. Lessons are data:
// see assets/lessons/README.md for the file format.
type Lesson struct {
	ID     string       `json:"id"`
	Sample string       `json:"sample"`
	Title  string       `json:"title"`
	Story  string       `json:"story"`
	Goals  []string     `json:"goals"`
	Steps  []LessonStep `json:"steps"`
}

// LessonStep is the part of a lesson for one step of the workflow.
type LessonStep struct {
	Stage       string       `json:"stage"`
	Intro       string       `json:"intro"`
	Checkpoints []Checkpoint `json:"checkpoints"`
	// Quiz is the step's own questions; SharedQuiz names a file of
	// questions shared by every lesson (assets/lessons/quiz/NAME.json)
	// that complete it. The quiz is Quiz followed by the shared questions,
	// at most MaxQuestions in all.
	Quiz       []Question `json:"quiz,omitempty"`
	SharedQuiz string     `json:"shared_quiz,omitempty"`
	questions  []Question
}

// Checkpoint is one thing to do: reached once every condition of When
// holds. Task says what to do, Hint where (the control to use).
type Checkpoint struct {
	ID    string   `json:"id"`
	Task  string   `json:"task"`
	Hint  string   `json:"hint"`
	When  []string `json:"when"`
	conds []Condition
}

// Question is a quiz question with its choices; exactly one is right, and
// each says why it is right or wrong.
type Question struct {
	ID      string   `json:"id"`
	Ask     string   `json:"ask"`
	Choices []Choice `json:"choices"`
}

// Choice is one answer to a question.
type Choice struct {
	Text  string `json:"text"`
	Right bool   `json:"right,omitempty"`
	Why   string `json:"why"`
}

// ErrLesson means a lesson or quiz file cannot be used as written.
var ErrLesson = errors.New("the lesson is broken")

// ParseQuestions reads a shared quiz file: a JSON array of questions.
func ParseQuestions(b []byte) ([]Question, error) {
	var qs []Question
	if err := decodeStrict(b, &qs); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrLesson, err)
	}
	for _, q := range qs {
		if err := q.check(); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrLesson, err)
		}
	}
	return qs, nil
}

// ParseLesson reads a lesson file and checks it: an ID, a sample, a title,
// a story and goals; one part per step in workflow order, each with at
// least one checkpoint whose conditions parse, and a quiz of MinQuestions
// to MaxQuestions questions once the shared questions (from shared, by
// name) are added; IDs unique. Errors wrap ErrLesson and name the part.
func ParseLesson(b []byte, shared map[string][]Question) (*Lesson, error) {
	var l Lesson
	if err := decodeStrict(b, &l); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrLesson, err)
	}
	if err := l.check(shared); err != nil {
		return nil, fmt.Errorf("%w: lesson %q: %w", ErrLesson, l.ID, err)
	}
	return &l, nil
}

func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func (l *Lesson) check(shared map[string][]Question) error {
	if l.ID == "" || l.Sample == "" || l.Title == "" || strings.TrimSpace(l.Story) == "" || len(l.Goals) == 0 {
		return errors.New("id, sample, title, story and goals are required")
	}
	if len(l.Steps) != len(Stages) {
		return fmt.Errorf("it has %d steps; it needs one for each of %s, in that order", len(l.Steps), strings.Join(Stages, ", "))
	}
	ids := map[string]bool{}
	for i := range l.Steps {
		st := &l.Steps[i]
		if st.Stage != Stages[i] {
			return fmt.Errorf("step %d is %q, want %q", i+1, st.Stage, Stages[i])
		}
		if strings.TrimSpace(st.Intro) == "" || len(st.Checkpoints) == 0 {
			return fmt.Errorf("step %s needs an intro and at least one checkpoint", st.Stage)
		}
		for j := range st.Checkpoints {
			cp := &st.Checkpoints[j]
			if cp.ID == "" || ids[cp.ID] || cp.Task == "" || cp.Hint == "" || len(cp.When) == 0 {
				return fmt.Errorf("step %s, checkpoint %d: a unique id, a task, a hint and conditions are required", st.Stage, j+1)
			}
			ids[cp.ID] = true
			cp.conds = nil
			for _, w := range cp.When {
				c, err := ParseCondition(w)
				if err != nil {
					return fmt.Errorf("checkpoint %s: %w", cp.ID, err)
				}
				cp.conds = append(cp.conds, c)
			}
		}
		qs := slices.Clone(st.Quiz)
		if st.SharedQuiz != "" {
			more, ok := shared[st.SharedQuiz]
			if !ok {
				return fmt.Errorf("step %s uses the shared quiz %q, which does not exist", st.Stage, st.SharedQuiz)
			}
			qs = append(qs, more...)
		}
		qs = qs[:min(len(qs), MaxQuestions)]
		if len(qs) < MinQuestions {
			return fmt.Errorf("step %s has a quiz of %d questions; it needs %d to %d", st.Stage, len(qs), MinQuestions, MaxQuestions)
		}
		for _, q := range qs {
			if err := q.check(); err != nil {
				return fmt.Errorf("step %s: %w", st.Stage, err)
			}
			if ids["quiz:"+q.ID] {
				return fmt.Errorf("step %s: question %q repeats", st.Stage, q.ID)
			}
			ids["quiz:"+q.ID] = true
		}
		st.questions = qs
	}
	return nil
}

func (q Question) check() error {
	if q.ID == "" || strings.TrimSpace(q.Ask) == "" || len(q.Choices) < 2 {
		return fmt.Errorf("question %q needs an id, a question and at least two choices", q.ID)
	}
	right := 0
	for _, c := range q.Choices {
		if strings.TrimSpace(c.Text) == "" || strings.TrimSpace(c.Why) == "" {
			return fmt.Errorf("question %q: every choice needs a text and an explanation", q.ID)
		}
		if c.Right {
			right++
		}
	}
	if right != 1 {
		return fmt.Errorf("question %q has %d right choices; it needs exactly one", q.ID, right)
	}
	return nil
}

// Questions returns the step's quiz: its own questions, then the shared
// ones, at most MaxQuestions.
func (st LessonStep) Questions() []Question { return slices.Clone(st.questions) }

// Holds reports whether every condition of the checkpoint holds.
func (cp Checkpoint) Holds(s Snapshot) bool {
	conds := cp.conds
	if conds == nil {
		for _, w := range cp.When {
			c, err := ParseCondition(w)
			if err != nil {
				return false
			}
			conds = append(conds, c)
		}
	}
	for _, c := range conds {
		if !c.Holds(s) {
			return false
		}
	}
	return len(conds) > 0
}

// Step returns the lesson's part for stage.
func (l *Lesson) Step(stage string) (LessonStep, bool) {
	i := slices.IndexFunc(l.Steps, func(st LessonStep) bool { return st.Stage == stage })
	if i < 0 {
		return LessonStep{}, false
	}
	return l.Steps[i], true
}

// Checkpoints lists every checkpoint in order.
func (l *Lesson) Checkpoints() []Checkpoint {
	var out []Checkpoint
	for _, st := range l.Steps {
		out = append(out, st.Checkpoints...)
	}
	return out
}

// Texts returns every text of the lesson a learner reads (story, goals,
// intros, tasks, hints, questions, choices and explanations), for checks
// such as the glossary's.
func (l *Lesson) Texts() []string {
	out := append([]string{l.Story}, l.Goals...)
	for _, st := range l.Steps {
		out = append(out, st.Intro)
		for _, cp := range st.Checkpoints {
			out = append(out, cp.Task+" "+cp.Hint)
		}
		for _, q := range st.questions {
			out = append(out, QuestionText(q))
		}
	}
	return out
}

// QuestionText is a question with its choices and explanations as one
// text, for checks.
func QuestionText(q Question) string {
	parts := []string{q.Ask}
	for _, c := range q.Choices {
		parts = append(parts, c.Text, c.Why)
	}
	return strings.Join(parts, "\n")
}
