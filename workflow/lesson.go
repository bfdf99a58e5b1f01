package workflow

import (
	"fmt"
	"slices"
	"time"

	"modelbench/workflow/coach"
)

// StartLesson starts the built-in lesson id on this project; its progress
// is saved with the project, so it survives a restart. Starting the lesson
// already in progress keeps its progress; starting another replaces it.
// It fails on an unknown lesson.
func (p *Project) StartLesson(id string) (*coach.Lesson, error) {
	l, ok := coach.LessonByID(id)
	if !ok {
		return nil, fmt.Errorf("no lesson named %q", id)
	}
	p.mu.Lock()
	if cur := p.doc.Coach.Lesson; cur == nil || cur.Lesson != id {
		p.doc.Coach.Lesson = &coach.Progress{Lesson: id, Started: time.Now().UTC()}
		p.doc.Modified = time.Now().UTC()
	}
	p.mu.Unlock()
	p.AdvanceLesson()
	p.emit(Event{Kind: ConfigChanged, Stage: StageData, Message: "lesson " + id})
	return l, nil
}

// StopLesson ends the lesson in progress and forgets its progress.
func (p *Project) StopLesson() {
	p.mu.Lock()
	had := p.doc.Coach.Lesson != nil
	p.doc.Coach.Lesson = nil
	p.mu.Unlock()
	if had {
		p.emit(Event{Kind: ConfigChanged, Stage: StageData, Message: "lesson stopped"})
	}
}

// Lesson returns the lesson in progress and a copy of its progress, or nil
// when none is (or the saved lesson no longer exists).
func (p *Project) Lesson() (*coach.Lesson, coach.Progress) {
	p.mu.Lock()
	cur := p.doc.Coach.Lesson
	var prog coach.Progress
	if cur != nil {
		prog = *cur
	}
	p.mu.Unlock()
	if cur == nil {
		return nil, prog
	}
	l, ok := coach.LessonByID(prog.Lesson)
	if !ok {
		return nil, prog
	}
	return l, prog
}

// AdvanceLesson records the checkpoints of the lesson in progress that
// the project now meets and returns their IDs (none without a lesson).
func (p *Project) AdvanceLesson() []string {
	l, prog := p.Lesson()
	if l == nil {
		return nil
	}
	next, added := prog.Advance(l, p.CoachSnapshot())
	if len(added) == 0 {
		return nil
	}
	if !p.setProgress(prog.Lesson, func(coach.Progress) coach.Progress { return next }) {
		return nil
	}
	p.emit(Event{Kind: ConfigChanged, Stage: StageData, Message: "lesson progress"})
	return added
}

// AnswerQuiz records the learner's choice for a question of the lesson's
// quiz at stage (the first answer counts) and reports whether it is right.
func (p *Project) AnswerQuiz(stage, question string, choice int) (bool, error) {
	l, prog := p.Lesson()
	if l == nil {
		return false, fmt.Errorf("no lesson is in progress")
	}
	st, ok := l.Step(stage)
	if !ok {
		return false, fmt.Errorf("the lesson has no step %q", stage)
	}
	qs := st.Questions()
	i := slices.IndexFunc(qs, func(q coach.Question) bool { return q.ID == question })
	if i < 0 || choice < 0 || choice >= len(qs[i].Choices) {
		return false, fmt.Errorf("the %s quiz has no question %q with a choice %d", stage, question, choice+1)
	}
	var right bool
	p.setProgress(prog.Lesson, func(cur coach.Progress) coach.Progress {
		var out coach.Progress
		out, right = cur.Answer(qs[i], choice)
		return out
	})
	p.emit(Event{Kind: ConfigChanged, Stage: stageNamed(stage), Message: "quiz answer"})
	return right, nil
}

// FinishQuiz records that the quiz at the end of stage was finished.
func (p *Project) FinishQuiz(stage string) error {
	l, prog := p.Lesson()
	if l == nil {
		return fmt.Errorf("no lesson is in progress")
	}
	if _, ok := l.Step(stage); !ok {
		return fmt.Errorf("the lesson has no step %q", stage)
	}
	p.setProgress(prog.Lesson, func(cur coach.Progress) coach.Progress { return cur.FinishQuiz(stage) })
	p.emit(Event{Kind: ConfigChanged, Stage: stageNamed(stage), Message: "quiz finished"})
	return nil
}

// setProgress changes the saved progress of lesson id, unless another
// lesson was started meanwhile; it reports whether it did.
func (p *Project) setProgress(id string, change func(coach.Progress) coach.Progress) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	cur := p.doc.Coach.Lesson
	if cur == nil || cur.Lesson != id {
		return false
	}
	next := change(*cur)
	p.doc.Coach.Lesson = &next
	p.doc.Modified = time.Now().UTC()
	return true
}
