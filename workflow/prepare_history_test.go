package workflow

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// prepState is what undo must restore: the pipeline's step kinds (or
// "default") and the split, in words.
func prepState(p *Project) string {
	pl, isDefault := p.Pipeline()
	steps := "default"
	if !isDefault {
		var kinds []string
		for _, s := range pl.Steps {
			kinds = append(kinds, s.Kind)
		}
		steps = strings.Join(kinds, ",")
	}
	sp := p.SplitSpec()
	return fmt.Sprintf("%s | %s %.2f/%.2f/%.2f seed %d", steps, sp.Method, sp.Train, sp.Valid, sp.Test, sp.Seed)
}

func TestProject_UndoRedoPreparation(t *testing.T) {
	p := New()
	ctx := context.Background()
	if err := p.LoadData(ctx, DataRef{Sample: "penguins"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.UndoPrepare(); !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("undo on a new project: %v", err)
	}
	s0 := prepState(p)
	def, _ := p.Pipeline()
	if err := p.SetPipeline(def.Append(prep.Configure("scale", param.Values{"method": "minmax"}, "")), "added the step scale", ""); err != nil {
		t.Fatal(err)
	}
	s1 := prepState(p)
	if err := p.SetSplit(prep.SplitSpec{Method: prep.SplitRandom, Train: 0.7, Valid: 0.1, Test: 0.2, Seed: 9}, ""); err != nil {
		t.Fatal(err)
	}
	s2 := prepState(p)
	if s0 == s1 || s1 == s2 {
		t.Fatalf("the changes changed nothing: %q %q %q", s0, s1, s2)
	}
	// An invalid change is refused and is not recorded.
	if err := p.SetSplit(prep.SplitSpec{Method: prep.SplitRandom, Train: 0.9, Valid: 0.9, Test: 0.2}, ""); err == nil {
		t.Fatal("a split adding up to 2 was accepted")
	}
	if u, r := p.PrepareHistory(); !strings.HasPrefix(u, "split random 70/10/20") || r != "" {
		t.Fatalf("history undo %q redo %q", u, r)
	}
	if _, err := p.RunPrepare(ctx, nil); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		do   func() (string, error)
		want string
		what string
	}{
		{p.UndoPrepare, s1, "split random"},
		{p.UndoPrepare, s0, "added the step scale"},
		{p.RedoPrepare, s1, "added the step scale"},
		{p.RedoPrepare, s2, "split random"},
		{p.UndoPrepare, s1, "split random"},
	}
	for i, st := range steps {
		what, err := st.do()
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got := prepState(p); got != st.want || !strings.HasPrefix(what, st.what) {
			t.Fatalf("step %d: state %q (%q), want %q (%q)", i, got, what, st.want, st.what)
		}
		if i == 0 && p.Status(StagePrepare) != Stale {
			t.Errorf("undo left Prepare %v, want stale", p.Status(StagePrepare))
		}
	}
	// A new change forgets what was undone.
	if err := p.ResetPipeline("back to the default"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RedoPrepare(); !errors.Is(err, ErrNothingToRedo) {
		t.Fatalf("redo after a new change: %v", err)
	}
	if _, err := p.UndoPrepare(); err != nil || prepState(p) != s1 {
		t.Fatalf("undoing the reset: %v, state %q want %q", err, prepState(p), s1)
	}
	var undone, redone int
	for _, j := range p.Journal() {
		if j.Stage == "prepare" && strings.HasPrefix(j.What, "undone: ") {
			undone++
		}
		if j.Stage == "prepare" && strings.HasPrefix(j.What, "redone: ") {
			redone++
		}
	}
	if undone != 4 || redone != 2 {
		t.Errorf("journal has %d undone and %d redone entries, want 4 and 2", undone, redone)
	}
}

func TestProject_PrepareHistoryIsBounded(t *testing.T) {
	p := New()
	for i := 0; i < maxPrepareHistory+7; i++ {
		if err := p.SetSplit(prep.SplitSpec{Method: prep.SplitRandom, Train: 0.6, Valid: 0.2, Test: 0.2, Seed: uint64(i)}, ""); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for {
		if _, err := p.UndoPrepare(); err != nil {
			break
		}
		n++
	}
	if n != maxPrepareHistory {
		t.Fatalf("%d changes could be undone, want %d", n, maxPrepareHistory)
	}
	if got := p.SplitSpec().Seed; got != 6 {
		t.Fatalf("the oldest change kept is seed %d, want 6", got)
	}
}
