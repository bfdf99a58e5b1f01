// Package coach watches a project for the classic mistakes of machine
// learning and teaches while the person works: rules over a plain
// Snapshot of the project's state, each finding saying what it saw (with
// the numbers), why it matters, what to do and, where possible, an
// Action that does it; lessons whose checkpoints are Conditions on the
// same snapshot, with quizzes; and the glossary that every guide, finding
// and quiz marks its technical words against ([[term]]).
//
// The rules (Rules lists them): rows without a target; something learnt
// from all rows before the split; an identifier, or a likely leak, used
// as a feature (and a leak the default preparation left out, so nothing
// happens silently); dates or codes read as plain numbers; too few rows
// for the number of prepared columns; accuracy on an imbalanced target,
// with what always answering the majority scores; a model no better than
// the baseline, or chosen over another by less than the spread across
// folds; an evaluation on the training rows; the test rows opened for more
// than one model or version; a decision threshold left at 0.5 although
// mistakes were priced; a deployment package without monitoring or
// without the documentation bundle.
//
// Fitting before the split: Modelbench's design makes it impossible
// inside a project — every value the preparation learns is fitted on the
// training rows only, and again inside each cross-validation fold — and
// the fit_before_split rule checks that invariant from the snapshot (test
// rows among the rows the preparation learnt from) instead of assuming
// it, so it stays silent on every project Modelbench prepares. Where it
// can still happen is before the data arrives: a file whose numeric
// columns already have mean 0 and standard deviation 1 (or span exactly
// 0 to 1) over every row was scaled with the test rows' help, and the
// rule says so.
//
// A finding's Evidence digests the numbers it rests on: a Dismissal
// holds while they are unchanged, and the finding returns when they
// change. Workflow's Project saves dismissals and lesson Progress in the
// project file.
//
// Errors: ParseGlossary, ParseLesson and ParseQuestions wrap ErrGlossary
// or ErrLesson; ParseCondition wraps ErrCondition. Everything else is a
// pure function of its arguments; values are safe for concurrent use
// once built, and Builtin data is shared and must not be changed.
package coach
