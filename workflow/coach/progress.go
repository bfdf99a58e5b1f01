package coach

import (
	"slices"
	"time"
)

// Progress is a learner's way through one lesson, saved with the project:
// the checkpoints reached (once reached, a checkpoint stays reached, so
// going back to change something does not undo the lesson) and the quiz
// answers.
type Progress struct {
	Lesson  string   `json:"lesson"`
	Reached []string `json:"reached,omitempty"`
	// Answers holds the choice made for each question (by question ID),
	// the first answer only, as a score should be.
	Answers map[string]int `json:"answers,omitempty"`
	// Quizzes lists the steps whose quiz was finished.
	Quizzes []string  `json:"quizzes,omitempty"`
	Started time.Time `json:"started"`
}

// Advance returns p with the checkpoints of l that hold in s added to
// Reached, and the IDs newly reached. Steps are taken in order: a step's
// checkpoints count once every checkpoint of the steps before it is
// reached, so that a step's list does not tick itself off before the
// learner gets there.
func (p Progress) Advance(l *Lesson, s Snapshot) (Progress, []string) {
	out := p.clone()
	var added []string
	for _, st := range l.Steps {
		complete := true
		for _, cp := range st.Checkpoints {
			if !slices.Contains(out.Reached, cp.ID) && cp.Holds(s) {
				out.Reached = append(out.Reached, cp.ID)
				added = append(added, cp.ID)
			}
			complete = complete && slices.Contains(out.Reached, cp.ID)
		}
		if !complete {
			break
		}
	}
	return out, added
}

// Answer records the choice for question id (the first answer counts) and
// whether it was right.
func (p Progress) Answer(q Question, choice int) (Progress, bool) {
	out := p.clone()
	if out.Answers == nil {
		out.Answers = map[string]int{}
	}
	if _, done := out.Answers[q.ID]; !done {
		out.Answers[q.ID] = choice
	}
	return out, choice >= 0 && choice < len(q.Choices) && q.Choices[choice].Right
}

// FinishQuiz records that stage's quiz was finished.
func (p Progress) FinishQuiz(stage string) Progress {
	out := p.clone()
	if !slices.Contains(out.Quizzes, stage) {
		out.Quizzes = append(out.Quizzes, stage)
	}
	return out
}

func (p Progress) clone() Progress {
	out := p
	out.Reached = slices.Clone(p.Reached)
	out.Quizzes = slices.Clone(p.Quizzes)
	if p.Answers != nil {
		out.Answers = make(map[string]int, len(p.Answers))
		for k, v := range p.Answers {
			out.Answers[k] = v
		}
	}
	return out
}

// StepStatus is where a learner stands in one step of a lesson.
type StepStatus struct {
	Stage   string
	Reached int // checkpoints reached
	Total   int
	// QuizDue says every checkpoint is reached but the quiz is not done.
	QuizDue  bool
	QuizDone bool
	Right    int // quiz answers that were right
}

// Done reports whether the step's checkpoints and quiz are all done.
func (s StepStatus) Done() bool { return s.Reached == s.Total && s.QuizDone }

// Status sums up p for lesson l: each step's counts, the next checkpoint
// to reach (nil when all are reached) and the share of the lesson done
// (checkpoints and quizzes alike, 0 to 1).
func (p Progress) Status(l *Lesson) ([]StepStatus, *Checkpoint, float64) {
	var out []StepStatus
	var next *Checkpoint
	done, total := 0, 0
	for _, st := range l.Steps {
		ss := StepStatus{Stage: st.Stage, Total: len(st.Checkpoints), QuizDone: slices.Contains(p.Quizzes, st.Stage)}
		for i, cp := range st.Checkpoints {
			if slices.Contains(p.Reached, cp.ID) {
				ss.Reached++
			} else if next == nil {
				next = &st.Checkpoints[i]
			}
		}
		for _, q := range st.questions {
			if a, ok := p.Answers[q.ID]; ok && a >= 0 && a < len(q.Choices) && q.Choices[a].Right {
				ss.Right++
			}
		}
		ss.QuizDue = ss.Reached == ss.Total && !ss.QuizDone
		done += ss.Reached
		total += ss.Total + 1
		if ss.QuizDone {
			done++
		}
		out = append(out, ss)
	}
	return out, next, float64(done) / float64(max(total, 1))
}
