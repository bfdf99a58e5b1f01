package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"slices"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"modelbench/plots"
	"modelbench/workflow/progress"
)

// outcomes records what a runner reported, from any goroutine.
type outcomes struct {
	mu   sync.Mutex
	done []string
	errs []error
}

func record(r *runner) *outcomes {
	o := &outcomes{}
	r.onDone = func(_ jobKey, label string) {
		o.mu.Lock()
		defer o.mu.Unlock()
		o.done = append(o.done, label)
	}
	r.onError = func(_ jobKey, label string, err error) {
		o.mu.Lock()
		defer o.mu.Unlock()
		o.errs = append(o.errs, err)
	}
	return o
}

// TestRunner_JobsOfOneStage starts a training (first), then a second task
// while it runs, on the goroutine runner: a job of the same stage runs
// beside it, the same job replaces it and only the new result applies, and
// cancelling one job leaves the other running.
func TestRunner_JobsOfOneStage(t *testing.T) {
	cases := []struct {
		name        string
		second      jobKey
		cancelFirst bool
		wantOverlap bool   // the second's work ran while the first's still ran
		wantFirst   string // how the first's work ended
		wantDone    []string
	}{
		{"1 a score runs beside a training", jobScoreFile, false, true, "released", []string{"first", "second"}},
		{"2 a tuning runs beside a training", jobTune, false, true, "released", []string{"first", "second"}},
		{"3 a second training replaces the first; only its result applies", jobTrain, false, false, "cancelled", []string{"second"}},
		{"4 cancelling the training leaves the score running", jobScoreFile, true, true, "cancelled", []string{"second"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRunner()
			got := record(r)
			release := make(chan struct{})
			firstRunning, firstEnded, secondRunning := make(chan struct{}), make(chan struct{}), make(chan struct{})
			var first string
			var overlap bool
			r.Start(jobTrain, "first", func(ctx context.Context, _ progress.Func) error {
				close(firstRunning)
				defer close(firstEnded)
				select {
				case <-ctx.Done():
					first = "cancelled"
					return ctx.Err()
				case <-release:
					first = "released"
					return nil
				}
			})
			<-firstRunning
			r.Start(tc.second, "second", func(ctx context.Context, _ progress.Func) error {
				select {
				case <-firstEnded:
				default:
					overlap = true
				}
				close(secondRunning)
				select {
				case <-ctx.Done():
					return ctx.Err()
				case <-release:
					return nil
				}
			})
			<-secondRunning
			if tc.cancelFirst {
				r.Cancel(jobTrain)
				<-firstEnded
			}
			close(release)
			r.Wait()
			slices.Sort(got.done)
			if first != tc.wantFirst || overlap != tc.wantOverlap || !slices.Equal(got.done, tc.wantDone) || len(got.errs) != 0 {
				t.Fatalf("first %s, overlap %v, done %v, errors %v; want first %s, overlap %v, done %v and no errors",
					first, overlap, got.done, got.errs, tc.wantFirst, tc.wantOverlap, tc.wantDone)
			}
			if a := r.Active(); len(a) != 0 {
				t.Fatalf("still active after every task ended: %v", a)
			}
		})
	}
}

// TestRunner_Outcomes checks how a task's end is reported, on the inline
// runner: success is done, a failure or a panic is an error, a
// cancellation is silent.
func TestRunner_Outcomes(t *testing.T) {
	cases := []struct {
		name     string
		work     func(r *runner) taskFunc
		wantDone bool
		wantErr  string // "" for no error
	}{
		{"1 success", func(*runner) taskFunc {
			return func(context.Context, progress.Func) error { return nil }
		}, true, ""},
		{"2 a failure", func(*runner) taskFunc {
			return func(context.Context, progress.Func) error { return errors.New("plain failure") }
		}, false, "plain failure"},
		{"3 a panic", func(*runner) taskFunc {
			return func(context.Context, progress.Func) error { panic("kaput") }
		}, false, "kaput"},
		{"4 cancelled, returning ctx.Err()", func(r *runner) taskFunc {
			return func(ctx context.Context, _ progress.Func) error {
				r.Cancel(jobScoreFile)
				return ctx.Err()
			}
		}, false, ""},
		{"5 cancelled, returning a wrapped ctx.Err()", func(r *runner) taskFunc {
			return func(ctx context.Context, _ progress.Func) error {
				r.Cancel(jobScoreFile)
				return fmt.Errorf("scoring new.csv: %w", ctx.Err())
			}
		}, false, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRunner()
			r.sync = true
			got := record(r)
			r.Start(jobScoreFile, "scoring", tc.work(r))
			if done := len(got.done) == 1; done != tc.wantDone {
				t.Errorf("done %v, want %v", got.done, tc.wantDone)
			}
			switch {
			case tc.wantErr == "" && len(got.errs) != 0:
				t.Errorf("errors %v, want none", got.errs)
			case tc.wantErr != "" && (len(got.errs) != 1 || !strings.Contains(got.errs[0].Error(), tc.wantErr)):
				t.Errorf("errors %v, want one with %q", got.errs, tc.wantErr)
			}
			if len(r.Active()) != 0 {
				t.Errorf("still active: %v", r.Active())
			}
		})
	}
}

// TestJobs_WrappedCancellationIsSilent: a view job whose work returns a
// wrapped context.Canceled neither applies nor reports an error; a plain
// failure reaches onErr.
func TestJobs_WrappedCancellationIsSilent(t *testing.T) {
	cases := []struct {
		name    string
		err     error
		wantErr bool
	}{
		{"1 wrapped cancellation", fmt.Errorf("drawing the ROC curve: %w", context.Canceled), false},
		{"2 plain cancellation", context.Canceled, false},
		{"3 a failure", errors.New("no classes"), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			j := newJobs()
			j.sync = true
			applied, reported := false, false
			j.Run("figure", func(context.Context) (func(), error) {
				return func() { applied = true }, tc.err
			}, func(error) { reported = true })
			if applied || reported != tc.wantErr {
				t.Fatalf("applied %v, error reported %v; want no apply and error reported %v", applied, reported, tc.wantErr)
			}
		})
	}
}

// TestStatusBar_RowPerJobCancelStopsOnlyItsJob runs a training that has
// reported half its progress and a score of unknown length: the status
// bar shows a row for each with its own progress, and the training's
// Cancel button stops the training only.
func TestStatusBar_RowPerJobCancelStopsOnlyItsJob(t *testing.T) {
	test.NewTempApp(t)
	r := newRunner()
	got := record(r)
	s := newStatusBar(r)
	changes := make(chan int, 16)
	r.onChange = func(a []taskState) { s.update(a); changes <- len(a) }
	release, trainRunning := make(chan struct{}), make(chan struct{})
	var trainEnd, scoreEnd error
	r.Start(jobTrain, "Training and validating", func(ctx context.Context, report progress.Func) error {
		report.Send(0.5, "fold 2 of 4")
		close(trainRunning)
		<-ctx.Done()
		trainEnd = ctx.Err()
		return trainEnd
	})
	<-trainRunning
	r.Start(jobScoreFile.on("new_scored.csv"), "Scoring new.csv", func(ctx context.Context, _ progress.Func) error {
		select {
		case <-ctx.Done():
			scoreEnd = ctx.Err()
		case <-release:
		}
		return scoreEnd
	})
	for _, want := range []int{1, 1, 2} { // started, reported, second started
		if n := <-changes; n != want {
			t.Fatalf("the status bar was told of %d tasks, want %d", n, want)
		}
	}
	train, score := s.rows[jobTrain], s.rows[jobScoreFile.on("new_scored.csv")]
	if train == nil || score == nil || len(s.list.Objects) != 2 || s.list.Objects[0] != train.obj || !s.list.Visible() {
		t.Fatalf("want a row for the training, then one for the score; rows %v", s.rows)
	}
	if !strings.HasPrefix(train.label.Text, "Training and validating — fold 2 of 4") || train.bar.Value != 0.5 || !train.bar.Visible() {
		t.Errorf("training row: %q at %v (bar shown %v)", train.label.Text, train.bar.Value, train.bar.Visible())
	}
	if score.label.Text != "Scoring new.csv" || score.bar.Visible() || !score.activity.Running() {
		t.Errorf("score row: %q, bar shown %v, activity running %v", score.label.Text, score.bar.Visible(), score.activity.Running())
	}
	test.Tap(train.cancel)
	if n := <-changes; n != 1 {
		t.Fatalf("after cancelling the training the status bar shows %d tasks, want 1", n)
	}
	if len(s.list.Objects) != 1 || s.list.Objects[0] != score.obj || s.rows[jobTrain] != nil {
		t.Fatalf("after cancelling the training: rows %v", s.rows)
	}
	close(release)
	r.Wait()
	if n := <-changes; n != 0 || s.list.Visible() {
		t.Errorf("the status bar shows %d tasks (visible %v) after both ended", n, s.list.Visible())
	}
	if !errors.Is(trainEnd, context.Canceled) || scoreEnd != nil || !slices.Equal(got.done, []string{"Scoring new.csv"}) || len(got.errs) != 0 {
		t.Fatalf("training ended with %v, score with %v; done %v, errors %v", trainEnd, scoreEnd, got.done, got.errs)
	}
}

// TestFigureView_SupersededFigureDoesNotRenderOrApply shows a figure and,
// while it is built or rendered, shows a newer one in the same view (the
// inline job runner runs the newer one to the end at once). The
// superseded figure must not be rendered once it is known to be stale, and
// must never replace the newer one.
func TestFigureView_SupersededFigureDoesNotRenderOrApply(t *testing.T) {
	cases := []struct {
		name        string
		supersede   string // "", "build" or "render": where the newer show starts
		wantRenders int
		wantNewer   bool // the view ends showing the newer figure
	}{
		{"1 not superseded: rendered once and shown", "", 1, false},
		{"2 superseded while building: never rendered", "build", 1, true},
		{"3 superseded while rendering: not shown", "render", 2, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u, _ := newTestUI(t, Options{})
			v := newFigureView(u, "test-figure", fyne.NewSize(200, 150))
			older, newer := &plots.Figure{}, &plots.Figure{}
			renders := 0
			v.render = func(f *plots.Figure, w, h int, _ float32) (image.Image, error) {
				renders++
				if tc.supersede == "render" && f == older {
					v.show(func() (*plots.Figure, error) { return newer, nil })
				}
				return image.NewRGBA(image.Rect(0, 0, w, h)), nil
			}
			v.show(func() (*plots.Figure, error) {
				if tc.supersede == "build" {
					v.show(func() (*plots.Figure, error) { return newer, nil })
				}
				return older, nil
			})
			want := older
			if tc.wantNewer {
				want = newer
			}
			if renders != tc.wantRenders || v.current != want || v.img.Image == nil {
				t.Fatalf("%d renders, showing the newer figure %v (image %v); want %d renders, newer %v",
					renders, v.current == newer, v.img.Image != nil, tc.wantRenders, tc.wantNewer)
			}
		})
	}
}
