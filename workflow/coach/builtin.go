package coach

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"modelbench/assets"
)

var builtinGlossary = sync.OnceValues(func() (*Glossary, error) { return ParseGlossary(assets.Glossary()) })

// BuiltinGlossary returns the glossary embedded in assets (glossary.json),
// parsed once. It fails only when the embedded file is broken.
func BuiltinGlossary() (*Glossary, error) { return builtinGlossary() }

var builtinLessons = sync.OnceValues(func() ([]*Lesson, error) {
	shared := map[string][]Question{}
	for _, f := range assets.SharedQuizzes() {
		qs, err := ParseQuestions(f.Data)
		if err != nil {
			return nil, fmt.Errorf("lessons/quiz/%s: %w", f.Name, err)
		}
		shared[strings.TrimSuffix(f.Name, ".json")] = qs
	}
	var out []*Lesson
	for _, f := range assets.Lessons() {
		l, err := ParseLesson(f.Data, shared)
		if err != nil {
			return nil, fmt.Errorf("lessons/%s: %w", f.Name, err)
		}
		out = append(out, l)
	}
	order := map[string]int{}
	for i, s := range assets.Samples() {
		order[strings.ToLower(s.ID)] = i
	}
	slices.SortStableFunc(out, func(a, b *Lesson) int { return order[strings.ToLower(a.Sample)] - order[strings.ToLower(b.Sample)] })
	return out, nil
})

// BuiltinLessons returns the lessons embedded in assets (lessons/*.json,
// with the shared quizzes of lessons/quiz), parsed and checked once, in
// the order of the samples they use (assets/samples/samples.json). It
// fails only when an embedded file is broken.
func BuiltinLessons() ([]*Lesson, error) { return builtinLessons() }

// LessonByID returns the built-in lesson with the given ID.
func LessonByID(id string) (*Lesson, bool) {
	ls, err := BuiltinLessons()
	if err != nil {
		return nil, false
	}
	for _, l := range ls {
		if l.ID == id {
			return l, true
		}
	}
	return nil, false
}

// LessonForSample returns the built-in lesson on a bundled sample.
func LessonForSample(sample string) (*Lesson, bool) {
	ls, err := BuiltinLessons()
	if err != nil {
		return nil, false
	}
	for _, l := range ls {
		if strings.EqualFold(l.Sample, sample) {
			return l, true
		}
	}
	return nil, false
}
